//! The JSON format: one object,
//! `{"old", "new", "summary": {"rust", "data", "counts"}, "changes": [..]}`.

use super::{Change, Diff, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    old: &'a str,
    new: &'a str,
    summary: Summary,
    changes: &'a [Change],
}

/// Renders `diff` as one pretty-printed JSON object and a newline.
pub fn render(diff: &Diff) -> String {
    let report = Report {
        old: &diff.old,
        new: &diff.new,
        summary: diff.summary(),
        changes: &diff.changes,
    };
    // Serializing plain strings, numbers and `Value`s cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
