//! Our Kazoo-format reference pages against the pages Kazoo's own tooling
//! generated from the master schemas (`../shared/kazoo/ref/master`), row by
//! row, matching rows by page, section and key.
//!
//! Prints `rows identical: X/Y (modules fully identical: A/B)`, requires at
//! least 97% of rows identical, and requires the differences to be exactly
//! the known ones below, each with its reason: a new difference, or a known
//! one that went away, fails the test.

use kazoo_callflows_codegen::Config;
use kazoo_callflows_codegen::DocsFormat;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What differs about one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Difference {
    /// Both pages have the row, with different cells.
    Cells,
    /// Only Kazoo's page has the row.
    OnlyKazoo,
    /// Only our page has the row.
    OnlyOurs,
}

/// `(page, section, key, difference, reason)`. The section is `""` for the
/// module's own table, else the referenced schema's id; the key is the
/// bare row key.
const KNOWN: &[(&str, &str, &str, Difference, &str)] = &[
    ("acdc_agent", "", "action", Difference::Cells, STALE_ACDC),
    (
        "acdc_agent",
        "",
        "presence_id",
        Difference::Cells,
        STALE_ACDC,
    ),
    (
        "acdc_agent",
        "",
        "presence_state",
        Difference::Cells,
        STALE_ACDC,
    ),
    (
        "acdc_agent",
        "",
        "skip_module",
        Difference::OnlyOurs,
        STALE_ACDC,
    ),
    ("acdc_agent", "", "timeout", Difference::Cells, STALE_ACDC),
    ("acdc_member", "", "id", Difference::Cells, STALE_ACDC),
    ("acdc_member", "", "priority", Difference::Cells, STALE_ACDC),
    (
        "acdc_member",
        "",
        "skip_module",
        Difference::OnlyOurs,
        STALE_ACDC,
    ),
    ("acdc_queue", "", "action", Difference::Cells, STALE_ACDC),
    ("acdc_queue", "", "id", Difference::Cells, STALE_ACDC),
    (
        "acdc_queue",
        "",
        "skip_module",
        Difference::OnlyOurs,
        STALE_ACDC,
    ),
    ("acdc_wait_time", "", "id", Difference::Cells, STALE_ACDC),
    (
        "acdc_wait_time",
        "",
        "skip_module",
        Difference::OnlyOurs,
        STALE_ACDC,
    ),
    (
        "acdc_wait_time",
        "",
        "window",
        Difference::Cells,
        STALE_ACDC,
    ),
];

/// Why the `acdc_*` rows differ.
const STALE_ACDC: &str = "Kazoo's acdc_* pages are stale: generated before the schemas gained \
     `skip_module` and before the tool added the Support Level column";

/// Pages Kazoo has that no schema describes, with the reason.
const KNOWN_PAGES_WITHOUT_SCHEMA: &[(&str, &str)] = &[(
    "maintenance",
    "not a callflow module: a list of SUP-able maintenance functions, with no schema",
)];

fn kazoo_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/kazoo");
    assert!(
        dir.is_dir(),
        "{} is missing: this test reads Kazoo's schemas and reference pages from ../shared/kazoo",
        dir.display()
    );
    dir
}

/// `(section, key) → row line` of one page. Sections are the `### <id>`
/// headings after the `#### Schema` table; rows are the lines that start
/// with a backticked key.
fn rows(page: &str) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    let mut section = String::new();
    let mut in_schema = false;
    for line in page.lines() {
        if line.starts_with("#### Schema") {
            in_schema = true;
        } else if let Some(id) = line.strip_prefix("### ")
            && in_schema
        {
            section = id.to_string();
        } else if line.starts_with('`')
            && let Some((key, _)) = line.split_once(" | ")
        {
            let previous = out.insert(
                (section.clone(), key.trim_matches('`').to_string()),
                line.to_string(),
            );
            assert!(
                previous.is_none(),
                "duplicate row {key} in section {section:?}"
            );
        }
    }
    out
}

#[test]
fn rows_match_kazoos_own_pages() {
    let kazoo = kazoo_dir();
    let generated = Config::new()
        .schemas_dir(kazoo.join("schemas/master"))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let ours: BTreeMap<String, String> = generated
        .docs_files(DocsFormat::Kazoo)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(file, text)| (file.trim_end_matches(".md").to_string(), text))
        .collect();
    let ref_dir = kazoo.join("ref/master");
    let mut theirs = BTreeMap::new();
    for entry in
        std::fs::read_dir(&ref_dir).unwrap_or_else(|e| panic!("{}: {e}", ref_dir.display()))
    {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            theirs.insert(name, text);
        }
    }
    assert!(!theirs.is_empty(), "{} holds no pages", ref_dir.display());

    let pages: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    let mut found: BTreeSet<(String, String, String, Difference)> = BTreeSet::new();
    let mut pages_only_kazoo = BTreeSet::new();
    let (mut identical_rows, mut total_rows, mut identical_pages) = (0usize, 0usize, 0usize);
    for page in &pages {
        let (a, b) = (ours.get(*page), theirs.get(*page));
        if a.is_some() && a == b {
            identical_pages += 1;
        }
        if a.is_none() {
            pages_only_kazoo.insert(page.to_string());
        }
        let ra = a.map(|t| rows(t)).unwrap_or_default();
        let rb = b.map(|t| rows(t)).unwrap_or_default();
        let keys: BTreeSet<&(String, String)> = ra.keys().chain(rb.keys()).collect();
        for k in keys {
            total_rows += 1;
            let diff = match (ra.get(k), rb.get(k)) {
                (Some(x), Some(y)) if x == y => {
                    identical_rows += 1;
                    continue;
                }
                (Some(x), Some(y)) => {
                    if page.starts_with("acdc_") {
                        // Stale pages: the rows must differ only by the
                        // Support Level column Kazoo's page lacks.
                        let without_last = x.rsplit_once(" | ").map_or(x.as_str(), |(a, _)| a);
                        assert_eq!(
                            without_last, y,
                            "{page}: more than the missing column differs"
                        );
                    }
                    Difference::Cells
                }
                (None, Some(_)) => Difference::OnlyKazoo,
                (Some(_), None) => Difference::OnlyOurs,
                (None, None) => unreachable!("key from one of the maps"),
            };
            found.insert((page.to_string(), k.0.clone(), k.1.clone(), diff));
        }
    }

    println!(
        "rows identical: {identical_rows}/{total_rows} (modules fully identical: {identical_pages}/{})",
        pages.len()
    );
    for (page, section, key, diff) in &found {
        let reason = KNOWN
            .iter()
            .find(|k| {
                (k.0, k.1, k.2, k.3) == (page.as_str(), section.as_str(), key.as_str(), *diff)
            })
            .map_or("UNKNOWN", |k| k.4);
        println!("  {page} [{section}] {key}: {diff:?} ({reason})");
    }
    for (page, reason) in KNOWN_PAGES_WITHOUT_SCHEMA {
        println!("  page {page}: only Kazoo's ({reason})");
    }

    let known: BTreeSet<(String, String, String, Difference)> = KNOWN
        .iter()
        .map(|k| (k.0.to_string(), k.1.to_string(), k.2.to_string(), k.3))
        .collect();
    let new: Vec<_> = found.difference(&known).collect();
    let gone: Vec<_> = known.difference(&found).collect();
    assert!(new.is_empty(), "differences not in KNOWN: {new:#?}");
    assert!(
        gone.is_empty(),
        "KNOWN differences that no longer occur: {gone:#?}"
    );
    let known_pages: BTreeSet<String> = KNOWN_PAGES_WITHOUT_SCHEMA
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    assert_eq!(
        pages_only_kazoo, known_pages,
        "pages Kazoo has and we do not"
    );
    let share = identical_rows as f64 / total_rows as f64;
    assert!(
        share >= 0.97,
        "only {:.1}% of rows identical ({identical_rows}/{total_rows})",
        share * 100.0
    );
}
