//! [`RequestError`]: why a request is not a pivot request Kazoo could have
//! sent, with a reason a person can act on (it is the body of the 400).

/// A request that could not be read as a pivot request.
///
/// Every variant is the client's fault: answer it with a 400 and the
/// [`Display`](std::fmt::Display) text as the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// A `%` not followed by two hex digits.
    #[error(
        "bad percent-encoding at byte {offset}: `{found}` is not `%` followed by two hex digits"
    )]
    BadPercentEncoding {
        /// Byte offset of the `%` in the query string or body.
        offset: usize,
        /// The text from the `%` on (at most three bytes).
        found: String,
    },
    /// Percent-decoded bytes that are not UTF-8.
    #[error("{what} is not UTF-8 once percent-decoded")]
    InvalidUtf8 {
        /// Which name or value.
        what: String,
    },
    /// `Digits[custom_name` without the closing `]`.
    #[error("`{name}`: `[` without a closing `]`")]
    UnclosedBracket {
        /// The decoded name.
        name: String,
    },
    /// `Digits[a]b`: text after a closing bracket.
    #[error("`{name}`: unexpected text after `]`")]
    TextAfterBracket {
        /// The decoded name.
        name: String,
    },
    /// `[a]=1`: brackets with no name before them.
    #[error("`{name}`: brackets need a name before them")]
    EmptyName {
        /// The decoded name.
        name: String,
    },
    /// `a=1&a[b]=2`: one name used for two kinds of value.
    #[error(
        "`{name}`: the name is already used as another kind of value (plain, list `[]` or object `[key]`)"
    )]
    Conflict {
        /// The decoded name of the pair that conflicts.
        name: String,
    },
    /// Brackets nested deeper than [`form::MAX_NESTING`](super::form::MAX_NESTING).
    #[error("`{name}`: brackets nest deeper than {limit} levels")]
    TooDeep {
        /// The decoded name.
        name: String,
        /// The limit.
        limit: usize,
    },
    /// A JSON body that is not a JSON object.
    #[error("the JSON body is not a JSON object: {message}")]
    Json {
        /// What the JSON parser said.
        message: String,
    },
    /// A field whose value does not have the field's type.
    #[error("`{field}`: {message}")]
    Field {
        /// Dotted path of the field (`Digits.custom_name`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A POST whose `Content-Type` is neither form nor JSON.
    #[error(
        "unsupported content type `{content_type}`: Kazoo sends `application/x-www-form-urlencoded` or `application/json`"
    )]
    UnsupportedContentType {
        /// The `Content-Type` header as sent (empty when missing).
        content_type: String,
    },
    /// A body over the server's size limit.
    #[error("the request body is larger than the server's limit")]
    BodyTooLarge,
    /// A body that could not be read (the connection failed, …).
    #[error("the request body could not be read: {message}")]
    Body {
        /// What went wrong.
        message: String,
    },
}
