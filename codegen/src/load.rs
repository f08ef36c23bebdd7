//! Loading a Kazoo schema directory: read every `*.json`, index them by
//! `_id`, file name and root `id`, pick `callflows.json` and
//! `callflows.*.json`, follow their `$ref`s to the transitive closure, and
//! resolve each `$ref` to a node.
//!
//! A `$ref` is resolved as the drafts say: against the base URI in force
//! (the file's `kazoo:///<file name>`, or the nearest enclosing `id`), then
//! its document is an `id` of a parsed node, or a file by root `id`, by
//! `_id` or by file name (Kazoo's bare `"callflows.action"`, with or without
//! `.json`); its fragment, percent-decoded, is an RFC 6901 pointer from that
//! node or a location-independent id (`#foo`).

use crate::error::{ErrorKind, Result, SourceLocation};
use crate::ir::schema::{Draft, FileId, NodeId, Reference, SchemaFile, SchemaGraph};
use crate::parse::{Parser, PendingRef};
use crate::pointer;
use crate::uri;
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

/// One JSON file of the directory, read but not yet interpreted as a schema.
struct RawFile {
    path: PathBuf,
    /// The URI it is retrieved from (`kazoo:///<file name>`).
    uri: String,
    stem: String,
    id: String,
    doc: Value,
}

/// Reads `dir` and returns the resolved closure of the callflow schemas.
pub fn load_dir(dir: &Path) -> Result<SchemaGraph> {
    let raw = read_dir(dir)?;
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_stem: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, f) in raw.iter().enumerate() {
        by_id.entry(f.id.as_str()).or_default().push(i);
        by_stem.insert(f.stem.as_str(), i);
    }

    let callflow_files = raw
        .iter()
        .filter(|f| f.stem == "callflows" || f.stem.starts_with("callflows."))
        .count();
    if callflow_files == 0 {
        return Err(ErrorKind::NoCallflowSchemas {
            dir: dir.to_path_buf(),
        }
        .into());
    }
    // Metaflow modules: Kazoo dispatches the metaflow nodes of a callflow
    // document to them (`kazoo_rules`).
    let roots: Vec<usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            f.stem == "callflows"
                || f.stem.starts_with("callflows.")
                || f.stem.starts_with("metaflows.")
        })
        .map(|(i, _)| i)
        .collect();

    let mut by_uri: BTreeMap<String, usize> = BTreeMap::new();
    for (i, f) in raw.iter().enumerate() {
        by_uri.insert(f.uri.clone(), i);
        if let (Some(Value::String(id)), false) = (f.doc.get("id"), f.doc.get("$ref").is_some())
            && let Some(abs) = uri::resolve(&f.uri, id)
        {
            by_uri
                .entry(uri::split_fragment(&abs).0.to_string())
                .or_insert(i);
        }
    }
    let files = FileIndex {
        by_id: &by_id,
        by_stem: &by_stem,
        by_uri: &by_uri,
    };

    let mut graph = SchemaGraph {
        dir: dir.to_path_buf(),
        files_read: raw.iter().map(|f| f.path.clone()).collect(),
        ..SchemaGraph::default()
    };
    let mut pending: Vec<PendingRef> = Vec::new();
    let mut ids: BTreeMap<String, NodeId> = BTreeMap::new();
    let mut file_of_raw: BTreeMap<usize, FileId> = BTreeMap::new();
    let mut queue: VecDeque<usize> = roots.into_iter().collect();

    // Breadth-first over files: the files refs name are queued as they are
    // found, so that the closure is known; refs become nodes once every
    // file is parsed.
    while let Some(ri) = queue.pop_front() {
        if file_of_raw.contains_key(&ri) {
            continue;
        }
        check_unique_id(&raw, &by_id, ri)?;
        let f = &raw[ri];
        let fid = FileId(graph.files.len() as u32);
        file_of_raw.insert(ri, fid);
        let draft = declared_draft(&f.doc);
        let first_pending = pending.len();
        let root = Parser {
            nodes: &mut graph.nodes,
            pending: &mut pending,
            by_pointer: &mut graph.by_pointer,
            warnings: &mut graph.warnings,
            ids: &mut ids,
            bases: Vec::new(),
        }
        .parse_file(fid, &f.path, &f.uri, draft, &f.doc)?;
        graph.files.push(SchemaFile {
            path: f.path.clone(),
            id: f.id.clone(),
            draft,
            root,
            module: module_name(&f.stem),
        });
        for p in &pending[first_pending..] {
            let target = match uri::resolve(&p.base, &p.text) {
                Some(abs) => {
                    let doc = uri::split_fragment(&abs).0;
                    if ids.contains_key(doc) {
                        continue;
                    }
                    files.by_uri(doc)
                }
                None => files.by_name(split_ref(&p.text).0),
            };
            // A document no file is may still be an `id` inside a file
            // parsed later; what stays unknown is reported below.
            if let Some(t) = target
                && !file_of_raw.contains_key(&t)
            {
                queue.push_back(t);
            }
        }
    }

    for p in pending {
        let target = resolve_ref(&graph, &ids, &files, &file_of_raw, &p);
        let target = match target {
            Ok(t) => t,
            Err(uri) => {
                return Err(ErrorKind::DanglingRef {
                    at: ref_location(&graph, p.node),
                    reference: p.text.clone(),
                    uri,
                }
                .into());
            }
        };
        graph.nodes[p.node.0 as usize].reference = Some(Reference {
            text: p.text,
            target,
        });
    }
    Ok(graph)
}

/// The files of the directory by `_id`, file name and URI.
struct FileIndex<'a> {
    by_id: &'a BTreeMap<&'a str, Vec<usize>>,
    by_stem: &'a BTreeMap<&'a str, usize>,
    by_uri: &'a BTreeMap<String, usize>,
}

impl FileIndex<'_> {
    /// A Kazoo name: an `_id`, else a file name (`.json` optional).
    fn by_name(&self, name: &str) -> Option<usize> {
        let name = name.strip_suffix(".json").unwrap_or(name);
        match self.by_id.get(name) {
            Some(list) => list.first().copied(),
            None => self.by_stem.get(name).copied(),
        }
    }

    /// A document URI: a file's retrieval URI or root `id`, else (under
    /// `kazoo:///`) a Kazoo name.
    fn by_uri(&self, doc: &str) -> Option<usize> {
        if let Some(&i) = self.by_uri.get(doc) {
            return Some(i);
        }
        let name = doc.strip_prefix(uri::FILE_BASE)?;
        self.by_name(&uri::decode(name))
    }
}

/// The node `p` refers to, or the URI that names nothing.
fn resolve_ref(
    graph: &SchemaGraph,
    ids: &BTreeMap<String, NodeId>,
    files: &FileIndex<'_>,
    file_of_raw: &BTreeMap<usize, FileId>,
    p: &PendingRef,
) -> std::result::Result<NodeId, String> {
    let file_root = |raw: Option<usize>| {
        raw.and_then(|r| file_of_raw.get(&r))
            .map(|fid| graph.file(*fid).root)
    };
    let Some(abs) = uri::resolve(&p.base, &p.text) else {
        // Not a URI (Kazoo writes none such, but a name may hold a space):
        // a name and a plain pointer.
        let (name, frag) = split_ref(&p.text);
        let doc = if name.is_empty() {
            ids.get(&p.base).copied()
        } else {
            file_root(files.by_name(name))
        };
        return doc
            .and_then(|d| at_pointer(graph, d, frag))
            .ok_or_else(|| p.text.clone());
    };
    let (doc, frag) = uri::split_fragment(&abs);
    let found = ids
        .get(doc)
        .copied()
        .or_else(|| file_root(files.by_uri(doc)));
    let target = match frag.map(uri::decode) {
        None => found,
        Some(f) if f.is_empty() || f.starts_with('/') => {
            found.and_then(|d| at_pointer(graph, d, &f))
        }
        // A location-independent id (`#foo`).
        Some(_) => ids.get(&abs).copied(),
    };
    target.ok_or(abs)
}

/// The node at JSON pointer `frag` from node `from`.
fn at_pointer(graph: &SchemaGraph, from: NodeId, frag: &str) -> Option<NodeId> {
    let loc = graph.node(from).location.as_ref()?;
    let tokens = pointer::tokens(frag)?;
    let ptr = tokens
        .iter()
        .fold(loc.pointer.clone(), |acc, t| pointer::push(&acc, t));
    graph.by_pointer.get(&(loc.file, ptr)).copied()
}

fn ref_location(graph: &SchemaGraph, node: NodeId) -> SourceLocation {
    let src = graph.source(node);
    SourceLocation {
        file: src.file,
        pointer: pointer::push(&src.pointer, "$ref"),
    }
}

/// `"callflows.action"` → (`"callflows.action"`, `""`); `"x#/definitions/y"` →
/// (`"x"`, `"/definitions/y"`); `"#/definitions/y"` → (`""`, `"/definitions/y"`).
fn split_ref(text: &str) -> (&str, &str) {
    match text.split_once('#') {
        Some((file, frag)) => (file.strip_suffix(".json").unwrap_or(file), frag),
        None => (text.strip_suffix(".json").unwrap_or(text), ""),
    }
}

fn check_unique_id(raw: &[RawFile], by_id: &BTreeMap<&str, Vec<usize>>, ri: usize) -> Result<()> {
    let f = &raw[ri];
    if let Some(list) = by_id.get(f.id.as_str())
        && let Some(&other) = list.iter().find(|&&o| o != ri)
    {
        let (first, second) = if other < ri { (other, ri) } else { (ri, other) };
        return Err(ErrorKind::DuplicateId {
            at: SourceLocation {
                file: raw[second].path.clone(),
                pointer: String::from("/_id"),
            },
            id: f.id.clone(),
            other: raw[first].path.clone(),
        }
        .into());
    }
    Ok(())
}

/// `callflows.ring_group` → `ring_group`; `callflows.audio_macro.prompt`,
/// `callflows.action` and `callflows` are not modules.
fn module_name(stem: &str) -> Option<String> {
    let name = stem.strip_prefix("callflows.")?;
    (!name.contains('.') && name != "action" && !name.is_empty()).then(|| name.to_string())
}

fn declared_draft(doc: &Value) -> Draft {
    match doc.get("$schema").and_then(Value::as_str) {
        Some(s) if s.contains("draft-03") => Draft::Draft3,
        _ => Draft::Draft4,
    }
}

fn read_dir(dir: &Path) -> Result<Vec<RawFile>> {
    let entries = std::fs::read_dir(dir).map_err(|source| ErrorKind::MissingDirectory {
        dir: dir.to_path_buf(),
        source,
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| ErrorKind::MissingDirectory {
            dir: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| ErrorKind::Io {
            file: path.clone(),
            source,
        })?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| ErrorKind::InvalidJson {
            file: path.clone(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e),
        })?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = match doc.get("_id") {
            Some(Value::String(id)) => id.clone(),
            _ => stem.clone(),
        };
        let file_name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(RawFile {
            uri: uri::file_uri(&file_name),
            path,
            stem,
            id,
            doc,
        });
    }
    Ok(out)
}

/// serde_json's message without its trailing " at line L column C".
fn strip_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_ref_forms() {
        assert_eq!(split_ref("callflows.action"), ("callflows.action", ""));
        assert_eq!(
            split_ref("custom_sip_headers.json"),
            ("custom_sip_headers", "")
        );
        assert_eq!(split_ref("x#/definitions/y"), ("x", "/definitions/y"));
        assert_eq!(split_ref("#/definitions/y"), ("", "/definitions/y"));
        assert_eq!(split_ref("#"), ("", ""));
    }

    #[test]
    fn module_names() {
        assert_eq!(
            module_name("callflows.ring_group").as_deref(),
            Some("ring_group")
        );
        assert_eq!(module_name("callflows.audio_macro.prompt"), None);
        assert_eq!(module_name("callflows.action"), None);
        assert_eq!(module_name("callflows"), None);
        assert_eq!(module_name("metaflows"), None);
    }
}
