//! [`PivotResponse`]: the callflow a pivot server answers with, as Kazoo
//! reads it (one node, `application/json`, status 200), and [`check`], which
//! finds what would make Kazoo drop the call before the response leaves.
//!
//! What Kazoo does with the response (Kazoo master):
//! - `pivot_call:handle_resp/5` and `process_resp/4`
//!   (`applications/pivot/src/pivot_call.erl`) hand the body and its
//!   `Content-Type` to `kzt_translator:exec/4`
//!   (`core/kazoo_translator/src/kzt_translator.erl`), whose
//!   `find_candidate_translators/1` picks `kzt_kazoo` for `application/json`
//!   (and `kzt_twiml` for XML; an unknown type tries both). A 4xx or 5xx
//!   status ends the pivot (`pivot_call:handle_info/2`).
//! - `kzt_kazoo:exec/2` (`core/kazoo_translator/src/converters/kzt_kazoo.erl`)
//!   puts the whole decoded body under `flow` of a new callflow document
//!   (`kzd_callflows:set_flow/2`) and validates it
//!   (`kzd_callflows:validate_flow/1`). So the body is one node; a
//!   `{"flow": …}` document would put a node without `module` under `flow`
//!   and fail validation.
//!   A validation error ends the call (`{'error', Call, Errors}` →
//!   `{'stop', Call}` in `pivot_call:process_resp/4`), with none of the
//!   type fixing Crossbar does on save. At run time the callflow executor
//!   skips a node whose module it does not know.

use crate::Flow;
use crate::validate::{Options, Validate, ValidationErrors};

/// A pivot response: one callflow node, sent as `application/json` with
/// status 200.
///
/// ```
/// use kazoo_callflows::{Flow, actions::Tts, pivot::PivotResponse};
///
/// let response = PivotResponse::new(Flow::new(Tts::new("Hello caller")));
/// assert_eq!(PivotResponse::CONTENT_TYPE, "application/json");
/// assert_eq!(
///     response.body(),
///     br#"{"module":"tts","data":{"text":"Hello caller"}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PivotResponse {
    flow: Flow,
}

impl PivotResponse {
    /// The `Content-Type` that makes Kazoo read the body as a Kazoo callflow.
    pub const CONTENT_TYPE: &'static str = "application/json";
    /// The HTTP status of a response Kazoo executes.
    pub const STATUS: u16 = 200;

    /// A response running `flow`, unchecked.
    pub fn new(flow: impl Into<Flow>) -> PivotResponse {
        PivotResponse { flow: flow.into() }
    }

    /// A response running `flow` if [`check`] finds nothing wrong with it;
    /// otherwise `fallback` gets the errors (to log them) and returns the
    /// flow to send instead, so a handler bug becomes a logged error and a
    /// safe answer rather than a dropped call. The fallback is not checked:
    /// make it a fixed flow your tests check.
    pub fn checked(flow: Flow, fallback: impl FnOnce(&ValidationErrors) -> Flow) -> PivotResponse {
        PivotResponse::checked_with(flow, &Options::default(), fallback)
    }

    /// [`PivotResponse::checked`] with these [`Options`] (for instance the
    /// client-URL blacklists of the Kazoo this server answers, when its
    /// system configuration changed Kazoo's defaults).
    pub fn checked_with(
        flow: Flow,
        options: &Options,
        fallback: impl FnOnce(&ValidationErrors) -> Flow,
    ) -> PivotResponse {
        match check_with(&flow, options) {
            Ok(()) => PivotResponse { flow },
            Err(errors) => PivotResponse {
                flow: fallback(&errors),
            },
        }
    }

    /// The flow sent.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The flow sent, by value.
    pub fn into_flow(self) -> Flow {
        self.flow
    }

    /// The response body: the node as JSON.
    pub fn body(&self) -> Vec<u8> {
        // A `Flow` always serializes: keys are strings, values JSON.
        serde_json::to_vec(&self.flow).unwrap_or_default()
    }
}

impl From<Flow> for PivotResponse {
    fn from(flow: Flow) -> PivotResponse {
        PivotResponse::new(flow)
    }
}

/// Every error in `flow` that would make Kazoo end the call or skip a
/// node, as Kazoo's schemas say (the generated validators: the module must
/// name a callflow schema, `data` must pass `callflows.<module>`, children
/// must be nodes, recursively) and Kazoo's rules beyond them (a
/// `voice_url`, webhook `uri` or recording `url` must be a client URL Kazoo
/// may call: `http`/`https`, not `localhost`, `127.0.0.1` or `0.0.0.0`, see
/// [`ClientBlacklist`](crate::validate::ClientBlacklist)); `Ok` when there
/// is none.
pub fn check(flow: &Flow) -> Result<(), ValidationErrors> {
    flow.validate()
}

/// [`check`] with these [`Options`].
pub fn check_with(flow: &Flow, options: &Options) -> Result<(), ValidationErrors> {
    flow.validate_with(options)
}
