//! The builder produces exactly the JSON of the examples in Kazoo's pivot
//! docs and the Pivot talk.

use kazoo_callflows::Flow;
use kazoo_callflows::actions::{
    CollectDtmf, Device, ManualPresence, ManualPresenceStatus, Menu, Pivot, Play, Resources, Tts,
    User, Voicemail,
};
use serde_json::{Value, json};

fn json_of(flow: &Flow) -> Value {
    serde_json::to_value(flow).expect("a flow serializes")
}

/// What the builder wrote also reads back into the same typed flow.
fn reads_back(flow: &Flow) {
    let text = serde_json::to_string(flow).expect("serializes");
    assert_eq!(
        &Flow::from_json_strict(&text).expect("reads back typed"),
        flow
    );
}

#[test]
fn tts_hello_caller() {
    let flow = Flow::new(Tts::new("Hello caller"));
    assert_eq!(
        json_of(&flow),
        json!({"module": "tts", "data": {"text": "Hello caller"}})
    );
    reads_back(&flow);
}

#[test]
fn play_an_mp3() {
    let flow = Flow::new(Play::new().with_id("http://your.server.com/path/to/file.mp3"));
    assert_eq!(
        json_of(&flow),
        json!({"module": "play", "data": {"id": "http://your.server.com/path/to/file.mp3"}})
    );
    reads_back(&flow);
}

#[test]
fn bridge_to_a_user() {
    let flow = Flow::new(User::new().with_id("user_doc_id"));
    assert_eq!(
        json_of(&flow),
        json!({"module": "user", "data": {"id": "user_doc_id"}})
    );
    reads_back(&flow);
}

#[test]
fn resources_without_local_resources() {
    let flow = Flow::new(Resources::new().with_use_local_resources(false));
    assert_eq!(
        json_of(&flow),
        json!({"module": "resources", "data": {"use_local_resources": false}})
    );
    reads_back(&flow);
}

#[test]
fn collect_dtmf_then_pivot() {
    let flow = Flow::new(Tts::new("Please enter up to four digits."))
        .then(
            CollectDtmf::new()
                .with_max_digits(4)
                .with_collection_name("custom_name"),
        )
        .then(Pivot::new("http://you.com/collected.php"));
    assert_eq!(
        json_of(&flow),
        json!({
            "module": "tts",
            "data": {"text": "Please enter up to four digits."},
            "children": {
                "_": {
                    "module": "collect_dtmf",
                    "data": {"max_digits": 4, "collection_name": "custom_name"},
                    "children": {
                        "_": {
                            "module": "pivot",
                            "data": {"voice_url": "http://you.com/collected.php"}
                        }
                    }
                }
            }
        })
    );
    reads_back(&flow);
}

#[test]
fn manual_presence_ringing() {
    let flow = Flow::new(ManualPresence::new("foobar").with_status(ManualPresenceStatus::Ringing));
    assert_eq!(
        json_of(&flow),
        json!({"module": "manual_presence", "data": {"presence_id": "foobar", "status": "ringing"}})
    );
    reads_back(&flow);
}

#[test]
fn device_then_voicemail() {
    let flow =
        Flow::new(Device::new().with_id("device_id")).then(Voicemail::new().with_id("vmbox_id"));
    assert_eq!(
        json_of(&flow),
        json!({
            "module": "device",
            "data": {"id": "device_id"},
            "children": {"_": {"module": "voicemail", "data": {"id": "vmbox_id"}}}
        })
    );
    reads_back(&flow);
}

#[test]
fn menu_with_branches() {
    let flow = Flow::new(Menu::new().with_id("menu_id"))
        .branch("1", Flow::new(User::new().with_id("sales_user")))
        .branch("2", Flow::new(Device::new().with_id("support_phone")))
        .branch(
            "timeout",
            Flow::new(Voicemail::new().with_id("general_box")),
        );
    assert_eq!(
        json_of(&flow),
        json!({
            "module": "menu",
            "data": {"id": "menu_id"},
            "children": {
                "1": {"module": "user", "data": {"id": "sales_user"}},
                "2": {"module": "device", "data": {"id": "support_phone"}},
                "timeout": {"module": "voicemail", "data": {"id": "general_box"}}
            }
        })
    );
    reads_back(&flow);
}

#[test]
fn then_appends_at_the_end_of_the_default_chain_and_branch_sets_this_node() {
    let flow = Flow::new(Menu::new())
        .branch("1", Tts::new("one"))
        .then(Tts::new("after menu"))
        .then(Tts::new("last"));
    assert_eq!(flow.child("1").map(Flow::module), Some("tts"));
    let next = flow.next().expect("menu has a default branch");
    assert_eq!(next.next().map(Flow::module), Some("tts"));
    assert!(next.next().and_then(Flow::next).is_none());
}
