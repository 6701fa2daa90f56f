//! Translation update: which translations of the old version can be reused
//! for the new version, which need an update, and which sentences are new.
//!
//! Input: the [`diff`](super::diff) of the old and new source versions, and
//! the old source aligned with its translation (rows whose `src` ids are
//! old-source segment ids).

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::output::csv::Sheet;
use crate::pairs::Row;

use super::diff::{DiffKind, Edit, Entry};

/// What the translator has to do with a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Source unchanged: reuse the old translation.
    Unchanged,
    /// Source edited: the old translation needs an update.
    Changed,
    /// No old translation: translate from scratch.
    New,
    /// An old translation whose source is gone from the new version.
    Obsolete,
}

impl Status {
    /// `unchanged`, `changed`, `new` or `obsolete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::New => "new",
            Status::Obsolete => "obsolete",
        }
    }
}

/// One line of the update sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateRow {
    /// What to do.
    pub status: Status,
    /// New-version sentence ids (empty for obsolete).
    pub new_ids: Vec<usize>,
    /// New-version source text.
    pub new_text: String,
    /// Old-version source ids the translation belonged to.
    pub old_ids: Vec<usize>,
    /// Old-version source text.
    pub old_text: String,
    /// Old translation segment ids.
    pub tgt_ids: Vec<usize>,
    /// Old translation (to reuse or edit).
    pub tgt_text: String,
    /// Fuzzy match of the new source against the old, in percent.
    pub match_pct: u32,
    /// The old alignment's confidence for the translation, when known.
    pub confidence: Option<f64>,
    /// The word-level change of the source, old words → new words
    /// ([`word_change`]); empty when the source did not change.
    pub change: String,
}

/// Build the update sheet from a diff of the sources and the old alignment.
pub fn update(entries: &[Entry], old_rows: &[Row]) -> Vec<UpdateRow> {
    let mut row_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, r) in old_rows.iter().enumerate() {
        for &s in &r.src {
            row_of.insert(s, k);
        }
    }
    let translation = |old: &[usize]| -> Option<&Row> {
        old.first()
            .and_then(|i| row_of.get(i))
            .map(|&k| &old_rows[k])
    };
    // Old rows whose every source sentence was deleted are obsolete.
    let mut surviving: BTreeMap<usize, bool> = BTreeMap::new();
    for e in entries {
        for i in &e.old {
            if let Some(&k) = row_of.get(i) {
                let keep = e.kind != DiffKind::Deleted;
                let v = surviving.entry(k).or_insert(false);
                *v = *v || keep;
            }
        }
    }
    let mut out = Vec::new();
    for e in entries {
        let t = translation(&e.old);
        let (tgt_ids, tgt_text, confidence) = match t {
            Some(r) => (r.tgt.clone(), r.tgt_text.clone(), r.confidence),
            None => (Vec::new(), String::new(), None),
        };
        let pct = (e.similarity * 100.0).round() as u32;
        let status = match e.kind {
            DiffKind::Deleted => {
                let k = e.old.first().and_then(|i| row_of.get(i));
                match k {
                    Some(k)
                        if !surviving.get(k).copied().unwrap_or(false) && !tgt_text.is_empty() =>
                    {
                        Status::Obsolete
                    }
                    _ => continue,
                }
            }
            DiffKind::Added => Status::New,
            _ if tgt_text.trim().is_empty() => Status::New,
            DiffKind::Unchanged => Status::Unchanged,
            DiffKind::Moved if e.edits.is_empty() => Status::Unchanged,
            DiffKind::Changed | DiffKind::Moved => Status::Changed,
        };
        out.push(UpdateRow {
            status,
            new_ids: e.new.clone(),
            new_text: e.new_text.clone(),
            old_ids: e.old.clone(),
            old_text: e.old_text.clone(),
            tgt_ids,
            tgt_text,
            match_pct: if status == Status::New { 0 } else { pct },
            confidence,
            change: if status == Status::Changed {
                word_change(&e.edits)
            } else {
                String::new()
            },
        });
    }
    out
}

/// The word-level change of a sentence for the update sheet: each run of
/// changed words as `«old» → «new»` (an empty side is `«»`), runs joined by
/// `; `. White space between two changed words belongs to the run, so
/// `økte kraftig` → `falt litt` is one run, not two.
pub fn word_change(edits: &[Edit]) -> String {
    let mut runs: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for (k, e) in edits.iter().enumerate() {
        let inner_space = e.op == "equal"
            && e.text.trim().is_empty()
            && open
            && edits.get(k + 1).is_some_and(|n| n.op != "equal");
        match e.op {
            "delete" | "insert" => {
                if !open {
                    runs.push(Default::default());
                    open = true;
                }
                let run = runs.last_mut().expect("opened above");
                if e.op == "delete" {
                    run.0.push_str(&e.text);
                } else {
                    run.1.push_str(&e.text);
                }
            }
            _ if inner_space => {
                let run = runs.last_mut().expect("open");
                run.0.push_str(&e.text);
                run.1.push_str(&e.text);
            }
            _ => open = false,
        }
    }
    let side = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    runs.iter()
        .map(|(a, b)| format!("«{}» → «{}»", side(a), side(b)))
        .filter(|r| r != "«» → «»")
        .collect::<Vec<_>>()
        .join("; ")
}

/// CSV in the align CSV's conventions (pair, src_ids, tgt_ids, type,
/// confidence, src_text, tgt_text) with five more columns: status, match
/// (percent), old_src_ids, old_src_text and src_change ([`word_change`]).
/// `sheet`: `--excel` and `--delimiter`, as for `tolk align`.
pub fn write_csv(rows: &[UpdateRow], sheet: Sheet, w: &mut dyn Write) -> io::Result<()> {
    let mut cw = sheet.writer(w)?;
    // keeps a broken pipe recognisable (`tolk … | head` exits 0)
    let to_io = crate::error::csv_io;
    cw.write_record([
        "pair",
        "src_ids",
        "tgt_ids",
        "type",
        "confidence",
        "src_text",
        "tgt_text",
        "status",
        "match",
        "old_src_ids",
        "old_src_text",
        "src_change",
    ])
    .map_err(to_io)?;
    for (k, r) in rows.iter().enumerate() {
        cw.write_record([
            k.to_string(),
            sheet.ids(&r.new_ids),
            sheet.ids(&r.tgt_ids),
            format!("{}-{}", r.new_ids.len(), r.tgt_ids.len()),
            sheet.confidence(r.confidence),
            sheet.text(&r.new_text).into_owned(),
            sheet.text(&r.tgt_text).into_owned(),
            r.status.as_str().to_string(),
            r.match_pct.to_string(),
            sheet.ids(&r.old_ids),
            sheet.text(&r.old_text).into_owned(),
            sheet.text(&r.change).into_owned(),
        ])
        .map_err(to_io)?;
    }
    cw.flush()
}

/// Counts per status, in [`Status`] order.
pub fn counts(rows: &[UpdateRow]) -> [(Status, usize); 4] {
    let c = |s: Status| rows.iter().filter(|r| r.status == s).count();
    [
        (Status::Unchanged, c(Status::Unchanged)),
        (Status::Changed, c(Status::Changed)),
        (Status::New, c(Status::New)),
        (Status::Obsolete, c(Status::Obsolete)),
    ]
}

#[cfg(test)]
mod tests {
    use super::word_change;
    use crate::report::diff::word_edits;

    fn change(old: &str, new: &str) -> String {
        word_change(&word_edits(old, new).0)
    }

    #[test]
    fn runs_of_changed_words_old_to_new() {
        assert_eq!(
            change("Prisene økte kraftig i fjor.", "Prisene falt litt i fjor."),
            "«økte kraftig» → «falt litt»"
        );
        assert_eq!(
            change("I 2025 kom 1 097 saker.", "I 2026 kom 1 204 saker."),
            "«2025» → «2026»; «1 097» → «1 204»"
        );
        assert_eq!(change("Det regner.", "Det regner mye."), "«» → «mye»");
        assert_eq!(change("Det regner mye.", "Det regner."), "«mye» → «»");
        assert_eq!(change("Det regner.", "Det regner."), "");
    }
}
