//! URIs of `$ref` and `id` (RFC 3986): resolving a reference against a base,
//! splitting off the fragment, and percent-decoding it, so that
//! `#/definitions/percent%25field` names the definition `percent%field`.
//!
//! Files are retrieved from `kazoo:///<file name>`; Kazoo's bare ids
//! (`"callflows.action"`) resolve against that to `kazoo:///callflows.action`,
//! which [`crate::load`] looks up by `_id` and file name.

use fluent_uri::{Uri, UriRef};

/// The scheme and root of the URIs files are retrieved from.
pub const FILE_BASE: &str = "kazoo:///";

/// The URI a file named `file_name` is retrieved from.
pub fn file_uri(file_name: &str) -> String {
    let encoded: String = percent_encoding::utf8_percent_encode(file_name, PATH).to_string();
    format!("{FILE_BASE}{encoded}")
}

/// Characters percent-encoded in a file name used as a URI path segment.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'/');

/// `reference` resolved against `base` (an absolute URI without fragment),
/// normalized (RFC 3986 §6.2.2). `None` when either is not a URI.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    let base = Uri::parse(base).ok()?;
    let reference = UriRef::parse(reference).ok()?;
    let resolved = reference.resolve_against(&base).ok()?;
    Some(resolved.normalize().into_string())
}

/// The URI without its fragment, and the fragment (without `#`).
pub fn split_fragment(uri: &str) -> (&str, Option<&str>) {
    match uri.split_once('#') {
        Some((doc, frag)) => (doc, Some(frag)),
        None => (uri, None),
    }
}

/// A fragment percent-decoded; invalid UTF-8 is kept as written.
pub fn decode(fragment: &str) -> String {
    match percent_encoding::percent_decode_str(fragment).decode_utf8() {
        Ok(s) => s.into_owned(),
        Err(_) => fragment.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references_resolve_against_the_base() {
        let kazoo = file_uri("callflows.ring_group.json");
        assert_eq!(kazoo, "kazoo:///callflows.ring_group.json");
        assert_eq!(
            resolve(&kazoo, "callflows.action").as_deref(),
            Some("kazoo:///callflows.action")
        );
        assert_eq!(
            resolve(&kazoo, "#/definitions/x").as_deref(),
            Some("kazoo:///callflows.ring_group.json#/definitions/x")
        );
        assert_eq!(
            resolve("http://localhost:1234/tree", "node").as_deref(),
            Some("http://localhost:1234/node")
        );
        assert_eq!(
            resolve("http://x.com/a/b.json", "../c.json#foo").as_deref(),
            Some("http://x.com/c.json#foo")
        );
        assert_eq!(
            resolve("http://x.com/a.json", "http://y.com/z").as_deref(),
            Some("http://y.com/z")
        );
        assert_eq!(
            resolve("http://x.com/a.json", "#").as_deref(),
            Some("http://x.com/a.json#")
        );
    }

    #[test]
    fn file_names_are_encoded_as_one_segment() {
        assert_eq!(file_uri("a b#c.json"), "kazoo:///a%20b%23c.json");
    }

    #[test]
    fn fragments_split_and_decode() {
        assert_eq!(
            split_fragment("kazoo:///x.json#/a%25b"),
            ("kazoo:///x.json", Some("/a%25b"))
        );
        assert_eq!(split_fragment("kazoo:///x.json"), ("kazoo:///x.json", None));
        assert_eq!(
            decode("/definitions/percent%25field"),
            "/definitions/percent%field"
        );
        assert_eq!(decode("/definitions/foo%22bar"), "/definitions/foo\"bar");
        assert_eq!(decode("/a~1b"), "/a~1b");
    }

    #[test]
    fn non_uris_do_not_resolve() {
        assert_eq!(resolve("kazoo:///x.json", "a b"), None);
        assert_eq!(resolve("not a uri", "x"), None);
    }
}
