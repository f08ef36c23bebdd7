//! Capturing a node's `data` for [`crate::node_reader`] (and a document
//! member that may not fit its type, for `__private::next_value_or_keep`)
//! without limiting which deserializer reads it.
//!
//! [`DataSeed`] asks the deserializer for serde_json's raw value (the
//! newtype that `serde_json::value::RawValue` asks for, its name learnt from
//! `RawValue`'s own `Deserialize`, nothing private spelled here):
//!
//! - serde_json's text and reader deserializers answer with the member's
//!   JSON text, skipped over without building anything
//!   ([`Captured::Text`]); the node's module then types it straight from
//!   the text;
//! - serde_json's `Value` deserializer answers with the value written as
//!   text (the same path);
//! - any other deserializer (another format, serde's buffered content
//!   inside `#[serde(flatten)]` or untagged enums) does not know the name
//!   and hands over the data itself, which is read into a `Value`
//!   ([`Captured::Value`]) and typed from there, as every node was before.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

/// A node's `data` as the deserializer gave it.
pub(crate) enum Captured<'de> {
    /// The member's JSON text (serde_json's deserializers).
    Text(Cow<'de, str>),
    /// The member's value (any other deserializer).
    Value(Value),
}

impl Captured<'_> {
    /// The data as a `Value` (parsing the text when it came as text).
    pub(crate) fn into_value<E: de::Error>(self) -> Result<Value, E> {
        match self {
            Captured::Text(text) => serde_json::from_str(&text).map_err(E::custom),
            Captured::Value(value) => Ok(value),
        }
    }
}

/// The newtype name serde_json's deserializers answer with raw JSON text,
/// as `RawValue`'s `Deserialize` asks for it (empty if it ever stops asking
/// for a newtype: then every deserializer takes the `Value` path).
fn raw_value_name() -> &'static str {
    static NAME: OnceLock<&'static str> = OnceLock::new();
    NAME.get_or_init(|| {
        let mut probe = NameProbe(None);
        // The probe fails every request; only the name it saw matters.
        let _ = <Box<RawValue> as Deserialize>::deserialize(&mut probe);
        probe.0.unwrap_or("")
    })
}

/// A deserializer that records the name of the newtype it is asked for and
/// fails every request.
struct NameProbe(Option<&'static str>);

impl<'de> Deserializer<'de> for &mut NameProbe {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("name probe"))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(name);
        Err(de::Error::custom("name probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

/// Reads a node's `data` member (see the module docs).
pub(crate) struct DataSeed;

impl<'de> DeserializeSeed<'de> for DataSeed {
    type Value = Captured<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Captured<'de>, D::Error> {
        let name = raw_value_name();
        if name.is_empty() {
            return Value::deserialize(deserializer).map(Captured::Value);
        }
        deserializer.deserialize_newtype_struct(name, DataVisitor)
    }
}

/// Takes the raw text when it comes, else builds the `Value`.
struct DataVisitor;

fn value<'de, E>(v: Value) -> Result<Captured<'de>, E> {
    Ok(Captured::Value(v))
}

impl<'de> Visitor<'de> for DataVisitor {
    type Value = Captured<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Captured<'de>, D::Error> {
        Value::deserialize(deserializer).map(Captured::Value)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Captured<'de>, E> {
        value(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Captured<'de>, E> {
        value(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Captured<'de>, E> {
        value(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Captured<'de>, E> {
        value(Value::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Captured<'de>, E> {
        value(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Captured<'de>, E> {
        value(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Captured<'de>, E> {
        value(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Captured<'de>, E> {
        value(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Captured<'de>, D::Error> {
        Value::deserialize(deserializer).map(Captured::Value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Captured<'de>, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Captured::Value)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Captured<'de>, A::Error> {
        let first = match map.next_key_seed(FirstKeyVisitor)? {
            None => return value(Value::Object(Map::new())),
            Some(FirstKey::RawValue) => return map.next_value_seed(RawText).map(Captured::Text),
            Some(FirstKey::Member(key)) => key,
        };
        // An ordinary object: read it as `Value` reads one (later
        // duplicates win).
        let mut object = Map::new();
        object.insert(first, map.next_value()?);
        while let Some(key) = map.next_key::<String>()? {
            object.insert(key, map.next_value()?);
        }
        value(Value::Object(object))
    }
}

/// The first key of a map: serde_json's raw-value marker or a member name.
enum FirstKey {
    RawValue,
    Member(String),
}

/// Reads a [`FirstKey`].
struct FirstKeyVisitor;

impl<'de> DeserializeSeed<'de> for FirstKeyVisitor {
    type Value = FirstKey;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FirstKey, D::Error> {
        deserializer.deserialize_str(FirstKeyVisitor)
    }
}

impl Visitor<'_> for FirstKeyVisitor {
    type Value = FirstKey;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<FirstKey, E> {
        Ok(if v == raw_value_name() {
            FirstKey::RawValue
        } else {
            FirstKey::Member(v.to_owned())
        })
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<FirstKey, E> {
        Ok(if v == raw_value_name() {
            FirstKey::RawValue
        } else {
            FirstKey::Member(v)
        })
    }
}

/// The raw JSON text, borrowed from the input when the deserializer can.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(RawText)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("raw JSON text")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}
