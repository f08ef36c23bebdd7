//! RFC 6901 JSON pointers: building them segment by segment and looking them
//! up, with `~0`/`~1` escaping.

/// Appends one reference token to `pointer`, escaping `~` and `/`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// One reference token with `~` and `/` escaped (`a/b~c` → `a~1b~0c`).
pub fn escape(token: &str) -> String {
    push("", token)[1..].to_string()
}

/// One reference token unescaped (`~1` → `/`, `~0` → `~`).
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Splits a pointer into its unescaped reference tokens. `None` when the
/// pointer is neither empty nor starts with `/`.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(unescape).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_escapes_tilde_and_slash() {
        assert_eq!(push("", "properties"), "/properties");
        assert_eq!(push("/properties", "a/b~c"), "/properties/a~1b~0c");
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("a~1b~0c~01"), "a/b~c~1");
        assert_eq!(
            push("/patternProperties", "^[0-9]+$"),
            "/patternProperties/^[0-9]+$"
        );
    }

    #[test]
    fn tokens_round_trip_push() {
        let p = push(&push("", "x~y"), "1/2");
        assert_eq!(
            tokens(&p).unwrap(),
            vec!["x~y".to_string(), "1/2".to_string()]
        );
        assert_eq!(tokens("").unwrap(), Vec::<String>::new());
        assert!(tokens("properties").is_none());
    }
}
