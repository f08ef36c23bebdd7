//! Encoding of request fields the way Kazoo writes a GET query string or an
//! `application/x-www-form-urlencoded` body: the inverse of
//! [`form::parse`](super::form::parse).
//!
//! Kazoo's `kz_http_util:json_to_querystring/1` (`core/kazoo_web/src/
//! kz_http_util.erl`) walks the fields in order and writes, joined by `&`:
//! a scalar as `name=value`, a list as `name[]=item` per item, an object as
//! `name[key]=value` per member (nesting further for nested objects), `true`
//! and `false` as text. Values are escaped by `urlencode/2` in its `legacy`
//! mode: ASCII letters, digits and `.-~_` stay, a space becomes `+`, every
//! other byte of the UTF-8 text becomes `%XX` with upper-case hex.
//!
//! Kazoo writes names as they are; its names are letters, digits and `-`,
//! which that escaping leaves alone too. This encoder escapes names the same
//! way as values (but not the brackets it adds), so that a name holding `&`,
//! `=` or a space still reads back as itself; names that contain `[` or `]`
//! do not, since a reader takes them for brackets.
//!
//! Values that a form cannot carry are skipped as Kazoo's encoder produces
//! nothing for them: `null`, empty lists and empty objects. A list item that
//! is itself a list or an object is written as its JSON text.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// Encodes `fields` (name, value) as a query string / form body, in their
/// order.
///
/// ```
/// use kazoo_callflows::pivot::querystring;
/// use serde_json::json;
///
/// let fields = json!({
///     "Caller-ID-Name": "José García",
///     "Digits": {"custom_name": "1234"},
///     "User-ID": ["u1", "u2"]
/// });
/// let serde_json::Value::Object(fields) = fields else { unreachable!() };
/// assert_eq!(
///     querystring::encode(&fields),
///     "Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa&Digits[custom_name]=1234&User-ID[]=u1&User-ID[]=u2"
/// );
/// ```
pub fn encode<'a>(fields: impl IntoIterator<Item = (&'a String, &'a Value)>) -> String {
    let mut pairs = Vec::new();
    for (name, value) in fields {
        push_pairs(&escape(name), value, &mut pairs);
    }
    pairs.join("&")
}

/// Appends the `name=value` pairs of one field (`name` already escaped).
fn push_pairs(name: &str, value: &Value, pairs: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                let text = match item {
                    Value::Array(_) | Value::Object(_) => item.to_string(),
                    scalar => scalar_text(scalar),
                };
                pairs.push(format!("{name}[]={}", escape(&text)));
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                push_pairs(&format!("{name}[{}]", escape(key)), member, pairs);
            }
        }
        scalar => pairs.push(format!("{name}={}", escape(&scalar_text(scalar)))),
    }
}

/// A scalar as text: strings as they are, numbers and booleans as JSON.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What Kazoo's `legacy` URL encoding leaves as it is: ASCII letters and
/// digits, `.`, `-`, `~` and `_`.
const LEGACY_KEPT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b'_');

/// Kazoo's `legacy` URL encoding (`kz_http_util:urlencode_plus/1`): every
/// other byte as `%XX`, a space as `+`.
pub fn escape(text: &str) -> String {
    // A `%20` here can only be a space: a `%` itself is written `%25`.
    utf8_percent_encode(text, LEGACY_KEPT)
        .to_string()
        .replace("%20", "+")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn encoded(v: Value) -> String {
        match v {
            Value::Object(m) => encode(&m),
            other => panic!("not an object: {other}"),
        }
    }

    /// The cases of Kazoo's own `json_to_querystring_test_/0`
    /// (`core/kazoo_web/test/kz_http_util_tests.erl`), restated.
    #[test]
    fn writes_what_kazoo_writes() {
        assert_eq!(encoded(json!({})), "");
        assert_eq!(encoded(json!({"foo": "bar"})), "foo=bar");
        assert_eq!(
            encoded(json!({"arr": [1, 3, 5]})),
            "arr[]=1&arr[]=3&arr[]=5"
        );
        assert_eq!(
            encoded(json!({"url": "http://user:pass@host:port/"})),
            "url=http%3A%2F%2Fuser%3Apass%40host%3Aport%2F"
        );
        assert_eq!(
            encoded(json!({"topkey": {"subkey1": "v1", "subkey3": ["v31", "v32"]}})),
            "topkey[subkey1]=v1&topkey[subkey3][]=v31&topkey[subkey3][]=v32"
        );
        assert_eq!(
            encoded(json!({"topkey": {"subkey2": {"k3": "v3"}}})),
            "topkey[subkey2][k3]=v3"
        );
        assert_eq!(encoded(json!({"a": "foo\n", "b": true})), "a=foo%0A&b=true");
    }

    #[test]
    fn skips_what_a_form_cannot_carry() {
        assert_eq!(
            encoded(json!({"a": null, "b": [], "c": {}, "d": "x"})),
            "d=x"
        );
    }

    #[test]
    fn escaping_keeps_only_the_unreserved_and_writes_a_space_as_plus() {
        assert_eq!(escape("aZ09.-~_"), "aZ09.-~_");
        assert_eq!(escape("a b%20*!"), "a+b%2520%2A%21");
        assert_eq!(escape("é"), "%C3%A9");
    }

    #[test]
    fn names_that_would_break_the_form_are_escaped() {
        assert_eq!(encoded(json!({"a&b=c d": "1"})), "a%26b%3Dc+d=1");
    }
}
