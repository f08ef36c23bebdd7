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

/// For members of types that keep misfits: `value` read as `T`, or
/// `value` itself when it does not fit (the caller keeps it as an extra
/// member, so nothing is lost).
pub fn read_or_keep<T: DeserializeOwned>(value: Value) -> Result<T, Value> {
    T::deserialize(&value).map_err(|_| value)
}

/// Why member `key`'s `value`, kept because it does not fit `T`, does not
/// fit: a parse error naming the path from the object holding it
/// (`numbers[0]`).
pub fn member_misfit<T: DeserializeOwned>(key: &str, value: &Value) -> Option<ParseError> {
    type_error::<T>(value).map(|e| e.within(key))
}

/// Why `data` does not deserialize as `T`, with the path inside it.
pub fn type_error<T: DeserializeOwned>(data: &Value) -> Option<ParseError> {
    match serde_path_to_error::deserialize::<_, T>(data) {
        Ok(_) => None,
        Err(e) => Some(ParseError::at_serde_path(e.path(), e.inner().to_string())),
    }
}
