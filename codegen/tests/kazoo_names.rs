//! Pins the Rust identifiers generated for the five Kazoo releases: every
//! module variant, type, field, enum variant and union variant, one per
//! line, compared with `tests/names/<release>.txt` (identifiers and JSON
//! names only, no schema text).
//!
//! A naming rule that changes one of today's names fails here and shows the
//! lines that changed. When a change is intended, refresh the lists with
//! `EXPECTORATE=overwrite cargo test -p kazoo-callflows-codegen --test kazoo_names`
//! and review the diff.

use kazoo_callflows_codegen::Config;
use kazoo_callflows_codegen::ir::types::{TypeKind, TypeSpace};
use std::fmt::Write;
use std::path::Path;

const RELEASES: [&str; 5] = ["4.0", "4.1", "4.2", "4.3", "master"];

/// Every identifier of `space`, one per line, in a fixed order.
fn identifiers(space: &TypeSpace) -> String {
    let mut out = String::new();
    for m in &space.modules {
        let _ = writeln!(out, "module {} -> {}", m.name, m.variant);
    }
    for m in &space.metaflow_modules {
        let _ = writeln!(out, "metaflow module {} -> {}", m.name, m.variant);
    }
    let mut types: Vec<_> = space.types.iter().collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    for t in types {
        match &t.kind {
            TypeKind::Pending => {
                let _ = writeln!(out, "pending {}", t.name);
            }
            TypeKind::Struct(s) => {
                let _ = writeln!(out, "struct {} (extra: {})", t.name, s.extra_ident);
                for f in &s.fields {
                    let _ = writeln!(out, "  field {:?} -> {}", f.json_name, f.ident);
                }
            }
            TypeKind::Enum(e) => {
                let _ = writeln!(out, "enum {}", t.name);
                for v in &e.variants {
                    let _ = writeln!(out, "  value {:?} -> {}", v.value, v.ident);
                }
            }
            TypeKind::Union(u) => {
                let _ = writeln!(out, "union {}", t.name);
                for v in &u.variants {
                    let _ = writeln!(out, "  variant {}", v.ident);
                }
            }
            TypeKind::Tagged(tg) => {
                let _ = writeln!(out, "tagged {} (tag {:?})", t.name, tg.tag);
                for v in &tg.variants {
                    let _ = writeln!(out, "  tag {:?} -> {}", v.tag_value, v.ident);
                }
            }
        }
    }
    out
}

#[test]
fn kazoo_release_names_are_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../../shared/kazoo/schemas");
    assert!(
        shared.join("master").is_dir(),
        "{} is missing: this test reads Kazoo's schemas from it",
        shared.display()
    );
    for release in RELEASES {
        let generated = Config::new()
            .schemas_dir(shared.join(release))
            .generate()
            .unwrap_or_else(|e| panic!("{release}: {e}"));
        expectorate::assert_contents(
            root.join("tests/names").join(format!("{release}.txt")),
            &identifiers(generated.space()),
        );
    }
}
