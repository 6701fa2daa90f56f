//! Output formats. Every format writes to any `io::Write` and does no I/O of
//! its own. The common currency is the [`Row`]: one aligned pair as a
//! translator sees it, built from an alignment or read back from a reviewed
//! CSV (`tolk convert`, see [`crate::pairs::review`]).
//!
//! Every writer streams: it takes an iterator of rows and writes each row as
//! it comes, so memory stays flat however long the document is.
//!
//! | format | module | notes |
//! |---|---|---|
//! | CSV, TSV | [`csv`] | RFC 4180 UTF-8; `--excel` adds a BOM, guards formulas and adds `status`/`note` |
//! | JSON Lines | [`jsonl`] | byte offsets into the input files |
//! | beads | [`beads`] | `[i, j]:[k]`, the gold format |
//! | TMX 1.4 | [`tmx`] | one `<tu>` per pair, confidence as `<prop type="x-confidence">` |
//! | XLIFF 1.2 | [`xliff`] | one `<trans-unit>` per pair, review state carried |
//! | HTML | [`html`] | a self-contained review page |

pub mod beads;
pub mod csv;
pub mod html;
pub mod jsonl;
pub mod tmx;
pub mod xliff;

use std::io::{self, Write};

use crate::read::Document;

/// The aligned pair and its verdict, re-exported: every writer takes [`Row`]s.
pub use crate::pairs::{format_ids, rows, Row, Status};

/// Everything a format may want to know about the two editions.
pub struct Context<'a> {
    /// The source document.
    pub src_doc: &'a Document,
    /// The target document.
    pub tgt_doc: &'a Document,
    /// Source language code (e.g. `nb`).
    pub src_lang: &'a str,
    /// Target language code (e.g. `en`).
    pub tgt_lang: &'a str,
}

/// The formats aligned pairs are written in. Each knows its name (as
/// `--format` takes it, see [`FromStr`](std::str::FromStr)), its file
/// extension, and which commands write it ([`Format::written_by`]): adding
/// a format here adds it to `tolk align`, `tolk convert` and `tolk batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// JSON Lines.
    Jsonl,
    /// `[i, j]:[k]` bead lines (the gold format).
    Beads,
    /// TMX 1.4 translation memory.
    Tmx,
    /// XLIFF 1.2.
    Xliff,
    /// A self-contained HTML review page.
    Html,
}

/// The commands that write aligned pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// `tolk align`.
    Align,
    /// `tolk convert` (from a reviewed CSV, which has no byte offsets).
    Convert,
    /// `tolk batch` (one file per pair, named by the extension).
    Batch,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 7] = [
        Format::Csv,
        Format::Tsv,
        Format::Jsonl,
        Format::Beads,
        Format::Tmx,
        Format::Xliff,
        Format::Html,
    ];

    /// The name `--format` takes (`xliff`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Beads => "beads",
            Format::Tmx => "tmx",
            Format::Xliff => "xliff",
            Format::Html => "html",
        }
    }

    /// The file extension written (`xlf`), without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xliff => "xlf",
            f => f.name(),
        }
    }

    /// The format a file extension (without the dot, any case) names:
    /// `xlf` and `xliff` both name XLIFF. `None` for other extensions.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        if ext == "xlf" {
            return Some(Format::Xliff);
        }
        Format::ALL.into_iter().find(|f| f.name() == ext)
    }

    /// True when `writer` can write this format. `tolk convert` cannot
    /// write beads: a reviewed CSV may hold pairs in another order.
    pub fn written_by(self, writer: Writer) -> bool {
        !(writer == Writer::Convert && self == Format::Beads)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// A format by its name (`csv`, `tsv`, `jsonl`, `beads`, `tmx`,
    /// `xliff`, `html`), any case.
    fn from_str(s: &str) -> Result<Format, String> {
        let l = s.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == l)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format `{s}`; use one of {}", names.join(", "))
            })
    }
}

/// What an output file's extension says about the format to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extension {
    /// No extension, or one that names no format (`.txt`, `.out`): the
    /// command's default applies.
    Unknown,
    /// An extension naming a format tolk writes somewhere: `csv`, `tsv`,
    /// `jsonl`, `beads`, `tmx`, `xliff` (for `.xlf` too), `html` (for
    /// `.htm` too) or `md`.
    Names(&'static str),
    /// The extension of a format tolk cannot write (`.xlsx`, `.docx`, …),
    /// as written.
    Foreign(String),
}

/// Formats tolk writes, by the extensions that name them.
const KNOWN_EXTENSIONS: [(&str, &str); 10] = [
    ("csv", "csv"),
    ("tsv", "tsv"),
    ("jsonl", "jsonl"),
    ("beads", "beads"),
    ("tmx", "tmx"),
    ("xlf", "xliff"),
    ("xliff", "xliff"),
    ("html", "html"),
    ("htm", "html"),
    ("md", "md"),
];

/// Extensions of document and spreadsheet formats tolk does not write.
const FOREIGN_EXTENSIONS: [&str; 12] = [
    "xlsx", "xls", "xlsm", "ods", "docx", "doc", "odt", "pdf", "rtf", "pptx", "json", "xml",
];

/// What the extension of `path` says (see [`Extension`]).
pub fn extension_of(path: &std::path::Path) -> Extension {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Extension::Unknown;
    };
    let l = ext.to_ascii_lowercase();
    if let Some(&(_, name)) = KNOWN_EXTENSIONS.iter().find(|(e, _)| *e == l) {
        return Extension::Names(name);
    }
    if FOREIGN_EXTENSIONS.contains(&l.as_str()) {
        return Extension::Foreign(ext.to_string());
    }
    Extension::Unknown
}

/// Below this confidence a pair is "low confidence": XLIFF marks it
/// `needs-review-translation`, the HTML page's filter shows it.
pub const REVIEW_THRESHOLD: f64 = 0.9;

/// How to write: the options every format may consult. Build with
/// [`Options::new`] and adjust the public fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Source language tag for TMX/XLIFF/HTML (e.g. `nb-NO`).
    pub src_locale: String,
    /// Target language tag (e.g. `en-GB`).
    pub tgt_locale: String,
    /// Spreadsheet-safe CSV/TSV: UTF-8 BOM, formula guard, `status` and
    /// `note` columns. By default, off.
    pub excel: bool,
    /// Field delimiter for CSV. By default, `,` (TSV always uses a tab).
    pub delimiter: u8,
    /// Write empty `status` and `note` columns (or the row's values) in
    /// CSV/TSV. By default, off; `--excel` and `tolk convert` turn it on.
    pub review_columns: bool,
    /// Keep 1-0 and 0-1 pairs in TMX and XLIFF. By default, off (a
    /// translation memory entry needs both sides).
    pub include_one_sided: bool,
    /// Name of the source file (TMX/XLIFF/HTML metadata).
    pub src_name: String,
    /// Name of the target file.
    pub tgt_name: String,
    /// What the source byte offsets refer to when it is not the file as
    /// stored (`decoded-utf16`, `extracted`): JSON Lines then says so in
    /// `src_offsets`. By default, `None`.
    pub src_offsets: Option<&'static str>,
    /// The same for the target side (`tgt_offsets`).
    pub tgt_offsets: Option<&'static str>,
    /// Keep pairs whose two sides are the same text in TMX and XLIFF. By
    /// default, off (an untranslated sentence is no translation).
    pub include_identical: bool,
    /// Keep pairs of code or preformatted text in TMX and XLIFF. By
    /// default, off (a translation memory holds sentences).
    pub include_code: bool,
    /// Write only 1-1 pairs to TMX and XLIFF, for CAT tools that match
    /// sentence by sentence. By default, off.
    pub only_one_to_one: bool,
    /// Keep pairs with an error-level finding in TMX (marked with
    /// `<prop type="x-tolk-finding">`). By default, off: they are left out.
    /// XLIFF always keeps them, marked `needs-review-translation`.
    pub include_flagged: bool,
    /// `check` findings on the pairs (`tolk align --check`): TMX and XLIFF
    /// mark or leave out the pairs they name, the HTML page shows them. By
    /// default, none.
    pub findings: Vec<PairFinding>,
    /// True when `check` ran on the pairs (the HTML page then says so even
    /// when there are no findings). By default, off.
    pub checked: bool,
    /// What the HTML review editor needs beyond the rows. By default, none.
    pub page: Option<PageData>,
}

pub use crate::report::PairFinding;

/// What the HTML review editor embeds beyond the rows: the segments (so
/// that a segment can be moved between pairs) and the documents' content
/// hashes (the key of the reviewer's saved work).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageData {
    /// Source segment texts, by segment id.
    pub src_segments: Vec<String>,
    /// Target segment texts, by segment id.
    pub tgt_segments: Vec<String>,
    /// Content hash of the source document ([`content_hash`]).
    pub src_hash: String,
    /// Content hash of the target document.
    pub tgt_hash: String,
}

/// A content hash of `bytes`: 64-bit FNV-1a as 16 hex digits. Keys the
/// review editor's saved work; not a cryptographic hash.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Why a pair is not written to a translation memory (TMX, XLIFF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TmSkip {
    /// One side has no text (1-0, 0-1).
    OneSided,
    /// Both sides are the same text.
    Identical,
    /// Not 1-1, with [`Options::only_one_to_one`].
    NotOneToOne,
    /// An error-level finding names the pair (TMX only).
    Flagged,
}

/// True when the two sides are the same text (ignoring white space at the
/// ends and runs of white space).
pub fn is_identical(row: &Row) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    !row.src_text.trim().is_empty() && norm(&row.src_text) == norm(&row.tgt_text)
}

/// Whether `row` stays out of a translation memory, and why. `flagged`:
/// an error-level finding names it and the format leaves such pairs out.
pub fn tm_skip(opts: &Options, row: &Row, flagged: bool) -> Option<TmSkip> {
    if row.is_one_sided() && !opts.include_one_sided {
        Some(TmSkip::OneSided)
    } else if !opts.include_identical && is_identical(row) {
        Some(TmSkip::Identical)
    } else if opts.only_one_to_one && !(row.src.len() == 1 && row.tgt.len() == 1) {
        Some(TmSkip::NotOneToOne)
    } else if flagged {
        Some(TmSkip::Flagged)
    } else {
        None
    }
}

/// The warning- and error-level findings of [`Options::findings`] by pair
/// id, as TMX and XLIFF mark them (info-level findings are often
/// legitimate and would only be noise in a translation memory).
pub fn findings_by_pair(opts: &Options) -> std::collections::HashMap<usize, Vec<&PairFinding>> {
    let mut m: std::collections::HashMap<usize, Vec<&PairFinding>> = Default::default();
    for f in opts.findings.iter().filter(|f| f.severity != "info") {
        for p in &f.pairs {
            let v = m.entry(*p).or_default();
            if !v.iter().any(|g| std::ptr::eq(*g, f)) {
                v.push(f);
            }
        }
    }
    m
}

impl Summary {
    /// Count a pair left out for `why`.
    pub fn skip(&mut self, why: TmSkip) {
        match why {
            TmSkip::OneSided => self.skipped_one_sided += 1,
            TmSkip::Identical => self.skipped_identical += 1,
            TmSkip::NotOneToOne => self.skipped_not_one_to_one += 1,
            TmSkip::Flagged => self.skipped_flagged += 1,
        }
    }
}

impl Options {
    /// Default options for languages `src_lang` and `tgt_lang` (short codes
    /// such as `nb` or full tags such as `nb-NO`; see [`locale`]).
    pub fn new(src_lang: &str, tgt_lang: &str) -> Options {
        Options {
            src_locale: locale(src_lang),
            tgt_locale: locale(tgt_lang),
            excel: false,
            delimiter: b',',
            review_columns: false,
            include_one_sided: false,
            src_name: String::new(),
            tgt_name: String::new(),
            src_offsets: None,
            tgt_offsets: None,
            include_identical: false,
            include_code: false,
            only_one_to_one: false,
            include_flagged: false,
            findings: Vec::new(),
            checked: false,
            page: None,
        }
    }

    /// Options from an alignment [`Context`].
    pub fn from_context(ctx: &Context<'_>) -> Options {
        let mut o = Options::new(ctx.src_lang, ctx.tgt_lang);
        o.src_name = ctx.src_doc.path.display().to_string();
        o.tgt_name = ctx.tgt_doc.path.display().to_string();
        let offsets = |doc: &Document| match doc.origin {
            crate::read::Origin::File => None,
            other => Some(other.as_str()),
        };
        o.src_offsets = offsets(ctx.src_doc);
        o.tgt_offsets = offsets(ctx.tgt_doc);
        o
    }
}

/// The region tag used in TMX and XLIFF for a short language code: `nb` →
/// `nb-NO`, `nn` → `nn-NO`, `en` → `en-GB`, `da` → `da-DK`, `sv` → `sv-SE`,
/// `de` → `de-DE`, `fr` → `fr-FR`, `is` → `is-IS`. A tag that already has a
/// region (`en-US`) or an unknown code is returned unchanged.
pub fn locale(lang: &str) -> String {
    let region = match lang.to_ascii_lowercase().as_str() {
        "nb" | "no" => "nb-NO",
        "nn" => "nn-NO",
        "en" => "en-GB",
        "da" => "da-DK",
        "sv" => "sv-SE",
        "de" => "de-DE",
        "fr" => "fr-FR",
        "is" => "is-IS",
        _ => return lang.to_string(),
    };
    region.to_string()
}

/// What a writer did beyond copying: counts the caller should tell the user
/// about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows written.
    pub written: usize,
    /// One-sided rows left out (TMX, XLIFF without `include_one_sided`).
    pub skipped_one_sided: usize,
    /// Rows of program code or preformatted text left out (TMX, XLIFF): a
    /// translation memory holds sentences.
    pub skipped_code: usize,
    /// Rows whose sides are the same text, left out (TMX, XLIFF without
    /// `include_identical`).
    pub skipped_identical: usize,
    /// Rows that are not 1-1, left out (`only_one_to_one`).
    pub skipped_not_one_to_one: usize,
    /// Rows with an error-level finding, left out (TMX without
    /// `include_flagged`).
    pub skipped_flagged: usize,
    /// Rows written with a finding marked on them (TMX `x-tolk-finding`,
    /// XLIFF `needs-review-translation`).
    pub marked: usize,
    /// Characters XML cannot hold (control characters other than tab, LF,
    /// CR; U+FFFE, U+FFFF) replaced by U+FFFD.
    pub replaced_chars: usize,
    /// Cells prefixed with an apostrophe by the `--excel` formula guard.
    pub guarded_cells: usize,
}

/// Write `rows` in `format` (default [`Options`] from `ctx`).
pub fn write_rows(
    format: Format,
    ctx: &Context<'_>,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<()> {
    write(format, &Options::from_context(ctx), rows, w).map(|_| ())
}

/// Write `rows` in `format` with `opts`, row by row.
pub fn write(
    format: Format,
    opts: &Options,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<Summary> {
    match format {
        Format::Csv => csv::write(opts, opts.delimiter, rows, w),
        Format::Tsv => csv::write(opts, b'\t', rows, w),
        Format::Jsonl => jsonl::write(opts, rows, w),
        Format::Beads => beads::write(rows, w),
        Format::Tmx => tmx::write(opts, rows, w),
        Format::Xliff => xliff::write(opts, rows, w),
        Format::Html => html::write(opts, rows, w),
    }
}

pub use crate::text::escape::is_xml_char;

pub use crate::text::escape::xml_into as xml_escape;

/// Confidence as written in every text format: three decimals, empty when
/// unknown.
pub fn format_confidence(c: Option<f64>) -> String {
    match c {
        Some(c) => format!("{c:.3}"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_entities_and_illegal_chars() {
        let mut n = 0;
        let mut s = String::new();
        xml_escape("a&b<c>\"d\r\n\u{1}\t\u{FFFE}", &mut n, &mut s);
        assert_eq!(s, "a&amp;b&lt;c&gt;&quot;d&#13;\n\u{FFFD}\t\u{FFFD}");
        assert_eq!(n, 2);
    }

    #[test]
    fn locales() {
        assert_eq!(locale("nb"), "nb-NO");
        assert_eq!(locale("nn"), "nn-NO");
        assert_eq!(locale("en"), "en-GB");
        assert_eq!(locale("en-US"), "en-US");
    }

    #[test]
    fn status_vocabulary() {
        assert_eq!(Status::parse(" Rejected "), Ok(Some(Status::Rejected)));
        assert_eq!(Status::parse("x"), Ok(Some(Status::Rejected)));
        assert_eq!(Status::parse("OK"), Ok(Some(Status::Approved)));
        assert_eq!(Status::parse(""), Ok(None));
        assert!(Status::parse("rejcted").is_err());
    }

    #[test]
    fn ids_and_confidence() {
        assert_eq!(format_ids(&[3, 4]), "3 4");
        assert_eq!(format_ids(&[]), "");
        assert_eq!(format_confidence(Some(0.5)), "0.500");
        assert_eq!(format_confidence(None), "");
    }
}
