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

use crate::{Action, Flow};
use std::fmt;

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
    /// otherwise `fallback` gets the problems (to log them) and returns the
    /// flow to send instead, so a handler bug becomes a logged error and a
    /// safe answer rather than a dropped call. The fallback is not checked:
    /// make it a fixed flow your tests check.
    pub fn checked(flow: Flow, fallback: impl FnOnce(&[ResponseProblem]) -> Flow) -> PivotResponse {
        match check(&flow) {
            Ok(()) => PivotResponse { flow },
            Err(problems) => PivotResponse {
                flow: fallback(&problems),
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

/// One thing in a response that Kazoo would reject or skip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseProblem {
    /// Where, as a JSON pointer into the response (`/children/_/data`).
    pub pointer: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for ResponseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// Every problem in `flow` that would make Kazoo end the call or skip a
/// node; `Ok` when there is none.
///
/// INTEGRATION POINT (issue 3, generated validators): until `Flow`'s
/// validator lands this checks what the types know — every module is one
/// the schemas define, every node has `data` that deserializes as its
/// module's type, every `children` entry is a node — but not value
/// constraints (`minimum`, `maxLength`, `pattern`, …). When the validator
/// lands, this function returns its errors instead.
pub fn check(flow: &Flow) -> Result<(), Vec<ResponseProblem>> {
    let mut problems = Vec::new();
    let mut stack = vec![(String::new(), flow)];
    while let Some((pointer, node)) = stack.pop() {
        if let Action::Other(raw) = &node.action {
            if !raw.is_known_module() {
                problems.push(ResponseProblem {
                    pointer: format!("{pointer}/module"),
                    message: format!(
                        "unknown module `{}`: no callflow schema defines it, Kazoo would skip this node",
                        raw.module
                    ),
                });
            } else if raw.data.is_none() {
                problems.push(ResponseProblem {
                    pointer: pointer.clone(),
                    message: String::from("the node has no `data`"),
                });
            } else if let Some(e) = raw.type_error() {
                problems.push(ResponseProblem {
                    pointer: format!("{pointer}/data"),
                    message: format!("does not fit `{}`: {e}", raw.module),
                });
            }
        }
        for key in node.children.invalid().keys() {
            problems.push(ResponseProblem {
                pointer: format!("{pointer}/children/{}", escape_pointer(key)),
                message: String::from("not a callflow node (an object with a `module` string)"),
            });
        }
        let children: Vec<_> = node.children.iter().collect();
        for (key, child) in children.into_iter().rev() {
            stack.push((format!("{pointer}/children/{}", escape_pointer(key)), child));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
