//! The review editor: one self-contained HTML file (our own CSS and
//! JavaScript inline, no external assets) that works offline from
//! `file://`. A translator accepts or rejects pairs, fixes the alignment
//! (move a segment to the pair above or below, merge, split, unlink), edits
//! either text, and exports the reviewed CSV that `tolk convert` reads or a
//! TMX straight from the page. Work is kept in the browser's localStorage,
//! keyed by both documents' content hashes. `docs/review.md` is the user's
//! guide.
//!
//! What this writer does is small: it writes the page shell, then the pairs
//! as JSON in a `<script type="application/json">` (row by row, so memory
//! stays flat), then the findings and the metadata (names, language tags,
//! content hashes), then the editor's script (`review/editor.js`), which
//! builds the page from that JSON. The JSON is escaped for a script
//! element: `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX`, so no
//! text can close the element.
//!
//! With [`Options::page`] (what `tolk align` gives) every segment is its
//! own piece that can be moved between pairs, and the hashes are those of
//! the two documents; without it (`tolk convert` from a CSV) each side of a
//! row is one piece, and the hashes are taken over the rows' texts.
//! [`Options::findings`] (`tolk align --check`) are shown on their pairs.
//! A moved pair ([`Row::moved`]) links to the place of its target text in
//! the target edition, and that place links back.

use std::io::{self, Write};

use super::{is_xml_char, Options, Row, Status, Summary, REVIEW_THRESHOLD};
use crate::text::escape::html_into as esc;

/// The editor's style sheet.
const STYLE: &str = include_str!("review/editor.css");

/// The editor's script.
const SCRIPT: &str = include_str!("review/editor.js");

/// The confidence bucket class: `q0` < 0.5 ≤ `q1` < 0.7 ≤ `q2` < 0.9 ≤ `q3`;
/// `qn` when unknown. (The editor's script computes the same classes.)
pub fn bucket(confidence: Option<f64>) -> &'static str {
    match confidence {
        None => "qn",
        Some(c) if c < 0.5 => "q0",
        Some(c) if c < 0.7 => "q1",
        Some(c) if c < REVIEW_THRESHOLD => "q2",
        Some(_) => "q3",
    }
}

/// `text` with characters XML cannot hold replaced by U+FFFD (counted in
/// `replaced`): the page exports TMX, which cannot hold them either.
fn clean(text: &str, replaced: &mut usize) -> String {
    text.chars()
        .map(|c| {
            if is_xml_char(c) {
                c
            } else {
                *replaced += 1;
                '\u{FFFD}'
            }
        })
        .collect()
}

/// `value` as JSON safe inside a `<script>` element.
fn script_json(value: &serde_json::Value) -> String {
    let s = value.to_string();
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Incremental 64-bit FNV-1a, the same hash as [`super::content_hash`].
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn add(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// One side of a row as pieces `[[ids…], text]`: one per segment when the
/// segments are known, else the whole side as one piece.
fn pieces(
    ids: &[usize],
    text: &str,
    segments: Option<&[String]>,
    r: &mut usize,
) -> serde_json::Value {
    use serde_json::json;
    match segments {
        Some(segs) if !ids.is_empty() && ids.iter().all(|i| *i < segs.len()) => ids
            .iter()
            .map(|i| json!([[i], clean(&segs[*i], r)]))
            .collect(),
        _ if ids.is_empty() && text.is_empty() => json!([]),
        _ => json!([[ids, clean(text, r)]]),
    }
}

/// Write `rows` as a review editor page.
pub fn write(
    opts: &Options,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<Summary> {
    use serde_json::json;
    let mut summary = Summary::default();
    let r = &mut summary.replaced_chars;
    let mut title = String::from("tolk review");
    let names: Vec<&str> = [opts.src_name.as_str(), opts.tgt_name.as_str()]
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect();
    if !names.is_empty() {
        title.push_str(": ");
        title.push_str(&names.join(" ↔ "));
    }
    let mut title_html = String::new();
    esc(&title, r, &mut title_html);
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"tolk {}\">\n<title>{title_html}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n\
         <noscript><p class=\"noscript\">The review editor needs JavaScript. The pairs are in this \
         file as JSON; <code>tolk align --format csv</code> writes them for a spreadsheet.</p></noscript>\n\
         <div id=\"app\"></div>\n\
         <script type=\"application/json\" id=\"tolk-pairs\">[\n",
        env!("CARGO_PKG_VERSION")
    )?;
    let page = opts.page.as_ref();
    let (mut src_hash, mut tgt_hash) = (Fnv::new(), Fnv::new());
    let mut line = String::new();
    for row in rows {
        let r = &mut summary.replaced_chars;
        if page.is_none() {
            src_hash.add(row.src_text.as_bytes());
            src_hash.add(b"\n");
            tgt_hash.add(row.tgt_text.as_bytes());
            tgt_hash.add(b"\n");
        }
        let mut obj = json!({
            "p": row.pair,
            "s": pieces(&row.src, &row.src_text, page.map(|p| p.src_segments.as_slice()), r),
            "t": pieces(&row.tgt, &row.tgt_text, page.map(|p| p.tgt_segments.as_slice()), r),
        });
        if let Some(c) = row.confidence {
            obj["c"] = json!((c * 1000.0).round() / 1000.0);
        }
        if row.is_heading() {
            obj["h"] = json!(1);
        }
        if let Some(k) = row.moved {
            obj["mv"] = json!(k);
        }
        match row.status {
            Some(Status::Approved) => obj["st"] = json!("ok"),
            Some(Status::NeedsReview) => obj["st"] = json!("check"),
            Some(Status::Rejected) => obj["st"] = json!("reject"),
            None => {}
        }
        if let Some(n) = row.note.as_deref().filter(|n| !n.is_empty()) {
            obj["n"] = json!(clean(n, r));
        }
        line.clear();
        if summary.written > 0 {
            line.push(',');
        }
        line.push_str(&script_json(&obj));
        line.push('\n');
        w.write_all(line.as_bytes())?;
        summary.written += 1;
    }
    let r = &mut summary.replaced_chars;
    let findings: Vec<serde_json::Value> = opts
        .findings
        .iter()
        .map(|f| {
            json!({"pairs": f.pairs, "severity": f.severity, "kind": f.kind,
                   "message": clean(&f.message, r)})
        })
        .collect();
    let (sh, th) = match page {
        Some(p) => (p.src_hash.clone(), p.tgt_hash.clone()),
        None => (src_hash.hex(), tgt_hash.hex()),
    };
    let meta = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "title": clean(&title, r),
        "src_name": clean(&opts.src_name, r),
        "tgt_name": clean(&opts.tgt_name, r),
        "src_locale": clean(&opts.src_locale, r),
        "tgt_locale": clean(&opts.tgt_locale, r),
        "src_hash": sh,
        "tgt_hash": th,
        "segments": page.is_some(),
        "checked": opts.checked,
        "review_threshold": REVIEW_THRESHOLD,
    });
    write!(
        w,
        "]</script>\n<script type=\"application/json\" id=\"tolk-findings\">{}</script>\n\
         <script type=\"application/json\" id=\"tolk-meta\">{}</script>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        script_json(&serde_json::Value::Array(findings)),
        script_json(&meta)
    )?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element() {
        let v = serde_json::json!(["</script><!-- & \u{2028}"]);
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn inlined_assets_cannot_close_their_elements() {
        assert!(!SCRIPT.to_lowercase().contains("</script"));
        assert!(!SCRIPT.to_lowercase().contains("<script"));
        assert!(!SCRIPT.contains("<!--"));
        assert!(!STYLE.to_lowercase().contains("</style"));
    }

    #[test]
    fn pieces_per_segment_when_known() {
        let segs = vec!["A.".to_string(), "B.".to_string()];
        let mut n = 0;
        let p = pieces(&[0, 1], "A. B.", Some(&segs), &mut n);
        assert_eq!(p, serde_json::json!([[[0], "A."], [[1], "B."]]));
        let p = pieces(&[0, 1], "A. B.", None, &mut n);
        assert_eq!(p, serde_json::json!([[[0, 1], "A. B."]]));
        assert_eq!(pieces(&[], "", None, &mut n), serde_json::json!([]));
    }

    #[test]
    fn fnv_matches_content_hash() {
        let mut h = Fnv::new();
        h.add(b"abc");
        assert_eq!(h.hex(), super::super::content_hash(b"abc"));
    }
}
