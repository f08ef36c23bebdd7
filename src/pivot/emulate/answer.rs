//! What Kazoo makes of a pivot server's answer: the callflow it runs, or
//! why it ends the pivot.
//!
//! Kazoo master: `pivot_call:handle_info/2` ends the pivot on a 4xx or 5xx
//! status (and `cf_pivot` continues with the pivot node's children);
//! `process_resp/4` hangs up on an empty body; `kzt_translator:exec/4`
//! chooses translators by `Content-Type` (`application/json`: the Kazoo
//! callflow reader only; `text/xml`, `application/xml` and a missing type:
//! TwiML only ([`super::twiml`]); any other type: TwiML, then Kazoo), and a
//! body no translator recognises, invalid JSON or a callflow that fails
//! validation (`kzt_kazoo:exec/2`) ends the call.

use super::event::Event;
use super::transport::HttpAnswer;
use super::twiml::{self, Verb};
use crate::Flow;
use crate::validate::Options;
use serde_json::Value;

/// What Kazoo does next with an answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Next {
    /// It runs this callflow in place of the current one.
    Run(Box<Flow>),
    /// It runs these TwiML verbs.
    Twiml(Vec<Verb>),
    /// The pivot failed; the pivot node continues with its children.
    Continue,
    /// The call is hung up.
    Hangup,
    /// The call ends, for this reason (TwiML that ends it).
    Stop(String),
}

/// Reads `answer` as Kazoo does, pushing what it finds to `events`.
pub(crate) fn read(answer: &HttpAnswer, rules: &Options, events: &mut Vec<Event>) -> Next {
    let fault = |message: String| Event::Fault {
        pointer: None,
        message,
    };
    if !(200..300).contains(&answer.status) {
        let kind = match answer.status {
            400..=499 => "a client error",
            500..=599 => "a server error",
            _ => "not a success",
        };
        events.push(fault(format!(
            "status {} is {kind}: Kazoo ends the pivot and continues with the pivot node's children",
            answer.status
        )));
        return Next::Continue;
    }
    if answer.body.is_empty() {
        events.push(Event::Warning {
            message: String::from("the body is empty: Kazoo hangs up"),
        });
        return Next::Hangup;
    }
    let essence = answer
        .content_type
        .as_deref()
        .map(|ct| ct.split(';').next().unwrap_or_default().trim().to_string());
    match essence.as_deref() {
        Some("application/json") => {}
        None | Some("text/xml") | Some("application/xml") => {
            let named = match &essence {
                Some(ct) => format!("Content-Type {ct}"),
                None => String::from("no Content-Type (Kazoo reads it as text/xml)"),
            };
            return match twiml::parse(&String::from_utf8_lossy(&answer.body)) {
                Ok(verbs) => Next::Twiml(verbs),
                Err(why) => {
                    events.push(fault(format!(
                        "{named}: Kazoo reads only TwiML from it, and this is not TwiML it runs: \
                         {why}; Kazoo ends the call"
                    )));
                    Next::Hangup
                }
            };
        }
        Some(other) => {
            if let Ok(verbs) = twiml::parse(&String::from_utf8_lossy(&answer.body)) {
                events.push(Event::Warning {
                    message: format!(
                        "Content-Type {other}: Kazoo tries TwiML first, and this is TwiML; send text/xml"
                    ),
                });
                return Next::Twiml(verbs);
            }
            events.push(Event::Warning {
                message: format!(
                    "Content-Type {other}: Kazoo tries TwiML first, then reads a Kazoo callflow; \
                 send application/json"
                ),
            });
        }
    }
    let value: Value = match serde_json::from_slice(&answer.body) {
        Ok(v) => v,
        Err(e) => {
            events.push(fault(format!(
                "the body is not JSON (line {}, column {}: {e}): Kazoo hangs up",
                e.line(),
                e.column()
            )));
            return Next::Hangup;
        }
    };
    if let Err(errors) = rules.node(&value) {
        for e in errors.errors() {
            events.push(Event::Fault {
                pointer: Some(e.instance_path.clone()),
                message: format!("{} ({})", e.message, e.keyword),
            });
        }
        events.push(fault(format!(
            "the callflow has {} schema error{}: Kazoo refuses it and hangs up",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )));
        return Next::Hangup;
    }
    match serde_json::from_value::<Flow>(value) {
        Ok(flow) => Next::Run(Box::new(flow)),
        // Validation passed, so the body is a node; kept for safety.
        Err(e) => {
            events.push(fault(format!("the body is not a callflow node: {e}")));
            Next::Hangup
        }
    }
}
