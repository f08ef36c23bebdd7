//! Which `children` keys callflow modules branch on: knowledge the schemas
//! lack, taken from Kazoo's callflow source (`cf_menu`, `cf_temporal_route`,
//! `cf_park`, …) and kept in this one table.
//!
//! Every module falls back to [`DEFAULT_BRANCH`] (`"_"`) when nothing more
//! specific applies; the table lists only the other keys.

/// The branch every module falls back to: the next step.
pub const DEFAULT_BRANCH: &str = "_";

/// One kind of `children` key a module may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchKey {
    /// A fixed key, spelled exactly so (`"timeout"`).
    Fixed {
        /// The key.
        key: &'static str,
        /// When the module takes it.
        when: &'static str,
    },
    /// A key that depends on the call or the data (menu digits, rule ids).
    Variable {
        /// What the key is.
        what: &'static str,
        /// An example key.
        example: &'static str,
    },
}

impl BranchKey {
    /// The key itself (fixed) or an example of it (variable).
    pub fn example(&self) -> &'static str {
        match self {
            BranchKey::Fixed { key, .. } => key,
            BranchKey::Variable { example, .. } => example,
        }
    }

    /// One line saying what the key is and when it is taken.
    pub fn explanation(&self) -> String {
        match self {
            BranchKey::Fixed { key, when } => format!("`{key}`: {when}"),
            BranchKey::Variable { what, example } => format!("{what} (for example `{example}`)"),
        }
    }
}

/// The hangup cause or SIP code a bridging module failed with.
const BRIDGE_FAILURE: &[BranchKey] = &[
    BranchKey::Variable {
        what: "the hangup cause the bridge failed with",
        example: "NO_ANSWER",
    },
    BranchKey::Variable {
        what: "the SIP response code the bridge failed with, as `sip:<code>`",
        example: "sip:486",
    },
];

const MATCH_NOMATCH: &[BranchKey] = &[
    BranchKey::Fixed {
        key: "match",
        when: "the caller ID matched",
    },
    BranchKey::Fixed {
        key: "nomatch",
        when: "the caller ID did not match",
    },
];

/// Modules and the keys they branch on besides `"_"`, by module name.
pub const TABLE: &[(&str, &[BranchKey])] = &[
    (
        "branch_bnumber",
        &[BranchKey::Variable {
            what: "the capture group of the number the callflow matched",
            example: "1000",
        }],
    ),
    (
        "branch_variable",
        &[BranchKey::Variable {
            what: "the value of the variable looked up",
            example: "true",
        }],
    ),
    (
        "check_cid",
        &[
            BranchKey::Fixed {
                key: "match",
                when: "the caller ID number matches `regex`",
            },
            BranchKey::Fixed {
                key: "nomatch",
                when: "the caller ID number does not match `regex`",
            },
            BranchKey::Variable {
                what: "in absolute mode (`use_absolute_mode`), the exact caller ID number",
                example: "+14158867900",
            },
        ],
    ),
    ("cidlistmatch", MATCH_NOMATCH),
    ("device", BRIDGE_FAILURE),
    (
        "fax_detect",
        &[
            BranchKey::Fixed {
                key: "ON_FAX",
                when: "a fax tone was detected",
            },
            BranchKey::Fixed {
                key: "ON_VOICE",
                when: "no fax tone was detected",
            },
        ],
    ),
    ("group", BRIDGE_FAILURE),
    ("hotdesk", BRIDGE_FAILURE),
    (
        "menu",
        &[
            BranchKey::Variable {
                what: "the digits the caller pressed, one key per menu option",
                example: "1",
            },
            BranchKey::Fixed {
                key: "timeout",
                when: "the caller pressed nothing before the timeout",
            },
            BranchKey::Fixed {
                key: "max_retries",
                when: "the caller used up the retries with invalid entries",
            },
        ],
    ),
    (
        "park",
        &[
            BranchKey::Fixed {
                key: "MAX_SLOT_EXCEEDED",
                when: "no parking slot below `max_slot_number` was free",
            },
            BranchKey::Variable {
                what: "a parking slot number",
                example: "101",
            },
        ],
    ),
    ("resources", BRIDGE_FAILURE),
    ("ring_group", BRIDGE_FAILURE),
    (
        "temporal_route",
        &[
            BranchKey::Variable {
                what: "the id of the temporal rule that matched the current time, or of the rule set it belongs to when `rules` lists rule sets",
                example: "b5d3bd4a9e8b3c5f1a2d6e7f8a9b0c1d",
            },
            BranchKey::Fixed {
                key: "rule_set",
                when: "a rule of the rule set named by `rule_set` matched",
            },
        ],
    ),
    ("user", BRIDGE_FAILURE),
];

/// The keys `module` branches on besides `"_"` (empty when it only
/// continues to `"_"`).
pub fn branch_keys(module: &str) -> &'static [BranchKey] {
    TABLE
        .iter()
        .find(|(m, _)| *m == module)
        .map_or(&[], |(_, keys)| *keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        let names: Vec<&str> = TABLE.iter().map(|(m, _)| *m).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn issue_table() {
        let keys =
            |m: &str| -> Vec<&str> { branch_keys(m).iter().map(BranchKey::example).collect() };
        assert_eq!(keys("menu"), ["1", "timeout", "max_retries"]);
        assert_eq!(keys("cidlistmatch"), ["match", "nomatch"]);
        assert_eq!(keys("check_cid")[..2], ["match", "nomatch"]);
        assert_eq!(keys("fax_detect"), ["ON_FAX", "ON_VOICE"]);
        assert_eq!(keys("park")[0], "MAX_SLOT_EXCEEDED");
        assert!(keys("temporal_route").contains(&"rule_set"));
        for m in [
            "device",
            "user",
            "group",
            "ring_group",
            "resources",
            "hotdesk",
        ] {
            assert_eq!(keys(m), ["NO_ANSWER", "sip:486"], "{m}");
        }
        assert!(!branch_keys("branch_variable").is_empty());
        assert!(!branch_keys("branch_bnumber").is_empty());
        assert!(branch_keys("tts").is_empty());
        assert!(branch_keys("no_such_module").is_empty());
    }

    #[test]
    fn no_entry_repeats_the_default() {
        for (m, keys) in TABLE {
            assert!(!keys.is_empty(), "{m}");
            for k in *keys {
                assert_ne!(k.example(), DEFAULT_BRANCH, "{m}");
                assert!(!k.explanation().is_empty());
            }
        }
    }
}
