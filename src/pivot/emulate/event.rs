//! The transcript of an emulated call: [`Event`]s in order, each one line
//! of text (`Display`) or one JSON object (`Serialize`, tagged `event`), and
//! the [`Verdict`] they add up to.

use crate::pivot::{HttpMethod, RequestFormat};
use serde::Serialize;
use std::fmt;

/// One thing that happened during the call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A pivot request went out.
    Request {
        /// 1 for the first request of the call.
        number: usize,
        /// GET or POST.
        method: HttpMethod,
        /// The URL (with the query string for GET).
        url: String,
        /// Kazoo's or TwiML's field names.
        format: RequestFormat,
        /// The POST body, as text.
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// The server answered.
    Answer {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` header.
        content_type: Option<String>,
        /// The body's size.
        bytes: usize,
    },
    /// A callflow node ran: its description and what came of it.
    Node {
        /// The node's module.
        module: String,
        /// `tts: "Hello"`, `menu: pressed 1 -> branch "1"`, …
        text: String,
    },
    /// Something Kazoo lets pass but a pivot developer should know.
    Warning {
        /// What.
        message: String,
    },
    /// Something Kazoo rejects or cannot run (exit status 1).
    Fault {
        /// Where in the answer's JSON, for JSON and schema errors.
        #[serde(skip_serializing_if = "Option::is_none")]
        pointer: Option<String>,
        /// What.
        message: String,
    },
    /// A server could not be reached (exit status 2).
    Unreachable {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// The call ended.
    End {
        /// Why.
        reason: String,
    },
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Request {
                number,
                method,
                url,
                format,
                body,
            } => {
                let format = match format {
                    RequestFormat::Kazoo => "",
                    RequestFormat::Twiml => " (TwiML fields)",
                };
                write!(f, "> request {number}: {} {url}{format}", method.as_str())?;
                match body {
                    Some(body) => write!(f, "\n>   body: {body}"),
                    None => Ok(()),
                }
            }
            Event::Answer {
                status,
                content_type,
                bytes,
            } => write!(
                f,
                "< {status} {} ({bytes} bytes)",
                content_type.as_deref().unwrap_or("(no Content-Type)")
            ),
            Event::Node { text, .. } => f.write_str(text),
            Event::Warning { message } => write!(f, "warning: {message}"),
            Event::Fault {
                pointer: Some(p),
                message,
            } => write!(
                f,
                "error: {}: {message}",
                if p.is_empty() { "/" } else { p }
            ),
            Event::Fault {
                pointer: None,
                message,
            } => write!(f, "error: {message}"),
            Event::Unreachable { url, message } => write!(f, "error: {url}: {message}"),
            Event::End { reason } => write!(f, "end: {reason}"),
        }
    }
}

/// What a call's events add up to, with its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The call ran to its end and every answer was a valid callflow (0).
    Completed,
    /// A server answered something Kazoo rejects or cannot run, or a limit
    /// was hit (1).
    Rejected,
    /// A server could not be reached (2).
    Unreachable,
}

impl Verdict {
    /// 0, 1 or 2.
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Completed => 0,
            Verdict::Rejected => 1,
            Verdict::Unreachable => 2,
        }
    }
}

/// Everything that happened during an emulated call, in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Transcript {
    /// The events.
    pub events: Vec<Event>,
    /// The nodes the call went through, in order.
    pub path: Vec<super::PathStep>,
}

impl Transcript {
    /// [`Verdict::Unreachable`] if any server could not be reached, else
    /// [`Verdict::Rejected`] if anything was at fault, else
    /// [`Verdict::Completed`].
    pub fn verdict(&self) -> Verdict {
        let unreachable = self
            .events
            .iter()
            .any(|e| matches!(e, Event::Unreachable { .. }));
        let fault = self.events.iter().any(|e| matches!(e, Event::Fault { .. }));
        if unreachable {
            Verdict::Unreachable
        } else if fault {
            Verdict::Rejected
        } else {
            Verdict::Completed
        }
    }

    /// The transcript as text, one event a line.
    pub fn to_text(&self) -> String {
        self.events.iter().map(|e| format!("{e}\n")).collect()
    }
}
