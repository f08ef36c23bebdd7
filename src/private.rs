//! Items generated code calls; not part of the public API.

/// What generated validators call (the file lives with the rest of
/// validation).
#[path = "validate/keywords.rs"]
pub mod keywords;

use crate::ParseError;
use crate::data_capture::{Captured, DataSeed};
use serde::de::{self, DeserializeOwned, MapAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

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

/// `value` read as `T`, or `value` itself when it does not fit (the caller
/// keeps it as an extra member, so nothing is lost).
fn read_or_keep<T: DeserializeOwned>(value: Value) -> Result<T, Value> {
    crate::typed_text::from_value(&value).map_err(|_| value)
}

/// A node's `data` read as its module's type `T` (whose shape is `shape`
/// in `table`), or `None` when it does not fit (the node then keeps it
/// raw). Data that does not fit is told by its shape, without writing it
/// out and reading it back: that is the common case here, as data reaches
/// this only when it did not read from its own text.
pub fn read_data<T: DeserializeOwned>(
    table: &[TypeShape],
    shape: &Shape,
    data: &Value,
) -> Option<T> {
    if crate::type_shape::misfit(table, shape, data).is_some() {
        return None;
    }
    crate::typed_text::from_value(data).ok()
}

pub use crate::type_shape::{FieldShape, Shape, TypeShape};

/// For members of types that keep misfits: the member's value read as `T`,
/// or the value itself when it does not fit; the same as reading the value
/// and typing it (`read_or_keep`), but from serde_json's text and reader
/// deserializers typed straight from the member's JSON text (a `Value` is
/// built only when it does not fit). Fails only when the value is not
/// JSON.
pub fn next_value_or_keep<'de, T, M>(map: &mut M) -> Result<Result<T, Value>, M::Error>
where
    T: DeserializeOwned,
    M: MapAccess<'de>,
{
    match map.next_value_seed(DataSeed)? {
        Captured::Text(text) => {
            if let Ok(typed) = crate::typed_text::from_text::<T>(&text) {
                return Ok(Ok(typed));
            }
            let value: Value = serde_json::from_str(&text).map_err(de::Error::custom)?;
            Ok(read_or_keep(value))
        }
        Captured::Value(value) => Ok(read_or_keep(value)),
    }
}

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

/// A member name as the deserializer hands it over: borrowed from the input
/// when it can be, so that a declared member is matched without allocating.
/// Read as serde derive reads a struct's keys (`deserialize_identifier`);
/// like a `String` key it also takes UTF-8 bytes, and anything else fails
/// as a `String` key does ("expected a string").
pub struct MemberName<'de>(Cow<'de, str>);

impl MemberName<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name, owned (to keep an unknown member).
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for MemberName<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(MemberNameVisitor)
    }
}

/// Reads a [`MemberName`].
struct MemberNameVisitor;

impl<'de> Visitor<'de> for MemberNameVisitor {
    type Value = MemberName<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<MemberName<'de>, E> {
        Ok(MemberName(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<MemberName<'de>, E> {
        Ok(MemberName(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<MemberName<'de>, E> {
        Ok(MemberName(Cow::Owned(v)))
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<MemberName<'de>, E> {
        match std::str::from_utf8(v) {
            Ok(s) => Ok(MemberName(Cow::Borrowed(s))),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(v), &self)),
        }
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<MemberName<'de>, E> {
        match std::str::from_utf8(v) {
            Ok(s) => Ok(MemberName(Cow::Owned(s.to_owned()))),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(v), &self)),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<MemberName<'de>, E> {
        match String::from_utf8(v) {
            Ok(s) => Ok(MemberName(Cow::Owned(s))),
            Err(e) => Err(E::invalid_value(Unexpected::Bytes(&e.into_bytes()), &self)),
        }
    }
}

/// Reads the value of declared member `name` into `slot`; a second one is
/// serde's `duplicate_field` error, as serde derive reports it.
pub fn read_once<'de, T, M>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error>
where
    T: Deserialize<'de>,
    M: MapAccess<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The value of required member `name`, or serde's `missing_field` error,
/// as serde derive reports it.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}
