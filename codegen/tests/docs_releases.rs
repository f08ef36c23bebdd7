//! Both docs formats on every Kazoo release's schemas (`../shared/kazoo/
//! schemas/{4.0,4.1,4.2,4.3,master}`): generation succeeds, two independent
//! runs give identical bytes, every module has exactly one page, and the
//! book lists every module exactly once with an example and its branches.

#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use kazoo_callflows_codegen::__internal::group_of;
use kazoo_callflows_codegen::DocsFormat;
use kazoo_callflows_codegen::{Config, Generated};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn generate(dir: &PathBuf) -> Generated {
    Config::new()
        .schemas_dir(dir)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn docs(dir: &PathBuf, format: DocsFormat) -> Vec<(String, String)> {
    generate(dir)
        .docs_files(format)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

#[test]
fn two_runs_give_identical_bytes() {
    for (version, dir) in shared_data::schema_dirs() {
        for format in [DocsFormat::Kazoo, DocsFormat::Book] {
            let first = docs(&dir, format);
            let second = docs(&dir, format);
            assert!(!first.is_empty(), "{version} {format:?}: no files");
            assert!(first == second, "{version} {format:?}: two runs differ");
        }
    }
}

#[test]
fn one_kazoo_page_per_module() {
    for (version, dir) in shared_data::schema_dirs() {
        let g = generate(&dir);
        let files = g
            .docs_files(DocsFormat::Kazoo)
            .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        let expected: Vec<String> = g
            .space()
            .modules
            .iter()
            .map(|m| format!("{}.md", m.name))
            .collect();
        assert_eq!(names, expected, "{version}");
        for (name, text) in &files {
            assert!(text.starts_with("## "), "{version} {name}");
            assert!(
                text.contains("\nKey | Description | Type | Default | Required | Support Level\n"),
                "{version} {name}"
            );
        }
    }
}

#[test]
fn book_lists_every_module_once_with_example_and_branches() {
    for (version, dir) in shared_data::schema_dirs() {
        let g = generate(&dir);
        let files: BTreeMap<String, String> = g
            .docs_files(DocsFormat::Book)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .collect();
        for required in ["book.toml", "src/SUMMARY.md", "src/index.md"] {
            assert!(files.contains_key(required), "{version}: {required}");
        }
        let summary = &files["src/SUMMARY.md"];
        let index = &files["src/index.md"];
        for m in &g.space().modules {
            let link = format!("(modules/{}.md)", m.name);
            assert_eq!(
                summary.matches(&link).count(),
                1,
                "{version}: {} in SUMMARY.md",
                m.name
            );
            assert_eq!(
                index.matches(&link).count(),
                1,
                "{version}: {} in index.md",
                m.name
            );
            let page = files
                .get(&format!("src/modules/{}.md", m.name))
                .unwrap_or_else(|| panic!("{version}: no page for {}", m.name));
            assert!(
                page.contains("```json\n{\n  \"module\": "),
                "{version} {}: JSON example",
                m.name
            );
            assert!(
                page.contains("```rust,noplayground\nuse kazoo_callflows::{Flow, actions};"),
                "{version} {}: Rust example",
                m.name
            );
            assert!(page.contains("\n## Branches\n"), "{version} {}", m.name);
            let heading = format!("\n# {}\n", group_of(&m.name));
            let group_start = summary
                .find(&heading)
                .unwrap_or_else(|| panic!("{version}: no {heading:?}"));
            let next_group = summary[group_start + heading.len()..]
                .find("\n# ")
                .map_or(summary.len(), |i| group_start + heading.len() + i);
            assert!(
                summary[group_start..next_group].contains(&link),
                "{version}: {} is not under its group {heading:?}",
                m.name
            );
        }
        let pages = files
            .keys()
            .filter(|k| k.starts_with("src/modules/"))
            .count();
        assert_eq!(
            pages,
            g.space().modules.len(),
            "{version}: pages for non-modules"
        );
    }
}
