//! The shape of each generated type, as data, and the walk that finds
//! where a JSON value does not fit one.
//!
//! Strict reading (`check_typed`, `first_misfit`, `RawAction::type_error`)
//! names the path and message of the first member that does not fit, as
//! `serde_path_to_error` reading the `Value` with the type's own
//! `Deserialize` would. Doing that with the types themselves compiles
//! every generated deserializer a second time, for `serde_path_to_error`
//! over serde_json's `Value` reader, which is most of the library's build
//! time. So the generator also writes each type's shape into a table
//! (`SHAPES`, beside the types) and [`misfit`] walks a value against it,
//! with serde's own messages; `tests/misfit_paths.rs` checks it against
//! `serde_path_to_error` on every member of Kazoo's corpus, mutated.

use crate::ParseError;
use serde::de::{Error as _, Unexpected};
use serde_json::Value;

/// What a value must be to read as a type, as the generated type reads it.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `serde_json::Number`.
    Number,
    /// `bool`.
    Boolean,
    /// `()`.
    Null,
    /// `serde_json::Value`: anything.
    Any,
    /// `serde_json::Map<String, Value>`.
    Object,
    /// `Vec<T>`.
    Array(&'static Shape),
    /// `BTreeMap<String, T>`.
    Map(&'static Shape),
    /// A generated type: its index in the table.
    Named(usize),
    /// A callflow node (`Flow`).
    Flow,
    /// A metaflow node (`Metaflow`).
    Metaflow,
}

/// A generated type's shape.
#[derive(Debug, Clone, Copy)]
pub enum TypeShape {
    /// A struct read from an object: declared members, the others kept.
    Struct {
        /// What its visitor expects (`struct Name`).
        expecting: &'static str,
        /// Its declared members, in declaration order.
        fields: &'static [FieldShape],
    },
    /// A string enum: one of `values`.
    Enum {
        /// The strings, in schema order.
        values: &'static [&'static str],
    },
    /// An untagged union: the first variant that fits.
    Untagged {
        /// The type's name.
        name: &'static str,
        /// The variants, in order.
        variants: &'static [Shape],
    },
    /// An internally tagged union: member `tag` names the variant.
    Tagged {
        /// The type's name.
        name: &'static str,
        /// The tag member.
        tag: &'static str,
        /// The tag's values, one per variant.
        values: &'static [&'static str],
        /// The variants' payloads, in the order of `values`.
        variants: &'static [Shape],
    },
}

/// A declared member of a struct.
#[derive(Debug, Clone, Copy)]
pub struct FieldShape {
    /// The member's JSON name.
    pub name: &'static str,
    /// Its value's shape.
    pub shape: Shape,
    /// Whether a missing member is an error.
    pub required: bool,
}

/// One step of a path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Why `value` does not read as `shape`, with the path inside it, as
/// `serde_path_to_error` names it; `None` when it fits.
pub fn misfit(table: &[TypeShape], shape: &Shape, value: &Value) -> Option<ParseError> {
    let mut path = Vec::new();
    let message = Walk { table }.check(shape, value, &mut path)?;
    Some(ParseError::new(render(&path), message))
}

/// `path` as `serde_path_to_error` writes it: keys joined by `.`, indexes
/// as `[i]` with no separator before them.
fn render(path: &[Step<'_>]) -> String {
    let mut s = String::new();
    for (i, step) in path.iter().enumerate() {
        match step {
            Step::Key(k) => {
                if i > 0 {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(n) => {
                s.push('[');
                s.push_str(&n.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// A walk against one table.
struct Walk<'t> {
    table: &'t [TypeShape],
}

/// serde's `invalid type` message for `value`, expecting `expected`.
fn invalid_type(value: &Value, expected: &str) -> String {
    serde_json::Error::invalid_type(unexpected(value), &expected).to_string()
}

/// How serde's `Value` reader describes `value` in errors.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (None, Some(i), _) => Unexpected::Signed(i),
            (None, None, Some(f)) => Unexpected::Float(f),
            (None, None, None) => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

impl<'t> Walk<'t> {
    /// The message when `value` does not fit `shape`, with `path` left
    /// at where it does not (unchanged when it fits).
    fn check<'v>(
        &self,
        shape: &Shape,
        value: &'v Value,
        path: &mut Vec<Step<'v>>,
    ) -> Option<String> {
        match (shape, value) {
            (Shape::Any, _)
            | (Shape::String, Value::String(_))
            | (Shape::Boolean, Value::Bool(_))
            | (Shape::Null, Value::Null)
            | (Shape::Number, Value::Number(_))
            | (Shape::Object, Value::Object(_)) => None,
            (Shape::String, _) => Some(invalid_type(value, "a string")),
            (Shape::Boolean, _) => Some(invalid_type(value, "a boolean")),
            (Shape::Null, _) => Some(invalid_type(value, "unit")),
            (Shape::Number, _) => Some(invalid_type(value, "a JSON number")),
            (Shape::Object, _) => Some(invalid_type(value, "a map")),
            (Shape::Integer, Value::Number(n)) => match (n.as_i64(), n.as_u64()) {
                (Some(_), _) => None,
                (None, Some(u)) => Some(
                    serde_json::Error::invalid_value(Unexpected::Unsigned(u), &"i64").to_string(),
                ),
                (None, None) => Some(invalid_type(value, "i64")),
            },
            (Shape::Integer, _) => Some(invalid_type(value, "i64")),
            (Shape::Array(item), Value::Array(items)) => items
                .iter()
                .enumerate()
                .find_map(|(i, v)| self.check_at(Step::Index(i), item, v, path)),
            (Shape::Array(_), _) => Some(invalid_type(value, "a sequence")),
            (Shape::Map(item), Value::Object(map)) => map
                .iter()
                .find_map(|(k, v)| self.check_at(Step::Key(k), item, v, path)),
            (Shape::Map(_), _) => Some(invalid_type(value, "a map")),
            (Shape::Flow, _) => crate::node_reader::not_a_node(
                value,
                <crate::Action as crate::NodeAction>::NODE_KIND,
            ),
            (Shape::Metaflow, _) => crate::node_reader::not_a_node(
                value,
                <crate::MetaflowAction as crate::NodeAction>::NODE_KIND,
            ),
            (Shape::Named(i), _) => match self.table.get(*i) {
                Some(t) => self.check_type(t, value, path),
                None => Some(format!("no shape {i} in the generated table")),
            },
        }
    }

    /// [`Walk::check`] of the member or item at `step`: `path` left
    /// ending in `step` when it does not fit, as it was when it does.
    fn check_at<'v>(
        &self,
        step: Step<'v>,
        shape: &Shape,
        value: &'v Value,
        path: &mut Vec<Step<'v>>,
    ) -> Option<String> {
        path.push(step);
        let m = self.check(shape, value, path);
        if m.is_none() {
            path.pop();
        }
        m
    }

    /// [`Walk::check`] for a generated type.
    fn check_type<'v>(
        &self,
        t: &TypeShape,
        value: &'v Value,
        path: &mut Vec<Step<'v>>,
    ) -> Option<String> {
        match t {
            TypeShape::Struct { expecting, fields } => {
                let Value::Object(map) = value else {
                    return Some(invalid_type(value, expecting));
                };
                // Members in the order the reader meets them; then the
                // first missing required one, in declaration order.
                let member = map.iter().find_map(|(k, v)| {
                    let f = fields.iter().find(|f| f.name == k)?;
                    self.check_at(Step::Key(k), &f.shape, v, path)
                });
                if member.is_some() {
                    return member;
                }
                fields
                    .iter()
                    .find(|f| f.required && !map.contains_key(f.name))
                    .map(|f| serde_json::Error::missing_field(f.name).to_string())
            }
            TypeShape::Enum { values } => match value {
                Value::String(s) if values.contains(&s.as_str()) => None,
                Value::String(s) => Some(serde_json::Error::unknown_variant(s, values).to_string()),
                _ => Some(invalid_type(value, &crate::private::one_of(values))),
            },
            TypeShape::Untagged { name, variants } => {
                let fits = variants
                    .iter()
                    .any(|v| self.check(v, value, &mut Vec::new()).is_none());
                (!fits).then(|| format!("data did not match any variant of untagged enum {name}"))
            }
            TypeShape::Tagged {
                name,
                tag,
                values,
                variants,
            } => self.check_tagged(name, tag, values, variants, value, path),
        }
    }

    /// [`Walk::check`] for an internally tagged union, as serde reads one:
    /// the tag first (an error in it has the tag's path), then the payload
    /// from the other members, with no path inside it.
    fn check_tagged<'v>(
        &self,
        name: &str,
        tag: &'static str,
        values: &'static [&'static str],
        variants: &[Shape],
        value: &'v Value,
        path: &mut Vec<Step<'v>>,
    ) -> Option<String> {
        // serde reads the tag from a map's `tag` member or an array's first
        // item, and the payload from the other members or items.
        let (tag_value, tag_step, payload) = match value {
            Value::Object(map) => {
                let mut rest = map.clone();
                (rest.remove(tag), Step::Key(tag), Value::Object(rest))
            }
            Value::Array(items) => match items.split_first() {
                Some((first, rest)) => (
                    Some(first.clone()),
                    Step::Index(0),
                    Value::Array(rest.to_vec()),
                ),
                None => (None, Step::Index(0), Value::Array(Vec::new())),
            },
            _ => {
                let expected = format!("internally tagged enum {name}");
                return Some(invalid_type(value, &expected));
            }
        };
        let Some(tag_value) = tag_value else {
            return Some(serde_json::Error::missing_field(tag).to_string());
        };
        let Value::String(s) = &tag_value else {
            path.push(tag_step);
            return Some(invalid_type(&tag_value, "variant identifier"));
        };
        let Some(i) = values.iter().position(|v| v == s) else {
            path.push(tag_step);
            return Some(serde_json::Error::unknown_variant(s, values).to_string());
        };
        self.check(variants.get(i)?, &payload, &mut Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_as_serde_path_to_error_writes_them() {
        assert_eq!(render(&[]), "");
        assert_eq!(
            render(&[
                Step::Key("a"),
                Step::Index(0),
                Step::Key("b"),
                Step::Key("")
            ]),
            "a[0].b."
        );
        assert_eq!(render(&[Step::Index(2), Step::Key("[x]")]), "[2].[x]");
    }
}
