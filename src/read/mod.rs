//! Reading: a file becomes a [`Document`] — its text plus structural
//! [`Block`]s with byte ranges into that text.
//!
//! For plain text and Markdown the text is the file as stored (a UTF-8 BOM
//! stays in `text` and is skipped by the structure parser, so byte offsets
//! equal file offsets). UTF-16 with a BOM is decoded; offsets then refer to
//! the decoded UTF-8 text and [`Origin::DecodedUtf16`] says so. A file in a
//! legacy encoding (windows-1252) is read with `--encoding` ([`set_encoding`])
//! and [`Origin::Decoded`]; [`decode_text`] is the one decoder of every text
//! input.
//!
//! PDF, HTML and DOCX are converted to text first ([`pdf`], [`html`],
//! [`docx`]); the document's `text` is then the extracted text (what
//! `tolk extract` prints), [`Origin::Extracted`] says so, and the blocks are
//! built from the format's own structure rather than guessed from lines.
//! The format is chosen by [`InputFormat::detect`]: magic bytes first, then
//! the file extension.

pub mod docx;
pub mod html;
mod layout;
pub mod pdf;
mod text;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub use text::parse_structure;

/// What the byte offsets of a document's blocks and segments refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The file as stored on disk (UTF-8, possibly with a BOM).
    File,
    /// The UTF-16 file decoded to UTF-8 (offsets are into the decoded text).
    DecodedUtf16,
    /// A file in the encoding of `--encoding` (windows-1252, …) decoded to
    /// UTF-8 (offsets are into the decoded text).
    Decoded,
    /// Text extracted from a PDF, HTML or DOCX file (`tolk extract` prints it).
    Extracted,
}

impl Origin {
    /// Name used in JSON output (`"offsets"` key).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::File => "file",
            Origin::DecodedUtf16 => "decoded-utf16",
            Origin::Decoded => "decoded",
            Origin::Extracted => "extracted",
        }
    }
}

/// The structural role of a block (and of every segment cut from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    /// A heading (Markdown `#`, numbered heading, short title line).
    Heading,
    /// Running text.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// A figure or table caption ("Figur 1.1 …", "Table 2 …").
    Caption,
    /// A footnote line.
    Footnote,
    /// A line that is only a page number.
    PageNumber,
    /// Program code or preformatted text (`<pre>`, a code style in DOCX,
    /// fenced or indented code in Markdown): one segment, never split by
    /// sentence rules; aligned, but left out of TMX and XLIFF.
    Code,
    /// Text of a figure or chart read from a PDF (axis ticks, category and
    /// legend labels): shown by `tolk extract`, never segmented or aligned.
    FigureText,
}

impl BlockKind {
    /// Name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Caption => "caption",
            BlockKind::Footnote => "footnote",
            BlockKind::PageNumber => "page_number",
            BlockKind::Code => "code",
            BlockKind::FigureText => "figure_text",
        }
    }
}

/// A structural unit: a paragraph, heading, list item, caption, footnote or
/// page-number line. No sentence crosses a block boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's lines as byte ranges into [`Document::text`], in order,
    /// without line terminators and without Markdown markup such as a `#`
    /// or a `[^1]:` label. A list item's marker ("•", "–", "1)", "a.") is
    /// content and stays in the line. A paragraph hard-wrapped over several
    /// lines has several.
    pub lines: Vec<Range<usize>>,
}

impl Block {
    /// Byte range from the first line's start to the last line's end.
    pub fn range(&self) -> Range<usize> {
        match (self.lines.first(), self.lines.last()) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => 0..0,
        }
    }
}

/// One edition of a report, read and parsed into blocks.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (`<stdin>` for `-`).
    pub path: PathBuf,
    /// The text every byte range refers to.
    pub text: String,
    /// What that text is relative to the file.
    pub origin: Origin,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// What the reader left out or could not read, for a note on stderr
    /// ("left out 3 elements of page chrome"). Never part of the text.
    pub notes: Vec<String>,
}

/// Input formats `read` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Choose from the magic bytes and the extension.
    Auto,
    /// Plain UTF-8 (or UTF-16 with a BOM) text, Markdown included.
    Text,
    /// One segment per line, no structure analysis (pre-segmented gold sets).
    Presegmented,
    /// PDF, converted by `pdftotext` (Debian package poppler-utils).
    Pdf,
    /// HTML (any common charset, declared by a meta tag).
    Html,
    /// Word 2007+ (Office Open XML) document.
    Docx,
}

impl InputFormat {
    /// The concrete format of `bytes` read from `path`: magic bytes first
    /// (`%PDF-`, a zip header, an HTML doctype or `<html>` near the start),
    /// then the extension (`.pdf`, `.docx`, `.html`/`.htm`/`.xhtml`), else
    /// [`InputFormat::Text`]. Never returns `Auto` or `Presegmented`.
    pub fn detect(path: &Path, bytes: &[u8]) -> InputFormat {
        if let Some(format) = InputFormat::sniff(bytes) {
            return format;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("pdf") => InputFormat::Pdf,
            Some("docx") | Some("docm") => InputFormat::Docx,
            Some("html") | Some("htm") | Some("xhtml") => InputFormat::Html,
            _ => InputFormat::Text,
        }
    }

    /// The format the content itself announces (magic bytes, an HTML
    /// doctype or tag at the start), if any.
    pub fn sniff(bytes: &[u8]) -> Option<InputFormat> {
        let head = &bytes[..bytes.len().min(1024)];
        // PDF readers accept the header anywhere in the first kilobyte, after
        // binary junk; a text that merely mentions "%PDF-" is not a PDF.
        let pdf = find(head, b"%PDF-").is_some_and(|at| {
            at == 0 || std::str::from_utf8(&head[..at]).is_err() || head[..at].contains(&0)
        });
        if pdf {
            Some(InputFormat::Pdf)
        } else if head.starts_with(b"PK\x03\x04") {
            Some(InputFormat::Docx)
        } else if looks_like_html(head) {
            Some(InputFormat::Html)
        } else {
            None
        }
    }

    /// The name used by `--input-format`.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Presegmented => "presegmented",
            InputFormat::Pdf => "pdf",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// An HTML doctype or an `<html`, `<head` or `<body` tag at the start
/// (after a BOM, white space and comments).
fn looks_like_html(head: &[u8]) -> bool {
    let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = start
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return true;
    }
    (lower.starts_with(b"<!--") || lower.starts_with(b"<?xml"))
        && (find(&lower, b"<html").is_some() || find(&lower, b"<!doctype html").is_some())
}

impl Document {
    /// Build a document from text already in memory (structure is parsed).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> Document {
        let text = text.into();
        let blocks = parse_structure(&text);
        Document {
            path: path.into(),
            text,
            origin: Origin::File,
            blocks,
            notes: Vec::new(),
        }
    }

    /// Read a file (`-` for stdin) in the given format.
    pub fn load(path: &Path, format: InputFormat) -> Result<Document> {
        let bytes = read_bytes(path)?;
        Document::from_bytes(path, &bytes, format)
    }

    /// Parse raw bytes as read from `path`.
    pub fn from_bytes(path: &Path, bytes: &[u8], format: InputFormat) -> Result<Document> {
        let display = display_path(path);
        let format = match format {
            InputFormat::Auto => InputFormat::detect(path, bytes),
            f => f,
        };
        // A PDF or a zip read as text or HTML only gives garbage.
        if let Some(actual @ (InputFormat::Pdf | InputFormat::Docx)) = InputFormat::sniff(bytes) {
            if matches!(
                format,
                InputFormat::Text | InputFormat::Presegmented | InputFormat::Html
            ) {
                return Err(Error::Input {
                    path: display,
                    message: format!(
                        "is a {} file, not {}; pass --input-format {} (or auto)",
                        actual.as_str().to_uppercase(),
                        format.as_str(),
                        actual.as_str()
                    ),
                });
            }
        }
        match format {
            InputFormat::Pdf => return pdf::read(&display, bytes),
            InputFormat::Html => return html::read(&display, bytes),
            InputFormat::Docx => return docx::read(&display, bytes),
            _ => {}
        }
        let (text, origin) = decode_text(&display, bytes)?;
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(Error::Empty { path: display });
        }
        let blocks = match format {
            InputFormat::Presegmented => presegmented_blocks(&text),
            _ => parse_structure(&text),
        };
        Ok(Document {
            path: display,
            text,
            origin,
            blocks,
            notes: Vec::new(),
        })
    }

    /// The text of a byte range.
    pub fn slice(&self, range: Range<usize>) -> &str {
        &self.text[range]
    }
}

/// `<stdin>` for `-`, else the path as given.
pub fn display_path(path: &Path) -> PathBuf {
    if path == Path::new("-") {
        PathBuf::from("<stdin>")
    } else {
        path.to_path_buf()
    }
}

/// Read all bytes of a file, or of stdin for `-`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|cause| Error::Read {
                path: display_path(path),
                cause,
            })?;
        return Ok(bytes);
    }
    if path.is_dir() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "is a directory; give a file".into(),
        });
    }
    std::fs::read(path).map_err(|cause| Error::Read {
        path: path.to_path_buf(),
        cause,
    })
}

/// The encoding of text inputs that are neither UTF-8 nor marked by a
/// byte-order mark (`--encoding`): none unless set. Process-wide, like the PDF timeout: every text input of
/// a run (documents, reviewed CSVs, dictionaries, glossaries) is decoded by
/// [`decode_text`] alone.
static ENCODING: std::sync::OnceLock<&'static encoding_rs::Encoding> = std::sync::OnceLock::new();

/// Set the encoding of text inputs that are not UTF-8 and have no
/// byte-order mark, by its WHATWG label (`windows-1252`, `latin1`, `iso-8859-15`, `utf-8`, …).
/// Call once, before reading; later calls are ignored.
pub fn set_encoding(label: &str) -> std::result::Result<(), String> {
    let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .filter(|e| *e != encoding_rs::REPLACEMENT && *e != encoding_rs::X_USER_DEFINED)
        .ok_or_else(|| {
            format!("--encoding: unknown encoding `{label}`; use utf-8, windows-1252 or another WHATWG label")
        })?;
    let _ = ENCODING.set(enc);
    Ok(())
}

/// Decode bytes to text: UTF-8 (BOM kept in the text so offsets equal file
/// offsets) or UTF-16 with a BOM (decoded); bytes that are not UTF-8 in the
/// encoding of [`set_encoding`] when one is set (decoded; [`Origin::Decoded`]).
/// Refuses NUL bytes and invalid UTF-8; when the bytes read like
/// windows-1252, the error says so and how to read them.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<(String, Origin)> {
    decode_text_for(path, bytes, None)
}

/// [`decode_text`] for a CSV that a spreadsheet may have saved: a NUL
/// character is a character like any other (a cell can hold what tolk
/// wrote), and invalid UTF-8 says how to save the sheet as UTF-8.
pub fn decode_sheet(path: &Path, bytes: &[u8]) -> Result<(String, Origin)> {
    decode_text_for(
        path,
        bytes,
        Some(
            "save the sheet as \"CSV UTF-8 (comma delimited)\" (Excel) or with character set \
             UTF-8 (LibreOffice)",
        ),
    )
}

/// [`decode_text`] with `resave`, how to save the file as UTF-8 when it is
/// not (a spreadsheet's menu, say; `None`: `iconv`). With `resave`, NUL
/// bytes are text, not the mark of a binary file.
fn decode_text_for(path: &Path, bytes: &[u8], resave: Option<&str>) -> Result<(String, Origin)> {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message:
                    "malformed UTF-16 (unpaired surrogate or odd length); re-save the file as UTF-8"
                        .into(),
            });
        }
        if let Some(offset) = text.find('\0').filter(|_| resave.is_none()) {
            return Err(Error::Binary {
                path: path.to_path_buf(),
                offset,
            });
        }
        return Ok((text.into_owned(), Origin::DecodedUtf16));
    }
    if let Some(offset) = bytes
        .iter()
        .position(|&b| b == 0)
        .filter(|_| resave.is_none())
    {
        if let Some(encoding) = utf16_without_bom(bytes) {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "looks like {encoding} without a byte-order mark (NUL byte at offset {offset}); \
                     convert it to UTF-8 (for example `iconv -f {encoding} -t UTF-8`)"
                ),
            });
        }
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let offset = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_owned(), Origin::File)),
        Err(e) => e.valid_up_to(),
    };
    // Valid UTF-8 stays UTF-8 whatever --encoding says (non-ASCII UTF-8 is
    // practically never meant as windows-1252), so UTF-8 and windows-1252
    // inputs can be read in one run.
    let marked_utf8 = bytes.starts_with(b"\xEF\xBB\xBF");
    if let Some(&encoding) = ENCODING
        .get()
        .filter(|e| **e != encoding_rs::UTF_8 && !marked_utf8)
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "not valid {}; check the file's encoding (--encoding)",
                    encoding.name()
                ),
            });
        }
        return Ok((text.into_owned(), Origin::Decoded));
    }
    let message = match (looks_like_windows_1252(bytes, offset), resave) {
        (true, resave) => format!(
            "invalid UTF-8 at byte {offset}; the file looks like windows-1252 (Latin-1): pass \
             --encoding windows-1252, or {}",
            resave.unwrap_or("convert it (`iconv -f windows-1252 -t utf-8`)")
        ),
        (false, Some(resave)) => format!("invalid UTF-8 at byte {offset}; {resave}"),
        (false, None) => {
            return Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                offset,
            })
        }
    };
    Err(Error::Input {
        path: path.to_path_buf(),
        message,
    })
}

/// True when bytes that are not UTF-8 read as windows-1252 text: no valid
/// multi-byte UTF-8 character before the first invalid byte at `valid_up_to`
/// (a file that mixes in UTF-8 is not one legacy encoding), and every
/// non-ASCII byte one that windows-1252 gives a character.
fn looks_like_windows_1252(bytes: &[u8], valid_up_to: usize) -> bool {
    bytes[..valid_up_to].is_ascii()
        && bytes
            .iter()
            .all(|&b| b.is_ascii() || !matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
}

/// "UTF-16LE" or "UTF-16BE" when `bytes` read like UTF-16 text without a
/// byte-order mark: in the first 512 bytes, the high byte of (nearly) every
/// code unit is zero and the low byte is not (Latin script).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(512) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let count = |hi: usize| {
        head.chunks_exact(2)
            .filter(|u| u[hi] == 0 && u[1 - hi] != 0)
            .count()
    };
    if count(1) * 10 >= units * 9 {
        Some("UTF-16LE")
    } else if count(0) * 10 >= units * 9 {
        Some("UTF-16BE")
    } else {
        None
    }
}

/// One block (kind paragraph) per line, blank lines included (as empty
/// blocks): the pre-segmented format of the gold sets, where line *i* is
/// segment *i*.
fn presegmented_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let start = pos
            + if pos == 0 && content.starts_with('\u{feff}') {
                3
            } else {
                0
            };
        let end = pos + content.len();
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            lines: std::iter::once(start..end).collect(),
        });
        pos += line.len();
    }
    blocks
}

/// Builds the text of an extracted document block by block: blocks are
/// separated by a blank line, white space inside a block is collapsed to
/// single spaces, and each block's line ranges point into the text.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    blocks: Vec<Block>,
}

impl Builder {
    /// Append a block of one line. `marker` (a footnote number, say) is
    /// written before the content but left out of the block's range.
    pub(crate) fn push(&mut self, kind: BlockKind, marker: &str, content: &str) {
        self.push_lines(kind, marker, &[content]);
    }

    /// Append a block of several lines (an HTML paragraph with `<br>`).
    /// Empty lines are skipped; nothing is added when all are empty.
    pub(crate) fn push_lines<S: AsRef<str>>(&mut self, kind: BlockKind, marker: &str, lines: &[S]) {
        let lines: Vec<String> = lines
            .iter()
            .map(|l| normalize_space(l.as_ref()))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let marker = normalize_space(marker);
        if !marker.is_empty() {
            self.text.push_str(&marker);
            self.text.push(' ');
        }
        let mut ranges = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.text.push('\n');
            }
            let start = self.text.len();
            self.text.push_str(line);
            ranges.push(start..self.text.len());
        }
        self.text.push('\n');
        self.blocks.push(Block {
            kind,
            lines: ranges,
        });
    }

    /// The document, or an error naming `path` when no text was found.
    pub(crate) fn finish(self, path: &Path, what: &str) -> Result<Document> {
        if self.blocks.is_empty() {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "no text found in this {what} file; check that it is the right file"
                ),
            });
        }
        Ok(Document {
            path: path.to_path_buf(),
            text: self.text,
            origin: Origin::Extracted,
            blocks: self.blocks,
            notes: Vec::new(),
        })
    }
}

/// Collapse runs of white space (no-break spaces included) to one space,
/// drop soft hyphens and zero-width characters, trim both ends.
pub(crate) fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        match c {
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            c if c.is_whitespace() => space = true,
            c if c.is_control() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_by_magic_then_extension() {
        let p = Path::new("x.txt");
        assert_eq!(InputFormat::detect(p, b"%PDF-1.4\n"), InputFormat::Pdf);
        assert_eq!(InputFormat::detect(p, b"PK\x03\x04rest"), InputFormat::Docx);
        assert_eq!(
            InputFormat::detect(p, b"\n <!DOCTYPE html><p>x"),
            InputFormat::Html
        );
        assert_eq!(InputFormat::detect(p, b"<HTML><p>x"), InputFormat::Html);
        assert_eq!(InputFormat::detect(p, b"Plain text."), InputFormat::Text);
        assert_eq!(
            InputFormat::detect(p, b"Files start with %PDF-1.7."),
            InputFormat::Text
        );
        assert_eq!(
            InputFormat::detect(p, b"\x00\x01junk%PDF-1.4"),
            InputFormat::Pdf
        );
        assert_eq!(
            InputFormat::detect(Path::new("r.PDF"), b"garbage"),
            InputFormat::Pdf
        );
        assert_eq!(
            InputFormat::detect(Path::new("r.docx"), b"garbage"),
            InputFormat::Docx
        );
        assert_eq!(
            InputFormat::detect(Path::new("r.htm"), b"<p>x"),
            InputFormat::Html
        );
        // Markdown that mentions <html> later is still text.
        assert_eq!(
            InputFormat::detect(Path::new("r.md"), b"# Title\n\nSee <html>."),
            InputFormat::Text
        );
    }

    #[test]
    fn builder_collapses_space_and_keeps_ranges() {
        let mut b = Builder::default();
        b.push(BlockKind::Heading, "", "  A\u{a0} title ");
        b.push(BlockKind::Footnote, "1", "Note\u{ad} text.");
        b.push(BlockKind::Paragraph, "", "   ");
        b.push_lines(BlockKind::Paragraph, "", &["one", "", "two"]);
        let doc = b.finish(Path::new("x"), "test").unwrap();
        assert_eq!(doc.text, "A title\n\n1 Note text.\n\none\ntwo\n");
        let texts: Vec<Vec<&str>> = doc
            .blocks
            .iter()
            .map(|b| b.lines.iter().map(|r| &doc.text[r.clone()]).collect())
            .collect();
        assert_eq!(
            texts,
            vec![vec!["A title"], vec!["Note text."], vec!["one", "two"]]
        );
        assert_eq!(doc.origin, Origin::Extracted);
    }

    #[test]
    fn builder_without_blocks_is_an_error() {
        let err = Builder::default()
            .finish(Path::new("a.html"), "HTML")
            .unwrap_err();
        assert!(err.to_string().contains("a.html"));
    }
}
