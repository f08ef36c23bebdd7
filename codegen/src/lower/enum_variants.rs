//! Variant names for a string enum, decided for the whole enum at once.
//!
//! Each value is named by [`ident::upper_camel`]. When values differ only by
//! case (`get` / `GET`), every value in the clash that is not all lowercase
//! gets a suffix naming its case (`Get`, `GetUpper`). Anything still
//! clashing is numbered in schema order by [`ident::unique_names`]
//! (`a-b`, `a_b` → `AB`, `AB2`).

use crate::ident;
use crate::ir::types::EnumVariant;
use std::collections::BTreeMap;

/// Names the variants of an enum whose values are `values`.
pub fn name_variants(values: &[String]) -> Vec<EnumVariant> {
    let base: Vec<String> = values.iter().map(|v| ident::camel_part(v)).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &base {
        *counts.entry(b.as_str()).or_default() += 1;
    }
    let cased: Vec<String> = base
        .iter()
        .zip(values)
        .map(|(b, v)| {
            if counts[b.as_str()] > 1 {
                ident::not_self(format!("{b}{}", ident::case_suffix(v)))
            } else {
                ident::not_self(b.clone())
            }
        })
        .collect();
    ident::unique_names(&cased)
        .into_iter()
        .zip(values)
        .map(|(ident, value)| EnumVariant {
            ident,
            value: value.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(values: &[&str]) -> Vec<String> {
        let values: Vec<String> = values.iter().map(|s| s.to_string()).collect();
        name_variants(&values)
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
    fn remaining_clashes_are_numbered_in_order() {
        assert_eq!(names(&["a-b", "a_b", "A B"]), ["AB", "AB2", "ABUpper"]);
        assert_eq!(names(&["x", "x-", "x_"]), ["X", "X2", "X3"]);
        // Values that differ only by case and separators.
        assert_eq!(names(&["a-b", "A-B", "a_b"]), ["AB", "ABUpper", "AB2"]);
    }

    #[test]
    fn self_is_never_a_bare_variant() {
        assert_eq!(
            names(&["self", "Self", "SELF"]),
            ["Self_", "SelfCapitalized", "SelfUpper"]
        );
    }

    #[test]
    fn trap_values_are_named() {
        assert_eq!(
            names(&["", "_", "__", "-", "ä", "μ", "😀"]),
            [
                "Empty",
                "Underscore",
                "UnderscoreUnderscore",
                "Dash",
                "U00E4",
                "U03BC",
                "U1F600"
            ]
        );
        assert_eq!(names(&["Empty", ""]), ["EmptyCapitalized", "Empty"]);
        assert_eq!(names(&["empty", ""]), ["Empty", "Empty2"]);
    }
}
