//! Items generated code calls; not part of the public API.

/// What generated validators call (the file lives with the rest of
/// validation).
#[path = "validate/keywords.rs"]
pub mod keywords;

use crate::ParseError;
use serde::{Deserialize, Deserializer, de::DeserializeOwned};
use serde_json::Value;

/// For optional fields: a present member must hold a value of the type (a
/// `null` does not read as "unset", which would lose it on output).
pub fn deserialize_present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// For required fields of untyped values: a missing member is an error, not
/// a `null`.
pub fn deserialize_required<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer)
}

/// A string enum's `Deserialize`: one of `values` (the exact strings
/// Kazoo uses, in schema order), read by `parse`; any other string is an
/// `unknown variant` error, anything else an `invalid type` one.
pub fn deserialize_str_enum<'de, D, T>(
    deserializer: D,
    values: &'static [&'static str],
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_str(StrEnum { values, parse })
}

/// The visitor of [`deserialize_str_enum`].
struct StrEnum<T> {
    values: &'static [&'static str],
    parse: fn(&str) -> Option<T>,
}

impl<T> serde::de::Visitor<'_> for StrEnum<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&one_of(self.values))
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
        (self.parse)(s).ok_or_else(|| E::unknown_variant(s, self.values))
    }
}

/// `one of `a`, `b``: what a string enum expects.
pub(crate) fn one_of(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    format!("one of {}", quoted.join(", "))
}

/// For members of types that keep misfits: `value` read as `T`, or
/// `value` itself when it does not fit (the caller keeps it as an extra
/// member, so nothing is lost).
pub fn read_or_keep<T: DeserializeOwned>(value: Value) -> Result<T, Value> {
    crate::typed_text::from_value(&value).map_err(|_| value)
}

/// A node's `data` read as its module's type `T`, or `None` when it does
/// not fit (the node then keeps it raw).
pub fn read_data<T: DeserializeOwned>(data: &Value) -> Option<T> {
    crate::typed_text::from_value(data).ok()
}

pub use crate::type_shape::{FieldShape, Shape, TypeShape};

/// Why member `key`'s `value`, kept because it does not fit `shape`, does
/// not fit: a parse error naming the path from the object holding it
/// (`numbers[0]`).
pub fn member_misfit(
    table: &[TypeShape],
    shape: &Shape,
    key: &str,
    value: &Value,
) -> Option<ParseError> {
    crate::type_shape::misfit(table, shape, value).map(|e| e.within(key))
}

/// Why `data` does not read as `shape`, with the path inside it.
pub fn type_error(table: &[TypeShape], shape: &Shape, data: &Value) -> Option<ParseError> {
    crate::type_shape::misfit(table, shape, data)
}
