//! Translation consistency across an archive of aligned editions: how each
//! source term is rendered in each document, which repeated source
//! sentences were translated differently, and how consistent each
//! document is with the archive.
//!
//! The input is a list of [`Doc`]s (an id and its aligned [`Row`]s, in
//! archive order: the order of the manifest or of the CSVs given). From
//! them [`analyse`] finds
//!
//! - **terms**: single source words (a Norwegian compound is one word)
//!   ranked by frequency, and multi-word terms ranked by C-value (Frantzi,
//!   Ananiadou & Mima), plus every glossary entry;
//! - each term's **renderings**: target words and word pairs associated with
//!   it over the aligned pairs (Dice coefficient, with Dunning's
//!   log-likelihood beside it), each occurrence of the term given the best
//!   associated rendering its pair contains;
//! - **sentences**: source sentences (normalised for whitespace, quotes and
//!   numbers) that occur more than once and were translated differently;
//! - per **document**: the share of term occurrences that use the term's
//!   dominant rendering, and how many sentences repeat earlier documents.
//!
//! Words are compared in lower case; nothing is folded away, so the tables
//! show `aktører`, not `aktorer`.

pub mod html;
pub mod write;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::align::{tokenize, Token};
use crate::error::{Error, Result};
use crate::lexicon::{dice, log_likelihood};
use crate::output::Row;

/// One document of the archive: its id and its aligned pairs.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The document id (the manifest id, or the CSV's file name).
    pub id: String,
    /// The aligned pairs, in pair order.
    pub rows: Vec<Row>,
}

/// One glossary entry: a source term and its expected renderings.
#[derive(Debug, Clone, PartialEq)]
pub struct GlossaryEntry {
    /// The source term (one or more words).
    pub term: String,
    /// The renderings the glossary expects (may be empty).
    pub renderings: Vec<String>,
}

/// Settings for [`analyse`]. Build with [`Options::default`].
#[derive(Debug, Clone)]
pub struct Options {
    /// How many single-word terms (most frequent first). By default, 300.
    pub single_terms: usize,
    /// How many multi-word terms (highest C-value first). By default, 100.
    pub multi_terms: usize,
    /// Least number of aligned pairs a term, or a term and a rendering,
    /// must share to count. By default, 2.
    pub min_count: usize,
    /// Glossary entries, always included. By default, none.
    pub glossary: Vec<GlossaryEntry>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            single_terms: 300,
            multi_terms: 100,
            min_count: 2,
            glossary: Vec::new(),
        }
    }
}

/// How a rendering was found for an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// Given by the glossary.
    Glossary,
    /// Associated with the term over the whole archive (Dice ≥ the
    /// candidate threshold in at least `min_count` pairs).
    Associated,
    /// The same source sentence is translated otherwise elsewhere, with
    /// the term linked on association there: the word that takes the
    /// place of that rendering here.
    Retranslation,
    /// None of the associated renderings is in the pair: the target word of
    /// the pair most associated with the term, not claimed by another term.
    BestGuess,
    /// Nothing in the target could be a rendering.
    None,
}

impl Evidence {
    /// The name written in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Glossary => "glossary",
            Evidence::Associated => "associated",
            Evidence::Retranslation => "retranslation",
            Evidence::BestGuess => "best-guess",
            Evidence::None => "none",
        }
    }
}

/// A place in the archive: document index and pair number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// Index into [`Consistency::docs`].
    pub doc: usize,
    /// The pair number in that document.
    pub pair: usize,
}

/// One rendering of a term.
#[derive(Debug, Clone)]
pub struct Rendering {
    /// The rendering in lower case; empty when nothing was found.
    pub text: String,
    /// How it was found.
    pub evidence: Evidence,
    /// Occurrences of the term (aligned pairs) rendered so.
    pub count: usize,
    /// Occurrences per document, indexed like [`Consistency::docs`].
    pub per_doc: Vec<usize>,
    /// Share of the term's occurrences.
    pub share: f64,
    /// Dice coefficient of term and rendering over the aligned pairs.
    pub dice: f64,
    /// Log-likelihood (G²) of term and rendering over the aligned pairs.
    pub g2: f64,
    /// The first pair rendered so.
    pub example: Place,
}

/// A source term and its renderings.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term in lower case.
    pub term: String,
    /// Number of words.
    pub words: usize,
    /// Aligned pairs with the term on the source side.
    pub frequency: usize,
    /// Termhood: the frequency for a single word, the C-value for a
    /// multi-word term.
    pub termhood: f64,
    /// True for a glossary entry.
    pub glossary: bool,
    /// Renderings, most frequent first (ties: higher Dice, then text).
    pub renderings: Vec<Rendering>,
}

impl Term {
    /// The rendering used most often (the first), if any.
    pub fn dominant(&self) -> Option<&Rendering> {
        self.renderings.first()
    }
}

/// One way a repeated source sentence was translated.
#[derive(Debug, Clone)]
pub struct SentenceRendering {
    /// The target text, normalised like the source.
    pub text: String,
    /// Where it occurs.
    pub places: Vec<Place>,
}

/// A source sentence that occurs more than once and was translated
/// differently.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The source sentence, normalised.
    pub src: String,
    /// Its renderings, most frequent first.
    pub renderings: Vec<SentenceRendering>,
}

impl Sentence {
    /// Occurrences over all renderings.
    pub fn occurrences(&self) -> usize {
        self.renderings.iter().map(|r| r.places.len()).sum()
    }

    /// True when the sentence occurs more than once in one document.
    pub fn within_document(&self) -> bool {
        let mut seen = HashSet::new();
        self.renderings
            .iter()
            .flat_map(|r| &r.places)
            .any(|p| !seen.insert(p.doc))
    }
}

/// Statistics of one document.
#[derive(Debug, Clone, Default)]
pub struct DocStats {
    /// Aligned pairs with text on both sides.
    pub pairs: usize,
    /// Occurrences of the archive's terms.
    pub term_occurrences: usize,
    /// Of those, rendered with the term's dominant rendering.
    pub dominant: usize,
    /// Source sentences that occur in an earlier document.
    pub repeated: usize,
    /// Of those, translated unlike every earlier occurrence.
    pub repeated_differently: usize,
}

impl DocStats {
    /// Term consistency: `dominant / term_occurrences`, `None` without terms.
    pub fn consistency(&self) -> Option<f64> {
        (self.term_occurrences > 0).then(|| self.dominant as f64 / self.term_occurrences as f64)
    }
}

/// The result of [`analyse`].
#[derive(Debug, Clone)]
pub struct Consistency {
    /// Document ids, in archive order.
    pub docs: Vec<String>,
    /// Terms, most frequent first (glossary entries included).
    pub terms: Vec<Term>,
    /// Repeated source sentences translated differently, most frequent
    /// first.
    pub sentences: Vec<Sentence>,
    /// Per-document statistics, indexed like `docs`.
    pub documents: Vec<DocStats>,
    /// The source and target text of each place that is cited (examples and
    /// sentences), for the reports.
    pub texts: BTreeMap<Place, (String, String)>,
}

const NB_STOP: &[&str] = &[
    "og",
    "i",
    "på",
    "til",
    "av",
    "for",
    "med",
    "som",
    "det",
    "den",
    "de",
    "er",
    "en",
    "et",
    "ei",
    "å",
    "at",
    "om",
    "har",
    "var",
    "ikke",
    "seg",
    "han",
    "hun",
    "vi",
    "jeg",
    "du",
    "dere",
    "meg",
    "deg",
    "oss",
    "dem",
    "ham",
    "henne",
    "sin",
    "sitt",
    "sine",
    "sin",
    "min",
    "mitt",
    "mine",
    "din",
    "ditt",
    "dine",
    "hans",
    "hennes",
    "deres",
    "vår",
    "vårt",
    "våre",
    "fra",
    "men",
    "eller",
    "så",
    "da",
    "når",
    "der",
    "her",
    "hvor",
    "hva",
    "hvem",
    "hvis",
    "skal",
    "vil",
    "kan",
    "må",
    "kunne",
    "ville",
    "skulle",
    "måtte",
    "blir",
    "ble",
    "blitt",
    "være",
    "vært",
    "hadde",
    "ha",
    "også",
    "etter",
    "over",
    "under",
    "mot",
    "ved",
    "uten",
    "mellom",
    "gjennom",
    "denne",
    "dette",
    "disse",
    "andre",
    "annen",
    "annet",
    "noen",
    "noe",
    "ingen",
    "alle",
    "alt",
    "hele",
    "mer",
    "mest",
    "mange",
    "flere",
    "sa",
    "sier",
    "opp",
    "ut",
    "inn",
    "ned",
    "bare",
    "nå",
    "enn",
    "slik",
    "hvordan",
    "hvorfor",
    "fordi",
    "både",
    "mens",
    "selv",
    "nok",
    "igjen",
    "kom",
    "hos",
    "likevel",
    "derfor",
    "dersom",
    "ikkje",
    "eg",
    "ho",
    "me",
    "dei",
    "frå",
    "korleis",
    "kva",
    "kven",
    "berre",
    "sjølv",
    "eit",
    "ein",
    "då",
    "no",
    "vere",
    "vore",
    "blei",
    "også",
    "mykje",
    "meir",
    "dykk",
    "deira",
    "sitt",
    "seg",
    "hjå",
    "gjennom",
    "sidan",
    "fordi",
    "amen",
    "man",
    "kun",
    "samme",
    "hver",
    "hvert",
    "enkelte",
    "sammen",
    "ennå",
    "allerede",
    "aldri",
    "alltid",
    // pronouns, prepositions, adverbs and auxiliaries the lists above lack
    "dets",
    "dens",
    "intet",
    "ingenting",
    "hverandre",
    "hvilken",
    "hvilket",
    "hvilke",
    "slike",
    "slikt",
    "meget",
    "veldig",
    "svært",
    "heller",
    "altså",
    "dog",
    "omkring",
    "rundt",
    "foran",
    "bak",
    "blant",
    "langs",
    "innen",
    "ifølge",
    "før",
    "siden",
    "ettersom",
    "idet",
    "bli",
    "vær",
    "vært",
    "gjennom",
    // older Bokmål spellings (the 1930 Bible, reports quoting older text)
    "sig",
    "mig",
    "dig",
    "eder",
    "eders",
    "blev",
    "efter",
    "hvad",
    "nu",
    "op",
    "vilde",
    "skulde",
    "kunde",
    "hvorledes",
    "ikkje",
    "iblandt",
    "imot",
    "idag",
    "således",
];

const EN_STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
    "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
    "those", "he", "she", "they", "we", "you", "i", "me", "him", "her", "them", "us", "his",
    "their", "our", "your", "my", "mine", "not", "no", "but", "if", "than", "so", "which", "who",
    "whom", "what", "when", "where", "why", "how", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "have", "has", "had", "do", "does", "did", "also", "into",
    "over", "under", "out", "up", "down", "there", "here", "all", "any", "some", "more", "most",
    "other", "such", "only", "own", "same", "too", "very", "just", "about", "after", "before",
    "between", "through", "because", "while", "both", "each", "said", "says", "one", "upon",
    "unto", "yet", "even", "again", "s", "t", "let", "because",
];

/// A Norwegian or English function word (`og`, `det`, `the`, `from`):
/// linked to keep it off content words, never a term or a rendering.
pub fn function_word(w: &str) -> bool {
    static SETS: std::sync::OnceLock<(HashSet<String>, HashSet<String>)> =
        std::sync::OnceLock::new();
    let (nb, en) = SETS.get_or_init(|| (stop_set(NB_STOP), stop_set(EN_STOP)));
    nb.contains(w) || en.contains(w)
}

fn stop_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// The words of a text in lower case, in runs not broken by punctuation or
/// numbers.
fn runs(text: &str) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    for t in tokenize(text) {
        match t {
            Token::Word(w) => out.last_mut().expect("never empty").push(w.to_lowercase()),
            _ => {
                if !out.last().expect("never empty").is_empty() {
                    out.push(Vec::new());
                }
            }
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

fn content(w: &str, stop: &HashSet<String>) -> bool {
    w.chars().count() >= 2 && w.chars().all(char::is_alphabetic) && !stop.contains(w)
}

/// Most words in a multi-word term.
const MAX_TERM_WORDS: usize = 4;

/// The n-grams (2..=MAX_TERM_WORDS words) of a run that begin and end with
/// a content word of at least three letters.
fn ngrams<'a>(
    run: &'a [String],
    stop: &'a HashSet<String>,
) -> impl Iterator<Item = (usize, String)> + 'a {
    let ok = move |w: &str| w.chars().count() >= 3 && content(w, stop);
    (0..run.len()).flat_map(move |i| {
        (2..=MAX_TERM_WORDS)
            .filter(move |n| i + n <= run.len())
            .filter(move |n| ok(&run[i]) && ok(&run[i + n - 1]))
            .map(move |n| (n, run[i..i + n].join(" ")))
    })
}

/// Normalise a sentence for comparison: quotes unified, every number
/// written `#`, whitespace collapsed.
pub fn normalise_sentence(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' | '‟' | '″' => '"',
            '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
            '–' | '—' | '‒' => '-',
            c => c,
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii_digit() {
            // 1 250, 1,250 and 12.5 are one number each.
            while i < chars.len() {
                if chars[i].is_ascii_digit() {
                    i += 1;
                } else if matches!(chars[i], ',' | '.' | ' ' | '\u{a0}' | '\u{202f}')
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
                {
                    i += 2;
                } else {
                    break;
                }
            }
            out.push('#');
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Parse a glossary in TSV: `term <TAB> rendering[; rendering …]`, a first
/// line naming the columns allowed (when it starts with `term` or
/// `source`), `#` lines and empty lines skipped. A row without a term is an
/// error naming the row.
pub fn parse_glossary(path: &Path, text: &str) -> Result<Vec<GlossaryEntry>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let row = i as u64 + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cells = line.split('\t');
        let term = cells.next().unwrap_or("").trim();
        if i == 0 && matches!(term.to_lowercase().as_str(), "term" | "source" | "src") {
            continue;
        }
        let bad = |message: &str| Error::Row {
            path: path.to_path_buf(),
            row,
            column: "term".into(),
            message: message.into(),
        };
        if term.is_empty() {
            return Err(bad(
                "the row has no term; a glossary row is `term <TAB> rendering[; rendering]`",
            ));
        }
        if runs(term).concat().is_empty() {
            return Err(bad(&format!(
                "`{term}` has no word in it; a glossary term is one or more words"
            )));
        }
        let renderings: Vec<String> = cells
            .next()
            .unwrap_or("")
            .split(';')
            .map(|r| runs(r).concat().join(" "))
            .filter(|r| !r.is_empty())
            .collect();
        if cells.any(|c| !c.trim().is_empty()) {
            return Err(Error::Row {
                path: path.to_path_buf(),
                row,
                column: "rendering".into(),
                message: "more than two tab-separated cells; separate renderings with `;`".into(),
            });
        }
        out.push(GlossaryEntry {
            term: runs(term).concat().join(" "),
            renderings,
        });
    }
    if out.is_empty() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "the glossary has no entries; give `term <TAB> rendering` rows".into(),
        });
    }
    Ok(out)
}

/// Interned strings.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.names.push(s.to_string());
        id
    }
    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }
}

/// One aligned pair prepared for counting.
struct Unit {
    place: Place,
    /// False when the same pair (same words on both sides) came earlier:
    /// it is an occurrence, but no new evidence for association.
    distinct: bool,
    /// Source terms present (indices into the term list) with their
    /// relative position in the sentence, sorted.
    terms: Vec<(usize, f32)>,
    /// Single target words present with their relative position, sorted.
    positions: Vec<(u32, f32)>,
    /// Target candidates present (interned), sorted.
    cands: Vec<u32>,
    /// Source words present (interned apart from the targets) with their
    /// relative position, sorted.
    src_words: Vec<(u32, f32)>,
    /// The target words in lower case, space-joined and padded with spaces
    /// (for glossary renderings of any length).
    tgt_words: String,
    /// The target words (interned) in order.
    seq: Vec<u32>,
    /// The source sentence (its words, interned): pairs with the same key
    /// are translations of one sentence.
    src_key: u32,
}

/// Analyse an archive. `docs` in archive order.
pub fn analyse(docs: &[Doc], opts: &Options) -> Consistency {
    analyse_with(docs, opts, false).0
}

/// A source word and a target word linked in some of the distinct pairs
/// of an archive (see [`word_links`]).
#[derive(Debug, Clone, PartialEq)]
pub struct WordLink {
    /// The source word, lower case.
    pub src: String,
    /// The target word, lower case.
    pub tgt: String,
    /// Distinct pairs in which the two are linked on association.
    pub links: usize,
    /// Distinct pairs with the source word.
    pub src_pairs: usize,
    /// Distinct pairs with the target word.
    pub tgt_pairs: usize,
}

/// How the words of an archive's pairs are linked: every pair's words are
/// linked one to one as they are for the renderings of terms (below), and
/// the links on association of each source word and single target word
/// counted over the distinct pairs. What `tolk learn` learns from. Sorted
/// by source word, then target word.
pub fn word_links(docs: &[Doc]) -> Vec<WordLink> {
    let opts = Options {
        single_terms: 0,
        multi_terms: 0,
        ..Options::default()
    };
    analyse_with(docs, &opts, true).1
}

/// [`analyse`], and with `want_links` the [`word_links`] too (the
/// analysis is then left empty).
fn analyse_with(docs: &[Doc], opts: &Options, want_links: bool) -> (Consistency, Vec<WordLink>) {
    let nb_stop = stop_set(NB_STOP);
    let en_stop = stop_set(EN_STOP);
    // Pairs with text on both sides; a passage left untranslated (the same
    // text on both sides) is no evidence of how anything is translated.
    let two_sided = |r: &Row| {
        r.src_text.chars().any(char::is_alphanumeric)
            && r.tgt_text.chars().any(char::is_alphanumeric)
            && normalise_sentence(&r.src_text) != normalise_sentence(&r.tgt_text)
    };

    // Pass 1: term candidates and their frequencies (in aligned pairs).
    let mut single: HashMap<String, usize> = HashMap::new();
    let mut multi: HashMap<String, (usize, usize)> = HashMap::new(); // (words, freq)
    for doc in docs {
        for row in doc.rows.iter().filter(|r| two_sided(r)) {
            let rs = runs(&row.src_text);
            let mut seen: HashSet<&str> = HashSet::new();
            for w in rs.iter().flatten() {
                // English function words inside a Norwegian text are quoted
                // or untranslated passages, not terms.
                if w.chars().count() >= 3
                    && content(w, &nb_stop)
                    && !en_stop.contains(w)
                    && seen.insert(w)
                {
                    *single.entry(w.clone()).or_default() += 1;
                }
            }
            let mut seen_n: HashSet<String> = HashSet::new();
            for run in &rs {
                for (n, g) in ngrams(run, &nb_stop) {
                    if seen_n.insert(g.clone()) {
                        multi.entry(g).or_insert((n, 0)).1 += 1;
                    }
                }
            }
        }
    }
    let mut singles: Vec<(String, usize)> = single
        .into_iter()
        .filter(|(_, f)| *f >= opts.min_count)
        .collect();
    singles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    singles.truncate(opts.single_terms);

    // C-value over the multi-word candidates seen at least three times.
    multi.retain(|_, (_, f)| *f >= opts.min_count.max(3));
    let mut nested: HashMap<&str, (usize, usize)> = HashMap::new(); // Σ f(b), |T_a|
    for (b, (n, fb)) in &multi {
        let words: Vec<&str> = b.split(' ').collect();
        for len in 2..*n {
            for i in 0..=(n - len) {
                let a = words[i..i + len].join(" ");
                if let Some((key, _)) = multi.get_key_value(&a) {
                    let e = nested.entry(key.as_str()).or_default();
                    e.0 += fb;
                    e.1 += 1;
                }
            }
        }
    }
    let mut multis: Vec<(String, usize, f64)> = multi
        .iter()
        .map(|(a, (n, f))| {
            let c = match nested.get(a.as_str()) {
                Some((sum, t)) => (*n as f64).log2() * (*f as f64 - *sum as f64 / *t as f64),
                None => (*n as f64).log2() * *f as f64,
            };
            (a.clone(), *f, c)
        })
        .filter(|(_, _, c)| *c >= 2.0)
        .collect();
    multis.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    multis.truncate(opts.multi_terms);

    // The term list: glossary entries, then single words, then multi-word
    // terms (each once).
    let mut terms: Vec<Term> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut expected: Vec<Vec<String>> = Vec::new();
    let mut push = |term: &str, termhood: f64, glossary: bool, exp: Vec<String>| {
        if let Some(&k) = index.get(term) {
            if glossary {
                terms[k].glossary = true;
                expected[k] = exp;
            }
            return;
        }
        index.insert(term.to_string(), terms.len());
        terms.push(Term {
            term: term.to_string(),
            words: term.split(' ').count(),
            frequency: 0,
            termhood,
            glossary,
            renderings: Vec::new(),
        });
        expected.push(exp);
    };
    for g in &opts.glossary {
        push(&g.term, 0.0, true, g.renderings.clone());
    }
    for (w, f) in &singles {
        push(w, *f as f64, false, Vec::new());
    }
    for (g, _, c) in &multis {
        push(g, *c, false, Vec::new());
    }
    for t in terms.iter_mut() {
        if t.glossary && t.termhood == 0.0 {
            t.termhood = if t.words == 1 {
                singles
                    .iter()
                    .find(|s| s.0 == t.term)
                    .map_or(0.0, |s| s.1 as f64)
            } else {
                multis.iter().find(|s| s.0 == t.term).map_or(0.0, |s| s.2)
            };
        }
    }

    // Pass 2: units (pairs with their terms and target candidates), and
    // counts over distinct pairs: c(term), c(rendering), c(term, rendering).
    // A pair repeated word for word (boilerplate, an unchanged passage in
    // the next edition) is one piece of evidence of how words translate,
    // however often it recurs; it still counts as an occurrence.
    let mut interner = Interner::default();
    let mut src_interner = Interner::default();
    let mut parts: Vec<Option<(u32, u32)>> = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut seen_pairs: HashSet<(String, String)> = HashSet::new();
    let mut sentence_ids = Interner::default();
    for (d, doc) in docs.iter().enumerate() {
        for row in doc.rows.iter().filter(|r| two_sided(r)) {
            let rs = runs(&row.src_text);
            // Each term present, with its relative position (0 = first word,
            // 1 = last) at its first occurrence.
            let n_src = rs.iter().map(Vec::len).sum::<usize>().max(2) - 1;
            let mut present: BTreeMap<usize, f32> = BTreeMap::new();
            let mut src_pos: BTreeMap<u32, f32> = BTreeMap::new();
            let mut at = 0usize;
            for run in &rs {
                for i in 0..run.len() {
                    src_pos
                        .entry(src_interner.id(&run[i]))
                        .or_insert((at + i) as f32 / n_src as f32);
                    let mut key = String::new();
                    for n in 1..=MAX_TERM_WORDS.min(run.len() - i) {
                        if n > 1 {
                            key.push(' ');
                        }
                        key.push_str(&run[i + n - 1]);
                        if let Some(&k) = index.get(&key) {
                            present.entry(k).or_insert((at + i) as f32 / n_src as f32);
                        }
                    }
                }
                at += run.len();
            }
            let tr = runs(&row.tgt_text);
            let n_tgt = tr.iter().map(Vec::len).sum::<usize>().max(2) - 1;
            let mut cands: BTreeSet<u32> = BTreeSet::new();
            let mut positions: BTreeMap<u32, f32> = BTreeMap::new();
            let mut at = 0usize;
            for run in &tr {
                for (i, w) in run.iter().enumerate() {
                    // Every word is linked (a function word to a function
                    // word, so that it takes no content word), but only
                    // content words and pairs of them are renderings.
                    let id = interner.id(w);
                    cands.insert(id);
                    positions
                        .entry(id)
                        .or_insert((at + i) as f32 / n_tgt as f32);
                    if content(w, &en_stop) {
                        if let Some(next) = run.get(i + 1) {
                            if content(next, &en_stop) {
                                let next_id = interner.id(next);
                                let pair = interner.id(&format!("{w} {next}"));
                                if parts.len() <= pair as usize {
                                    parts.resize(pair as usize + 1, None);
                                }
                                parts[pair as usize] = Some((id, next_id));
                                cands.insert(pair);
                            }
                        }
                    }
                }
                at += run.len();
            }
            let tgt_words = format!(" {} ", tr.concat().join(" "));
            let seq: Vec<u32> = tr.iter().flatten().map(|w| interner.id(w)).collect();
            let src_sentence = rs.iter().flatten().cloned().collect::<Vec<_>>().join(" ");
            let src_key = sentence_ids.id(&src_sentence);
            let distinct = seen_pairs.insert((src_sentence, tgt_words.clone()));
            units.push(Unit {
                place: Place {
                    doc: d,
                    pair: row.pair,
                },
                distinct,
                terms: present.into_iter().collect(),
                cands: cands.into_iter().collect(),
                positions: positions.into_iter().collect(),
                src_words: src_pos.into_iter().collect(),
                tgt_words,
                seq,
                src_key,
            });
        }
    }
    drop(seen_pairs);
    drop(sentence_ids);
    parts.resize(interner.names.len(), None);
    let tgt_content: Vec<bool> = interner
        .names
        .iter()
        .zip(&parts)
        .map(|(w, p)| p.is_some() || content(w, &en_stop))
        .collect();
    let mut c_cand: Vec<usize> = vec![0; interner.names.len()];
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut ft: Vec<usize> = vec![0; terms.len()];
    let mut cooc: Vec<HashMap<u32, usize>> = vec![HashMap::new(); terms.len()];
    let mut n_units = 0;
    for (k, u) in units.iter().enumerate() {
        for &(t, _) in &u.terms {
            terms[t].frequency += 1;
        }
        if !u.distinct {
            continue;
        }
        n_units += 1;
        for &c in &u.cands {
            c_cand[c as usize] += 1;
        }
        for &(s, _) in &u.src_words {
            postings.entry(s).or_default().push(k);
        }
        for &(t, _) in &u.terms {
            ft[t] += 1;
            for &c in &u.cands {
                *cooc[t].entry(c).or_default() += 1;
            }
        }
    }
    let score = |c: u32, joint: usize, ft: usize| -> (f64, f64) {
        let fc = c_cand[c as usize];
        (dice(joint, ft, fc), log_likelihood(joint, ft, fc, n_units))
    };
    let src_content: Vec<bool> = src_interner
        .names
        .iter()
        .map(|w| w.chars().count() >= 3 && content(w, &nb_stop) && !en_stop.contains(w))
        .collect();
    let as_is: Vec<Option<u32>> = src_interner
        .names
        .iter()
        .map(|w| {
            interner
                .get(w)
                .filter(|_| w.chars().count() >= 4 && !w.contains(' '))
        })
        .collect();
    let words = Words {
        names: &interner.names,
        parts: &parts,
        src_content: &src_content,
        tgt_content: &tgt_content,
        as_is: &as_is,
    };
    let mut f_src: Vec<usize> = vec![0; src_interner.names.len()];
    for (&s, list) in &postings {
        f_src[s as usize] = list.len();
    }
    // First links: by co-occurrence over the distinct pairs.
    let keep = |joint: &HashMap<u32, usize>, f: usize| -> HashMap<u32, f64> {
        joint
            .iter()
            .filter(|&(&c, &j)| {
                // More often together than by chance.
                j >= opts.min_count && j * n_units > f * c_cand[c as usize]
            })
            .map(|(&c, &j)| (c, log_likelihood(j, f, c_cand[c as usize], n_units)))
            .filter(|&(_, g)| g >= LINK_G2)
            .collect()
    };
    // Every source word against every candidate it meets, in parallel (a
    // dense counter per thread; the result does not depend on the order).
    let n_cands = interner.names.len();
    let by_word: Vec<(&u32, &Vec<usize>)> = postings.iter().collect();
    let word_assoc: HashMap<u32, HashMap<u32, f64>> = by_word
        .par_iter()
        .map_init(
            || (vec![0usize; n_cands], Vec::new()),
            |(count, touched), &(&s, list)| {
                for &k in list {
                    for &c in &units[k].cands {
                        if count[c as usize] == 0 {
                            touched.push(c);
                        }
                        count[c as usize] += 1;
                    }
                }
                let joint: HashMap<u32, usize> = touched
                    .drain(..)
                    .map(|c| (c, std::mem::take(&mut count[c as usize])))
                    .filter(|&(_, j)| j >= opts.min_count)
                    .collect();
                (s, keep(&joint, list.len()))
            },
        )
        .collect();
    let term_assoc: Vec<HashMap<u32, f64>> =
        cooc.iter().zip(&ft).map(|(co, &f)| keep(co, f)).collect();
    // Then count how often each word or term was linked to each candidate
    // (competitive linking re-estimated, Melamed 2000): a context word that
    // merely accompanies a term is linked to its own source word, so it
    // stops looking like the term's rendering.
    let mut word_links: HashMap<u32, HashMap<u32, usize>> = HashMap::new();
    let mut term_links: Vec<HashMap<u32, usize>> = vec![HashMap::new(); terms.len()];
    let mut linked: Vec<usize> = vec![0; interner.names.len()];
    let none = Retranslated::default();
    let first = Scores {
        words: &word_assoc,
        terms: &term_assoc,
        additions: &[],
        fallback: None,
    };
    let distinct: Vec<&Unit> = units.iter().filter(|u| u.distinct).collect();
    let linked_first: Vec<_> = distinct
        .par_iter()
        .map(|u| link_unit(u, &terms, &words, &src_interner, &first, &none))
        .collect();
    for (u, (single, multi)) in distinct.iter().zip(linked_first) {
        for (&(s, _), l) in u.src_words.iter().zip(single) {
            if let Some((c, Evidence::Associated)) = l {
                *word_links.entry(s).or_default().entry(c).or_default() += 1;
                match parts[c as usize] {
                    Some((a, b)) => {
                        linked[a as usize] += 1;
                        linked[b as usize] += 1;
                    }
                    None => linked[c as usize] += 1,
                }
            }
        }
        for (t, l) in multi {
            if let Some((c, Evidence::Associated)) = l {
                *term_links[t].entry(c).or_default() += 1;
            }
        }
    }
    // How often each source word and term was linked on association where
    // it occurs.
    let word_rate: Vec<f32> = f_src
        .iter()
        .enumerate()
        .map(|(s, &f)| {
            let n: usize = word_links.get(&(s as u32)).map_or(0, |m| m.values().sum());
            n as f32 / f.max(1) as f32
        })
        .collect();
    let term_rate: Vec<f32> = term_links
        .iter()
        .zip(&ft)
        .map(|(m, &f)| m.values().sum::<usize>() as f32 / f.max(1) as f32)
        .collect();
    let word_links: HashMap<u32, HashMap<u32, f64>> = word_links
        .into_iter()
        .map(|(s, m)| (s, keep(&m, f_src[s as usize])))
        .collect();
    let term_links: Vec<HashMap<u32, f64>> = term_links
        .iter()
        .zip(&ft)
        .map(|(m, &f)| keep(m, f))
        .collect();
    // A word that recurs in the target but is rarely linked to anything is
    // an addition (a connective, a filler), not a rendering left over.
    let additions: Vec<bool> = linked
        .iter()
        .zip(&c_cand)
        .map(|(&l, &f)| f >= ADDITION_MIN && l * 4 < f)
        .collect();
    let second = Scores {
        words: &word_links,
        terms: &term_links,
        additions: &additions,
        fallback: Some(Fallback {
            words: &word_assoc,
            terms: &term_assoc,
            word_rate: &word_rate,
            term_rate: &term_rate,
        }),
    };

    if want_links {
        let finals: Vec<_> = distinct
            .par_iter()
            .map(|u| link_unit(u, &terms, &words, &src_interner, &second, &none).0)
            .collect();
        let mut n: HashMap<(u32, u32), usize> = HashMap::new();
        for (u, single) in distinct.iter().zip(finals) {
            for (&(s, _), l) in u.src_words.iter().zip(single) {
                if let Some((c, Evidence::Associated)) = l {
                    if parts[c as usize].is_none() {
                        *n.entry((s, c)).or_default() += 1;
                    }
                }
            }
        }
        let mut links: Vec<WordLink> = n
            .into_iter()
            .map(|((s, c), links)| WordLink {
                src: src_interner.names[s as usize].clone(),
                tgt: interner.names[c as usize].clone(),
                links,
                src_pairs: f_src[s as usize],
                tgt_pairs: c_cand[c as usize],
            })
            .collect();
        links.sort_by(|a, b| a.src.cmp(&b.src).then_with(|| a.tgt.cmp(&b.tgt)));
        let empty = Consistency {
            docs: docs.iter().map(|d| d.id.clone()).collect(),
            terms: Vec::new(),
            sentences: Vec::new(),
            documents: Vec::new(),
            texts: BTreeMap::new(),
        };
        return (empty, links);
    }

    // Pass 3: each occurrence gets one rendering: a glossary rendering the
    // pair holds, else what the term is linked to.
    struct Acc {
        evidence: Evidence,
        per_doc: Vec<usize>,
        example: Place,
    }
    let mut acc: Vec<BTreeMap<String, Acc>> = (0..terms.len()).map(|_| BTreeMap::new()).collect();
    let retranslated = retranslation_links(&units, &terms, &words, &src_interner, &second);
    let with_terms: Vec<&Unit> = units.iter().filter(|u| !u.terms.is_empty()).collect();
    let rendered: Vec<Vec<(String, Evidence)>> = with_terms
        .par_iter()
        .map(|u| {
            let re = retranslated
                .get(&(u.src_key, u.seq.as_slice()))
                .unwrap_or(&none);
            render_unit(u, &terms, &expected, &words, &src_interner, &second, re)
        })
        .collect();
    for (u, got) in with_terms.iter().zip(rendered) {
        for (&(t, _), (text, evidence)) in u.terms.iter().zip(got) {
            let a = acc[t].entry(text).or_insert_with(|| Acc {
                evidence,
                per_doc: vec![0; docs.len()],
                example: u.place,
            });
            a.per_doc[u.place.doc] += 1;
        }
    }
    let mut texts: BTreeMap<Place, (String, String)> = BTreeMap::new();
    for (t, term) in terms.iter_mut().enumerate() {
        let total = term.frequency.max(1) as f64;
        let mut rs: Vec<Rendering> = std::mem::take(&mut acc[t])
            .into_iter()
            .map(|(text, a)| {
                let count: usize = a.per_doc.iter().sum();
                let (d, g) = match interner.get(&text) {
                    Some(c) => {
                        let j = cooc[t].get(&c).copied().unwrap_or(0);
                        score(c, j, ft[t])
                    }
                    None => (0.0, 0.0),
                };
                Rendering {
                    text,
                    evidence: a.evidence,
                    count,
                    per_doc: a.per_doc,
                    share: count as f64 / total,
                    dice: d,
                    g2: g,
                    example: a.example,
                }
            })
            .collect();
        rs.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.dice.total_cmp(&a.dice))
                .then_with(|| a.text.cmp(&b.text))
        });
        for r in &rs {
            texts.insert(r.example, (String::new(), String::new()));
        }
        term.renderings = rs;
    }
    terms.sort_by(|a, b| {
        b.frequency
            .cmp(&a.frequency)
            .then(b.termhood.total_cmp(&a.termhood))
            .then_with(|| a.term.cmp(&b.term))
    });

    // Sentences.
    let mut groups: BTreeMap<String, Vec<(String, Place)>> = BTreeMap::new();
    let mut documents = vec![DocStats::default(); docs.len()];
    let mut earlier: HashMap<String, (usize, HashSet<String>)> = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        let mut this_doc: Vec<(String, String)> = Vec::new();
        for row in doc.rows.iter().filter(|r| two_sided(r)) {
            documents[d].pairs += 1;
            let src = normalise_sentence(&row.src_text);
            if src
                .split(' ')
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                < 2
            {
                continue;
            }
            let tgt = normalise_sentence(&row.tgt_text);
            if let Some((first_doc, seen)) = earlier.get(&src) {
                if *first_doc < d {
                    documents[d].repeated += 1;
                    if !seen.contains(&tgt) {
                        documents[d].repeated_differently += 1;
                    }
                }
            }
            groups.entry(src.clone()).or_default().push((
                tgt.clone(),
                Place {
                    doc: d,
                    pair: row.pair,
                },
            ));
            this_doc.push((src, tgt));
        }
        for (src, tgt) in this_doc {
            earlier
                .entry(src)
                .or_insert_with(|| (d, HashSet::new()))
                .1
                .insert(tgt);
        }
    }
    let mut sentences: Vec<Sentence> = Vec::new();
    for (src, occ) in groups {
        if occ.len() < 2 {
            continue;
        }
        let mut by: BTreeMap<String, Vec<Place>> = BTreeMap::new();
        for (tgt, place) in occ {
            by.entry(tgt).or_default().push(place);
        }
        if by.len() < 2 {
            continue;
        }
        let mut renderings: Vec<SentenceRendering> = by
            .into_iter()
            .map(|(text, places)| SentenceRendering { text, places })
            .collect();
        renderings.sort_by(|a, b| {
            b.places
                .len()
                .cmp(&a.places.len())
                .then(a.places[0].cmp(&b.places[0]))
        });
        for r in &renderings {
            for p in &r.places {
                texts.insert(*p, (String::new(), String::new()));
            }
        }
        sentences.push(Sentence { src, renderings });
    }
    sentences.sort_by(|a, b| {
        b.occurrences()
            .cmp(&a.occurrences())
            .then_with(|| a.src.cmp(&b.src))
    });

    // Per-document term consistency.
    for term in &terms {
        let Some(dom) = term.dominant() else { continue };
        for r in &term.renderings {
            for (d, &n) in r.per_doc.iter().enumerate() {
                documents[d].term_occurrences += n;
                if std::ptr::eq(r, dom) {
                    documents[d].dominant += n;
                }
            }
        }
    }

    // The texts of cited places.
    for (d, doc) in docs.iter().enumerate() {
        for row in &doc.rows {
            let place = Place {
                doc: d,
                pair: row.pair,
            };
            if let Some(t) = texts.get_mut(&place) {
                *t = (row.src_text.clone(), row.tgt_text.clone());
            }
        }
    }

    let c = Consistency {
        docs: docs.iter().map(|d| d.id.clone()).collect(),
        terms,
        sentences,
        documents,
        texts,
    };
    (c, Vec::new())
}

/// What other translations of the same source sentence say about a pair
/// (see [`retranslation_links`]).
#[derive(Default)]
struct Retranslated {
    /// Links they suggest.
    extra: Vec<Extra>,
    /// Target words (ids, sorted) put in where another translation has
    /// nothing: never a word left over for an unlinked item, nor counted
    /// in the positions.
    added: Vec<u32>,
    /// The best guesses of the archive's first translation of the
    /// sentence whose words this one keeps: taken first among the words
    /// left over, so that a changed word elsewhere in the sentence moves
    /// no other guess.
    guesses: Vec<(Src, u32)>,
}

/// A link that one translation of a source sentence suggests for another
/// translation of it (see [`retranslation_links`]).
struct Extra {
    /// The source word or term.
    src: Src,
    /// The candidate in the other translation.
    cand: u32,
    /// The association of the link it comes from.
    weight: f64,
}

/// Translations of one source sentence compared (an edition that changed
/// a word of a sentence carried over from an earlier one): where one
/// translation links a source word or term on association to a word that
/// the other replaced, the word that took its place is a candidate for
/// the same item there, as strongly associated as the link it replaces.
/// So a one-off rendering is found where it stands, not left to the
/// nearest unlinked word. Keyed by source sentence and target words (the
/// copies of a pair share them).
fn retranslation_links<'u>(
    units: &'u [Unit],
    terms: &[Term],
    words: &Words,
    src: &Interner,
    scores: &Scores,
) -> HashMap<(u32, &'u [u32]), Retranslated> {
    let mut by_sentence: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (k, u) in units.iter().enumerate() {
        if u.distinct {
            by_sentence.entry(u.src_key).or_default().push(k);
        }
    }
    by_sentence.retain(|_, g| g.len() >= 2);
    let all: Vec<usize> = by_sentence.values().flatten().copied().collect();
    let none = Retranslated::default();
    let own: HashMap<usize, _> = all
        .par_iter()
        .map(|&k| (k, link_unit(&units[k], terms, words, src, scores, &none)))
        .collect();
    let mut out = HashMap::new();
    for group in by_sentence.values() {
        for (at, &k) in group.iter().enumerate() {
            let u = &units[k];
            let mut extra = Vec::new();
            let mut added = Vec::new();
            // The translations nearest in archive order (a sentence
            // translated in hundreds of ways costs no more than a few).
            let near =
                &group[at.saturating_sub(MAX_OTHERS)..(at + MAX_OTHERS + 1).min(group.len())];
            for &v in near.iter().filter(|&&v| v != k) {
                let other = &units[v];
                let Some((map, inserted)) = compare(&other.seq, &u.seq) else {
                    continue;
                };
                added.extend(inserted);
                // The word of `u` in place of `c`, a single word of `other`
                // that `u` lacks.
                let image = |c: u32| -> Option<u32> {
                    if words.parts[c as usize].is_some() || u.cands.binary_search(&c).is_ok() {
                        return None;
                    }
                    let mut at = other
                        .seq
                        .iter()
                        .zip(&map)
                        .filter(|&(&w, _)| w == c)
                        .map(|(_, m)| *m);
                    let first = at.next()??;
                    at.all(|m| m == Some(first)).then_some(first)
                };
                let (single, multi) = &own[&v];
                let linked = other
                    .src_words
                    .iter()
                    .zip(single)
                    .map(|(&(s, _), l)| (Src::Word(s), *l))
                    .chain(multi.iter().map(|&(t, l)| (Src::Term(t), l)));
                for (item, l) in linked {
                    let Some((c, Evidence::Associated)) = l else {
                        continue;
                    };
                    let weight = match item {
                        Src::Word(s) => scores.words.get(&s).and_then(|m| m.get(&c)),
                        Src::Term(t) => scores.terms.get(t).and_then(|m| m.get(&c)),
                    };
                    if let (Some(cand), Some(&weight)) = (image(c), weight) {
                        extra.push(Extra {
                            src: item,
                            cand,
                            weight,
                        });
                    }
                }
            }
            added.sort_unstable();
            added.dedup();
            let mut guesses = Vec::new();
            let first = &units[group[0]];
            if at > 0 && compare(&first.seq, &u.seq).is_some() {
                let (single, multi) = &own[&group[0]];
                let linked = first
                    .src_words
                    .iter()
                    .zip(single)
                    .map(|(&(s, _), l)| (Src::Word(s), *l))
                    .chain(multi.iter().map(|&(t, l)| (Src::Term(t), l)));
                for (item, l) in linked {
                    if let Some((c, Evidence::BestGuess)) = l {
                        if u.cands.binary_search(&c).is_ok() && added.binary_search(&c).is_err() {
                            guesses.push((item, c));
                        }
                    }
                }
            }
            if !extra.is_empty() || !added.is_empty() || !guesses.is_empty() {
                out.insert(
                    (u.src_key, u.seq.as_slice()),
                    Retranslated {
                        extra,
                        added,
                        guesses,
                    },
                );
            }
        }
    }
    out
}

/// Most words of a changed stretch that [`compare`] matches word by word.
const MAX_CHANGE: usize = 3;
/// Other translations of a sentence each translation is compared with, on
/// either side in archive order.
const MAX_OTHERS: usize = 4;
/// Longest pair of translations [`compare`] compares (words × words).
const MAX_CELLS: usize = 250_000;

/// How translation `b` of a sentence differs from translation `a` of the
/// same sentence. A stretch of `a` between two words both keep (a longest
/// common subsequence) replaced by as many words of `b` (at most
/// [`MAX_CHANGE`]) maps to those words in order: the first vector, by
/// position in `a`, `None` elsewhere. The words of `b` put in where `a`
/// has nothing ("Moreover, …"): the second. `None` when the two share
/// less than two thirds of their words (a new translation, not an edit).
#[allow(clippy::type_complexity)]
fn compare(a: &[u32], b: &[u32]) -> Option<(Vec<Option<u32>>, Vec<u32>)> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 || n * m > MAX_CELLS {
        return None;
    }
    let kept = crate::text::common::common(a, b);
    if 3 * kept.len() < 2 * n.max(m) {
        return None;
    }
    let mut out = vec![None; n];
    let mut inserted = Vec::new();
    // The stretches between two kept words (and after the last).
    let (mut gap_a, mut gap_b) = (0, 0);
    for (ea, eb) in kept.into_iter().chain([(n, m)]) {
        let len = ea - gap_a;
        if len > 0 && len == eb - gap_b && len <= MAX_CHANGE {
            for k in 0..len {
                out[gap_a + k] = Some(b[gap_b + k]);
            }
        } else if len == 0 {
            inserted.extend_from_slice(&b[gap_b..eb]);
        }
        gap_a = ea + 1;
        gap_b = eb + 1;
    }
    Some((out, inserted))
}

/// Least log-likelihood (G², over distinct pairs) at which a source word or
/// term and a target word or word pair are linked on association (10.83:
/// p < 0.001 for one degree of freedom).
const LINK_G2: f64 = 10.83;
/// A source word that appears as it is in the target (a name, a product, a
/// command) is linked to it first.
const AS_IS: f64 = 2.0;
/// A target word seen in at least this many distinct pairs and linked in
/// fewer than a quarter of them is an addition.
const ADDITION_MIN: usize = 4;
/// Words left unlinked are paired by position only when their relative
/// positions differ by at most this much.
const MAX_SHIFT: f32 = 0.5;

/// The target candidates (single words and adjacent pairs) and source words
/// by id.
struct Words<'a> {
    names: &'a [String],
    /// The two words of a word pair.
    parts: &'a [Option<(u32, u32)>],
    /// Source words that can be terms (not function words).
    src_content: &'a [bool],
    /// Target candidates that can be renderings (not function words).
    tgt_content: &'a [bool],
    /// The target word spelt like a source word of four letters or more
    /// (a name, a product, a command), by source id.
    as_is: &'a [Option<u32>],
}

impl Words<'_> {
    /// A linked candidate as a rendering.
    fn named(&self, link: Option<(u32, Evidence)>) -> (String, Evidence) {
        match link {
            Some((c, e)) => (self.names[c as usize].clone(), e),
            None => (String::new(), Evidence::None),
        }
    }
}

/// A source side item of a pair: a word, or a multi-word term.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Src {
    Word(u32),
    Term(usize),
}

struct Item {
    src: Src,
    /// Relative position in the source sentence.
    pos: f32,
    /// Could be rendered by a word left over (not a function word).
    content: bool,
}

impl Item {
    fn word(s: u32, pos: f32, words: &Words) -> Item {
        Item {
            src: Src::Word(s),
            pos,
            content: words.src_content[s as usize],
        }
    }
}

/// Association scores by which [`link`] links: per source word and per
/// term, target candidate → Dice.
struct Scores<'a> {
    words: &'a HashMap<u32, HashMap<u32, f64>>,
    terms: &'a [HashMap<u32, f64>],
    /// Target words never left over to an unlinked item (by id; empty:
    /// none).
    additions: &'a [bool],
    /// What orders the words left over (none: position only).
    fallback: Option<Fallback<'a>>,
}

/// What the nearest-word fallback weighs besides position: the
/// co-occurrence associations (a target word associated with a source word
/// of the pair is accounted for, even when that word took another link, so
/// a word associated with none is the likelier one-off rendering of a
/// source word or term usually linked where it occurs).
struct Fallback<'a> {
    words: &'a HashMap<u32, HashMap<u32, f64>>,
    terms: &'a [HashMap<u32, f64>],
    /// Share of the distinct pairs of each source word, and of each term,
    /// in which the first linking linked it on association.
    word_rate: &'a [f32],
    term_rate: &'a [f32],
}

/// A source word or term linked in at least this share of the distinct
/// pairs it occurs in is usually linked: left unlinked, its rendering was
/// likely replaced by a word never seen with it. One seldom linked (a word
/// of an idiom, one often paraphrased) takes the nearest word.
const USUALLY_LINKED: f32 = 0.5;

/// The rendering of each term of pair `u` (in the order of `u.terms`): a
/// glossary rendering the pair holds, else what the term is linked to.
fn render_unit(
    u: &Unit,
    terms: &[Term],
    expected: &[Vec<String>],
    words: &Words,
    src: &Interner,
    scores: &Scores,
    re: &Retranslated,
) -> Vec<(String, Evidence)> {
    let (single, multi) = link_unit(u, terms, words, src, scores, re);
    u.terms
        .iter()
        .map(|&(t, _)| {
            if let Some(e) = expected[t]
                .iter()
                .find(|e| u.tgt_words.contains(&format!(" {e} ")))
            {
                (e.clone(), Evidence::Glossary)
            } else if terms[t].words == 1 {
                let s = src.get(&terms[t].term).expect("a term is a source word");
                let k = u
                    .src_words
                    .binary_search_by_key(&s, |x| x.0)
                    .expect("the term is in the pair");
                words.named(single[k])
            } else {
                let l = multi.iter().find(|m| m.0 == t).expect("linked").1;
                words.named(l)
            }
        })
        .collect()
}

/// Link the words of pair `u`: every source word (indexed like
/// `u.src_words`), then each multi-word term of the pair as one item with
/// the words it holds left out.
#[allow(clippy::type_complexity)]
fn link_unit(
    u: &Unit,
    terms: &[Term],
    words: &Words,
    src: &Interner,
    scores: &Scores,
    re: &Retranslated,
) -> (
    Vec<Option<(u32, Evidence)>>,
    Vec<(usize, Option<(u32, Evidence)>)>,
) {
    let items: Vec<Item> = u
        .src_words
        .iter()
        .map(|&(s, p)| Item::word(s, p, words))
        .collect();
    let single = link(&items, u, words, scores, re);
    let mut multi = Vec::new();
    for &(t, pos) in &u.terms {
        if terms[t].words == 1 {
            continue;
        }
        let own: Vec<u32> = terms[t]
            .term
            .split(' ')
            .filter_map(|w| src.get(w))
            .collect();
        let mut items = vec![Item {
            src: Src::Term(t),
            pos,
            content: true,
        }];
        items.extend(
            u.src_words
                .iter()
                .filter(|(s, _)| !own.contains(s))
                .map(|&(s, p)| Item::word(s, p, words)),
        );
        multi.push((t, link(&items, u, words, scores, re)[0]));
    }
    (single, multi)
}

/// The relative positions of the target words of pair `u` (as
/// `u.positions`), counted without the additions it holds: a word added in
/// one edition ("Indeed, …") moves no other word nearer a source word.
fn without_additions(u: &Unit, additions: &[bool], also: &[u32]) -> Vec<(u32, f32)> {
    let added: Vec<f32> = u
        .positions
        .iter()
        .filter(|&&(c, _)| {
            additions.get(c as usize) == Some(&true) || also.binary_search(&c).is_ok()
        })
        .map(|&(_, p)| p)
        .collect();
    if added.is_empty() {
        return u.positions.clone();
    }
    let n = u.tgt_words.split_whitespace().count().max(2) - 1;
    let rest = n.saturating_sub(added.len()).max(1) as f32;
    u.positions
        .iter()
        .map(|&(c, p)| {
            let before = added.iter().filter(|&&a| a < p).count() as f32;
            (c, ((p * n as f32).round() - before).max(0.0) / rest)
        })
        .collect()
}

/// Link the source items of pair `u` to its target candidates, one to one
/// (a word pair takes both its words): first a word the source has as it
/// is, then by association, strongest first (competitive linking; a
/// target word belongs to the source word it is most strongly associated
/// with, so in "Trusselen øker", *grows* goes to *øker* even when it often
/// accompanies *trusselen*); then the items and single words left over, by
/// nearest relative position (a word the archive has seen too rarely to
/// associate, like a one-off rendering). Returns each item's link.
fn link(
    items: &[Item],
    u: &Unit,
    words: &Words,
    scores: &Scores,
    re: &Retranslated,
) -> Vec<Option<(u32, Evidence)>> {
    let positions = without_additions(u, scores.additions, &re.added);
    let mut edges: Vec<(f64, usize, u32, Evidence)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        // What replaced an item's link in another translation of the
        // sentence may be a function word (*senere* → *later* → *after*).
        for e in re.extra.iter().filter(|e| e.src == item.src) {
            edges.push((e.weight, i, e.cand, Evidence::Retranslation));
        }
        let map = match item.src {
            Src::Word(s) => {
                if let Some(c) = words.as_is[s as usize] {
                    if u.positions.binary_search_by_key(&c, |x| x.0).is_ok() {
                        edges.push((AS_IS, i, c, Evidence::Associated));
                    }
                }
                scores.words.get(&s)
            }
            Src::Term(t) => scores.terms.get(t),
        };
        let get = |c: u32| map.and_then(|m| m.get(&c)).copied();
        for &c in &u.cands {
            let Some(d) = get(c) else { continue };
            if item.content && !words.tgt_content[c as usize] {
                continue;
            }
            // A word pair (a compound's rendering) only when it is more
            // strongly associated than either of its words.
            if let Some((a, b)) = words.parts[c as usize] {
                if get(a).is_some_and(|x| x >= d) || get(b).is_some_and(|x| x >= d) {
                    continue;
                }
            }
            edges.push((d, i, c, Evidence::Associated));
        }
    }
    // Equal associations (rare words that only ever occur in the same
    // sentences) go by relative position, the nearest first.
    let shift = |i: usize, c: u32| -> f32 {
        let first = words.parts[c as usize].map_or(c, |p| p.0);
        positions
            .binary_search_by_key(&first, |x| x.0)
            .map_or(1.0, |k| (positions[k].1 - items[i].pos).abs())
    };
    edges.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| shift(a.1, a.2).total_cmp(&shift(b.1, b.2)))
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut out: Vec<Option<(u32, Evidence)>> = vec![None; items.len()];
    let mut used: Vec<u32> = Vec::new();
    let mut take = |out: &mut Vec<Option<(u32, Evidence)>>, i: usize, c: u32, e: Evidence| {
        if out[i].is_some() {
            return;
        }
        let (a, b) = words.parts[c as usize].unwrap_or((c, c));
        if used.contains(&a) || used.contains(&b) {
            return;
        }
        used.extend([a, b]);
        out[i] = Some((c, e));
    };
    for &(_, i, c, e) in &edges {
        take(&mut out, i, c, e);
    }
    for &(src, c) in &re.guesses {
        if let Some(i) = items.iter().position(|it| it.src == src) {
            take(&mut out, i, c, Evidence::BestGuess);
        }
    }
    // The words left over, the nearest first; for an item usually linked, a
    // word no source word of the pair is associated with before one some
    // source word accounts for.
    let mut rest: Vec<(bool, f32, usize, u32)> = Vec::new();
    let fb = scores.fallback.as_ref();
    let assoc = |item: &Item| -> Option<&HashMap<u32, f64>> {
        let fb = fb?;
        match item.src {
            Src::Word(s) => fb.words.get(&s),
            Src::Term(t) => fb.terms.get(t),
        }
    };
    let mut known: Vec<bool> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if out[i].is_some() || !item.content {
            continue;
        }
        if known.is_empty() {
            known = u
                .positions
                .iter()
                .map(|&(c, _)| {
                    items
                        .iter()
                        .any(|it| assoc(it).is_some_and(|m| m.contains_key(&c)))
                })
                .collect();
        }
        let usually = fb.is_some_and(|fb| {
            let rate = match item.src {
                Src::Word(s) => fb.word_rate[s as usize],
                Src::Term(t) => fb.term_rate[t],
            };
            rate >= USUALLY_LINKED
        });
        for (&(c, p), &known) in positions.iter().zip(&known) {
            if !words.tgt_content[c as usize]
                || scores.additions.get(c as usize) == Some(&true)
                || re.added.binary_search(&c).is_ok()
            {
                continue;
            }
            let shift = (p - item.pos).abs();
            if shift <= MAX_SHIFT {
                rest.push((known && usually, shift, i, c));
            }
        }
    }
    rest.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for &(_, _, i, c) in &rest {
        take(&mut out, i, c, Evidence::BestGuess);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit of target words (ids 0, 1, …) with their relative positions.
    fn unit_of(tgt: &str) -> Unit {
        let words: Vec<&str> = tgt.split(' ').collect();
        let n = words.len().max(2) - 1;
        Unit {
            place: Place { doc: 0, pair: 0 },
            distinct: true,
            terms: Vec::new(),
            positions: (0..words.len())
                .map(|i| (i as u32, i as f32 / n as f32))
                .collect(),
            cands: (0..words.len() as u32).collect(),
            src_words: Vec::new(),
            tgt_words: format!(" {tgt} "),
            seq: (0..words.len() as u32).collect(),
            src_key: 0,
        }
    }

    /// "Indeed, a cronjob runs every hour" with *indeed* an addition: the
    /// other words keep the positions they have without it.
    #[test]
    fn additions_move_no_position() {
        let plain = unit_of("a cronjob runs every hour");
        let added = unit_of("indeed a cronjob runs every hour");
        let got = without_additions(&added, &[true, false, false, false, false, false], &[]);
        for k in 0..5 {
            assert_eq!(got[k + 1].1, plain.positions[k].1, "word {k}");
        }
        // No additions: the positions as they are.
        assert_eq!(without_additions(&added, &[false; 6], &[]), added.positions);
        assert_eq!(without_additions(&added, &[], &[]), added.positions);
    }

    fn row(pair: usize, s: &str, t: &str) -> Row {
        Row {
            pair,
            src: vec![pair],
            tgt: vec![pair],
            src_text: s.into(),
            tgt_text: t.into(),
            ..Row::default()
        }
    }

    /// Three editions of the pairs `base`, the target of pair `i` of
    /// edition `e` replaced where `changes` holds `(e, i, target)`.
    fn editions<S: AsRef<str>>(base: &[(S, S)], changes: &[(usize, usize, &str)]) -> Vec<Doc> {
        (1..=3)
            .map(|e| Doc {
                id: format!("e{e}"),
                rows: base
                    .iter()
                    .enumerate()
                    .map(|(i, (s, t))| {
                        let t = changes
                            .iter()
                            .find(|c| (c.0, c.1) == (e, i))
                            .map_or(t.as_ref(), |c| c.2);
                        row(i, s.as_ref(), t)
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn normalises_quotes_numbers_and_space() {
        assert_eq!(
            normalise_sentence("«Det»  kostet 1 250 kroner i 2024."),
            "\"Det\" kostet # kroner i #."
        );
        assert_eq!(normalise_sentence("Figur 3.2 viser"), "Figur # viser");
        assert_eq!(normalise_sentence("‘a’ –  b"), "'a' - b");
    }

    #[test]
    fn finds_renderings_and_inconsistent_sentences() {
        let a = Doc {
            id: "a".into(),
            rows: vec![
                row(0, "Trusselen øker i år.", "The threat grows this year."),
                row(1, "Trusselen er høy.", "The threat is high."),
                row(2, "Vi ser trusselen.", "We see the threat."),
                row(3, "Været er fint i år.", "The weather is fine this year."),
                row(4, "Vi ser havet.", "We see the sea."),
                row(5, "Havet er høy.", "The sea is high."),
            ],
        };
        // More of the archive: association needs pairs without the term.
        let mut a = a;
        let places = ["Oslo", "Bergen", "Tromsø", "Bodø", "Molde", "Hamar"];
        for (k, p) in places.iter().enumerate() {
            a.rows.push(row(
                6 + 2 * k,
                &format!("{p} ligger i nord."),
                &format!("{p} lies in the north."),
            ));
            a.rows.push(row(
                7 + 2 * k,
                &format!("Vi reiser til {p}."),
                &format!("We travel to {p}."),
            ));
        }
        let b = Doc {
            id: "b".into(),
            rows: vec![
                row(0, "Trusselen øker i år.", "The menace grows this year."),
                row(1, "Trusselen er høy.", "The threat is high."),
            ],
        };
        let c = analyse(&[a, b], &Options::default());
        let t = c.terms.iter().find(|t| t.term == "trusselen").unwrap();
        assert_eq!(t.frequency, 5);
        assert_eq!(t.renderings[0].text, "threat");
        assert_eq!(t.renderings[0].count, 4);
        let menace = t.renderings.iter().find(|r| r.text == "menace").unwrap();
        assert_eq!(menace.per_doc, vec![0, 1]);
        assert_eq!(c.sentences.len(), 1);
        assert_eq!(c.sentences[0].src, "Trusselen øker i år.");
        assert_eq!(c.sentences[0].renderings.len(), 2);
        assert_eq!(c.documents[1].repeated, 2);
        assert_eq!(c.documents[1].repeated_differently, 1);
        // The word that replaced the usual rendering is the rendering, not
        // a word another source word accounts for.
        let menace = &menace.example;
        assert_eq!((menace.doc, menace.pair), (1, 0));
    }

    /// Three editions of one report; in the third, one occurrence of
    /// "trusselen" is rendered "hazard". The sentence also holds "clearly",
    /// which no source word accounts for and which accompanies the term in
    /// every copy: counting copies as evidence made it the term's rendering
    /// there. Counted once, and linked by what each word is linked to
    /// elsewhere, the rendering is the word that took the place of
    /// "threat".
    #[test]
    fn a_one_off_rendering_in_a_repeated_sentence_is_found() {
        let base = [
            (
                "Trusselen fra statlige aktører er høy.",
                "The threat from state actors is high.",
            ),
            ("Trusselen i nord.", "The threat is clearly in the north."),
            (
                "Vi vurderer trusselen hvert år.",
                "We assess the threat every year.",
            ),
            ("Trusselen er moderat.", "The threat is moderate."),
            (
                "Trusselen fra kriminelle nettverk øker.",
                "The threat from criminal networks is rising.",
            ),
            (
                "Trusselen mot valget er lav.",
                "The threat to the election is low.",
            ),
            (
                "Beredskapen i nord øker.",
                "Preparedness in the north is rising.",
            ),
            ("Fisket i nord øker.", "Fishing in the north is rising."),
            (
                "Skip i nord blir fulgt.",
                "Ships in the north are followed.",
            ),
            (
                "Havnene i nord får kameraer.",
                "The harbours in the north get cameras.",
            ),
            (
                "Været i nord er kaldt.",
                "The weather in the north is cold.",
            ),
            (
                "Folk i nord flytter sørover.",
                "People in the north move south.",
            ),
            (
                "Regjeringen styrker beredskapen.",
                "The government strengthens preparedness.",
            ),
            (
                "Etterretning deles med allierte.",
                "Intelligence is shared with allies.",
            ),
        ];
        let docs = editions(&base, &[(3, 1, "The hazard is clearly in the north.")]);
        let c = analyse(&docs, &Options::default());
        let t = c.terms.iter().find(|t| t.term == "trusselen").unwrap();
        let got: Vec<(&str, usize, Vec<usize>)> = t
            .renderings
            .iter()
            .map(|r| (r.text.as_str(), r.count, r.per_doc.clone()))
            .collect();
        assert_eq!(
            got,
            vec![("threat", 17, vec![6, 6, 5]), ("hazard", 1, vec![0, 0, 1])]
        );
    }

    /// Word by word where a stretch is replaced by as many words; words
    /// put in where the other has none; nothing for a new translation.
    #[test]
    fn compares_two_translations_of_a_sentence() {
        // "the report comes later this year" → "the report comes after this year"
        let a = [0, 1, 2, 3, 4, 5];
        let b = [0, 1, 2, 6, 4, 5];
        let (map, added) = compare(&a, &b).unwrap();
        assert_eq!(map, vec![None, None, None, Some(6), None, None]);
        assert!(added.is_empty());
        // "moreover, the report comes later this year"
        let b = [7, 0, 1, 2, 3, 4, 5];
        let (map, added) = compare(&a, &b).unwrap();
        assert!(map.iter().all(Option::is_none));
        assert_eq!(added, vec![7]);
        // A change at the end, and one of two words for three (no map).
        let (map, _) = compare(&a, &[0, 1, 2, 3, 4, 8]).unwrap();
        assert_eq!(map[5], Some(8));
        let (map, _) = compare(&a, &[0, 1, 2, 3, 4, 9, 10]).unwrap();
        assert!(map.iter().all(Option::is_none));
        // Less than two thirds in common: a new translation.
        assert!(compare(&a, &[0, 1, 12, 13, 14, 15]).is_none());
    }

    /// Editions of one report; in the third, one "later" is "after", a
    /// function word no content word is linked to on its own, and another
    /// edition puts "Moreover," in front of a sentence whose *senere* has
    /// no rendering. Compared with the other editions' translation of the
    /// same sentence, "after" is what took the place of "later", and
    /// "moreover" is no rendering of anything.
    #[test]
    fn a_retranslated_sentence_is_compared_with_the_others() {
        let mut base: Vec<(String, String)> = [
            (
                "Rapporten kommer senere i år.",
                "The report comes later this year.",
            ),
            (
                "Vi kommer tilbake til dette senere.",
                "We return to this later.",
            ),
            (
                "Tallene ble justert senere.",
                "The figures were adjusted later.",
            ),
            ("Senere ble planen endret.", "Later the plan was changed."),
            (
                "Senere ble planen endret igjen.",
                "The plan was changed again.",
            ),
            ("Senere kom svaret.", "Later the answer came."),
        ]
        .iter()
        .map(|(s, t)| (s.to_string(), t.to_string()))
        .collect();
        for p in [
            "Oslo", "Bergen", "Tromsø", "Bodø", "Molde", "Hamar", "Alta", "Narvik",
        ] {
            base.push((
                format!("{p} ligger i nord."),
                format!("{p} lies in the north."),
            ));
            base.push((format!("Vi reiser til {p}."), format!("We travel to {p}.")));
        }
        let docs = editions(
            &base,
            &[
                (3, 0, "The report comes after this year."),
                (2, 4, "Moreover, the plan was changed again."),
            ],
        );
        let c = analyse(&docs, &Options::default());
        let t = c.terms.iter().find(|t| t.term == "senere").unwrap();
        let got: Vec<(&str, Evidence, Vec<usize>)> = t
            .renderings
            .iter()
            .map(|r| (r.text.as_str(), r.evidence, r.per_doc.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("later", Evidence::Associated, vec![5, 5, 4]),
                ("", Evidence::None, vec![1, 1, 1]),
                ("after", Evidence::Retranslation, vec![0, 0, 1]),
            ]
        );
    }

    #[test]
    fn c_value_keeps_a_term_seen_in_several_contexts() {
        let texts = [
            "Norsk etterretningstjeneste melder nytt.",
            "Norsk etterretningstjeneste advarer igjen.",
            "Hva sier norsk etterretningstjeneste nå?",
            "Vi leser hva norsk etterretningstjeneste skriver.",
        ];
        let rows: Vec<Row> = texts
            .iter()
            .enumerate()
            .map(|(i, s)| row(i, s, "Norwegian intelligence says something."))
            .collect();
        let c = analyse(
            &[Doc {
                id: "a".into(),
                rows,
            }],
            &Options::default(),
        );
        let t = c
            .terms
            .iter()
            .find(|t| t.term == "norsk etterretningstjeneste")
            .unwrap();
        assert_eq!((t.words, t.frequency), (2, 4));
        assert!(!c
            .terms
            .iter()
            .any(|t| t.term == "etterretningstjeneste melder"));
    }

    #[test]
    fn glossary_rows_are_checked() {
        let err = parse_glossary(Path::new("g.tsv"), "term\trendering\nhus\thouse\n\tcar\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("g.tsv") && err.contains("row 3"), "{err}");
        let g = parse_glossary(Path::new("g.tsv"), "Trussel\tthreat; menace\n").unwrap();
        assert_eq!(g[0].term, "trussel");
        assert_eq!(g[0].renderings, vec!["threat", "menace"]);
    }
}
