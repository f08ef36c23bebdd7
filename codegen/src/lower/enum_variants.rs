//! Variant names for a string enum, decided for the whole enum at once.
//!
//! Each value is named by [`ident::upper_camel`]. When values differ only by
//! case (`get` / `GET`), every value in the clash that is not all lowercase
//! gets a suffix naming its case (`Get`, `GetUpper`). Anything still clashing
//! is an error naming both values.

use crate::error::{ErrorKind, Result, SourceLocation};
use crate::ident;
use crate::ir::types::EnumVariant;
use std::collections::BTreeMap;

/// Names the variants of an enum whose values are `values`, declared at `at`.
pub fn name_variants(values: &[String], at: &SourceLocation) -> Result<Vec<EnumVariant>> {
    let mut base = Vec::with_capacity(values.len());
    for v in values {
        let name = ident::upper_camel(v).ok_or_else(|| ErrorKind::UnnamableIdentifier {
            at: at.clone(),
            what: "enum value",
            name: v.clone(),
        })?;
        base.push(name);
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &base {
        *counts.entry(b.as_str()).or_default() += 1;
    }
    let names: Vec<String> = base
        .iter()
        .zip(values)
        .map(|(b, v)| {
            if counts[b.as_str()] > 1 {
                format!("{b}{}", ident::case_suffix(v))
            } else {
                b.clone()
            }
        })
        .collect();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (n, v) in names.iter().zip(values) {
        if let Some(other) = seen.insert(n, v) {
            return Err(ErrorKind::NameCollision {
                at: at.clone(),
                what: "enum value",
                name: v.clone(),
                other_name: other.to_string(),
                other: at.clone(),
                ident: n.clone(),
            }
            .into());
        }
    }
    Ok(names
        .into_iter()
        .zip(values)
        .map(|(ident, value)| EnumVariant {
            ident,
            value: value.clone(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> SourceLocation {
        SourceLocation {
            file: "x.json".into(),
            pointer: "/enum".into(),
        }
    }

    fn names(values: &[&str]) -> Vec<String> {
        let values: Vec<String> = values.iter().map(|s| s.to_string()).collect();
        name_variants(&values, &at())
            .unwrap()
            .into_iter()
            .map(|v| v.ident)
            .collect()
    }

    #[test]
    fn dtmf_keys() {
        assert_eq!(
            names(&["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "#", "*"]),
            [
                "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Zero",
                "Pound", "Star"
            ]
        );
    }

    #[test]
    fn case_clashes_get_case_suffixes() {
        assert_eq!(
            names(&["get", "post", "GET", "POST"]),
            ["Get", "Post", "GetUpper", "PostUpper"]
        );
        assert_eq!(names(&["speex", "Speex"]), ["Speex", "SpeexCapitalized"]);
    }

    #[test]
    fn distinct_spellings_stay_distinct() {
        assert_eq!(
            names(&["e-mail_address", "email_address"]),
            ["EMailAddress", "EmailAddress"]
        );
        assert_eq!(names(&["true", "false", "auto"]), ["True", "False", "Auto"]);
    }

    #[test]
    fn unresolvable_clash_is_an_error() {
        let values = vec!["a-b".to_string(), "a_b".to_string()];
        let err = name_variants(&values, &at()).unwrap_err().to_string();
        assert!(err.contains("x.json#/enum"), "{err}");
        assert!(err.contains("\"a_b\" and \"a-b\""), "{err}");
        assert!(err.contains("`AB`"), "{err}");
    }

    #[test]
    fn unnamable_value_is_an_error() {
        let err = name_variants(&["".to_string()], &at())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("cannot be turned into a Rust identifier"),
            "{err}"
        );
    }
}
