//! The reference validator: the `jsonschema` crate (draft 4, formats not
//! asserted) with every schema file of the directory registered under its
//! id, plus Kazoo's module rule applied by walking the nodes exactly where
//! `callflows.action` applies (`/flow` of a document, `children` members
//! that `.+` matches; `Reference::new` checks that this is the schema's
//! `patternProperties`).

use jsonschema::Validator;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Base URI the schemas are registered under; Kazoo's bare-id `$ref`s
/// (`"callflows.action"`) resolve against it.
const BASE: &str = "https://kazoo.schemas.invalid/";

/// What the reference says about one instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Whether it is valid.
    pub valid: bool,
    /// The instance paths of its errors.
    pub paths: BTreeSet<String>,
}

/// Compiled reference validators, built once.
pub struct Reference {
    document: Validator,
    node: Validator,
    modules: BTreeMap<String, Validator>,
}

/// ECMA-262 `.+`, unanchored: some character that is not a line
/// terminator.
fn dot_plus(key: &str) -> bool {
    key.chars()
        .any(|c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
}

fn load(dir: &Path) -> Vec<(String, String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let doc: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let stem = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let id = doc
                .get("_id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| stem.clone());
            (id, stem, doc)
        })
        .collect()
}

impl Reference {
    /// Registers every schema of `dir` and compiles the validators.
    pub fn new(dir: &Path) -> Reference {
        let files = load(dir);
        let action = files
            .iter()
            .find(|(id, _, _)| id == "callflows.action")
            .map(|(_, _, doc)| doc)
            .expect("callflows.action.json");
        let children: Vec<&String> = action["properties"]["children"]["patternProperties"]
            .as_object()
            .expect("children patternProperties")
            .keys()
            .collect();
        assert_eq!(children, [".+"], "the walk below assumes `.+` children");
        let mut builder = jsonschema::Registry::new();
        let mut names = BTreeSet::new();
        for (id, stem, doc) in &files {
            for name in [id, stem] {
                if names.insert(name.clone()) {
                    builder = builder
                        .add(format!("{BASE}{name}"), doc.clone())
                        .unwrap_or_else(|e| panic!("registering {name}: {e}"));
                }
            }
        }
        let registry = builder.prepare().expect("the reference registry prepares");
        let compile = |id: &str| -> Validator {
            jsonschema::draft4::options()
                .with_registry(&registry)
                .should_validate_formats(false)
                .build(&json!({"$ref": format!("{BASE}{id}")}))
                .unwrap_or_else(|e| panic!("compiling {id}: {e}"))
        };
        let modules = files
            .iter()
            .filter_map(|(_, stem, _)| {
                let m = stem.strip_prefix("callflows.")?;
                (!m.contains('.') && m != "action").then(|| (m.to_string(), compile(stem)))
            })
            .collect();
        Reference {
            document: compile("callflows"),
            node: compile("callflows.action"),
            modules,
        }
    }

    fn collect(validator: &Validator, v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        for e in validator.iter_errors(v) {
            out.insert(format!("{prefix}{}", e.instance_path().as_str()));
        }
    }

    /// Kazoo's rule at the node `v` at `at`, then at its children.
    fn kazoo(&self, v: &Value, at: &str, out: &mut BTreeSet<String>) {
        let Value::Object(m) = v else { return };
        if let Some(Value::String(module)) = m.get("module") {
            match self.modules.get(module) {
                Some(validator) => {
                    if let Some(data) = m.get("data") {
                        Self::collect(validator, data, &format!("{at}/data"), out);
                    }
                }
                None => {
                    out.insert(format!("{at}/module"));
                }
            }
        }
        if let Some(Value::Object(children)) = m.get("children") {
            for (k, child) in children {
                if dot_plus(k) {
                    self.kazoo(child, &format!("{at}/children/{}", escape(k)), out);
                }
            }
        }
    }

    fn verdict(paths: BTreeSet<String>) -> Verdict {
        Verdict {
            valid: paths.is_empty(),
            paths,
        }
    }

    /// A callflow node.
    pub fn node(&self, v: &Value) -> Verdict {
        let mut out = BTreeSet::new();
        Self::collect(&self.node, v, "", &mut out);
        self.kazoo(v, "", &mut out);
        Self::verdict(out)
    }

    /// A callflow document.
    pub fn document(&self, v: &Value) -> Verdict {
        let mut out = BTreeSet::new();
        Self::collect(&self.document, v, "", &mut out);
        if let Some(flow) = v.get("flow") {
            self.kazoo(flow, "/flow", &mut out);
        }
        Self::verdict(out)
    }

    /// A module's data; `None` for an unknown module.
    pub fn module_data(&self, module: &str, v: &Value) -> Option<Verdict> {
        let validator = self.modules.get(module)?;
        let mut out = BTreeSet::new();
        Self::collect(validator, v, "", &mut out);
        Some(Self::verdict(out))
    }

    /// Whether `v` is a valid document, through `is_valid` (the
    /// reference's fastest path: no error is built).
    pub fn document_is_valid(&self, v: &Value) -> bool {
        self.document.is_valid(v) && v.get("flow").is_none_or(|flow| self.kazoo_is_valid(flow))
    }

    /// Whether `v` is a valid node, through `is_valid`.
    pub fn node_is_valid(&self, v: &Value) -> bool {
        self.node.is_valid(v) && self.kazoo_is_valid(v)
    }

    fn kazoo_is_valid(&self, v: &Value) -> bool {
        let Value::Object(m) = v else { return true };
        if let Some(Value::String(module)) = m.get("module") {
            match self.modules.get(module) {
                Some(validator) => {
                    if m.get("data").is_some_and(|d| !validator.is_valid(d)) {
                        return false;
                    }
                }
                None => return false,
            }
        }
        match m.get("children") {
            Some(Value::Object(children)) => children
                .iter()
                .all(|(k, child)| !dot_plus(k) || self.kazoo_is_valid(child)),
            _ => true,
        }
    }
}

/// RFC 6901 escaping of one token.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
