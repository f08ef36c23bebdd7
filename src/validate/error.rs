//! [`ValidationError`] (one broken rule: where in the instance, which schema
//! keyword, and a sentence) and [`ValidationErrors`] (all of them, sorted).

use serde::Serialize;
use std::fmt;

/// One rule the instance breaks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ValidationError {
    /// RFC 6901 JSON pointer to the offending value (`/children/_/data/timeout`);
    /// empty for the whole instance.
    pub instance_path: String,
    /// The schema id and the JSON pointer of the keyword that failed
    /// (`callflows.ring_group#/properties/timeout/minimum`).
    pub schema_path: String,
    /// The keyword (`minimum`, `required`, `kazoo-validation`, …).
    pub keyword: String,
    /// A sentence a person understands (`-5 is less than the minimum 1`).
    pub message: String,
}

impl fmt::Display for ValidationError {
    /// `<pointer>: <message> (<keyword>)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({})",
            self.instance_path, self.message, self.keyword
        )
    }
}

/// Every rule an instance breaks, sorted by instance path, then schema
/// path, keyword and message (so output is deterministic, and typed and raw
/// validation of the same value compare equal).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
    /// Sorts and wraps `errors`.
    pub fn new(mut errors: Vec<ValidationError>) -> Self {
        errors.sort();
        ValidationErrors { errors }
    }

    /// The errors, sorted.
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }

    /// The errors, sorted, by value.
    pub fn into_vec(self) -> Vec<ValidationError> {
        self.errors
    }

    /// How many errors there are.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether there are none (the instance is valid).
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(())` when there are no errors.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    /// One error per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}
