//! Every `pattern` and `patternProperties` pattern of the schemas the
//! library was built from behaves like the reference validator's
//! (`jsonschema`, ECMA-262 semantics) on probe strings — both as the
//! validators run it (translated to the `regex` crate where exact) and on
//! the `regress` ECMA-262 engine. The probes are chosen to tell regex
//! dialects apart: `\d` and `\w` on non-ASCII digits and letters,
//! `.` on line terminators, `$` before a trailing newline, ranges like
//! `A-z`, astral characters, empty strings.

mod validate_support;

use kazoo_callflows::__private::keywords::{self, Pattern};
use kazoo_callflows_codegen::__internal::to_rust_regex;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

const PROBES: &[&str] = &[
    "",
    "a",
    "0",
    "1234",
    "12a4",
    "٣٤",
    "１２",
    "1234\n",
    "\n",
    "\r",
    "\u{2028}",
    "\u{2029}",
    "x\ny",
    " ",
    "en",
    "en-US",
    "en-us",
    "EN-US-x",
    "e",
    "http://example.com",
    "https://example.com",
    "HTTP://example.com",
    "ftp://x",
    " http://x",
    "abc_DEF-123",
    "[]^`\\",
    "a b",
    "_",
    "-",
    "é",
    "日本",
    "😀",
    "a😀b",
    "*7",
    "x-custom-header",
    "X_Header",
];

#[test]
fn every_pattern_matches_like_the_reference() {
    let graph = validate_support::graph();
    let mut patterns = BTreeSet::new();
    for node in &graph.nodes {
        patterns.extend(node.pattern.iter().cloned());
        patterns.extend(node.pattern_properties.iter().map(|(p, _)| p.clone()));
    }
    assert!(!patterns.is_empty(), "the schemas have patterns");
    // The engines the generated validators use, one per pattern.
    let used = keywords::schema_patterns();
    let sources: BTreeSet<String> = used.iter().map(|p| p.source().to_string()).collect();
    assert_eq!(
        sources, patterns,
        "the validators hold every pattern of the schemas"
    );
    let mut checked = 0;
    let mut engines_used = BTreeMap::new();
    let mut differences = Vec::new();
    for pattern in used {
        let p = pattern.source();
        *engines_used.entry(pattern.engine()).or_insert(0) += 1;
        // Also the ECMA-262 engine and the `regex` translation on their own.
        let mut engines = vec![
            (pattern.engine(), pattern),
            ("regress", &*Box::leak(Box::new(Pattern::new(p)))),
        ];
        if let Some(rust) = to_rust_regex(p) {
            let translated = Pattern::translated(p, Box::leak(rust.into_boxed_str()));
            engines.push(("regex", &*Box::leak(Box::new(translated))));
        }
        let reference = jsonschema::draft4::options()
            .build(&json!({"pattern": p}))
            .unwrap_or_else(|e| panic!("the reference compiles {p:?}: {e}"));
        for probe in PROBES {
            let theirs = reference.is_valid(&Value::String(probe.to_string()));
            for (engine, pattern) in &engines {
                let mine = pattern
                    .is_match(probe)
                    .unwrap_or_else(|| panic!("{p:?} compiles"));
                checked += 1;
                if mine != theirs {
                    differences.push(format!(
                        "{p:?} on {probe:?}: {engine} {mine}, reference {theirs}"
                    ));
                }
            }
        }
    }
    println!(
        "patterns: {} patterns (validators use {engines_used:?}) × {} probes: {checked} \
         comparisons, {} differences",
        patterns.len(),
        PROBES.len(),
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
