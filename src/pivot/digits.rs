//! [`Digits`]: the DTMF a pivot request reports, either plain digits or
//! named collections (what `collect_dtmf` nodes with a `collection_name`
//! gathered).
//!
//! Kazoo fills the field from `kzt_util:get_digit_pressed/1`
//! (`core/kazoo_translator/src/kzt_util.erl`): the last digit pressed, or
//! else the `dtmf_collections` object, collection name → digits, where a
//! collection without a name is keyed `default`. In a form that object
//! arrives as `Digits[custom_name]=1234`; plain digits as `Digits=1234`.

use super::field_values::{kind, scalar_text};
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The key Kazoo uses for a collection that has no `collection_name`.
pub const DEFAULT_COLLECTION: &str = "default";

/// DTMF digits sent with a pivot request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Digits {
    /// `Digits=1234`.
    Plain(String),
    /// `Digits[custom_name]=1234&Digits[default]=5`: collection name → digits.
    Named(BTreeMap<String, String>),
}

impl Digits {
    /// The plain digits, if Kazoo sent plain digits.
    pub fn plain(&self) -> Option<&str> {
        match self {
            Digits::Plain(s) => Some(s),
            Digits::Named(_) => None,
        }
    }

    /// The digits of the collection `name`, if Kazoo sent named collections.
    pub fn named(&self, name: &str) -> Option<&str> {
        match self {
            Digits::Plain(_) => None,
            Digits::Named(map) => map.get(name).map(String::as_str),
        }
    }

    /// What the caller typed for the collection `name`: that collection, or
    /// the plain digits when Kazoo sent no names. `None` when nothing or only
    /// empty digits were sent for it.
    pub fn collected(&self, name: &str) -> Option<&str> {
        match self {
            Digits::Plain(s) => Some(s.as_str()),
            Digits::Named(map) => map.get(name).map(String::as_str),
        }
        .filter(|s| !s.is_empty())
    }
}

/// Reads `Digits` from text (or a number) or an object of text; `null`
/// reads as absent.
pub(crate) fn deserialize_optional<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Digits>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                scalar_text(v).map(|s| (k.clone(), s)).ok_or_else(|| {
                    D::Error::custom(format!(
                        "collection `{k}`: expected digits, found {}",
                        kind(v)
                    ))
                })
            })
            .collect::<Result<_, _>>()
            .map(|m| Some(Digits::Named(m))),
        v => scalar_text(&v).map(|s| Some(Digits::Plain(s))).ok_or_else(|| {
            D::Error::custom(format!(
                "expected digits (`Digits=1234`) or named collections (`Digits[name]=1234`), found {}",
                kind(&v)
            ))
        }),
    }
}

impl<'de> Deserialize<'de> for Digits {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Digits, D::Error> {
        deserialize_optional(d)?.ok_or_else(|| D::Error::custom("expected digits, found null"))
    }
}
