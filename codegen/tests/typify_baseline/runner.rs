//! Runs typify 0.8 on Kazoo callflow schemas, one schema at a time, for the
//! typify baseline test (`tests/typify_baseline.rs`) and the codegen
//! benchmark (`benches/codegen.rs`).
//!
//! The schemas are the closure our own generator loads from the directory
//! (`callflows.json`, `callflows.*.json` and what they `$ref`), read from
//! [`kazoo_callflows_codegen::Generated::graph`]. typify resolves only
//! `#/definitions/…` references inside one root schema, so each schema is
//! handed over with the schemas it references (transitively) as
//! `definitions`, and every reference to another file (`"custom_sip_headers"`,
//! `"callflows.action#/…"`) is rewritten to `#/definitions/<id>…`. Nothing
//! else is changed.

#![allow(dead_code)] // the test and the benchmark each use part of it

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Where the Kazoo master schemas are; asserts (with a message) that they
/// are there.
pub fn master_dir() -> &'static Path {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/kazoo/schemas/master"
    ));
    assert!(
        dir.is_dir(),
        "{} is missing: the typify baseline reads Kazoo's schemas from ../shared/kazoo",
        dir.display()
    );
    dir
}

/// One schema file of the closure: its file name, id and JSON.
#[derive(Debug, Clone)]
pub struct SchemaText {
    /// The file name in the directory (`callflows.tts.json`).
    pub file_name: String,
    /// The schema id (`callflows.tts`).
    pub id: String,
    /// The parsed file.
    pub json: Value,
}

/// Every schema of the closure of `dir`, in id order.
pub fn closure(dir: &Path) -> Vec<SchemaText> {
    let generated = kazoo_callflows_codegen::Config::new()
        .schemas_dir(dir)
        .generate()
        .unwrap_or_else(|e| panic!("generating from {}: {e}", dir.display()));
    generated
        .graph()
        .files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file.path)
                .unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
            let json = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
            let file_name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            SchemaText {
                file_name,
                id: file.id.clone(),
                json,
            }
        })
        .collect()
}

/// How typify fared on one schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Types generated (the formatted Rust).
    Generated(String),
    /// typify returned an error (its message).
    Error(String),
    /// typify panicked (the panic message).
    Panicked(String),
}

/// The other files `json` references (`$ref` values not starting with `#`),
/// by id.
fn external_refs(json: &Value, out: &mut BTreeSet<String>) {
    match json {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "$ref"
                    && let Value::String(target) = value
                    && !target.starts_with('#')
                {
                    let id = target.split('#').next().unwrap_or_default();
                    out.insert(id.trim_end_matches(".json").to_owned());
                }
                external_refs(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| external_refs(v, out)),
        _ => {}
    }
}

/// `json` with every reference to another file pointed at `#/definitions`.
fn rewrite_refs(json: &Value) -> Value {
    match json {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let value = match value {
                        Value::String(target) if key == "$ref" && !target.starts_with('#') => {
                            let (id, fragment) = target.split_once('#').unwrap_or((target, ""));
                            let id = id.trim_end_matches(".json");
                            Value::String(format!("#/definitions/{id}{fragment}"))
                        }
                        other => rewrite_refs(other),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(rewrite_refs).collect()),
        other => other.clone(),
    }
}

/// The root schema typify is given for `root`: the file, with the files it
/// references (transitively) under `definitions`, references rewritten.
pub fn typify_input(root: &SchemaText, all: &[SchemaText]) -> Value {
    let by_id: BTreeMap<&str, &SchemaText> = all.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut seen = BTreeSet::new();
    let mut todo = BTreeSet::new();
    external_refs(&root.json, &mut todo);
    while let Some(id) = todo.pop_first() {
        if id == root.id || !seen.insert(id.clone()) {
            continue;
        }
        if let Some(schema) = by_id.get(id.as_str()) {
            external_refs(&schema.json, &mut todo);
        }
    }
    let mut json = rewrite_refs(&root.json);
    if let Value::Object(map) = &mut json {
        let definitions = map
            .entry("definitions")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(definitions) = definitions {
            for id in &seen {
                if let Some(schema) = by_id.get(id.as_str()) {
                    definitions.insert(id.clone(), rewrite_refs(&schema.json));
                }
            }
        }
    }
    json
}

/// Runs typify on one prepared root schema and formats its output as our
/// generator formats its own (prettyplease).
pub fn typify(input: &Value) -> Outcome {
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<String, String> {
        let root: schemars08::schema::RootSchema =
            serde_json::from_value(input.clone()).map_err(|e| format!("schemars: {e}"))?;
        let mut space = typify::TypeSpace::new(&typify::TypeSpaceSettings::default());
        space.add_root_schema(root).map_err(|e| e.to_string())?;
        let file: syn::File =
            syn::parse2(space.to_stream()).map_err(|e| format!("typify output: {e}"))?;
        Ok(prettyplease::unparse(&file))
    }));
    match result {
        Ok(Ok(text)) => Outcome::Generated(text),
        Ok(Err(message)) => Outcome::Error(message),
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Outcome::Panicked(message)
        }
    }
}

/// Runs typify on every schema of `all` (prepared by [`typify_input`]),
/// with the panic hook silenced so that typify's panics do not flood the
/// output.
pub fn typify_each(all: &[SchemaText]) -> Vec<(String, Outcome)> {
    typify_each_with(all, |schema| typify_input(schema, all))
}

/// Runs typify on every schema of `all` as the file is, references to
/// other files left unresolved (how a user would hand typify one file).
pub fn typify_each_alone(all: &[SchemaText]) -> Vec<(String, Outcome)> {
    typify_each_with(all, |schema| schema.json.clone())
}

fn typify_each_with(
    all: &[SchemaText],
    input: impl Fn(&SchemaText) -> Value,
) -> Vec<(String, Outcome)> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcomes = all
        .iter()
        .map(|schema| (schema.file_name.clone(), typify(&input(schema))))
        .collect();
    std::panic::set_hook(hook);
    outcomes
}

/// The schemas both generators are compared on: those typify survives
/// ([`typify_each`]) that our generator reads from a directory holding only
/// those (`dir`, emptied and filled with symlinks to the master files). The
/// schemas only the document schema references drop out when typify fails
/// on the document schema.
pub fn common_set(dir: &Path) -> Vec<SchemaText> {
    let master = master_dir();
    let all = closure(master);
    let outcomes = typify_each(&all);
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let survivors: Vec<SchemaText> = all
        .into_iter()
        .zip(&outcomes)
        .filter(|(_, (_, outcome))| matches!(outcome, Outcome::Generated(_)))
        .map(|(schema, _)| schema)
        .collect();
    for schema in &survivors {
        std::os::unix::fs::symlink(master.join(&schema.file_name), dir.join(&schema.file_name))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    let ours: BTreeSet<String> = closure(dir).into_iter().map(|s| s.id).collect();
    let common: Vec<SchemaText> = survivors
        .into_iter()
        .filter(|s| ours.contains(&s.id))
        .collect();
    assert_eq!(
        common.len(),
        ours.len(),
        "our generator reads schemas typify did not survive from {}",
        dir.display()
    );
    common
}
