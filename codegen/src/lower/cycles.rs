//! Breaking containment cycles: a field or variant that holds a type which
//! (directly, not through a `Vec` or map) contains the holder again is put
//! behind a `Box`, or the type would have infinite size.
//!
//! The runtime `Flow` node contains every module's data type (through its
//! `Action`), so a module property typed `Flow` closes a cycle too; the same
//! for `Metaflow` and the metaflow modules.

use crate::ir::types::{TypeId, TypeKind, TypeRef, TypeSpace};
use std::collections::BTreeSet;

/// A vertex of the containment graph: a generated type or a runtime node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Vertex {
    Type(TypeId),
    Flow,
    Metaflow,
}

fn vertex(t: &TypeRef) -> Option<Vertex> {
    match t {
        TypeRef::Named(id) => Some(Vertex::Type(*id)),
        TypeRef::Flow => Some(Vertex::Flow),
        TypeRef::Metaflow => Some(Vertex::Metaflow),
        _ => None,
    }
}

fn edges(space: &TypeSpace, v: Vertex) -> Vec<Vertex> {
    match v {
        Vertex::Flow => space
            .modules
            .iter()
            .filter_map(|m| vertex(&m.data))
            .collect(),
        Vertex::Metaflow => space
            .metaflow_modules
            .iter()
            .filter_map(|m| vertex(&m.data))
            .collect(),
        Vertex::Type(id) => match &space.get(id).kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| vertex(&f.ty)).collect(),
            TypeKind::Union(u) => u.variants.iter().filter_map(|v| vertex(&v.ty)).collect(),
            TypeKind::Tagged(t) => t.variants.iter().filter_map(|v| vertex(&v.ty)).collect(),
            TypeKind::Enum(_) | TypeKind::Pending => Vec::new(),
        },
    }
}

fn reaches(space: &TypeSpace, from: Vertex, to: Vertex) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        if seen.insert(v) {
            stack.extend(edges(space, v));
        }
    }
    false
}

/// Sets `boxed` on every field and variant that closes a cycle.
pub fn mark_boxes(space: &mut TypeSpace) {
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (ti, t) in space.types.iter().enumerate() {
        let me = Vertex::Type(TypeId(ti as u32));
        let targets: Vec<Option<Vertex>> = match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| vertex(&f.ty)).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| vertex(&v.ty)).collect(),
            TypeKind::Tagged(tg) => tg.variants.iter().map(|v| vertex(&v.ty)).collect(),
            TypeKind::Enum(_) | TypeKind::Pending => Vec::new(),
        };
        for (i, target) in targets.into_iter().enumerate() {
            if let Some(target) = target
                && reaches(space, target, me)
            {
                marks.push((ti, i));
            }
        }
    }
    for (ti, i) in marks {
        match &mut space.types[ti].kind {
            TypeKind::Struct(s) => s.fields[i].boxed = true,
            TypeKind::Union(u) => u.variants[i].boxed = true,
            TypeKind::Tagged(t) => t.variants[i].boxed = true,
            TypeKind::Enum(_) | TypeKind::Pending => {}
        }
    }
}
