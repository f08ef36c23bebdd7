//! The walk through TwiML answers ([`super::super::twiml`]): each verb a
//! transcript line, keys from the [`Outcomes`](super::Outcomes), dials
//! ending as they say, and the next request where `Gather`, `Dial` or
//! `Redirect` send one (with the gathered `Digits`, as
//! `kzt_twiml:req_params/1` does).

use super::super::answer::Next;
use super::super::event::Event;
use super::super::outcomes::CollectionEnd;
use super::super::twiml::{self, Verb};
use super::Walker;
use crate::pivot::{BodyFormat, HttpMethod, RequestFormat};
use std::time::Duration;

/// How a TwiML document ends.
enum TwimlEnd {
    /// With a request for the next document.
    Request(String, HttpMethod),
    /// With the end of the call, for this reason.
    Stop(String),
}

/// How the requests that TwiML sends go out.
pub(super) struct Requests {
    pub(super) format: RequestFormat,
    pub(super) body_format: BodyFormat,
    pub(super) timeout: Duration,
}

impl Walker<'_> {
    /// Runs TwiML answers (and the answers to the requests they send)
    /// until an answer is something else: a callflow, a failure, or the
    /// end of the call.
    pub(super) fn settle(&mut self, mut next: Next, mut url: String, how: &Requests) -> Next {
        loop {
            let Next::Twiml(verbs) = next else {
                return next;
            };
            match self.run_twiml(&verbs, &url) {
                TwimlEnd::Request(to, method) => {
                    url = self.rewritten(&to);
                    next = self.fetch(&url, method, how.body_format, how.format, how.timeout);
                }
                TwimlEnd::Stop(reason) => return Next::Stop(reason),
            }
        }
    }

    fn twiml_line(&mut self, verb: &str, text: String) {
        self.push(Event::Node {
            module: verb.to_string(),
            text,
        });
    }

    fn run_twiml(&mut self, verbs: &[Verb], url: &str) -> TwimlEnd {
        for verb in verbs {
            match verb {
                Verb::Say(_) | Verb::Play(_) | Verb::Pause(_) | Verb::Set(_) => {
                    self.plain_verb(verb);
                }
                Verb::Gather {
                    nested,
                    num_digits,
                    finish_on_key,
                    action,
                    method,
                } => {
                    for inner in nested {
                        match inner {
                            Verb::Say(_) | Verb::Play(_) | Verb::Pause(_) | Verb::Set(_) => {
                                self.plain_verb(inner);
                            }
                            _ => self.warn(String::from(
                                "Gather: Kazoo runs only what plays inside a Gather; \
                                 a verb that ends or redirects is ignored there",
                            )),
                        }
                    }
                    let max = num_digits.unwrap_or(usize::MAX);
                    let terminators: Vec<char> = finish_on_key.iter().copied().collect();
                    let got = self.outcomes.collect(max, &terminators);
                    if got.digits.is_empty() {
                        self.twiml_line(
                            "Gather",
                            String::from("Gather: no digits: Kazoo goes on with the next verb"),
                        );
                        continue;
                    }
                    let how = match got.end {
                        CollectionEnd::MaxDigits => format!("numDigits {max} reached"),
                        CollectionEnd::Terminator(c) => format!("ended by {c}"),
                        CollectionEnd::Pause => String::from("the caller paused"),
                        CollectionEnd::Silence => String::from("no more keys: timed out"),
                    };
                    let to = twiml::resolve(url, action.as_deref().unwrap_or(url));
                    self.twiml_line(
                        "Gather",
                        format!(
                            "Gather: Digits = \"{}\" ({how}) -> {} {to}",
                            got.digits,
                            method.as_str()
                        ),
                    );
                    self.gathered = Some(got.digits);
                    return TwimlEnd::Request(to, *method);
                }
                Verb::Dial {
                    target,
                    takes_over,
                    action,
                    method,
                } => {
                    if *takes_over {
                        self.twiml_line("Dial", format!("Dial: {target}"));
                        return TwimlEnd::Stop(format!(
                            "the call is in the {target}: the emulation stops here"
                        ));
                    }
                    let outcome = self.outcomes.bridge("Dial");
                    match action {
                        Some(action) => {
                            let to = twiml::resolve(url, action);
                            self.twiml_line(
                                "Dial",
                                format!(
                                    "Dial: {target}: {} -> {} {to}",
                                    outcome.as_text(),
                                    method.as_str()
                                ),
                            );
                            return TwimlEnd::Request(to, *method);
                        }
                        None => self
                            .twiml_line("Dial", format!("Dial: {target}: {}", outcome.as_text())),
                    }
                }
                Verb::Redirect { url: to, method } => {
                    let to = twiml::resolve(url, to);
                    self.twiml_line("Redirect", format!("Redirect: {} {to}", method.as_str()));
                    return TwimlEnd::Request(to, *method);
                }
                Verb::Record => {
                    self.twiml_line("Record", String::from("Record"));
                    self.warn(String::from(
                        "Record: the emulator records nothing: Kazoo goes on with the next verb \
                         as after an empty recording",
                    ));
                }
                Verb::Hangup => {
                    self.twiml_line("Hangup", String::from("Hangup"));
                    return TwimlEnd::Stop(String::from("Hangup: Kazoo hangs up"));
                }
                Verb::Unknown { name, line } => {
                    self.fault(format!(
                        "line {line} of the TwiML: Kazoo has no verb <{name}>: it ends the call"
                    ));
                    return TwimlEnd::Stop(format!("unknown TwiML verb <{name}>"));
                }
                Verb::Reject(reason) => {
                    let code = if reason == "busy" { 486 } else { 503 };
                    self.twiml_line("Reject", format!("Reject: {reason} ({code})"));
                    return TwimlEnd::Stop(format!("Kazoo rejects the call with {code}"));
                }
            }
        }
        TwimlEnd::Stop(String::from("end of the TwiML: Kazoo hangs up"))
    }

    /// A verb that plays or sets something, then lets the next one run.
    fn plain_verb(&mut self, verb: &Verb) {
        let (name, text) = match verb {
            Verb::Say(text) => (
                "Say",
                format!("Say: {}", serde_json::Value::from(text.as_str())),
            ),
            Verb::Play(what) => ("Play", format!("Play: {what}")),
            Verb::Pause(seconds) => ("Pause", format!("Pause: {seconds} s")),
            Verb::Set(vars) => (
                "Set",
                format!(
                    "Set: {}",
                    vars.iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            _ => return,
        };
        self.twiml_line(name, text);
    }
}
