//! [`Transport`]: how the emulator sends a pivot request and gets the
//! answer. The library has no HTTP client; the `kazoo-callflows` command
//! line supplies one, tests may supply their own.

use crate::pivot::ClientRequest;
use std::time::Duration;

/// What a pivot server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, when there is one.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// Why no answer came.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The server could not be reached (bad URL, no such host, refused).
    #[error("cannot reach the server: {0}")]
    Unreachable(String),
    /// The server did not answer in time.
    #[error("no answer within {} ms", .0.as_millis())]
    Timeout(Duration),
}

/// Sends pivot requests.
pub trait Transport {
    /// Sends `request` and waits at most `timeout` for the whole answer.
    fn send(
        &mut self,
        request: &ClientRequest,
        timeout: Duration,
    ) -> Result<HttpAnswer, TransportError>;
}
