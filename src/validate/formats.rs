//! `format` under `--formats kazoo`: what Kazoo's validator (jesse,
//! draft 4) asserts. `email` is `^[^@]+@[^@]+$`; `date-time` is RFC 3339;
//! `ipv4` and `ipv6` are addresses in their usual text forms. Every other
//! format (`uri` included) is an annotation.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Whether `value` is valid for `format`; `None` when the format is not
/// asserted.
pub fn check(format: &str, value: &str) -> Option<bool> {
    match format {
        "email" => Some(is_email(value)),
        "date-time" => Some(is_date_time(value)),
        "ipv4" => Some(value.parse::<Ipv4Addr>().is_ok()),
        "ipv6" => Some(value.parse::<Ipv6Addr>().is_ok()),
        _ => None,
    }
}

/// `^[^@]+@[^@]+$`: exactly one `@`, with something on each side.
fn is_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => !local.is_empty() && !domain.is_empty() && !domain.contains('@'),
        None => false,
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, with the
/// day checked against the month (leap years included) and a leap second
/// allowed.
fn is_date_time(value: &str) -> bool {
    let Some((date, time)) = value.split_once(['T', 't']) else {
        return false;
    };
    let mut d = date.split('-');
    let (Some(y), Some(m), Some(day), None) = (d.next(), d.next(), d.next(), d.next()) else {
        return false;
    };
    let (Some(y), Some(m), Some(day)) = (digits(y, 4), digits(m, 2), digits(day, 2)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    let (clock, offset) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, None)
    } else {
        match time.rfind(['+', '-']) {
            Some(i) => (&time[..i], Some(&time[i + 1..])),
            None => return false,
        }
    };
    if let Some(off) = offset {
        let Some((oh, om)) = off.split_once(':') else {
            return false;
        };
        match (digits(oh, 2), digits(om, 2)) {
            (Some(h), Some(mi)) if h <= 23 && mi <= 59 => {}
            _ => return false,
        }
    }
    let (hms, frac) = match clock.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (clock, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut t = hms.split(':');
    let (Some(h), Some(mi), Some(s), None) = (t.next(), t.next(), t.next(), t.next()) else {
        return false;
    };
    matches!(
        (digits(h, 2), digits(mi, 2), digits(s, 2)),
        (Some(h), Some(mi), Some(s)) if h <= 23 && mi <= 59 && s <= 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazoo_formats() {
        assert_eq!(check("email", "a@b"), Some(true));
        assert_eq!(check("email", "a@b@c"), Some(false));
        assert_eq!(check("email", "@b"), Some(false));
        assert_eq!(check("email", "ab"), Some(false));
        assert_eq!(check("date-time", "2024-02-29T10:00:00Z"), Some(true));
        assert_eq!(check("date-time", "2023-02-29T10:00:00Z"), Some(false));
        assert_eq!(
            check("date-time", "2024-01-01T10:00:00.5+02:00"),
            Some(true)
        );
        assert_eq!(check("date-time", "2024-01-01 10:00:00Z"), Some(false));
        assert_eq!(check("date-time", "2024-01-01T25:00:00Z"), Some(false));
        assert_eq!(check("ipv4", "10.0.0.1"), Some(true));
        assert_eq!(check("ipv4", "10.0.0.256"), Some(false));
        assert_eq!(check("ipv6", "::1"), Some(true));
        assert_eq!(check("ipv6", "1::2::3"), Some(false));
        assert_eq!(check("uri", "not a uri"), None);
    }
}
