//! Loading a Kazoo schema directory: read every `*.json`, index them by
//! `_id` and file name, pick `callflows.json` and `callflows.*.json`, follow
//! their `$ref`s to the transitive closure, and resolve each `$ref` to a node.

use crate::error::{ErrorKind, Result, SourceLocation};
use crate::ir::schema::{Draft, FileId, NodeId, Reference, SchemaFile, SchemaGraph};
use crate::parse::{Parser, PendingRef};
use crate::pointer;
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

/// One JSON file of the directory, read but not yet interpreted as a schema.
struct RawFile {
    path: PathBuf,
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

    let mut graph = SchemaGraph {
        dir: dir.to_path_buf(),
        files_read: raw.iter().map(|f| f.path.clone()).collect(),
        ..SchemaGraph::default()
    };
    let mut pending: Vec<PendingRef> = Vec::new();
    let mut file_of_raw: BTreeMap<usize, FileId> = BTreeMap::new();
    let mut queue: VecDeque<usize> = roots.into_iter().collect();

    // Breadth-first over files; refs are resolved to files as they are found
    // so that the closure is known, and to nodes once every file is parsed.
    let mut resolved: Vec<(PendingRef, usize, String)> = Vec::new();
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
        }
        .parse_file(fid, &f.path, draft, &f.doc)?;
        graph.files.push(SchemaFile {
            path: f.path.clone(),
            id: f.id.clone(),
            draft,
            root,
            module: module_name(&f.stem),
        });
        for p in pending[first_pending..].iter().cloned() {
            let (target_file, frag) = split_ref(&p.text);
            let frag = frag.to_string();
            let target = if target_file.is_empty() {
                Some(ri)
            } else {
                match by_id.get(target_file) {
                    Some(list) => Some(list[0]),
                    None => by_stem.get(target_file).copied(),
                }
            };
            let Some(target) = target else {
                return Err(ErrorKind::DanglingRef {
                    at: ref_location(&graph, p.node),
                    reference: p.text.clone(),
                }
                .into());
            };
            if !file_of_raw.contains_key(&target) {
                queue.push_back(target);
            }
            resolved.push((p, target, frag));
        }
    }

    for (p, target_raw, frag) in resolved {
        let fid = file_of_raw[&target_raw];
        let ptr = pointer::tokens(&frag).map(|toks| {
            toks.iter()
                .fold(String::new(), |acc, t| pointer::push(&acc, t))
        });
        let target = ptr.and_then(|ptr| graph.by_pointer.get(&(fid, ptr)).copied());
        let Some(target) = target else {
            return Err(ErrorKind::DanglingRef {
                at: ref_location(&graph, p.node),
                reference: p.text.clone(),
            }
            .into());
        };
        graph.nodes[p.node.0 as usize].reference = Some(Reference {
            text: p.text,
            target,
        });
    }
    Ok(graph)
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
        out.push(RawFile {
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
