//! Omissions and additions hidden inside merged beads.
//!
//! When a sentence is dropped from a translation, the aligner does not
//! always leave it alone as a 1-0: it may attach it to a neighbour and make
//! a 2-1 (or 3-1, 2-3 …) bead. The row's joined text then looks like an
//! ordinary merge, a little long on one side. [`inside`] looks at each
//! sentence of the longer side of such a bead on its own: a sentence that
//! shares nothing with the other side (no number, name, cognate or word
//! linked by the document's own lexicon, see [`Scorer`]) while its
//! siblings do, and without which the bead's length ratio falls back to
//! the document's usual one, is reported as an omission of that sentence,
//! with its own byte range. Only source sentences are looked at for now
//! (see [`ADDITIONS`] for why).
//!
//! A genuine merge (two Norwegian sentences translated as one English
//! sentence) is left alone: both sentences have counterparts, and the
//! length ratio is already normal.

use crate::align::calibrate::Table;
use crate::pairs::Row;
use crate::segment::Segment;

use super::realign::Scorer;
use super::{Finding, Kind, Severity};

/// Beads the aligner is at least this sure of are not looked into.
const SURE: f64 = super::realign::DOUBTFUL;
/// A sentence with at most this share of its content words matched on the
/// other side has no counterpart there.
const NO_EVIDENCE: f64 = 0.2;
/// The rest of the bead must have at least this share matched.
const SIBLING_EVIDENCE: f64 = 0.25;
/// The whole bead's length ratio must be at least this many robust
/// deviations off the document's (the long side too long) …
const BEAD_Z: f64 = 1.5;
/// … and, without the sentence, within this many.
const REST_Z: f64 = 1.5;
/// Whether target sentences are looked at too. Off: on clean Bible books
/// (nob1930 against WEB), where the English often splits a verse into
/// short sentences with little lexical evidence, the same test found
/// additions in genuine 1-2 beads (6 in 5 books) and none that was real.
pub const ADDITIONS: bool = false;
/// Fewest content words a sentence needs for its lack of evidence to mean
/// something.
const MIN_WORDS: usize = 5;

/// The segments the rows were made from, so that the sentences of a merged
/// bead can be looked at one by one.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    /// Source segments, indexed by [`Row::src`].
    pub src: Vec<Segment>,
    /// Target segments, indexed by [`Row::tgt`].
    pub tgt: Vec<Segment>,
}

/// One sentence of a merged bead with no counterpart on the other side.
#[derive(Debug, Clone, PartialEq)]
pub struct Hidden {
    /// Position of the row in the rows given to [`inside`].
    pub row: usize,
    /// True for a source sentence (an omission), false for a target one.
    pub src: bool,
    /// The segment id of the sentence.
    pub seg: usize,
}

/// The sentences hidden inside merged beads of `rows` (see the module
/// docs), at most one per row. Rows with a reviewer's status, without a
/// confidence or at a confidence of [`SURE`] or more are not looked into.
pub fn inside(rows: &[Row], segs: &Segments, scorer: &Scorer, table: Table) -> Vec<Hidden> {
    let mut out = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        if r.src.is_empty() || r.tgt.is_empty() || r.src.len() == r.tgt.len() {
            continue;
        }
        let sure = crate::align::calibrate::level(table, r.src.len(), r.tgt.len(), SURE);
        if r.status.is_some() || !r.confidence.is_some_and(|c| c < sure) {
            continue;
        }
        let src_long = r.src.len() > r.tgt.len();
        if !src_long && !ADDITIONS {
            continue;
        }
        let (ids, all) = if src_long {
            (&r.src, &segs.src)
        } else {
            (&r.tgt, &segs.tgt)
        };
        let Some(texts) = ids
            .iter()
            .map(|&i| all.get(i).map(|s| s.text.as_str()))
            .collect::<Option<Vec<&str>>>()
        else {
            continue;
        };
        let other = if src_long { &r.tgt_text } else { &r.src_text };
        let long = texts.join(" ");
        // How long the long side is against the other, in robust
        // deviations from the document's ratio: positive = too long.
        let excess = |text: &str| -> f64 {
            if src_long {
                -scorer.length_z(text, other)
            } else {
                scorer.length_z(other, text)
            }
        };
        let bead_z = excess(&long);
        if bead_z < BEAD_Z {
            continue;
        }
        // (words of `text` matched, words of `text`, words of `against` matched)
        let evidence = |text: &str, against: &str| {
            let m = if src_long {
                scorer.matches(text, against)
            } else {
                scorer.matches(against, text)
            };
            if src_long {
                (m.src_hit.len(), m.src_words, m.tgt_hit)
            } else {
                (m.tgt_hit.len(), m.tgt_words, m.src_hit)
            }
        };
        let share = |hit: usize, n: usize| if n == 0 { 0.0 } else { hit as f64 / n as f64 };
        let mut best: Option<(f64, f64, usize)> = None;
        for (i, t) in texts.iter().enumerate() {
            let (hit, n, covered) = evidence(t, other);
            let ev = share(hit, n);
            let rest: String = texts
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, t)| *t)
                .collect::<Vec<_>>()
                .join(" ");
            let (rest_hit, rest_n, rest_covered) = evidence(&rest, other);
            let rest_ev = share(rest_hit, rest_n);
            // other-side words only this sentence accounts for
            let own = covered.difference(&rest_covered).count();
            let rest_z = excess(&rest);
            if n < MIN_WORDS
                || ev > NO_EVIDENCE
                || own * 10 > n
                || rest_ev < SIBLING_EVIDENCE
                || rest_z.abs() > REST_Z
            {
                continue;
            }
            if best.map_or(true, |(e, z, _)| (ev, rest_z.abs()) < (e, z)) {
                best = Some((ev, rest_z.abs(), ids[i]));
            }
        }
        if let Some((_, _, seg)) = best {
            out.push(Hidden {
                row: k,
                src: src_long,
                seg,
            });
        }
    }
    out
}

/// The finding for a hidden sentence `h` of `row`: the sentence's own id,
/// byte range and text on its side, the whole row on the other.
pub fn finding(row: &Row, h: &Hidden, segs: &Segments) -> Option<Finding> {
    let seg = if h.src {
        segs.src.get(h.seg)
    } else {
        segs.tgt.get(h.seg)
    }?;
    let n = if h.src { row.src.len() } else { row.tgt.len() };
    let (kind, msg) = if h.src {
        (
            Kind::Omission,
            format!(
                "a source sentence merged with {} other{} has no counterpart in the target: omitted?",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        )
    } else {
        (
            Kind::Addition,
            format!(
                "a target sentence merged with {} other{} has no counterpart in the source: added?",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        )
    };
    let mut f = Finding::at(row, kind, Severity::Warning, msg);
    if h.src {
        f.src_ids = vec![h.seg];
        f.src_bytes = Some(seg.bytes.clone());
        f.src_text = seg.text.clone();
    } else {
        f.tgt_ids = vec![h.seg];
        f.tgt_bytes = Some(seg.bytes.clone());
        f.tgt_text = seg.text.clone();
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::one_per_paragraph as segs;

    /// Sentence pairs that translate each other (shared names, numbers,
    /// cognates), for the document's lexicon and length ratio.
    const FILLER: [(&str, &str); 12] = [
        (
            "Rapporten fra Oslo kom i 2021.",
            "The report from Oslo came in 2021.",
        ),
        (
            "Tromsø fikk 300 nye studenter i 2019.",
            "Tromsø got 300 new students in 2019.",
        ),
        (
            "Budsjettet for 2023 ble vedtatt i Stortinget.",
            "The budget for 2023 was adopted by the Storting.",
        ),
        (
            "Hansen besøkte Bergen i mars 2018.",
            "Hansen visited Bergen in March 2018.",
        ),
        (
            "Kina og Russland samarbeider tettere enn før.",
            "China and Russia are cooperating more closely than before.",
        ),
        (
            "I 2022 kom 45 prosent av gassen fra Norge.",
            "In 2022, 45 per cent of the gas came from Norway.",
        ),
        (
            "Trondheim har 210 000 innbyggere.",
            "Trondheim has 210,000 inhabitants.",
        ),
        (
            "Olsen ledet komiteen fra 2015 til 2020.",
            "Olsen chaired the committee from 2015 to 2020.",
        ),
        (
            "Nato møttes i Vilnius i juli 2023.",
            "Nato met in Vilnius in July 2023.",
        ),
        (
            "Stavanger eksporterte olje for 12 milliarder.",
            "Stavanger exported oil worth 12 billion.",
        ),
        (
            "Iran testet 3 nye raketter i 2024.",
            "Iran tested 3 new missiles in 2024.",
        ),
        (
            "Berg skrev rapporten om Arktis i 2017.",
            "Berg wrote the report on the Arctic in 2017.",
        ),
    ];

    /// A document of the filler pairs, then one bead of `src` sentences
    /// against one target sentence `tgt`, at posterior `conf`.
    fn doc(src: &[&str], tgt: &str, conf: f64) -> (Vec<Row>, Segments) {
        let mut s: Vec<&str> = FILLER.iter().map(|p| p.0).collect();
        let mut t: Vec<&str> = FILLER.iter().map(|p| p.1).collect();
        let mut rows: Vec<Row> = FILLER
            .iter()
            .enumerate()
            .map(|(i, (a, b))| Row {
                pair: i,
                src: vec![i],
                tgt: vec![i],
                src_text: a.to_string(),
                tgt_text: b.to_string(),
                confidence: Some(crate::align::calibrate::confidence(Table::Plain, 1, 1, 0.9)),
                ..Row::default()
            })
            .collect();
        let n = FILLER.len();
        s.extend(src);
        t.push(tgt);
        rows.push(Row {
            pair: n,
            src: (n..n + src.len()).collect(),
            tgt: vec![n],
            src_text: src.join(" "),
            tgt_text: tgt.to_string(),
            // the confidence the aligner writes for posterior `conf`
            confidence: Some(crate::align::calibrate::confidence(
                Table::Plain,
                src.len(),
                1,
                conf,
            )),
            ..Row::default()
        });
        let segs = Segments {
            src: segs(&s),
            tgt: segs(&t),
        };
        for r in &mut rows {
            r.src_bytes =
                Some(segs.src[r.src[0]].bytes.start..segs.src[*r.src.last().unwrap()].bytes.end);
            r.tgt_bytes = Some(segs.tgt[r.tgt[0]].bytes.clone());
        }
        (rows, segs)
    }

    fn hidden(rows: &[Row], segs: &Segments) -> Vec<Hidden> {
        inside(rows, segs, &Scorer::new(rows), Table::Plain)
    }

    const TRANSLATED: &str = "Departementet i Bergen publiserte 45 rapporter i 2023.";
    const ITS_TRANSLATION: &str = "The ministry in Bergen published 45 reports in 2023.";
    const DROPPED: &str = "Været var fint og alle var glade hele uken lang.";

    #[test]
    fn a_dropped_sentence_merged_with_its_neighbour_is_found() {
        let (rows, segs) = doc(&[TRANSLATED, DROPPED], ITS_TRANSLATION, 0.5);
        let h = hidden(&rows, &segs);
        assert_eq!(
            h,
            vec![Hidden {
                row: 12,
                src: true,
                seg: 13
            }]
        );
        let f = finding(&rows[12], &h[0], &segs).unwrap();
        assert_eq!(f.kind, Kind::Omission);
        assert_eq!(f.src_ids, vec![13]);
        assert_eq!(f.src_text, DROPPED);
        assert_eq!(f.src_bytes, Some(segs.src[13].bytes.clone()));
        assert_eq!(f.tgt_ids, vec![12]);
        // the dropped sentence first, too
        let (rows, segs) = doc(&[DROPPED, TRANSLATED], ITS_TRANSLATION, 0.5);
        assert_eq!(hidden(&rows, &segs)[0].seg, 12);
    }

    #[test]
    fn a_genuine_two_to_one_translation_is_not_flagged() {
        // one English sentence translates both Norwegian ones
        let (rows, segs) = doc(
            &[
                "Departementet i Bergen publiserte rapportene i 2023.",
                "De kom i 45 eksemplarer til Oslo.",
            ],
            "The ministry in Bergen published the reports in 2023, sending 45 copies to Oslo.",
            0.5,
        );
        assert_eq!(hidden(&rows, &segs), vec![]);
    }

    #[test]
    fn confident_reviewed_or_short_sentences_are_not_looked_into() {
        let (rows, segs) = doc(&[TRANSLATED, DROPPED], ITS_TRANSLATION, 0.9);
        assert_eq!(hidden(&rows, &segs), vec![]);
        let (mut rows, segs) = doc(&[TRANSLATED, DROPPED], ITS_TRANSLATION, 0.5);
        rows[12].status = Some(crate::pairs::Status::Approved);
        assert_eq!(hidden(&rows, &segs), vec![]);
        // too few words to tell
        let (rows, segs) = doc(&[TRANSLATED, "Været var fint."], ITS_TRANSLATION, 0.5);
        assert_eq!(hidden(&rows, &segs), vec![]);
    }

    #[test]
    fn check_reports_the_sentence_only_when_given_the_segments() {
        use crate::lang::Lang;
        use crate::report::check::{check, CheckOptions};
        let (rows, segs) = doc(&[TRANSLATED, DROPPED], ITS_TRANSLATION, 0.5);
        let mut opts = CheckOptions::new(Lang::Nb, Lang::En);
        let om = |opts: &CheckOptions| -> Vec<Vec<usize>> {
            check(&rows, opts)
                .findings
                .iter()
                .filter(|f| f.kind == Kind::Omission)
                .map(|f| f.src_ids.clone())
                .collect()
        };
        // rows alone (a CSV): the sentence cannot be singled out
        assert!(om(&opts).iter().all(|ids| ids != &vec![13]));
        opts.segments(&segs.src, &segs.tgt);
        assert_eq!(om(&opts), vec![vec![13]]);
    }

    #[test]
    fn segments_that_do_not_fit_the_rows_are_skipped() {
        let (rows, mut segs) = doc(&[TRANSLATED, DROPPED], ITS_TRANSLATION, 0.5);
        segs.src.truncate(13);
        assert_eq!(hidden(&rows, &segs), vec![]);
        assert_eq!(hidden(&rows, &Segments::default()), vec![]);
    }
}
