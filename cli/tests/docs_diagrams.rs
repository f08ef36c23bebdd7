//! The book's diagrams: on Kazoo master, every module page with an example
//! holds it as one Mermaid flowchart that Mermaid's own parser reads, with
//! an edge per `children` key of the example; the Mermaid the book loads
//! is the one `.ci/install-test-tools` pins (same version, and the book's
//! integrity hash is that of the installed `mermaid.min.js`).
//! (Drawing them in a browser is `.ci/book-layout-check`'s part.)

mod cli;
mod mermaid;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use base64::Engine;
use kazoo_callflows_codegen::__internal::{MERMAID_SRI, MERMAID_VERSION};
use std::path::PathBuf;
use std::process::Command;

const OPEN: &str = "<pre class=\"mermaid\">\n";

/// The Mermaid text of each `<pre class="mermaid">` block of `page`.
fn blocks(page: &str) -> Vec<String> {
    page.split(OPEN)
        .skip(1)
        .map(|rest| {
            let text = rest.split("</pre>").next().unwrap_or_default();
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn every_example_is_a_flowchart_mermaid_reads() {
    let (_, master) = shared_data::schema_dirs()
        .into_iter()
        .find(|(v, _)| v == "master")
        .expect("the master schemas");
    let out = cli::scratch("docs_diagrams", "book");
    let run = cli::run(&[
        "docs",
        "--schemas",
        master.to_str().expect("utf-8 path"),
        "--format",
        "book",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(run.status.success(), "{run:?}");
    let init = std::fs::read_to_string(out.join("mermaid-init.js")).expect("mermaid-init.js");
    assert!(init.contains("pre.mermaid"), "{init}");
    let toml = std::fs::read_to_string(out.join("book.toml")).expect("book.toml");
    assert!(
        toml.contains("additional-js = [\"mermaid-init.js\"]"),
        "{toml}"
    );

    let dir = out.join("src/modules");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("module pages")
        .map(|e| e.expect("entry").path())
        .collect();
    pages.sort();
    let mut files = Vec::new();
    let mut with_branches = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("page");
        let found = blocks(&text);
        let has_example = text.contains("A minimal valid node:");
        assert_eq!(
            found.len(),
            usize::from(has_example),
            "{}: one diagram per example",
            page.display()
        );
        let Some(diagram) = found.first() else {
            continue;
        };
        // The example's children keys are the diagram's edges.
        let json = text
            .split("```json\n")
            .nth(1)
            .and_then(|t| t.split("```").next())
            .expect("the JSON example");
        let node: serde_json::Value = serde_json::from_str(json).expect("example JSON");
        let keys: Vec<&String> = node
            .get("children")
            .and_then(|c| c.as_object())
            .map(|c| c.keys().collect())
            .unwrap_or_default();
        for key in &keys {
            assert!(
                diagram.contains(&format!("-->|\"{key}\"| n")),
                "{}: no edge {key:?} in\n{diagram}",
                page.display()
            );
        }
        assert_eq!(diagram.matches("-->").count(), keys.len(), "{diagram}");
        with_branches += usize::from(!keys.is_empty());
        let file = out.join(format!(
            "{}.mmd",
            page.file_stem().and_then(|s| s.to_str()).expect("name")
        ));
        std::fs::write(&file, diagram).expect("write");
        files.push(file);
    }
    assert!(
        files.len() > 50 && with_branches > 5,
        "{} diagrams, {with_branches} with branches",
        files.len()
    );
    let parsed = mermaid::parse(&files);
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&parsed.stdout)
            .matches(": flowchart")
            .count(),
        files.len()
    );
}

#[test]
fn the_book_loads_the_pinned_mermaid() {
    let root = cli::repo_root();
    let install =
        std::fs::read_to_string(root.join(".ci/install-test-tools")).expect("install-test-tools");
    assert!(
        install.contains(&format!("\nMERMAID_VERSION={MERMAID_VERSION}\n")),
        "the book loads Mermaid {MERMAID_VERSION}, .ci/install-test-tools pins another"
    );
    let modules = mermaid::node_modules();
    let package =
        std::fs::read_to_string(modules.join("mermaid/package.json")).expect("package.json");
    assert!(
        package.contains(&format!("\"version\": \"{MERMAID_VERSION}\"")),
        "{} holds another Mermaid than {MERMAID_VERSION}: rerun .ci/install-test-tools",
        modules.display()
    );
    let sum = Command::new("sha384sum")
        .arg(modules.join("mermaid/dist/mermaid.min.js"))
        .output()
        .expect("sha384sum runs");
    assert!(sum.status.success());
    let hex = String::from_utf8_lossy(&sum.stdout);
    let hex = hex.split_whitespace().next().expect("a digest");
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect();
    let sri = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    );
    assert_eq!(sri, MERMAID_SRI);
}
