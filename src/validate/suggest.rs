//! Did-you-mean: the known word closest to a misspelled one (modules, enum
//! values, property names).

/// The candidate closest to `word`, when one is close enough to be a likely
/// typo: the same word in another case, or one at a normalized
/// Damerau-Levenshtein similarity of at least 0.6 (ties go to the first).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let lower_chars = lower.chars().count();
    let mut best: Option<(&'a str, f64)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        let c_lower = lowercase(c);
        let score = if *c_lower == *lower {
            2.0
        } else {
            // The distance is at least the difference in length, so the
            // similarity is at most `bound`: skip the (costly) distance when
            // even that could not be chosen. Same result, computed once.
            let c_chars = c_lower.chars().count();
            let longest = lower_chars.max(c_chars);
            let bound = 1.0 - (lower_chars.abs_diff(c_chars) as f64) / (longest as f64);
            if bound < 0.6 || best.is_some_and(|(_, b)| bound <= b) {
                continue;
            }
            strsim::normalized_damerau_levenshtein(&lower, &c_lower)
        };
        if score >= 0.6 && best.is_none_or(|(_, b)| score > b) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

/// `s` in lower case, borrowed when it already is (ASCII without capitals).
fn lowercase(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
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

    /// `closest` computed the plain way: every distance.
    fn closest_by_every_distance<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let lower = word.to_lowercase();
        let mut best: Option<(&'a str, f64)> = None;
        for &c in candidates {
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

    #[test]
    fn skipping_by_length_changes_no_choice() {
        let candidates = [
            "resources",
            "ring_group",
            "user",
            "voicemail",
            "tts",
            "menu",
            "callflow",
            "ring_group_toggle",
            "Device",
            "play",
            "page_group",
            "set_cid",
            "cidlistmatch",
            "",
            "é",
            "ÉCHO",
            "sleep",
            "temporal_route",
            "offnet",
            "onnet",
        ];
        let mut words: Vec<String> = Vec::new();
        for c in candidates {
            let chars: Vec<char> = c.chars().collect();
            words.push(c.to_uppercase());
            words.push(format!("{c}s"));
            words.push(format!("x{c}"));
            for i in 0..chars.len() {
                let mut dropped = chars.clone();
                dropped.remove(i);
                words.push(dropped.iter().collect());
                if i + 1 < chars.len() {
                    let mut swapped = chars.clone();
                    swapped.swap(i, i + 1);
                    words.push(swapped.iter().collect());
                }
            }
        }
        words
            .extend(["", "a", "zzzzzzzz", "ring", "group", "RING_GROUP_TOGGLES"].map(String::from));
        assert!(words.len() > 300);
        for w in &words {
            assert_eq!(
                closest(w, candidates),
                closest_by_every_distance(w, &candidates),
                "{w:?}"
            );
        }
    }
}
