//! Kazoo's temporal rules (`temporal_rules` documents), evaluated at a
//! given local time, for `temporal_route` nodes: [`Clock`].
//!
//! Kazoo master, `applications/callflow/src/module/cf_temporal_route.erl`:
//! the route's rules are the node's `rules` followed by its children keys
//! (other than `_`), tried in that order; the first rule in effect gives the
//! branch, none gives `_`. A rule with `enabled: true` is in effect, one with
//! `enabled: false` never is, one without a `cycle` is skipped, one whose
//! `start_date` (Gregorian seconds) is after today is skipped. Otherwise the
//! rule's day must be today and the time within `time_window_start` ..=
//! `time_window_stop` (seconds of the day; defaults 0 and 86400):
//! - `daily`: every `interval` days from the start date;
//! - `weekly`: today's weekday is in `wdays` and the ISO weeks since the
//!   start date are a multiple of `interval`;
//! - `date`: the start date itself.
//!
//! `monthly` and `yearly` rules follow Kazoo's own computation
//! ([`super::month_year_cycles`]): the rule's next day after yesterday must
//! be today, and the time within the window counted from that day's
//! midnight. Rules Kazoo cannot evaluate are skipped with the reason.

use super::month_year_cycles::Cycle;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

/// Gregorian seconds (Erlang's `calendar`) of 1970-01-01T00:00:00.
const GREGORIAN_UNIX_EPOCH: i64 = 62_167_219_200;
const SECONDS_IN_DAY: i64 = 86_400;
/// Gregorian seconds at 10000-01-01: the last `start_date` read.
const GREGORIAN_SECONDS_LIMIT: i64 = 315_569_520_000;
/// The largest `interval` read.
const MAX_INTERVAL: i64 = 10_000;
/// Where a time window may start or stop, in seconds from midnight.
const WINDOW_BOUNDS: RangeInclusive<i64> = -7 * SECONDS_IN_DAY..=8 * SECONDS_IN_DAY;

/// A local date and time, `YYYY-MM-DDTHH:MM[:SS]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// Days since 1970-01-01.
    day: i64,
    /// Seconds since midnight.
    second: i64,
}

/// Text that is not `YYYY-MM-DDTHH:MM[:SS]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a local time: write YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS")]
pub struct BadTime(pub String);

impl FromStr for LocalTime {
    type Err = BadTime;

    fn from_str(text: &str) -> Result<LocalTime, BadTime> {
        let bad = || BadTime(text.to_string());
        let (date, time) = text.split_once(['T', ' ']).ok_or_else(bad)?;
        // At most four digits (the year) or two (the rest): no arithmetic
        // on the result can overflow.
        let number = |s: &str| -> Result<i64, BadTime> {
            if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse().map_err(|_| bad())
        };
        let d: Vec<&str> = date.split('-').collect();
        let t: Vec<&str> = time.split(':').collect();
        if d.len() != 3 || !(2..=3).contains(&t.len()) {
            return Err(bad());
        }
        if d[1..].iter().chain(&t).any(|part| part.len() > 2) {
            return Err(bad());
        }
        let (y, m, dd) = (number(d[0])?, number(d[1])?, number(d[2])?);
        let (h, mi) = (number(t[0])?, number(t[1])?);
        let s = t.get(2).map_or(Ok(0), |s| number(s))?;
        let valid_day = (1..=12).contains(&m) && dd >= 1 && dd <= days_in_month(y, m);
        if !valid_day || h > 23 || mi > 59 || s > 59 {
            return Err(bad());
        }
        Ok(LocalTime {
            day: days_from_civil(y, m, dd),
            second: h * 3600 + mi * 60 + s,
        })
    }
}

impl LocalTime {
    /// The time `unix` seconds after 1970-01-01T00:00 (UTC, or local time
    /// as seconds since the epoch).
    pub fn from_unix(unix: i64) -> LocalTime {
        LocalTime {
            day: unix.div_euclid(SECONDS_IN_DAY),
            second: unix.rem_euclid(SECONDS_IN_DAY),
        }
    }

    /// 1 for Monday … 7 for Sunday.
    fn weekday(self) -> i64 {
        weekday_of(self.day)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.day);
        let (h, mi, s) = (self.second / 3600, self.second / 60 % 60, self.second % 60);
        write!(f, "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
    }
}

/// Temporal rule documents by id, and the time to evaluate them at.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// The `temporal_rules` documents, by `id`.
    pub rules: BTreeMap<String, Value>,
    /// The local time of the route's time zone.
    pub at: LocalTime,
}

/// Whether one rule is in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleState {
    /// In effect now.
    Active,
    /// Not in effect now.
    Inactive,
    /// Skipped, and why.
    Skipped(String),
}

impl Clock {
    /// Reads temporal rule documents: a JSON array of them, or a Crossbar
    /// envelope `{"data": [...]}`; each needs an `id`.
    pub fn read_rules(json: &Value) -> Result<BTreeMap<String, Value>, String> {
        let list = match json {
            Value::Array(items) => items,
            Value::Object(m) => match m.get("data") {
                Some(Value::Array(items)) => items,
                _ => {
                    return Err(String::from(
                        "expected an array of temporal rules or {\"data\": [...]}",
                    ));
                }
            },
            _ => {
                return Err(String::from(
                    "expected an array of temporal rules or {\"data\": [...]}",
                ));
            }
        };
        list.iter()
            .enumerate()
            .map(|(i, doc)| match doc.get("id").and_then(Value::as_str) {
                Some(id) => Ok((id.to_string(), doc.clone())),
                None => Err(format!("/{i}: a temporal rule needs an \"id\" string")),
            })
            .collect()
    }

    /// Whether the rule `id` is in effect at [`Clock::at`].
    pub fn state(&self, id: &str) -> RuleState {
        let Some(doc) = self.rules.get(id) else {
            return RuleState::Skipped(format!("rule {id}: no such temporal rule document"));
        };
        match doc.get("enabled").and_then(Value::as_bool) {
            Some(true) => return RuleState::Active,
            Some(false) => return RuleState::Inactive,
            None => {}
        }
        let cycle = doc.get("cycle").and_then(Value::as_str).unwrap_or_default();
        // The rule's numbers, each within bounds no real rule leaves (so
        // that no date arithmetic on them can overflow); one outside is a
        // rule the emulator skips, saying why.
        let int = |key: &str, default: i64, bounds: RangeInclusive<i64>| {
            let v = doc.get(key).and_then(Value::as_i64).unwrap_or(default);
            if bounds.contains(&v) {
                Ok(v)
            } else {
                Err(RuleState::Skipped(format!(
                    "rule {id}: {key} {v} is outside {}..={}",
                    bounds.start(),
                    bounds.end()
                )))
            }
        };
        let numbers = (|| {
            Ok((
                int(
                    "start_date",
                    GREGORIAN_UNIX_EPOCH,
                    0..=GREGORIAN_SECONDS_LIMIT,
                )?,
                int("interval", 1, i64::MIN..=MAX_INTERVAL)?.max(1),
                int("time_window_start", 0, WINDOW_BOUNDS)?,
                int("time_window_stop", SECONDS_IN_DAY, WINDOW_BOUNDS)?,
            ))
        })();
        let (start, interval, window_start, window_stop) = match numbers {
            Ok(n) => n,
            Err(skipped) => return skipped,
        };
        let start_day = match doc.get("start_date") {
            Some(_) => (start - GREGORIAN_UNIX_EPOCH).div_euclid(SECONDS_IN_DAY),
            None => self.at.day,
        };
        if start_day > self.at.day {
            return RuleState::Skipped(format!("rule {id}: starts in the future"));
        }
        let today = self.at.day;
        let on_day = match cycle {
            "date" => start_day == today,
            "daily" => (today - start_day) % interval == 0,
            "weekly" => {
                let wdays: Vec<i64> = doc
                    .get("wdays")
                    .and_then(Value::as_array)
                    .map(|w| {
                        w.iter()
                            .filter_map(Value::as_str)
                            .filter_map(weekday)
                            .collect()
                    })
                    .unwrap_or_default();
                let weeks = (monday_of(today) - monday_of(start_day)) / 7;
                wdays.contains(&self.at.weekday()) && weeks % interval == 0
            }
            // The next day the rule occurs on, from yesterday: today or not.
            "monthly" | "yearly" => match Cycle::read(doc, cycle == "yearly", interval)
                .and_then(|c| c.next_after(start_day, today - 1))
            {
                Ok(day) => day == today,
                Err(reason) => return RuleState::Skipped(format!("rule {id}: {reason}")),
            },
            "" => return RuleState::Skipped(format!("rule {id}: no cycle")),
            other => {
                return RuleState::Skipped(format!(
                    "rule {id}: the emulator does not evaluate {other} cycles"
                ));
            }
        };
        let window = window_start..=window_stop;
        if on_day && window.contains(&self.at.second) {
            RuleState::Active
        } else {
            RuleState::Inactive
        }
    }
}

/// Kazoo's weekday names (`wensday` is its spelling of Wednesday).
pub(super) fn weekday(name: &str) -> Option<i64> {
    Some(match name {
        "monday" => 1,
        "tuesday" => 2,
        "wensday" | "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    })
}

/// The weekday of `day` (days since 1970-01-01): 1 for Monday … 7 for
/// Sunday.
pub(super) fn weekday_of(day: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    (day + 3).rem_euclid(7) + 1
}

/// The Monday of the week of `day` (days since 1970-01-01).
fn monday_of(day: i64) -> i64 {
    day - (weekday_of(day) - 1)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(super) fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
pub(super) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub(super) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(text: &str) -> LocalTime {
        text.parse().unwrap()
    }

    fn clock(rule: Value, when: &str) -> RuleState {
        let rules = Clock::read_rules(&json!([rule])).unwrap();
        Clock {
            rules,
            at: at(when),
        }
        .state("r")
    }

    /// Gregorian seconds of a date, as Kazoo stores `start_date`.
    fn gregorian(date: &str) -> i64 {
        at(&format!("{date}T00:00")).day * SECONDS_IN_DAY + GREGORIAN_UNIX_EPOCH
    }

    #[test]
    fn times_read_and_print() {
        assert_eq!(at("2026-12-01T10:00").to_string(), "2026-12-01T10:00:00");
        assert_eq!(at("2024-02-29 23:59:59").to_string(), "2024-02-29T23:59:59");
        assert_eq!(LocalTime::from_unix(0).to_string(), "1970-01-01T00:00:00");
        for bad in [
            "2026-13-01T10:00",
            "2025-02-29T10:00",
            "2026-12-01",
            "2026-12-01T24:00",
            "x",
        ] {
            assert!(bad.parse::<LocalTime>().is_err(), "{bad}");
        }
        // 2026-12-01 is a Tuesday.
        assert_eq!(at("2026-12-01T10:00").weekday(), 2);
    }

    #[test]
    fn numbers_out_of_bounds_skip_the_rule_instead_of_overflowing() {
        let when = "2026-12-01T10:00";
        for rule in [
            json!({"id": "r", "cycle": "daily", "start_date": i64::MIN}),
            json!({"id": "r", "cycle": "daily", "start_date": i64::MAX}),
            json!({"id": "r", "cycle": "monthly", "interval": i64::MAX, "days": [1]}),
            json!({"id": "r", "cycle": "daily", "time_window_start": i64::MIN}),
            json!({"id": "r", "cycle": "daily", "time_window_stop": i64::MAX}),
            json!({"id": "r", "cycle": "monthly", "days": [i64::MAX]}),
            json!({"id": "r", "cycle": "yearly", "month": i64::MIN, "days": [1]}),
        ] {
            assert!(
                matches!(clock(rule.clone(), when), RuleState::Skipped(ref why) if why.contains("outside")),
                "{rule}"
            );
        }
        for huge in [
            "99999-01-01T10:00",
            "2026-001-01T10:00",
            "2026-12-01T010:00",
        ] {
            assert!(huge.parse::<LocalTime>().is_err(), "{huge}");
        }
    }

    #[test]
    fn business_hours() {
        let rule = json!({"id": "r", "cycle": "weekly", "start_date": gregorian("2026-01-01"),
            "wdays": ["monday", "tuesday", "wensday", "thursday", "friday"],
            "time_window_start": 9 * 3600, "time_window_stop": 17 * 3600});
        assert_eq!(clock(rule.clone(), "2026-12-01T10:00"), RuleState::Active);
        assert_eq!(clock(rule.clone(), "2026-12-02T09:00"), RuleState::Active);
        assert_eq!(
            clock(rule.clone(), "2026-12-01T17:00:01"),
            RuleState::Inactive
        );
        assert_eq!(clock(rule.clone(), "2026-12-05T10:00"), RuleState::Inactive);
        assert!(matches!(
            clock(rule, "2025-12-01T10:00"),
            RuleState::Skipped(_)
        ));
    }

    #[test]
    fn intervals_dates_and_overrides() {
        let every_other_day = json!({"id": "r", "cycle": "daily", "interval": 2,
            "start_date": gregorian("2026-12-01")});
        assert_eq!(
            clock(every_other_day.clone(), "2026-12-03T01:00"),
            RuleState::Active
        );
        assert_eq!(
            clock(every_other_day, "2026-12-04T01:00"),
            RuleState::Inactive
        );
        let fortnightly = json!({"id": "r", "cycle": "weekly", "interval": 2, "wdays": ["sunday"],
            "start_date": gregorian("2026-11-30")});
        // ISO weeks: 2026-11-30 (Monday) .. 2026-12-06 is week 0.
        assert_eq!(
            clock(fortnightly.clone(), "2026-12-06T12:00"),
            RuleState::Active
        );
        assert_eq!(
            clock(fortnightly.clone(), "2026-12-13T12:00"),
            RuleState::Inactive
        );
        assert_eq!(clock(fortnightly, "2026-12-20T12:00"), RuleState::Active);
        let holiday = json!({"id": "r", "cycle": "date", "start_date": gregorian("2026-12-25")});
        assert_eq!(
            clock(holiday.clone(), "2026-12-25T08:00"),
            RuleState::Active
        );
        assert!(matches!(
            clock(holiday, "2026-12-24T08:00"),
            RuleState::Skipped(_)
        ));
        let forced = json!({"id": "r", "cycle": "date", "enabled": true});
        assert_eq!(clock(forced, "2026-12-24T08:00"), RuleState::Active);
    }
    /// Whether `rule` is in effect at each of `times`, as `(time, active)`
    /// pairs; fails with the time when one is wrong.
    fn check(rule: &Value, cases: &[(&str, bool)]) {
        for (when, active) in cases {
            let state = clock(rule.clone(), when);
            let want = if *active {
                RuleState::Active
            } else {
                RuleState::Inactive
            };
            assert_eq!(state, want, "{when}: {rule}");
        }
    }

    #[test]
    fn monthly_last_weekday() {
        // December 2026: Fridays 4, 11, 18, 25; Thursdays 3 … 31 (five).
        let last_friday = json!({"id": "r", "cycle": "monthly", "ordinal": "last",
            "wdays": ["friday"], "start_date": gregorian("2026-01-01")});
        check(
            &last_friday,
            &[
                ("2026-12-25T10:00", true),
                ("2026-12-18T10:00", false),
                ("2026-12-31T10:00", false),
            ],
        );
        let last_thursday = json!({"id": "r", "cycle": "monthly", "ordinal": "last",
            "wdays": ["thursday"], "start_date": gregorian("2026-01-01")});
        check(
            &last_thursday,
            &[("2026-12-31T10:00", true), ("2026-12-24T10:00", false)],
        );
        // February 2026 (28 days from a Sunday): Sundays 1 … 22.
        let last_sunday = json!({"id": "r", "cycle": "monthly", "ordinal": "last",
            "wdays": ["sunday"], "start_date": gregorian("2026-01-01")});
        check(
            &last_sunday,
            &[("2026-02-22T10:00", true), ("2026-02-28T10:00", false)],
        );
    }

    #[test]
    fn monthly_days_and_ordinals_with_intervals() {
        // The 15th of every third month from January: Jan, Apr, Jul, Oct.
        let quarterly = json!({"id": "r", "cycle": "monthly", "interval": 3, "days": [15],
            "start_date": gregorian("2026-01-10")});
        check(
            &quarterly,
            &[
                ("2026-04-15T10:00", true),
                ("2026-10-15T10:00", true),
                ("2026-03-15T10:00", false),
                ("2026-05-15T10:00", false),
                ("2026-04-16T10:00", false),
            ],
        );
        // The second Tuesday of every other month from November 2026:
        // 2026-11-10, (not 2026-12-08), 2027-01-12.
        let second_tuesday = json!({"id": "r", "cycle": "monthly", "interval": 2,
            "ordinal": "second", "wdays": ["tuesday"], "start_date": gregorian("2026-11-01")});
        check(
            &second_tuesday,
            &[
                ("2026-11-10T10:00", true),
                ("2026-12-08T10:00", false),
                ("2027-01-12T10:00", true),
                ("2027-01-05T10:00", false),
            ],
        );
        // Every Wednesday (Kazoo's spelling), within a time window.
        let wednesdays = json!({"id": "r", "cycle": "monthly", "ordinal": "every",
            "wdays": ["wensday"], "start_date": gregorian("2026-01-01"),
            "time_window_start": 9 * 3600, "time_window_stop": 17 * 3600});
        check(
            &wednesdays,
            &[
                ("2026-12-02T10:00", true),
                ("2026-12-30T16:59", true),
                ("2026-12-02T08:59", false),
                ("2026-12-03T10:00", false),
            ],
        );
    }

    #[test]
    fn days_past_the_end_of_a_month_roll_over_as_in_kazoo() {
        // Day 31: April has 30 days, so Kazoo's "April 31" is May 1; February's
        // "31st" is March 3rd, which the search from March 2nd passes by.
        let day_31 = json!({"id": "r", "cycle": "monthly", "days": [31],
            "start_date": gregorian("2026-01-01")});
        check(
            &day_31,
            &[
                ("2026-12-31T10:00", true),
                ("2026-05-01T10:00", true),
                ("2026-04-30T10:00", false),
                ("2026-03-03T10:00", false),
                ("2026-03-01T10:00", false),
            ],
        );
        // February 29 every year: itself in leap years, March 1 otherwise.
        let leap_day = json!({"id": "r", "cycle": "yearly", "month": 2, "days": [29],
            "start_date": gregorian("2024-01-01")});
        check(
            &leap_day,
            &[
                ("2028-02-29T10:00", true),
                ("2028-03-01T10:00", false),
                ("2027-03-01T10:00", true),
                ("2027-02-28T10:00", false),
            ],
        );
    }

    #[test]
    fn yearly_rules() {
        // The fourth Thursday of November: 2026-11-26.
        let thanksgiving = json!({"id": "r", "cycle": "yearly", "month": 11, "ordinal": "fourth",
            "wdays": ["thursday"], "start_date": gregorian("2026-01-01")});
        check(
            &thanksgiving,
            &[("2026-11-26T10:00", true), ("2026-11-19T10:00", false)],
        );
        // The last Monday of May: 2027-05-31 (May 2027 has five Mondays).
        let memorial = json!({"id": "r", "cycle": "yearly", "month": 5, "ordinal": "last",
            "wdays": ["monday"], "start_date": gregorian("2026-01-01")});
        check(
            &memorial,
            &[("2027-05-31T10:00", true), ("2027-05-24T10:00", false)],
        );
        // Christmas every other year from 2026.
        let christmas = json!({"id": "r", "cycle": "yearly", "interval": 2, "month": 12,
            "days": [25], "start_date": gregorian("2026-01-01")});
        check(
            &christmas,
            &[
                ("2026-12-25T10:00", true),
                ("2027-12-25T10:00", false),
                ("2028-12-25T10:00", true),
            ],
        );
        // Two days of December: the 1st comes first after November.
        let december = json!({"id": "r", "cycle": "yearly", "month": 12, "days": [1, 15],
            "start_date": gregorian("2026-01-01")});
        check(
            &december,
            &[
                ("2026-12-01T10:00", true),
                ("2026-12-15T10:00", true),
                ("2026-12-08T10:00", false),
                ("2026-11-15T10:00", false),
            ],
        );
        // A fifth Sunday in February needs a leap year whose February starts
        // on a Sunday: none in 2026 (its "fifth" is March 1st), next 2032-02-29.
        let fifth_sunday = json!({"id": "r", "cycle": "yearly", "month": 2, "ordinal": "fifth",
            "wdays": ["sunday"], "start_date": gregorian("2026-01-01")});
        check(
            &fifth_sunday,
            &[("2032-02-29T10:00", true), ("2026-03-01T10:00", false)],
        );
    }

    #[test]
    fn rules_kazoo_cannot_evaluate_are_skipped_with_the_reason() {
        for rule in [
            json!({"id": "r", "cycle": "monthly", "wdays": ["monday", "friday"]}),
            json!({"id": "r", "cycle": "monthly", "ordinal": "sixth", "wdays": ["monday"]}),
            json!({"id": "r", "cycle": "yearly", "month": 3, "wdays": ["someday"]}),
            json!({"id": "r", "cycle": "monthly", "days": ["x"]}),
        ] {
            match clock(rule.clone(), "2026-12-01T10:00") {
                RuleState::Skipped(why) => assert!(why.starts_with("rule r: "), "{why}"),
                other => panic!("{rule}: {other:?}"),
            }
        }
    }
}
