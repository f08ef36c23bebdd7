//! The call emulator: plays Kazoo's side of a call against a pivot server,
//! at the level of control flow, and returns the [`Transcript`].
//!
//! [`emulate`] sends the first pivot request of a [`Call`], checks the
//! answer as Kazoo does (status, `Content-Type`, JSON, the schemas), then
//! walks the callflow it got like Kazoo's callflow executor (or runs the
//! TwiML it got, verb by verb, as Kazoo's TwiML translator does): each node
//! becomes an [`Event`]; `collect_dtmf` and `menu` take the keys the
//! [`Outcomes`] press; bridges (`device`, `user`, `ring_group`,
//! `resources`) end as the outcomes say and follow the matching child;
//! `temporal_route` takes the rule the outcomes find in effect (a
//! [`Clock`] evaluates Kazoo's temporal rule documents at a given time); `pivot` nodes send the
//! next request, with the `Digits` collected so far; `hangup` and the end of
//! the tree end the call. Nodes of modules Kazoo does not have are skipped,
//! with a warning. Steps and requests are bounded by [`Limits`].
//!
//! ```
//! use kazoo_callflows::pivot::emulate::{
//!     self, BridgeOutcome, Call, HttpAnswer, Limits, Script, Transport, TransportError,
//! };
//! use kazoo_callflows::pivot::ClientRequest;
//! use std::time::Duration;
//!
//! /// A pivot server in a closure: asks for digits, then says them back.
//! struct Server;
//! impl Transport for Server {
//!     fn send(&mut self, req: &ClientRequest, _: Duration) -> Result<HttpAnswer, TransportError> {
//!         let body = if req.url.contains("/collected") {
//!             r#"{"module":"tts","data":{"text":"You typed it"}}"#
//!         } else {
//!             r#"{"module":"collect_dtmf","data":{"max_digits":4,"collection_name":"pin"},
//!                 "children":{"_":{"module":"pivot","data":{"voice_url":"http://pivot.test/collected","req_format":"kazoo"}}}}"#
//!         };
//!         Ok(HttpAnswer { status: 200, content_type: Some("application/json".into()), body: body.into() })
//!     }
//! }
//!
//! let call = Call::new("http://pivot.test/collect");
//! let mut keys = Script::new("1234", BridgeOutcome::Answer)?;
//! let transcript = emulate::emulate(&call, &mut Server, &mut keys, &Limits::default());
//! assert_eq!(transcript.verdict().exit_code(), 0);
//! assert!(transcript.to_text().contains(r#"collect_dtmf: pin = "1234" (max_digits 4 reached)"#));
//! assert!(transcript.to_text().contains("Digits[pin]=1234"));
//! # Ok::<(), emulate::BadKey>(())
//! ```

mod answer;
mod event;
mod modules;
mod month_year_cycles;
mod outcomes;
mod temporal;
mod transport;
mod twiml;
mod walk;

pub use event::{Event, Transcript, Verdict};
pub use outcomes::{BadKey, BridgeOutcome, Collected, CollectionEnd, Outcomes, RuleChoice, Script};
pub use temporal::{BadTime, Clock, LocalTime, RuleState};
pub use transport::{HttpAnswer, Transport, TransportError};

use crate::Flow;
use crate::pivot::{BodyFormat, HttpMethod, PivotRequest, RequestFormat};
use std::time::Duration;

/// The call to emulate: where its first pivot request goes, how, and the
/// call's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The first request's URL.
    pub url: String,
    /// GET or POST.
    pub method: HttpMethod,
    /// The POST body's format.
    pub body_format: BodyFormat,
    /// Kazoo's or TwiML's field names for the first request.
    pub request_format: RequestFormat,
    /// The call's fields (`Caller-ID-Name`, `To`, …); the emulator adds
    /// `Digits`.
    pub request: PivotRequest,
    /// URL prefixes to replace before sending (`https://pivot.example.com`
    /// → `http://127.0.0.1:8080`), first match wins.
    pub rewrites: Vec<(String, String)>,
    /// What answers are checked with: the schemas' formats and Kazoo's
    /// client-URL blacklists (default: Kazoo's, which refuse a `pivot`
    /// node whose `voice_url` is on `127.0.0.1` or `localhost`; empty
    /// lists for a test server that pivots to itself on loopback, or
    /// [`Call::rewrites`] from the production URLs it answers with).
    pub rules: crate::validate::Options,
}

impl Call {
    /// A GET with Kazoo's field names to `url`, from a call with the fields
    /// Kazoo always sends (`Api-Version` `4.x`, `Direction` `inbound`,
    /// `Call-ID`) and no caller details.
    pub fn new(url: impl Into<String>) -> Call {
        Call {
            url: url.into(),
            method: HttpMethod::Get,
            body_format: BodyFormat::Form,
            request_format: RequestFormat::Kazoo,
            request: PivotRequest {
                api_version: Some(String::from("4.x")),
                call_id: Some(String::from("emulated-call")),
                direction: Some(String::from("inbound")),
                ..PivotRequest::default()
            },
            rewrites: Vec::new(),
            rules: crate::validate::Options::default(),
        }
    }
}

/// Bounds on an emulated call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Nodes run per callflow before the emulation stops (a fault).
    pub max_steps: usize,
    /// Pivot requests per call; one more is a fault (pivots that loop).
    pub max_requests: usize,
    /// How long a request may take when its pivot node has no
    /// `req_timeout_ms` (Kazoo's `request_timeout_ms` default: 5 s).
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_steps: 200,
            max_requests: 20,
            timeout: Duration::from_secs(5),
        }
    }
}

/// One node the call went through, for drawing the path taken.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PathStep {
    /// Which callflow it belongs to: 1 for the first one run, counting up
    /// with every pivot answer.
    pub flow: usize,
    /// The children key that led to it (`None` for a callflow's root).
    pub via: Option<String>,
    /// The node's description ([`describe::node`](crate::describe::node)).
    pub node: String,
}

/// Plays a call: the first request to `call.url`, then the callflows.
pub fn emulate(
    call: &Call,
    transport: &mut dyn Transport,
    outcomes: &mut dyn Outcomes,
    limits: &Limits,
) -> Transcript {
    walk::Walker::new(call, transport, outcomes, limits).call_url()
}

/// Plays a call from `flow` (a callflow you have rather than one a server
/// answers with); pivot nodes in it send requests with `call`'s fields.
pub fn emulate_flow(
    flow: &Flow,
    call: &Call,
    transport: &mut dyn Transport,
    outcomes: &mut dyn Outcomes,
    limits: &Limits,
) -> Transcript {
    walk::Walker::new(call, transport, outcomes, limits).call_flow(flow.clone())
}
