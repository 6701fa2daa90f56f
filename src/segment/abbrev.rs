//! Our abbreviation tables, one per language, each entry with a class that
//! says how a following period behaves.
//!
//! Entries are written without their final period and in lower case; the
//! lookup lower-cases the word. The lists were decided by reading the
//! public lists in `../shared/segmentation/abbreviations` (Giellatekno,
//! hunspell-no, nb-tokenizer, spaCy) and report-style text; they are our
//! own selection, kept short and aimed at government and security reports.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lang::Lang;

/// How an abbreviation's final period behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Never ends a sentence ("bl.a.", "f.eks.", "dvs.", "ca.", "kl.", "jf.",
    /// "e.g.", "Dr."): no boundary whatever follows.
    Never,
    /// No boundary before a number ("nr. 3", "kap. 4", "s. 12", "No. 21");
    /// before a capitalised word it may end a sentence.
    BeforeNumber,
    /// May end a sentence ("osv.", "m.m.", "etc."): a boundary before a
    /// capital letter or a digit, none before a lower-case word.
    MayEnd,
}

use AbbrevClass::{BeforeNumber as N, MayEnd as E, Never as X};

/// Bokmål (also used for Danish, which shares most of these).
const NB: &[(&str, AbbrevClass)] = &[
    // never end a sentence
    ("adm", X),
    ("adm.dir", X),
    ("ang", X),
    ("ass", X),
    ("bl.a", X),
    ("bl.annet", X),
    ("ca", X),
    ("cand.jur", X),
    ("cand.mag", X),
    ("cand.polit", X),
    ("cand.real", X),
    ("dir", X),
    ("dr", X),
    ("dr.juris", X),
    ("dr.med", X),
    ("dr.philos", X),
    ("dr.polit", X),
    ("dvs", X),
    ("eks", X),
    ("ekskl", X),
    ("el", X),
    ("ev", X),
    ("evt", X),
    ("f.eks", X),
    ("f.o.m", X),
    ("fhv", X),
    ("forts", X),
    ("fr", X),
    ("gen", X),
    ("gen.maj", X),
    ("gen.lt", X),
    ("hhv", X),
    ("hr", X),
    ("iflg", X),
    ("ifm", X),
    ("ift", X),
    ("iht", X),
    ("inkl", X),
    ("jf", X),
    ("jfr", X),
    ("kapt", X),
    ("kl", X),
    ("komm", X),
    ("m.a.o", X),
    ("mao", X),
    ("meld", X),
    ("mht", X),
    ("mtp", X),
    ("oberstlt", X),
    ("oblt", X),
    ("ot.prp", X),
    ("p.g.a", X),
    ("pga", X),
    ("pr", X),
    ("prof", X),
    ("prp", X),
    ("prop", X),
    ("dok", X),
    ("forskr", X),
    ("flg", X),
    ("rundskr", X),
    ("innst", X),
    ("resp", X),
    ("s.k", X),
    ("sk", X),
    ("skt", X),
    ("sml", X),
    ("st", X),
    ("st.meld", X),
    ("st.prp", X),
    ("stv", X),
    ("t.o.m", X),
    ("tidl", X),
    ("tilsv", X),
    ("vedk", X),
    ("vedr", X),
    ("vha", X),
    ("vs", X),
    ("ved", X),
    ("nestk", X),
    ("statsr", X),
    ("utenriksmin", X),
    // no boundary before a number
    ("art", N),
    ("avd", N),
    ("avsn", N),
    ("bd", N),
    ("fig", N),
    ("jan", N),
    ("feb", N),
    ("febr", N),
    ("apr", N),
    ("aug", N),
    ("sep", N),
    ("sept", N),
    ("okt", N),
    ("nov", N),
    ("des", N),
    ("kap", N),
    ("kr", N),
    ("maks", N),
    ("min", N),
    ("mill", N),
    ("mrd", N),
    ("nr", N),
    ("pkt", N),
    ("ref", N),
    ("s", N),
    ("tab", N),
    ("tlf", N),
    ("utg", N),
    ("vedl", N),
    ("vol", N),
    ("årg", N),
    ("rt", N),
    ("n°", N),
    ("gnr", N),
    ("bnr", N),
    // may end a sentence
    ("e.kr", E),
    ("e.l", E),
    ("etc", E),
    ("f.kr", E),
    ("m.fl", E),
    ("m.m", E),
    ("m.v", E),
    ("mfl", E),
    ("mnd", E),
    ("mv", E),
    ("mva", E),
    ("o.a", E),
    ("o.fl", E),
    ("o.l", E),
    ("o.s.v", E),
    ("osv", E),
    ("pst", E),
    ("red", E),
    ("sek", E),
    ("stk", E),
    ("kvm", E),
    ("moh", E),
    ("m.o.h", E),
    ("årh", E),
    ("ibid", E),
    ("lign", E),
    ("e.lign", E),
    ("o.lign", E),
    ("jr", E),
    ("sr", E),
    ("ltd", E),
];

/// Nynorsk entries, looked up before the Bokmål table (which covers the
/// forms the two written standards share).
const NN: &[(&str, AbbrevClass)] = &[
    ("m.a", X),
    ("t.d", X),
    ("td", X),
    ("høvesvis", X),
    ("o.a", E),
    ("o.l", E),
    ("pst", X),
    ("mrd", E),
    ("mill", N),
    ("nemleg", X),
    ("eigl", X),
    ("tidl", X),
];

/// English.
const EN: &[(&str, AbbrevClass)] = &[
    // titles and other never-final words
    ("adm", X),
    ("approx", X),
    ("assoc", X),
    ("capt", X),
    ("cf", X),
    ("col", X),
    ("cpl", X),
    ("dr", X),
    ("e.g", X),
    ("esp", X),
    ("gen", X),
    ("gov", X),
    ("hon", X),
    ("i.e", X),
    ("lt", X),
    ("maj", X),
    ("messrs", X),
    ("mr", X),
    ("mrs", X),
    ("ms", X),
    ("mt", X),
    ("prof", X),
    ("rep", X),
    ("rev", X),
    ("sen", X),
    ("sgt", X),
    ("st", X),
    ("ste", X),
    ("viz", X),
    ("vs", X),
    ("resp", X),
    ("incl", X),
    ("excl", X),
    ("ca", X),
    ("c", X),
    ("dept", X),
    ("ft", X),
    ("pres", X),
    ("supt", X),
    // no boundary before a number
    ("art", N),
    ("ch", N),
    ("chap", N),
    ("eq", N),
    ("fig", N),
    ("figs", N),
    ("jan", N),
    ("feb", N),
    ("mar", N),
    ("apr", N),
    ("jun", N),
    ("jul", N),
    ("aug", N),
    ("sep", N),
    ("sept", N),
    ("oct", N),
    ("nov", N),
    ("dec", N),
    ("no", N),
    ("nos", N),
    ("nr", N),
    ("rs", N),
    ("n°", N),
    ("nº", N),
    ("p", N),
    ("pp", N),
    ("para", N),
    ("paras", N),
    ("pt", N),
    ("ref", N),
    ("sec", N),
    ("sect", N),
    ("tab", N),
    ("vol", N),
    ("vols", N),
    ("op", N),
    ("prop", N),
    ("doc", N),
    ("res", N),
    ("reg", N),
    ("app", N),
    ("cmd", N),
    ("tel", N),
    ("ed", N),
    ("mill", N),
    ("bn", N),
    // may end a sentence
    ("al", E),
    ("bros", E),
    ("co", E),
    ("corp", E),
    ("etc", E),
    ("inc", E),
    ("jr", E),
    ("ltd", E),
    ("plc", E),
    ("sr", E),
    ("eds", E),
    ("ibid", E),
    ("esq", E),
];

/// FNV-1a: the keys are short and fixed, so a fast non-keyed hash is fine.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Table = HashMap<&'static str, AbbrevClass, std::hash::BuildHasherDefault<Fnv>>;

fn build(parts: &[&'static [(&'static str, AbbrevClass)]]) -> Table {
    let mut map = Table::default();
    // later parts lose: the first table given wins
    for part in parts.iter().rev() {
        for &(k, v) in part.iter() {
            map.insert(k, v);
        }
    }
    map
}

fn table(lang: Lang) -> &'static Table {
    static NB_T: OnceLock<Table> = OnceLock::new();
    static NN_T: OnceLock<Table> = OnceLock::new();
    static EN_T: OnceLock<Table> = OnceLock::new();
    static OTHER_T: OnceLock<Table> = OnceLock::new();
    match lang {
        Lang::Nb | Lang::Da => NB_T.get_or_init(|| build(&[NB])),
        Lang::Nn => NN_T.get_or_init(|| build(&[NN, NB])),
        Lang::En => EN_T.get_or_init(|| build(&[EN])),
        // generic: titles and reference words shared by most European texts
        _ => OTHER_T.get_or_init(|| {
            let common: &'static [(&'static str, AbbrevClass)] = &[
                ("dr", X),
                ("prof", X),
                ("st", X),
                ("nr", N),
                ("no", N),
                ("fig", N),
                ("etc", E),
                ("ca", X),
                ("vs", X),
                ("e.g", X),
                ("i.e", X),
                ("cf", X),
                ("bzw", X),
                ("usw", E),
                ("z.b", X),
                ("d.h", X),
                ("s", N),
                ("p", N),
            ];
            build(&[common])
        }),
    }
}

/// The class of `word` (without its final period) in `lang`'s table, if it
/// is an abbreviation there. Case-insensitive.
pub fn lookup(lang: Lang, word: &str) -> Option<AbbrevClass> {
    if word.is_empty() || word.len() > 24 {
        return None;
    }
    let t = table(lang);
    if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        t.get(word.to_lowercase().as_str()).copied()
    } else {
        t.get(word).copied()
    }
}

/// Words that commonly open a sentence and are rarely a proper noun. After
/// an ambiguous abbreviation ("U.S.", "a.m.") a boundary is placed only
/// when one of these follows.
pub fn is_sentence_starter(lang: Lang, word: &str) -> bool {
    const EN_STARTERS: &[&str] = &[
        "A", "After", "Although", "An", "And", "As", "At", "Because", "Before", "Being", "But",
        "Did", "Do", "During", "For", "He", "Her", "His", "How", "However", "I", "If", "In", "It",
        "Its", "Many", "Millions", "More", "Most", "My", "No", "Not", "Now", "Once", "One", "Our",
        "She", "Since", "So", "Some", "That", "The", "Their", "Then", "There", "These", "They",
        "This", "Those", "Thus", "To", "We", "What", "When", "Where", "While", "Who", "Why", "Yet",
        "You",
    ];
    const NO_STARTERS: &[&str] = &[
        "Alle", "Da", "Dei", "De", "Deira", "Den", "Denne", "Der", "Deres", "Derfor", "Desse",
        "Dessuten", "Det", "Dette", "Difor", "Disse", "Du", "Då", "Eg", "Ein", "Eit", "En", "Et",
        "Etter", "Flere", "Fleire", "For", "Fra", "Frå", "Før", "Han", "Hans", "Her", "Hennar",
        "Hennes", "Ho", "Hun", "Hva", "Hvad", "Hvis", "Hvor", "Hvordan", "Hvorfor", "I", "Ifølge",
        "Ingen", "Jeg", "Korleis", "Kva", "Kvifor", "Likevel", "Man", "Mange", "Med", "Men",
        "Noen", "Nokre", "Nå", "No", "Når", "Og", "Også", "Om", "På", "Samtidig", "Slik", "Som",
        "Til", "Vi", "Vår", "Vårt", "Våre",
    ];
    match lang {
        Lang::En => EN_STARTERS.contains(&word),
        Lang::Nb | Lang::Nn | Lang::Da => NO_STARTERS.contains(&word),
        _ => EN_STARTERS.contains(&word) || NO_STARTERS.contains(&word),
    }
}

/// A lower-case word of one letter that is a word of `lang`, not an
/// abbreviation: Norwegian "i" (in) and "å" can end a clause ("… som bare
/// prestene kunne gå inn i. Noen ganger …"), where "p." or "f." cannot.
pub fn is_one_letter_word(lang: Lang, c: char) -> bool {
    matches!(lang, Lang::Nb | Lang::Nn) && matches!(c, 'i' | 'å')
}

/// Determiners and possessives after which "N." is an ordinal even before a
/// capitalised word ("Den 2. FN-konferansen", "the 3. Reich").
pub fn is_ordinal_determiner(lang: Lang, word: &str) -> bool {
    const NO: &[&str] = &[
        "den", "det", "de", "dei", "denne", "dette", "disse", "desse", "hans", "hennes", "hennar",
        "sin", "sitt", "sine", "vår", "vårt", "våre", "deres", "deira", "hver", "hvert", "kvar",
        "kvart", "norges", "noregs", "dens", "dets",
    ];
    const EN: &[&str] = &["the", "this", "that", "his", "her", "its", "their", "our"];
    let lower = word.to_lowercase();
    match lang {
        Lang::En => EN.contains(&lower.as_str()),
        _ => NO.contains(&lower.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(lookup(Lang::Nb, "bl.a"), Some(AbbrevClass::Never));
        assert_eq!(lookup(Lang::Nb, "Kl"), Some(AbbrevClass::Never));
        assert_eq!(lookup(Lang::Nb, "nr"), Some(AbbrevClass::BeforeNumber));
        assert_eq!(lookup(Lang::Nb, "osv"), Some(AbbrevClass::MayEnd));
        assert_eq!(lookup(Lang::Nn, "m.a"), Some(AbbrevClass::Never));
        assert_eq!(
            lookup(Lang::Nn, "dvs"),
            Some(AbbrevClass::Never),
            "falls back to Bokmål"
        );
        assert_eq!(lookup(Lang::En, "e.g"), Some(AbbrevClass::Never));
        assert_eq!(lookup(Lang::En, "No"), Some(AbbrevClass::BeforeNumber));
        assert_eq!(lookup(Lang::En, "etc"), Some(AbbrevClass::MayEnd));
        assert_eq!(lookup(Lang::En, "house"), None);
    }

    #[test]
    fn tables_have_no_duplicate_keys() {
        for (name, t) in [("nb", NB), ("nn", NN), ("en", EN)] {
            let mut keys: Vec<_> = t.iter().map(|(k, _)| *k).collect();
            keys.sort_unstable();
            let n = keys.len();
            keys.dedup();
            assert_eq!(n, keys.len(), "duplicate key in {name}");
            assert!(t
                .iter()
                .all(|(k, _)| !k.ends_with('.') && *k == k.to_lowercase()));
        }
    }
}
