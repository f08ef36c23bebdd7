//! Build script: turns the official JSON-Schema-Test-Suite
//! (`../../shared/json-schema-test-suite`, draft3 and draft4 with
//! `optional/`) into a Kazoo-style schema directory in `OUT_DIR`, one module
//! per test group (`callflows.d4_ref_3.json`), with the suite's `remotes/`
//! as further files of the directory; generates the types and validators
//! from it into `OUT_DIR`, where the runtime (`../src/lib.rs`) includes them;
//! and writes every test case to `OUT_DIR/cases.json` for `tests/suite.rs`.
//!
//! Groups whose `$ref` names a document that is neither in the group nor in
//! `remotes/` (the draft metaschemas) cannot be generated; they are left out
//! and listed, with the generator's error, in `cases.json`.
//!
//! The same directory holds one fixed-seed batch of random module schemas
//! full of naming traps (`trap_schemas.rs`), listed in `cases.json` for
//! `tests/random_instances.rs`.

// Shared with the tests, which use the rest of it.
#[allow(dead_code)]
mod trap_schemas;

use kazoo_callflows_codegen::{Config, ErrorKind};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const DRAFTS: [(&str, &str); 2] = [
    ("draft3", "http://json-schema.org/draft-03/schema#"),
    ("draft4", "http://json-schema.org/draft-04/schema#"),
];

/// How many random trap schemas the compiled batch has.
const RANDOM_MODULES: usize = 40;

/// The seed of the random batch.
const RANDOM_SEED: [u8; 32] = *b"kazoo-callflows random trap dir.";

/// Where the suite's `remotes/` are served from, in its tests.
const REMOTE_BASE: &str = "http://localhost:1234/";

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let suite = manifest.join("../../shared/json-schema-test-suite");
    if !suite.join("tests/draft4").is_dir() {
        return Err(format!(
            "{} is missing: the conformance tests read the JSON-Schema-Test-Suite from it",
            suite.display()
        ));
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", suite.display());
    let dir = out.join("schemas");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    write_json(&dir.join("callflows.json"), &document_schema())?;
    write_json(&dir.join("callflows.action.json"), &node_schema())?;
    write_remotes(&suite.join("remotes"), &dir)?;
    println!("cargo:rerun-if-changed=trap_schemas.rs");
    let random = write_random(&dir)?;

    let mut groups = Vec::new();
    for (draft, meta) in DRAFTS {
        let tests = suite.join("tests").join(draft);
        for (kind, sub) in [
            ("", ""),
            ("optional", "optional"),
            ("format", "optional/format"),
        ] {
            for file in json_files(&tests.join(sub))? {
                println!("cargo:rerun-if-changed={}", file.display());
                let stem = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let doc = read_json(&file)?;
                let list = doc
                    .as_array()
                    .ok_or_else(|| format!("{}: not an array", file.display()))?;
                for (i, group) in list.iter().enumerate() {
                    let module = module_name(draft, kind, &stem, i);
                    let mut schema = group.get("schema").cloned().unwrap_or(Value::Null);
                    if let Value::Object(m) = &mut schema {
                        m.entry("$schema").or_insert_with(|| json!(meta));
                        m.insert(String::from("_id"), json!(format!("callflows.{module}")));
                    }
                    write_json(&dir.join(format!("callflows.{module}.json")), &schema)?;
                    groups.push(json!({
                        "draft": draft,
                        "file": format!("{sub}{}{stem}.json", if sub.is_empty() { "" } else { "/" }),
                        "kind": kind,
                        "module": module,
                        "description": group.get("description"),
                        "tests": group.get("tests"),
                    }));
                }
            }
        }
    }

    // Generate; a group whose `$ref` names a document the directory lacks is
    // left out (and reported), and the rest generated again.
    let mut left_out = Vec::new();
    let generated = loop {
        match Config::new().schemas_dir(&dir).schemars(true).generate() {
            Ok(g) => break g,
            Err(e) => match e.kind() {
                ErrorKind::DanglingRef { at, uri, .. }
                    if at.file.starts_with(&dir) && !uri.starts_with("kazoo:") =>
                {
                    let message = e.to_string();
                    let module = at
                        .file
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .and_then(|s| s.strip_prefix("callflows."))
                        .ok_or_else(|| format!("a remote file has a dangling $ref: {message}"))?
                        .to_string();
                    std::fs::remove_file(&at.file)
                        .map_err(|e| format!("{}: {e}", at.file.display()))?;
                    left_out.push(json!({"module": module, "error": message}));
                }
                _ => return Err(format!("generating from the suite: {e}")),
            },
        }
    };
    generated.write_rust(&out).map_err(|e| e.to_string())?;
    println!(
        "cargo:rustc-env=KAZOO_CALLFLOWS_SCHEMAS_DIR={}",
        dir.display()
    );
    write_json(
        &out.join("cases.json"),
        &json!({"groups": groups, "left_out": left_out, "random": random}),
    )
}

/// Writes the random batch: the first modules take trap names, the rest
/// `rand_NN`. Returns `[{"module", "schema"}]`.
fn write_random(dir: &Path) -> Result<Vec<Value>, String> {
    let mut runner = TestRunner::new_with_rng(
        proptest::test_runner::Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &RANDOM_SEED),
    );
    let mut out = Vec::with_capacity(RANDOM_MODULES);
    for i in 0..RANDOM_MODULES {
        let schema = trap_schemas::module_schema()
            .new_tree(&mut runner)
            .map_err(|e| format!("drawing a random schema: {e}"))?
            .current();
        let module = match trap_schemas::TRAP_MODULES.get(i) {
            Some(m) if i < 6 => (*m).to_string(),
            _ => format!("rand_{i:02}"),
        };
        write_json(&dir.join(format!("callflows.{module}.json")), &schema)?;
        out.push(json!({"module": module, "schema": schema}));
    }
    Ok(out)
}

/// `d4_ref_3`, `d4_optional_bignum_0`, `d3_format_date_time_0`.
fn module_name(draft: &str, kind: &str, stem: &str, index: usize) -> String {
    let d = if draft == "draft3" { "d3" } else { "d4" };
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if kind.is_empty() {
        format!("{d}_{stem}_{index}")
    } else {
        format!("{d}_{kind}_{stem}_{index}")
    }
}

/// The suite's remote documents, each as a file of the directory with its
/// URL as root `id` (`remote.draft4.subSchemas.json` with
/// `"id": "http://localhost:1234/draft4/subSchemas.json"`).
fn write_remotes(remotes: &Path, dir: &Path) -> Result<(), String> {
    let mut files = json_files(remotes)?;
    for sub in [
        "baseUriChange",
        "baseUriChangeFolder",
        "baseUriChangeFolderInSubschema",
        "nested",
        "draft3",
        "draft4",
    ] {
        files.extend(json_files(&remotes.join(sub))?);
    }
    for file in files {
        let rel = file
            .strip_prefix(remotes)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        let mut doc = read_json(&file)?;
        if let Value::Object(m) = &mut doc {
            m.entry("id")
                .or_insert_with(|| json!(format!("{REMOTE_BASE}{rel}")));
        }
        let name = format!("remote.{}", rel.replace('/', "."));
        write_json(&dir.join(name), &doc)?;
    }
    Ok(())
}

/// A callflow document schema: the runtime needs one (`Callflow`).
fn document_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "_id": "callflows",
        "properties": {"flow": {"$ref": "callflows.action"}},
        "type": "object"
    })
}

/// A callflow node schema, as Kazoo's `callflows.action`.
fn node_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "_id": "callflows.action",
        "properties": {
            "children": {"patternProperties": {".+": {"$ref": "callflows.action"}}, "type": "object"},
            "data": {"type": "object"},
            "module": {"type": "string"}
        },
        "required": ["data", "module"],
        "type": "object"
    })
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    Ok(out)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
