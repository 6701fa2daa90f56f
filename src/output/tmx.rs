//! TMX 1.4 translation memory, valid against the TMX 1.4 DTD.
//!
//! One `<tu>` per pair (`tuid` = the pair id) holding:
//!
//! - `<prop type="x-confidence">` — the aligner's confidence, three decimals
//!   (left out when unknown);
//! - `<prop type="x-type">` — the bead type (`1-2`);
//! - `<prop type="x-status">` — the reviewer's verdict, when there is one;
//! - `<prop type="x-moved">` — for a moved pair (a block the two editions
//!   place differently, paired across places): the pair before which its
//!   target text stands in the target edition. Moved pairs are ordinary
//!   pairs here, kept like any other;
//! - `<prop type="x-tolk-finding">` — one per warning- or error-level `check`
//!   finding on the pair (`tolk align --check`), as `severity kind: message`;
//! - `<note>` — the reviewer's note, when there is one;
//! - one `<tuv xml:lang="…">` per side with the text in `<seg>`.
//!
//! A clean translation memory by default. Left out, and counted in the
//! [`Summary`] so that `tolk` can say so on stderr:
//!
//! - 1-0 and 0-1 pairs (a side with no text), unless
//!   [`Options::include_one_sided`]; they are then written with an empty
//!   `<seg></seg>`;
//! - pairs whose two sides are the same text (an untranslated sentence, a
//!   bare number), unless [`Options::include_identical`];
//! - pairs that are not 1-1, with [`Options::only_one_to_one`];
//! - pairs of code or preformatted text (`<pre>`, code styles, indented
//!   code), unless [`Options::include_code`];
//! - pairs with an error-level finding ([`Options::findings`]), unless
//!   [`Options::include_flagged`], which keeps them with their
//!   `x-tolk-finding` props.
//!
//! The header carries every required attribute (`creationtool="tolk"`, `segtype="sentence"`, `datatype="plaintext"`,
//! `srclang` = the source language tag …) and no date, so the same input
//! gives the same bytes.
//!
//! Texts are escaped (`& < > "`; CR as `&#13;` so it survives parsing).
//! Characters XML 1.0 cannot hold — C0 control characters other than tab,
//! LF and CR, and U+FFFE/U+FFFF — are replaced by U+FFFD and counted in
//! [`Summary::replaced_chars`]; `tolk` prints a warning with the count.

use std::io::{self, Write};

use super::{findings_by_pair, format_confidence, tm_skip, xml_escape, Options, Row, Summary};

/// Write `rows` as a TMX 1.4 document.
pub fn write(
    opts: &Options,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut buf = String::new();
    let attr = |s: &str, n: &mut usize| {
        let mut o = String::new();
        xml_escape(s, n, &mut o);
        o
    };
    let src = attr(&opts.src_locale, &mut summary.replaced_chars);
    let tgt = attr(&opts.tgt_locale, &mut summary.replaced_chars);
    write!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
         <tmx version=\"1.4\">\n\
         \x20 <header creationtool=\"tolk\" creationtoolversion=\"{}\" segtype=\"sentence\" \
         o-tmf=\"tolk\" adminlang=\"en\" srclang=\"{src}\" datatype=\"plaintext\"/>\n\
         \x20 <body>\n",
        env!("CARGO_PKG_VERSION")
    )?;
    let findings = findings_by_pair(opts);
    let none = Vec::new();
    for row in rows {
        let on_row = findings.get(&row.pair).unwrap_or(&none);
        let flagged = !opts.include_flagged && on_row.iter().any(|f| f.is_error());
        if let Some(why) = tm_skip(opts, &row, flagged) {
            summary.skip(why);
            continue;
        }
        if row.is_code() && !opts.include_code {
            summary.skipped_code += 1;
            continue;
        }
        buf.clear();
        buf.push_str(&format!("    <tu tuid=\"{}\">\n", row.pair));
        if row.confidence.is_some() {
            buf.push_str(&format!(
                "      <prop type=\"x-confidence\">{}</prop>\n",
                format_confidence(row.confidence)
            ));
        }
        buf.push_str(&format!(
            "      <prop type=\"x-type\">{}</prop>\n",
            row.kind()
        ));
        if let Some(s) = row.status {
            buf.push_str(&format!(
                "      <prop type=\"x-status\">{}</prop>\n",
                s.as_str()
            ));
        }
        if let Some(k) = row.moved {
            buf.push_str(&format!("      <prop type=\"x-moved\">{k}</prop>\n"));
        }
        for f in on_row {
            buf.push_str("      <prop type=\"x-tolk-finding\">");
            xml_escape(&f.label(), &mut summary.replaced_chars, &mut buf);
            buf.push_str("</prop>\n");
        }
        if !on_row.is_empty() {
            summary.marked += 1;
        }
        if let Some(note) = row.note.as_deref().filter(|n| !n.is_empty()) {
            buf.push_str("      <note>");
            xml_escape(note, &mut summary.replaced_chars, &mut buf);
            buf.push_str("</note>\n");
        }
        for (lang, text) in [(&src, &row.src_text), (&tgt, &row.tgt_text)] {
            buf.push_str(&format!("      <tuv xml:lang=\"{lang}\"><seg>"));
            xml_escape(text, &mut summary.replaced_chars, &mut buf);
            buf.push_str("</seg></tuv>\n");
        }
        buf.push_str("    </tu>\n");
        w.write_all(buf.as_bytes())?;
        summary.written += 1;
    }
    w.write_all(b"  </body>\n</tmx>\n")?;
    Ok(summary)
}
