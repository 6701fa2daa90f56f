//! The pieces of lexical similarity across two languages that the aligner
//! (`align::features`), the second look at doubtful gaps
//! (`report::realign`) and the moved-passage test of `check` share: the
//! cognate stem of a word and the Dice overlap of two sets.

use std::collections::BTreeSet;

/// The first four characters of `word` (all of it when shorter): the key
/// under which words with a common origin meet across languages
/// ("regjeringen" and "regjering", "informasjon" and "information").
pub fn stem(word: &str) -> &str {
    let end = word.char_indices().nth(4).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// The [`stem`] of a word of four letters or more, and only letters; `None`
/// for a shorter word or one with a digit, hyphen or apostrophe.
pub fn cognate_stem(word: &str) -> Option<&str> {
    (word.chars().count() >= 4 && word.chars().all(char::is_alphabetic)).then(|| stem(word))
}

/// Dice's coefficient of two sets: twice the shared members over the sum
/// of their sizes; 0 when either is empty.
pub fn dice<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_four_characters_and_cognates_four_letters() {
        assert_eq!(stem("øvelse"), "øvel");
        assert_eq!(stem("fly"), "fly");
        assert_eq!(cognate_stem("regjeringen"), Some("regj"));
        assert_eq!(cognate_stem("fly"), None);
        assert_eq!(cognate_stem("covid-19"), None);
    }

    #[test]
    fn dice_is_shared_over_sizes() {
        let a: BTreeSet<&str> = ["x", "y"].into();
        let b: BTreeSet<&str> = ["y", "z", "w"].into();
        assert_eq!(dice(&a, &b), 0.4);
        assert_eq!(dice(&a, &BTreeSet::new()), 0.0);
    }
}
