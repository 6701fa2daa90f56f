//! Reading: a file becomes a [`Document`] — its text plus structural
//! [`Block`]s with byte ranges into that text.
//!
//! For plain text and Markdown the text is the file as stored (a UTF-8 BOM
//! stays in `text` and is skipped by the structure parser, so byte offsets
//! equal file offsets). UTF-16 with a BOM is decoded; offsets then refer to
//! the decoded UTF-8 text and [`Origin::DecodedUtf16`] says so.

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
    /// Text extracted from a PDF, HTML or DOCX file (`tolk extract` prints it).
    Extracted,
}

impl Origin {
    /// Name used in JSON output (`"offsets"` key).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::File => "file",
            Origin::DecodedUtf16 => "decoded-utf16",
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
        let (text, origin) = decode_text(&display, bytes)?;
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(Error::Empty { path: display });
        }
        let blocks = match format {
            InputFormat::Presegmented => presegmented_blocks(&text),
            InputFormat::Auto | InputFormat::Text => parse_structure(&text),
        };
        Ok(Document {
            path: display,
            text,
            origin,
            blocks,
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

/// Decode bytes to text: UTF-8 (BOM kept in the text so offsets equal file
/// offsets) or UTF-16 with a BOM (decoded). Refuses NUL bytes and invalid UTF-8.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<(String, Origin)> {
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
        if let Some(offset) = text.find('\0') {
            return Err(Error::Binary {
                path: path.to_path_buf(),
                offset,
            });
        }
        return Ok((text.into_owned(), Origin::DecodedUtf16));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), Origin::File)),
        Err(e) => Err(Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        }),
    }
}

/// One block (kind paragraph) per non-blank line: the pre-segmented format
/// of the gold sets, where line *i* is segment *i*.
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
