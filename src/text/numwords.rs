//! Numbers written as words, per language: "four weeks" against "4 vikna",
//! "fjögur tonn" against "four tons", "tolv apostler" against "12
//! apostles". A number word gives the same feature as the digits, so it
//! anchors a bead like a number does. Hyphenated compounds ("thirty-seven",
//! "vingt-cinq") are not read: splitting them was measured and changed no
//! figure.
//!
//! The lists are per language because the same spelling means different
//! things across languages (Norwegian "fire" is 4, English "fire" is not;
//! Norwegian "to" is 2). Words that are also articles or everyday words
//! are left out: "one"/"en"/"ein"/"un" (also "a"), "second"/"annen" (also
//! "other"), French "neuf" (also "new") and "cent" ("pour cent"), German
//! "dritte" (also "third parties"), Icelandic "sjó" (sea), Norwegian
//! "åttende" (folds to "attende", 18th). Ordinals count as their number,
//! as "3rd" does.
//! Words are given folded (see [`super::fold`]).
//!
//! `check` reads number words more loosely, from one mixed list ([`WORDS`],
//! English and Norwegian, looked up by [`word_value`]): there a number word
//! never raises a finding, it only satisfies digits on the other side, so
//! "en", "to", "a" and "half" are in it.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lang::Lang;

const EN: &[(&str, u32)] = &[
    ("two", 2),
    ("three", 3),
    ("third", 3),
    ("four", 4),
    ("fourth", 4),
    ("five", 5),
    ("fifth", 5),
    ("six", 6),
    ("sixth", 6),
    ("seven", 7),
    ("seventh", 7),
    ("eight", 8),
    ("eighth", 8),
    ("nine", 9),
    ("ninth", 9),
    ("ten", 10),
    ("tenth", 10),
    ("eleven", 11),
    ("eleventh", 11),
    ("twelve", 12),
    ("twelfth", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("billion", 1_000_000_000),
    ("billions", 1_000_000_000),
];

/// Bokmål, Nynorsk and Danish share most numerals.
const NO: &[(&str, u32)] = &[
    ("to", 2),
    ("tre", 3),
    ("tredje", 3),
    ("fire", 4),
    ("fjerde", 4),
    ("fem", 5),
    ("femte", 5),
    ("seks", 6),
    ("sjette", 6),
    ("sju", 7),
    ("syv", 7),
    ("sjuende", 7),
    ("syvende", 7),
    ("sjuande", 7),
    ("atte", 8),
    ("otte", 8),
    ("ni", 9),
    ("niende", 9),
    ("niande", 9),
    ("ti", 10),
    ("tiende", 10),
    ("tiande", 10),
    ("elleve", 11),
    ("tolv", 12),
    ("tretten", 13),
    ("fjorten", 14),
    ("femten", 15),
    ("seksten", 16),
    ("sytten", 17),
    ("atten", 18),
    ("nitten", 19),
    ("tjue", 20),
    ("tyve", 20),
    ("tretti", 30),
    ("tredve", 30),
    ("forti", 40),
    ("femti", 50),
    ("seksti", 60),
    ("sytti", 70),
    ("atti", 80),
    ("nitti", 90),
    ("hundre", 100),
    ("hundrede", 100),
    ("tusen", 1000),
    ("tusind", 1000),
    ("tredive", 30),
    ("fyrre", 40),
    ("halvtreds", 50),
    ("tres", 60),
    ("firs", 80),
    ("million", 1_000_000),
    ("millioner", 1_000_000),
    ("millionar", 1_000_000),
    ("mill", 1_000_000),
    ("mrd", 1_000_000_000),
    ("milliard", 1_000_000_000),
    ("milliarder", 1_000_000_000),
    ("milliardar", 1_000_000_000),
];

const SV: &[(&str, u32)] = &[
    ("tva", 2),
    ("tre", 3),
    ("tredje", 3),
    ("fyra", 4),
    ("fjarde", 4),
    ("fem", 5),
    ("femte", 5),
    ("sex", 6),
    ("sjatte", 6),
    ("sju", 7),
    ("atta", 8),
    ("nio", 9),
    ("tio", 10),
    ("elva", 11),
    ("tolv", 12),
    ("tretton", 13),
    ("fjorton", 14),
    ("femton", 15),
    ("sexton", 16),
    ("sjutton", 17),
    ("arton", 18),
    ("nitton", 19),
    ("tjugo", 20),
    ("trettio", 30),
    ("fyrtio", 40),
    ("femtio", 50),
    ("sextio", 60),
    ("sjuttio", 70),
    ("attio", 80),
    ("nittio", 90),
    ("hundra", 100),
    ("tusen", 1000),
    ("miljon", 1_000_000),
    ("miljoner", 1_000_000),
    ("miljard", 1_000_000_000),
    ("miljarder", 1_000_000_000),
];

const DE: &[(&str, u32)] = &[
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("vierte", 4),
    ("funf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwolf", 12),
    ("dreizehn", 13),
    ("vierzehn", 14),
    ("funfzehn", 15),
    ("sechzehn", 16),
    ("siebzehn", 17),
    ("achtzehn", 18),
    ("neunzehn", 19),
    ("zwanzig", 20),
    ("dreissig", 30),
    ("vierzig", 40),
    ("funfzig", 50),
    ("sechzig", 60),
    ("siebzig", 70),
    ("achtzig", 80),
    ("neunzig", 90),
    ("hundert", 100),
    ("tausend", 1000),
    ("million", 1_000_000),
    ("millionen", 1_000_000),
    ("mio", 1_000_000),
    ("mrd", 1_000_000_000),
    ("milliarde", 1_000_000_000),
    ("milliarden", 1_000_000_000),
];

const FR: &[(&str, u32)] = &[
    ("deux", 2),
    ("deuxieme", 2),
    ("trois", 3),
    ("troisieme", 3),
    ("quatre", 4),
    ("quatrieme", 4),
    ("cinq", 5),
    ("cinquieme", 5),
    ("six", 6),
    ("sixieme", 6),
    ("sept", 7),
    ("septieme", 7),
    ("huit", 8),
    ("huitieme", 8),
    ("neuvieme", 9),
    ("dix", 10),
    ("dixieme", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    ("mille", 1000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("milliard", 1_000_000_000),
    ("milliards", 1_000_000_000),
];

/// Icelandic numerals 1–4 inflect for gender and case.
const IS: &[(&str, u32)] = &[
    ("tveir", 2),
    ("tvaer", 2),
    ("tvo", 2),
    ("tveimur", 2),
    ("tveggja", 2),
    ("thrir", 3),
    ("thrjar", 3),
    ("thrju", 3),
    ("thremur", 3),
    ("thriggja", 3),
    ("fjorir", 4),
    ("fjorar", 4),
    ("fjogur", 4),
    ("fjorum", 4),
    ("fjogurra", 4),
    ("fimm", 5),
    ("sex", 6),
    ("atta", 8),
    ("niu", 9),
    ("tiu", 10),
    ("ellefu", 11),
    ("tolf", 12),
    ("tuttugu", 20),
    ("thrjatiu", 30),
    ("fjorutiu", 40),
    ("fimmtiu", 50),
    ("hundrad", 100),
    ("hundrud", 100),
    ("thusund", 1000),
    ("milljon", 1_000_000),
    ("milljonir", 1_000_000),
    ("milljona", 1_000_000),
    ("milljardur", 1_000_000_000),
    ("milljardar", 1_000_000_000),
    ("milljarda", 1_000_000_000),
];

/// Bytes in the longest word of the tables ("milliarder").
const LONGEST: usize = 10;

/// The number a folded word stands for in `lang`.
pub fn value(lang: Lang, folded: &str) -> Option<u32> {
    type Map = HashMap<&'static str, u32>;
    static MAPS: OnceLock<[Map; 6]> = OnceLock::new();
    let maps = MAPS.get_or_init(|| [EN, NO, SV, DE, FR, IS].map(|t| t.iter().copied().collect()));
    let k = match lang {
        Lang::En => 0,
        Lang::Nb | Lang::Nn | Lang::Da => 1,
        Lang::Sv => 2,
        Lang::De => 3,
        Lang::Fr => 4,
        Lang::Is => 5,
        Lang::Other => return None,
    };
    // Most words are ruled out without hashing.
    if !(2..=LONGEST).contains(&folded.len()) {
        return None;
    }
    maps[k].get(folded).copied()
}

/// Number words (cardinal and ordinal, English and Norwegian). They never
/// raise a finding; they only satisfy digits on the other side.
const WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("null", 0.0),
    ("one", 1.0),
    ("en", 1.0),
    ("ett", 1.0),
    ("ein", 1.0),
    ("eitt", 1.0),
    ("éin", 1.0),
    ("én", 1.0),
    ("a", 1.0),
    ("single", 1.0),
    ("two", 2.0),
    ("to", 2.0),
    ("both", 2.0),
    ("begge", 2.0),
    ("pair", 2.0),
    ("three", 3.0),
    ("tre", 3.0),
    ("four", 4.0),
    ("fire", 4.0),
    ("five", 5.0),
    ("fem", 5.0),
    ("six", 6.0),
    ("seks", 6.0),
    ("seven", 7.0),
    ("sju", 7.0),
    ("syv", 7.0),
    ("eight", 8.0),
    ("åtte", 8.0),
    ("nine", 9.0),
    ("ni", 9.0),
    ("ten", 10.0),
    ("ti", 10.0),
    ("eleven", 11.0),
    ("elleve", 11.0),
    ("twelve", 12.0),
    ("tolv", 12.0),
    ("dozen", 12.0),
    ("dusin", 12.0),
    ("thirteen", 13.0),
    ("tretten", 13.0),
    ("fourteen", 14.0),
    ("fjorten", 14.0),
    ("fifteen", 15.0),
    ("femten", 15.0),
    ("sixteen", 16.0),
    ("seksten", 16.0),
    ("seventeen", 17.0),
    ("sytten", 17.0),
    ("eighteen", 18.0),
    ("atten", 18.0),
    ("nineteen", 19.0),
    ("nitten", 19.0),
    ("twenty", 20.0),
    ("tjue", 20.0),
    ("tyve", 20.0),
    ("thirty", 30.0),
    ("tretti", 30.0),
    ("tredve", 30.0),
    ("forty", 40.0),
    ("førti", 40.0),
    ("fifty", 50.0),
    ("femti", 50.0),
    ("sixty", 60.0),
    ("seksti", 60.0),
    ("seventy", 70.0),
    ("sytti", 70.0),
    ("eighty", 80.0),
    ("åtti", 80.0),
    ("ninety", 90.0),
    ("nitti", 90.0),
    ("hundred", 100.0),
    ("hundre", 100.0),
    ("thousand", 1000.0),
    ("tusen", 1000.0),
    ("million", 1e6),
    ("millioner", 1e6),
    ("billion", 1e9),
    ("milliard", 1e9),
    ("milliarder", 1e9),
    ("first", 1.0),
    ("første", 1.0),
    ("fyrste", 1.0),
    ("second", 2.0),
    ("andre", 2.0),
    ("annan", 2.0),
    ("third", 3.0),
    ("tredje", 3.0),
    ("fourth", 4.0),
    ("fjerde", 4.0),
    ("fifth", 5.0),
    ("femte", 5.0),
    ("sixth", 6.0),
    ("sjette", 6.0),
    ("seventh", 7.0),
    ("sjuende", 7.0),
    ("syvende", 7.0),
    ("eighth", 8.0),
    ("åttende", 8.0),
    ("ninth", 9.0),
    ("niende", 9.0),
    ("tenth", 10.0),
    ("tiende", 10.0),
    ("eleventh", 11.0),
    ("ellevte", 11.0),
    ("twelfth", 12.0),
    ("tolvte", 12.0),
    ("thirteenth", 13.0),
    ("trettende", 13.0),
    ("fourteenth", 14.0),
    ("fjortende", 14.0),
    ("fifteenth", 15.0),
    ("femtende", 15.0),
    ("sixteenth", 16.0),
    ("sekstende", 16.0),
    ("seventeenth", 17.0),
    ("syttende", 17.0),
    ("eighteenth", 18.0),
    ("attende", 18.0),
    ("nineteenth", 19.0),
    ("nittende", 19.0),
    ("twentieth", 20.0),
    ("tjuende", 20.0),
    ("tyvende", 20.0),
    ("thirtieth", 30.0),
    ("hundredth", 100.0),
    ("hundrede", 100.0),
    ("thousandth", 1000.0),
    ("tusende", 1000.0),
    ("millionth", 1e6),
    ("tens", 10.0),
    ("dozens", 12.0),
    ("hundreds", 100.0),
    ("thousands", 1000.0),
    ("millions", 1e6),
    ("billions", 1e9),
    ("hundrevis", 100.0),
    ("tusenvis", 1000.0),
    ("millionvis", 1e6),
    ("half", 0.5),
    ("halv", 0.5),
    ("halvparten", 50.0),
    ("quarter", 0.25),
    ("kvart", 0.25),
    ("noon", 12.0),
    ("midnight", 24.0),
];

/// The number a word stands for in the list of [`WORDS`] (lower-cased,
/// a trailing "'s" dropped).
pub fn word_value(w: &str) -> Option<f64> {
    let lw = w.to_lowercase();
    let lw = lw.trim_end_matches("'s");
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, f64>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| WORDS.iter().copied().collect())
        .get(lw)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn the_same_spelling_is_a_number_only_in_its_own_language() {
        assert_eq!(value(Lang::Nb, "fire"), Some(4));
        assert_eq!(value(Lang::En, "fire"), None);
        assert_eq!(value(Lang::Nb, "to"), Some(2));
        assert_eq!(value(Lang::En, "to"), None);
        assert_eq!(value(Lang::Is, "sex"), Some(6));
        assert_eq!(value(Lang::En, "sex"), None);
        assert_eq!(value(Lang::Other, "two"), None);
    }

    #[test]
    fn tables_hold_folded_words() {
        for table in [EN, NO, SV, DE, FR, IS] {
            for &(w, _) in table {
                assert_eq!(fold(w), w, "{w} is not folded");
                assert!((2..=LONGEST).contains(&w.len()), "{w}: raise LONGEST");
            }
        }
        assert_eq!(value(Lang::Is, &fold("Þrír")), Some(3));
        assert_eq!(value(Lang::De, &fold("Fünf")), Some(5));
        assert_eq!(value(Lang::Nb, &fold("åtte")), Some(8));
    }
}
