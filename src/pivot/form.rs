//! Decoding of what Kazoo sends as a GET query string or an
//! `application/x-www-form-urlencoded` body: `&`-separated `name=value`
//! pairs, percent-encoded with `+` for spaces, whose PHP-style bracketed
//! names (`Digits[custom_name]=1234`, `User-ID[]=a`) become JSON objects and
//! lists, so that form and JSON requests read through the same types.
//!
//! Kazoo writes these names in `kz_http_util:json_to_querystring/1,2`
//! (`core/kazoo_web/src/kz_http_util.erl`, `encode_kv/3`): an object value
//! `{"Digits": {"custom_name": "1234"}}` becomes `Digits[custom_name]=1234`,
//! a list `{"User-ID": ["a", "b"]}` becomes `User-ID[]=a&User-ID[]=b`, and
//! only values are URL-encoded (names and brackets go as they are). Clients
//! other than Kazoo often encode the brackets too (`Digits%5Bx%5D`), so names
//! are decoded before their brackets are read.
//!
//! Decoding is strict where the usual decoders are lossy: a `%` not
//! followed by two hex digits, bytes that are not UTF-8 once decoded, and a
//! `[` without its `]` are errors, not silently kept or replaced.

use super::RequestError;
use percent_encoding::percent_decode;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// How deep bracketed names may nest (`a[b][c]` is 2); PHP's
/// `max_input_nesting_level` defaults to 64, Kazoo sends at most 1.
pub const MAX_NESTING: usize = 32;

/// Decodes `input` (a query string without its `?`, or a form body) into a
/// JSON object: plain names map to strings, a name given more than once to
/// the list of its values in order, `name[key]` to objects and `name[]` to
/// lists.
pub fn parse(input: &[u8]) -> Result<Map<String, Value>, RequestError> {
    check_escapes(input)?;
    let mut out = Map::new();
    for pair in input.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &[][..]),
        };
        let name = decode(raw_name, None)?;
        let value = decode(raw_value, Some(&name))?;
        let path = KeyPath::parse(&name)?;
        insert(&mut out, &name, &path, value)?;
    }
    Ok(out)
}

/// Every `%` must start an escape of two hex digits; the usual decoders keep
/// a bad one as it is, which would hide a client bug.
fn check_escapes(input: &[u8]) -> Result<(), RequestError> {
    for (offset, _) in input.iter().enumerate().filter(|(_, b)| **b == b'%') {
        let escape = input.get(offset + 1..offset + 3);
        if !escape.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
            let end = (offset + 3).min(input.len());
            return Err(RequestError::BadPercentEncoding {
                offset,
                found: String::from_utf8_lossy(&input[offset..end]).into_owned(),
            });
        }
    }
    Ok(())
}

/// Percent-decodes one name or value (`+` is a space); `name` is the
/// decoded name when decoding its value, for the error message.
fn decode(raw: &[u8], name: Option<&str>) -> Result<String, RequestError> {
    let spaced: Cow<[u8]> = if raw.contains(&b'+') {
        Cow::Owned(
            raw.iter()
                .map(|&b| if b == b'+' { b' ' } else { b })
                .collect(),
        )
    } else {
        Cow::Borrowed(raw)
    };
    percent_decode(&spaced)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|_| RequestError::InvalidUtf8 {
            what: match name {
                Some(name) => format!("the value of `{name}`"),
                None => format!("the name `{}`", String::from_utf8_lossy(&spaced)),
            },
        })
}

/// One step below a name: `[key]` or `[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Append,
}

/// A decoded name split into its base and bracketed steps.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyPath<'a> {
    base: &'a str,
    steps: Vec<Step<'a>>,
}

impl<'a> KeyPath<'a> {
    fn parse(name: &'a str) -> Result<KeyPath<'a>, RequestError> {
        let Some(open) = name.find('[') else {
            return Ok(KeyPath {
                base: name,
                steps: Vec::new(),
            });
        };
        let base = &name[..open];
        if base.is_empty() {
            return Err(RequestError::EmptyName {
                name: name.to_string(),
            });
        }
        let mut steps = Vec::new();
        let mut rest = &name[open..];
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(close) = inner.find(']') else {
                return Err(RequestError::UnclosedBracket {
                    name: name.to_string(),
                });
            };
            let key = &inner[..close];
            steps.push(if key.is_empty() {
                Step::Append
            } else {
                Step::Key(key)
            });
            if steps.len() > MAX_NESTING {
                return Err(RequestError::TooDeep {
                    name: name.to_string(),
                    limit: MAX_NESTING,
                });
            }
            rest = &inner[close + 1..];
        }
        if !rest.is_empty() {
            return Err(RequestError::TextAfterBracket {
                name: name.to_string(),
            });
        }
        Ok(KeyPath { base, steps })
    }
}

/// Adds `value` at `path`; a plain name given again turns into a list.
fn insert(
    out: &mut Map<String, Value>,
    name: &str,
    path: &KeyPath<'_>,
    value: String,
) -> Result<(), RequestError> {
    let conflict = || RequestError::Conflict {
        name: name.to_string(),
    };
    let Some((last, inner)) = path.steps.split_last() else {
        return add_scalar(out, path.base, value).map_err(|()| conflict());
    };
    let mut slot = out
        .entry(path.base)
        .or_insert_with(|| container_for(&path.steps[0]));
    for (i, step) in inner.iter().enumerate() {
        let next = container_for(&path.steps[i + 1]);
        slot = match (step, slot) {
            (Step::Key(key), Value::Object(map)) => map.entry(*key).or_insert(next),
            (Step::Append, Value::Array(list)) => {
                list.push(next);
                list.last_mut().ok_or_else(conflict)?
            }
            _ => return Err(conflict()),
        };
    }
    match (last, slot) {
        (Step::Key(key), Value::Object(map)) => {
            add_scalar(map, key, value).map_err(|()| conflict())
        }
        (Step::Append, Value::Array(list)) if list.iter().all(Value::is_string) => {
            list.push(Value::String(value));
            Ok(())
        }
        _ => Err(conflict()),
    }
}

/// The empty container a step goes into.
fn container_for(step: &Step<'_>) -> Value {
    match step {
        Step::Key(_) => Value::Object(Map::new()),
        Step::Append => Value::Array(Vec::new()),
    }
}

/// Sets `map[key]` to `value`, or appends to the list of values the key
/// already has; an object there is a conflict.
fn add_scalar(map: &mut Map<String, Value>, key: &str, value: String) -> Result<(), ()> {
    match map.get_mut(key) {
        None => {
            map.insert(key.to_string(), Value::String(value));
            Ok(())
        }
        Some(Value::String(first)) => {
            let first = std::mem::take(first);
            map.insert(
                key.to_string(),
                Value::Array(vec![Value::String(first), Value::String(value)]),
            );
            Ok(())
        }
        Some(Value::Array(list)) if list.iter().all(Value::is_string) => {
            list.push(Value::String(value));
            Ok(())
        }
        Some(_) => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(s: &str) -> Value {
        Value::Object(parse(s.as_bytes()).unwrap_or_else(|e| panic!("{s}: {e}")))
    }

    #[test]
    fn brackets_make_objects_and_lists() {
        assert_eq!(
            form("Digits[custom_name]=1234&User-ID[]=a&User-ID[]=b&x=1"),
            json!({"Digits": {"custom_name": "1234"}, "User-ID": ["a", "b"], "x": "1"})
        );
        assert_eq!(
            form("a[b][c]=1&a[b][d]=2"),
            json!({"a": {"b": {"c": "1", "d": "2"}}})
        );
        assert_eq!(
            form("a[][k]=1&a[][k]=2"),
            json!({"a": [{"k": "1"}, {"k": "2"}]})
        );
    }

    #[test]
    fn decoding() {
        assert_eq!(
            form("Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa&Digits%5Bx%5D=1&e=&f"),
            json!({"Caller-ID-Name": "José García", "Digits": {"x": "1"}, "e": "", "f": ""})
        );
        assert_eq!(form("a=1&a=2&a=3"), json!({"a": ["1", "2", "3"]}));
        assert_eq!(form("&&a=%2B+%26=&"), json!({"a": "+ &="}));
        assert_eq!(
            form("k=Ren%C3%A9e&k%E2%82%AC=%F0%9F%93%9E"),
            json!({"k": "Renée", "k€": "📞"})
        );
    }

    #[test]
    fn errors() {
        let err = |s: &str| parse(s.as_bytes()).expect_err(s);
        assert!(matches!(
            err("a=%zz"),
            RequestError::BadPercentEncoding { offset: 2, .. }
        ));
        assert!(matches!(
            err("a=1%"),
            RequestError::BadPercentEncoding { offset: 3, .. }
        ));
        assert!(matches!(
            err("a=%4"),
            RequestError::BadPercentEncoding { .. }
        ));
        assert!(matches!(err("a=%C3%28"), RequestError::InvalidUtf8 { .. }));
        assert!(matches!(err("%FF=1"), RequestError::InvalidUtf8 { .. }));
        assert!(matches!(
            err("Digits[=1"),
            RequestError::UnclosedBracket { .. }
        ));
        assert!(matches!(
            err("Digits[a][b=1"),
            RequestError::UnclosedBracket { .. }
        ));
        assert!(matches!(
            err("Digits[a]b=1"),
            RequestError::TextAfterBracket { .. }
        ));
        assert!(matches!(err("[a]=1"), RequestError::EmptyName { .. }));
        assert!(matches!(err("a=1&a[b]=2"), RequestError::Conflict { .. }));
        assert!(matches!(err("a[b]=1&a=2"), RequestError::Conflict { .. }));
        assert!(matches!(err("a[]=1&a[b]=2"), RequestError::Conflict { .. }));
        let deep = format!("a{}=1", "[x]".repeat(MAX_NESTING + 1));
        assert!(matches!(err(&deep), RequestError::TooDeep { .. }));
        let ok = format!("a{}=1", "[x]".repeat(MAX_NESTING));
        assert!(parse(ok.as_bytes()).is_ok());
    }
}
