//! Did-you-mean: the known word closest to a misspelled one (modules, enum
//! values, property names).

/// The candidate closest to `word`, when one is close enough to be a likely
/// typo: the same word in another case, or one at a normalized
/// Damerau-Levenshtein similarity of at least 0.6 (ties go to the first).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(&'a str, f64)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        let c_lower = c.to_lowercase();
        let score = if c_lower == lower {
            2.0
        } else {
            strsim::normalized_damerau_levenshtein(&lower, &c_lower)
        };
        if score >= 0.6 && best.is_none_or(|(_, b)| score > b) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_plural_case_and_typos() {
        let modules = ["resources", "ring_group", "user", "voicemail"];
        assert_eq!(closest("resource", modules), Some("resources"));
        assert_eq!(closest("RING_GROUP", modules), Some("ring_group"));
        assert_eq!(closest("voicemial", modules), Some("voicemail"));
        assert_eq!(closest("zzzzzzzz", modules), None);
    }
}
