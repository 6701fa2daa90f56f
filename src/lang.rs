//! Language identification: which language a document or paragraph is in.
//!
//! whatlang, restricted to plausible candidates, casts one vote; our own
//! marker words and spelling cues cast the others. whatlang has no Nynorsk
//! and reads short Danish as Bokmål (measured in ../shared/langid), so the
//! Scandinavian languages — Bokmål, Nynorsk, Danish, Swedish — are told apart
//! by the marker test: words and endings that one written standard uses and
//! the others do not ("ikkje", "hvad", "inte", "-leg", "-erne", "ä").

use std::fmt;
use std::str::FromStr;

/// A language tolk knows by name. Segmentation rules exist for `Nb`, `Nn`
/// and `En`; other languages get the generic rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Norwegian Bokmål.
    Nb,
    /// Norwegian Nynorsk.
    Nn,
    /// English.
    En,
    /// Danish.
    Da,
    /// Swedish.
    Sv,
    /// German.
    De,
    /// French.
    Fr,
    /// Icelandic.
    Is,
    /// Any other language (generic rules).
    Other,
}

impl Lang {
    /// The short code (BCP 47 primary subtag) used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
            Lang::Da => "da",
            Lang::Sv => "sv",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Is => "is",
            Lang::Other => "und",
        }
    }

    /// True for Bokmål and Nynorsk.
    pub fn is_norwegian(self) -> bool {
        matches!(self, Lang::Nb | Lang::Nn)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        Ok(match primary {
            "nb" | "nob" | "no" | "nor" => Lang::Nb,
            "nn" | "nno" => Lang::Nn,
            "en" | "eng" => Lang::En,
            "da" | "dan" => Lang::Da,
            "sv" | "swe" => Lang::Sv,
            "de" | "deu" | "ger" => Lang::De,
            "fr" | "fra" | "fre" => Lang::Fr,
            "is" | "isl" | "ice" => Lang::Is,
            _ => {
                return Err(format!(
                    "unknown language `{s}`; use nb, nn, en, da, sv, de, fr or is"
                ))
            }
        })
    }
}

/// The languages the marker test scores, in tie-break order.
const SCORED: [Lang; 5] = [Lang::En, Lang::Nb, Lang::Nn, Lang::Da, Lang::Sv];

/// Bit flags for [`SCORED`].
const EN: u8 = 1;
const NB: u8 = 2;
const NN: u8 = 4;
const DA: u8 = 8;
const SV: u8 = 16;

/// Marker words: a lower-case word and the written languages that use it
/// (and the others rarely do). Words every candidate shares carry no
/// information and are left out.
const MARKERS: &[(&str, u8)] = &[
    // Nynorsk
    ("ikkje", NN),
    ("eg", NN),
    ("ho", NN),
    ("dei", NN),
    ("frå", NN),
    ("kva", NN),
    ("korleis", NN),
    ("kvifor", NN),
    ("kven", NN),
    ("berre", NN),
    ("eit", NN),
    ("ein", NN),
    ("mykje", NN),
    ("noko", NN),
    ("nokon", NN),
    ("nokre", NN),
    ("vere", NN),
    ("vore", NN),
    ("hjå", NN),
    ("fleire", NN),
    ("sjølv", NN),
    ("difor", NN),
    ("òg", NN),
    ("heile", NN),
    ("saman", NN),
    ("medan", NN),
    ("kvar", NN),
    ("vart", NN | SV),
    ("dykk", NN),
    ("hennar", NN),
    ("deira", NN),
    ("meir", NN),
    ("fekk", NN),
    ("gjekk", NN),
    ("enno", NN),
    ("sjå", NN),
    ("gjere", NN),
    ("seier", NN),
    ("no", NN),
    ("trugsmål", NN),
    ("trugselen", NN),
    // Bokmål (alone or shared with Danish)
    ("ikke", NB | DA),
    ("jeg", NB | DA),
    ("hun", NB | DA),
    ("hva", NB),
    ("hvordan", NB | DA),
    ("hvorfor", NB | DA),
    ("hvem", NB | DA),
    ("bare", NB),
    ("mye", NB),
    ("noe", NB),
    ("noen", NB),
    ("være", NB | DA),
    ("vært", NB | DA),
    ("flere", NB | DA),
    ("selv", NB | DA),
    ("hele", NB | DA),
    ("sammen", NB | DA),
    ("mens", NB | DA),
    ("ble", NB),
    ("blir", NB | SV),
    ("siden", NB | DA),
    ("mer", NB | DA | SV),
    ("fikk", NB | DA),
    ("gikk", NB | DA),
    ("uten", NB),
    ("ennå", NB),
    ("gjøre", NB),
    ("sier", NB),
    ("etter", NB | NN),
    ("regjeringen", NB),
    ("regjeringa", NN | NB),
    ("fram", NB | NN),
    ("før", NB | NN | DA),
    ("meg", NB | NN),
    ("deg", NB | NN),
    ("seg", NB | NN),
    ("av", NB | NN | SV),
    ("og", NB | NN | DA),
    ("også", NB | DA),
    ("en", NB | DA | SV),
    ("et", NB | DA),
    ("å", NB | NN),
    ("nå", NB),
    ("slik", NB | NN),
    ("mellom", NB | NN),
    ("trusselen", NB),
    // Danish
    ("af", DA),
    ("hvad", DA),
    ("mig", DA | SV),
    ("dig", DA | SV),
    ("sig", DA | SV),
    ("nu", DA | SV),
    ("efter", DA | SV),
    ("meget", DA),
    ("blev", DA | SV),
    ("bliver", DA),
    ("sådan", DA),
    ("op", DA),
    ("ud", DA),
    ("nogle", DA),
    ("noget", DA),
    ("gøre", DA),
    ("siger", DA),
    ("tager", DA),
    ("giver", DA),
    ("mellem", DA),
    ("regeringen", DA | SV),
    ("gennem", DA),
    ("frem", DA),
    ("udvikling", DA),
    ("være", NB | DA),
    ("kun", DA | NB),
    ("år", NB | NN | DA | SV),
    // Swedish
    ("inte", SV),
    ("och", SV),
    ("är", SV),
    ("jag", SV),
    ("hon", SV),
    ("vad", SV),
    ("hur", SV),
    ("varför", SV),
    ("vem", SV),
    ("bara", SV),
    ("mycket", SV),
    ("något", SV),
    ("några", SV),
    ("vara", SV),
    ("varit", SV),
    ("från", SV),
    ("själv", SV),
    ("hela", SV),
    ("tillsammans", SV),
    ("sedan", SV),
    ("fick", SV),
    ("gick", SV),
    ("utan", NN | SV),
    ("ännu", SV),
    ("göra", SV),
    ("säger", SV),
    ("än", SV),
    ("vet", SV | NB),
    ("också", SV),
    ("att", SV),
    ("för", SV),
    ("till", SV | NB | NN),
    ("det", NB | NN | DA | SV),
    ("och", SV),
    // English
    ("the", EN),
    ("and", EN),
    ("of", EN),
    ("is", EN),
    ("are", EN),
    ("was", EN),
    ("were", EN),
    ("what", EN),
    ("do", EN),
    ("does", EN),
    ("not", EN),
    ("yet", EN),
    ("we", EN),
    ("you", EN),
    ("think", EN),
    ("know", EN),
    ("with", EN),
    ("this", EN),
    ("that", EN),
    ("have", EN),
    ("has", EN),
    ("will", EN),
    ("would", EN),
    ("a", EN),
    ("to", EN),
    ("in", EN),
    ("it", EN),
    ("be", EN),
    ("by", EN),
    ("on", EN),
    ("from", EN),
    ("which", EN),
    ("there", EN),
    ("been", EN),
    ("its", EN),
    ("their", EN),
    ("they", EN),
    ("government", EN),
    ("threat", EN),
];

/// Marker table as a map, built once.
fn marker_map() -> &'static std::collections::HashMap<&'static str, u8> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, u8>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for &(w, flags) in MARKERS {
            *m.entry(w).or_insert(0) |= flags;
        }
        m
    })
}

/// Endings typical of one written standard: (suffix, minimum word length in
/// characters, languages).
const ENDINGS: &[(&str, usize, u8)] = &[
    ("leg", 5, NN),
    ("lege", 6, NN),
    ("legt", 6, NN),
    ("ane", 5, NN),
    ("inga", 6, NN),
    ("arar", 6, NN),
    ("ar", 7, NN | SV),
    ("erne", 6, DA),
    ("hed", 6, DA),
    ("heden", 7, DA),
    ("arna", 6, SV),
    ("orna", 6, SV),
    ("erna", 6, SV),
    ("het", 6, NB | SV),
    ("heten", 7, NB | SV),
    ("ene", 6, NB),
    ("sjon", 6, NB | NN),
    ("sjonen", 8, NB | NN),
    ("tion", 6, EN | DA | SV),
    ("ing", 6, EN | NB | NN | DA | SV),
];

/// Per-language marker scores for `text` (index as in [`SCORED`]). A marker
/// word counts 20 split among the languages it marks; an ending 5; the
/// letters ä/ö count for Swedish and æ/ø for Norwegian and Danish.
fn marker_scores(text: &str) -> [i32; 5] {
    let map = marker_map();
    let mut score = [0i32; 5];
    let mut add = |flags: u8, points: i32| {
        for (i, bit) in [EN, NB, NN, DA, SV].iter().enumerate() {
            if flags & bit != 0 {
                score[i] += points;
            }
        }
    };
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if let Some(&flags) = map.get(lower.as_str()) {
            // a word only one language uses says more than a shared one
            add(flags, 20 / flags.count_ones() as i32);
            continue;
        }
        let n = lower.chars().count();
        for &(suffix, min, flags) in ENDINGS {
            if n >= min && lower.ends_with(suffix) {
                add(flags, 5);
                break;
            }
        }
    }
    let (mut sv_letters, mut no_letters) = (0, 0);
    for c in text.chars() {
        match c {
            'ä' | 'ö' | 'Ä' | 'Ö' => sv_letters += 1,
            'æ' | 'ø' | 'Æ' | 'Ø' => no_letters += 1,
            _ => {}
        }
    }
    add(SV, 5 * sv_letters.min(6));
    add(NB | NN | DA, 3 * no_letters.min(6));
    add(NB | NN | DA, -5 * sv_letters.min(6));
    add(SV, -5 * no_letters.min(6));
    score
}

/// Detect the language of `text` among all languages tolk knows. Returns
/// `None` when the text has too few letters to decide.
pub fn detect(text: &str) -> Option<Lang> {
    use whatlang::Lang as W;
    let allow = vec![W::Eng, W::Nob, W::Dan, W::Swe, W::Deu, W::Fra];
    detect_among(text, allow, &SCORED)
}

/// whatlang restricted to `allow` casts a vote; the marker scores for the
/// `scored` languages cast the others; the best total wins.
fn detect_among(text: &str, allow: Vec<whatlang::Lang>, scored: &[Lang]) -> Option<Lang> {
    use whatlang::Lang as W;
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return None;
    }
    if looks_icelandic(text) {
        return Some(Lang::Is);
    }
    let detector = whatlang::Detector::with_allowlist(allow);
    let voted = detector.detect(text).map(|info| match info.lang() {
        W::Eng => Lang::En,
        W::Nob => Lang::Nb,
        W::Dan => Lang::Da,
        W::Swe => Lang::Sv,
        W::Deu => Lang::De,
        W::Fra => Lang::Fr,
        _ => Lang::Other,
    });
    let mut score = marker_scores(text);
    // whatlang's vote: worth more on longer text, where it is reliable
    let vote = if letters >= 200 { 30 } else { 12 };
    match voted {
        Some(Lang::Nb) => {
            // whatlang has no Nynorsk: its "Bokmål" covers both
            score[1] += vote;
            score[2] += vote;
        }
        Some(l) => {
            if let Some(i) = SCORED.iter().position(|&x| x == l) {
                score[i] += vote;
            }
        }
        None => {}
    }
    let best = SCORED
        .iter()
        .enumerate()
        .filter(|(_, l)| scored.contains(l))
        .max_by_key(|&(i, l)| (score[i], Some(*l) == voted))
        .map(|(i, &l)| (l, score[i]));
    match (voted, best) {
        // German or French by whatlang, and our markers have little to say
        (Some(v @ (Lang::De | Lang::Fr | Lang::Other)), Some((_, s))) if s < 20 => Some(v),
        (_, Some((l, s))) if s > 0 => Some(l),
        (v, _) => v,
    }
}

/// Icelandic is not in whatlang; þ and ð are a near-certain sign of it.
fn looks_icelandic(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let marks = text
        .chars()
        .filter(|c| matches!(c, 'þ' | 'Þ' | 'ð' | 'Ð'))
        .count();
    marks * 100 >= letters
}

/// Answer the question an nb/en toolkit usually asks: English or Norwegian
/// (Bokmål/Nynorsk)? Used on short segments, where an open choice errs.
pub fn detect_en_or_no(text: &str) -> Option<Lang> {
    use whatlang::Lang as W;
    detect_among(text, vec![W::Eng, W::Nob], &[Lang::En, Lang::Nb, Lang::Nn])
}

/// Fewest letters a block needs before [`detect_paragraphs`] guesses.
pub const MIN_PARAGRAPH_LETTERS: usize = 40;

/// Marker-score lead (three words only one language uses) at which
/// [`detect_paragraphs`] trusts the markers without asking whatlang.
const CLEAR_MARGIN: i32 = 60;

/// How much of a block [`detect_paragraphs`] reads: its first this many
/// bytes (a few sentences decide the language; reading more costs time).
const PARAGRAPH_SAMPLE_BYTES: usize = 400;

/// The language of each block (given as its lines, e.g. a document's
/// blocks), among `candidates` (an empty slice means every language tolk
/// knows), or `None` for blocks with fewer than [`MIN_PARAGRAPH_LETTERS`]
/// letters (headings, page numbers, short list items), where a guess would
/// be noise. Each block is judged on its first few hundred bytes.
pub fn detect_paragraphs<'a, B>(
    blocks: impl IntoIterator<Item = B>,
    candidates: &[Lang],
) -> Vec<Option<Lang>>
where
    B: IntoIterator<Item = &'a str>,
{
    use whatlang::Lang as W;
    let candidates: &[Lang] = if candidates.is_empty() {
        &[
            Lang::En,
            Lang::Nb,
            Lang::Nn,
            Lang::Da,
            Lang::Sv,
            Lang::De,
            Lang::Fr,
        ]
    } else {
        candidates
    };
    let mut allow: Vec<W> = Vec::new();
    for l in candidates {
        let w = match l {
            Lang::En => W::Eng,
            Lang::Nb | Lang::Nn => W::Nob,
            Lang::Da => W::Dan,
            Lang::Sv => W::Swe,
            Lang::De => W::Deu,
            Lang::Fr => W::Fra,
            Lang::Is | Lang::Other => continue,
        };
        if !allow.contains(&w) {
            allow.push(w);
        }
    }
    if allow.is_empty() {
        return blocks.into_iter().map(|_| None).collect();
    }
    let mut buf = String::new();
    blocks
        .into_iter()
        .map(|block| {
            buf.clear();
            for text in block {
                let room = PARAGRAPH_SAMPLE_BYTES.saturating_sub(buf.len());
                if room == 0 {
                    break;
                }
                let mut end = text.len().min(room);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                buf.push_str(&text[..end]);
                buf.push(' ');
            }
            if buf.chars().filter(|c| c.is_alphabetic()).count() < MIN_PARAGRAPH_LETTERS {
                return None;
            }
            // the marker words alone decide when they are clear (several
            // words ahead); whatlang is asked only otherwise
            let score = marker_scores(&buf);
            let mut ranked: Vec<(i32, Lang)> = SCORED
                .iter()
                .enumerate()
                .filter(|(_, l)| candidates.contains(l))
                .map(|(i, &l)| (score[i], l))
                .collect();
            ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
            match ranked.as_slice() {
                [(s1, l), (s2, _), ..] if *s1 >= s2 + CLEAR_MARGIN => Some(*l),
                [(s1, l)] if *s1 >= CLEAR_MARGIN => Some(*l),
                _ => detect_among(&buf, allow.clone(), candidates),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!("nob".parse::<Lang>().unwrap(), Lang::Nb);
        assert_eq!("nn-NO".parse::<Lang>().unwrap(), Lang::Nn);
        assert_eq!("en-GB".parse::<Lang>().unwrap(), Lang::En);
        assert!("xx".parse::<Lang>().is_err());
    }

    #[test]
    fn tells_bokmal_from_nynorsk() {
        let nb = "Regjeringen mener at trusselen ikke har blitt mindre, og hun sier at vi må være forberedt.";
        let nn = "Regjeringa meiner at trugselen ikkje har vorte mindre, og ho seier at vi må vere budde.";
        assert_eq!(detect(nb), Some(Lang::Nb));
        assert_eq!(detect(nn), Some(Lang::Nn));
        assert_eq!(
            detect("The government believes the threat has not diminished."),
            Some(Lang::En)
        );
    }

    #[test]
    fn tells_danish_and_swedish_from_norwegian() {
        assert_eq!(detect("Hvad synes du om det?"), Some(Lang::Da));
        assert_eq!(
            detect("Rapporten beskriver udviklingen i økonomien gennem de seneste år."),
            Some(Lang::Da)
        );
        assert_eq!(detect("Vi vet inte än hur det går."), Some(Lang::Sv));
        assert_eq!(detect("Hva synes du om det?"), Some(Lang::Nb));
    }

    #[test]
    fn en_or_no_never_answers_danish() {
        assert!(matches!(
            detect_en_or_no("Hvad synes du om det?"),
            Some(Lang::Nb | Lang::Nn)
        ));
        assert_eq!(detect_en_or_no("We do not know yet."), Some(Lang::En));
    }

    #[test]
    fn too_short_is_none() {
        assert_eq!(detect("12 ."), None);
    }

    #[test]
    fn paragraphs_get_their_own_language() {
        let blocks = [
            vec!["Tittel"],
            vec![
                "Regjeringen mener at trusselen ikke har",
                "blitt mindre i år.",
            ],
            vec!["The government believes that the threat has not diminished this year."],
        ];
        assert_eq!(
            detect_paragraphs(blocks.clone(), &[]),
            vec![None, Some(Lang::Nb), Some(Lang::En)]
        );
        assert_eq!(
            detect_paragraphs(blocks, &[Lang::En, Lang::Nb, Lang::Nn]),
            vec![None, Some(Lang::Nb), Some(Lang::En)]
        );
    }
}
