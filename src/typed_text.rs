//! Reading generated types from JSON text, the one deserializer the library
//! reads them with.
//!
//! Every generated type's `Deserialize` is monomorphised once per
//! deserializer it is used with, and for the ~200 types of Kazoo master
//! each copy costs the library's build about a hundred thousand LLVM lines.
//! So typed reads go through serde_json's text reader ([`from_text`]); a
//! value already in memory is written out and read back ([`from_value`]),
//! which only the rare paths do (a node read through another serde format
//! or from a `Value`, a document member that does not fit). Where data does
//! not fit, the path is found without the types at all
//! ([`type_shape`](crate::type_shape)).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// `text` read as `T`.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

/// `value` read as `T`, through its JSON text.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    from_text(&value.to_string())
}
