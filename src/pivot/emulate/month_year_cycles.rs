//! Kazoo's `monthly` and `yearly` temporal rule cycles: the next day a rule
//! occurs after a search day, as `cf_temporal_route` (Kazoo master)
//! computes it; [`super::temporal`] calls it with yesterday and finds the
//! rule in effect when that day is today and the time is in its window.
//!
//! What a rule says (defaults as Kazoo's): `interval` (1) months or years
//! counted from the month or year of `start_date`; either `days` (days of
//! the month, in the order given; the first one after the search day
//! counts) or `ordinal` (`first` … `fifth`, `last`, or `every`, default
//! `first`) with exactly one of `wdays`; `yearly` rules name their `month`
//! (1).
//!
//! Kazoo's calendar arithmetic is kept as it is, including its edges:
//! - a day past the end of a month rolls over into the next month, so a
//!   `days: [31]` rule fires on the 1st after a 30-day month and a yearly
//!   Feb 29 rule on March 1st of common years (a day two or more past the
//!   end never fires);
//! - with `interval` > 1, the month (year) is in the cycle when its
//!   distance from the start's is a multiple of the interval, a distance
//!   truncated toward zero (so a rule starting on the 1st does not fire on
//!   its very first day);
//! - a `fifth` weekday that a month lacks falls into the next month.
//!
//! Rules Kazoo cannot evaluate (several or no `wdays` without `days`, an
//! unknown ordinal or weekday, a yearly `every` rule searched from a day
//! its month lacks) are refused with the reason: Kazoo's route crashes
//! on them.

use super::temporal::{civil_from_days, days_from_civil, days_in_month, weekday, weekday_of};
use serde_json::Value;

/// The largest day number (and its negative) read from `days`.
const DAY_LIMIT: i64 = 400;
/// The largest month number (and its negative) read from `month`.
const MONTH_LIMIT: i64 = 1_200;

/// How a rule without `days` picks its weekday in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ordinal {
    /// Every such weekday.
    Every,
    /// The last one of the month.
    Last,
    /// The n-th (0 for `first` … 4 for `fifth`).
    Nth(i64),
}

/// Which days of a month (or of the rule's month of a year) the rule
/// picks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pick {
    /// Days of the month, in the rule's order.
    Days(Vec<i64>),
    /// A weekday (1 = Monday … 7 = Sunday) by ordinal.
    Weekday(Ordinal, i64),
}

/// A `monthly` or `yearly` rule, read from its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cycle {
    yearly: bool,
    interval: i64,
    month: i64,
    pick: Pick,
}

impl Cycle {
    /// Reads a rule document whose `cycle` is `monthly` (`yearly` when
    /// `yearly`).
    pub(super) fn read(doc: &Value, yearly: bool, interval: i64) -> Result<Cycle, String> {
        let days = match doc.get("days") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|d| match d {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                })
                .collect::<Option<Vec<i64>>>()
                .ok_or_else(|| String::from("`days` holds something that is not a day number"))?,
            Some(_) => return Err(String::from("`days` is not a list")),
        };
        // Day and month numbers past a year roll over (as in Kazoo); bounded
        // so that no date arithmetic on them can overflow.
        if let Some(d) = days.iter().find(|d| !(-DAY_LIMIT..=DAY_LIMIT).contains(*d)) {
            return Err(format!("day {d} is outside -{DAY_LIMIT}..={DAY_LIMIT}"));
        }
        let pick = if days.is_empty() {
            let ordinal = match doc
                .get("ordinal")
                .and_then(Value::as_str)
                .unwrap_or("first")
            {
                "every" => Ordinal::Every,
                "last" => Ordinal::Last,
                "first" => Ordinal::Nth(0),
                "second" => Ordinal::Nth(1),
                "third" => Ordinal::Nth(2),
                "fourth" => Ordinal::Nth(3),
                "fifth" => Ordinal::Nth(4),
                other => return Err(format!("Kazoo cannot evaluate the ordinal {other:?}")),
            };
            let wdays: Vec<&Value> = doc
                .get("wdays")
                .and_then(Value::as_array)
                .map(|w| w.iter().collect())
                .unwrap_or_default();
            let [one] = wdays.as_slice() else {
                return Err(format!(
                    "Kazoo evaluates a {} rule without `days` only with exactly one of `wdays` (it has {})",
                    if yearly { "yearly" } else { "monthly" },
                    wdays.len()
                ));
            };
            let day = one
                .as_str()
                .and_then(weekday)
                .ok_or_else(|| format!("{one} is not one of Kazoo's weekdays"))?;
            Pick::Weekday(ordinal, day)
        } else {
            Pick::Days(days)
        };
        let month = doc.get("month").and_then(Value::as_i64).unwrap_or(1);
        if !(-MONTH_LIMIT..=MONTH_LIMIT).contains(&month) {
            return Err(format!(
                "month {month} is outside -{MONTH_LIMIT}..={MONTH_LIMIT}"
            ));
        }
        Ok(Cycle {
            yearly,
            interval,
            month,
            pick,
        })
    }

    /// The first day (days since 1970-01-01) the rule occurs after
    /// `search`, for a rule starting on `start` (both days since
    /// 1970-01-01).
    pub(super) fn next_after(&self, start: i64, search: i64) -> Result<i64, String> {
        if self.yearly {
            self.next_yearly(start, search)
        } else {
            Ok(self.next_monthly(start, search))
        }
    }

    fn next_monthly(&self, start: i64, search: i64) -> i64 {
        let (y0, m0, _) = civil_from_days(start);
        let (y1, m1, d1) = civil_from_days(search);
        let i = self.interval;
        // Months from the start's to the search day's, and the last month
        // of the cycle not after it (truncated toward zero, as Kazoo does).
        let distance = (y1 - y0) * 12 - m0 + m1;
        let offset = distance / i * i;
        let in_cycle = distance == offset;
        let next_cycle_month = m0 + offset + i;
        match &self.pick {
            Pick::Days(days) => match days.iter().find(|&&d| d > d1) {
                Some(&d) if in_cycle => date(y0, m0 + offset, d),
                _ => date(y0, next_cycle_month, days[0]),
            },
            Pick::Weekday(Ordinal::Every, w) => {
                let next = next_weekday(search, *w);
                let (ny, nm, _) = civil_from_days(next);
                if in_cycle && ((ny, nm) == (y1, m1) || i == 1) {
                    next
                } else {
                    nth_weekday(y0, next_cycle_month, *w, 0)
                }
            }
            Pick::Weekday(Ordinal::Last, w) => {
                let last = last_weekday(y1, m1, *w);
                if in_cycle && d1 < civil_from_days(last).2 {
                    last
                } else {
                    last_weekday(y0, next_cycle_month, *w)
                }
            }
            Pick::Weekday(Ordinal::Nth(n), w) => {
                let nth = nth_weekday(y1, m1, *w, *n);
                let (_, nm, nd) = civil_from_days(nth);
                let this_month = if i > 1 {
                    nm == m1 && d1 < nd
                } else {
                    d1 < nd || m1 < nm
                };
                if in_cycle && this_month {
                    nth
                } else {
                    nth_weekday(y0, next_cycle_month, *w, *n)
                }
            }
        }
    }

    fn next_yearly(&self, start: i64, search: i64) -> Result<i64, String> {
        let (y0, _, _) = civil_from_days(start);
        let (y1, m1, d1) = civil_from_days(search);
        let (i, month) = (self.interval, self.month);
        let distance = y1 - y0;
        let offset = distance / i * i;
        let in_cycle = distance == offset;
        let next_cycle_year = y0 + offset + i;
        // Whether a day found in the search year's month is still ahead.
        let ahead = |day: i64| {
            let (y, m, d) = civil_from_days(day);
            y == y1 && m == month && (m1 < month || (m1 == month && d1 < d))
        };
        Ok(match &self.pick {
            Pick::Days(days) => {
                let first = days[0];
                if !in_cycle || m1 > month {
                    date(next_cycle_year, month, first)
                } else if m1 < month {
                    date(y1, month, first)
                } else {
                    match days.iter().find(|&&d| d > d1) {
                        Some(&d) => date(y1, month, d),
                        None => date(next_cycle_year, month, first),
                    }
                }
            }
            Pick::Weekday(Ordinal::Every, w) => {
                let found = if in_cycle {
                    if !(1..=12).contains(&month) || d1 > days_in_month(y1, month) {
                        return Err(format!(
                            "Kazoo cannot evaluate a yearly `every` rule for month {month} on day {d1}"
                        ));
                    }
                    Some(next_weekday(date(y1, month, d1), *w)).filter(|&d| ahead(d))
                } else {
                    None
                };
                found.unwrap_or_else(|| nth_weekday(next_cycle_year, month, *w, 0))
            }
            Pick::Weekday(Ordinal::Last, w) => {
                let last = last_weekday(y1, month, *w);
                let (ly, _, ld) = civil_from_days(last);
                if in_cycle && ly == y1 && (m1 < month || (m1 == month && d1 < ld)) {
                    last
                } else {
                    last_weekday(next_cycle_year, month, *w)
                }
            }
            Pick::Weekday(Ordinal::Nth(n), w) => {
                let nth = nth_weekday(y1, month, *w, *n);
                if in_cycle && ahead(nth) {
                    nth
                } else {
                    // The next year of the cycle whose month has that
                    // weekday (a fifth one is not in every month).
                    let mut year = next_cycle_year;
                    loop {
                        let found = nth_weekday(year, month, *w, *n);
                        if civil_from_days(found).1 == month {
                            break found;
                        }
                        if year - next_cycle_year > 400 * i {
                            return Err(format!(
                                "month {month} never has that weekday in this cycle"
                            ));
                        }
                        year += i;
                    }
                }
            }
        })
    }
}

/// Kazoo's reading of a date whose month is 0 or past 12, or whose day is
/// 0 or past the month's end (rolled over into the neighbouring month or
/// year), as days since 1970-01-01.
fn date(y: i64, m: i64, d: i64) -> i64 {
    let year = y + (m - 1).div_euclid(12);
    let month = (m - 1).rem_euclid(12) + 1;
    days_from_civil(year, month, 1) + d - 1
}

/// The first weekday `w` strictly after `day`.
fn next_weekday(day: i64, w: i64) -> i64 {
    day + (w - weekday_of(day) - 1).rem_euclid(7) + 1
}

/// The `n`-th (0-based) weekday `w` of month `m` of `y` (month rolled over
/// as in [`date`]); a fifth one the month lacks falls into the next month.
fn nth_weekday(y: i64, m: i64, w: i64, n: i64) -> i64 {
    let first = date(y, m, 1);
    first + (w - weekday_of(first)).rem_euclid(7) + 7 * n
}

/// The last weekday `w` of month `m` of `y`.
fn last_weekday(y: i64, m: i64, w: i64) -> i64 {
    let fifth = nth_weekday(y, m, w, 4);
    if civil_from_days(fifth).1 == civil_from_days(date(y, m, 1)).1 {
        fifth
    } else {
        fifth - 7
    }
}
