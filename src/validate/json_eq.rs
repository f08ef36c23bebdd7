//! JSON equality (numbers by value: `1` equals `1.0`, as in the reference
//! validator) and a total order consistent with it, for `enum` and
//! `uniqueItems`.

use crate::validate::numbers::cmp_numbers;
use serde_json::{Map, Value};
use std::cmp::Ordering;

/// Whether `a` and `b` are equal JSON values.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => cmp_numbers(x, y) == Some(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => false,
    }
}

fn rank(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

fn sorted_keys(m: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort();
    keys
}

/// A total order in which `json_cmp(a, b) == Equal` exactly when
/// `json_eq(a, b)`.
pub fn json_cmp(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => cmp_numbers(x, y).unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => {
            for (p, q) in x.iter().zip(y) {
                match json_cmp(p, q) {
                    Ordering::Equal => {}
                    other => return other,
                }
            }
            x.len().cmp(&y.len())
        }
        (Value::Object(x), Value::Object(y)) => {
            let (kx, ky) = (sorted_keys(x), sorted_keys(y));
            match kx.cmp(&ky) {
                Ordering::Equal => {}
                other => return other,
            }
            for k in kx {
                match (x.get(k.as_str()), y.get(k.as_str())) {
                    (Some(p), Some(q)) => match json_cmp(p, q) {
                        Ordering::Equal => {}
                        other => return other,
                    },
                    _ => return Ordering::Equal,
                }
            }
            Ordering::Equal
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Below this many items, pairs are compared directly.
const SMALL: usize = 16;

/// The first pair of equal items `(i, j)`, `i < j`, with the smallest `j`
/// (and then the smallest `i`); `None` when all items differ.
pub fn first_duplicate_by<T>(
    items: &[T],
    eq: impl Fn(&T, &T) -> bool,
    cmp: impl Fn(&T, &T) -> Ordering,
) -> Option<(usize, usize)> {
    if items.len() < SMALL {
        for j in 1..items.len() {
            for i in 0..j {
                if eq(&items[i], &items[j]) {
                    return Some((i, j));
                }
            }
        }
        return None;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| cmp(&items[a], &items[b]).then(a.cmp(&b)));
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && cmp(&items[order[start]], &items[order[end]]) == Ordering::Equal
        {
            end += 1;
        }
        if end - start > 1 {
            let pair = (order[start], order[start + 1]);
            if best.is_none_or(|(_, j)| pair.1 < j) {
                best = Some(pair);
            }
        }
        start = end;
    }
    best
}

/// The first pair of equal items (see `first_duplicate_by`), by JSON equality.
#[inline]
pub fn first_duplicate(items: &[Value]) -> Option<(usize, usize)> {
    if items.len() < 2 {
        return None;
    }
    first_duplicate_by(items, json_eq, json_cmp)
}

/// The first pair of equal items (see `first_duplicate_by`), for typed items
/// whose equality is JSON equality.
pub fn first_duplicate_ord<T: Ord>(items: &[T]) -> Option<(usize, usize)> {
    first_duplicate_by(items, |a, b| a == b, Ord::cmp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value() {
        assert!(json_eq(&json!(1), &json!(1.0)));
        assert!(json_eq(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!json_eq(&json!("1"), &json!(1)));
        assert_eq!(json_cmp(&json!(1), &json!(1.0)), Ordering::Equal);
    }

    #[test]
    fn duplicates_small_and_large_agree() {
        let small = vec![json!(1), json!("a"), json!(2), json!("a"), json!(1.0)];
        assert_eq!(first_duplicate(&small), Some((1, 3)));
        let mut large: Vec<Value> = (0..40).map(|i| json!(i)).collect();
        large.push(json!(7.0));
        large.push(json!(3));
        assert_eq!(first_duplicate(&large), Some((7, 40)));
        let distinct: Vec<Value> = (0..100).map(|i| json!(format!("{i}"))).collect();
        assert_eq!(first_duplicate(&distinct), None);
        let strings: Vec<&str> = (0..30).map(|_| "x").collect();
        assert_eq!(first_duplicate_ord(&strings), Some((0, 1)));
    }
}
