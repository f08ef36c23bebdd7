//! `pattern` and `patternProperties` with ECMA-262 semantics, through the
//! `regress` engine (what JSON Schema specifies; `\d` is ASCII, `.` stops
//! at every line terminator). Each pattern is compiled once, on first use.

use std::sync::OnceLock;

/// One schema pattern, compiled lazily.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern from its ECMA-262 source.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The source text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the pattern matches anywhere in `text` (patterns are not
    /// anchored); `None` when the source is not a valid ECMA-262 pattern
    /// (the generator rejects those, so this does not happen for schemas
    /// it accepted).
    #[inline]
    pub fn is_match(&self, text: &str) -> Option<bool> {
        self.compiled
            .get_or_init(|| regress::Regex::new(self.source).ok())
            .as_ref()
            .map(|re| re.find(text).is_some())
    }
}
