//! Where data does not fit its module's type, strict reading
//! (`Action::data_error`, `check_typed`) names the path and message
//! `serde_path_to_error` names reading the `Value` with the type's own
//! `Deserialize`: the library finds them by walking the generated shape
//! table instead (so that it compiles each generated deserializer once).
//! Checked for every callflow module of Kazoo master: the data of every
//! node of Kazoo's corpus read as each module's type, and, for the node's
//! own module, with each member and item in turn replaced by values of
//! every JSON type or removed.

use kazoo_callflows::{Action, actions};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::path::Path;

/// `(path, message)` as `serde_path_to_error` reports it for `data` read
/// as `T`.
fn reference<T: DeserializeOwned>(data: &Value) -> Option<(String, String)> {
    serde_path_to_error::deserialize::<_, T>(data)
        .err()
        .map(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            (path, e.inner().to_string())
        })
}

/// Every callflow module of Kazoo master with its type: `MODULES`, and
/// `reference_for(module, data)`, the reference for `module` (`None` for a
/// module not listed).
macro_rules! modules {
    ($($name:literal => $ty:ty),* $(,)?) => {
        const MODULES: &[&str] = &[$($name),*];

        fn reference_for(module: &str, data: &Value) -> Option<Option<(String, String)>> {
            match module {
                $($name => Some(reference::<$ty>(data)),)*
                _ => None,
            }
        }
    };
}

modules! {
        "acdc_agent" => actions::AcdcAgent,
        "acdc_member" => actions::AcdcMember,
        "acdc_queue" => actions::AcdcQueue,
        "acdc_wait_time" => actions::AcdcWaitTime,
        "after_bridge" => actions::AfterBridge,
        "answer" => actions::Answer,
        "audio_macro" => actions::AudioMacro,
        "branch_bnumber" => actions::BranchBnumber,
        "branch_variable" => actions::BranchVariable,
        "call_forward" => actions::CallForward,
        "call_waiting" => actions::CallWaiting,
        "callflow" => actions::CallflowModule,
        "camping_feature" => actions::CampingFeature,
        "check_cid" => actions::CheckCid,
        "cidlistmatch" => actions::Cidlistmatch,
        "collect_dtmf" => actions::CollectDtmf,
        "conference" => actions::Conference,
        "conference_feature" => actions::ConferenceFeature,
        "dead_air" => actions::DeadAir,
        "device" => actions::Device,
        "directory" => actions::Directory,
        "disa" => actions::Disa,
        "do_not_disturb" => actions::DoNotDisturb,
        "dynamic_cid" => actions::DynamicCid,
        "eavesdrop" => actions::Eavesdrop,
        "eavesdrop_feature" => actions::EavesdropFeature,
        "edr" => actions::Edr,
        "fax_detect" => actions::FaxDetect,
        "faxbox" => actions::Faxbox,
        "flush_dtmf" => actions::FlushDtmf,
        "function" => actions::Function,
        "group" => actions::Group,
        "group_pickup" => actions::GroupPickup,
        "group_pickup_feature" => actions::GroupPickupFeature,
        "hangup" => actions::Hangup,
        "hotdesk" => actions::Hotdesk,
        "intercept" => actions::Intercept,
        "intercept_feature" => actions::InterceptFeature,
        "intercom" => actions::Intercom,
        "language" => actions::Language,
        "lookupcidname" => actions::Lookupcidname,
        "manual_presence" => actions::ManualPresence,
        "menu" => actions::Menu,
        "missed_call_alert" => actions::MissedCallAlert,
        "move" => actions::Move,
        "nomorobo" => actions::Nomorobo,
        "noop" => actions::Noop,
        "notification" => actions::Notification,
        "offnet" => actions::Offnet,
        "page_group" => actions::PageGroup,
        "park" => actions::Park,
        "pivot" => actions::Pivot,
        "play" => actions::Play,
        "prepend_cid" => actions::PrependCid,
        "privacy" => actions::Privacy,
        "receive_fax" => actions::ReceiveFax,
        "record_call" => actions::RecordCall,
        "record_caller" => actions::RecordCaller,
        "resources" => actions::Resources,
        "response" => actions::Response,
        "ring_group" => actions::RingGroup,
        "ring_group_toggle" => actions::RingGroupToggle,
        "route_to_cid" => actions::RouteToCid,
        "send_dtmf" => actions::SendDtmf,
        "set" => actions::Set,
        "set_alert_info" => actions::SetAlertInfo,
        "set_cid" => actions::SetCid,
        "set_variable" => actions::SetVariable,
        "set_variables" => actions::SetVariables,
        "skel" => actions::Skel,
        "sleep" => actions::Sleep,
        "temporal_route" => actions::TemporalRoute,
        "transfer" => actions::Transfer,
        "tts" => actions::Tts,
        "user" => actions::User,
        "voicemail" => actions::Voicemail,
        "wait_for_hangup" => actions::WaitForHangup,
        "webhook" => actions::Webhook,
}

/// Every `(module, data)` of the corpus's nodes, children included.
fn corpus_nodes() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/kazoo/corpus");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: Kazoo's corpus is missing: {e}", dir.display()));
    let mut files: Vec<_> = entries.map(|e| e.expect("dir entry").path()).collect();
    files.sort();
    let mut out = Vec::new();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(path).expect("read corpus file");
        let value: Value = serde_json::from_str(&text).expect("corpus file is JSON");
        collect(&value, &mut out);
    }
    assert!(
        out.len() > 30,
        "{}: too few nodes ({})",
        dir.display(),
        out.len()
    );
    out
}

/// Every object with a string `module` and some `data`, anywhere in `v`.
fn collect(v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) => {
            if let (Some(Value::String(m)), Some(data)) = (map.get("module"), map.get("data")) {
                out.push((m.clone(), data.clone()));
            }
            map.values().for_each(|v| collect(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// `data` with the value at each position (the root included) replaced by
/// each of `replacements` in turn, and with each declared-looking member
/// removed.
fn mutations(data: &Value, replacements: &[Value]) -> Vec<Value> {
    let mut pointers = Vec::new();
    pointers_of(data, String::new(), &mut pointers);
    let mut out = Vec::new();
    for pointer in &pointers {
        for r in replacements {
            let mut m = data.clone();
            if let Some(slot) = m.pointer_mut(pointer) {
                *slot = r.clone();
                out.push(m);
            }
        }
        // The member removed (a missing required member).
        if let Some((parent, key)) = pointer.rsplit_once('/') {
            let mut m = data.clone();
            if let Some(Value::Object(map)) = m.pointer_mut(parent) {
                map.remove(&key.replace("~1", "/").replace("~0", "~"));
                out.push(m);
            }
        }
    }
    out
}

fn pointers_of(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            pointers_of(
                v,
                format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                out,
            )
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers_of(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

/// The one intended difference: a string enum given another JSON type.
/// serde's derive said `expected string or map` (it also read the
/// `{"value": null}` form, which does not write back as read); the
/// generated enums read strings only and name the values (``expected one
/// of `a`, `b` ``). Both are written `expected <a string enum>` here; every
/// other message must be equal.
fn enum_message(message: &str) -> String {
    match message.split_once(", expected ") {
        Some((head, tail)) if tail == "string or map" || tail.starts_with("one of `") => {
            format!("{head}, expected <a string enum>")
        }
        _ => message.to_string(),
    }
}

#[test]
fn misfit_paths_and_messages_are_serde_path_to_errors() {
    let replacements = [
        json!(null),
        json!(true),
        json!(7),
        json!(-7),
        json!(18446744073709551615u64),
        json!(1.5),
        json!("x"),
        json!("list"),
        json!([]),
        json!([1, "a", {}]),
        json!({}),
        json!({"a": [null]}),
        json!({"list": null}),
    ];
    let mut nodes = corpus_nodes();
    // Kazoo's one internally tagged union (`audio_macro`'s `macros`), which
    // the corpus lacks.
    nodes.push((
        String::from("audio_macro"),
        json!({"macros": [
            {"macro": "play", "id": "media-1"},
            {"macro": "tts", "text": "hello", "language": "en-US"},
            {"macro": "say", "text": "123", "type": "number"},
            {"macro": "prompt", "id": "vm-enter_pass"},
            {"macro": "tone", "tones": [{"frequencies": [440], "duration_on": 100}]}
        ]}),
    ));
    let mut cases: Vec<(&str, Value)> = Vec::new();
    for (module, data) in &nodes {
        cases.extend(
            mutations(data, &replacements)
                .into_iter()
                .map(|m| (module.as_str(), m)),
        );
        for other in MODULES {
            cases.push((other, data.clone()));
        }
    }
    for module in MODULES {
        cases.push((module, json!({})));
        cases.push((module, json!([])));
    }
    let (mut checked, mut misfits) = (0, 0);
    for (module, case) in cases {
        {
            // Corpus nodes of modules master has no schema for are kept raw.
            let Some(expected) = reference_for(module, &case) else {
                continue;
            };
            let got = Action::data_error(module, &case).map(|e| (e.path, e.message));
            assert_eq!(
                got.as_ref().map(|(p, m)| (p, enum_message(m))),
                expected.as_ref().map(|(p, m)| (p, enum_message(m))),
                "module {module}, data {case}"
            );
            checked += 1;
            misfits += usize::from(expected.is_some());
        }
    }
    eprintln!("misfit paths: {checked} cases, {misfits} misfits, all as serde_path_to_error");
    // Both outcomes are exercised, many times.
    assert!(misfits > 1000, "{misfits} misfits of {checked}");
    assert!(checked - misfits > 100, "{misfits} misfits of {checked}");
}
