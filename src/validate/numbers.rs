//! Exact numeric semantics: what an integer is under draft 4, comparing a
//! number with a schema bound without rounding, and `multipleOf`.

use serde_json::Number;
use std::cmp::Ordering;

/// A schema bound (`minimum`, `maximum`, `multipleOf`) as written, usable in
/// generated `const` code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX`.
    Uint(u64),
    /// Anything else.
    Float(f64),
}

impl Limit {
    /// The bound a schema number stands for: an integer that fits `i64`,
    /// one above it, or a float.
    pub fn of(n: &Number) -> Limit {
        if let Some(i) = n.as_i64() {
            Limit::Int(i)
        } else if let Some(u) = n.as_u64() {
            Limit::Uint(u)
        } else {
            Limit::Float(n.as_f64().unwrap_or(0.0))
        }
    }

    fn num(self) -> Num {
        match self {
            Limit::Int(i) => Num::Int(i128::from(i)),
            Limit::Uint(u) => Num::Int(i128::from(u)),
            Limit::Float(f) => Num::Float(f),
        }
    }

    /// The bound as JSON text (`1`, `0.5`).
    pub fn render(self) -> String {
        match self {
            Limit::Int(i) => i.to_string(),
            Limit::Uint(u) => u.to_string(),
            Limit::Float(f) => Number::from_f64(f).map_or_else(|| f.to_string(), |n| n.to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

fn num(n: &Number) -> Num {
    if let Some(i) = n.as_i64() {
        Num::Int(i128::from(i))
    } else if let Some(u) = n.as_u64() {
        Num::Int(i128::from(u))
    } else {
        Num::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// Whether `n` is an integer under draft 4: written without a fraction or
/// exponent, which is how `serde_json` keeps it as `i64`/`u64` (`1.0` is
/// not an integer, as in the reference validator). An integer beyond `u64`
/// (a bignum) reaches us as a float; any float that large has no fraction
/// and counts as an integer.
#[inline]
pub fn is_integer(n: &Number) -> bool {
    n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.abs() >= BEYOND_U64)
}

/// 2^64: every float at least this large is an integer beyond `u64`.
const BEYOND_U64: f64 = 18_446_744_073_709_551_616.0;

/// Compares an integer with a float exactly (no rounding of either).
fn int_float(i: i128, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // Beyond ±2^120 the float is outside every i128 an i64/u64 can hold.
    const BIG: f64 = 1.329_227_995_784_916e36;
    if f >= BIG {
        return Some(Ordering::Less);
    }
    if f <= -BIG {
        return Some(Ordering::Greater);
    }
    let floor = f.floor();
    match i.cmp(&(floor as i128)) {
        Ordering::Equal if f > floor => Some(Ordering::Less),
        other => Some(other),
    }
}

fn compare(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
        (Num::Int(x), Num::Float(y)) => int_float(x, y),
        (Num::Float(x), Num::Int(y)) => int_float(y, x).map(Ordering::reverse),
    }
}

/// `n` compared with `limit`, exactly.
#[inline]
pub fn cmp_limit(n: &Number, limit: Limit) -> Option<Ordering> {
    compare(num(n), limit.num())
}

/// `a` compared with `b`, exactly (`1` equals `1.0`).
#[inline]
pub fn cmp_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    compare(num(a), num(b))
}

/// Whether `n` divided by `multiple` is an integer.
pub fn is_multiple_of(n: &Number, multiple: Limit) -> bool {
    match (num(n), multiple.num()) {
        (Num::Int(x), Num::Int(m)) if m != 0 => x % m == 0,
        (x, m) => {
            let x = match x {
                Num::Int(i) => i as f64,
                Num::Float(f) => f,
            };
            let m = match m {
                Num::Int(i) => i as f64,
                Num::Float(f) => f,
            };
            if x == 0.0 {
                return true;
            }
            let q = x / m;
            if q.is_infinite() && m.is_finite() && m != 0.0 {
                // The quotient overflows (1e308 / 0.5): the remainder,
                // exact in floating point, decides.
                return x % m == 0.0;
            }
            q.is_finite() && q.fract() == 0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn integers_are_written_without_fraction() {
        assert!(is_integer(&n("5")));
        assert!(is_integer(&n("-5")));
        assert!(is_integer(&n("18446744073709551615")));
        assert!(!is_integer(&n("1.0")));
        assert!(!is_integer(&n("1.5")));
        assert!(!is_integer(&n("1e2")));
    }

    #[test]
    fn comparisons_are_exact() {
        assert_eq!(cmp_limit(&n("1"), Limit::Int(1)), Some(Ordering::Equal));
        assert_eq!(cmp_limit(&n("1.0"), Limit::Int(1)), Some(Ordering::Equal));
        assert_eq!(cmp_limit(&n("0.5"), Limit::Int(1)), Some(Ordering::Less));
        assert_eq!(cmp_limit(&n("-5"), Limit::Int(1)), Some(Ordering::Less));
        assert_eq!(
            cmp_limit(&n("9007199254740993"), Limit::Float(9007199254740992.0)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            cmp_numbers(&n("18446744073709551615"), &n("-1")),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp_numbers(&n("1e300"), &n("5")), Some(Ordering::Greater));
    }

    #[test]
    fn multiples() {
        assert!(is_multiple_of(&n("10"), Limit::Int(5)));
        assert!(!is_multiple_of(&n("7"), Limit::Int(5)));
        assert!(is_multiple_of(&n("1.5"), Limit::Float(0.5)));
        assert!(!is_multiple_of(&n("1.3"), Limit::Float(0.5)));
    }
}
