//! Names and acronyms for `name_mismatch`, with our own built-in list of
//! Norwegian–English equivalents ("Kina" = "China", "FN" = "UN") and a
//! user glossary (`--glossary FILE`, TSV: source term, tab, target term).
//!
//! A name is a capitalised word inside a sentence, an acronym anywhere, or a
//! sentence-initial capitalised word that the document also capitalises
//! inside sentences. It is found on the other side when a word there is the
//! same name up to inflection and spelling (shared stem or small edit
//! distance), or a listed equivalent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::{Error, Result};

/// Built-in equivalents, Norwegian (Bokmål/Nynorsk) = English. Alternatives
/// are separated by `|`; an entry matches a word that starts with it.
const BUILTIN: &[(&str, &str)] = &[
    ("kina", "china|chinese"),
    ("russland", "russia"),
    ("fn", "un|united nations|u.n"),
    ("de forente nasjoner", "united nations|un"),
    ("norge", "norway|norwegian"),
    ("noreg", "norway|norwegian"),
    ("sverige", "sweden|swedish"),
    ("danmark", "denmark|danish"),
    ("island", "iceland"),
    ("tyskland", "germany|german"),
    ("frankrike", "france|french"),
    ("storbritannia", "britain|united kingdom|uk|british"),
    ("britisk", "british|uk|britain"),
    ("spania", "spain|spanish"),
    ("italia", "italy|italian"),
    ("hellas", "greece|greek"),
    ("tyrkia", "turkey|türkiye|turkish"),
    ("nederland", "netherlands|holland|dutch"),
    ("belgia", "belgium|belgian"),
    ("sveits", "switzerland|swiss"),
    ("østerrike", "austria"),
    ("polen", "poland|polish"),
    ("ukraina", "ukraine|ukrainian"),
    ("hviterussland", "belarus"),
    ("estland", "estonia"),
    ("litauen", "lithuania"),
    ("usa", "united states|us|u.s|america|american"),
    ("amerika", "america|american|united states|us"),
    ("sør-korea", "south korea|korea"),
    ("nord-korea", "north korea|korea|dprk"),
    ("irak", "iraq"),
    ("saudi-arabia", "saudi arabia|saudi"),
    ("midtøsten", "middle east"),
    ("nordpolen", "north pole"),
    ("sydpolen", "south pole"),
    ("sørpolen", "south pole"),
    ("arktis", "arctic"),
    ("antarktis", "antarctic"),
    ("østersjøen", "baltic"),
    ("nordsjøen", "north sea"),
    ("middelhavet", "mediterranean"),
    ("atlanterhavet", "atlantic"),
    ("stillehavet", "pacific"),
    ("eu", "eu|european union"),
    ("den europeiske union", "european union|eu"),
    ("nato", "nato|north atlantic treaty organization"),
    ("pst", "pst|police security service"),
    (
        "politiets sikkerhetstjeneste",
        "police security service|pst",
    ),
    ("e-tjenesten", "intelligence service|nis"),
    ("etterretningstjenesten", "intelligence service|nis"),
    ("nsm", "nsm|national security authority"),
    (
        "nasjonal sikkerhetsmyndighet",
        "national security authority|nsm",
    ),
    ("forsvaret", "armed forces|norwegian armed forces"),
    ("stortinget", "storting|parliament"),
    ("moskva", "moscow"),
    ("københavn", "copenhagen"),
    ("peking", "beijing|peking"),
    ("kiev", "kyiv|kiev"),
    ("kyiv", "kyiv|kiev"),
    ("roma", "rome"),
    ("brussel", "brussels"),
    ("genève", "geneva"),
    ("wien", "vienna"),
    ("praha", "prague"),
    ("warszawa", "warsaw"),
    ("lisboa", "lisbon"),
    ("aten", "athens"),
    ("beograd", "belgrade"),
    ("bibelen", "bible"),
    ("jorden", "earth"),
    ("månen", "moon"),
    ("sola", "sun"),
    ("solen", "sun"),
    ("jul", "christmas"),
    ("påske", "easter"),
    ("norsk", "norwegian|norway"),
    ("nordmann", "norwegian"),
    ("russisk", "russian|russia"),
    ("kinesisk", "chinese|china"),
    ("amerikansk", "american|us|u.s"),
    ("europeisk", "european|europe"),
    ("engelsk", "english|england|british"),
    ("fransk", "french|france"),
    ("tysk", "german|germany"),
    ("svensk", "swedish|sweden"),
    ("dansk", "danish|denmark"),
    ("finsk", "finnish|finland"),
    ("islandsk", "icelandic|iceland"),
    ("ukrainsk", "ukrainian|ukraine"),
    ("iransk", "iranian|iran"),
    ("arabisk", "arab|arabic"),
    ("jødisk", "jewish"),
    ("jøde", "jew|jewish"),
    ("muslimsk", "muslim|islamic"),
    ("islamsk", "islamic|muslim"),
    ("kristen", "christian"),
    ("afrikansk", "african|africa"),
    ("asiatisk", "asian|asia"),
    ("japansk", "japanese|japan"),
    ("indisk", "indian|india"),
    ("spansk", "spanish|spain"),
    ("italiensk", "italian|italy"),
    ("polsk", "polish|poland"),
    ("nederlandsk", "dutch|netherlands"),
    ("gresk", "greek|greece"),
    ("tyrkisk", "turkish|turkey"),
    ("nordisk", "nordic"),
    ("vestlig", "western|west"),
    ("katolsk", "catholic"),
    // Exonyms and translated names: people.
    ("ludvig", "louis|ludwig"),
    ("karl", "charles|carl|karl"),
    ("henrik", "henry|henri|heinrich|henrik"),
    ("fredrik", "frederick|friedrich|frederik"),
    ("vilhelm", "william|wilhelm|guillaume"),
    ("wilhelm", "william|wilhelm"),
    ("johannes", "john|johann|jean|johannes"),
    ("jakob", "james|jacob|jakob"),
    ("josef", "joseph|josef"),
    ("paulus", "paul"),
    ("petrus", "peter"),
    ("matteus", "matthew"),
    ("markus", "mark"),
    ("lukas", "luke"),
    ("maria", "mary|maria|marie"),
    ("kristus", "christ"),
    ("katarina", "catherine|katherine|katharina"),
    ("margrete", "margaret|margrethe"),
    ("olav", "olaf|olav"),
    ("sankt", "saint|santa|são"),
    // Exonyms: places.
    ("bayern", "bavaria"),
    ("sachsen", "saxony"),
    ("preussen", "prussia"),
    ("böhmen", "bohemia"),
    ("münchen", "munich"),
    ("köln", "cologne"),
    ("nürnberg", "nuremberg"),
    ("napoli", "naples"),
    ("venezia", "venice"),
    ("firenze", "florence"),
    ("milano", "milan"),
    ("torino", "turin"),
    ("sicilia", "sicily"),
    ("korsika", "corsica"),
    ("kreta", "crete"),
    ("kypros", "cyprus"),
    ("jemen", "yemen"),
    ("tsjekkia", "czech|czechia"),
    ("ungarn", "hungary|hungarian"),
    ("grønland", "greenland"),
    ("vatikanet", "vatican"),
    ("karibia", "caribbean"),
    ("sibir", "siberia"),
    ("krim", "crimea"),
    ("kaukasus", "caucasus"),
    ("donau", "danube"),
    ("rhinen", "rhine"),
    ("themsen", "thames"),
    ("nilen", "nile"),
    ("alpene", "alps"),
    ("pyreneene", "pyrenees"),
    ("libanon", "lebanon"),
    ("kambodsja", "cambodia"),
    ("tadsjikistan", "tajikistan"),
    ("aserbajdsjan", "azerbaijan"),
    ("elfenbenskysten", "ivory coast|côte d'ivoire"),
    ("det hvite hus", "white house"),
    ("fjerne østen", "far east"),
    // Organisations whose names are translated.
    (
        "leger uten grenser",
        "médecins sans frontières|medecins sans frontieres|doctors without borders|msf",
    ),
    ("røde kors", "red cross"),
    (
        "verdens helseorganisasjon",
        "world health organization|world health organisation",
    ),
    ("verdensbanken", "world bank"),
    ("pengefondet", "monetary fund|imf"),
    // Demonyms and adjectives.
    ("afro", "african"),
    ("afrikaner", "african"),
    ("amerikaner", "american"),
    ("europeer", "european"),
    ("asiat", "asian"),
    ("araber", "arab"),
    ("romersk", "roman"),
    ("romer", "roman"),
    ("palestinsk", "palestinian|palestine"),
    ("meksikansk", "mexican|mexico"),
    ("skotsk", "scottish|scots|scotland"),
    ("irsk", "irish|ireland"),
    ("walisisk", "welsh|wales"),
    ("nordmenn", "norwegians"),
    ("svensker", "swedes"),
    ("dansker", "danes"),
    ("tyskere", "germans"),
    ("franskmenn", "french"),
    ("engelskmenn", "english"),
    ("kinesere", "chinese"),
    ("rumensk", "romanian|romania|romani"),
    ("rumener", "romanian|romani"),
    ("pc", "pc|computer|laptop"),
    ("mp", "mp|member of parliament|members of parliament"),
    ("mars", "march|mars"),
    ("bnp", "gdp"),
    ("ki", "ai"),
    ("kunstig intelligens", "ai|artificial intelligence"),
    ("kroner", "nok|kroner|krone"),
    ("kr", "nok|kroner"),
    ("same", "sámi|sami|saami"),
    ("samisk", "sámi|sami|saami"),
    ("is", "isis|isil|islamic state|daesh"),
    ("storbritannias", "uk|britain|british"),
    ("sør", "south|southern"),
    ("nord", "north|northern"),
    ("øst", "east|eastern"),
    ("vest", "west|western"),
    ("ol", "olympic|olympics|games"),
    ("tv", "television|tv"),
    ("gud", "god"),
    ("kongen", "king"),
    ("dronningen", "queen"),
    ("mandag", "monday"),
    ("tirsdag", "tuesday"),
    ("onsdag", "wednesday"),
    ("torsdag", "thursday"),
    ("fredag", "friday"),
    ("lørdag", "saturday"),
    ("søndag", "sunday"),
];

/// English words that are capitalised without being names, or titles that
/// Norwegian writes in lower case.
const NOT_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "januar",
    "februar",
    "mai",
    "juni",
    "juli",
    "oktober",
    "desember",
    "mp",
    "ceo",
    "hall",
    "association",
    "hurricane",
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "ok",
    "prime",
    "minister",
    "ministry",
    "president",
    "government",
    "parliament",
    "secretary",
    "general",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "church",
    "state",
    "republic",
    "democratic",
    "party",
    "army",
    "navy",
    "force",
    "forces",
    "court",
    "council",
    "committee",
    "commission",
    "university",
    "college",
    "school",
    "hospital",
    "city",
    "island",
    "islands",
    "valley",
    "desert",
    "coast",
    "peninsula",
    "canyon",
    "glacier",
    "highway",
    "square",
    "bridge",
    "tower",
    "castle",
    "palace",
    "cathedral",
    "temple",
    "airport",
    "station",
    "province",
    "county",
    "district",
    "region",
    "strait",
    "gulf",
    "cape",
    "falls",
    "street",
    "road",
    "river",
    "lake",
    "mount",
    "mountain",
    "sea",
    "ocean",
    "bay",
    "national",
    "international",
    "museum",
    "park",
    "centre",
    "center",
    "award",
    "prize",
    "cup",
    "games",
    "of",
    "the",
    "and",
    "for",
    "in",
    "on",
    "de",
    "la",
    "le",
    "von",
    "van",
    "der",
    "den",
    "det",
    "og",
    "i",
    "a",
];

/// Term equivalents: built-in plus a user glossary, looked up from either side.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Source term (lower case) → target alternatives (lower case).
    src_to_tgt: BTreeMap<String, Vec<String>>,
    /// Target term (lower case) → source alternatives (lower case).
    tgt_to_src: BTreeMap<String, Vec<String>>,
}

impl Glossary {
    /// The built-in Norwegian–English list only.
    pub fn builtin() -> Glossary {
        let mut g = Glossary::default();
        for (src, tgts) in BUILTIN {
            for t in tgts.split('|') {
                g.add(src, t);
            }
        }
        g
    }

    /// Add one equivalence (both directions).
    pub fn add(&mut self, src: &str, tgt: &str) {
        let (s, t) = (src.trim().to_lowercase(), tgt.trim().to_lowercase());
        self.src_to_tgt
            .entry(s.clone())
            .or_default()
            .push(t.clone());
        self.tgt_to_src
            .entry(t.clone())
            .or_default()
            .push(s.clone());
        // Each longer word of a multi-word term stands for the term, so
        // "United" of "United States" finds "USA".
        for w in t.split(' ').filter(|w| w.chars().count() >= 4) {
            if w != t {
                self.tgt_to_src
                    .entry(w.to_string())
                    .or_default()
                    .push(s.clone());
            }
        }
        for w in s.split(' ').filter(|w| w.chars().count() >= 4) {
            if w != s {
                self.src_to_tgt
                    .entry(w.to_string())
                    .or_default()
                    .push(t.clone());
            }
        }
    }

    /// Number of source terms.
    pub fn len(&self) -> usize {
        self.src_to_tgt.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.src_to_tgt.is_empty()
    }

    /// Read a glossary TSV (source term, tab, target term; `#` comments and
    /// blank lines allowed) and add its entries. A bad line is an error that
    /// names the file and line.
    pub fn load_tsv(&mut self, path: &Path) -> Result<()> {
        let bytes = crate::read::read_bytes(path)?;
        let (text, _) = crate::read::decode_text(path, &bytes)?;
        self.add_tsv(path, &text)
    }

    /// Add the entries of glossary text read from `path` (see
    /// [`Glossary::load_tsv`]). A file without a single entry is an error,
    /// as an empty `--dict` is: it is a wrong file more often than not.
    pub fn add_tsv(&mut self, path: &Path, text: &str) -> Result<()> {
        let mut entries = 0;
        for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let src = cols.next().unwrap_or("").trim();
            let tgt = cols.next().unwrap_or("").trim();
            if src.is_empty() || tgt.is_empty() {
                return Err(Error::Input {
                    path: path.to_path_buf(),
                    message: format!(
                        "line {}: expected `source term<TAB>target term`, got `{}`; fix or remove the line",
                        i + 1,
                        line
                    ),
                });
            }
            for t in tgt.split('|') {
                if !t.trim().is_empty() {
                    self.add(src, t);
                    entries += 1;
                }
            }
        }
        if entries == 0 {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: "no glossary entries found; a glossary is TSV: source term <TAB> target \
                          term, one pair per line"
                    .into(),
            });
        }
        Ok(())
    }

    /// True when `term` (from the source side when `from_src`) has an entry.
    pub fn has(&self, term: &str, from_src: bool) -> bool {
        stems(term)
            .iter()
            .any(|s| self.alternatives(s, from_src).is_some())
    }

    /// Every entry looked up from one side: (term, the other side's
    /// equivalents).
    fn entries(&self, from_src: bool) -> impl Iterator<Item = (&String, &Vec<String>)> {
        if from_src {
            self.src_to_tgt.iter()
        } else {
            self.tgt_to_src.iter()
        }
    }

    /// The other side's equivalents of `term` (lower case), if listed.
    pub fn alternatives(&self, term: &str, from_src: bool) -> Option<&Vec<String>> {
        if from_src {
            self.src_to_tgt.get(term)
        } else {
            self.tgt_to_src.get(term)
        }
    }
}

/// A word of a text with its byte offset.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    /// Byte offset in the text.
    pub start: usize,
    /// The word as written.
    pub text: &'a str,
    /// True when the word starts a sentence (or the text).
    pub initial: bool,
}

/// Words of `text`: letters, digits, inner hyphens, apostrophes and periods
/// (as in "U.S."), with sentence-initial marks.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut initial = true;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_alnum = chars
            .get(k + 1)
            .map(|&(_, n)| n.is_alphanumeric())
            .unwrap_or(false);
        let inner = matches!(c, '-' | '\'' | '’' | '.') && start.is_some() && next_alnum;
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Word {
                start: s,
                text: &text[s..i],
                initial,
            });
            initial = false;
        }
        if matches!(
            c,
            '.' | '!' | '?' | ':' | '«' | '"' | '“' | '•' | '–' | '—' | '('
        ) {
            initial = true;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            text: &text[s..],
            initial,
        });
    }
    out
}

/// True for an acronym ("NATO", "FN"), also with a plural or genitive
/// `s` ("AMs", "NATOs", "MP's").
pub fn acronym_like(w: &str) -> bool {
    let base = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('s'))
        .filter(|b| b.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .unwrap_or(w);
    is_acronym(base)
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !w.chars().any(|c| c.is_ascii_digit())
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// What one side of a document tells about its names.
#[derive(Debug, Clone, Default)]
pub struct NameContext {
    /// Capitalised words used inside sentences (lower-cased): lets a
    /// sentence-initial word count as a name.
    pub names: BTreeSet<String>,
    /// Words the document writes in lower case: never names.
    pub lower: BTreeSet<String>,
    /// Spelling-normalised stems of [`NameContext::names`] (and of their
    /// hyphenated parts): "Canadas" and "Canada's" both give "kanada".
    pub name_stems: BTreeSet<String>,
    /// Acronyms as written ("PA", "NATO"): matched case-sensitively, so
    /// the English "PA" is not known from a Norwegian "pa".
    pub acronyms: BTreeSet<String>,
    /// Stems of [`NameContext::lower`]: the parts a compound is made of.
    pub lower_stems: BTreeSet<String>,
    /// In how many texts (pairs) each capitalised word stands, lower-cased
    /// and without an English possessive ([`own_rendering`]).
    pub texts_with: std::collections::BTreeMap<String, usize>,
}

/// Collect the [`NameContext`] of one side of a document.
pub fn doc_names<'a>(texts: impl Iterator<Item = &'a str>) -> NameContext {
    let mut cx = NameContext::default();
    for t in texts {
        let mut here: BTreeSet<String> = BTreeSet::new();
        for w in words(t) {
            if is_capitalised(w.text) && !is_acronym(w.text) {
                here.insert(rendering_key(w.text));
            }
            let first = w.text.chars().next();
            if first.is_some_and(char::is_lowercase) {
                if !cx.lower.contains(w.text) {
                    cx.lower_stems.extend(stems(w.text));
                    cx.lower.insert(w.text.to_string());
                }
            } else if is_acronym(w.text) {
                cx.acronyms.insert(w.text.to_string());
            } else if !w.initial && is_capitalised(w.text) {
                let lw = w.text.to_lowercase();
                if !cx.names.contains(&lw) {
                    for part in std::iter::once(w.text).chain(w.text.split('-')) {
                        cx.name_stems.extend(stems(part).iter().map(|s| ortho(s)));
                    }
                    cx.names.insert(lw);
                }
            }
        }
        for k in here {
            *cx.texts_with.entry(k).or_default() += 1;
        }
    }
    cx
}

/// The key of [`NameContext::texts_with`]: lower case, no possessive.
fn rendering_key(w: &str) -> String {
    possessive_stems(w).pop().expect("never empty")
}

/// Texts (pairs) a name must stand in, in one edition, before it can be
/// that edition's own rendering ([`own_rendering`]).
pub const OWN_RENDERING_TEXTS: usize = 3;

/// True when `name`, a name of one edition (`own`), is that edition's own
/// way of saying something the other edition (`other`) does not write as a
/// name: it stands in at least [`OWN_RENDERING_TEXTS`] pairs, and the other
/// edition never writes it, alone or at the start of a compound ("Yahweh" in the World English Bible, where the
/// Norwegian says "Herren"; "Beacon" in "the State Beacon Service" for
/// "Statens vardetjeneste"). Such a name is no evidence of a name put in
/// the wrong place. `from_src`: `name` is a source-side name.
pub fn own_rendering(name: &str, own: &NameContext, other: &NameContext, from_src: bool) -> bool {
    let key = rendering_key(name);
    // the other edition writes it when one of its capitalised words is the
    // name or starts with it (the Norwegian compound "Falklandsvalutaen")
    let stem = key.strip_suffix('s').unwrap_or(&key);
    let written = stem.chars().count() >= 4
        && other
            .texts_with
            .range(stem.to_string()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(stem));
    own.texts_with.get(&key).copied().unwrap_or(0) >= OWN_RENDERING_TEXTS
        && !written
        && !other.texts_with.contains_key(&key)
        && !known_name(name, other, from_src)
}

/// The acronym inside `w`, if any: "NATO", "FNs" (genitive), "PC-er"
/// (Norwegian inflection after a hyphen).
fn acronym_base(w: &str) -> Option<&str> {
    let w = w.trim_end_matches('.');
    if is_acronym(w) {
        return Some(w);
    }
    if let Some((head, _)) = w.split_once('-') {
        if is_acronym(head) {
            return Some(head);
        }
    }
    w.strip_suffix('s')
        .or_else(|| w.strip_suffix("'s"))
        .or_else(|| w.strip_suffix("’s"))
        .filter(|b| is_acronym(b))
}

/// True when the document side described by `cx` writes `name` as a name
/// somewhere: the same acronym, or a capitalised word with the same stem
/// ("Canada's" is known from "Canadas"; "Hinduism-bugs" from "Hinduismen").
/// A source-side (Norwegian) `name` is stemmed fully; a target-side
/// (English) one only loses its possessive, since English capitalises
/// plurals of common words in titles ("Crocodiles").
pub fn known_name(name: &str, cx: &NameContext, from_src: bool) -> bool {
    if let Some(a) = acronym_base(name) {
        return cx.acronyms.contains(a);
    }
    let parts: Vec<&str> = if name.contains('-') {
        name.split('-').filter(|p| is_capitalised(p)).collect()
    } else {
        vec![name]
    };
    parts.iter().any(|p| {
        let cands = if from_src {
            stems(p)
        } else {
            possessive_stems(p)
        };
        cands
            .iter()
            .any(|s| s.chars().count() >= 3 && cx.name_stems.contains(&ortho(s)))
    })
}

/// `w` lower-cased, with and without an English possessive.
fn possessive_stems(w: &str) -> Vec<String> {
    let lw = w.to_lowercase().replace('’', "'");
    let mut out = vec![lw.clone()];
    for poss in ["'s", "'"] {
        if let Some(s) = lw.strip_suffix(poss) {
            out.push(s.to_string());
        }
    }
    out
}

/// Norwegian definite and plural endings that mark a word made in Norwegian.
const NO_ENDINGS: &[&str] = &["ene", "ane", "en", "et", "ne", "a"];

/// True when `name` is built from words the document writes in lower case
/// ("Melkeveien" = melke + veien, "Soltempelet" = sol + tempelet): a name
/// made in the document's language, which a translation translates.
pub fn is_compound(name: &str, cx: &NameContext) -> bool {
    let lw = name.to_lowercase();
    let starts: Vec<usize> = lw.char_indices().map(|(i, _)| i).collect();
    let definite = NO_ENDINGS.iter().any(|e| lw.ends_with(e));
    for &at in starts.iter().skip(3) {
        let (head, tail) = lw.split_at(at);
        if tail.chars().count() < 4 {
            break;
        }
        let tail_known =
            cx.lower.contains(tail) || stems(tail).iter().any(|s| cx.lower_stems.contains(s));
        if !tail_known {
            continue;
        }
        let bare = head.strip_suffix(['s', 'e']).unwrap_or(head);
        let head_known = [head, bare]
            .iter()
            .any(|h| cx.lower.contains(*h) || cx.lower_stems.contains(*h));
        if head_known || definite {
            return true;
        }
    }
    false
}

/// True when `name` looks like a name a translation keeps as it is (a
/// person, a place abroad): not an acronym (those get translated: "PC-er"
/// → "computers"), no digits or hyphenated inflection, no listed
/// equivalent, and not a compound of the document's own common words.
pub fn kept_name(name: &str, cx: &NameContext, glossary: &Glossary, from_src: bool) -> bool {
    acronym_base(name).is_none()
        && name.chars().all(char::is_alphabetic)
        && name.chars().count() >= 3
        && !glossary.has(name, from_src)
        && !is_compound(name, cx)
}

/// The names of `text`: capitalised words inside a sentence, acronyms, and
/// sentence-initial words in `known` (the document's mid-sentence names).
/// Texts that are entirely upper case yield no names.
pub fn names<'a>(text: &'a str, known: &NameContext) -> Vec<Word<'a>> {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() > 8 && letters.iter().all(|c| c.is_uppercase());
    if shouting {
        return Vec::new();
    }
    // A title-case heading ("National Threat Assessment 2026") capitalises
    // common words: only acronyms count there.
    let long: Vec<Word> = words(text)
        .into_iter()
        .filter(|w| w.text.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long.iter().filter(|w| is_capitalised(w.text)).count();
    let title = long.len() >= 2
        && long.len() <= 12
        && caps * 10 >= long.len() * 7
        && !text.trim_end().ends_with('.');
    words(text)
        .into_iter()
        .filter(|w| {
            let lw = w.text.to_lowercase();
            if !w.text.chars().next().is_some_and(|c| c.is_alphabetic()) {
                return false;
            }
            static NOT: std::sync::OnceLock<BTreeSet<&'static str>> = std::sync::OnceLock::new();
            let not = NOT.get_or_init(|| NOT_NAMES.iter().copied().collect());
            // "City's" is "City" with a possessive.
            if possessive_stems(&lw)
                .iter()
                .any(|s| not.contains(s.as_str()))
                || crate::report::untranslated::is_en_word(&lw)
                || crate::report::untranslated::is_no_word(&lw)
            {
                return false;
            }
            if is_acronym(w.text) {
                return true;
            }
            if title || !is_capitalised(w.text) || w.text.chars().count() < 2 {
                return false;
            }
            // A word the document also writes in lower case is a common
            // word capitalised for a title or a sentence start.
            if known.lower.contains(&lw) {
                return false;
            }
            !w.initial || known.names.contains(&lw)
        })
        .collect()
}

fn stems(w: &str) -> Vec<String> {
    let lw = w
        .to_lowercase()
        .trim_end_matches('.')
        .replace('’', "'")
        .to_string();
    let mut out = vec![lw.clone()];
    // Genitive of an acronym: "FNs", "NATOs".
    let raw = w.trim_end_matches('.');
    if let Some(base) = raw.strip_suffix('s') {
        if base.chars().count() >= 2 && base.chars().all(|c| c.is_uppercase()) {
            out.push(base.to_lowercase());
        }
    }
    for poss in ["'s", "'"] {
        if let Some(s) = lw.strip_suffix(poss) {
            if !s.is_empty() {
                out.push(s.to_string());
            }
        }
    }
    for suffix in [
        "'s", "'", "s", "en", "et", "ene", "ar", "er", "ane", "a", "e", "n",
    ] {
        if let Some(s) = lw.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                out.push(s.to_string());
            }
        }
    }
    out
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Spelling normalised across Norwegian and English: c/ch → k, ph → f,
/// w → v, z → s, qu → kv, accents dropped.
fn ortho(s: &str) -> String {
    let s = s
        .replace("ch", "k")
        .replace("ph", "f")
        .replace("th", "t")
        .replace("qu", "kv")
        .replace("ck", "k");
    s.chars()
        .map(|c| match c {
            'c' => 'k',
            'w' => 'v',
            'z' => 's',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' | 'ä' => 'a',
            'ó' | 'ò' | 'ô' => 'o',
            'ö' => 'ø',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            _ => c,
        })
        .collect()
}

/// Same name up to inflection and spelling; both already through [`ortho`].
fn similar_normalised(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // A name inside a compound: "diabetes" in "diabetesforeningen".
    if a.chars().count() >= 5 && b.contains(a) || b.chars().count() >= 5 && a.contains(b) {
        return true;
    }
    // Spelling variants keep their first letter (after [`ortho`]): "Hong"
    // is not "Kong".
    if a.chars().next() != b.chars().next() {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let shorter = la.min(lb);
    if shorter >= 4 && common_prefix(a, b) >= 5.min(shorter) {
        return true;
    }
    if shorter >= 4 && la.abs_diff(lb) * 3 <= la.max(lb) {
        let d = strsim::levenshtein(a, b);
        return d * 3 <= la.max(lb);
    }
    false
}

/// A name's sound skeleton: [`ortho`], then `h` dropped, `y`/`j` → `i`,
/// `aa` → `å`, doubled letters single ("Hanok" and "Enoch" → "anok",
/// "enok").
fn skeleton(name: &str) -> String {
    let o = ortho(&name.to_lowercase()).replace("aa", "å");
    let mut out = String::new();
    for c in o.chars().filter(|c| c.is_alphabetic() && *c != 'h') {
        let c = match c {
            'y' | 'j' => 'i',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// True when two names unmatched on either side of a pair are one name
/// spelt the way each language spells it ("Hanok" / "Enoch", "Eva" /
/// "Eve", "Jesaja" / "Isaiah"): at most one edit per four letters of
/// the sound skeleton, and the same length give or take one letter.
pub fn spelling_variants(a: &str, b: &str) -> bool {
    let (a, b) = (skeleton(a), skeleton(b));
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < 3 || la.abs_diff(lb) > 1 {
        return false;
    }
    strsim::levenshtein(&a, &b) <= (la.max(lb) / 4).max(1)
}

/// True when `name` (from the source side when `from_src`) is present in
/// `other` (the other side's text).
pub fn found(name: &str, other: &str, glossary: &Glossary, from_src: bool) -> bool {
    found_in(name, &Other::new(other), glossary, from_src)
}

/// The other side of a pair, prepared once for many [`found_in`] lookups.
#[derive(Debug, Clone)]
pub struct Other {
    lower: String,
    /// Whitespace-separated tokens that start with a capital letter or a
    /// digit, lower case, punctuation trimmed ("hongkong", "600mbit/s").
    joined: Vec<String>,
    words: Vec<String>,
    /// Spelling-normalised stems of every word.
    stems: Vec<String>,
}

impl Other {
    /// Prepare `text`.
    pub fn new(text: &str) -> Other {
        let lower = text.to_lowercase().replace('’', "'");
        let mut words_out: Vec<String> = Vec::new();
        let mut st: Vec<String> = Vec::new();
        // Stems from the words as written, so "MPs" gives the acronym "mp".
        for w in words(text) {
            let t = w.text.trim_end_matches('.');
            let mut parts = vec![t];
            if t.contains('-') {
                parts.extend(t.split('-').filter(|p| !p.is_empty()));
            }
            for p in parts {
                words_out.push(p.to_lowercase().replace('’', "'"));
                st.extend(stems(p).iter().map(|s| ortho(s)));
            }
        }
        st.sort();
        st.dedup();
        let joined = text
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|t| {
                t.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
            .map(|t| t.to_lowercase())
            .collect();
        Other {
            lower,
            joined,
            words: words_out,
            stems: st,
        }
    }

    /// True when a word here is `word` up to inflection and spelling.
    fn has_similar(&self, word: &str) -> bool {
        let o = ortho(&word.to_lowercase());
        self.stems.iter().any(|os| similar_normalised(&o, os))
    }
}

/// [`found`] against a prepared other side.
pub fn found_in(name: &str, other: &Other, glossary: &Glossary, from_src: bool) -> bool {
    if found_whole(name, other, glossary, from_src) {
        return true;
    }
    // Written together on the other side: "Kong" (of "Hong Kong") in
    // "Hongkong", "Mbit" in "600Mbit/s".
    let ln = name.trim_end_matches('.').to_lowercase();
    if ln.chars().count() >= 3
        && other
            .joined
            .iter()
            .any(|t| t.len() > ln.len() && t.contains(ln.as_str()))
    {
        return true;
    }
    // A hyphenated name is found when its capitalised parts are:
    // "ADT-konsernet" by "ADT", but "Mohenjo-daro" not by "daro" alone.
    if !name.contains('-') {
        return false;
    }
    let parts: Vec<&str> = name.split('-').filter(|p| p.chars().count() >= 2).collect();
    let caps: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| is_capitalised(p))
        .collect();
    if caps.is_empty() {
        parts
            .iter()
            .any(|p| found_whole(p, other, glossary, from_src))
    } else {
        caps.iter()
            .all(|p| found_whole(p, other, glossary, from_src))
    }
}

fn found_whole(name: &str, other: &Other, glossary: &Glossary, from_src: bool) -> bool {
    let stems = stems(name);
    for stem in &stems {
        let o = ortho(stem);
        if other.stems.iter().any(|os| similar_normalised(&o, os)) {
            return true;
        }
        if let Some(alts) = glossary.alternatives(stem, from_src) {
            if alts.iter().any(|alt| alternative_in(alt, other)) {
                return true;
            }
        }
    }
    // A listed term spelt differently ("Medecins" for "Médecins"): the
    // longer entries, up to spelling.
    for stem in &stems {
        let o = ortho(stem);
        if o.chars().count() < 5 {
            continue;
        }
        for (key, alts) in glossary.entries(from_src) {
            if key.chars().count() >= 5
                && !key.contains(' ')
                && similar_normalised(&o, &ortho(key))
                && alts.iter().any(|alt| alternative_in(alt, other))
            {
                return true;
            }
        }
    }
    false
}

/// True when the glossary alternative `alt` is in `other`: a single word
/// as a word prefix ("china" in "chinese"), several words each up to
/// spelling ("medecins sans frontieres").
fn alternative_in(alt: &str, other: &Other) -> bool {
    if !alt.contains(' ') {
        return other.words.iter().any(|w| w.starts_with(alt));
    }
    other.lower.contains(alt)
        || alt
            .split(' ')
            .filter(|w| w.chars().count() >= 3)
            .all(|w| other.has_similar(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(src: &str, tgt: &str) -> (Vec<String>, Vec<String>) {
        let g = Glossary::builtin();
        let known = NameContext::default();
        let a = names(src, &known)
            .into_iter()
            .filter(|w| !found(w.text, tgt, &g, true))
            .map(|w| w.text.to_string())
            .collect();
        let b = names(tgt, &known)
            .into_iter()
            .filter(|w| !found(w.text, src, &g, false))
            .map(|w| w.text.to_string())
            .collect();
        (a, b)
    }

    #[test]
    fn equivalents_and_inflection_match() {
        let none = (vec![], vec![]);
        assert_eq!(
            missing(
                "Vi ser at Kina og Russland samarbeider.",
                "We see that China and Russia cooperate."
            ),
            none
        );
        assert_eq!(
            missing("Dette sa FN i går.", "The UN said this yesterday."),
            none
        );
        assert_eq!(
            missing("Dette er Kinas mål.", "This is China's goal."),
            none
        );
        assert_eq!(
            missing(
                "Det gjelder norske interesser.",
                "It concerns Norwegian interests."
            ),
            none
        );
        assert_eq!(
            missing(
                "Vi møtte Jens Stoltenberg i Oslo.",
                "We met Jens Stoltenberg in Oslo."
            ),
            none
        );
        assert_eq!(
            missing("Han reiste til Afrika.", "He went to Africa."),
            none
        );
    }

    #[test]
    fn swapped_name_is_missing_on_both_sides() {
        let (a, b) = missing(
            "Vi ser at Kina øker innflytelsen.",
            "We see that Iran is increasing its influence.",
        );
        assert_eq!(a, vec!["Kina"]);
        assert_eq!(b, vec!["Iran"]);
    }

    #[test]
    fn glossary_line_errors_name_the_line() {
        let mut g = Glossary::default();
        let err = g
            .add_tsv(
                Path::new("g.tsv"),
                "# terms\nHavvind\toffshore wind\nbad line\n",
            )
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("g.tsv") && msg.contains("line 3"), "{msg}");
        let mut g = Glossary::default();
        g.add_tsv(Path::new("g.tsv"), "Havvind\toffshore wind\n")
            .unwrap();
        assert!(found("Havvind", "Offshore wind grows.", &g, true));
        // An empty glossary (or only comments) is refused, as an empty
        // dictionary is.
        for text in ["", "# terms only\n\n"] {
            let err = Glossary::default()
                .add_tsv(Path::new("empty.tsv"), text)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("empty.tsv") && err.contains("no glossary entries"),
                "{err}"
            );
        }
    }

    #[test]
    fn exonyms_and_demonyms_are_equivalents() {
        let none = (vec![], vec![]);
        assert_eq!(
            missing("Kong Ludvig XVI flyktet.", "King Louis XVI fled."),
            none
        );
        assert_eq!(
            missing(
                "Det er mange afroamerikanere her.",
                "There are many African Americans here."
            ),
            none
        );
        assert_eq!(
            missing("De reiste til Bayern.", "They went to Bavaria."),
            none
        );
        // a listed term spelt differently on the other side
        assert_eq!(
            missing(
                "Organisasjonen Leger uten grenser sier det.",
                "The organisation Medecins Sans Frontieres says so."
            ),
            none
        );
    }

    #[test]
    fn hyphenated_name_needs_its_capitalised_parts() {
        // regression: "Howard-daro" was accepted for "Mohenjo-daro" by "daro"
        let (a, _) = missing(
            "Byene Harappa og Mohenjo-daro hadde vannklosett.",
            "The cities of Harappa and Howard-daro had toilets.",
        );
        assert_eq!(a, vec!["Mohenjo-daro"]);
        assert_eq!(
            missing("Selskapet ADT-konsernet vokser.", "The company ADT grows."),
            (vec![], vec![])
        );
    }

    #[test]
    fn fuzzy_match_keeps_the_first_letter() {
        // regression: "Hong" was found in "Kong" (one edit)
        let (a, _) = missing("Byen Hong Kong vokser.", "The city Office Kong grows.");
        assert_eq!(a, vec!["Hong"]);
        assert!(found(
            "Kanada",
            "Canada is big.",
            &Glossary::builtin(),
            true
        ));
    }

    #[test]
    fn known_names_use_stems_and_case_sensitive_acronyms() {
        let src = doc_names(
            [
                "Han bor i Canada og besøkte Canadas hovedstad.",
                "Vi spiser pa.",
            ]
            .into_iter(),
        );
        assert!(known_name("Canada's", &src, false));
        // an English acronym is not known from a lower-case Norwegian word
        assert!(!known_name("PA", &src, false));
        let src = doc_names(["Det sa NATO og FN i går."].into_iter());
        assert!(!known_name("PA", &src, false) && known_name("FNs", &src, true));
        // the English plural of a title word is not stemmed to a name
        let src = doc_names(["Vi så Crocodile River i går."].into_iter());
        assert!(!known_name("Crocodiles", &src, false));
        assert!(known_name("Crocodile's", &src, false));
    }

    #[test]
    fn kept_names_exclude_acronyms_exonyms_and_compounds() {
        let g = Glossary::builtin();
        let cx = doc_names(["Vi gikk på veien med melke og så tempelet i sola."].into_iter());
        assert!(kept_name("Kashiwazaki", &cx, &g, true));
        assert!(kept_name("Auckland", &cx, &g, true));
        assert!(!kept_name("PC-er", &cx, &g, true));
        assert!(!kept_name("NATO", &cx, &g, true));
        assert!(!kept_name("Ludvig", &cx, &g, true));
        assert!(!kept_name("Formel-1", &cx, &g, true));
        // melke + veien, a name made of the document's own words
        assert!(is_compound("Melkeveien", &cx));
        assert!(!kept_name("Melkeveien", &cx, &g, true));
        assert!(!is_compound("Kashiwazaki", &cx));
    }

    #[test]
    fn possessive_of_a_title_word_is_not_a_name() {
        let known = NameContext::default();
        let n: Vec<&str> = names("The size of Vatican City's population is small.", &known)
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(n, vec!["Vatican"]);
    }
}
