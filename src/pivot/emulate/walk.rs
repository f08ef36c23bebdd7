//! The walk: runs callflow nodes one after another as Kazoo's callflow
//! executor does (`applications/callflow/src/cf_exe.erl`), sending pivot
//! requests through the [`Transport`] and asking the [`Outcomes`] for what
//! the caller and the called do.
//!
//! Branching follows `cf_exe`: `continue(Key)` takes the child `Key`, else
//! the `_` child, else the call ends; `attempt(Key)` (menus, bridge
//! failures, temporal rules) takes the child `Key` only when there is one.

mod twiml_run;

use super::answer::{self, Next};
use super::event::{Event, Transcript};
use super::modules::{self, Kind};
use super::outcomes::{CollectionEnd, Outcomes};
use super::transport::{Transport, TransportError};
use super::{Call, Limits, PathStep};
use crate::pivot::{BodyFormat, DEFAULT_COLLECTION, Digits, HttpMethod, RequestFormat};
use crate::{DEFAULT_BRANCH, Flow, describe};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// Where the call goes after a node.
enum Move {
    /// To a child, through the key.
    Child(Flow, String),
    /// To the callflow a pivot server answered with.
    Run(Flow),
    /// Nowhere: the call ends, for this reason.
    End(String),
}

/// The state of one emulated call.
pub(super) struct Walker<'a> {
    call: &'a Call,
    transport: &'a mut dyn Transport,
    outcomes: &'a mut dyn Outcomes,
    limits: &'a Limits,
    transcript: Transcript,
    collections: BTreeMap<String, String>,
    requests: usize,
    flows: usize,
    /// The digits a TwiML `Gather` took, for the next request only.
    gathered: Option<String>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(
        call: &'a Call,
        transport: &'a mut dyn Transport,
        outcomes: &'a mut dyn Outcomes,
        limits: &'a Limits,
    ) -> Walker<'a> {
        Walker {
            call,
            transport,
            outcomes,
            limits,
            transcript: Transcript::default(),
            collections: BTreeMap::new(),
            requests: 0,
            flows: 0,
            gathered: None,
        }
    }

    /// The call from its first request to its end.
    pub(super) fn call_url(mut self) -> Transcript {
        let call = self.call;
        let url = self.rewritten(&call.url);
        let how = twiml_run::Requests {
            format: call.request_format,
            body_format: call.body_format,
            timeout: self.limits.timeout,
        };
        let next = self.fetch(&url, call.method, how.body_format, how.format, how.timeout);
        match self.settle(next, url, &how) {
            Next::Run(flow) => self.walk(*flow),
            Next::Continue => self.end(
                "the first request failed: Kazoo would continue after the pivot node that made it",
            ),
            Next::Hangup | Next::Twiml(_) => self.end("Kazoo hangs up"),
            Next::Stop(reason) => self.end(&reason),
        }
        self.transcript
    }

    /// The call from `flow` on.
    pub(super) fn call_flow(mut self, flow: Flow) -> Transcript {
        self.walk(flow);
        self.transcript
    }

    fn push(&mut self, event: Event) {
        self.transcript.events.push(event);
    }

    fn end(&mut self, reason: &str) {
        self.push(Event::End {
            reason: reason.to_string(),
        });
    }

    fn node_line(&mut self, flow: &Flow, text: String) {
        self.push(Event::Node {
            module: flow.module().to_string(),
            text,
        });
    }

    fn warn(&mut self, message: String) {
        self.push(Event::Warning { message });
    }

    fn fault(&mut self, message: String) {
        self.push(Event::Fault {
            pointer: None,
            message,
        });
    }

    fn walk(&mut self, mut flow: Flow) {
        self.flows += 1;
        let mut via: Option<String> = None;
        let mut steps = 0usize;
        loop {
            steps += 1;
            if steps > self.limits.max_steps {
                self.fault(format!(
                    "more than {} nodes ran (--max-steps): the emulation stops",
                    self.limits.max_steps
                ));
                self.end("step limit");
                return;
            }
            self.transcript.path.push(PathStep {
                flow: self.flows,
                via: via.take(),
                node: describe::node(&flow),
            });
            match self.step(&flow) {
                Move::Child(child, key) => {
                    flow = child;
                    via = Some(key);
                }
                Move::Run(next) => {
                    self.flows += 1;
                    flow = next;
                }
                Move::End(reason) => {
                    self.end(&reason);
                    return;
                }
            }
        }
    }

    /// `cf_exe:continue/2`: the child `key`, else `_`, else the end.
    fn continue_with(flow: &Flow, key: &str) -> Move {
        if let Some(child) = flow.child(key) {
            return Move::Child(child.clone(), key.to_string());
        }
        match flow.child(DEFAULT_BRANCH) {
            Some(child) => Move::Child(child.clone(), DEFAULT_BRANCH.to_string()),
            None => Move::End(String::from("end of the callflow: Kazoo hangs up")),
        }
    }

    /// `cf_exe:attempt/2`: the child `key` only.
    fn attempt(flow: &Flow, key: &str) -> Option<Move> {
        flow.child(key)
            .map(|child| Move::Child(child.clone(), key.to_string()))
    }

    fn step(&mut self, flow: &Flow) -> Move {
        let value = flow.to_value();
        let data = value.get("data").cloned().unwrap_or(Value::Null);
        let module = flow.module().to_string();
        let described = describe::node(flow);
        if data.get("skip_module") == Some(&Value::Bool(true)) {
            self.warn(format!(
                "{module}: skip_module is true: Kazoo skips the node"
            ));
            return Self::continue_with(flow, DEFAULT_BRANCH);
        }
        match modules::kind(&module) {
            Kind::Missing => {
                self.warn(format!(
                    "{module}: Kazoo has no callflow module of that name: it skips the node"
                ));
                Self::continue_with(flow, DEFAULT_BRANCH)
            }
            Kind::Continue => {
                self.node_line(flow, described);
                Self::continue_with(flow, DEFAULT_BRANCH)
            }
            Kind::End => {
                self.node_line(flow, described);
                Move::End(format!(
                    "{module} takes the call over: the emulation stops here"
                ))
            }
            Kind::Unmodelled => {
                self.node_line(flow, described);
                self.warn(format!(
                    "{module} chooses its branch from data the emulator does not have: following \"_\""
                ));
                Self::continue_with(flow, DEFAULT_BRANCH)
            }
            Kind::Bridge => self.bridge(flow, &module, &data, &described),
            Kind::Special => match module.as_str() {
                "collect_dtmf" => self.collect_dtmf(flow, &data),
                "menu" => self.menu(flow),
                "temporal_route" => self.temporal_route(flow, &data, &described),
                _ => self.pivot(flow, &data, &described),
            },
        }
    }

    /// `cf_device`, `cf_user`, `cf_ring_group`, `cf_resources`: answered
    /// ends the call; a failure takes the child keyed by the hangup cause or
    /// code; else `resources` hangs up, `ring_group` tries again `repeats`
    /// times, and the others continue with `_`.
    fn bridge(&mut self, flow: &Flow, module: &str, data: &Value, described: &str) -> Move {
        let attempts = match module {
            "ring_group" => data
                .get("repeats")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1),
            _ => 1,
        };
        for attempt in 1..=attempts {
            let outcome = self.outcomes.bridge(module);
            let Some((cause, code)) = outcome.failure() else {
                self.node_line(flow, format!("{described}: {}", outcome.as_text()));
                return Move::End(String::from(
                    "bridged: the call ends when the bridged call ends",
                ));
            };
            let what = format!("{described}: {} ({cause}, {code})", outcome.as_text());
            for key in [cause, code] {
                if let Some(next) = Self::attempt(flow, key) {
                    self.node_line(flow, format!("{what} -> branch \"{key}\""));
                    return next;
                }
            }
            if attempt < attempts {
                self.node_line(
                    flow,
                    format!("{what}: ringing again ({attempt} of {attempts})"),
                );
                continue;
            }
            if module == "resources" {
                self.node_line(flow, format!("{what}: no branch for either"));
                return Move::End(format!("Kazoo hangs up with {cause}"));
            }
            self.node_line(flow, format!("{what} -> \"_\""));
            return Self::continue_with(flow, DEFAULT_BRANCH);
        }
        Self::continue_with(flow, DEFAULT_BRANCH)
    }

    /// `cf_collect_dtmf`: digits typed ahead into the `default` collection
    /// count first (Kazoo takes them out of `default`); then up to
    /// `max_digits` (1) more, ending at a terminator (`#`), into
    /// `collection_name` (`default`).
    fn collect_dtmf(&mut self, flow: &Flow, data: &Value) -> Move {
        let max = data
            .get("max_digits")
            .and_then(Value::as_u64)
            .filter(|n| *n > 0)
            .map_or(1, |n| usize::try_from(n).unwrap_or(usize::MAX));
        let terminators = terminators(data);
        let name = data
            .get("collection_name")
            .and_then(Value::as_str)
            .unwrap_or(DEFAULT_COLLECTION)
            .to_string();
        let ahead = self
            .collections
            .remove(DEFAULT_COLLECTION)
            .map(|d| {
                d.chars()
                    .take_while(|c| !terminators.contains(c))
                    .collect::<String>()
            })
            .unwrap_or_default();
        let ahead_len = ahead.chars().count();
        let (digits, how) = if ahead_len >= max {
            let head: String = ahead.chars().take(max).collect();
            (head, String::from("typed ahead"))
        } else {
            let got = self.outcomes.collect(max - ahead_len, &terminators);
            let how = match got.end {
                CollectionEnd::MaxDigits => format!("max_digits {max} reached"),
                CollectionEnd::Terminator(c) => format!("ended by {c}"),
                CollectionEnd::Pause => String::from("the caller paused"),
                CollectionEnd::Silence => String::from("no more keys: timed out"),
            };
            (format!("{ahead}{}", got.digits), how)
        };
        self.node_line(flow, format!("collect_dtmf: {name} = \"{digits}\" ({how})"));
        self.collections.insert(name, digits);
        Self::continue_with(flow, DEFAULT_BRANCH)
    }

    /// `cf_menu` with the defaults of a menu document the emulator cannot
    /// read: 3 tries, up to 4 digits, `#` ends them. Digits with a child of
    /// that key take it; none takes `timeout`; out of tries takes
    /// `max_retries`, else `_`.
    fn menu(&mut self, flow: &Flow) -> Move {
        const TRIES: u32 = 3;
        const MAX_LENGTH: usize = 4;
        let mut tries = TRIES;
        while tries > 0 {
            let got = self.outcomes.collect(MAX_LENGTH, &['#']);
            let digits = got.digits;
            if digits.is_empty() {
                if let Some(next) = Self::attempt(flow, "timeout") {
                    self.node_line(flow, String::from("menu: no digits -> branch \"timeout\""));
                    return next;
                }
                tries -= 1;
                self.node_line(flow, format!("menu: no digits ({tries} tries left)"));
                continue;
            }
            if let Some(next) = Self::attempt(flow, &digits) {
                self.node_line(
                    flow,
                    format!("menu: pressed {digits} -> branch \"{digits}\""),
                );
                return next;
            }
            tries -= 1;
            self.node_line(
                flow,
                format!(
                    "menu: pressed {digits}: no such branch, invalid entry ({tries} tries left)"
                ),
            );
        }
        if let Some(next) = Self::attempt(flow, "max_retries") {
            self.node_line(
                flow,
                String::from("menu: out of tries -> branch \"max_retries\""),
            );
            return next;
        }
        self.node_line(flow, String::from("menu: out of tries -> \"_\""));
        Self::continue_with(flow, DEFAULT_BRANCH)
    }

    /// `cf_temporal_route`: its rules are `rules` then the children keys
    /// other than `_`; the first in effect is continued with (its child,
    /// else `_`), none continues with `_`.
    fn temporal_route(&mut self, flow: &Flow, data: &Value, described: &str) -> Move {
        let mut rules: Vec<String> = data
            .get("rules")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        rules.extend(
            flow.children
                .keys()
                .filter(|k| *k != DEFAULT_BRANCH)
                .map(String::from),
        );
        let choice = self.outcomes.temporal_rule(&rules);
        for note in choice.notes {
            self.warn(format!("temporal_route: {note}"));
        }
        let Some(rule) = choice.rule else {
            self.node_line(flow, format!("{described}: no rule in effect -> \"_\""));
            return Self::continue_with(flow, DEFAULT_BRANCH);
        };
        let next = Self::continue_with(flow, &rule);
        let taken = match &next {
            Move::Child(_, key) => format!("branch \"{key}\""),
            _ => String::from("no branch"),
        };
        self.node_line(
            flow,
            format!("{described}: rule {rule} in effect -> {taken}"),
        );
        next
    }

    /// `cf_pivot`: the next request; its answer replaces the callflow, a
    /// failed request continues with this node's children.
    fn pivot(&mut self, flow: &Flow, data: &Value, described: &str) -> Move {
        let text = |key: &str| data.get(key).and_then(Value::as_str);
        let Some(voice_url) = text("voice_url") else {
            self.node_line(flow, described.to_string());
            self.fault(String::from(
                "pivot without voice_url: Kazoo cannot send the request",
            ));
            return Self::continue_with(flow, DEFAULT_BRANCH);
        };
        let url = self.rewritten(voice_url);
        if url == voice_url {
            self.node_line(flow, described.to_string());
        } else {
            self.node_line(flow, format!("{described} (rewritten to {url})"));
        }
        let format = RequestFormat::from_node(text("req_format"));
        if text("req_format").is_none() {
            self.warn(String::from(
                "this pivot node has no req_format: Kazoo sends TwiML field names \
                 (CallerName, CallSid, …) instead of Caller-ID-Name, Call-ID, …; \
                 set \"req_format\": \"kazoo\"",
            ));
        }
        let timeout = data
            .get("req_timeout_ms")
            .and_then(Value::as_u64)
            .map_or(self.limits.timeout, Duration::from_millis);
        let how = twiml_run::Requests {
            format,
            body_format: BodyFormat::from_node(text("req_body_format")),
            timeout,
        };
        let next = self.fetch(
            &url,
            HttpMethod::from_node(text("method")),
            how.body_format,
            format,
            timeout,
        );
        match self.settle(next, url, &how) {
            Next::Run(next) => Move::Run(*next),
            Next::Stop(reason) => Move::End(reason),
            Next::Continue => {
                self.node_line(
                    flow,
                    String::from("pivot failed: Kazoo continues with the pivot node's children"),
                );
                Self::continue_with(flow, DEFAULT_BRANCH)
            }
            Next::Hangup | Next::Twiml(_) => Move::End(String::from("Kazoo hangs up")),
        }
    }

    /// `url` with the first matching `--rewrite` prefix replaced.
    fn rewritten(&self, url: &str) -> String {
        for (from, to) in &self.call.rewrites {
            if let Some(rest) = url.strip_prefix(from.as_str()) {
                return format!("{to}{rest}");
            }
        }
        url.to_string()
    }

    /// Sends one pivot request with the call's fields and the digits
    /// collected so far, and reads the answer.
    fn fetch(
        &mut self,
        url: &str,
        method: HttpMethod,
        body_format: BodyFormat,
        format: RequestFormat,
        timeout: Duration,
    ) -> Next {
        if self.requests >= self.limits.max_requests {
            self.fault(format!(
                "a pivot request beyond the limit of {} (--max-requests): do the pivots loop?",
                self.limits.max_requests
            ));
            return Next::Hangup;
        }
        self.requests += 1;
        let mut fields = self.call.request.clone();
        if let Some(digits) = self.gathered.take() {
            fields.digits = Some(Digits::Plain(digits));
        } else if !self.collections.is_empty() {
            fields.digits = Some(Digits::Named(self.collections.clone()));
        }
        let request = fields.to_http(url, method, body_format, format);
        self.push(Event::Request {
            number: self.requests,
            method,
            url: request.url.clone(),
            format,
            body: match method {
                HttpMethod::Get => None,
                HttpMethod::Post => Some(String::from_utf8_lossy(&request.body).into_owned()),
            },
        });
        match self.transport.send(&request, timeout) {
            Ok(reply) => {
                self.push(Event::Answer {
                    status: reply.status,
                    content_type: reply.content_type.clone(),
                    bytes: reply.body.len(),
                });
                answer::read(&reply, &self.call.rules, &mut self.transcript.events)
            }
            Err(TransportError::Unreachable(message)) => {
                self.push(Event::Unreachable {
                    url: request.url,
                    message,
                });
                Next::Continue
            }
            Err(e @ TransportError::Timeout(_)) => {
                self.fault(format!("{e}: Kazoo gives up on the request"));
                Next::Continue
            }
        }
    }
}

/// `terminator` or `terminators` (the first given), else `#`.
fn terminators(data: &Value) -> Vec<char> {
    let first = |s: &str| s.chars().next();
    match data.get("terminator").or_else(|| data.get("terminators")) {
        Some(Value::String(s)) => first(s).into_iter().collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .filter_map(first)
            .collect(),
        _ => vec!['#'],
    }
}

#[cfg(test)]
mod tests {
    use super::super::outcomes::BridgeOutcome;
    use super::*;
    use serde_json::json;

    #[test]
    fn terminators_as_cf_collect_dtmf_reads_them() {
        assert_eq!(terminators(&json!({})), vec!['#']);
        assert_eq!(terminators(&json!({"terminator": "*"})), vec!['*']);
        assert_eq!(
            terminators(&json!({"terminators": ["#", "*"]})),
            vec!['#', '*']
        );
    }

    #[test]
    fn bridge_failures_name_their_cause() {
        assert_eq!(
            BridgeOutcome::Busy.failure(),
            Some(("USER_BUSY", "sip:486"))
        );
    }
}
