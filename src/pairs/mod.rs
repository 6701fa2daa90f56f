//! The aligned pair: one [`Row`] per bead as a translator sees it, built
//! from an alignment ([`rows`]) or read back from a reviewed CSV
//! ([`review`]), with the reviewer's verdict ([`Status`]) and the formula
//! guard a spreadsheet needs ([`guard`]). Below the writers (`output`) and
//! the reports (`report`), which both take rows.

pub mod guard;
pub mod review;

use std::ops::Range;

use crate::align::{Alignment, Bead};
use crate::read::BlockKind;
use crate::segment::Segment;

pub use review::read_pairs;

/// One aligned pair.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Row {
    /// Stable pair id (0-based position in the alignment).
    pub pair: usize,
    /// Source segment indices.
    pub src: Vec<usize>,
    /// Target segment indices.
    pub tgt: Vec<usize>,
    /// Source byte range, `None` for an empty side.
    pub src_bytes: Option<Range<usize>>,
    /// Target byte range, `None` for an empty side.
    pub tgt_bytes: Option<Range<usize>>,
    /// Confidence in [0, 1], when known.
    pub confidence: Option<f64>,
    /// Source text (segments joined by a space).
    pub src_text: String,
    /// Target text.
    pub tgt_text: String,
    /// Structural kind of the first source segment (heading, paragraph …),
    /// when known. The HTML page makes headings section anchors.
    #[serde(serialize_with = "ser_kind")]
    pub src_kind: Option<BlockKind>,
    /// Structural kind of the first target segment, when known.
    #[serde(serialize_with = "ser_kind")]
    pub tgt_kind: Option<BlockKind>,
    /// The reviewer's verdict, read back from a reviewed CSV.
    pub status: Option<Status>,
    /// The reviewer's note, read back from a reviewed CSV (`None` or empty
    /// when there is none).
    pub note: Option<String>,
    /// For a moved pair (a block the two editions place differently, see
    /// [`Alignment::moved`]): the pair before which its target text stands
    /// in the target edition (the number of pairs when it stands at the
    /// end). Rows are in source order, so the target side is the one out
    /// of place. `None` for a pair in order.
    pub moved: Option<usize>,
    /// The list marker ("•", "1)") or footnote label ("¹") that opens the
    /// first source segment's list item or footnote: structure, left out of
    /// [`Row::src_text`] (see [`Segment::marker`]). `None` when there is
    /// none, and for rows read back from a CSV.
    #[serde(skip)]
    pub src_marker: Option<String>,
    /// The same for the first target segment.
    #[serde(skip)]
    pub tgt_marker: Option<String>,
}

fn ser_kind<S: serde::Serializer>(k: &Option<BlockKind>, s: S) -> Result<S::Ok, S::Error> {
    match k {
        Some(k) => s.serialize_some(k.as_str()),
        None => s.serialize_none(),
    }
}

impl Row {
    /// True when either side is a code or preformatted block.
    pub fn is_code(&self) -> bool {
        self.src_kind == Some(BlockKind::Code) || self.tgt_kind == Some(BlockKind::Code)
    }

    /// The bead type as `"1-2"`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }

    /// True when one side has no text (a 1-0 or 0-1 pair, or a pair whose
    /// text a reviewer emptied).
    pub fn is_one_sided(&self) -> bool {
        self.src_text.is_empty() || self.tgt_text.is_empty()
    }

    /// True for a moved pair (see [`Row::moved`]).
    pub fn is_moved(&self) -> bool {
        self.moved.is_some()
    }

    /// True when the row is a heading on either side.
    pub fn is_heading(&self) -> bool {
        self.src_kind == Some(BlockKind::Heading) || self.tgt_kind == Some(BlockKind::Heading)
    }
}

/// A reviewer's verdict on a pair (the `status` column of a reviewed CSV).
///
/// Vocabulary, case-insensitive, surrounding space ignored (see
/// [`Status::parse`]):
///
/// - empty → no verdict (the row is kept, `None`);
/// - `ok`, `approved`, `yes`, `y`, `done`, `✓` → [`Status::Approved`];
/// - `reject`, `rejected`, `x`, `no`, `n`, `delete` → [`Status::Rejected`]
///   (the row is dropped by `tolk convert`);
/// - `check`, `review`, `?`, `todo`, `fix` → [`Status::NeedsReview`].
///
/// Anything else is an error naming the row, so a typo never keeps a pair
/// the reviewer meant to throw out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// The reviewer accepted the pair.
    Approved,
    /// The reviewer flagged the pair for another look.
    NeedsReview,
    /// The reviewer rejected the pair.
    Rejected,
}

impl Status {
    /// Parse a `status` cell. `Ok(None)` for an empty cell; `Err` carries
    /// the accepted vocabulary.
    pub fn parse(cell: &str) -> Result<Option<Status>, String> {
        let v = cell.trim().to_lowercase();
        Ok(Some(match v.as_str() {
            "" => return Ok(None),
            "ok" | "approved" | "yes" | "y" | "done" | "✓" | "✔" => Status::Approved,
            "reject" | "rejected" | "x" | "no" | "n" | "delete" => Status::Rejected,
            "check" | "review" | "?" | "todo" | "fix" => Status::NeedsReview,
            _ => {
                return Err(format!(
                    "unknown status `{}`; use ok (or approved, yes, done), reject (or rejected, x, no, delete), check (or review, ?, todo, fix), or leave it empty",
                    cell.trim()
                ))
            }
        }))
    }

    /// The canonical word written back (`ok`, `check`, `reject`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "ok",
            Status::NeedsReview => "check",
            Status::Rejected => "reject",
        }
    }
}

/// Rows of an alignment, in source order: the monotone beads, with each
/// moved pair ([`Alignment::moved`]) put where its source segments stand;
/// [`Row::moved`] says where its target segments stand. Each side is the
/// document text the segments' byte ranges refer to, and the segments.
pub fn rows<'a>(
    alignment: &'a Alignment,
    (src_text, src): (&'a str, &'a [Segment]),
    (tgt_text, tgt): (&'a str, &'a [Segment]),
) -> impl Iterator<Item = Row> + 'a {
    struct SideRow {
        bytes: Option<Range<usize>>,
        text: String,
        kind: Option<BlockKind>,
        marker: Option<String>,
    }
    fn side(doc: &str, segs: &[Segment], r: &Range<usize>) -> SideRow {
        if r.is_empty() {
            return SideRow {
                bytes: None,
                text: String::new(),
                kind: None,
                marker: None,
            };
        }
        let first = &segs[r.start];
        let text = segs[r.clone()]
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        SideRow {
            bytes: Some(first.bytes.start..segs[r.end - 1].bytes.end),
            text,
            kind: Some(first.kind),
            marker: first
                .marker
                .clone()
                .and_then(|m| doc.get(m))
                .map(str::to_string),
        }
    }
    placed(alignment)
        .into_iter()
        .enumerate()
        .map(move |(pair, (b, moved))| {
            let s = side(src_text, src, &b.src);
            let t = side(tgt_text, tgt, &b.tgt);
            Row {
                pair,
                src: b.src.clone().collect(),
                tgt: b.tgt.clone().collect(),
                src_bytes: s.bytes,
                tgt_bytes: t.bytes,
                confidence: Some(b.confidence),
                src_text: s.text,
                tgt_text: t.text,
                src_kind: s.kind,
                tgt_kind: t.kind,
                status: None,
                note: None,
                moved,
                src_marker: s.marker,
                tgt_marker: t.marker,
            }
        })
}

/// The beads of `a` in output order, each moved one with the pair before
/// which its target segments stand (see [`rows`]). The monotone beads skip
/// the moved segments: a moved bead goes where the source skips its
/// segments, and its target stands where the target skips its segments.
fn placed(a: &Alignment) -> Vec<(&Bead, Option<usize>)> {
    let mut by_tgt: Vec<usize> = (0..a.moved.len()).collect();
    by_tgt.sort_by_key(|&k| a.moved[k].tgt.start);
    let mut out: Vec<(&Bead, Option<usize>)> = Vec::with_capacity(a.beads.len() + a.moved.len());
    let mut before: Vec<usize> = vec![usize::MAX; a.moved.len()];
    let (mut ms, mut mt) = (0, 0);
    for b in &a.beads {
        if !b.src.is_empty() {
            while ms < a.moved.len() && a.moved[ms].src.start < b.src.start {
                out.push((&a.moved[ms], Some(ms)));
                ms += 1;
            }
        }
        if !b.tgt.is_empty() {
            while mt < by_tgt.len() && a.moved[by_tgt[mt]].tgt.start < b.tgt.start {
                before[by_tgt[mt]] = out.len();
                mt += 1;
            }
        }
        out.push((b, None));
    }
    while ms < a.moved.len() {
        out.push((&a.moved[ms], Some(ms)));
        ms += 1;
    }
    for &k in &by_tgt[mt..] {
        before[k] = out.len();
    }
    for (_, moved) in &mut out {
        if let Some(k) = *moved {
            *moved = Some(before[k]);
        }
    }
    out
}

/// Segment ids as written in CSV: space-separated.
pub fn format_ids(ids: &[usize]) -> String {
    join_ids(ids, " ")
}

/// Segment ids joined by `sep` (`join_ids(&[3, 4], "+")` is `3+4`).
pub fn join_ids(ids: &[usize], sep: &str) -> String {
    ids.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            confidence: 0.9,
        }
    }

    #[test]
    fn moved_pairs_stand_at_their_source_place_and_name_their_target_place() {
        // Source 2..4 stands after source 1; its target 5..7 stands after
        // target 4 (before the bead of target 7).
        let a = Alignment {
            beads: vec![
                bead(0..1, 0..1),
                bead(1..2, 1..2),
                bead(4..5, 2..3),
                bead(5..6, 3..4),
                bead(6..7, 4..5),
                bead(7..8, 7..8),
            ],
            moved: vec![bead(2..3, 5..6), bead(3..4, 6..7)],
        };
        let got: Vec<(Range<usize>, Range<usize>, Option<usize>)> = placed(&a)
            .into_iter()
            .map(|(b, m)| (b.src.clone(), b.tgt.clone(), m))
            .collect();
        assert_eq!(
            got,
            vec![
                (0..1, 0..1, None),
                (1..2, 1..2, None),
                (2..3, 5..6, Some(7)),
                (3..4, 6..7, Some(7)),
                (4..5, 2..3, None),
                (5..6, 3..4, None),
                (6..7, 4..5, None),
                (7..8, 7..8, None),
            ]
        );
        // A target at the very end: before the (absent) pair after the last.
        let a = Alignment {
            beads: vec![bead(1..2, 0..1)],
            moved: vec![bead(0..1, 1..2)],
        };
        let m: Vec<Option<usize>> = placed(&a).into_iter().map(|(_, m)| m).collect();
        assert_eq!(m, vec![Some(2), None]);
    }
}
