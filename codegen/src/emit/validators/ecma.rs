//! ECMA-262 patterns (JSON Schema's dialect, no flags) translated to the
//! `regex` crate's syntax, for the subset both express with the same
//! matches: `.` stops at every ECMA line terminator, `\d` `\w` `\s` are
//! ECMA's (ASCII digits and word characters, ECMA white space), `\uXXXX`
//! becomes `\x{XXXX}`, `\p{Name}` Unicode properties stay, Annex B literal
//! braces and brackets are escaped.
//! Anything else — lookaround, backreferences, `\b`, control escapes,
//! negated classes inside classes, empty classes — is left to the
//! `regress` engine (ECMA-262 itself), so `None` is returned.
//!
//! The `regex` crate matches without allocating, which is why validators
//! use it where the translation is exact.

use proc_macro2::TokenStream;
use quote::quote;

/// ECMA-262 white space and line terminators (`\s`).
const WHITE_SPACE: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// `pattern` in `regex` syntax, when the translation is exact and the
/// result compiles.
pub fn to_rust_regex(pattern: &str) -> Option<String> {
    let out = translate(pattern)?;
    regex::Regex::new(&out).ok()?;
    Some(out)
}

/// A `bool` expression over `text: &str` deciding `pattern` without a
/// regex engine, for the shapes schemas use most: `.+` (some character
/// that is not a line terminator) and `^[class]+$`-like patterns (every
/// character in an ASCII class, with a count), decided on bytes.
pub fn to_rust_predicate(pattern: &str) -> Option<TokenStream> {
    if pattern == ".+" || pattern == "." {
        return Some(quote!(
            text.chars()
                .any(|c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
        ));
    }
    let body = pattern.strip_prefix("^[")?.strip_suffix('$')?;
    let (class, quant) = body.split_once(']')?;
    let (min, max): (usize, Option<usize>) = match quant {
        "+" => (1, None),
        "*" => (0, None),
        q => {
            let inner = q.strip_prefix('{')?.strip_suffix('}')?;
            match inner.split_once(',') {
                None => {
                    let n = inner.parse().ok()?;
                    (n, Some(n))
                }
                Some((a, "")) => (a.parse().ok()?, None),
                Some((a, b)) => (a.parse().ok()?, Some(b.parse().ok()?)),
            }
        }
    };
    let items = class_items(class)?;
    // The class is ASCII, so the text matches only if every byte is an
    // ASCII byte of the class (a non-ASCII character's bytes are all
    // above 0x7F), and then it has as many characters as bytes.
    let test = match items.as_slice() {
        [('0', '9')] => quote!(c.is_ascii_digit()),
        [('a', 'z')] => quote!(c.is_ascii_lowercase()),
        [('A', 'Z')] => quote!(c.is_ascii_uppercase()),
        _ => {
            let byte = |c: char| proc_macro2::Literal::byte_character(c as u8);
            let alts = items.iter().map(|(a, b)| {
                let same = a == b;
                let (a, b) = (byte(*a), byte(*b));
                if same { quote!(#a) } else { quote!(#a..=#b) }
            });
            quote!(matches!(c, #(#alts)|*))
        }
    };
    Some(match (min, max) {
        (0, None) => quote!(text.bytes().all(|c| #test)),
        (1, None) => quote!(!text.is_empty() && text.bytes().all(|c| #test)),
        (min, max) => {
            let count = match max {
                Some(max) => quote!((#min..=#max).contains(&text.len())),
                None => quote!(text.len() >= #min),
            };
            quote!(#count && text.bytes().all(|c| #test))
        }
    })
}

/// The ranges of a simple ASCII class (`a-zA-Z0-9_\-`, `\d`, `\w`).
fn class_items(class: &str) -> Option<Vec<(char, char)>> {
    let chars: Vec<char> = class.chars().collect();
    let mut atoms: Vec<Option<char>> = Vec::new();
    let mut items = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            match *chars.get(i + 1)? {
                'd' => items.push(('0', '9')),
                'w' => items.extend([('A', 'Z'), ('a', 'z'), ('0', '9'), ('_', '_')]),
                e if e.is_ascii_punctuation() => atoms.push(Some(e)),
                _ => return None,
            }
            if matches!(chars[i + 1], 'd' | 'w') {
                atoms.push(None);
            }
            i += 2;
            continue;
        }
        if !c.is_ascii() || c.is_ascii_control() || matches!(c, '[' | ']' | '^') {
            return None;
        }
        if c == '-' && !atoms.is_empty() && i + 1 < chars.len() {
            // A range from the previous atom to the next one.
            let from = atoms.pop()??;
            let next = chars[i + 1];
            let (to, used) = if next == '\\' {
                let e = *chars.get(i + 2)?;
                if !e.is_ascii_punctuation() {
                    return None;
                }
                (e, 3)
            } else {
                (next, 2)
            };
            if !to.is_ascii() || to < from {
                return None;
            }
            items.push((from, to));
            atoms.push(None);
            i += used;
            continue;
        }
        atoms.push(Some(c));
        i += 1;
    }
    items.extend(atoms.into_iter().flatten().map(|c| (c, c)));
    // Disjoint, sorted ranges (overlaps would be unreachable patterns).
    items.sort();
    let mut merged: Vec<(char, char)> = Vec::new();
    for (a, b) in items {
        match merged.last_mut() {
            Some((_, end)) if (a as u32) <= (*end as u32) + 1 => *end = (*end).max(b),
            _ => merged.push((a, b)),
        }
    }
    (!merged.is_empty()).then_some(merged)
}

fn hex(chars: &[char], at: usize, len: usize) -> Option<u32> {
    let digits: String = chars.get(at..at + len)?.iter().collect();
    if digits.chars().all(|c| c.is_ascii_hexdigit()) {
        u32::from_str_radix(&digits, 16).ok()
    } else {
        None
    }
}

/// Whether `chars[at..]` starts a quantifier `{n}`, `{n,}` or `{n,m}`;
/// its length in chars.
fn quantifier(chars: &[char], at: usize) -> Option<usize> {
    let mut i = at + 1;
    let start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i == start {
        return None;
    }
    if chars.get(i) == Some(&',') {
        i += 1;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
    }
    (chars.get(i) == Some(&'}')).then_some(i + 1 - at)
}

fn push_literal(out: &mut String, c: char) {
    if c.is_ascii_punctuation() || c == ' ' {
        if matches!(
            c,
            '\\' | '.'
                | '+'
                | '*'
                | '?'
                | '('
                | ')'
                | '|'
                | '['
                | ']'
                | '{'
                | '}'
                | '^'
                | '$'
                | '#'
                | '&'
                | '-'
                | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    } else if c.is_alphanumeric() || !c.is_ascii() {
        out.push(c);
    } else {
        out.push_str(&format!(r"\x{{{:X}}}", c as u32));
    }
}

fn translate(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let n = *chars.get(i + 1)?;
            i += 2;
            match n {
                'd' => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                'w' => out.push_str(if in_class {
                    "A-Za-z0-9_"
                } else {
                    "[A-Za-z0-9_]"
                }),
                's' if in_class => out.push_str(WHITE_SPACE),
                's' => out.push_str(&format!("[{WHITE_SPACE}]")),
                'D' | 'W' | 'S' if in_class => return None,
                'D' => out.push_str("[^0-9]"),
                'W' => out.push_str("[^A-Za-z0-9_]"),
                'S' => out.push_str(&format!("[^{WHITE_SPACE}]")),
                'n' => out.push_str(r"\n"),
                'r' => out.push_str(r"\r"),
                't' => out.push_str(r"\t"),
                'f' => out.push_str(r"\x0C"),
                'v' => out.push_str(r"\x0B"),
                '0' if !chars.get(i).is_some_and(char::is_ascii_digit) => out.push_str(r"\x00"),
                'u' => {
                    let code = hex(&chars, i, 4)?;
                    if (0xD800..=0xDFFF).contains(&code) {
                        return None;
                    }
                    out.push_str(&format!(r"\x{{{code:X}}}"));
                    i += 4;
                }
                'x' => {
                    let code = hex(&chars, i, 2)?;
                    out.push_str(&format!(r"\x{{{code:X}}}"));
                    i += 2;
                }
                // Unicode properties (`\p{Letter}`, `\p{digit}`): patterns
                // have Unicode semantics, and the `regex` crate knows the
                // property names (a name it does not know fails to compile
                // and leaves the pattern to `regress`).
                'p' | 'P' if chars.get(i) == Some(&'{') => {
                    let end = chars[i..].iter().position(|&c| c == '}')? + i;
                    let name: String = chars[i + 1..end].iter().collect();
                    if name.is_empty()
                        || !name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '=' | ' '))
                    {
                        return None;
                    }
                    out.push_str(&format!("\\{n}{{{name}}}"));
                    i = end + 1;
                }
                // Word boundaries, backreferences, control escapes: not
                // the same in both dialects.
                'b' | 'B' | 'c' | 'k' | 'p' | 'P' | '0'..='9' => return None,
                // Identity escapes (`\-`, `\/`, `\.`, and Annex B's `\a`).
                other => push_literal(&mut out, other),
            }
            class_start = false;
            continue;
        }
        if in_class {
            match c {
                ']' if class_start => return None,
                ']' => {
                    in_class = false;
                    out.push(']');
                }
                '-' if chars.get(i + 1) == Some(&'-') => return None,
                '-' => out.push('-'),
                '[' | '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                other => out.push(other),
            }
            class_start = false;
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                class_start = true;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
            }
            '.' => out.push_str(r"[^\n\r\x{2028}\x{2029}]"),
            '(' if chars.get(i + 1) == Some(&'?') => match chars.get(i + 2) {
                Some(':') => {
                    out.push_str("(?:");
                    i += 2;
                }
                Some('<') if !matches!(chars.get(i + 3), Some('=' | '!')) => {
                    out.push_str("(?<");
                    i += 2;
                }
                _ => return None,
            },
            '{' => match quantifier(&chars, i) {
                Some(len) => {
                    out.extend(&chars[i..i + len]);
                    i += len - 1;
                }
                None => out.push_str(r"\{"),
            },
            '}' => out.push_str(r"\}"),
            ']' => out.push_str(r"\]"),
            other => out.push(other),
        }
        i += 1;
    }
    (!in_class).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::to_rust_regex;

    #[test]
    fn translations() {
        assert_eq!(to_rust_regex("^[0-9]+$").as_deref(), Some("^[0-9]+$"));
        assert_eq!(
            to_rust_regex(".+").as_deref(),
            Some(r"[^\n\r\x{2028}\x{2029}]+")
        );
        assert_eq!(to_rust_regex(r"^\d{2,3}$").as_deref(), Some("^[0-9]{2,3}$"));
        assert_eq!(
            to_rust_regex(r"^[a-zA-z0-9_\-]+$").as_deref(),
            Some(r"^[a-zA-z0-9_\-]+$")
        );
        assert_eq!(to_rust_regex("a{").as_deref(), Some(r"a\{"));
        assert_eq!(to_rust_regex(r"\u00e9").as_deref(), Some(r"\x{E9}"));
        assert_eq!(to_rust_regex(r"(?=a)"), None);
        assert_eq!(to_rust_regex(r"(a)\1"), None);
        assert_eq!(to_rust_regex(r"\bword"), None);
        assert_eq!(to_rust_regex("[]"), None);
        assert_eq!(to_rust_regex("[a"), None);
    }

    #[test]
    fn predicates() {
        use super::to_rust_predicate;
        let shown = |p: &str| to_rust_predicate(p).map(|t| t.to_string().replace(' ', ""));
        assert_eq!(
            shown("^[0-9]+$").as_deref(),
            Some("!text.is_empty()&&text.bytes().all(|c|c.is_ascii_digit())")
        );
        assert!(
            shown(r"^[a-zA-z0-9_\-]+$").is_some_and(|s| s.contains("b'A'..=b'z'")
                && s.contains("b'-'")
                && !s.contains("b'_'"))
        );
        assert_eq!(
            shown("^[a-f]{40,250}$").as_deref(),
            Some(
                "(40usize..=250usize).contains(&text.len())&&text.bytes().all(|c|matches!(c,b'a'..=b'f'))"
            )
        );
        assert!(shown(".+").is_some());
        assert_eq!(shown("^https?://"), None);
        assert_eq!(shown("^[^a]+$"), None);
        assert_eq!(shown("^[a-z]{2}(-[a-z]{2})?$"), None);
    }
}
