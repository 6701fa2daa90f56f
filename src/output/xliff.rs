//! XLIFF 1.2: one `<file>` with one `<trans-unit>` per pair (`id` = the
//! pair id), `xml:space="preserve"` so white space survives.
//!
//! The review state is carried on `<target state="…">`:
//!
//! | pair | `state` | `approved` |
//! |---|---|---|
//! | reviewer's status `ok` | `signed-off` | `yes` |
//! | reviewer's status `check` | `needs-review-translation` | — |
//! | no status, confidence ≥ 0.9 ([`REVIEW_THRESHOLD`]) | `translated` | — |
//! | no status, confidence < 0.9 or unknown | `needs-review-translation` | — |
//!
//! (Rejected rows never reach a writer: `tolk convert` drops them.) The
//! confidence and bead type are in a `<note from="tolk">` (with, for a
//! moved pair, `moved: target before pair N`, the place of its target text
//! in the target edition), the reviewer's note in a `<note from="reviewer">`.
//!
//! Warning- and error-level `check` findings ([`Options::findings`], `tolk
//! align --check`) are each a `<note from="tolk-check" priority="…">` (1
//! for an error, 3 for a warning); a pair with an error-level finding is kept but
//! marked `needs-review-translation` (unless a reviewer signed it off), so a
//! CAT tool shows it for review instead of trusting it.
//!
//! Left out as in [`super::tmx`]: one-sided pairs (unless
//! [`Options::include_one_sided`]), pairs whose sides are the same text
//! (unless [`Options::include_identical`]), pairs that are not 1-1 with
//! [`Options::only_one_to_one`], pairs of code or preformatted text (unless
//! [`Options::include_code`]). Escaping and characters XML cannot hold are
//! handled as in [`super::tmx`].

use std::io::{self, Write};

use super::{
    findings_by_pair, format_confidence, tm_skip, xml_escape, Options, Row, Status, Summary,
    REVIEW_THRESHOLD,
};

/// The `state` (and whether `approved="yes"`) for a row.
pub fn state(row: &Row) -> (&'static str, bool) {
    match row.status {
        Some(Status::Approved) => ("signed-off", true),
        Some(Status::NeedsReview) => ("needs-review-translation", false),
        _ => match row.confidence {
            Some(c) if c >= REVIEW_THRESHOLD => ("translated", false),
            _ => ("needs-review-translation", false),
        },
    }
}

/// Write `rows` as an XLIFF 1.2 document.
pub fn write(
    opts: &Options,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let esc = |s: &str, n: &mut usize| {
        let mut o = String::new();
        xml_escape(s, n, &mut o);
        o
    };
    let src = esc(&opts.src_locale, &mut summary.replaced_chars);
    let tgt = esc(&opts.tgt_locale, &mut summary.replaced_chars);
    let original = if opts.src_name.is_empty() {
        "tolk".to_string()
    } else {
        esc(&opts.src_name, &mut summary.replaced_chars)
    };
    write!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
         \x20 <file original=\"{original}\" source-language=\"{src}\" target-language=\"{tgt}\" datatype=\"plaintext\" tool-id=\"tolk\">\n\
         \x20   <header>\n\
         \x20     <tool tool-id=\"tolk\" tool-name=\"tolk\" tool-version=\"{}\"/>\n\
         \x20   </header>\n\
         \x20   <body>\n",
        env!("CARGO_PKG_VERSION")
    )?;
    let mut buf = String::new();
    let findings = findings_by_pair(opts);
    let none = Vec::new();
    for row in rows {
        if let Some(why) = tm_skip(opts, &row, false) {
            summary.skip(why);
            continue;
        }
        if row.is_code() && !opts.include_code {
            summary.skipped_code += 1;
            continue;
        }
        let on_row = findings.get(&row.pair).unwrap_or(&none);
        let (mut state, approved) = state(&row);
        if !approved && on_row.iter().any(|f| f.is_error()) {
            state = "needs-review-translation";
        }
        buf.clear();
        buf.push_str(&format!("      <trans-unit id=\"{}\"", row.pair));
        if approved {
            buf.push_str(" approved=\"yes\"");
        }
        buf.push_str(" xml:space=\"preserve\">\n        <source>");
        xml_escape(&row.src_text, &mut summary.replaced_chars, &mut buf);
        buf.push_str(&format!("</source>\n        <target state=\"{state}\">"));
        xml_escape(&row.tgt_text, &mut summary.replaced_chars, &mut buf);
        buf.push_str("</target>\n");
        let mut info = format!("type {}", row.kind());
        if row.confidence.is_some() {
            info = format!("confidence {}; {info}", format_confidence(row.confidence));
        }
        if let Some(k) = row.moved {
            info = format!("{info}; moved: target before pair {k}");
        }
        buf.push_str(&format!("        <note from=\"tolk\">{info}</note>\n"));
        for f in on_row {
            let priority = if f.is_error() { 1 } else { 3 };
            buf.push_str(&format!(
                "        <note from=\"tolk-check\" priority=\"{priority}\">"
            ));
            xml_escape(&f.label(), &mut summary.replaced_chars, &mut buf);
            buf.push_str("</note>\n");
        }
        if !on_row.is_empty() {
            summary.marked += 1;
        }
        if let Some(note) = row.note.as_deref().filter(|n| !n.is_empty()) {
            buf.push_str("        <note from=\"reviewer\">");
            xml_escape(note, &mut summary.replaced_chars, &mut buf);
            buf.push_str("</note>\n");
        }
        buf.push_str("      </trans-unit>\n");
        w.write_all(buf.as_bytes())?;
        summary.written += 1;
    }
    w.write_all(b"    </body>\n  </file>\n</xliff>\n")?;
    Ok(summary)
}
