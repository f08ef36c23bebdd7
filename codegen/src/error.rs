//! Generation errors: every variant names the schema file and, where the
//! problem sits inside a document, the JSON pointer (RFC 6901) to it.

use std::fmt;
use std::path::PathBuf;

/// A place in a schema file: the file and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLocation {
    /// The schema file.
    pub file: PathBuf,
    /// RFC 6901 pointer into the file's JSON; empty for the whole document.
    pub pointer: String,
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file.display(), self.pointer)
    }
}

/// Why a schema directory could not be turned into code or docs.
///
/// Generation is all-or-nothing: when this is returned, nothing has been
/// written. [`Error::kind`] tells which problem it is.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(Box<ErrorKind>);

impl Error {
    /// Which problem this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
}

/// The problems [`Error`] reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The schema directory does not exist or cannot be listed.
    #[error("{}: cannot read the schema directory: {source}", dir.display())]
    MissingDirectory {
        /// The directory that was asked for.
        dir: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The directory holds no `callflows.json` / `callflows.*.json` files.
    #[error("{}: no callflows.json or callflows.*.json schema in this directory", dir.display())]
    NoCallflowSchemas {
        /// The directory that was searched.
        dir: PathBuf,
    },
    /// A schema file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A schema file is not valid JSON.
    #[error("{}: invalid JSON at line {line}, column {column}: {message}", file.display())]
    InvalidJson {
        /// The file.
        file: PathBuf,
        /// 1-based line of the syntax error.
        line: usize,
        /// 1-based column of the syntax error.
        column: usize,
        /// serde_json's description of the problem.
        message: String,
    },
    /// A `$ref` names no schema in the directory.
    #[error(
        "{at}: $ref \"{reference}\" ({uri}) matches no schema `id`, `_id` or file name in the directory"
    )]
    DanglingRef {
        /// Where the `$ref` is.
        at: SourceLocation,
        /// The reference as written.
        reference: String,
        /// The URI it resolves to.
        uri: String,
    },
    /// A `type` keyword names something that is not a JSON Schema type.
    #[error(
        "{at}: unknown type \"{value}\" (expected one of array, boolean, integer, null, number, object, string)"
    )]
    UnknownType {
        /// Where the `type` keyword is.
        at: SourceLocation,
        /// The offending value.
        value: String,
    },
    /// A keyword has a value of the wrong shape (`"minLength": "5"`).
    #[error("{at}: `{keyword}` must be {expected}")]
    InvalidKeyword {
        /// Where the keyword is.
        at: SourceLocation,
        /// The keyword.
        keyword: String,
        /// What the keyword's value must be.
        expected: &'static str,
    },
    /// Two schema files declare the same `_id`.
    #[error("{at}: schema id \"{id}\" is also declared by {}", other.display())]
    DuplicateId {
        /// The `_id` of the first file.
        at: SourceLocation,
        /// The shared id.
        id: String,
        /// The second file.
        other: PathBuf,
    },
    /// Writing the output failed.
    #[error("{}: cannot write: {source}", file.display())]
    Write {
        /// The output file.
        file: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The generated Rust did not parse; a generator bug, reported rather than
    /// written out.
    #[error("internal error: generated Rust for {what} does not parse: {message}")]
    GeneratedCode {
        /// Which output.
        what: String,
        /// syn's message.
        message: String,
    },
    /// No value of a module's data type satisfies its schema, so the docs
    /// cannot show an example of it.
    #[error(
        "{at}: no value of module `{module}`'s data type satisfies its schema; cannot write its docs example"
    )]
    NoExample {
        /// The module's schema.
        at: SourceLocation,
        /// The module.
        module: String,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
