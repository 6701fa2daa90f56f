//! Language identification: which language a document or paragraph is in.
//!
//! whatlang, restricted to plausible candidates, answers "English or
//! Norwegian?"; whatlang has no Nynorsk, so Bokmål vs Nynorsk is decided by
//! our own marker-word test.

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

/// Words far more frequent in Nynorsk than in Bokmål running text.
const NYNORSK_MARKERS: &[&str] = &[
    "ikkje",
    "eg",
    "ho",
    "dei",
    "frå",
    "kva",
    "korleis",
    "kvifor",
    "kven",
    "berre",
    "eit",
    "ein",
    "mykje",
    "noko",
    "nokon",
    "vere",
    "vore",
    "hjå",
    "fleire",
    "sjølv",
    "difor",
    "òg",
    "heile",
    "saman",
    "då",
    "medan",
    "kvar",
    "vart",
    "sidan",
    "dykk",
    "hennar",
    "deira",
    "meir",
    "nokre",
    "fekk",
    "gjekk",
    "rettar",
    "fridom",
    "einskild",
    "eigen",
    "eigne",
    "utan",
    "uttrykkje",
    "frigjere",
    "korkje",
    "enno",
    "sjå",
    "gjere",
    "seier",
];

/// Words far more frequent in Bokmål than in Nynorsk running text.
const BOKMAL_MARKERS: &[&str] = &[
    "ikke",
    "jeg",
    "hun",
    "fra",
    "hva",
    "hvordan",
    "hvorfor",
    "hvem",
    "bare",
    "et",
    "en",
    "mye",
    "noe",
    "noen",
    "være",
    "vært",
    "hos",
    "flere",
    "selv",
    "hele",
    "sammen",
    "mens",
    "hver",
    "ble",
    "siden",
    "hennes",
    "deres",
    "mer",
    "fikk",
    "gikk",
    "rettigheter",
    "frihet",
    "enkelt",
    "egen",
    "egne",
    "uten",
    "uttrykke",
    "verken",
    "ennå",
    "se",
    "gjøre",
    "sier",
];

/// Score > 0 means Nynorsk, < 0 Bokmål. Only discriminating markers count.
fn nynorsk_score(text: &str) -> i32 {
    let mut score = 0;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_lowercase();
        let nn = NYNORSK_MARKERS.contains(&w.as_str());
        let nb = BOKMAL_MARKERS.contains(&w.as_str());
        if nn && !nb {
            score += 1;
        } else if nb && !nn {
            score -= 1;
        }
    }
    score
}

/// Detect the language of `text` among all languages tolk knows. Returns
/// `None` when the text has too few letters to decide.
pub fn detect(text: &str) -> Option<Lang> {
    use whatlang::Lang as W;
    let allow = vec![W::Eng, W::Nob, W::Dan, W::Swe, W::Deu, W::Fra];
    detect_among(text, allow)
}

/// Detect with whatlang restricted to `allow`, then split Norwegian into
/// Bokmål and Nynorsk with the marker-word test.
fn detect_among(text: &str, allow: Vec<whatlang::Lang>) -> Option<Lang> {
    use whatlang::Lang as W;
    if text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    if looks_icelandic(text) {
        return Some(Lang::Is);
    }
    let detector = whatlang::Detector::with_allowlist(allow);
    let info = detector.detect(text)?;
    Some(match info.lang() {
        W::Eng => Lang::En,
        W::Nob => {
            if nynorsk_score(text) > 0 {
                Lang::Nn
            } else {
                Lang::Nb
            }
        }
        W::Dan => Lang::Da,
        W::Swe => Lang::Sv,
        W::Deu => Lang::De,
        W::Fra => Lang::Fr,
        _ => Lang::Other,
    })
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
    detect_among(text, vec![W::Eng, W::Nob])
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
}
