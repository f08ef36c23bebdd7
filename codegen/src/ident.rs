//! Naming: turning schema names (module names, property names, enum values,
//! schema ids) into Rust identifiers.
//!
//! Symbols are named from an explicit table (`"#"` → `Pound`, `"*"` →
//! `Star`) rather than guessed; lone digits are spelled out (`"1"` → `One`);
//! keywords become raw identifiers (`type` → `r#type`). Functions return
//! `None` when a name has nothing nameable in it, so callers can report the
//! schema location.

/// Symbols that carry meaning in Kazoo values, and their names.
const SYMBOLS: &[(char, &str)] = &[
    ('#', "pound"),
    ('*', "star"),
    ('+', "plus"),
    ('@', "at"),
    ('&', "and"),
    ('%', "percent"),
    ('=', "equals"),
    ('!', "bang"),
    ('?', "question"),
    ('$', "dollar"),
    ('<', "lt"),
    ('>', "gt"),
    ('|', "pipe"),
    ('~', "tilde"),
    ('^', "caret"),
];

/// Characters that only separate words.
const SEPARATORS: &[char] = &[
    '_', '-', '.', '/', ':', ' ', ',', '(', ')', '[', ']', '{', '}', '\'', '"', '\\', ';',
];

/// Single digits, spelled out, for names that are just a digit (DTMF keys).
const DIGITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// Rust keywords (strict and reserved, all editions).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; these get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Splits a name into lowercase words: at separators, at symbols (which
/// become words from the symbol table), at lower→upper case changes and before
/// the last capital of an acronym (`HTTPServer` → `http`, `server`).
pub fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(cur.to_ascii_lowercase());
            cur.clear();
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if SEPARATORS.contains(&c) {
            flush(&mut cur, &mut out);
        } else if let Some((_, word)) = SYMBOLS.iter().find(|(s, _)| *s == c) {
            flush(&mut cur, &mut out);
            out.push((*word).to_string());
        } else if c.is_ascii_alphanumeric() {
            if let Some(&prev) = i.checked_sub(1).map(|p| &chars[p]) {
                let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
                let boundary = c.is_ascii_uppercase()
                    && !cur.is_empty()
                    && (prev.is_ascii_lowercase() || (prev.is_ascii_uppercase() && next_lower));
                if boundary {
                    flush(&mut cur, &mut out);
                }
            }
            cur.push(c);
        } else {
            // Anything else (other punctuation, non-ASCII) separates: only
            // ASCII letters and digits make identifiers.
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn capitalize(word: &str) -> String {
    let mut cs = word.chars();
    match cs.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + cs.as_str(),
        None => String::new(),
    }
}

/// A name as an `UpperCamelCase` type or variant identifier.
///
/// `ring_group` → `RingGroup`, `"#"` → `Pound`, `"1"` → `One`, `G722_16` →
/// `G722_16` (an underscore only between digits), `1npan` → `N1npan`.
pub fn upper_camel(name: &str) -> Option<String> {
    let mut ws = words(name);
    if ws.len() == 1
        && let Ok(d) = ws[0].parse::<usize>()
        && d < 10
    {
        ws[0] = DIGITS[d].to_string();
    }
    let mut out = String::new();
    for w in &ws {
        let starts_digit = w.starts_with(|c: char| c.is_ascii_digit());
        if starts_digit && out.ends_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push_str(&capitalize(w));
    }
    if out.is_empty() {
        return None;
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    if !out.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    if out == "Self" {
        out.push('_');
    }
    Some(out)
}

/// A name as a `snake_case` field or method identifier, keywords made raw.
///
/// `Transfer-Type` → `transfer_type`, `type` → `r#type`, `self` → `self_`,
/// `1st` → `n1st`.
pub fn snake(name: &str) -> Option<String> {
    let ws = words(name);
    let mut out = ws.join("_");
    if out.is_empty() {
        return None;
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'n');
    }
    Some(keyword_safe(out))
}

/// Makes an identifier usable: keywords become `r#kw`, or `kw_` for those
/// that cannot be raw.
pub fn keyword_safe(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// The identifier without a raw prefix (`r#type` → `type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The word an identifier was made from, for building derived names such
/// as `with_type`: no raw prefix, and no `_` added to a keyword that cannot
/// be raw (`self_` → `self`).
pub fn base_word(ident: &str) -> &str {
    let ident = unraw(ident);
    match ident.strip_suffix('_') {
        Some(kw) if NOT_RAW.contains(&kw) => kw,
        _ => ident,
    }
}

/// The singular of a plural property name, for naming array items:
/// `endpoints` → `endpoint`, `entries` → `entry`, `boxes` → `box`.
/// `None` when the name does not look plural.
pub fn singular(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    if let Some(stem) = lower.strip_suffix("ies")
        && !stem.is_empty()
    {
        return Some(format!("{}y", &name[..stem.len()]));
    }
    for suffix in ["sses", "xes", "ches", "shes"] {
        if lower.ends_with(suffix) {
            return Some(name[..name.len() - 2].to_string());
        }
    }
    if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") && name.len() > 1 {
        return Some(name[..name.len() - 1].to_string());
    }
    None
}

/// The case of an enum value, used to tell apart values that differ only
/// by case (`get` / `GET`).
pub fn case_suffix(value: &str) -> &'static str {
    let letters: Vec<char> = value.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.iter().all(|c| c.is_lowercase()) {
        ""
    } else if letters.iter().all(|c| c.is_uppercase()) {
        "Upper"
    } else if letters.first().is_some_and(|c| c.is_uppercase())
        && letters[1..].iter().all(|c| c.is_lowercase())
    {
        "Capitalized"
    } else {
        "Mixed"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_separators_symbols_and_case() {
        assert_eq!(words("ring_group"), ["ring", "group"]);
        assert_eq!(words("Transfer-Type"), ["transfer", "type"]);
        assert_eq!(words("e-mail_address"), ["e", "mail", "address"]);
        assert_eq!(words("HTTPServer"), ["http", "server"]);
        assert_eq!(words("camelCaseName"), ["camel", "case", "name"]);
        assert_eq!(words("CELT@32000h"), ["celt", "at", "32000h"]);
        assert_eq!(words("#"), ["pound"]);
        assert_eq!(words("*"), ["star"]);
        assert_eq!(words("a.b/c:d e"), ["a", "b", "c", "d", "e"]);
        assert_eq!(
            words("callflows.audio_macro.prompt"),
            ["callflows", "audio", "macro", "prompt"]
        );
        assert!(words("").is_empty());
        assert!(words("__--").is_empty());
        assert_eq!(words("José"), ["jos"]);
        assert!(words("ñ½").is_empty());
    }

    #[test]
    fn upper_camel_names() {
        assert_eq!(upper_camel("ring_group").unwrap(), "RingGroup");
        assert_eq!(upper_camel("RingGroup").unwrap(), "RingGroup");
        assert_eq!(upper_camel("#").unwrap(), "Pound");
        assert_eq!(upper_camel("*").unwrap(), "Star");
        for (d, w) in [
            "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(upper_camel(&d.to_string()).unwrap(), *w);
        }
        assert_eq!(upper_camel("10").unwrap(), "N10");
        assert_eq!(upper_camel("1npan").unwrap(), "N1npan");
        assert_eq!(upper_camel("e-mail_address").unwrap(), "EMailAddress");
        assert_eq!(upper_camel("email_address").unwrap(), "EmailAddress");
        assert_eq!(upper_camel("G722_16").unwrap(), "G722_16");
        assert_eq!(upper_camel("G7221@16000h").unwrap(), "G7221At16000h");
        assert_eq!(upper_camel("GET").unwrap(), "Get");
        assert_eq!(upper_camel("get").unwrap(), "Get");
        assert_eq!(upper_camel("self").unwrap(), "Self_");
        assert_eq!(upper_camel("one-way").unwrap(), "OneWay");
        assert_eq!(upper_camel("").as_deref(), None);
        assert_eq!(upper_camel("--").as_deref(), None);
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake("Transfer-Type").unwrap(), "transfer_type");
        assert_eq!(snake("max-members-sound").unwrap(), "max_members_sound");
        assert_eq!(snake("type").unwrap(), "r#type");
        assert_eq!(snake("macro").unwrap(), "r#macro");
        assert_eq!(snake("in").unwrap(), "r#in");
        assert_eq!(snake("static").unwrap(), "r#static");
        assert_eq!(snake("self").unwrap(), "self_");
        assert_eq!(snake("super").unwrap(), "super_");
        assert_eq!(snake("crate").unwrap(), "crate_");
        assert_eq!(snake("Self").unwrap(), "self_");
        assert_eq!(snake("description").unwrap(), "description");
        assert_eq!(snake("default").unwrap(), "default");
        assert_eq!(snake("1st").unwrap(), "n1st");
        assert_eq!(snake("use_local_resources").unwrap(), "use_local_resources");
        assert_eq!(snake("Caller-ID-Name").unwrap(), "caller_id_name");
        assert_eq!(snake("").as_deref(), None);
    }

    #[test]
    fn every_keyword_is_made_usable() {
        for kw in KEYWORDS {
            let ident = keyword_safe((*kw).to_string());
            assert_ne!(&ident, kw, "{kw} must not be used bare");
            assert!(syn_ident_ok(&ident), "{ident} is not a valid identifier");
        }
    }

    fn syn_ident_ok(ident: &str) -> bool {
        syn::parse_str::<syn::Ident>(ident).is_ok()
            || syn::parse_str::<syn::Ident>(unraw(ident)).is_ok()
    }

    #[test]
    fn base_word_undoes_keyword_handling() {
        assert_eq!(base_word("r#type"), "type");
        assert_eq!(base_word("self_"), "self");
        assert_eq!(base_word("crate_"), "crate");
        assert_eq!(base_word("foo_"), "foo_");
        assert_eq!(base_word("timeout"), "timeout");
    }

    #[test]
    fn unraw_strips_prefix() {
        assert_eq!(unraw("r#type"), "type");
        assert_eq!(unraw("timeout"), "timeout");
    }

    #[test]
    fn singular_forms() {
        assert_eq!(singular("endpoints").as_deref(), Some("endpoint"));
        assert_eq!(singular("entries").as_deref(), Some("entry"));
        assert_eq!(singular("boxes").as_deref(), Some("box"));
        assert_eq!(singular("addresses").as_deref(), Some("address"));
        assert_eq!(singular("macros").as_deref(), Some("macro"));
        assert_eq!(singular("terminators").as_deref(), Some("terminator"));
        assert_eq!(singular("address"), None);
        assert_eq!(singular("status"), None);
        assert_eq!(singular("data"), None);
        assert_eq!(singular("s"), None);
    }

    #[test]
    fn case_suffixes() {
        assert_eq!(case_suffix("get"), "");
        assert_eq!(case_suffix("GET"), "Upper");
        assert_eq!(case_suffix("Speex"), "Capitalized");
        assert_eq!(case_suffix("sPeex"), "Mixed");
        assert_eq!(case_suffix("#"), "");
    }
}
