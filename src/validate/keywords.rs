//! What generated validators call: one function per keyword failure (each
//! builds its sentence only when the error is kept), plus the checks that
//! are more than a comparison. Not public API: reachable only as
//! `__private::keywords`, the one hidden module generated code uses (so
//! helpers a schema directory happens not to use are not dead code).

use crate::validate::json_eq::json_eq;
use crate::validate::messages::{self, show, show_str};
use crate::validate::numbers::{self, cmp_limit};
use crate::validate::sink::Formats;
use crate::validate::{Loc, Sink, formats, suggest};
use serde_json::{Number, Value};
use std::cmp::Ordering;

pub use crate::validate::json_eq::{first_duplicate, first_duplicate_ord};
pub use crate::validate::location::{At, Item, Member};
pub use crate::validate::messages::{number_allowed, type_allows, types};
pub use crate::validate::numbers::Limit;
pub use crate::validate::patterns::Pattern;
pub use crate::validate::sink::Checker;

/// Every pattern of the schemas, with the engine the validators use for
/// it.
pub fn schema_patterns() -> &'static [Pattern] {
    &crate::validate::generated::PATTERNS
}

/// Deeper than this many members and items, recursive schemas stop
/// descending (with an error), so no input can exhaust the stack.
pub const MAX_DEPTH: u32 = 512;

/// Reports a nesting too deep to validate; `true` when it did.
#[inline]
pub fn too_deep<S: Sink>(s: &mut S, at: &Loc<'_>, sp: &str) -> bool {
    if at.depth() <= MAX_DEPTH {
        return false;
    }
    s.error(at, sp, "$ref", || {
        format!("nested deeper than {MAX_DEPTH} levels; not validated further")
    });
    true
}

/// `type` on a raw value.
#[inline]
pub fn check_type<S: Sink>(s: &mut S, at: impl At, sp: &str, allowed: u8, v: &Value) {
    if !type_allows(allowed, v) {
        s.error(at, sp, "type", || {
            messages::type_mismatch(allowed, &show(v))
        });
    }
}

/// `type` on a typed number.
#[inline]
pub fn check_number_type<S: Sink>(s: &mut S, at: impl At, sp: &str, allowed: u8, n: &Number) {
    if !number_allowed(allowed, n) {
        s.error(at, sp, "type", || {
            messages::type_mismatch(allowed, &n.to_string())
        });
    }
}

/// `type` on a typed value whose JSON type is not allowed.
#[cold]
pub fn wrong_type<S: Sink>(
    s: &mut S,
    at: impl At,
    sp: &str,
    allowed: u8,
    found: impl FnOnce() -> String,
) {
    s.error(at, sp, "type", || {
        messages::type_mismatch(allowed, &found())
    });
}

/// How a typed string appears in messages.
pub fn show_string(x: &str) -> String {
    show_str(x)
}

fn quoted(allowed: &[&str]) -> Vec<String> {
    allowed.iter().map(|a| show_str(a)).collect()
}

/// `enum` of strings, missed by a raw value.
#[cold]
pub fn enum_miss<S: Sink>(s: &mut S, at: impl At, sp: &str, v: &Value, allowed: &[&str]) {
    s.error(at, sp, "enum", || {
        let suggestion = match v {
            Value::String(x) => suggest::closest(x, allowed.iter().copied()),
            _ => None,
        };
        messages::not_in_enum(&show(v), &quoted(allowed), suggestion)
    });
}

/// `enum` of strings, missed by a typed string.
#[cold]
pub fn enum_miss_str<S: Sink>(s: &mut S, at: impl At, sp: &str, x: &str, allowed: &[&str]) {
    s.error(at, sp, "enum", || {
        let suggestion = suggest::closest(x, allowed.iter().copied());
        messages::not_in_enum(&show_str(x), &quoted(allowed), suggestion)
    });
}

/// `enum` with values other than strings.
#[inline]
pub fn enum_values<S: Sink>(s: &mut S, at: impl At, sp: &str, v: &Value, allowed: &[Value]) {
    if allowed.iter().any(|a| json_eq(a, v)) {
        return;
    }
    s.error(at, sp, "enum", || {
        let strings: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
        let suggestion = match v {
            Value::String(x) => suggest::closest(x, strings),
            _ => None,
        };
        let listed: Vec<String> = allowed.iter().map(Value::to_string).collect();
        messages::not_in_enum(&show(v), &listed, suggestion)
    });
}

/// `minimum` (with `exclusiveMinimum`).
#[inline]
pub fn minimum<S: Sink>(
    s: &mut S,
    at: impl At,
    sp: &str,
    n: &Number,
    limit: Limit,
    exclusive: bool,
) {
    let ok = match cmp_limit(n, limit) {
        Some(Ordering::Greater) => true,
        Some(Ordering::Equal) => !exclusive,
        _ => false,
    };
    if !ok {
        s.error(at, sp, "minimum", || {
            if exclusive {
                format!(
                    "{n} is not greater than the exclusive minimum {}",
                    limit.render()
                )
            } else {
                format!("{n} is less than the minimum {}", limit.render())
            }
        });
    }
}

/// `maximum` (with `exclusiveMaximum`).
#[inline]
pub fn maximum<S: Sink>(
    s: &mut S,
    at: impl At,
    sp: &str,
    n: &Number,
    limit: Limit,
    exclusive: bool,
) {
    let ok = match cmp_limit(n, limit) {
        Some(Ordering::Less) => true,
        Some(Ordering::Equal) => !exclusive,
        _ => false,
    };
    if !ok {
        s.error(at, sp, "maximum", || {
            if exclusive {
                format!(
                    "{n} is not less than the exclusive maximum {}",
                    limit.render()
                )
            } else {
                format!("{n} is greater than the maximum {}", limit.render())
            }
        });
    }
}

/// `multipleOf`.
#[inline]
pub fn multiple_of<S: Sink>(s: &mut S, at: impl At, sp: &str, n: &Number, m: Limit) {
    if !numbers::is_multiple_of(n, m) {
        s.error(at, sp, "multipleOf", || {
            format!("{n} is not a multiple of {}", m.render())
        });
    }
}

/// How many Unicode scalar values `x` has.
#[inline]
fn char_count(x: &str) -> u64 {
    if x.is_ascii() {
        x.len() as u64
    } else {
        x.chars().count() as u64
    }
}

/// `minLength`, in Unicode scalar values.
#[inline]
pub fn min_length<S: Sink>(s: &mut S, at: impl At, sp: &str, x: &str, min: u64) {
    // A string of `len` bytes has at least ⌈len/4⌉ characters.
    if (x.len() as u64).div_ceil(4) < min {
        min_length_counted(s, at, sp, x, min);
    }
}

/// `minLength`, when the length in bytes does not decide it.
#[inline(never)]
fn min_length_counted<S: Sink>(s: &mut S, at: impl At, sp: &str, x: &str, min: u64) {
    let n = char_count(x);
    if n < min {
        s.error(at, sp, "minLength", || {
            format!(
                "{} has {n} characters, fewer than the minimum {min}",
                show_str(x)
            )
        });
    }
}

/// `maxLength`, in Unicode scalar values.
#[inline]
pub fn max_length<S: Sink>(s: &mut S, at: impl At, sp: &str, x: &str, max: u64) {
    // A string of `len` bytes has at most `len` characters.
    if x.len() as u64 > max {
        max_length_counted(s, at, sp, x, max);
    }
}

/// `maxLength`, when the length in bytes does not decide it.
#[inline(never)]
fn max_length_counted<S: Sink>(s: &mut S, at: impl At, sp: &str, x: &str, max: u64) {
    let n = char_count(x);
    if n > max {
        s.error(at, sp, "maxLength", || {
            format!(
                "{} has {n} characters, more than the maximum {max}",
                show_str(x)
            )
        });
    }
}

/// `pattern`.
#[inline]
pub fn pattern<S: Sink>(s: &mut S, at: impl At, sp: &str, p: &Pattern, x: &str) {
    match p.is_match(x) {
        Some(true) => {}
        Some(false) => pattern_miss(s, at, sp, p, x),
        None => s.error(at, sp, "pattern", || {
            format!(
                "the schema's pattern {} is not a valid ECMA-262 regular expression",
                p.source()
            )
        }),
    }
}

/// `pattern`, after the generated predicate of `p` rejected `x`.
#[cold]
pub fn pattern_miss<S: Sink>(s: &mut S, at: impl At, sp: &str, p: &Pattern, x: &str) {
    s.error(at, sp, "pattern", || {
        format!("{} does not match the pattern {}", show_str(x), p.source())
    });
}

/// Whether a `patternProperties` pattern matches a member name.
#[inline]
pub fn key_matches(p: &Pattern, key: &str) -> bool {
    p.is_match(key).unwrap_or(false)
}

/// `format`, asserted only under [`Formats::Kazoo`].
#[inline]
pub fn format<S: Sink>(s: &mut S, at: impl At, sp: &str, name: &str, x: &str) {
    if s.formats() != Formats::Kazoo {
        return;
    }
    if formats::check(name, x) == Some(false) {
        s.error(at, sp, "format", || {
            format!("{} is not a valid {name}", show_str(x))
        });
    }
}

/// `minItems`.
#[inline]
pub fn min_items<S: Sink>(s: &mut S, at: impl At, sp: &str, len: usize, min: u64) {
    if (len as u64) < min {
        s.error(at, sp, "minItems", || {
            format!("has {len} items, fewer than the minimum {min}")
        });
    }
}

/// `maxItems`.
#[inline]
pub fn max_items<S: Sink>(s: &mut S, at: impl At, sp: &str, len: usize, max: u64) {
    if (len as u64) > max {
        s.error(at, sp, "maxItems", || {
            format!("has {len} items, more than the maximum {max}")
        });
    }
}

/// `additionalItems: false` after a tuple of `allowed` items.
#[inline]
pub fn max_items_tuple<S: Sink>(s: &mut S, at: impl At, sp: &str, len: usize, allowed: usize) {
    if len > allowed {
        s.error(at, sp, "additionalItems", || {
            format!("has {len} items; only {allowed} are allowed")
        });
    }
}

/// `uniqueItems`, given the first duplicate pair.
#[inline]
pub fn unique<S: Sink>(s: &mut S, at: impl At, sp: &str, dup: Option<(usize, usize)>) {
    if let Some((i, j)) = dup {
        s.error(at, sp, "uniqueItems", || {
            format!("items {i} and {j} are equal; items must be unique")
        });
    }
}

/// `minProperties`.
#[inline]
pub fn min_properties<S: Sink>(s: &mut S, at: impl At, sp: &str, len: usize, min: u64) {
    if (len as u64) < min {
        s.error(at, sp, "minProperties", || {
            format!("has {len} properties, fewer than the minimum {min}")
        });
    }
}

/// `maxProperties`.
#[inline]
pub fn max_properties<S: Sink>(s: &mut S, at: impl At, sp: &str, len: usize, max: u64) {
    if (len as u64) > max {
        s.error(at, sp, "maxProperties", || {
            format!("has {len} properties, more than the maximum {max}")
        });
    }
}

/// `required`: `name` is missing.
#[cold]
pub fn missing<S: Sink>(s: &mut S, at: impl At, sp: &str, name: &str) {
    s.error(at, sp, "required", || {
        format!("missing required property {}", show_str(name))
    });
}

/// `additionalProperties: false`: `key` is not allowed.
#[cold]
pub fn not_allowed<S: Sink>(s: &mut S, at: impl At, sp: &str, key: &str, known: &[&str]) {
    s.error(at, sp, "additionalProperties", || {
        let mut msg = format!("property {} is not allowed", show_str(key));
        if let Some(k) = suggest::closest(key, known.iter().copied()) {
            msg.push_str(&format!("; did you mean {}?", show_str(k)));
        }
        msg
    });
}

/// `dependencies`: `name` is present without `needs`.
#[cold]
pub fn dependency<S: Sink>(s: &mut S, at: impl At, sp: &str, name: &str, needs: &str) {
    s.error(at, sp, "dependencies", || {
        format!(
            "property {} requires property {}",
            show_str(name),
            show_str(needs)
        )
    });
}

/// `dependencies` with a schema: `name` is present and the instance does
/// not match the schema.
#[cold]
pub fn dependency_schema<S: Sink>(s: &mut S, at: impl At, sp: &str, name: &str) {
    s.error(at, sp, "dependencies", || {
        format!(
            "property {} is present, and the object does not match the schema it requires",
            show_str(name)
        )
    });
}

/// `oneOf`, given which branches matched.
#[inline]
pub fn one_of<S: Sink>(s: &mut S, at: impl At, sp: &str, matched: &[bool]) {
    if matched.iter().filter(|m| **m).count() == 1 {
        return;
    }
    s.error(at, sp, "oneOf", || {
        let hits: Vec<String> = (0..matched.len())
            .filter(|&i| matched[i])
            .map(|i| i.to_string())
            .collect();
        if hits.is_empty() {
            format!("matches none of the {} alternatives", matched.len())
        } else {
            format!(
                "matches {} of the {} alternatives ({}); exactly one must match",
                hits.len(),
                matched.len(),
                hits.join(", ")
            )
        }
    });
}

/// `anyOf`: no branch matched.
#[cold]
pub fn any_of_failed<S: Sink>(s: &mut S, at: impl At, sp: &str, total: usize) {
    s.error(at, sp, "anyOf", || {
        format!("matches none of the {total} alternatives")
    });
}

/// `not`: the value matched.
#[cold]
pub fn not_failed<S: Sink>(s: &mut S, at: impl At, sp: &str) {
    s.error(at, sp, "not", || {
        String::from("matches a schema it must not match")
    });
}

/// Kazoo: `module` names no callflow schema.
#[cold]
pub fn unknown_module<S: Sink>(s: &mut S, at: impl At, sp: &str, module: &str) {
    unknown_module_among(s, at, sp, module, crate::Action::MODULES.iter().copied());
}

/// Kazoo: `module` is none of `modules` (the modules of the schemas being
/// validated against, for the did-you-mean).
#[cold]
pub fn unknown_module_among<'m, S: Sink>(
    s: &mut S,
    at: impl At,
    sp: &str,
    module: &str,
    modules: impl IntoIterator<Item = &'m str>,
) {
    unknown_node_module(s, at, sp, "unknown module", module, modules);
}

/// A typed value as JSON, for the few checks that need the whole value
/// (`oneOf`, `anyOf`, `not`, `enum` of containers). Serializing generated
/// types cannot fail; `null` stands in if it ever did.
pub fn to_value<T: serde::Serialize + ?Sized>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// Kazoo's client-URL rule (`kazoo-validation` on the URL members of
/// `callflows.pivot`, `callflows.webhook`, `callflows.record_call`,
/// `callflows.record_caller`, `metaflows.pivot`, `metaflows.record_call`):
/// see [`crate::validate::ClientBlacklist::allows`].
#[inline]
pub fn client_url<S: Sink>(s: &mut S, at: impl At, sp: &str, x: &str) {
    if !s.client_blacklist().allows(x) {
        invalid_client_url(s, at, sp);
    }
}

#[cold]
fn invalid_client_url<S: Sink>(s: &mut S, at: impl At, sp: &str) {
    s.error(at, sp, "kazoo-validation", || {
        String::from("invalid client URL")
    });
}

/// Kazoo: a metaflow node's `module` names no `metaflows.<module>` schema
/// (`modules`: the metaflow modules, for the did-you-mean).
#[cold]
pub fn unknown_metaflow_module<'m, S: Sink>(
    s: &mut S,
    at: impl At,
    sp: &str,
    module: &str,
    modules: impl IntoIterator<Item = &'m str>,
) {
    let what = "unable to find metaflow schema for module";
    unknown_node_module(s, at, sp, what, module, modules);
}

/// `WHAT "module"; did you mean "m"?` where Kazoo's module rule is.
#[cold]
fn unknown_node_module<'m, S: Sink>(
    s: &mut S,
    at: impl At,
    sp: &str,
    what: &str,
    module: &str,
    modules: impl IntoIterator<Item = &'m str>,
) {
    s.error(at, sp, "kazoo-validation", || {
        let mut msg = format!("{what} {}", show_str(module));
        if let Some(m) = suggest::closest(module, modules) {
            msg.push_str(&format!("; did you mean {}?", show_str(m)));
        }
        msg
    });
}
