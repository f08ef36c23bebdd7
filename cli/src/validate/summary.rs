//! [`Summary`]: what a run found, counted as verdicts go by, printed on
//! standard error at the end — as text, or as one JSON object with
//! `--summary json`.
//!
//! `records` counts every record read; each is `valid`, `invalid` or
//! `skipped` (a CouchDB document that is not a callflow). `errors` counts
//! every error; `errors_by_keyword` counts them by keyword (`json` for text
//! that is not JSON, `input` for JSON that is not a callflow) and
//! `errors_by_module` by the module of the node they are in (errors
//! outside every node, such as a document's `numbers`, are not in it).

use super::verdict::{Outcome, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How the summary is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// Lines for people.
    Text,
    /// One JSON object.
    Json,
    /// Not at all.
    None,
}

/// The counts of a run.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records read.
    pub records: u64,
    /// Records checked and valid.
    pub valid: u64,
    /// Records checked and invalid (broken JSON included).
    pub invalid: u64,
    /// Records not checked (not callflow documents, in CouchDB shapes).
    pub skipped: u64,
    /// Errors in all.
    pub errors: u64,
    /// Errors per module.
    pub errors_by_module: BTreeMap<String, u64>,
    /// Errors per keyword.
    pub errors_by_keyword: BTreeMap<String, u64>,
}

impl Summary {
    /// Counts `verdict`.
    pub fn add(&mut self, verdict: &Verdict) {
        self.records += 1;
        match &verdict.outcome {
            Outcome::Skipped => self.skipped += 1,
            Outcome::Checked(findings) if findings.is_empty() => self.valid += 1,
            Outcome::Checked(findings) => {
                self.invalid += 1;
                self.errors += findings.len() as u64;
                for f in findings {
                    *self
                        .errors_by_keyword
                        .entry(f.error.keyword.clone())
                        .or_default() += 1;
                    if let Some(m) = &f.module {
                        *self.errors_by_module.entry(m.clone()).or_default() += 1;
                    }
                }
            }
        }
    }

    /// The summary in `format` (empty for `none`), ending in a newline.
    pub fn render(&self, format: SummaryFormat) -> String {
        match format {
            SummaryFormat::None => String::new(),
            SummaryFormat::Json => {
                let mut s = serde_json::to_string(self).unwrap_or_default();
                s.push('\n');
                s
            }
            SummaryFormat::Text => {
                let mut s = format!(
                    "{} record(s): {} valid, {} invalid, {} skipped, {} error(s)\n",
                    self.records, self.valid, self.invalid, self.skipped, self.errors
                );
                for (what, counts) in [
                    ("module", &self.errors_by_module),
                    ("keyword", &self.errors_by_keyword),
                ] {
                    if counts.is_empty() {
                        continue;
                    }
                    let mut sorted: Vec<(&String, &u64)> = counts.iter().collect();
                    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                    let listed: Vec<String> =
                        sorted.iter().map(|(k, n)| format!("{k} {n}")).collect();
                    let _ = writeln!(s, "errors by {what}: {}", listed.join(", "));
                }
                s
            }
        }
    }
}
