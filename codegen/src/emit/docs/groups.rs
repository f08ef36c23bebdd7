//! How the book's index groups callflow modules: by what people use them
//! for (bridging a call somewhere, caller ID, features, media, …). Every
//! module lands in exactly one group; modules this table does not know (new
//! Kazoo releases) land in "Other".

/// One group of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// Heading.
    pub title: &'static str,
    /// One sentence under the heading.
    pub blurb: &'static str,
    /// Modules known to belong here, in the order they are listed.
    pub modules: &'static [&'static str],
}

/// The groups, in index order. The last one, "Other", lists the modules
/// that fit none of the others and receives every unknown module.
pub const GROUPS: &[Group] = &[
    Group {
        title: "Bridging",
        blurb: "Connect the caller to devices, users, groups, carriers, conferences, voicemail or fax.",
        modules: &[
            "device",
            "user",
            "ring_group",
            "group",
            "resources",
            "offnet",
            "conference",
            "voicemail",
            "faxbox",
            "receive_fax",
        ],
    },
    Group {
        title: "Caller ID",
        blurb: "Set, look up, match and screen the caller's identity.",
        modules: &[
            "set_cid",
            "dynamic_cid",
            "prepend_cid",
            "lookupcidname",
            "cidlistmatch",
            "check_cid",
            "route_to_cid",
            "privacy",
            "nomorobo",
        ],
    },
    Group {
        title: "Features",
        blurb: "Call features: eavesdrop, group pickup, intercept, page groups, hotdesking, parking, queues and more.",
        modules: &[
            "eavesdrop",
            "eavesdrop_feature",
            "group_pickup",
            "group_pickup_feature",
            "intercept",
            "intercept_feature",
            "page_group",
            "intercom",
            "hotdesk",
            "park",
            "camping_feature",
            "conference_feature",
            "call_waiting",
            "ring_group_toggle",
            "manual_presence",
            "move",
            "acdc_agent",
            "acdc_member",
            "acdc_queue",
            "acdc_wait_time",
        ],
    },
    Group {
        title: "Media and prompts",
        blurb: "Play media and speech, record, and collect or send DTMF.",
        modules: &[
            "play",
            "tts",
            "audio_macro",
            "language",
            "record_call",
            "record_caller",
            "collect_dtmf",
            "send_dtmf",
            "flush_dtmf",
            "dead_air",
            "set_alert_info",
        ],
    },
    Group {
        title: "Miscellaneous",
        blurb: "Call forwarding, do not disturb, directory, DISA, fax detection, menus, webhooks and notifications.",
        modules: &[
            "call_forward",
            "do_not_disturb",
            "directory",
            "disa",
            "fax_detect",
            "menu",
            "webhook",
            "missed_call_alert",
            "notification",
        ],
    },
    Group {
        title: "Other",
        blurb: "Routing, call control and variables, and modules not classified above.",
        modules: &[
            "temporal_route",
            "branch_variable",
            "branch_bnumber",
            "callflow",
            "pivot",
            "answer",
            "hangup",
            "response",
            "transfer",
            "after_bridge",
            "wait_for_hangup",
            "sleep",
            "noop",
            "set",
            "set_variable",
            "set_variables",
            "function",
            "edr",
            "skel",
        ],
    },
];

/// The title of the group that receives unknown modules.
pub const OTHER: &str = "Other";

/// The title of `module`'s group.
pub fn group_of(module: &str) -> &'static str {
    GROUPS
        .iter()
        .find(|g| g.modules.contains(&module))
        .map_or(OTHER, |g| g.title)
}

/// `modules` arranged by group: every group that has at least one of them,
/// in index order, each listing its modules in the group's order and then
/// unknown ones by name.
pub fn arrange<'m>(modules: &[&'m str]) -> Vec<(&'static Group, Vec<&'m str>)> {
    let mut out = Vec::new();
    for g in GROUPS {
        let mut members: Vec<&'m str> = g
            .modules
            .iter()
            .filter_map(|known| modules.iter().find(|m| **m == *known).copied())
            .collect();
        if g.title == OTHER {
            let mut unknown: Vec<&'m str> = modules
                .iter()
                .filter(|m| !GROUPS.iter().any(|g| g.modules.contains(m)))
                .copied()
                .collect();
            unknown.sort_unstable();
            unknown.dedup();
            members.extend(unknown);
        }
        if !members.is_empty() {
            out.push((g, members));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_module_is_listed_twice() {
        let mut all: Vec<&str> = GROUPS
            .iter()
            .flat_map(|g| g.modules.iter().copied())
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a module is listed in two groups");
    }

    #[test]
    fn other_is_last() {
        assert_eq!(GROUPS.last().map(|g| g.title), Some(OTHER));
    }

    #[test]
    fn every_module_once_and_unknown_in_other() {
        let modules = ["ring_group", "brand_new_module", "tts", "menu", "aaa_new"];
        let arranged = arrange(&modules);
        let mut listed: Vec<&str> = arranged
            .iter()
            .flat_map(|(_, ms)| ms.iter().copied())
            .collect();
        listed.sort_unstable();
        let mut expected = modules.to_vec();
        expected.sort_unstable();
        assert_eq!(listed, expected);
        let (other, members) = arranged.last().expect("groups");
        assert_eq!(other.title, OTHER);
        assert_eq!(members, &["aaa_new", "brand_new_module"]);
        assert_eq!(group_of("ring_group"), "Bridging");
        assert_eq!(group_of("brand_new_module"), OTHER);
    }
}
