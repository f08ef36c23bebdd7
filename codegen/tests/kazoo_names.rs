//! Pins the Rust identifiers generated for the five Kazoo releases: every
//! module variant, type, field, enum variant and union variant, one per
//! line. The listing holds Kazoo's property names and enum values, which
//! stay out of the repository: what is committed is its line count and
//! FNV-1a digest, `tests/names/<release>.digest`.
//!
//! A naming rule that changes one of today's names fails here. Every run
//! writes the full listings to `<target tmp>/kazoo_names/<release>.txt`:
//! run the test on the commit before the change and after it, and diff the
//! two to see the lines that changed. When a change is intended, refresh
//! the digests with
//! `EXPECTORATE=overwrite cargo test -p kazoo-callflows-codegen --test kazoo_names`.

#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use kazoo_callflows_codegen::Config;
use kazoo_callflows_codegen::ir::types::{TypeKind, TypeSpace};
use std::fmt::Write;
use std::path::Path;

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
    let listings = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kazoo_names");
    std::fs::create_dir_all(&listings).expect("a scratch directory");
    for release in shared_data::RELEASES {
        let generated = Config::new()
            .schemas_dir(shared_data::release(release))
            .generate()
            .unwrap_or_else(|e| panic!("{release}: {e}"));
        let listing = identifiers(generated.space());
        let written = listings.join(format!("{release}.txt"));
        std::fs::write(&written, &listing).expect("writing the listing");
        let digest_file = root.join("tests/names").join(format!("{release}.digest"));
        let digest = digest_line(&listing);
        if std::env::var("EXPECTORATE").as_deref() == Ok("overwrite") {
            std::fs::write(&digest_file, &digest).expect("writing the digest");
            continue;
        }
        let pinned = std::fs::read_to_string(&digest_file)
            .unwrap_or_else(|e| panic!("{}: {e}", digest_file.display()));
        assert_eq!(
            pinned,
            digest,
            "{release}: the generated names changed. The listing is {}; diff it \
             with the one the previous commit writes, then refresh with \
             EXPECTORATE=overwrite cargo test -p kazoo-callflows-codegen --test kazoo_names",
            written.display()
        );
    }
}

/// `lines N fnv1a64 HEX` of `listing`.
fn digest_line(listing: &str) -> String {
    format!(
        "lines {} fnv1a64 {:016x}\n",
        listing.lines().count(),
        fnv1a64(listing.as_bytes())
    )
}

/// The 64-bit FNV-1a hash: stable across platforms and Rust releases.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn the_digest_tells_listings_apart() {
    // Known FNV-1a 64 values (the algorithm's published test vectors).
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_ne!(
        digest_line("field \"a\" -> a\n"),
        digest_line("field \"a\" -> a_2\n")
    );
}
