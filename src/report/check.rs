//! `check`: from aligned pairs to [`Finding`]s.
//!
//! Works on a sequence of [`Row`]s, so it runs the same on a fresh
//! alignment and on a reviewed alignment CSV.

use std::collections::{BTreeMap, BTreeSet};

use crate::align::calibrate::Table;
use crate::lang::Lang;
use crate::pairs::Row;
use crate::text::similarity::{cognate_stem, dice, stem};

use super::merged::{self, Segments};
use super::names::{self, Glossary};
use super::numbers;
use super::realign::{self, log_ratio, median_mad};
use super::untranslated::{self, normalise};
use super::{Finding, Kind, Report, Severity};

/// Settings for [`check`]. Build with [`CheckOptions::new`].
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Source language.
    pub src_lang: Lang,
    /// Target language.
    pub tgt_lang: Lang,
    /// Name equivalents: by default, the built-in list.
    pub glossary: Glossary,
    /// A pair is a length outlier when its log length ratio is this many
    /// robust standard deviations from the document's median. By default, 4.
    pub length_z: f64,
    /// Kinds to report. By default, all.
    pub kinds: BTreeSet<Kind>,
    /// The segments the rows were aligned from, when known: `check` then
    /// also looks at each sentence of a doubtful merged bead on its own
    /// (see [`merged`]). By default, none (rows read from a CSV).
    pub segments: Option<Segments>,
    /// The calibration table the rows' confidences were written with: that
    /// of `--semantic` for its alignments (see
    /// [`crate::align::calibrate`]). By default, the plain one.
    pub calibration: Table,
}

impl CheckOptions {
    /// Defaults for a source/target language pair.
    pub fn new(src_lang: Lang, tgt_lang: Lang) -> CheckOptions {
        CheckOptions {
            src_lang,
            tgt_lang,
            glossary: Glossary::builtin(),
            length_z: 4.0,
            kinds: Kind::ALL.into_iter().collect(),
            segments: None,
            calibration: Table::Plain,
        }
    }

    /// Give the source and target segments the rows were aligned from.
    /// By default, there are none.
    pub fn segments(
        &mut self,
        src: &[crate::segment::Segment],
        tgt: &[crate::segment::Segment],
    ) -> &mut CheckOptions {
        self.segments = Some(Segments {
            src: src.to_vec(),
            tgt: tgt.to_vec(),
        });
        self
    }
}

fn has_content(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Check aligned `rows` and return the findings, ordered by pair, then kind.
///
/// One function per kind below; what one kind decides for another is
/// passed to it explicitly:
/// - a one-sided passage found moved is reported once, as reordering, not
///   also as an omission or an addition;
/// - a row found untranslated gets no number or name findings, and its
///   text does not count as the other side's vocabulary of names;
/// - a measure given in another unit system is a unit conversion, not a
///   number mismatch;
/// - a doubtful merged row with a sentence found missing inside it gets no
///   whole-row length finding.
pub fn check(rows: &[Row], opts: &CheckOptions) -> Report {
    let repaired = realign::repair(rows, opts.calibration);
    let rows = repaired.as_slice();
    let want = |k: Kind| opts.kinds.contains(&k);
    let mut findings = Vec::new();

    let (omissions, additions) = one_sided_passages(rows);
    let moves = if want(Kind::Reordering) {
        match_moves(&omissions, &additions, rows, opts)
    } else {
        Vec::new()
    };
    findings.extend(reorderings(&moves, &omissions, &additions));
    if want(Kind::Reordering) {
        findings.extend(moved_blocks(rows));
    }
    if want(Kind::Omission) {
        let moved: BTreeSet<usize> = moves.iter().map(|m| m.0).collect();
        findings.extend(unmatched_passages(&omissions, &moved, true));
    }
    if want(Kind::Addition) {
        let moved: BTreeSet<usize> = moves.iter().map(|m| m.1).collect();
        findings.extend(unmatched_passages(&additions, &moved, false));
    }

    let untranslated = if want(Kind::Untranslated) {
        untranslated_rows(rows, opts)
    } else {
        Untranslated::default()
    };
    // The rows with text on both sides that were translated: where
    // numbers and names are compared.
    let compared: Vec<&Row> = rows
        .iter()
        .enumerate()
        .filter(|(k, r)| two_sided(r) && !untranslated.rows.contains(k))
        .map(|(_, r)| r)
        .collect();
    let untranslated_pairs: BTreeSet<usize> =
        untranslated.rows.iter().map(|&k| rows[k].pair).collect();
    findings.extend(untranslated.findings);
    if want(Kind::NumberMismatch) || want(Kind::UnitConversion) {
        let splits = number_splits(&compared);
        if want(Kind::UnitConversion) {
            findings.extend(unit_conversions(&splits));
        }
        if want(Kind::NumberMismatch) {
            findings.extend(number_mismatches(&splits));
        }
    }
    if want(Kind::NameMismatch) {
        findings.extend(name_mismatches(
            rows,
            &compared,
            &untranslated_pairs,
            &opts.glossary,
            opts.calibration,
        ));
    }

    if want(Kind::InconsistentTranslation) {
        findings.extend(inconsistent(rows));
    }
    let inside = match &opts.segments {
        Some(segs) if want(Kind::Omission) || want(Kind::Addition) => {
            merged_sentences(rows, segs, &opts.kinds, opts.calibration)
        }
        _ => Vec::new(),
    };
    let inside_pairs: BTreeSet<usize> = inside.iter().map(|f| f.pair).collect();
    findings.extend(inside);
    findings.extend(
        length_outliers(rows, opts.length_z, want(Kind::LengthRatio))
            .into_iter()
            .filter(|f| want(f.kind) && !inside_pairs.contains(&f.pair)),
    );

    findings.sort_by(|a, b| (a.pair, a.kind, &a.message).cmp(&(b.pair, b.kind, &b.message)));
    Report {
        findings,
        pairs: rows.len(),
    }
}

/// True when both sides of `row` have text.
fn two_sided(row: &Row) -> bool {
    !row.src_text.trim().is_empty() && !row.tgt_text.trim().is_empty()
}

/// Reordering: each moved passage (omission index, addition index,
/// similarity) as one finding over both places.
fn reorderings(
    moves: &[(usize, usize, f64)],
    omissions: &[Passage<'_>],
    additions: &[Passage<'_>],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (oi, ai, sim) in moves {
        let (o, a) = (&omissions[*oi], &additions[*ai]);
        let mut f = Finding::over(o, Kind::Reordering, Severity::Warning, String::new());
        let g = Finding::over(a, Kind::Reordering, Severity::Warning, String::new());
        f.pairs.extend(g.pairs);
        f.tgt_ids = g.tgt_ids;
        f.tgt_bytes = g.tgt_bytes;
        f.tgt_text = g.tgt_text;
        f.message = format!(
            "passage at pair {} appears at pair {} on the other side (similarity {:.2}): moved?",
            o[0].pair, a[0].pair, sim
        );
        out.push(f);
    }
    out
}

/// Omission (`src`: passages of source segments) or addition (target
/// segments): every one-sided passage not among the `moved` (indices into
/// `passages`). An error when the passage has text, info when it holds
/// only punctuation or symbols.
fn unmatched_passages(
    passages: &[Passage<'_>],
    moved: &BTreeSet<usize>,
    src: bool,
) -> Vec<Finding> {
    let (kind, side, other, verb) = if src {
        (Kind::Omission, "source", "target", "omitted")
    } else {
        (Kind::Addition, "target", "source", "added")
    };
    let mut out = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        if moved.contains(&i) {
            continue;
        }
        let n: usize = p
            .iter()
            .map(|r| if src { r.src.len() } else { r.tgt.len() })
            .sum();
        let text_ok = p
            .iter()
            .any(|r| has_content(if src { &r.src_text } else { &r.tgt_text }));
        let sev = if text_ok {
            Severity::Error
        } else {
            Severity::Info
        };
        let msg = format!(
            "{} {side} segment{} with no counterpart in the {other}: {verb}?",
            n,
            if n == 1 { "" } else { "s" }
        );
        out.push(Finding::over(p, kind, sev, msg));
    }
    out
}

/// The untranslated rows: their findings and their indices in `rows`.
#[derive(Default)]
struct Untranslated {
    findings: Vec<Finding>,
    rows: BTreeSet<usize>,
}

/// Untranslated: rows with text on both sides whose target is the source
/// left as it was.
fn untranslated_rows(rows: &[Row], opts: &CheckOptions) -> Untranslated {
    // Two editions in variants of one language (Bokmål and Nynorsk).
    let same_family = matches!(
        (
            untranslated::Family::of(opts.src_lang),
            untranslated::Family::of(opts.tgt_lang)
        ),
        (Some(a), Some(b)) if a == b
    );
    let mut out = Untranslated::default();
    for (k, row) in rows.iter().enumerate().filter(|(_, r)| two_sided(r)) {
        let Some(why) =
            untranslated::untranslated(&row.src_text, &row.tgt_text, opts.src_lang, opts.tgt_lang)
        else {
            continue;
        };
        // identical text made only of names and numbers ("3 Iran",
        // "NATO") is usually right as it is, and so is a sentence
        // spelt alike in Bokmål and Nynorsk ("Det er viktig."):
        // reported, but as info
        let severity = if untranslated::names_and_numbers_only(&row.src_text)
            || untranslated::names_and_quotations_only(&row.src_text)
            || same_family
        {
            Severity::Info
        } else {
            Severity::Error
        };
        out.findings
            .push(Finding::at(row, Kind::Untranslated, severity, why));
        out.rows.insert(k);
    }
    out
}

/// The numbers of one row with no match on the other side, source's and
/// target's, and among them (taken out of `unmatched`) the measures given
/// in another unit system.
struct NumberSplit<'a> {
    row: &'a Row,
    unmatched: (Vec<numbers::Mention>, Vec<numbers::Mention>),
    converted: (Vec<numbers::Mention>, Vec<numbers::Mention>),
}

fn number_splits<'a>(rows: &[&'a Row]) -> Vec<NumberSplit<'a>> {
    rows.iter()
        .map(|row| {
            let (mut a, mut b) = numbers::mismatches(&row.src_text, &row.tgt_text);
            let converted = numbers::take_conversions(&row.src_text, &row.tgt_text, &mut a, &mut b);
            NumberSplit {
                row,
                unmatched: (a, b),
                converted,
            }
        })
        .collect()
}

fn texts(m: &[numbers::Mention]) -> Vec<&str> {
    m.iter().map(|m| m.text.as_str()).collect()
}

/// Unit conversion: measures given in another unit system on the other
/// side.
fn unit_conversions(splits: &[NumberSplit<'_>]) -> Vec<Finding> {
    splits
        .iter()
        .filter(|s| !s.converted.0.is_empty() || !s.converted.1.is_empty())
        .map(|s| {
            Finding::at(
                s.row,
                Kind::UnitConversion,
                Severity::Warning,
                format!(
                    "{}: the measure is given in another unit system; check the conversion",
                    missing_message("number", &texts(&s.converted.0), &texts(&s.converted.1))
                ),
            )
        })
        .collect()
}

/// Number mismatch: numbers with no match on the other side, conversions
/// already taken out.
fn number_mismatches(splits: &[NumberSplit<'_>]) -> Vec<Finding> {
    splits
        .iter()
        .filter(|s| !s.unmatched.0.is_empty() || !s.unmatched.1.is_empty())
        .map(|s| {
            Finding::at(
                s.row,
                Kind::NumberMismatch,
                Severity::Error,
                missing_message("number", &texts(&s.unmatched.0), &texts(&s.unmatched.1)),
            )
        })
        .collect()
}

/// Name mismatch: names of the `compared` rows missing on the other side.
/// The names each document writes are taken from all `rows`; the other
/// side's vocabulary leaves out the `untranslated` pairs (their target is
/// in the source language).
fn name_mismatches(
    rows: &[Row],
    compared: &[&Row],
    untranslated: &BTreeSet<usize>,
    glossary: &Glossary,
    table: Table,
) -> Vec<Finding> {
    let known_src = names::doc_names(rows.iter().map(|r| r.src_text.as_str()));
    let known_tgt = names::doc_names(rows.iter().map(|r| r.tgt_text.as_str()));
    let mut name_rows: Vec<(&Row, Vec<&str>, Vec<&str>)> = Vec::new();
    for row in compared {
        let a = missing_names(&row.src_text, &row.tgt_text, &known_src, glossary, true);
        let b = missing_names(&row.tgt_text, &row.src_text, &known_tgt, glossary, false);
        // one name spelt as each language spells it: not a mismatch
        let (a, b) = drop_spelling_variants(a, b);
        if !a.is_empty() || !b.is_empty() {
            name_rows.push((row, a, b));
        }
    }
    // How strong a missing name is. A warning when
    // - the other side's document writes the missing name as a name
    //   elsewhere ("Iran" is known there, and it is not here): a name put
    //   in the wrong place; or
    // - a source name that translations keep as it is (a person, a place
    //   abroad; not an acronym, not a listed exonym, not a compound of the
    //   document's own words) is missing, and the target has no other
    //   name in its place that could be its translation.
    // Otherwise info: often a title, an exonym or an organisation name
    // translated word by word.
    let clean = |r: &&Row| !untranslated.contains(&r.pair);
    let vocab_src = names::doc_names(rows.iter().filter(clean).map(|r| r.src_text.as_str()));
    let vocab_tgt = names::doc_names(rows.iter().filter(clean).map(|r| r.tgt_text.as_str()));
    let mut out = Vec::new();
    for (row, a, b) in name_rows {
        // An acronym is often spelt out on the other side ("AMs" ↔
        // "representanter"): never above info on its own.
        let word = |n: &&&str| !names::acronym_like(n);
        let known_src = a
            .iter()
            .filter(word)
            .any(|n| names::known_name(n, &vocab_tgt, true));
        let known_tgt = b
            .iter()
            .filter(word)
            .any(|n| names::known_name(n, &vocab_src, false));
        // A source name missing from the target is usually rendered by
        // words ("Adam" ↔ "the man", "Haitis valgkommisjon" ↔ "the
        // CEP"): a warning only with another name in its place. A
        // target name that the source edition writes elsewhere but not
        // here was put in the wrong place.
        let swapped = a
            .iter()
            .filter(word)
            .any(|n| !names::own_rendering(n, &vocab_src, &vocab_tgt, true))
            && b.iter()
                .filter(word)
                .any(|n| !names::own_rendering(n, &vocab_tgt, &vocab_src, false));
        let sev = if swapped && (known_src || known_tgt) && !doubtful_pairing(row, table) {
            Severity::Warning
        } else {
            Severity::Info
        };
        out.push(Finding::at(
            row,
            Kind::NameMismatch,
            sev,
            missing_message("name", &a, &b),
        ));
    }
    out
}

/// Omission or addition inside a doubtful merged bead: a sentence of its
/// long side with no counterpart, looked at on its own (the segments are
/// known); only the `kinds` asked for.
fn merged_sentences(
    rows: &[Row],
    segs: &Segments,
    kinds: &BTreeSet<Kind>,
    table: Table,
) -> Vec<Finding> {
    let scorer = realign::Scorer::new(rows);
    merged::inside(rows, segs, &scorer, table)
        .iter()
        .filter_map(|h| merged::finding(&rows[h.row], h, segs))
        .filter(|f| kinds.contains(&f.kind))
        .collect()
}

/// Remove the names of `a` (missing from the target) and `b` (missing from
/// the source) that are one name spelt as each language spells it: as
/// [`names::spelling_variants`], as a compound of the other side's name
/// (`Efra'imfjellene` ↔ `Ephraim`, `Betsemes-bygden` ↔ `Beth Shemesh`),
/// or written in two words on the other side (`Betsan` ↔ `Beth Shan`).
fn drop_spelling_variants<'a>(
    mut a: Vec<&'a str>,
    mut b: Vec<&'a str>,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut i = 0;
    while i < a.len() {
        let two = |v: &[&str], j: usize| [v[j - 1], v[j]].concat();
        if let Some(j) = b.iter().position(|y| names::spelling_variants(a[i], y)) {
            a.remove(i);
            b.remove(j);
        } else if let Some(j) = (1..b.len()).find(|&j| one_name(a[i], &two(&b, j))) {
            a.remove(i);
            b.drain(j - 1..=j);
        } else if let Some(j) = b.iter().position(|y| one_name(a[i], y)) {
            a.remove(i);
            b.remove(j);
        } else if let Some(j) = (i + 1 < a.len())
            .then(|| two(&a, i + 1))
            .and_then(|x| b.iter().position(|y| one_name(&x, y)))
        {
            a.drain(i..=i + 1);
            b.remove(j);
        } else {
            i += 1;
        }
    }
    (a, b)
}

/// One name, as [`names::spelling_variants`] or with a lower-case compound
/// tail of three letters or more after a head of four or more on either
/// side: the head must be a variant of the whole other name.
fn one_name(x: &str, y: &str) -> bool {
    let head_of = |long: &str, short: &str| {
        long.char_indices().skip(4).any(|(k, _)| {
            let tail = long[k..].trim_start_matches('-');
            tail.chars().count() >= 3
                && tail.chars().all(|c| c.is_lowercase())
                && names::spelling_variants(&long[..k], short)
        })
    };
    names::spelling_variants(x, y) || head_of(x, y) || head_of(y, x)
}

/// A 1-1 pairing the aligner gave less than this posterior (the confidence
/// before calibration: see [`crate::align::calibrate::level`]) is too
/// doubtful to raise a name comparison across it above info.
const DOUBTFUL_NAMES: f64 = 0.5;
/// The same for a merged bead (2-1, 1-2 …): a name missing from the
/// shorter side may belong to a sentence the aligner attached wrongly.
const DOUBTFUL_NAMES_MERGED: f64 = 0.6;

/// True when `row`'s pairing is too doubtful to trust a name comparison
/// across it: a low aligner confidence and no reviewer's verdict. Rows
/// without a confidence (a reviewed CSV) are trusted.
fn doubtful_pairing(row: &Row, table: Table) -> bool {
    let bar = if row.src.len() == row.tgt.len() {
        DOUBTFUL_NAMES
    } else {
        DOUBTFUL_NAMES_MERGED
    };
    let bar = crate::align::calibrate::level(table, row.src.len(), row.tgt.len(), bar);
    row.status.is_none() && row.confidence.is_some_and(|c| c < bar)
}

fn missing_names<'a>(
    text: &'a str,
    other: &str,
    known: &names::NameContext,
    glossary: &Glossary,
    from_src: bool,
) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    let found_names = names::names(text, known);
    if found_names.is_empty() {
        return out;
    }
    let other = names::Other::new(other);
    for w in found_names {
        if !names::found_in(w.text, &other, glossary, from_src) && !out.contains(&w.text) {
            out.push(w.text);
        }
    }
    out
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\u{201c}{s}\u{201d}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn missing_message(what: &str, in_src: &[&str], in_tgt: &[&str]) -> String {
    let mut parts = Vec::new();
    if !in_src.is_empty() {
        parts.push(format!(
            "{what}{} {} in the source not in the target",
            if in_src.len() == 1 { "" } else { "s" },
            quote_list(in_src)
        ));
    }
    if !in_tgt.is_empty() {
        parts.push(format!(
            "{what}{} {} in the target not in the source",
            if in_tgt.len() == 1 { "" } else { "s" },
            quote_list(in_tgt)
        ));
    }
    parts.join("; ")
}

type Passage<'a> = Vec<&'a Row>;

/// Consecutive 1-0 rows (omissions) and 0-1 rows (additions).
fn one_sided_passages(rows: &[Row]) -> (Vec<Passage<'_>>, Vec<Passage<'_>>) {
    let mut om: Vec<Passage> = Vec::new();
    let mut ad: Vec<Passage> = Vec::new();
    let mut cur: Option<(bool, Passage)> = None;
    for r in rows {
        let side = match (r.src.is_empty(), r.tgt.is_empty()) {
            (false, true) => Some(true),
            (true, false) => Some(false),
            _ => None,
        };
        match (side, cur.as_mut()) {
            (Some(s), Some((cs, p))) if *cs == s => p.push(r),
            (Some(s), _) => {
                if let Some((cs, p)) = cur.take() {
                    if cs {
                        om.push(p)
                    } else {
                        ad.push(p)
                    }
                }
                cur = Some((s, vec![r]));
            }
            (None, _) => {
                if let Some((cs, p)) = cur.take() {
                    if cs {
                        om.push(p)
                    } else {
                        ad.push(p)
                    }
                }
            }
        }
    }
    if let Some((cs, p)) = cur.take() {
        if cs {
            om.push(p)
        } else {
            ad.push(p)
        }
    }
    (om, ad)
}

/// Cross-language anchors of a text: numbers, names and 4-letter stems
/// (with glossary equivalents), for comparing passages across languages.
fn anchors(text: &str, glossary: &Glossary, from_src: bool) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for m in numbers::extract(text).mentions {
        set.insert(format!(
            "#{}",
            m.text
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        ));
    }
    for w in names::words(text) {
        let lw = w.text.to_lowercase();
        if let Some(s) = cognate_stem(&lw) {
            set.insert(s.to_string());
        }
        // Listed equivalents meet on the source side's terms: Kina → "chin".
        if from_src {
            for alt in glossary.alternatives(&lw, true).into_iter().flatten() {
                if !alt.contains(' ') && alt.chars().count() >= 2 {
                    set.insert(stem(alt).to_string());
                }
            }
        }
    }
    set
}

fn passage_text(p: &[&Row], src: bool) -> String {
    p.iter()
        .map(|r| {
            if src {
                r.src_text.as_str()
            } else {
                r.tgt_text.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One `reordering` warning per block of moved pairs (consecutive rows
/// whose target text stands at the same other place, see
/// [`Row::moved`]), naming the block by its first words and both places by
/// their sections where the rows know their headings.
fn moved_blocks(rows: &[Row]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let Some(before) = rows[k].moved else {
            k += 1;
            continue;
        };
        let mut e = k + 1;
        while e < rows.len() && rows[e].moved == Some(before) {
            e += 1;
        }
        let block: Vec<&Row> = rows[k..e].iter().collect();
        // Where the target text stands: before the row of pair `before`.
        let at = rows
            .iter()
            .position(|r| r.pair >= before)
            .unwrap_or(rows.len());
        let place = |side_src: bool, end: usize, fallback: String| -> String {
            rows[..end]
                .iter()
                .rev()
                .filter(|r| side_src || r.moved.is_none())
                .find(|r| {
                    let kind = if side_src { r.src_kind } else { r.tgt_kind };
                    kind == Some(crate::read::BlockKind::Heading)
                })
                .map(|r| {
                    let h = if side_src { &r.src_text } else { &r.tgt_text };
                    format!("in section \"{}\"", first_words(h, 8))
                })
                .unwrap_or(fallback)
        };
        let src_place = place(true, k, format!("at pair {}", rows[k].pair));
        let tgt_place = place(false, at, format!("before pair {before}"));
        let n = e - k;
        let msg = format!(
            "\"{}\" stands {src_place} in the source and {tgt_place} in the target \
             (before pair {before}): a moved block of {n} pair{}, paired across the move",
            first_words(&rows[k].src_text, 6),
            if n == 1 { "" } else { "s" }
        );
        out.push(Finding::over(
            &block,
            Kind::Reordering,
            Severity::Warning,
            msg,
        ));
        k = e;
    }
    out
}

/// The first `n` words of `text`, with " …" when there are more.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

/// Pair omissions with additions elsewhere whose text matches closely:
/// (omission index, addition index, similarity), best first, greedy.
fn match_moves(
    om: &[Passage<'_>],
    ad: &[Passage<'_>],
    rows: &[Row],
    opts: &CheckOptions,
) -> Vec<(usize, usize, f64)> {
    if om.is_empty() || ad.is_empty() {
        return Vec::new();
    }
    // The document's own bar: how similar its aligned 1-1 pairs are.
    let mut sims: Vec<f64> = rows
        .iter()
        .filter(|r| r.src.len() == 1 && r.tgt.len() == 1)
        .map(|r| {
            dice(
                &anchors(&r.src_text, &opts.glossary, true),
                &anchors(&r.tgt_text, &opts.glossary, false),
            )
        })
        .collect();
    sims.sort_by(|a, b| a.total_cmp(b));
    let typical = if sims.is_empty() {
        0.3
    } else {
        sims[sims.len() / 2]
    };
    let bar = (0.6 * typical).max(0.2);
    let mut cands = Vec::new();
    let added: Vec<(f64, BTreeSet<String>)> = ad
        .iter()
        .map(|a| {
            let at = passage_text(a, false);
            (
                at.chars().count() as f64,
                anchors(&at, &opts.glossary, false),
            )
        })
        .collect();
    for (i, o) in om.iter().enumerate() {
        let ot = passage_text(o, true);
        let oa = anchors(&ot, &opts.glossary, true);
        let lo = ot.chars().count() as f64;
        for (j, (la, aa)) in added.iter().enumerate() {
            let la = *la;
            if lo.min(la) * 2.0 < lo.max(la) {
                continue;
            }
            let s = dice(&oa, aa);
            if s >= bar {
                cands.push((i, j, s));
            }
        }
    }
    cands.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let mut used_o = BTreeSet::new();
    let mut used_a = BTreeSet::new();
    let mut out = Vec::new();
    for (i, j, s) in cands {
        if used_o.contains(&i) || used_a.contains(&j) {
            continue;
        }
        used_o.insert(i);
        used_a.insert(j);
        out.push((i, j, s));
    }
    out
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Lower-case words (letters and digits) of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Connectives that tie a sentence to the one before it ("Moreover
/// Yahweh's word came to me" after a prophecy, "Yahweh's word came to me"
/// at the start of one): a translation adds or drops them as the context
/// asks, so a repeated sentence may differ by them and still be consistent.
const CONNECTIVES: &[&str] = &[
    "again",
    "also",
    "however",
    "moreover",
    "furthermore",
    "further",
    "likewise",
    "then",
    "now",
    "therefore",
    "thus",
    "still",
    "dessuten",
    "derfor",
    "likevel",
    "igjen",
    "også",
];

/// Two renderings that say the same thing: after case, punctuation and
/// quotes, they differ by at most three words, each short (three letters
/// or fewer: `and`, `a`/`one`, `of`, `its`) or a connective, and nothing
/// else. A repeated verse or heading rendered once as "and one tenth for
/// every lamb" and once as "one tenth for every lamb" is consistent for a
/// reader; a rendering that lacks or changes a longer word is not.
fn near_identical(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    // The words that are not shared.
    let kept = crate::text::common::common(&a, &b);
    let (mut in_a, mut in_b) = (vec![false; a.len()], vec![false; b.len()]);
    for &(i, j) in &kept {
        in_a[i] = true;
        in_b[j] = true;
    }
    let differ: Vec<&String> = a
        .iter()
        .zip(&in_a)
        .chain(b.iter().zip(&in_b))
        .filter(|(_, &k)| !k)
        .map(|(w, _)| w)
        .collect();
    differ.len() <= 3
        && differ
            .iter()
            .all(|w| w.chars().count() <= 3 || CONNECTIVES.contains(&w.as_str()))
}

/// One source translated differently; one translation for different sources.
fn inconsistent(rows: &[Row]) -> Vec<Finding> {
    let mut out = Vec::new();
    let two_sided: Vec<&Row> = rows
        .iter()
        .filter(|r| has_content(&r.src_text) && has_content(&r.tgt_text))
        .collect();
    let mut by_src: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    let mut by_tgt: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in &two_sided {
        by_src.entry(normalise(&r.src_text)).or_default().push(r);
        by_tgt.entry(normalise(&r.tgt_text)).or_default().push(r);
    }
    for group in by_src.values() {
        let first = group[0];
        let first_t = normalise(&first.tgt_text);
        for r in &group[1..] {
            if normalise(&r.tgt_text) != first_t && !near_identical(&first.tgt_text, &r.tgt_text) {
                let mut f = Finding::at(
                    r,
                    Kind::InconsistentTranslation,
                    Severity::Warning,
                    format!(
                        "the same source is translated differently at pair {}: \u{201c}{}\u{201d}",
                        first.pair,
                        short(&first.tgt_text)
                    ),
                );
                f.pairs.insert(0, first.pair);
                out.push(f);
            }
        }
    }
    for group in by_tgt.values() {
        let first = group[0];
        let first_s = normalise(&first.src_text);
        for r in &group[1..] {
            if normalise(&r.src_text) != first_s {
                let mut f = Finding::at(
                    r,
                    Kind::InconsistentTranslation,
                    Severity::Info,
                    format!(
                        "the same translation is used for a different source at pair {}: \u{201c}{}\u{201d}",
                        first.pair,
                        short(&first.src_text)
                    ),
                );
                f.pairs.insert(0, first.pair);
                out.push(f);
            }
        }
    }
    out
}

/// Pairs far outside the document's distribution of log length ratios
/// (median and MAD, so outliers do not move the bar).
/// How far (in robust deviations) a merged bead's length ratio must be
/// from the document's to count as a partial omission or addition.
const PARTIAL_Z: f64 = 3.0;

/// Length outliers, and partial omissions/additions inside merged beads
/// (1-2, 2-1 …) whose long side has no counterpart for part of it.
fn length_outliers(rows: &[Row], z_bar: f64, want_length: bool) -> Vec<Finding> {
    let pairs: Vec<(&Row, f64, usize, usize)> = rows
        .iter()
        .filter(|r| has_content(&r.src_text) && has_content(&r.tgt_text))
        .map(|r| {
            let (ls, lt) = (r.src_text.chars().count(), r.tgt_text.chars().count());
            (r, log_ratio(&r.src_text, &r.tgt_text), ls, lt)
        })
        .collect();
    if pairs.len() < 10 {
        return Vec::new();
    }
    let Some((median, mad)) = median_mad(pairs.iter().map(|p| p.1).collect()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (r, x, ls, lt) in pairs {
        let z = (x - median) / mad;
        // Several sentences on one side against fewer on the other, and
        // that side far too long: a sentence inside the bead has no
        // counterpart (the aligner had to attach it somewhere).
        let merged_src = r.src.len() > r.tgt.len() && !r.tgt.is_empty();
        let merged_tgt = r.tgt.len() > r.src.len() && !r.src.is_empty();
        if merged_src && z < -PARTIAL_Z && ls.abs_diff(lt) >= 20 {
            out.push(Finding::at(
                r,
                Kind::Omission,
                Severity::Warning,
                format!(
                    "{} source sentences share {} target sentence{} that {} much shorter ({ls} → {lt} characters): part of the source omitted?",
                    r.src.len(),
                    r.tgt.len(),
                    if r.tgt.len() == 1 { "" } else { "s" },
                    if r.tgt.len() == 1 { "is" } else { "are" },
                ),
            ));
            continue;
        }
        if merged_tgt && z > PARTIAL_Z && ls.abs_diff(lt) >= 20 {
            out.push(Finding::at(
                r,
                Kind::Addition,
                Severity::Warning,
                format!(
                    "{} target sentences share {} source sentence{} that {} much shorter ({ls} → {lt} characters): part of the target added?",
                    r.tgt.len(),
                    r.src.len(),
                    if r.src.len() == 1 { "" } else { "s" },
                    if r.src.len() == 1 { "is" } else { "are" },
                ),
            ));
            continue;
        }
        if !want_length {
            continue;
        }
        if z.abs() > z_bar && ls.abs_diff(lt) >= 30 {
            let what = if z > 0.0 { "longer" } else { "shorter" };
            out.push(Finding::at(
                r,
                Kind::LengthRatio,
                Severity::Info,
                format!(
                    "the target is much {what} than usual for this document ({ls} → {lt} characters, {:+.1} deviations)",
                    z
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pair: usize, src: &str, tgt: &str) -> Row {
        Row {
            pair,
            src: if src.is_empty() { vec![] } else { vec![pair] },
            tgt: if tgt.is_empty() { vec![] } else { vec![pair] },
            src_text: src.into(),
            tgt_text: tgt.into(),
            ..Row::default()
        }
    }

    fn kinds(rows: &[Row]) -> Vec<Kind> {
        check(rows, &CheckOptions::new(Lang::Nb, Lang::En))
            .findings
            .iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn consecutive_one_sided_rows_are_one_passage() {
        let rows = vec![
            row(0, "Trusselen øker.", "The threat is growing."),
            row(1, "Første setning mangler.", ""),
            row(2, "Andre setning mangler også.", ""),
            row(3, "Vi ser fremover.", "We look ahead."),
        ];
        assert_eq!(kinds(&rows), vec![Kind::Omission]);
    }

    #[test]
    fn identical_text_is_an_error_across_languages_but_info_between_bokmal_and_nynorsk() {
        let rows = vec![row(
            0,
            "Det er viktig å vite dette.",
            "Det er viktig å vite dette.",
        )];
        let severities = |src, tgt| -> Vec<(Kind, Severity)> {
            check(&rows, &CheckOptions::new(src, tgt))
                .findings
                .iter()
                .map(|f| (f.kind, f.severity))
                .collect()
        };
        assert_eq!(
            severities(Lang::Nb, Lang::En),
            vec![(Kind::Untranslated, Severity::Error)]
        );
        assert_eq!(
            severities(Lang::Nb, Lang::Nn),
            vec![(Kind::Untranslated, Severity::Info)]
        );
    }

    #[test]
    fn renderings_differing_in_short_words_are_consistent_but_a_missing_word_is_not() {
        let src = "Og en tiendedel for hvert av de syv lam,";
        let first = "and one tenth for every lamb of the seven lambs;";
        let same = |tgt: &str| {
            kinds(&[
                row(0, src, first),
                row(1, "Noe annet her.", "Something else here."),
                row(2, src, tgt),
            ])
            .contains(&Kind::InconsistentTranslation)
        };
        assert!(!same("One tenth for every lamb of the seven lambs."));
        assert!(!same("and «one tenth» for every lamb of seven lambs"));
        assert!(same("and one tenth for every of the seven lambs;"));
        assert!(same("and one fifth for every lamb of the seven lambs;"));
        assert!(!same(
            "Moreover, one tenth for every lamb of the seven lambs."
        ));
        assert!(same("Clearly one tenth for every lamb of the seven lambs;"));
        assert!(same("one tenth for each lamb of the seven lambs;"));
        assert!(near_identical(
            "a hundred and thirty shekels",
            "one hundred thirty shekels"
        ));
        assert!(!near_identical(
            "a hundred and thirty shekels",
            "a hundred and forty shekels"
        ));
    }

    #[test]
    fn compounds_and_two_word_spellings_of_one_name_pair_up() {
        let pair =
            |a: &[&'static str], b: &[&'static str]| drop_spelling_variants(a.to_vec(), b.to_vec());
        assert_eq!(pair(&["Efra'imfjellene"], &["Ephraim"]), (vec![], vec![]));
        assert_eq!(
            pair(&["Betsan"], &["David", "Beth", "Shan"]),
            (vec![], vec!["David"])
        );
        assert_eq!(
            pair(&["Betsemes", "Betsemes-bygden"], &["Beth", "Shemesh"]),
            (vec!["Betsemes-bygden"], vec![])
        );
        assert_eq!(pair(&["Betsur"], &["Beth", "Zur"]), (vec![], vec![]));
        // different names stay
        assert_eq!(
            pair(&["Mesopotamia"], &["Paddan", "Aram"]),
            (vec!["Mesopotamia"], vec!["Paddan", "Aram"])
        );
        assert_eq!(
            pair(&["Oslofjorden"], &["Bergen"]),
            (vec!["Oslofjorden"], vec!["Bergen"])
        );
        assert_eq!(
            pair(&["Karkas"], &["Harhas"]),
            (vec!["Karkas"], vec!["Harhas"])
        );
    }

    #[test]
    fn clean_pairs_give_no_findings() {
        let rows = vec![
            row(
                0,
                "I 2024 økte budsjettet med 3,5 prosent.",
                "In 2024 the budget grew by 3.5 per cent.",
            ),
            row(
                1,
                "Kina og Russland samarbeider tettere.",
                "China and Russia are cooperating more closely.",
            ),
        ];
        assert_eq!(kinds(&rows), vec![]);
    }

    fn name_severities(rows: &[Row]) -> Vec<(usize, Severity)> {
        check(rows, &CheckOptions::new(Lang::Nb, Lang::En))
            .findings
            .iter()
            .filter(|f| f.kind == Kind::NameMismatch)
            .map(|f| (f.pair, f.severity))
            .collect()
    }

    #[test]
    fn dropped_name_without_a_replacement_is_info() {
        // a source name missing from the target with no other name in its
        // place is usually rendered by words: info
        let rows = vec![
            row(
                0,
                "Kraftverket Kashiwazaki i Niigata var i drift.",
                "The power plant in Niigata was operating.",
            ),
            row(
                1,
                "Vi gikk langs veien med melke.",
                "We walked along the road with milk.",
            ),
            // a name made of the document's own words, translated: info
            row(
                2,
                "Vi så Melkeveien i natt.",
                "We saw the Milky Way tonight.",
            ),
        ];
        assert_eq!(
            name_severities(&rows),
            vec![(0, Severity::Info), (2, Severity::Info)]
        );
    }

    #[test]
    fn swapped_name_known_elsewhere_is_a_warning_but_not_from_untranslated_rows() {
        let rows = vec![
            row(
                0,
                "Ottawa viser Canadas historie.",
                "Ottawa shows Marion's history.",
            ),
            row(1, "I går kom Marion hjem.", "Yesterday Marion came home."),
        ];
        assert_eq!(name_severities(&rows), vec![(0, Severity::Warning)]);
        // "Hertzberg" is known in the target only from a row left
        // untranslated, which does not count
        let rows = vec![
            row(
                0,
                "Teorien til Hertzberg er kjent.",
                "The theory of Smithers is well known.",
            ),
            row(
                1,
                "Dette er en setning som Hertzberg skrev, og den er ikke oversatt.",
                "Dette er en setning som Hertzberg skrev, og den er ikke oversatt.",
            ),
        ];
        assert_eq!(name_severities(&rows), vec![(0, Severity::Info)]);
    }

    #[test]
    fn omission_is_reported_where_the_aligner_put_the_gap_one_off() {
        // source 1 has no counterpart; the aligner paired it with target 1
        // (low confidence) and left source 2, its real partner, alone
        let mut rows = vec![
            row(
                0,
                "Rapporten fra Oslo kom i 2021.",
                "The report from Oslo came in 2021.",
            ),
            row(
                1,
                "Været var fint hele uken.",
                "Tromsø measured the tides in 2004 with Hansen.",
            ),
            row(2, "Tromsø målte tidevannet i 2004 sammen med Hansen.", ""),
            row(
                3,
                "Budsjettet for 2023 ble vedtatt.",
                "The budget for 2023 was adopted.",
            ),
        ];
        rows[1].tgt = vec![1];
        rows[3].tgt = vec![2];
        // confidences as the aligner writes them for these posteriors
        for (r, c) in rows.iter_mut().zip([0.9, 0.5, 0.3, 0.9]) {
            r.confidence = Some(crate::align::calibrate::confidence(
                Table::Plain,
                r.src.len(),
                r.tgt.len(),
                c,
            ));
        }
        let report = check(&rows, &CheckOptions::new(Lang::Nb, Lang::En));
        let om: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.kind == Kind::Omission)
            .collect();
        assert_eq!(om.len(), 1);
        assert_eq!(om[0].src_ids, vec![1]);
        // and no number or name findings from the wrong pairing
        assert!(report
            .findings
            .iter()
            .all(|f| f.kind != Kind::NumberMismatch && f.kind != Kind::NameMismatch));
    }

    #[test]
    fn doubtful_pairings_are_judged_by_the_table_of_the_confidences() {
        // A 1-1 pairing is doubtful below posterior 0.5 in either table,
        // when check is told the table the confidences were written with.
        use crate::align::calibrate::confidence;
        let rows = |c: f64| {
            let mut r = osaka_in_the_place_of_niigata();
            r[0].confidence = Some(c);
            r
        };
        let severity = |rows: &[Row], table: Table| {
            let mut opts = CheckOptions::new(Lang::Nb, Lang::En);
            opts.calibration = table;
            check(rows, &opts)
                .findings
                .iter()
                .find(|f| f.kind == Kind::NameMismatch)
                .map(|f| f.severity)
        };
        let mut wrong_table_differs = false;
        for table in [Table::Plain, Table::Semantic] {
            let other = if table == Table::Plain {
                Table::Semantic
            } else {
                Table::Plain
            };
            // posteriors 0.300, 0.305, … 0.700
            for k in 60..=140 {
                let p = k as f64 / 200.0;
                let r = rows(confidence(table, 1, 1, p));
                let want = if p < 0.5 {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                assert_eq!(severity(&r, table), Some(want), "{table:?} {p}");
                wrong_table_differs |= severity(&r, other) != Some(want);
            }
        }
        // and the other table's levels would decide some of them otherwise
        assert!(wrong_table_differs);
    }

    /// "Osaka" in the place of "Niigata", a name the source writes
    /// elsewhere.
    fn osaka_in_the_place_of_niigata() -> Vec<Row> {
        vec![
            row(
                0,
                "Kraftverket i Niigata var i drift.",
                "The power plant in Osaka was operating.",
            ),
            row(
                1,
                "Vi gikk langs veien i Osaka.",
                "We walked along the road in Osaka.",
            ),
        ]
    }

    #[test]
    fn name_finding_across_a_doubtful_pairing_is_info() {
        let base = osaka_in_the_place_of_niigata;
        // confidences as the aligner writes them for these posteriors
        let cal = crate::align::calibrate::confidence;
        // no confidence (a reviewed CSV): trusted
        assert_eq!(name_severities(&base()), vec![(0, Severity::Warning)]);
        let mut rows = base();
        rows[0].confidence = Some(cal(Table::Plain, 1, 1, 0.45));
        assert_eq!(name_severities(&rows), vec![(0, Severity::Info)]);
        rows[0].confidence = Some(cal(Table::Plain, 1, 1, 0.55));
        assert_eq!(name_severities(&rows), vec![(0, Severity::Warning)]);
        // a merged bead needs more confidence
        rows[0].src = vec![0, 1];
        rows[0].confidence = Some(cal(Table::Plain, 2, 1, 0.55));
        assert_eq!(name_severities(&rows), vec![(0, Severity::Info)]);
        // a reviewer's verdict overrides a low confidence
        rows[0].status = Some(crate::pairs::Status::Approved);
        assert_eq!(name_severities(&rows), vec![(0, Severity::Warning)]);
    }
}
