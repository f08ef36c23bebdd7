//! Guards the crate's public API: the items reachable from `src/lib.rs`
//! (its own public items, what it re-exports, and the public modules,
//! `ir`), read from the source with `syn`, with their signatures, compared
//! with `tests/golden/public_api.txt`. Any change to the facade shows up
//! as a diff to review; refresh with
//! `EXPECTORATE=overwrite cargo test -p kazoo-callflows-codegen --test public_api`.
//! Items marked `#[doc(hidden)]` are not API and are left out.

use quote::ToTokens;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::{ImplItem, Item, UseTree, Visibility};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file of module `path` (`["emit", "docs"]`).
fn module_file(path: &[String]) -> PathBuf {
    let mut base = src();
    for p in &path[..path.len() - 1] {
        base.push(p);
    }
    let last = &path[path.len() - 1];
    let flat = base.join(format!("{last}.rs"));
    if flat.is_file() {
        flat
    } else {
        base.join(last).join("mod.rs")
    }
}

fn parse(file: &Path) -> syn::File {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn hidden(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("doc") && a.to_token_stream().to_string().contains("hidden"))
}

fn public(v: &Visibility) -> bool {
    matches!(v, Visibility::Public(_))
}

/// Tokens without attributes (docs), as one line.
fn line(t: impl ToTokens) -> String {
    t.to_token_stream().to_string()
}

/// A field as `name: Type` (or `Type`), without its docs.
fn field(f: &syn::Field) -> String {
    match &f.ident {
        Some(name) => format!("{name}: {}", line(&f.ty)),
        None => line(&f.ty),
    }
}

/// `pub use a::b::{C, D}` as `(["a", "b"], "C")` pairs.
fn use_paths(tree: &UseTree, prefix: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        UseTree::Name(n) => out.push((prefix.clone(), n.ident.to_string())),
        UseTree::Rename(r) => out.push((prefix.clone(), r.ident.to_string())),
        UseTree::Group(g) => g.items.iter().for_each(|t| use_paths(t, prefix, out)),
        UseTree::Glob(_) => out.push((prefix.clone(), String::from("*"))),
    }
}

/// The public items of `file` (all, or only those named in `only`), with
/// the public methods of their impls, under the heading `module`.
fn surface(module: &str, file: &Path, only: Option<&BTreeSet<String>>, out: &mut Vec<String>) {
    let ast = parse(file);
    let wanted = |name: &str| only.is_none_or(|o| o.contains(name));
    let mut names = BTreeSet::new();
    for item in &ast.items {
        let (vis, attrs, name, text) = match item {
            Item::Struct(i) => {
                let fields: Vec<String> = i
                    .fields
                    .iter()
                    .filter(|f| public(&f.vis))
                    .map(field)
                    .collect();
                let text = format!(
                    "pub struct {}{} {{ {} }}",
                    i.ident,
                    line(&i.generics),
                    fields.join(", ")
                );
                (&i.vis, &i.attrs, i.ident.to_string(), text)
            }
            Item::Enum(i) => {
                let variants: Vec<String> = i
                    .variants
                    .iter()
                    .map(|v| {
                        let fields: Vec<String> = v.fields.iter().map(field).collect();
                        match &v.fields {
                            syn::Fields::Unit => v.ident.to_string(),
                            syn::Fields::Unnamed(_) => {
                                format!("{}({})", v.ident, fields.join(", "))
                            }
                            syn::Fields::Named(_) => {
                                format!("{} {{ {} }}", v.ident, fields.join(", "))
                            }
                        }
                    })
                    .collect();
                let non_exhaustive = i.attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
                let text = format!(
                    "{}pub enum {}{} {{ {} }}",
                    if non_exhaustive {
                        "#[non_exhaustive] "
                    } else {
                        ""
                    },
                    i.ident,
                    line(&i.generics),
                    variants.join(", ")
                );
                (&i.vis, &i.attrs, i.ident.to_string(), text)
            }
            Item::Fn(i) => (
                &i.vis,
                &i.attrs,
                i.sig.ident.to_string(),
                format!("pub {}", line(&i.sig)),
            ),
            Item::Const(i) => {
                let text = format!("pub const {}: {}", i.ident, line(&i.ty));
                (&i.vis, &i.attrs, i.ident.to_string(), text)
            }
            Item::Type(i) => {
                let text = format!(
                    "pub type {}{} = {}",
                    i.ident,
                    line(&i.generics),
                    line(&i.ty)
                );
                (&i.vis, &i.attrs, i.ident.to_string(), text)
            }
            Item::Use(i) if only.is_none() => {
                let mut pairs = Vec::new();
                use_paths(&i.tree, &mut Vec::new(), &mut pairs);
                let text = format!("pub use {}", line(&i.tree));
                let name = pairs.first().map(|(_, n)| n.clone()).unwrap_or_default();
                (&i.vis, &i.attrs, name, text)
            }
            Item::Mod(i) => {
                let text = format!("pub mod {}", i.ident);
                (&i.vis, &i.attrs, i.ident.to_string(), text)
            }
            _ => continue,
        };
        if public(vis) && !hidden(attrs) && wanted(&name) {
            names.insert(name);
            out.push(format!("{module}: {text}"));
        }
    }
    for item in &ast.items {
        let Item::Impl(imp) = item else { continue };
        let self_ty = line(&imp.self_ty);
        let last = self_ty
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        if !names.contains(&last) {
            continue;
        }
        let head = match &imp.trait_ {
            Some((_, path, _)) => format!("impl {} for {self_ty}", line(path)),
            None => format!("impl {self_ty}"),
        };
        if imp.trait_.is_some() {
            out.push(format!("{module}: {head}"));
            continue;
        }
        for it in &imp.items {
            if let ImplItem::Fn(f) = it
                && public(&f.vis)
                && !hidden(&f.attrs)
            {
                out.push(format!("{module}: {head} {{ pub {} }}", line(&f.sig)));
            }
        }
    }
}

#[test]
fn public_api_is_the_facade() {
    let mut out = Vec::new();
    let lib = src().join("lib.rs");
    surface("crate", &lib, None, &mut out);
    // What lib.rs re-exports, from the files that define it, and the
    // public modules in full.
    let ast = parse(&lib);
    for item in &ast.items {
        match item {
            Item::Use(u) if public(&u.vis) && !hidden(&u.attrs) => {
                let mut pairs = Vec::new();
                use_paths(&u.tree, &mut Vec::new(), &mut pairs);
                for (path, name) in pairs {
                    let only: BTreeSet<String> = [name].into_iter().collect();
                    surface(&path.join("::"), &module_file(&path), Some(&only), &mut out);
                }
            }
            Item::Mod(m) if public(&m.vis) && !hidden(&m.attrs) => {
                let dir = module_file(&[m.ident.to_string()]);
                surface(&m.ident.to_string(), &dir, None, &mut out);
                for sub in parse(&dir).items {
                    if let Item::Mod(s) = sub
                        && public(&s.vis)
                        && !hidden(&s.attrs)
                    {
                        let path = [m.ident.to_string(), s.ident.to_string()];
                        surface(&path.join("::"), &module_file(&path), None, &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    expectorate::assert_contents(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/public_api.txt"),
        &text,
    );
}
