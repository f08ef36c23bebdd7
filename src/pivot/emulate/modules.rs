//! What each callflow module does to the course of a call, as far as the
//! emulator follows it (Kazoo master, `applications/callflow/src/module/
//! cf_<module>.erl`).

/// How the emulator runs a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Does its work, then continues with the `_` child.
    Continue,
    /// Bridges the call; an answered bridge ends the call, a failed one
    /// looks for a child keyed by the hangup cause or code.
    Bridge,
    /// Takes the call over for good (voicemail, conference, hangup, …).
    End,
    /// Chooses among its children by something the emulator does not model;
    /// followed by `_`, with a warning.
    Unmodelled,
    /// `collect_dtmf`, `menu`, `temporal_route`, `pivot`: run by the walker.
    Special,
    /// No `cf_<module>` in Kazoo: Kazoo skips the node.
    Missing,
}

/// Modules that continue with `_` when done.
const CONTINUE: &[&str] = &[
    "acdc_agent",
    "acdc_queue",
    "after_bridge",
    "answer",
    "audio_macro",
    "call_forward",
    "do_not_disturb",
    "edr",
    "flush_dtmf",
    "hotdesk",
    "language",
    "lookupcidname",
    "manual_presence",
    "missed_call_alert",
    "noop",
    "notification",
    "page_group",
    "play",
    "prepend_cid",
    "record_call",
    "record_caller",
    "ring_group_toggle",
    "route_to_cid",
    "send_dtmf",
    "set",
    "set_alert_info",
    "set_cid",
    "set_variable",
    "set_variables",
    "skel",
    "sleep",
    "tts",
    "webhook",
];

const BRIDGE: &[&str] = &[
    "device",
    "group",
    "offnet",
    "resources",
    "ring_group",
    "user",
];

const END: &[&str] = &[
    "acdc_member",
    "conference",
    "conference_feature",
    "dead_air",
    "directory",
    "disa",
    "eavesdrop",
    "eavesdrop_feature",
    "faxbox",
    "group_pickup",
    "group_pickup_feature",
    "hangup",
    "intercept",
    "intercept_feature",
    "move",
    "park",
    "receive_fax",
    "response",
    "transfer",
    "voicemail",
    "wait_for_hangup",
];

const UNMODELLED: &[&str] = &[
    "acdc_wait_time",
    "branch_bnumber",
    "branch_variable",
    "call_waiting",
    "callflow",
    "camping_feature",
    "check_cid",
    "cidlistmatch",
    "dynamic_cid",
    "fax_detect",
    "function",
    "intercom",
    "nomorobo",
    "privacy",
];

const SPECIAL: &[&str] = &["collect_dtmf", "menu", "pivot", "temporal_route"];

/// How `module` runs.
pub(crate) fn kind(module: &str) -> Kind {
    let is = |list: &[&str]| list.contains(&module);
    if is(SPECIAL) {
        Kind::Special
    } else if is(CONTINUE) {
        Kind::Continue
    } else if is(BRIDGE) {
        Kind::Bridge
    } else if is(END) {
        Kind::End
    } else if is(UNMODELLED) {
        Kind::Unmodelled
    } else {
        Kind::Missing
    }
}
