//! [`ValueEnd`]: where a JSON value ends in raw bytes, found without
//! parsing it — by counting brackets outside strings — so the reader can
//! cut records out of a stream at the speed of a byte scan and leave the
//! parsing to the worker threads. Resumable: the bytes may come in pieces.
//!
//! It does not check syntax (the parser does, per record): brackets of
//! either kind count alike, and a value that is not an object, array or
//! string runs to the next whitespace or punctuation.

/// The scan of one value, from its first byte.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueEnd {
    depth: u64,
    in_string: bool,
    escaped: bool,
    scalar: bool,
    started: bool,
}

/// The index of the first `"` or `\\` in `bytes`: a plain loop over the
/// first bytes (most strings are short), then `memchr2`.
#[inline]
fn string_stop(bytes: &[u8]) -> Option<usize> {
    const SHORT: usize = 24;
    let head = &bytes[..bytes.len().min(SHORT)];
    match head.iter().position(|&b| b == b'"' || b == b'\\') {
        Some(k) => Some(k),
        None if bytes.len() <= SHORT => None,
        None => memchr::memchr2(b'"', b'\\', &bytes[SHORT..]).map(|k| k + SHORT),
    }
}

/// Whether `b` ends a bare scalar (`true`, `12`, or junk).
#[inline]
pub fn ends_scalar(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"'
    )
}

/// JSON whitespace.
#[inline]
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl ValueEnd {
    /// A scan inside an object or array, `depth` levels down, at a member
    /// or item boundary (not in a string).
    pub fn inside(depth: u64) -> ValueEnd {
        ValueEnd {
            depth,
            started: true,
            ..ValueEnd::default()
        }
    }

    /// Scans the next piece of the value (the first piece starts at its
    /// first byte); returns the index in `bytes` just past the value's
    /// end, or `None` when it goes on past `bytes`.
    pub fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    i += 1;
                    continue;
                }
                i += string_stop(&bytes[i..])?;
                if bytes[i] == b'\\' {
                    self.escaped = true;
                } else {
                    self.in_string = false;
                    if self.depth == 0 {
                        return Some(i + 1);
                    }
                }
                i += 1;
                continue;
            }
            let b = bytes[i];
            if self.scalar {
                if ends_scalar(b) {
                    return Some(i);
                }
                i += 1;
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.started = true;
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    self.started = true;
                }
                b'}' | b']' => {
                    if self.depth <= 1 {
                        // The end, or a stray closer (a one-byte broken value).
                        return Some(i + 1);
                    }
                    self.depth -= 1;
                }
                _ if !self.started && !is_space(b) => {
                    self.scalar = true;
                    self.started = true;
                }
                _ => {}
            }
            i += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str) -> Option<usize> {
        ValueEnd::default().feed(text.as_bytes())
    }

    #[test]
    fn ends_of_values() {
        assert_eq!(end(r#"{"a": "}\"]", "b": [1, {}]} tail"#), Some(27));
        assert_eq!(end(r#""x\\" y"#), Some(5));
        assert_eq!(end("true,"), Some(4));
        assert_eq!(end("12 "), Some(2));
        assert_eq!(end("] x"), Some(1));
        assert_eq!(end(r#"{"a": [1"#), None);
    }

    #[test]
    fn pieces_resume() {
        let text = br#"{"k": "a\"b", "l": [[]]}"#;
        for cut in 0..text.len() {
            let mut scan = ValueEnd::default();
            let found = match scan.feed(&text[..cut]) {
                Some(e) => Some(e),
                None => scan.feed(&text[cut..]).map(|e| e + cut),
            };
            assert_eq!(found, Some(text.len()), "cut at {cut}");
        }
    }

    #[test]
    fn inside_resumes_at_a_member_boundary() {
        let mut scan = ValueEnd::inside(1);
        assert_eq!(scan.feed(br#", "b": {"c": 1}} more"#), Some(16));
    }
}
