//! The book of the five Kazoo releases: the newest release's pages with
//! "since"/"changed in" per member and a History section from `diff`, one
//! Changelog page per adjacent pair (exactly `diff`'s markdown), a page of
//! modules per release matching the directories, identical bytes on a
//! second run, and the first bad directory's error.

#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use kazoo_callflows_codegen::diff::{DiffOptions, diff_dirs};
use kazoo_callflows_codegen::release_book_files;
use shared_data::{RELEASES, release};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn releases() -> Vec<(String, PathBuf)> {
    RELEASES
        .iter()
        .map(|r| (r.to_string(), release(r)))
        .collect()
}

fn book() -> BTreeMap<String, String> {
    release_book_files(&releases())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .collect()
}

fn modules_on_disk(name: &str) -> BTreeSet<String> {
    std::fs::read_dir(release(name))
        .expect("listable")
        .filter_map(|e| {
            let file = e.ok()?.file_name().into_string().ok()?;
            let m = file.strip_prefix("callflows.")?.strip_suffix(".json")?;
            (!m.contains('.') && m != "action").then(|| m.to_string())
        })
        .collect()
}

#[test]
fn five_release_book() {
    let files = book();
    // One page per module of the newest release, nothing for the others.
    let pages: BTreeSet<String> = files
        .keys()
        .filter_map(|k| {
            k.strip_prefix("src/modules/")?
                .strip_suffix(".md")
                .map(String::from)
        })
        .collect();
    assert_eq!(pages, modules_on_disk("master"));

    // Changelog: one page per pair, the body of `diff`'s markdown, listed in SUMMARY.md.
    let summary = &files["src/SUMMARY.md"];
    assert!(
        summary.contains("[Modules by release](releases.md)"),
        "{summary}"
    );
    for pair in RELEASES.windows(2) {
        let path = format!("changelog/{}-{}.md", pair[0], pair[1]);
        let page = files
            .get(&format!("src/{path}"))
            .unwrap_or_else(|| panic!("no {path}"));
        let mut d = diff_dirs(
            &release(pair[0]),
            &release(pair[1]),
            &DiffOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        d.old = pair[0].to_string();
        d.new = pair[1].to_string();
        let md = d.to_markdown();
        let body = md.split_once('\n').expect("a heading line").1;
        assert_eq!(page, &format!("# {} → {}\n{body}", pair[0], pair[1]));
        assert!(
            summary.contains(&format!("- [{} → {}]({path})", pair[0], pair[1])),
            "{summary}"
        );
    }

    // Which modules exist in which release: one row per module, ✓ per release.
    let matrix = &files["src/releases.md"];
    let all: BTreeSet<String> = RELEASES.iter().flat_map(|r| modules_on_disk(r)).collect();
    for m in &all {
        let row = matrix
            .lines()
            .find(|l| l.starts_with(&format!("| [`{m}`]")) || l.starts_with(&format!("| `{m}` |")))
            .unwrap_or_else(|| panic!("no row for {m}"));
        let marks: Vec<bool> = row
            .split('|')
            .skip(2)
            .take(RELEASES.len())
            .map(|c| c.trim() == "✓")
            .collect();
        let expected: Vec<bool> = RELEASES
            .iter()
            .map(|r| modules_on_disk(r).contains(m))
            .collect();
        assert_eq!(marks, expected, "{m}: {row}");
    }

    // Per member: fax_option changed in 4.1 (typed) and master (string values);
    // skip_module exists since 4.3.
    let faxbox = &files["src/modules/faxbox.md"];
    let line = |page: &str, member: &str| -> String {
        page.lines()
            .find(|l| l.trim_start().starts_with(&format!("- **`{member}`**")))
            .unwrap_or_else(|| panic!("no line for {member}"))
            .to_string()
    };
    assert!(
        line(faxbox, "fax_option").ends_with("· *changed in 4.1, master*"),
        "{}",
        line(faxbox, "fax_option")
    );
    assert!(
        line(faxbox, "skip_module").ends_with("· *since 4.3*"),
        "{}",
        line(faxbox, "skip_module")
    );
    // History: newest pair first, with `diff`'s words.
    let history = &faxbox[faxbox.find("\n## History\n").expect("a History section")..];
    let master = history.find("### master (from 4.3)").expect("master entry");
    let older = history.find("### 4.1 (from 4.0)").expect("4.1 entry");
    assert!(master < older);
    assert!(
        history
            .contains("- `/media/fax_option`: value `\"true\"` added — **breaking**, accepts more"),
        "{history}"
    );
    // A module new in 4.2 says so, and its members carry no "since 4.2" of their own.
    let audio_macro = &files["src/modules/audio_macro.md"];
    assert!(
        audio_macro.contains("Module `audio_macro`, in the group Media and prompts. Since 4.2."),
        "{audio_macro}"
    );
    assert!(!audio_macro.contains("*since 4.2*"));
    assert!(audio_macro.contains("- module added in 4.2"));
}

#[test]
fn second_run_is_byte_identical() {
    assert_eq!(book(), book());
}

#[test]
fn a_bad_release_directory_fails_with_generates_error() {
    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/invalid_json");
    let want = kazoo_callflows_codegen::Config::new()
        .schemas_dir(&bad)
        .generate()
        .map(|_| ())
        .expect_err("the fixture is broken")
        .to_string();
    for at in [0, 1] {
        let mut list = vec![("4.3".to_string(), release("4.3"))];
        list.insert(at, ("bad".to_string(), bad.clone()));
        let got = release_book_files(&list).map(|_| ()).expect_err("refused");
        assert_eq!(got.to_string(), want);
    }
}
