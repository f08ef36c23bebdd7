//! Where validators send what they find: [`Sink`], with [`Collector`] (keep
//! every error) and [`Checker`] (only remember whether anything failed, for
//! `oneOf`/`anyOf`/`not` branches), and the run's [`Options`].

use crate::validate::location::At;
use crate::validate::{ValidationError, ValidationErrors};

/// Whether `format` is asserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Formats {
    /// `format` is an annotation only (JSON Schema's default).
    #[default]
    Annotate,
    /// Assert what Kazoo's own validator asserts: `email`
    /// (`^[^@]+@[^@]+$`), `date-time`, `ipv4` and `ipv6`; not `uri`.
    Kazoo,
}

/// Settings of a validation run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Whether `format` is asserted.
    pub formats: Formats,
}

impl Options {
    /// Options asserting formats as Kazoo does.
    pub fn kazoo_formats() -> Options {
        Options {
            formats: Formats::Kazoo,
        }
    }
}

/// Receives the errors validators find.
pub trait Sink {
    /// Records that the value at `at` breaks `keyword` at `schema_path`;
    /// `at` is only turned into a pointer, and `message` only called, when
    /// the error is kept.
    fn error(
        &mut self,
        at: impl At,
        schema_path: &str,
        keyword: &'static str,
        message: impl FnOnce() -> String,
    );

    /// Whether `format` is asserted in this run.
    fn formats(&self) -> Formats;
}

/// Keeps every error.
#[derive(Debug, Default)]
pub struct Collector {
    errors: Vec<ValidationError>,
    formats: Formats,
}

impl Collector {
    /// An empty collector for a run with `options`.
    pub fn new(options: &Options) -> Collector {
        Collector {
            errors: Vec::new(),
            formats: options.formats,
        }
    }

    /// The errors found, sorted.
    pub fn finish(self) -> ValidationErrors {
        ValidationErrors::new(self.errors)
    }
}

impl Sink for Collector {
    #[cold]
    fn error(
        &mut self,
        at: impl At,
        schema_path: &str,
        keyword: &'static str,
        message: impl FnOnce() -> String,
    ) {
        self.errors.push(ValidationError {
            instance_path: at.pointer(),
            schema_path: schema_path.to_string(),
            keyword: keyword.to_string(),
            message: message(),
        });
    }

    #[inline]
    fn formats(&self) -> Formats {
        self.formats
    }
}

/// Only remembers whether anything failed.
#[derive(Debug)]
pub struct Checker {
    valid: bool,
    formats: Formats,
}

impl Checker {
    /// A checker asserting formats like `parent`.
    #[inline]
    pub fn within(parent: &impl Sink) -> Checker {
        Checker {
            valid: true,
            formats: parent.formats(),
        }
    }

    /// Whether nothing failed.
    #[inline]
    pub fn is_valid(&self) -> bool {
        self.valid
    }
}

impl Sink for Checker {
    #[inline]
    fn error(
        &mut self,
        _at: impl At,
        _schema_path: &str,
        _keyword: &'static str,
        _message: impl FnOnce() -> String,
    ) {
        self.valid = false;
    }

    #[inline]
    fn formats(&self) -> Formats {
        self.formats
    }
}
