//! English or Norwegian? A language test that holds up on short segments,
//! for `untranslated`.
//!
//! whatlang needs a sentence or two; a heading or list item of three words
//! defeats it. We combine our own evidence — function words, the letters
//! æ, ø and å, a few suffixes — with whatlang's answer
//! ([`crate::lang::detect_en_or_no`]) on longer texts, and answer "don't
//! know" when the evidence is thin.

use crate::lang::Lang;

/// Which of the two languages a text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Bokmål or Nynorsk.
    Norwegian,
    /// English.
    English,
}

impl Family {
    /// The family of a language, if it is one of the two.
    pub fn of(lang: Lang) -> Option<Family> {
        match lang {
            Lang::Nb | Lang::Nn => Some(Family::Norwegian),
            Lang::En => Some(Family::English),
            _ => None,
        }
    }

    /// "Norwegian" or "English".
    pub fn name(self) -> &'static str {
        match self {
            Family::Norwegian => "Norwegian",
            Family::English => "English",
        }
    }
}

/// English function and common words (our list).
pub(crate) const EN_WORDS: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "this",
    "that",
    "these",
    "those",
    "with",
    "for",
    "from",
    "by",
    "on",
    "at",
    "it",
    "its",
    "you",
    "your",
    "we",
    "our",
    "they",
    "their",
    "he",
    "she",
    "his",
    "her",
    "which",
    "who",
    "what",
    "when",
    "where",
    "how",
    "not",
    "can",
    "will",
    "would",
    "should",
    "could",
    "has",
    "have",
    "had",
    "there",
    "than",
    "then",
    "also",
    "if",
    "or",
    "an",
    "a",
    "as",
    "into",
    "about",
    "all",
    "any",
    "some",
    "more",
    "most",
    "other",
    "such",
    "only",
    "use",
    "used",
    "using",
    "new",
    "see",
    "make",
    "must",
    "may",
    "do",
    "does",
    "done",
    "one",
    "after",
    "before",
    "between",
    "through",
    "over",
    "under",
    "without",
    "within",
    "up",
    "out",
    "so",
    "but",
    "because",
    "while",
    "here",
    "each",
    "both",
    "please",
    "file",
    "files",
    "user",
    "users",
    "server",
    "network",
    "information",
    "following",
    "need",
    "needs",
    "want",
    "set",
    "get",
    "how",
    "why",
    "just",
    "very",
    "well",
    "time",
    "first",
    "available",
    "installed",
    "default",
    "change",
    "changes",
    "program",
    "free",
    "software",
    "am",
    "my",
];

/// Norwegian (Bokmål and Nynorsk) function and common words (our list).
pub(crate) const NO_WORDS: &[&str] = &[
    "og",
    "i",
    "er",
    "var",
    "det",
    "den",
    "de",
    "dei",
    "som",
    "en",
    "ein",
    "et",
    "eit",
    "til",
    "på",
    "av",
    "for",
    "med",
    "ikke",
    "ikkje",
    "å",
    "har",
    "hadde",
    "vi",
    "du",
    "kan",
    "skal",
    "vil",
    "fra",
    "frå",
    "om",
    "at",
    "seg",
    "sin",
    "sitt",
    "sine",
    "også",
    "òg",
    "eller",
    "men",
    "så",
    "når",
    "der",
    "her",
    "hvor",
    "kor",
    "hva",
    "kva",
    "hvordan",
    "korleis",
    "etter",
    "før",
    "mellom",
    "gjennom",
    "over",
    "under",
    "uten",
    "utan",
    "ved",
    "hos",
    "mot",
    "blir",
    "vert",
    "ble",
    "vart",
    "være",
    "vere",
    "bli",
    "blitt",
    "denne",
    "dette",
    "disse",
    "desse",
    "andre",
    "flere",
    "fleire",
    "mer",
    "meir",
    "mye",
    "mykje",
    "noe",
    "noko",
    "noen",
    "nokon",
    "alle",
    "bare",
    "berre",
    "også",
    "slik",
    "sånn",
    "eget",
    "egen",
    "eigen",
    "må",
    "kunne",
    "ville",
    "skulle",
    "dere",
    "dykk",
    "oss",
    "meg",
    "deg",
    "hun",
    "ho",
    "han",
    "hans",
    "hennes",
    "deres",
    "deira",
    "jeg",
    "eg",
    "sa",
    "sier",
    "seier",
    "fil",
    "filer",
    "bruker",
    "brukere",
    "brukarar",
    "tjener",
    "tenar",
    "nettverk",
    "følgende",
    "følgjande",
    "trenger",
    "treng",
    "ønsker",
    "nye",
    "ny",
    "første",
    "fyrste",
    "tilgjengelig",
    "installert",
    "endre",
    "endringer",
    "program",
    "gratis",
    "programvare",
    "hvis",
    "viss",
    "dersom",
    "fordi",
    "mens",
    "medan",
    "enn",
    "eller",
    // number words that are no English word ("to", "ni" and "ti" are left
    // out: "to" is English, and the others too short to be telling)
    "tre",
    "fem",
    "seks",
    "sju",
    "syv",
    "tolv",
    "tjue",
    "tyve",
    "tretti",
    "førti",
    "femti",
    "seksti",
    "sytti",
    "nitti",
    "hundre",
    "tusen",
];

fn set(words: &'static [&'static str]) -> std::collections::HashSet<&'static str> {
    words.iter().copied().collect()
}

/// True for a word of [`EN_WORDS`] (lower case).
pub(crate) fn is_en_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| set(EN_WORDS)).contains(w)
}

/// True for a word of [`NO_WORDS`] (lower case).
pub(crate) fn is_no_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| set(NO_WORDS)).contains(w)
}

/// Our own evidence: positive means Norwegian, negative English; the second
/// value is how much evidence there was.
pub fn score(text: &str) -> (f64, f64) {
    let mut no = 0.0;
    let mut en = 0.0;
    let prose = prose_only(text);
    for w in prose
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']))
        .filter(|w| !w.is_empty())
    {
        // "I" is the English pronoun as often as a Norwegian sentence's
        // first word ("I 2025 …") or the Bible's "you" ("Hør, I …"): no
        // evidence either way.
        if w == "I" {
            continue;
        }
        let lw = w.to_lowercase().replace('’', "'");
        let ew = is_en_word(&lw);
        let nw = is_no_word(&lw);
        match (ew, nw) {
            (true, false) => en += 1.0,
            (false, true) => no += 1.0,
            _ => {}
        }
        if lw.contains(['æ', 'ø', 'å']) {
            no += 1.5;
        }
        if lw.ends_with("tion") || lw.ends_with("ly") || lw.contains("th") || lw.contains('w') {
            en += 0.5;
        }
        if lw.ends_with("ene")
            || lw.ends_with("heten")
            || lw.ends_with("lig")
            || lw.ends_with("ligt")
            || lw.ends_with("sjon")
            || lw.ends_with("ninger")
        {
            no += 0.5;
        }
        if lw.ends_with("'s") || lw.contains("'t") || lw.contains("'re") || lw.contains("'ll") {
            en += 1.0;
        }
    }
    (no - en, no + en)
}

/// `text` without what is not running prose in its language: quoted
/// interface labels («Done», "Save"), and code-like tokens (paths, options,
/// variables, markup).
fn prose_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut in_ascii_quote = false;
    for c in text.chars() {
        match c {
            '«' | '“' => depth += 1,
            '»' | '”' => depth = depth.saturating_sub(1),
            '"' => in_ascii_quote = !in_ascii_quote,
            _ if depth == 0 && !in_ascii_quote => out.push(c),
            _ => {}
        }
    }
    let tokens: Vec<&str> = out.split_whitespace().filter(|t| !code_like(t)).collect();
    let names = name_tokens(&tokens);
    tokens
        .iter()
        .zip(names)
        .filter(|(_, name)| !name)
        .map(|(t, _)| *t)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A token of code rather than prose: a path, an option, a variable, markup.
fn code_like(t: &str) -> bool {
    t.contains(['/', '=', '$', '_', '<', '>', '{', '}', '\\', '@', '#', '|'])
        || t.starts_with('-')
        || t.contains("::")
}

/// True when `text` is a script (it starts with `#!`) or at least half its
/// tokens are code ([`code_like`]): a shell script or a configuration line,
/// in no human language whatever the words of its keywords and comments.
fn mostly_code(text: &str) -> bool {
    if text.trim_start().starts_with("#!") {
        return true;
    }
    let (mut code, mut all) = (0usize, 0usize);
    for t in text.split_whitespace() {
        all += 1;
        code += usize::from(code_like(t));
    }
    all >= 4 && 2 * code >= all
}

/// Lower-case words that join the capitalised words of one name ("Game of
/// Thrones", "Bank of England", "Vår Frue av Fatima").
const NAME_JOINERS: &[&str] = &[
    "of", "the", "and", "de", "da", "van", "von", "av", "og", "&",
];

fn capitalised(t: &str) -> bool {
    t.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end_matches(['»', '”', '"', ')', '\''])
        .ends_with(['.', '!', '?', ':'])
}

/// Which `tokens` belong to names, to leave them out of the language
/// evidence: a run of two or more capitalised words (possibly joined by
/// [`NAME_JOINERS`]: "Theresa May", "Game of Thrones-stjerne", "The
/// Hollywood Reporter"), and a capitalised word that does not start a
/// sentence. A single capitalised word at a sentence start ("The", "Det")
/// is kept: it is usually an ordinary word.
fn name_tokens(tokens: &[&str]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        if !capitalised(tokens[i]) {
            i += 1;
            continue;
        }
        // the run of capitalised words (and joiners between them) from i
        let mut end = i + 1;
        let mut caps = 1;
        let mut j = i + 1;
        while j < tokens.len() && !ends_sentence(tokens[j - 1]) {
            if capitalised(tokens[j]) {
                caps += 1;
                end = j + 1;
                j += 1;
            } else if NAME_JOINERS.contains(&tokens[j].to_lowercase().as_str()) {
                j += 1;
            } else {
                break;
            }
        }
        let starts_sentence = i == 0 || ends_sentence(tokens[i - 1]);
        if caps >= 2 || !starts_sentence {
            out[i..end].iter_mut().for_each(|n| *n = true);
        }
        i = end;
    }
    out
}

/// The language family of `text`, or `None` when the evidence is too thin
/// to tell (names, numbers, code, two-word headings without cues).
pub fn family(text: &str) -> Option<Family> {
    if mostly_code(text) {
        return None;
    }
    let (margin, evidence) = score(text);
    let prose = prose_only(text);
    let words = prose.split_whitespace().count();
    // whatlang on longer texts, as one more vote.
    let mut vote = margin;
    if words >= 8 {
        match crate::lang::detect_en_or_no(&prose) {
            Some(Lang::En) => vote -= 1.5,
            Some(Lang::Nb) | Some(Lang::Nn) => vote += 1.5,
            _ => {}
        }
    }
    if evidence < 1.0 {
        return None;
    }
    if vote >= 1.0 && vote >= 0.3 * evidence {
        Some(Family::Norwegian)
    } else if vote <= -1.0 && -vote >= 0.3 * evidence {
        Some(Family::English)
    } else {
        None
    }
}

/// Letters and digits only, lower case, for "is this the same text?".
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when every word of `text` starts with a capital letter or a digit,
/// or holds a digit (a model or version code: `um-1`, `i386`): "3 Iran",
/// "NATO", "Oslo 2026", "Roland Edirol um-1" — text that a translation
/// usually keeps.
pub fn names_and_numbers_only(text: &str) -> bool {
    let mut words = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':' | ';' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric())
                || w.chars().any(|c| c.is_ascii_digit())
        })
}

/// True when `text` holds no word outside names and quotations
/// ("Kit Harington: «Winter is coming»"): a text that a translation may
/// well keep as it is.
pub fn names_and_quotations_only(text: &str) -> bool {
    !prose_only(text).chars().any(char::is_alphabetic)
}

/// Why a pair looks untranslated, if it does.
pub fn untranslated(src: &str, tgt: &str, src_lang: Lang, tgt_lang: Lang) -> Option<String> {
    let (a, b) = (normalise(src), normalise(tgt));
    if !a.is_empty() && a == b && src.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
        return Some("identical text on both sides: not translated?".into());
    }
    let (sf, tf) = (Family::of(src_lang), Family::of(tgt_lang));
    let (Some(sf), Some(tf)) = (sf, tf) else {
        return None;
    };
    if sf == tf {
        return None;
    }
    if !tgt.trim().is_empty() && family(tgt) == Some(sf) {
        return Some(format!(
            "the target is in {}, the source language: not translated?",
            sf.name()
        ));
    }
    if !src.trim().is_empty() && family(src) == Some(tf) {
        return Some(format!(
            "the source is in {}, the target language: left untranslated in the source edition?",
            tf.name()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_segments() {
        assert_eq!(family("Installere programvare"), Some(Family::Norwegian));
        assert_eq!(family("Hvordan du får hjelp"), Some(Family::Norwegian));
        assert_eq!(family("How to get help"), Some(Family::English));
        assert_eq!(family("The threat from Russia"), Some(Family::English));
        assert_eq!(family("Trusselen fra Russland"), Some(Family::Norwegian));
        assert_eq!(family("LDAP"), None);
        assert_eq!(family("Jens Stoltenberg"), None);
        assert_eq!(family("Klikk «Done»"), None);
        assert_eq!(family("$ sudo rdiff-backup -r <dato> /skole/backup"), None);
    }

    #[test]
    fn untranslated_pairs() {
        let m = untranslated(
            "Trusselen fra Russland øker.",
            "Trusselen fra Russland øker.",
            Lang::Nb,
            Lang::En,
        );
        assert!(m.unwrap().contains("identical"));
        assert!(names_and_numbers_only("3 Iran"));
        assert!(names_and_numbers_only("NATO (2026)"));
        assert!(!names_and_numbers_only("Debian Edu er en distribusjon"));
        let m = untranslated(
            "Trusselen fra Russland øker.",
            "Trusselen fra Russland er økende.",
            Lang::Nb,
            Lang::En,
        );
        assert!(m.unwrap().contains("target is in Norwegian"));
        assert!(untranslated(
            "Trusselen øker.",
            "The threat is growing.",
            Lang::Nb,
            Lang::En
        )
        .is_none());
        assert!(untranslated("2024", "2024", Lang::Nb, Lang::En).is_none());
    }
}
