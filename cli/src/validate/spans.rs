//! Line and column of a value in a record's text, from its JSON pointer.
//!
//! Computed only for records with errors (the valid path never looks): one
//! walk of the text finds every requested pointer, descending only into
//! the members and items on a requested path, then one pass turns byte
//! offsets into lines and columns.
//!
//! Lines and columns are 1-based. **Columns count characters** (Unicode
//! scalar values, what `str::chars` counts), not bytes: `"é"` is one
//! column, as an editor shows it. A record's positions are shifted by where
//! the record starts in its file, so they are positions in the file.

use super::reader::chars;
use super::scan::{ValueEnd, is_space};
use std::borrow::Cow;

/// The requested paths below one value, and where that value starts.
#[derive(Default)]
struct PathTree {
    offset: Option<usize>,
    /// Member names or item indexes, and the paths below them (few: a
    /// linear search is fastest).
    below: Vec<(String, PathTree)>,
}

impl PathTree {
    fn child(&self, token: &str) -> Option<&PathTree> {
        self.below.iter().find(|(t, _)| t == token).map(|(_, c)| c)
    }

    fn child_mut(&mut self, token: &[u8]) -> Option<&mut PathTree> {
        self.below
            .iter_mut()
            .find(|(t, _)| t.as_bytes() == token)
            .map(|(_, c)| c)
    }

    fn entry(&mut self, token: Cow<'_, str>) -> &mut PathTree {
        match self.below.iter().position(|(t, _)| *t == *token) {
            Some(i) => &mut self.below[i].1,
            None => {
                self.below.push((token.into_owned(), PathTree::default()));
                let last = self.below.len() - 1;
                &mut self.below[last].1
            }
        }
    }
}

/// The tokens of RFC 6901 pointer `pointer` (`""` has none).
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(|t| {
        if t.contains('~') {
            Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(t)
        }
    })
}

/// The byte offset, in `text` (valid JSON), of the value at each of
/// `pointers`, in order; `None` for a pointer that names nothing there.
pub fn offsets(text: &[u8], pointers: &[String]) -> Vec<Option<usize>> {
    let mut tree = PathTree::default();
    for p in pointers {
        let mut node = &mut tree;
        for t in tokens(p) {
            node = node.entry(t);
        }
    }
    let start = skip_space(text, 0);
    if start < text.len() {
        walk(text, start, &mut tree);
    }
    pointers
        .iter()
        .map(|p| {
            let mut node = &tree;
            for t in tokens(p) {
                node = node.child(&t)?;
            }
            node.offset
        })
        .collect()
}

fn skip_space(text: &[u8], from: usize) -> usize {
    from + text[from.min(text.len())..]
        .iter()
        .take_while(|b| is_space(**b))
        .count()
}

/// The end of the value starting at `at`.
fn value_end(text: &[u8], at: usize) -> usize {
    ValueEnd::default()
        .feed(&text[at..])
        .map_or(text.len(), |n| at + n)
}

/// Records where the value at `at` starts, and descends into the members
/// and items `tree` asks for (the parser accepted `text`, so it is nested
/// at most 128 levels deep). Of duplicate members the last one counts, as
/// in the parsed value.
fn walk(text: &[u8], at: usize, tree: &mut PathTree) {
    tree.offset = Some(at);
    if tree.below.is_empty() {
        return;
    }
    match text.get(at) {
        Some(b'{') => {
            let mut i = skip_space(text, at + 1);
            while text.get(i) == Some(&b'"') {
                let key_end = value_end(text, i);
                let raw = &text[i..key_end];
                let key: Option<Cow<'_, [u8]>> = if raw.contains(&b'\\') {
                    serde_json::from_slice::<String>(raw)
                        .ok()
                        .map(|k| Cow::Owned(k.into_bytes()))
                } else {
                    raw.get(1..raw.len().saturating_sub(1)).map(Cow::Borrowed)
                };
                i = skip_space(text, key_end);
                if text.get(i) != Some(&b':') {
                    return;
                }
                let value = skip_space(text, i + 1);
                if let Some(child) = key.and_then(|k| tree.child_mut(&k)) {
                    walk(text, value, child);
                }
                i = skip_space(text, value_end(text, value));
                if text.get(i) != Some(&b',') {
                    return;
                }
                i = skip_space(text, i + 1);
            }
        }
        Some(b'[') => {
            let wanted: Vec<(usize, usize)> = tree
                .below
                .iter()
                .enumerate()
                .filter_map(|(k, (t, _))| Some((t.parse::<usize>().ok()?, k)))
                .collect();
            let Some(last) = wanted.iter().map(|(n, _)| *n).max() else {
                return;
            };
            let mut i = skip_space(text, at + 1);
            let mut index = 0usize;
            while i < text.len() && text[i] != b']' && index <= last {
                if let Some(&(_, k)) = wanted.iter().find(|(n, _)| *n == index) {
                    walk(text, i, &mut tree.below[k].1);
                }
                i = skip_space(text, value_end(text, i));
                if text.get(i) != Some(&b',') {
                    return;
                }
                i = skip_space(text, i + 1);
                index += 1;
            }
        }
        _ => {}
    }
}

/// The (line, column) in `text` of each byte offset in `offsets`, both
/// 1-based, columns in characters.
pub fn line_columns(text: &[u8], offsets: &[usize]) -> Vec<(u64, u64)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut at, mut line, mut line_start) = (0usize, 1u64, 0usize);
    for i in order {
        let target = offsets[i].min(text.len());
        for nl in memchr::memchr_iter(b'\n', &text[at..target]) {
            line += 1;
            line_start = at + nl + 1;
        }
        at = target;
        out[i] = (line, 1 + chars(&text[line_start..target]));
    }
    out
}

/// The byte offset of the place serde_json reports an error at (its
/// `line`, and its `column` counted in bytes), clamped to `text`.
pub fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', &text[start..]) {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    (start + column.saturating_sub(1)).min(text.len())
}

/// A position in a record, moved to its file: the record starts at
/// `start` (line, column).
pub fn in_file(start: Option<(u64, u64)>, (line, column): (u64, u64)) -> (u64, u64) {
    match start {
        None => (line, column),
        Some((l0, c0)) if line == 1 => (l0, c0 + column - 1),
        Some((l0, _)) => (l0 + line - 1, column),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointers: &[&str]) -> Vec<Option<(u64, u64)>> {
        let pointers: Vec<String> = pointers.iter().map(|p| p.to_string()).collect();
        offsets(text.as_bytes(), &pointers)
            .into_iter()
            .map(|o| o.map(|o| line_columns(text.as_bytes(), &[o])[0]))
            .collect()
    }

    #[test]
    fn nested_members_and_items() {
        let text = "{\"flow\": {\"children\": {\"_\": {\"data\": {\"a\": [1, {\"b\": true}]}}}},\n \"x~/y\": 2}";
        assert_eq!(
            at(
                text,
                &[
                    "",
                    "/flow/children/_/data/a/1/b",
                    "/x~0~1y",
                    "/flow/nope",
                    "/flow/children/_/data/a/9"
                ]
            ),
            [Some((1, 1)), Some((1, 54)), Some((2, 10)), None, None]
        );
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"é€😀\": \"ü\", \"k\": 5}";
        assert_eq!(at(text, &["/k"]), [Some((1, 19))]);
        assert_eq!(at(text, &["/é€😀"]), [Some((1, 9))]);
    }

    #[test]
    fn escaped_and_duplicate_keys() {
        let text = r#"{"a\u00e9": 1, "d": 1, "d": [0, 2]}"#;
        assert_eq!(at(text, &["/aé", "/d/1"]), [Some((1, 13)), Some((1, 33))]);
    }

    #[test]
    fn serde_positions_and_file_shift() {
        let text = b"{\n  \"text\": }";
        let off = offset_of(text, 2, 11);
        assert_eq!(text[off], b'}');
        assert_eq!(in_file(Some((7, 5)), (1, 3)), (7, 7));
        assert_eq!(in_file(Some((7, 5)), (2, 3)), (8, 3));
        assert_eq!(in_file(None, (2, 3)), (2, 3));
    }
}
