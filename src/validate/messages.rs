//! The sentences in errors, and how values appear in them. Raw and typed
//! validation build messages through the same functions, so the same value
//! always reads the same.

use crate::validate::numbers::is_integer;
use serde_json::{Number, Value};

/// Bits of a `type` set, in the order of JSON Schema's type names.
pub mod types {
    /// `array`
    pub const ARRAY: u8 = 1;
    /// `boolean`
    pub const BOOLEAN: u8 = 1 << 1;
    /// `integer`
    pub const INTEGER: u8 = 1 << 2;
    /// `null`
    pub const NULL: u8 = 1 << 3;
    /// `number`
    pub const NUMBER: u8 = 1 << 4;
    /// `object`
    pub const OBJECT: u8 = 1 << 5;
    /// `string`
    pub const STRING: u8 = 1 << 6;
}

const TYPE_NAMES: [&str; 7] = [
    "array", "boolean", "integer", "null", "number", "object", "string",
];

/// Longest string shown in a message, in characters.
const SHOWN_CHARS: usize = 60;

/// A string as JSON text, cut after `SHOWN_CHARS` characters.
pub fn show_str(s: &str) -> String {
    match s.char_indices().nth(SHOWN_CHARS) {
        None => Value::String(s.to_string()).to_string(),
        Some((cut, _)) => {
            let mut shown = Value::String(s[..cut].to_string()).to_string();
            shown.pop();
            shown.push_str("…\"");
            shown
        }
    }
}

/// A value as it appears in a sentence: scalars as JSON text, containers
/// by kind.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => show_str(s),
        Value::Array(_) => String::from("an array"),
        Value::Object(_) => String::from("an object"),
        other => other.to_string(),
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// `expected boolean, found "false"`.
pub fn type_mismatch(allowed: u8, found: &str) -> String {
    let names: Vec<&str> = TYPE_NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| allowed & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect();
    format!("expected {}, found {found}", either(&names))
}

/// Whether `v`'s JSON type is in `allowed` (`number` admits integers).
#[inline]
pub fn type_allows(allowed: u8, v: &Value) -> bool {
    let bit = match v {
        Value::Array(_) => types::ARRAY,
        Value::Bool(_) => types::BOOLEAN,
        Value::Null => types::NULL,
        Value::Number(n) => return number_allowed(allowed, n),
        Value::Object(_) => types::OBJECT,
        Value::String(_) => types::STRING,
    };
    allowed & bit != 0
}

/// Whether number `n` is of a type in `allowed`.
#[inline]
pub fn number_allowed(allowed: u8, n: &Number) -> bool {
    if allowed & types::NUMBER != 0 {
        return true;
    }
    allowed & types::INTEGER != 0 && is_integer(n)
}

/// `"x" is not one of "a", "b"; did you mean "a"?`.
pub fn not_in_enum(shown: &str, allowed: &[String], suggestion: Option<&str>) -> String {
    const LISTED: usize = 12;
    let list = if allowed.len() <= LISTED {
        allowed.join(", ")
    } else {
        format!(
            "{}, … ({} values)",
            allowed[..LISTED].join(", "),
            allowed.len()
        )
    };
    let mut msg = format!("{shown} is not one of {list}");
    if let Some(s) = suggestion {
        msg.push_str(&format!("; did you mean {}?", show_str(s)));
    }
    msg
}
