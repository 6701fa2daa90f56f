//! `diff`: two versions of one edition, sentence by sentence.
//!
//! Sentences are matched with `similar` on their normalised text; inside a
//! replaced region, old and new sentences are paired by word-level
//! similarity (a small monotone DP); leftovers that reappear elsewhere are
//! moves, not a delete plus an insert. Changed sentences carry a word-level
//! edit list over our own number-aware tokens ("1 097,3" is one token).

use std::io::{self, Write};
use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};

use crate::segment::Segment;

use super::range_json;
use super::write::{md_text, shown, CSS};
use crate::text::escape::html as esc;

/// What happened to a sentence between versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiffKind {
    /// Same text.
    Unchanged,
    /// Edited in place.
    Changed,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Deleted,
    /// Moved to another place (possibly edited too).
    Moved,
}

impl DiffKind {
    /// `unchanged`, `changed`, `added`, `deleted` or `moved`.
    pub fn as_str(self) -> &'static str {
        match self {
            DiffKind::Unchanged => "unchanged",
            DiffKind::Changed => "changed",
            DiffKind::Added => "added",
            DiffKind::Deleted => "deleted",
            DiffKind::Moved => "moved",
        }
    }
}

/// One word-level edit of a changed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    /// The text.
    pub text: String,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What happened.
    pub kind: DiffKind,
    /// Old sentence indices (empty for added).
    pub old: Vec<usize>,
    /// New sentence indices (empty for deleted).
    pub new: Vec<usize>,
    /// Byte range in the old file.
    pub old_bytes: Option<Range<usize>>,
    /// Byte range in the new file.
    pub new_bytes: Option<Range<usize>>,
    /// Old text.
    pub old_text: String,
    /// New text.
    pub new_text: String,
    /// Word-level similarity in [0, 1] (1 for unchanged).
    pub similarity: f64,
    /// Word-level edits (changed and edited moves only).
    pub edits: Vec<Edit>,
}

/// Split text into tokens for word-level diffs: numbers with their
/// thousands separators and decimals as one token ("1 097,3"), words with
/// inner hyphens and apostrophes, runs of white space, and single
/// punctuation marks. Concatenating the tokens gives the text back.
pub fn tokens(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map(|c| c.0).unwrap_or(text.len());
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let mut j = k + 1;
        if c.is_ascii_digit() {
            loop {
                while j < chars.len() && chars[j].1.is_ascii_digit() {
                    j += 1;
                }
                // separator + digits continues a number; a space only before
                // exactly three digits.
                if j + 1 < chars.len() && chars[j + 1].1.is_ascii_digit() {
                    let sep = chars[j].1;
                    let mut e = j + 1;
                    while e < chars.len() && chars[e].1.is_ascii_digit() {
                        e += 1;
                    }
                    let spaced = matches!(sep, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
                    if (matches!(sep, '.' | ',' | '\'') || (spaced && e - j - 1 == 3))
                        && !(spaced && e < chars.len() && chars[e].1.is_alphanumeric())
                    {
                        j = e;
                        continue;
                    }
                }
                break;
            }
            while j < chars.len() && chars[j].1.is_alphabetic() {
                j += 1; // 17th, 3D
            }
        } else if c.is_alphanumeric() {
            while j < chars.len() {
                let d = chars[j].1;
                let inner = matches!(d, '-' | '\'' | '’')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if d.is_alphanumeric() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c.is_whitespace() {
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
        }
        out.push(&text[start..end_of(j)]);
        k = j;
    }
    out
}

/// Word-level edits from `old` to `new` and their similarity ratio.
pub fn word_edits(old: &str, new: &str) -> (Vec<Edit>, f64) {
    let a = tokens(old);
    let b = tokens(new);
    let d = TextDiff::from_slices(&a, &b);
    let mut edits: Vec<Edit> = Vec::new();
    for ch in d.iter_all_changes() {
        let op = match ch.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Delete => "delete",
            ChangeTag::Insert => "insert",
        };
        match edits.last_mut() {
            Some(e) if e.op == op => e.text.push_str(ch.value()),
            _ => edits.push(Edit {
                op,
                text: ch.value().to_string(),
            }),
        }
    }
    (edits, similarity(old, new))
}

/// Token-level similarity ratio in [0, 1], white space ignored.
pub fn similarity(old: &str, new: &str) -> f64 {
    let a: Vec<&str> = tokens(old)
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    let b: Vec<&str> = tokens(new)
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    TextDiff::from_slices(&a, &b).ratio() as f64
}

fn key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sentences closer than this are the same sentence, edited.
pub const CHANGED_MIN: f64 = 0.5;

/// Pair old and new sentences inside a replaced region: a monotone DP that
/// maximises the summed similarity of pairs at or above [`CHANGED_MIN`].
fn pair_region(old: &[&Segment], new: &[&Segment]) -> Vec<(usize, usize, f64)> {
    let (n, m) = (old.len(), new.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    if n * m > 400_000 {
        // Too large a region for the DP: pair in order only exact-length neighbours.
        return Vec::new();
    }
    let mut sim = vec![vec![0.0f64; m]; n];
    for i in 0..n {
        let li = old[i].text.len() as f64;
        for j in 0..m {
            let lj = new[j].text.len() as f64;
            if li.min(lj) * 3.0 < li.max(lj) {
                continue;
            }
            sim[i][j] = similarity(&old[i].text, &new[j].text);
        }
    }
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut v = best[i + 1][j].max(best[i][j + 1]);
            if sim[i][j] >= CHANGED_MIN {
                v = v.max(sim[i][j] + best[i + 1][j + 1]);
            }
            best[i][j] = v;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if sim[i][j] >= CHANGED_MIN && (best[i][j] - (sim[i][j] + best[i + 1][j + 1])).abs() < 1e-12
        {
            out.push((i, j, sim[i][j]));
            i += 1;
            j += 1;
        } else if (best[i][j] - best[i + 1][j]).abs() < 1e-12 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn entry(
    kind: DiffKind,
    old: Option<&Segment>,
    oi: Option<usize>,
    new: Option<&Segment>,
    ni: Option<usize>,
) -> Entry {
    Entry {
        kind,
        old: oi.into_iter().collect(),
        new: ni.into_iter().collect(),
        old_bytes: old.map(|s| s.bytes.clone()),
        new_bytes: new.map(|s| s.bytes.clone()),
        old_text: old.map(|s| s.text.clone()).unwrap_or_default(),
        new_text: new.map(|s| s.text.clone()).unwrap_or_default(),
        similarity: if kind == DiffKind::Unchanged {
            1.0
        } else {
            0.0
        },
        edits: Vec::new(),
    }
}

/// Diff two segment lists. Entries follow the new version's order, with
/// deleted sentences at their old place; a moved sentence appears once, at
/// its new place.
pub fn diff(old: &[Segment], new: &[Segment]) -> Vec<Entry> {
    let ok: Vec<String> = old.iter().map(|s| key(&s.text)).collect();
    let nk: Vec<String> = new.iter().map(|s| key(&s.text)).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &ok, &nk);
    // Slots in output order; deleted/added ones may become moves later.
    let mut out: Vec<Entry> = Vec::new();
    for op in &ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    let (i, j) = (old_index + k, new_index + k);
                    out.push(entry(
                        DiffKind::Unchanged,
                        Some(&old[i]),
                        Some(i),
                        Some(&new[j]),
                        Some(j),
                    ));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for (i, seg) in old.iter().enumerate().skip(old_index).take(old_len) {
                    out.push(entry(DiffKind::Deleted, Some(seg), Some(i), None, None));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for (j, seg) in new.iter().enumerate().skip(new_index).take(new_len) {
                    out.push(entry(DiffKind::Added, None, None, Some(seg), Some(j)));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let os: Vec<&Segment> = old[old_index..old_index + old_len].iter().collect();
                let ns: Vec<&Segment> = new[new_index..new_index + new_len].iter().collect();
                let pairs = pair_region(&os, &ns);
                let (mut i, mut j) = (0, 0);
                for (pi, pj, s) in pairs
                    .into_iter()
                    .chain(std::iter::once((old_len, new_len, 0.0)))
                {
                    while i < pi {
                        let x = old_index + i;
                        out.push(entry(DiffKind::Deleted, Some(&old[x]), Some(x), None, None));
                        i += 1;
                    }
                    while j < pj {
                        let y = new_index + j;
                        out.push(entry(DiffKind::Added, None, None, Some(&new[y]), Some(y)));
                        j += 1;
                    }
                    if pi < old_len && pj < new_len {
                        let (x, y) = (old_index + pi, new_index + pj);
                        let mut e = entry(
                            DiffKind::Changed,
                            Some(&old[x]),
                            Some(x),
                            Some(&new[y]),
                            Some(y),
                        );
                        let (edits, _) = word_edits(&old[x].text, &new[y].text);
                        e.edits = edits;
                        e.similarity = s;
                        out.push(e);
                        i += 1;
                        j += 1;
                    }
                }
            }
        }
    }
    detect_moves(out)
}

/// Deleted sentences that reappear as added sentences elsewhere become one
/// `moved` entry at the new place.
fn detect_moves(mut out: Vec<Entry>) -> Vec<Entry> {
    let deleted: Vec<usize> = (0..out.len())
        .filter(|&k| out[k].kind == DiffKind::Deleted)
        .collect();
    let added: Vec<usize> = (0..out.len())
        .filter(|&k| out[k].kind == DiffKind::Added)
        .collect();
    if deleted.is_empty() || added.is_empty() {
        return out;
    }
    // Exact (normalised) matches first, then close ones.
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    let work = deleted.len() * added.len();
    for &d in &deleted {
        for &a in &added {
            let (x, y) = (&out[d].old_text, &out[a].new_text);
            let s = if key(x) == key(y) {
                1.0
            } else if work <= 250_000 && x.chars().count() >= 20 {
                let (lx, ly) = (x.len() as f64, y.len() as f64);
                if lx.min(ly) * 1.5 < lx.max(ly) {
                    continue;
                }
                similarity(x, y)
            } else {
                continue;
            };
            if s >= 0.8 {
                cands.push((s, d, a));
            }
        }
    }
    cands.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let mut gone = vec![false; out.len()];
    let mut used = vec![false; out.len()];
    for (s, d, a) in cands {
        if used[d] || used[a] {
            continue;
        }
        used[d] = true;
        used[a] = true;
        let old_side = out[d].clone();
        let e = &mut out[a];
        e.kind = DiffKind::Moved;
        e.old = old_side.old;
        e.old_bytes = old_side.old_bytes;
        e.old_text = old_side.old_text;
        e.similarity = s;
        if s < 1.0 {
            e.edits = word_edits(&e.old_text, &e.new_text).0;
        }
        gone[d] = true;
    }
    out.into_iter()
        .enumerate()
        .filter(|(k, _)| !gone[*k])
        .map(|(_, e)| e)
        .collect()
}

/// Counts per kind, in [`DiffKind`] order.
pub fn counts(entries: &[Entry]) -> [(DiffKind, usize); 5] {
    let c = |k: DiffKind| entries.iter().filter(|e| e.kind == k).count();
    [
        (DiffKind::Unchanged, c(DiffKind::Unchanged)),
        (DiffKind::Changed, c(DiffKind::Changed)),
        (DiffKind::Added, c(DiffKind::Added)),
        (DiffKind::Deleted, c(DiffKind::Deleted)),
        (DiffKind::Moved, c(DiffKind::Moved)),
    ]
}

fn summary_line(entries: &[Entry]) -> String {
    counts(entries)
        .iter()
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Output formats of `tolk diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// Unified text; `color` adds ANSI colours.
    Text {
        /// Colour the output (a terminal).
        color: bool,
    },
    /// Markdown.
    Md,
    /// Self-contained HTML, old and new side by side.
    Html,
    /// JSON Lines.
    Jsonl,
}

/// Write a diff in `format`. `titles` are the old and new file names.
pub fn write(
    format: DiffFormat,
    entries: &[Entry],
    titles: (&str, &str),
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        DiffFormat::Text { color } => write_text(entries, titles, color, w),
        DiffFormat::Md => write_md(entries, titles, w),
        DiffFormat::Html => write_html(entries, titles, w),
        DiffFormat::Jsonl => write_jsonl(entries, w),
    }
}

fn inline(edits: &[Edit], side_old: bool, color: bool) -> String {
    let mut s = String::new();
    for e in edits {
        match (e.op, side_old) {
            ("equal", _) => s.push_str(&shown(&e.text)),
            ("delete", true) => {
                if color {
                    s.push_str(&format!("\x1b[1;31;4m{}\x1b[0;31m", shown(&e.text)));
                } else {
                    s.push_str(&format!("[-{}-]", shown(&e.text)));
                }
            }
            ("insert", false) => {
                if color {
                    s.push_str(&format!("\x1b[1;32;4m{}\x1b[0;32m", shown(&e.text)));
                } else {
                    s.push_str(&format!("{{+{}+}}", shown(&e.text)));
                }
            }
            _ => {}
        }
    }
    s
}

fn idx(v: &[usize]) -> String {
    v.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn write_text(
    entries: &[Entry],
    titles: (&str, &str),
    color: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    let (red, green, cyan, reset) = if color {
        ("\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    writeln!(w, "--- {}", shown(titles.0))?;
    writeln!(w, "+++ {}", shown(titles.1))?;
    writeln!(w, "# {}", summary_line(entries))?;
    for e in entries {
        match e.kind {
            DiffKind::Unchanged => writeln!(w, "  {}", shown(&e.new_text))?,
            DiffKind::Added => writeln!(w, "{green}+ {}{reset}", shown(&e.new_text))?,
            DiffKind::Deleted => writeln!(w, "{red}- {}{reset}", shown(&e.old_text))?,
            DiffKind::Changed => {
                writeln!(w, "{red}- {}{reset}", inline(&e.edits, true, color))?;
                writeln!(w, "{green}+ {}{reset}", inline(&e.edits, false, color))?;
            }
            DiffKind::Moved => {
                let text = if e.edits.is_empty() {
                    shown(&e.new_text).into_owned()
                } else {
                    inline(&e.edits, false, color)
                };
                writeln!(
                    w,
                    "{cyan}> {}{reset}  (moved from old sentence {})",
                    text,
                    idx(&e.old)
                )?;
            }
        }
    }
    Ok(())
}

fn md_inline(edits: &[Edit], side_old: bool) -> String {
    let mut s = String::new();
    for e in edits {
        let t = md_text(&e.text);
        match (e.op, side_old) {
            ("equal", _) => s.push_str(&t),
            ("delete", true) if !t.trim().is_empty() => s.push_str(&format!("~~{t}~~")),
            ("insert", false) if !t.trim().is_empty() => s.push_str(&format!("**{t}**")),
            ("delete", true) | ("insert", false) => s.push_str(&t),
            _ => {}
        }
    }
    s
}

fn write_md(entries: &[Entry], titles: (&str, &str), w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "# tolk diff: {} → {}",
        md_text(titles.0),
        md_text(titles.1)
    )?;
    writeln!(w)?;
    writeln!(w, "{}.", summary_line(entries))?;
    writeln!(w)?;
    writeln!(w, "| kind | old | new | text |")?;
    writeln!(w, "|---|---:|---:|---|")?;
    for e in entries {
        let text = match e.kind {
            DiffKind::Unchanged | DiffKind::Added => md_text(&e.new_text),
            DiffKind::Deleted => format!("~~{}~~", md_text(&e.old_text)),
            DiffKind::Changed => format!(
                "{}<br>{}",
                md_inline(&e.edits, true),
                md_inline(&e.edits, false)
            ),
            DiffKind::Moved if e.edits.is_empty() => md_text(&e.new_text),
            DiffKind::Moved => md_inline(&e.edits, false),
        };
        writeln!(
            w,
            "| {} | {} | {} | {} |",
            e.kind.as_str(),
            idx(&e.old),
            idx(&e.new),
            text
        )?;
    }
    Ok(())
}

fn html_inline(edits: &[Edit], side_old: bool) -> String {
    let mut s = String::new();
    for e in edits {
        match (e.op, side_old) {
            ("equal", _) => s.push_str(&esc(&e.text)),
            ("delete", true) => s.push_str(&format!("<del>{}</del>", esc(&e.text))),
            ("insert", false) => s.push_str(&format!("<ins>{}</ins>", esc(&e.text))),
            _ => {}
        }
    }
    s
}

fn write_html(entries: &[Entry], titles: (&str, &str), w: &mut dyn Write) -> io::Result<()> {
    let title = format!("tolk diff: {} → {}", titles.0, titles.1);
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(w, "<title>{}</title>", esc(&title))?;
    writeln!(w, "<style>{CSS}</style></head><body>")?;
    writeln!(w, "<h1>{}</h1>", esc(&title))?;
    writeln!(w, "<p>{}.</p>", esc(&summary_line(entries)))?;
    writeln!(
        w,
        "<table><tr><th>kind</th><th>#</th><th>{}</th><th>#</th><th>{}</th></tr>",
        esc(titles.0),
        esc(titles.1)
    )?;
    for e in entries {
        let (o, n) = match e.kind {
            DiffKind::Changed => (html_inline(&e.edits, true), html_inline(&e.edits, false)),
            DiffKind::Moved if !e.edits.is_empty() => {
                (html_inline(&e.edits, true), html_inline(&e.edits, false))
            }
            _ => (esc(&e.old_text), esc(&e.new_text)),
        };
        writeln!(
            w,
            "<tr class=\"{k}\"><td>{k}</td><td class=\"num\">{}</td><td>{o}</td><td class=\"num\">{}</td><td>{n}</td></tr>",
            idx(&e.old),
            idx(&e.new),
            k = e.kind.as_str()
        )?;
    }
    writeln!(w, "</table>")?;
    writeln!(w, "</body></html>")
}

/// One entry as JSON (keys: kind, old, new, old_bytes, new_bytes, old_text,
/// new_text, similarity, and `edits` for changed and edited moves).
pub fn entry_json(e: &Entry) -> serde_json::Value {
    let mut v = serde_json::json!({
        "kind": e.kind.as_str(),
        "old": e.old,
        "new": e.new,
        "old_bytes": range_json(&e.old_bytes),
        "new_bytes": range_json(&e.new_bytes),
        "old_text": e.old_text,
        "new_text": e.new_text,
        "similarity": (e.similarity * 1000.0).round() / 1000.0,
    });
    if !e.edits.is_empty() {
        v["edits"] = serde_json::Value::Array(
            e.edits
                .iter()
                .map(|x| serde_json::json!({"op": x.op, "text": x.text}))
                .collect(),
        );
    }
    v
}

fn write_jsonl(entries: &[Entry], w: &mut dyn Write) -> io::Result<()> {
    for e in entries {
        writeln!(w, "{}", entry_json(e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::one_per_paragraph as segs;

    #[test]
    fn numbers_stay_one_token() {
        assert_eq!(
            tokens("fra 1 097,3 til 2,5"),
            vec!["fra", " ", "1 097,3", " ", "til", " ", "2,5"]
        );
        assert_eq!(
            tokens("i 2024 17 nye"),
            vec!["i", " ", "2024", " ", "17", " ", "nye"]
        );
        assert_eq!(tokens("the 17th F-35").concat(), "the 17th F-35");
    }

    #[test]
    fn kinds_of_change() {
        let old = segs(&[
            "Alpha beta gamma delta.",
            "Flytt meg hit og dit nå.",
            "Epsilon zeta eta theta.",
            "Kappa lambda my.",
            "Slett denne.",
            "Siste setning her.",
        ]);
        let new = segs(&[
            "Alpha beta gamma delta.",
            "Epsilon zeta eta iota.",
            "Kappa lambda my.",
            "Siste setning her.",
            "Flytt meg hit og dit nå.",
            "Helt ny setning.",
        ]);
        let d = diff(&old, &new);
        let kinds: Vec<&str> = d.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            kinds,
            vec![
                "unchanged",
                "changed",
                "unchanged",
                "deleted",
                "unchanged",
                "moved",
                "added"
            ]
        );
        assert_eq!(d[5].old, vec![1]);
        let changed = &d[1];
        assert!(changed
            .edits
            .iter()
            .any(|e| e.op == "delete" && e.text == "theta"));
        assert!(changed
            .edits
            .iter()
            .any(|e| e.op == "insert" && e.text == "iota"));
    }
}
