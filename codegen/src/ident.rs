//! Naming: turning schema names (module names, property names, enum values,
//! schema ids) into Rust identifiers. Naming never fails; every rule is
//! deterministic, and serde keeps the exact JSON name.
//!
//! The rules, in order:
//! 1. **Tables first.** Symbols are named from an explicit table (`"#"` →
//!    `Pound`, `"*"` → `Star`) rather than guessed; separators (`_ - . / :`,
//!    space, brackets, quotes) split words; a name that is a single digit is
//!    spelled out (`"1"` → `One`).
//! 2. **Escapes.** Any other character (non-ASCII letters, emoji, control
//!    characters) becomes its own word `U` + its code point in hex, at least
//!    four digits: `"ä"` → `U00E4`, `"Straße"` → `StraU00DFE` /
//!    `stra_u00df_e`, `"😀"` → `U1F600`.
//! 3. **Names without words.** A name made only of separators is spelled
//!    out character by character (`"_"` → `Underscore`, `"__"` →
//!    `underscore_underscore`, `"-"` → `Dash`); the empty name is `Empty`.
//! 4. **Rust's rules.** A leading digit gets `N`/`n` (`"1st"` → `n1st`);
//!    keywords become raw identifiers (`type` → `r#type`), or get a
//!    trailing `_` where Rust allows no raw form (`self` → `self_`).
//! 5. **Collisions** (two names, one identifier, in one scope) are settled
//!    by [`unique_names`] in schema order: the first keeps the identifier,
//!    the next ones get the first free numbered suffix (`a-b`, `a_b` →
//!    `a_b`, `a_b_2`; `AB`, `AB2`); a field spelled exactly like its JSON name
//!    claims its identifier first (`Type`, `type` → `type_2`, `r#type`).

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
            // Anything else (non-ASCII, control characters, a backtick) is
            // its own word, escaped by code point: identifiers stay ASCII
            // and distinct names stay distinct.
            flush(&mut cur, &mut out);
            out.push(escape(c));
        }
    }
    flush(&mut cur, &mut out);
    if out.is_empty() {
        out = spelled(name);
    }
    out
}

/// `u` and the code point in lowercase hex, at least four digits
/// (`'ä'` → `u00e4`).
fn escape(c: char) -> String {
    format!("u{:04x}", u32::from(c))
}

/// Whether `word` looks like an escape (`u` and 4–6 hex digits), spelled
/// all in capitals in `UpperCamelCase` (`U00E4`).
fn is_escape(word: &str) -> bool {
    word.strip_prefix('u').is_some_and(|hex| {
        (4..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// Names of the separators, for names made only of separators.
const SEPARATOR_NAMES: &[(char, &str)] = &[
    ('_', "underscore"),
    ('-', "dash"),
    ('.', "dot"),
    ('/', "slash"),
    (':', "colon"),
    (' ', "space"),
    (',', "comma"),
    ('(', "lparen"),
    (')', "rparen"),
    ('[', "lbracket"),
    (']', "rbracket"),
    ('{', "lbrace"),
    ('}', "rbrace"),
    ('\'', "quote"),
    ('"', "dquote"),
    ('\\', "backslash"),
    (';', "semicolon"),
];

/// The words of a name that has no other words: each separator by its
/// name, the empty name as `empty`.
fn spelled(name: &str) -> Vec<String> {
    if name.is_empty() {
        return vec![String::from("empty")];
    }
    name.chars()
        .map(|c| match SEPARATOR_NAMES.iter().find(|(s, _)| *s == c) {
            Some((_, w)) => (*w).to_string(),
            None => escape(c),
        })
        .collect()
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
/// `G722_16` (an underscore only between digits), `1npan` → `N1npan`,
/// `"ä"` → `U00E4`, `""` → `Empty`, `"_"` → `Underscore`, `self` → `Self_`.
pub fn upper_camel(name: &str) -> String {
    not_self(camel_part(name))
}

/// [`upper_camel`] for a part of a longer identifier (`RingGroup` +
/// `Self`): the same, except that `self` stays `Self`.
pub fn camel_part(name: &str) -> String {
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
        if is_escape(w) {
            out.push_str(&w.to_ascii_uppercase());
        } else {
            out.push_str(&capitalize(w));
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    out
}

/// A whole `UpperCamelCase` identifier that is not the keyword `Self`
/// (which becomes `Self_`).
pub fn not_self(ident: String) -> String {
    if ident == "Self" {
        String::from("Self_")
    } else {
        ident
    }
}

/// A name as a `snake_case` field or method identifier, keywords made raw.
///
/// `Transfer-Type` → `transfer_type`, `type` → `r#type`, `self` → `self_`,
/// `1st` → `n1st`, `"μ"` → `u03bc`, `"__"` → `underscore_underscore`.
pub fn snake(name: &str) -> String {
    let mut out = words(name).join("_");
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'n');
    }
    keyword_safe(out)
}

/// Makes `bases` distinct, in order: the first occurrence of an identifier
/// keeps it, later ones get the first numbered suffix (from 2) that is
/// neither another base nor already given. `_2` for `snake_case` and after
/// a digit, a bare number otherwise (`a_b_2`, `AB2`, `G722_16_2`).
pub fn unique_names(bases: &[String]) -> Vec<String> {
    unique_names_preferring(bases, |_| false)
}

/// [`unique_names`], except that the bases for which `preferred(i)` holds
/// claim their identifier before the others (a field spelled exactly like
/// its JSON name keeps it: `type` → `r#type`, `Type` → `type_2`).
pub fn unique_names_preferring(bases: &[String], preferred: impl Fn(usize) -> bool) -> Vec<String> {
    let all: std::collections::BTreeSet<&str> = bases.iter().map(String::as_str).collect();
    let mut given: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut out: Vec<Option<String>> = vec![None; bases.len()];
    let order = (0..bases.len())
        .filter(|&i| preferred(i))
        .chain((0..bases.len()).filter(|&i| !preferred(i)));
    let mut later = Vec::new();
    for i in order {
        if given.insert(bases[i].clone()) {
            out[i] = Some(bases[i].clone());
        } else {
            later.push(i);
        }
    }
    later.sort_unstable();
    for i in later {
        let base = &bases[i];
        let name = (2..)
            .map(|n| numbered(base, n))
            .find(|c| !all.contains(c.as_str()) && !given.contains(c))
            .unwrap_or_else(|| base.clone());
        given.insert(name.clone());
        out[i] = Some(name);
    }
    out.into_iter().flatten().collect()
}

/// `base` with the suffix `n` (see [`unique_names`]).
pub fn numbered(base: &str, n: usize) -> String {
    let word = base_word(base);
    let snake_case = word.starts_with(|c: char| c.is_ascii_lowercase());
    if snake_case || word.ends_with(|c: char| c.is_ascii_digit()) {
        format!("{word}_{n}")
    } else {
        format!("{word}{n}")
    }
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

/// Whether clippy's `disallowed_names` lint flags `ident` by default
/// (its placeholder names): generated functions whose parameters are named
/// so, after a schema's property, allow that lint.
pub fn is_placeholder_name(ident: &str) -> bool {
    matches!(ident, "foo" | "baz" | "quux")
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
        assert_eq!(words(""), ["empty"]);
        assert_eq!(words("__--"), ["underscore", "underscore", "dash", "dash"]);
        assert_eq!(words("José"), ["jos", "u00e9"]);
        assert_eq!(words("ñ½"), ["u00f1", "u00bd"]);
    }

    #[test]
    fn upper_camel_names() {
        assert_eq!(upper_camel("ring_group"), "RingGroup");
        assert_eq!(upper_camel("RingGroup"), "RingGroup");
        assert_eq!(upper_camel("#"), "Pound");
        assert_eq!(upper_camel("*"), "Star");
        for (d, w) in [
            "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(upper_camel(&d.to_string()), *w);
        }
        assert_eq!(upper_camel("10"), "N10");
        assert_eq!(upper_camel("1npan"), "N1npan");
        assert_eq!(upper_camel("e-mail_address"), "EMailAddress");
        assert_eq!(upper_camel("email_address"), "EmailAddress");
        assert_eq!(upper_camel("G722_16"), "G722_16");
        assert_eq!(upper_camel("G7221@16000h"), "G7221At16000h");
        assert_eq!(upper_camel("GET"), "Get");
        assert_eq!(upper_camel("get"), "Get");
        assert_eq!(upper_camel("self"), "Self_");
        assert_eq!(upper_camel("one-way"), "OneWay");
        assert_eq!(upper_camel(""), "Empty");
        assert_eq!(upper_camel("--"), "DashDash");
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake("Transfer-Type"), "transfer_type");
        assert_eq!(snake("max-members-sound"), "max_members_sound");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("macro"), "r#macro");
        assert_eq!(snake("in"), "r#in");
        assert_eq!(snake("static"), "r#static");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("description"), "description");
        assert_eq!(snake("default"), "default");
        assert_eq!(snake("1st"), "n1st");
        assert_eq!(snake("use_local_resources"), "use_local_resources");
        assert_eq!(snake("Caller-ID-Name"), "caller_id_name");
        assert_eq!(snake(""), "empty");
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
    fn placeholder_names_are_clippys() {
        for name in ["foo", "baz", "quux"] {
            assert!(is_placeholder_name(name), "{name}");
        }
        for name in ["bar", "foo_2", "food", "r#foo", ""] {
            assert!(!is_placeholder_name(name), "{name}");
        }
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

    #[test]
    fn naming_traps_all_get_identifiers() {
        let cases: &[(&str, &str, &str)] = &[
            ("", "Empty", "empty"),
            ("_", "Underscore", "underscore"),
            ("__", "UnderscoreUnderscore", "underscore_underscore"),
            ("-", "Dash", "dash"),
            (" ", "Space", "space"),
            ("ä", "U00E4", "u00e4"),
            ("μ", "U03BC", "u03bc"),
            ("😀", "U1F600", "u1f600"),
            ("Straße", "StraU00DFE", "stra_u00df_e"),
            ("a-b", "AB", "a_b"),
            ("a_b", "AB", "a_b"),
            ("A B", "AB", "a_b"),
            ("`", "U0060", "u0060"),
            ("\t", "U0009", "u0009"),
            ("1", "One", "n1"),
            ("-1", "One", "n1"),
            ("fn", "Fn", "r#fn"),
            ("Self", "Self_", "self_"),
        ];
        for (name, camel, snake_case) in cases {
            assert_eq!(upper_camel(name), *camel, "{name:?}");
            assert_eq!(snake(name), *snake_case, "{name:?}");
        }
    }

    #[test]
    fn every_generated_identifier_parses_as_rust() {
        let mut names: Vec<String> = [
            "", "_", "__", "-", "ä", "μ", "😀", "a-b", "a_b", "A B", "1", "10", "#", "*", "type",
            "self", "Self", "super", "crate", "r#x", "🦀🦀", "\u{0}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        names.extend(KEYWORDS.iter().map(|k| k.to_string()));
        names.extend(KEYWORDS.iter().map(|k| k[..1].to_uppercase() + &k[1..]));
        for c in (0u32..0x300).filter_map(char::from_u32) {
            names.push(c.to_string());
        }
        for name in &names {
            for ident in [upper_camel(name), snake(name)] {
                assert!(syn_ident_ok(&ident), "{name:?} gave {ident:?}");
                assert!(ident.is_ascii(), "{name:?} gave {ident:?}");
            }
        }
    }

    #[test]
    fn distinct_names_give_distinct_words_unless_only_separators_differ() {
        // Escapes keep different characters apart.
        assert_ne!(upper_camel("ä"), upper_camel("ö"));
        assert_ne!(upper_camel("_"), upper_camel("__"));
        assert_ne!(upper_camel("_"), upper_camel("-"));
        assert_ne!(upper_camel(""), upper_camel("_"));
    }

    #[test]
    fn unique_names_number_later_collisions_in_order() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(unique_names(&v(&["a_b", "a_b"])), ["a_b", "a_b_2"]);
        assert_eq!(unique_names(&v(&["AB", "AB", "AB"])), ["AB", "AB2", "AB3"]);
        // A numbered suffix never takes a name that exists as written.
        assert_eq!(
            unique_names(&v(&["a_b", "a_b", "a_b_2"])),
            ["a_b", "a_b_3", "a_b_2"]
        );
        assert_eq!(
            unique_names(&v(&["G722_16", "G722_16"])),
            ["G722_16", "G722_16_2"]
        );
        assert_eq!(
            unique_names(&v(&["r#type", "r#type"])),
            ["r#type", "type_2"]
        );
        assert_eq!(unique_names(&v(&["self_", "self_"])), ["self_", "self_2"]);
        assert_eq!(unique_names(&v(&["x", "y"])), ["x", "y"]);
        assert!(unique_names(&[]).is_empty());
        let exact = ["Type", "type"];
        assert_eq!(
            unique_names_preferring(&v(&["r#type", "r#type"]), |i| exact[i] == "type"),
            ["type_2", "r#type"]
        );
    }
}
