//! Where validators send what they find: [`Sink`], with [`Collector`] (keep
//! every error) and [`Checker`] (only remember whether anything failed, for
//! `oneOf`/`anyOf`/`not` branches), and the run's [`Options`].

use crate::validate::client_url::ClientBlacklist;
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// Whether `format` is asserted.
    pub formats: Formats,
    /// What Kazoo's client-URL rule refuses (default: Kazoo's defaults).
    pub client_blacklist: ClientBlacklist,
}

impl Options {
    /// Options asserting formats as Kazoo does.
    pub fn kazoo_formats() -> Options {
        Options {
            formats: Formats::Kazoo,
            ..Options::default()
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

    /// What the client-URL rule refuses in this run.
    fn client_blacklist(&self) -> &ClientBlacklist;
}

/// Keeps every error.
#[derive(Debug, Default)]
pub struct Collector {
    errors: Vec<ValidationError>,
    formats: Formats,
    client_blacklist: ClientBlacklist,
}

impl Collector {
    /// An empty collector for a run with `options`.
    pub fn new(options: &Options) -> Collector {
        Collector {
            errors: Vec::new(),
            formats: options.formats,
            client_blacklist: options.client_blacklist.clone(),
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

    #[inline]
    fn client_blacklist(&self) -> &ClientBlacklist {
        &self.client_blacklist
    }
}

/// Only remembers whether anything failed. It borrows its parent's
/// settings: made for every `anyOf`/`oneOf`/`not` branch, it copies
/// nothing.
#[derive(Debug)]
pub struct Checker<'a> {
    valid: bool,
    formats: Formats,
    client_blacklist: &'a ClientBlacklist,
}

impl<'a> Checker<'a> {
    /// A checker asserting formats like `parent`.
    #[inline]
    pub fn within(parent: &'a impl Sink) -> Checker<'a> {
        Checker {
            valid: true,
            formats: parent.formats(),
            client_blacklist: parent.client_blacklist(),
        }
    }

    /// Whether nothing failed.
    #[inline]
    pub fn is_valid(&self) -> bool {
        self.valid
    }
}

impl Sink for Checker<'_> {
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

    #[inline]
    fn client_blacklist(&self) -> &ClientBlacklist {
        self.client_blacklist
    }
}
