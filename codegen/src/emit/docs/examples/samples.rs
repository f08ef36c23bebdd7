//! Sample values that satisfy a schema node's keywords: strings within the
//! length bounds, `format` and `pattern` (read as the validators read
//! ECMA patterns), integers within the bounds, and values for untyped
//! nodes.

use crate::ir::schema::{JsonType, SchemaNode};
use serde_json::{Map, Number, Value};

/// A string that satisfies `node`'s length bounds, `format` and `pattern`.
pub(super) fn sample_string(node: &SchemaNode, default: Option<&Value>, hint: &str) -> String {
    let min = node.min_length.unwrap_or(0);
    let max = node.max_length.unwrap_or(u64::MAX);
    let fits = |s: &str| {
        let n = s.chars().count() as u64;
        n >= min && n <= max && pattern_matches(node.pattern.as_deref(), s)
    };
    let mut candidates: Vec<String> = Vec::new();
    if let Some(Value::String(d)) = default
        && !d.is_empty()
    {
        candidates.push(d.clone());
    }
    if let Some(values) = &node.enumeration {
        candidates.extend(values.iter().filter_map(|v| v.as_str().map(str::to_string)));
    }
    let by_format = match node.format.as_deref() {
        Some("email") => Some("user@example.com"),
        Some("uri" | "url") => Some("https://example.com/"),
        Some("date-time") => Some("2024-01-01T00:00:00Z"),
        Some("ipv4") => Some("192.0.2.1"),
        _ => None,
    };
    candidates.extend(by_format.map(str::to_string));
    candidates.extend(name_sample(hint).map(str::to_string));
    candidates.push(String::from("example"));
    if let Some(found) = candidates.iter().find(|c| fits(c)) {
        return found.clone();
    }
    if let Some(p) = &node.pattern
        && let Some(generated) = string_from_pattern(p)
        && fits(&generated)
    {
        return generated;
    }
    fit_length("example", min, max)
}

/// Samples suggested by a property's name.
fn name_sample(name: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    if name.contains("url") || name.contains("uri") {
        Some("https://example.com/")
    } else if name.contains("email") {
        Some("user@example.com")
    } else if name == "language" {
        Some("en-us")
    } else if name == "id" || name.ends_with("_id") {
        Some("0123456789abcdef0123456789abcdef")
    } else if name.contains("digits") || name.contains("number") {
        Some("1234")
    } else if name.contains("text") {
        Some("Hello")
    } else {
        None
    }
}

/// `base` cut to `max` characters, or lengthened with hex digits to `min`.
fn fit_length(base: &str, min: u64, max: u64) -> String {
    let min = usize::try_from(min).unwrap_or(usize::MAX);
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    if base.len() >= min {
        return base.chars().take(max).collect();
    }
    "0123456789abcdef".chars().cycle().take(min).collect()
}

/// Whether `s` matches `pattern` as the validators decide it: ECMA-262,
/// through the validators' translation to `regex` where it is exact, else
/// with the ECMA engine (true without a pattern, or with one that does not
/// compile, which generation reports elsewhere).
fn pattern_matches(pattern: Option<&str>, s: &str) -> bool {
    let Some(pattern) = pattern else {
        return true;
    };
    match crate::emit::validators::ecma::to_rust_regex(pattern) {
        Some(rust) => regex::Regex::new(&rust).is_ok_and(|re| re.is_match(s)),
        None => regress::Regex::new(pattern).map_or(true, |re| re.find(s).is_some()),
    }
}

/// A short string the ECMA pattern matches (`None` when its translation
/// is not exact): each repetition its minimum, each
/// alternation its first branch, each class a letter or digit when it has
/// one.
pub fn string_from_pattern(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(h: &Hir, out: &mut String) -> Option<()> {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(lit) => out.push_str(std::str::from_utf8(&lit.0).ok()?),
            HirKind::Class(Class::Unicode(c)) => {
                let preferred = ['a', 'e', '0', 'A'];
                let pick = preferred
                    .into_iter()
                    .find(|p| c.ranges().iter().any(|r| r.start() <= *p && *p <= r.end()))
                    .or_else(|| {
                        c.ranges()
                            .iter()
                            .find_map(|r| (r.start()..=r.end()).find(|ch| ch.is_ascii_graphic()))
                    })
                    .or_else(|| c.ranges().first().map(|r| r.start()))?;
                out.push(pick);
            }
            HirKind::Class(Class::Bytes(c)) => {
                let b = c.ranges().first()?.start();
                out.push(char::from(b));
            }
            HirKind::Repetition(r) => {
                for _ in 0..r.min {
                    walk(&r.sub, out)?;
                }
            }
            HirKind::Capture(cap) => walk(&cap.sub, out)?,
            HirKind::Concat(parts) => {
                for p in parts {
                    walk(p, out)?;
                }
            }
            HirKind::Alternation(alts) => walk(alts.first()?, out)?,
        }
        Some(())
    }
    // Read as the validators read it: the ECMA pattern's `regex` translation.
    let rust = crate::emit::validators::ecma::to_rust_regex(pattern)?;
    let hir = regex_syntax::Parser::new().parse(&rust).ok()?;
    let mut out = String::new();
    walk(&hir, &mut out)?;
    Some(out)
}

/// An integer within `node`'s bounds: the default when it fits, else the
/// smallest allowed value at or above zero.
pub(super) fn sample_integer(node: &SchemaNode, default: Option<&Value>) -> i64 {
    let min = node.minimum.as_ref().and_then(Number::as_f64);
    let max = node.maximum.as_ref().and_then(Number::as_f64);
    let fits = |n: i64| {
        let x = n as f64;
        min.is_none_or(|m| {
            if node.exclusive_minimum {
                x > m
            } else {
                x >= m
            }
        }) && max.is_none_or(|m| {
            if node.exclusive_maximum {
                x < m
            } else {
                x <= m
            }
        }) && node
            .multiple_of
            .as_ref()
            .and_then(Number::as_f64)
            .is_none_or(|d| d == 0.0 || (x / d).fract() == 0.0)
    };
    if let Some(d) = default.and_then(Value::as_i64)
        && fits(d)
    {
        return d;
    }
    let start = match min {
        Some(m) if m > 0.0 => m.ceil() as i64,
        _ => 0,
    };
    (start..start.saturating_add(1000))
        .find(|n| fits(*n))
        .or_else(|| max.map(|m| m.floor() as i64))
        .unwrap_or(start)
}

/// A value for a node the type plan leaves untyped.
pub(super) fn any_sample(node: &SchemaNode) -> Value {
    match node.types.as_deref() {
        Some([JsonType::String, ..]) => Value::String(String::from("example")),
        Some([JsonType::Boolean, ..]) => Value::Bool(false),
        Some([JsonType::Integer | JsonType::Number, ..]) => Value::Number(0.into()),
        Some([JsonType::Array, ..]) => Value::Array(Vec::new()),
        Some([JsonType::Object, ..]) => Value::Object(Map::new()),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_from_patterns() {
        assert_eq!(
            string_from_pattern("^[A-Za-z]{2}(-[A-Za-z]{2})?$").as_deref(),
            Some("aa")
        );
        assert_eq!(
            string_from_pattern("^https?://").as_deref(),
            Some("http://")
        );
        assert_eq!(string_from_pattern("^\\+?[0-9]+$").as_deref(), Some("0"));
        assert_eq!(string_from_pattern("(?=x)"), None);
    }

    #[test]
    fn samples_respect_bounds_and_patterns() {
        let mut n = SchemaNode {
            min_length: Some(32),
            max_length: Some(32),
            ..SchemaNode::default()
        };
        assert_eq!(sample_string(&n, None, "owner_id").len(), 32);
        assert_eq!(sample_string(&n, None, "name").len(), 32);
        n = SchemaNode {
            pattern: Some(String::from("^https?://")),
            ..SchemaNode::default()
        };
        assert_eq!(sample_string(&n, None, "voice_url"), "https://example.com/");
        assert_eq!(sample_string(&n, None, "other"), "http://");
        n = SchemaNode::default();
        assert_eq!(sample_string(&n, Some(&json!("")), "variable"), "example");
        assert_eq!(sample_string(&n, Some(&json!("start")), "action"), "start");
    }

    #[test]
    fn integers_respect_bounds() {
        let mut n = SchemaNode::default();
        assert_eq!(sample_integer(&n, Some(&json!(486))), 486);
        assert_eq!(sample_integer(&n, None), 0);
        n.minimum = Some(5.into());
        n.exclusive_minimum = true;
        assert_eq!(sample_integer(&n, Some(&json!(5))), 6);
        n.maximum = Some(3.into());
        assert_eq!(sample_integer(&n, None), 3);
    }
}
