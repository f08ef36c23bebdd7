//! `kazoo-callflows show`: golden outputs of the three formats on fixture
//! callflows (a document, a node with invalid children, a Crossbar envelope
//! whose labels need escaping); the DOT checked by Graphviz (`dot -Tsvg`)
//! and the Mermaid by Mermaid's own parser; bad input refused with exit 2.
//! Regenerate the golden files with `EXPECTORATE=overwrite`.

mod cli;
mod mermaid;

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: [&str; 3] = ["menu", "invalid", "envelope"];
const FORMATS: [(&str, &str); 3] = [("tree", "txt"), ("mermaid", "mmd"), ("dot", "dot")];

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `kazoo-callflows show ARGS`: exit code, stdout, stderr.
fn show(args: &[&str]) -> (i32, String, String) {
    let out = cli::run(&[&["show"][..], args].concat());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every fixture in every format, compared with its golden file; returns
/// the golden paths of `ext`.
fn golden(ext_wanted: &str) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for name in FIXTURES {
        let fixture = here().join(format!("tests/fixtures/show/{name}.json"));
        for (format, ext) in FORMATS {
            let (code, stdout, stderr) = show(&[&fixture.to_string_lossy(), "--format", format]);
            assert_eq!(code, 0, "{name} {format}: {stderr}");
            let path = here().join(format!("tests/golden/show/{name}.{ext}"));
            expectorate::assert_contents(&path, &stdout);
            if ext == ext_wanted {
                paths.push(path);
            }
        }
    }
    paths
}

#[test]
fn tree_golden() {
    let trees = golden("txt");
    let invalid = std::fs::read_to_string(&trees[1]).expect("the golden tree");
    assert!(
        invalid.contains(r#"└─ later: not a node (no "module" string)  [invalid"#),
        "{invalid}"
    );
}

#[test]
fn dot_is_read_by_graphviz() {
    let dot_version = Command::new("dot").arg("-V").output();
    assert!(
        dot_version.is_ok_and(|o| o.status.success()),
        "`dot` is missing: install Debian's graphviz (`apt-get install -y graphviz`, as .ci/install-test-tools does)"
    );
    for path in golden("dot") {
        let out = Command::new("dot")
            .arg("-Tsvg")
            .arg(&path)
            .output()
            .expect("dot runs");
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && svg.contains("<svg"),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        // Graphviz drew every node: one <g class="node"> each.
        let text = std::fs::read_to_string(&path).expect("the golden DOT");
        let nodes = text
            .lines()
            .filter(|l| l.contains(" [label=") && !l.contains("->"))
            .count();
        assert_eq!(
            svg.matches("class=\"node\"").count(),
            nodes,
            "{}",
            path.display()
        );
    }
}

#[test]
fn mermaid_is_read_by_mermaid() {
    let files = golden("mmd");
    let out = mermaid::parse(&files);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .matches(": flowchart")
            .count(),
        files.len()
    );
}

#[test]
fn a_parse_failure_of_mermaid_is_caught() {
    // The checker itself must be able to fail.
    let bad = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad.mmd");
    std::fs::write(&bad, "flowchart TD\n    n0[\"a\"] -->|x| (((\n").expect("write");
    let out = mermaid::parse(&[bad]);
    assert!(!out.status.success());
}

#[test]
fn bad_input_is_exit_2_with_nothing_on_stdout() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("show_bad");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let cases = [
        (
            "broken.json",
            "{\n  \"module\": \"tts\",\n  oops\n}",
            "broken.json:3:3: not JSON",
        ),
        ("array.json", "[1, 2]", "not a callflow"),
        (
            "flowless.json",
            "{\"flow\": 5}",
            "/flow: no callflow node to draw",
        ),
    ];
    for (file, text, message) in cases {
        let path = dir.join(file);
        std::fs::write(&path, text).expect("write the case");
        let (code, stdout, stderr) = show(&[&path.to_string_lossy()]);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert!(stdout.is_empty(), "{file}: {stdout}");
        assert!(stderr.contains(message), "{file}: {stderr}");
    }
    let (code, _, stderr) = show(&["/nonexistent/callflow.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("/nonexistent/callflow.json"), "{stderr}");
}
