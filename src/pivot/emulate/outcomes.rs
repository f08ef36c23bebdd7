//! [`Outcomes`]: what the caller and the rest of the world do during an
//! emulated call (digits pressed, whether bridged calls are answered, which
//! temporal rule is in effect), and [`Script`], outcomes fixed in advance.

use super::temporal::{Clock, RuleState};

/// How a bridge attempt (`device`, `user`, `ring_group`, `resources`) ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BridgeOutcome {
    /// Someone answers; the call ends when the bridged call ends.
    Answer,
    /// Nobody answers.
    NoAnswer,
    /// The callee is busy.
    Busy,
}

impl BridgeOutcome {
    /// The hangup cause and code of a failed bridge, the children keys Kazoo
    /// tries in that order (`cf_util:handle_bridge_failure/3`); `None` when
    /// answered.
    pub fn failure(self) -> Option<(&'static str, &'static str)> {
        match self {
            BridgeOutcome::Answer => None,
            BridgeOutcome::NoAnswer => Some(("NO_ANSWER", "sip:480")),
            BridgeOutcome::Busy => Some(("USER_BUSY", "sip:486")),
        }
    }

    /// `answered`, `no answer`, `busy`.
    pub fn as_text(self) -> &'static str {
        match self {
            BridgeOutcome::Answer => "answered",
            BridgeOutcome::NoAnswer => "no answer",
            BridgeOutcome::Busy => "busy",
        }
    }
}

/// Why a digit collection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "key")]
pub enum CollectionEnd {
    /// As many digits as asked for.
    MaxDigits,
    /// A terminator key (not part of the digits).
    Terminator(char),
    /// The caller paused (the inter-digit or collection timeout).
    Pause,
    /// Nothing more was pressed during the whole call.
    Silence,
}

/// Digits a caller pressed for one collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collected {
    /// The digits, terminator excluded.
    pub digits: String,
    /// Why the collection ended.
    pub end: CollectionEnd,
}

/// What happens during the call, asked for as the emulator needs it.
pub trait Outcomes {
    /// The caller presses keys: at most `max_digits`, ending early at one of
    /// `terminators`.
    fn collect(&mut self, max_digits: usize, terminators: &[char]) -> Collected;

    /// How bridging the node `module` (`device`, `ring_group`, …) ends.
    fn bridge(&mut self, module: &str) -> BridgeOutcome;

    /// Which of a `temporal_route`'s rules (temporal rule document ids, in
    /// Kazoo's order) is in effect now.
    fn temporal_rule(&mut self, rules: &[String]) -> RuleChoice;
}

/// The rule a `temporal_route` takes, with notes on rules that could not be
/// evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleChoice {
    /// The first rule in effect; `None` takes `_`.
    pub rule: Option<String>,
    /// Why rules were skipped.
    pub notes: Vec<String>,
}

/// Outcomes fixed in advance: a key sequence, one bridge outcome, the
/// temporal rule in effect (named, or found by a [`Clock`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    keys: Vec<Key>,
    next: usize,
    /// How every bridge ends.
    pub bridge: BridgeOutcome,
    /// The temporal rule id in effect (`temporal_route` takes its branch
    /// when it lists it), whatever the clock says.
    pub temporal_rule: Option<String>,
    /// Temporal rule documents and the time to evaluate them at.
    pub clock: Option<Clock>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Press(char),
    Pause,
}

/// A key sequence with something other than `0-9*#A-D` and `,`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{found}` is not a key: press 0-9, *, #, A-D, and `,` to pause")]
pub struct BadKey {
    /// The character.
    pub found: char,
}

impl Script {
    /// Reads a key sequence: DTMF keys `0-9*#A-D` (`a-d` too), `,` for a
    /// pause that ends the collection in progress.
    pub fn new(keys: &str, bridge: BridgeOutcome) -> Result<Script, BadKey> {
        let keys = keys
            .chars()
            .map(|c| match c {
                ',' => Ok(Key::Pause),
                '0'..='9' | '*' | '#' | 'A'..='D' => Ok(Key::Press(c)),
                'a'..='d' => Ok(Key::Press(c.to_ascii_uppercase())),
                found => Err(BadKey { found }),
            })
            .collect::<Result<_, _>>()?;
        Ok(Script {
            keys,
            next: 0,
            bridge,
            temporal_rule: None,
            clock: None,
        })
    }

    /// Keys not pressed yet, as text.
    pub fn unused(&self) -> String {
        self.keys[self.next.min(self.keys.len())..]
            .iter()
            .map(|k| match k {
                Key::Press(c) => *c,
                Key::Pause => ',',
            })
            .collect()
    }
}

impl Outcomes for Script {
    fn collect(&mut self, max_digits: usize, terminators: &[char]) -> Collected {
        let mut digits = String::new();
        if max_digits == 0 {
            return Collected {
                digits,
                end: CollectionEnd::MaxDigits,
            };
        }
        while let Some(key) = self.keys.get(self.next).copied() {
            self.next += 1;
            match key {
                Key::Pause => {
                    return Collected {
                        digits,
                        end: CollectionEnd::Pause,
                    };
                }
                Key::Press(c) if terminators.contains(&c) => {
                    return Collected {
                        digits,
                        end: CollectionEnd::Terminator(c),
                    };
                }
                Key::Press(c) => {
                    digits.push(c);
                    if digits.chars().count() >= max_digits {
                        return Collected {
                            digits,
                            end: CollectionEnd::MaxDigits,
                        };
                    }
                }
            }
        }
        Collected {
            digits,
            end: CollectionEnd::Silence,
        }
    }

    fn bridge(&mut self, _module: &str) -> BridgeOutcome {
        self.bridge
    }

    fn temporal_rule(&mut self, rules: &[String]) -> RuleChoice {
        let mut choice = RuleChoice::default();
        if let Some(named) = self.temporal_rule.as_ref().filter(|r| rules.contains(r)) {
            choice.rule = Some(named.clone());
            return choice;
        }
        let Some(clock) = &self.clock else {
            return choice;
        };
        for id in rules {
            match clock.state(id) {
                RuleState::Active => {
                    choice.rule = Some(id.clone());
                    break;
                }
                RuleState::Inactive => {}
                RuleState::Skipped(why) => choice.notes.push(why),
            }
        }
        choice
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_end_collections_as_kazoo_would() {
        let mut s = Script::new("1234#56,7", BridgeOutcome::Answer).unwrap();
        let c = s.collect(10, &['#']);
        assert_eq!(
            (c.digits.as_str(), c.end),
            ("1234", CollectionEnd::Terminator('#'))
        );
        let c = s.collect(1, &['#']);
        assert_eq!((c.digits.as_str(), c.end), ("5", CollectionEnd::MaxDigits));
        let c = s.collect(4, &['#']);
        assert_eq!((c.digits.as_str(), c.end), ("6", CollectionEnd::Pause));
        assert_eq!(s.unused(), "7");
        let c = s.collect(4, &['#']);
        assert_eq!((c.digits.as_str(), c.end), ("7", CollectionEnd::Silence));
        assert_eq!(
            Script::new("12x", BridgeOutcome::Answer),
            Err(BadKey { found: 'x' })
        );
    }
}
