//! `pattern` and `patternProperties` with ECMA-262 semantics (what JSON
//! Schema specifies: `\d` is ASCII, `.` stops at every line terminator).
//! The generator turns the simplest patterns (`.+`, `^[0-9]+$`) into Rust
//! functions, translates others to the `regex` crate's syntax where that
//! is exact (it matches without allocating), and leaves the rest to
//! `regress`, an ECMA-262 engine. Engines compile once, on first use; a
//! pattern read at run time (the schema interpreter) compiles up front.

use std::borrow::Cow;
use std::sync::OnceLock;

/// One schema pattern, compiled lazily.
#[derive(Debug)]
pub struct Pattern {
    source: Cow<'static, str>,
    engine: Engine,
}

#[derive(Debug)]
enum Engine {
    /// A generated function deciding the pattern directly.
    Compiled(fn(&str) -> bool),
    /// The pattern in `regex` syntax.
    Translated(Cow<'static, str>, OnceLock<Option<regex::Regex>>),
    /// The ECMA-262 source on `regress`.
    Ecma(OnceLock<Option<regress::Regex>>),
}

impl Pattern {
    /// A pattern run by `regress` on its ECMA-262 source.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source: Cow::Borrowed(source),
            engine: Engine::Ecma(OnceLock::new()),
        }
    }

    /// A pattern run by `regex` on `translated`, its exact translation.
    pub const fn translated(source: &'static str, translated: &'static str) -> Pattern {
        Pattern {
            source: Cow::Borrowed(source),
            engine: Engine::Translated(Cow::Borrowed(translated), OnceLock::new()),
        }
    }

    /// A pattern decided by `test`, generated from it.
    pub const fn compiled(source: &'static str, test: fn(&str) -> bool) -> Pattern {
        Pattern {
            source: Cow::Borrowed(source),
            engine: Engine::Compiled(test),
        }
    }

    /// `source` compiled now: by `regex` on `translated` (its exact
    /// translation, when there is one) or by `regress`. `None` when the
    /// engine refuses it.
    pub fn compile(source: &str, translated: Option<&str>) -> Option<Pattern> {
        let engine = match translated {
            Some(rust) => Engine::Translated(
                Cow::Owned(rust.to_string()),
                OnceLock::from(Some(regex::Regex::new(rust).ok()?)),
            ),
            None => Engine::Ecma(OnceLock::from(Some(regress::Regex::new(source).ok()?))),
        };
        Some(Pattern {
            source: Cow::Owned(source.to_string()),
            engine,
        })
    }

    /// The ECMA-262 source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Which engine decides it: `compiled`, `regex` or `regress`.
    pub fn engine(&self) -> &'static str {
        match self.engine {
            Engine::Compiled(_) => "compiled",
            Engine::Translated(..) => "regex",
            Engine::Ecma(_) => "regress",
        }
    }

    /// Whether the pattern matches anywhere in `text` (patterns are not
    /// anchored); `None` when it does not compile (the generator rejects
    /// such schemas, so this does not happen for schemas it accepted).
    #[inline]
    pub fn is_match(&self, text: &str) -> Option<bool> {
        match &self.engine {
            Engine::Compiled(test) => Some(test(text)),
            Engine::Translated(rust, cell) => cell
                .get_or_init(|| regex::Regex::new(rust).ok())
                .as_ref()
                .map(|re| re.is_match(text)),
            Engine::Ecma(cell) => cell
                .get_or_init(|| regress::Regex::new(&self.source).ok())
                .as_ref()
                .map(|re| re.find(text).is_some()),
        }
    }
}
