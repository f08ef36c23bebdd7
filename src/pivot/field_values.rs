//! How the values of pivot request fields read, the same from a form (where
//! every value is text) and from a JSON body (where Kazoo writes numbers and
//! lists natively): text from strings, numbers or booleans; a list from one
//! value or many; a map of text from an object.

use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::Value;
use std::collections::BTreeMap;

/// A scalar as the text Kazoo's form encoding would give it
/// (`kz_http_util:encode_kv/3` writes numbers and booleans as text).
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What a value is, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// An optional text field; `null` reads as absent.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        v => scalar_text(&v)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected text, found {}", kind(&v)))),
    }
}

/// An optional whole number, as a JSON number or as decimal digits.
pub(crate) fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let v = Value::deserialize(d)?;
    let parsed = match &v {
        Value::Null => return Ok(None),
        Value::String(s) if s.is_empty() => return Ok(None),
        Value::Number(n) => n.as_u64(),
        Value::String(s) if s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    };
    parsed.map(Some).ok_or_else(|| {
        D::Error::custom(format!("expected a whole number, found {} `{v}`", kind(&v)))
    })
}

/// A list of text from one value (`User-ID=a`, `"User-ID": "a"`) or many
/// (`User-ID[]=a&User-ID[]=b`, `"User-ID": ["a", "b"]`).
pub(crate) fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                scalar_text(v).ok_or_else(|| {
                    D::Error::custom(format!("item {i}: expected text, found {}", kind(v)))
                })
            })
            .collect(),
        v => scalar_text(&v).map(|s| vec![s]).ok_or_else(|| {
            D::Error::custom(format!("expected text or a list, found {}", kind(&v)))
        }),
    }
}

/// A map of text (`Custom-SIP-Headers[X-Foo]=bar`, or a JSON object).
pub(crate) fn text_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(BTreeMap::new()),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                scalar_text(v).map(|s| (k.clone(), s)).ok_or_else(|| {
                    D::Error::custom(format!("`{k}`: expected text, found {}", kind(v)))
                })
            })
            .collect(),
        v => Err(D::Error::custom(format!(
            "expected an object (`name[key]=value` in a form), found {}",
            kind(&v)
        ))),
    }
}
