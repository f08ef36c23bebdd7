//! Errors of the hand-written runtime: [`ParseError`] (input that is not a
//! callflow, with the JSON path) and [`UnknownValue`] (a string that is not
//! one of an enum's values).

use std::fmt;

/// Input that could not be read as a callflow, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// Dotted path to the offending value (`flow.children._.data.timeout`);
    /// empty for the document itself.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl ParseError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        ParseError {
            path: path.into(),
            message: message.into(),
        }
    }

    /// An error from `serde_path_to_error`, which names the value itself
    /// `.`: here that is the empty path, so that [`ParseError::within`]
    /// joins it cleanly (`data`, not `data..`).
    pub(crate) fn at_serde_path(
        path: &serde_path_to_error::Path,
        message: impl Into<String>,
    ) -> Self {
        let path = path.to_string();
        ParseError::new(if path == "." { String::new() } else { path }, message)
    }

    /// The same error, seen from `prefix` (`data` + `timeout` →
    /// `data.timeout`).
    pub fn within(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

/// Joins two dotted paths; either may be empty.
pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) if rest.starts_with('[') => format!("{prefix}{rest}"),
        (false, false) => format!("{prefix}.{rest}"),
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A string that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a {type_name} value (expected one of {})", expected.join(", "))]
pub struct UnknownValue {
    /// The enum.
    pub type_name: &'static str,
    /// The string given.
    pub value: String,
    /// The values the enum has.
    pub expected: Vec<&'static str>,
}

impl UnknownValue {
    /// An unknown `value` for `type_name`.
    pub fn new(type_name: &'static str, value: &str, expected: &[&'static str]) -> Self {
        UnknownValue {
            type_name,
            value: value.to_string(),
            expected: expected.to_vec(),
        }
    }
}
