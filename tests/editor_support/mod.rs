//! The harness of the editor tests: cases for VS Code's JSON language
//! service (`vscode-json-languageservice`, installed by `.ci/run` into
//! `target/npm`), run by `tests/editor/language_service.cjs` under node
//! on the bundles of a [`Generated`]; fails (never skips) when node or the
//! package is missing.

#![allow(dead_code)]

use kazoo_callflows_codegen::EditorSchemaShape as Shape;
use kazoo_callflows_codegen::Generated;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the driver does with a case.
#[derive(Clone, Copy)]
pub enum Op {
    Validate,
    Complete(usize),
    Hover(usize),
}

/// One case for the driver.
pub struct Case {
    pub name: String,
    pub shape: Shape,
    pub text: String,
    pub op: Op,
}

impl Case {
    pub fn validate(name: impl Into<String>, shape: Shape, text: impl Into<String>) -> Case {
        Case {
            name: name.into(),
            shape,
            text: text.into(),
            op: Op::Validate,
        }
    }

    /// Completion where `|` is in `text` (the `|` is removed).
    pub fn complete(name: &str, shape: Shape, text: &str) -> Case {
        Case::at(name, shape, text, Op::Complete)
    }

    /// Hover where `|` is in `text` (the `|` is removed).
    pub fn hover(name: &str, shape: Shape, text: &str) -> Case {
        Case::at(name, shape, text, Op::Hover)
    }

    fn at(name: &str, shape: Shape, text: &str, op: fn(usize) -> Op) -> Case {
        let at = text.find('|').expect("the case marks its position with |");
        Case {
            name: name.to_string(),
            shape,
            text: text.replacen('|', "", 1),
            op: op(at),
        }
    }
}

pub fn npm_modules() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/npm/node_modules");
    assert!(
        dir.join("vscode-json-languageservice/package.json")
            .is_file(),
        "{} has no vscode-json-languageservice: install it as .ci/run does \
         (cp tests/editor/package*.json target/npm/ && npm ci --prefix target/npm)",
        dir.display()
    );
    dir
}

/// Runs the driver on `cases`; results by case name.
pub fn run(generated: &Generated, cases: &[Case]) -> BTreeMap<String, Value> {
    let modules = npm_modules();
    // One directory per test process: test binaries may run at once.
    let work = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("editor_language_service.{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a scratch directory");
    let mut schemas = serde_json::Map::new();
    for shape in Shape::ALL {
        let text = generated
            .editor_schema(shape)
            .unwrap_or_else(|e| panic!("{shape} bundle: {e}"));
        let path = work.join(format!("{shape}.schema.json"));
        std::fs::write(&path, text).expect("writing a bundle");
        schemas.insert(shape.to_string(), json!(path));
    }
    let job = json!({
        "schemas": schemas,
        "cases": cases.iter().map(|c| json!({
            "name": c.name,
            "shape": c.shape.as_str(),
            "text": c.text,
            "op": match c.op {
                Op::Validate => "validate",
                Op::Complete(_) => "complete",
                Op::Hover(_) => "hover",
            },
            // The service takes UTF-16 offsets; every text here is ASCII
            // before the cursor.
            "offset": match c.op {
                Op::Validate => 0,
                Op::Complete(at) | Op::Hover(at) => at,
            },
        })).collect::<Vec<_>>(),
    });
    let job_file = work.join("job.json");
    std::fs::write(&job_file, job.to_string()).expect("writing the job");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editor/language_service.cjs");
    let out = Command::new("node")
        .arg(&script)
        .arg(&job_file)
        .env("NODE_PATH", &modules)
        .output()
        .unwrap_or_else(|e| {
            panic!("node could not be run ({e}): install Node.js (.ci/run needs it)")
        });
    assert!(
        out.status.success(),
        "the language-service driver failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("the driver prints JSON");
    assert_eq!(
        report["requested"],
        json!([]),
        "the bundle made the editor fetch schemas from outside"
    );
    let results: BTreeMap<String, Value> = report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| (r["name"].as_str().expect("name").to_string(), r.clone()))
        .collect();
    assert_eq!(
        results.len(),
        cases.len(),
        "one result per case (unique names)"
    );
    results
}

pub fn diagnostics(r: &Value) -> Vec<(String, usize, usize)> {
    r["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap_or_default().to_string(),
                d["start"].as_u64().expect("start") as usize,
                d["end"].as_u64().expect("end") as usize,
            )
        })
        .collect()
}
