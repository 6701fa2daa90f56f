//! DOCX (Office Open XML) input: `word/document.xml` read from the zip with
//! quick-xml.
//!
//! * Paragraphs become blocks; a paragraph's kind comes from its style
//!   (id or name from `word/styles.xml`): `Heading1`…, `Overskrift1`…,
//!   `Title`/`Tittel`, `Subtitle` and an outline level are headings,
//!   `Caption`/`Bildetekst` captions, and a paragraph with numbering
//!   (`w:numPr`) or a list style is a list item.
//! * Tables are read cell by cell, each cell paragraph a block.
//! * Footnotes and endnotes (`word/footnotes.xml`, `word/endnotes.xml`)
//!   follow the body as footnote blocks, numbered in order of first
//!   reference (the number is written before the text, outside the block's
//!   range). Reference marks in the body are left out, so they never glue
//!   onto a word.
//! * Tracked changes: insertions (`w:ins`, `w:moveTo`) are kept, deletions
//!   (`w:del`, `w:moveFrom`) dropped — the text as it reads with the changes
//!   accepted; [`tracked_changes`] lists them.
//! * `w:br` and `w:cr` break lines within a block; `w:tab` is a space,
//!   `w:noBreakHyphen` a hyphen, `w:softHyphen` nothing; field
//!   instructions, deleted text and `mc:Fallback` duplicates are skipped.
//!
//! The parts read from the zip are capped, all together, at [`MAX_RATIO`]
//! times the file's size (at least [`FREE_EXPANSION`], at most
//! [`MAX_PART`]) decompressed, so a zip bomb is refused with a clear error instead of
//! filling memory. The XML is parsed by an event loop with explicit stacks,
//! so deep nesting cannot overflow the call stack.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{BlockKind, Builder, Document};
use crate::error::{Error, Result};

/// Largest decompressed size of the parts read from one DOCX file, all
/// together (200 MiB).
pub const MAX_PART: u64 = 200 << 20;

/// How many times its own size a DOCX file's parts may expand to, all
/// together, beyond the first [`FREE_EXPANSION`] bytes. Word's XML
/// compresses about 6:1; 100:1 is a zip bomb or a generated file.
pub const MAX_RATIO: u64 = 100;

/// What any DOCX file may expand to regardless of [`MAX_RATIO`] (16 MiB).
pub const FREE_EXPANSION: u64 = 16 << 20;

/// The decompression budget for a DOCX file of `len` bytes: in proportion
/// to the file, so that the memory a file can make tolk use is bounded by
/// its size, and never above [`MAX_PART`].
fn budget_for(len: usize) -> Budget {
    let limit = (len as u64)
        .saturating_mul(MAX_RATIO)
        .clamp(FREE_EXPANSION, MAX_PART);
    Budget { left: limit, limit }
}

/// What is left of a file's decompression budget.
struct Budget {
    left: u64,
    limit: u64,
}

/// Read a DOCX file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document> {
    let mut zip = open(path, bytes)?;
    let mut budget = budget_for(bytes.len());
    let styles = match read_part(path, &mut zip, "word/styles.xml", &mut budget)? {
        Some(xml) => style_names(&xml),
        None => HashMap::new(),
    };
    let Some(document) = read_part(path, &mut zip, "word/document.xml", &mut budget)? else {
        return Err(input(
            path,
            "is a zip archive but not a Word document (no word/document.xml); give a .docx file",
        ));
    };
    let body = parse(path, &document, &styles)?;
    let mut builder = Builder::default();
    for p in &body.paragraphs {
        builder.push_lines(p.kind, "", &p.lines);
    }
    // Notes in order of first reference; notes never referenced after them.
    let mut number = 0;
    for (part, refs) in [
        ("word/footnotes.xml", &body.footnote_refs),
        ("word/endnotes.xml", &body.endnote_refs),
    ] {
        let Some(xml) = read_part(path, &mut zip, part, &mut budget)? else {
            continue;
        };
        let notes = parse(path, &xml, &styles)?;
        let mut order: Vec<&String> = refs.iter().collect();
        for id in notes.note_order.iter() {
            if !order.contains(&id) {
                order.push(id);
            }
        }
        for id in order {
            let paras: Vec<&Para> = notes
                .paragraphs
                .iter()
                .filter(|p| p.note.as_ref() == Some(id))
                .collect();
            if paras
                .iter()
                .all(|p| p.lines.iter().all(|l| l.trim().is_empty()))
            {
                continue;
            }
            number += 1;
            for (i, p) in paras.iter().enumerate() {
                let marker = if i == 0 {
                    number.to_string()
                } else {
                    String::new()
                };
                builder.push_lines(BlockKind::Footnote, &marker, &p.lines);
            }
        }
    }
    builder.finish(path, "DOCX")
}

/// What a tracked change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Text inserted (kept in the extracted text).
    Insertion,
    /// Text deleted (left out of the extracted text).
    Deletion,
}

impl ChangeKind {
    /// "insertion" or "deletion".
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Insertion => "insertion",
            ChangeKind::Deletion => "deletion",
        }
    }
}

/// One tracked change in `word/document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedChange {
    /// Insertion or deletion.
    pub kind: ChangeKind,
    /// The `w:author` attribute (empty when missing).
    pub author: String,
    /// The inserted or deleted text.
    pub text: String,
}

/// The tracked changes of a DOCX file's body, in document order.
pub fn tracked_changes(path: &Path, bytes: &[u8]) -> Result<Vec<TrackedChange>> {
    let mut zip = open(path, bytes)?;
    let mut budget = budget_for(bytes.len());
    let Some(document) = read_part(path, &mut zip, "word/document.xml", &mut budget)? else {
        return Err(input(
            path,
            "is a zip archive but not a Word document (no word/document.xml); give a .docx file",
        ));
    };
    Ok(parse(path, &document, &HashMap::new())?.changes)
}

fn input(path: &Path, message: &str) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn open<'a>(path: &Path, bytes: &'a [u8]) -> Result<Zip<'a>> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(input(
            path,
            "is an old Word .doc file or a password-protected .docx; save it as an unprotected .docx and try again",
        ));
    }
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        input(
            path,
            &format!("is not a DOCX file (not a valid zip archive: {e}); save it from Word as .docx, or pass --input-format"),
        )
    })
}

/// A part's text, `None` when the zip has no such part. `budget` is what
/// is left for all the parts read from one file (see [`budget_for`]).
fn read_part(
    path: &Path,
    zip: &mut Zip<'_>,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<String>> {
    let limit = budget.limit;
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(input(
                path,
                &format!("cannot read {name} from the zip archive: {e}"),
            ))
        }
    };
    if file.size() > budget.left {
        return Err(too_big(path, name, limit));
    }
    let mut buf = Vec::new();
    file.take(budget.left + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            input(
                path,
                &format!("cannot decompress {name}: {e}; the file may be damaged"),
            )
        })?;
    if buf.len() as u64 > budget.left {
        return Err(too_big(path, name, limit));
    }
    budget.left -= buf.len() as u64;
    let text = String::from_utf8(buf).map_err(|e| {
        input(
            path,
            &format!(
                "{name} is not UTF-8 (byte {}); the file may be damaged",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(Some(text))
}

fn too_big(path: &Path, name: &str, limit: u64) -> Error {
    input(
        path,
        &format!(
            "{name} expands to more than {} MiB (with the parts read before it): more than {MAX_RATIO} times the file's size or {} MiB in all; refusing to read it (a zip bomb?). Save the document again from Word, or split it",
            limit.div_ceil(1 << 20),
            MAX_PART >> 20
        ),
    )
}

/// Style id → lower-cased style name, from `word/styles.xml`.
fn style_names(xml: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => current = val(&e, "styleId"),
                "name" => {
                    if let (Some(id), Some(name)) = (current.as_ref(), val(&e, "val")) {
                        map.insert(id.clone(), name.to_lowercase());
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    map
}

/// The value of attribute `w:name` (any prefix).
fn val(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| {
            quick_xml::escape::unescape(&a.value)
                .map(|c| c.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

#[derive(Debug)]
struct Para {
    kind: BlockKind,
    lines: Vec<String>,
    /// Id of the footnote/endnote this paragraph belongs to.
    note: Option<String>,
}

#[derive(Debug, Default)]
struct Parsed {
    paragraphs: Vec<Para>,
    footnote_refs: Vec<String>,
    endnote_refs: Vec<String>,
    note_order: Vec<String>,
    changes: Vec<TrackedChange>,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Open {
    style: Option<String>,
    list: bool,
    outline: bool,
    lines: Vec<String>,
}

fn kind_of(p: &Open, styles: &HashMap<String, String>, in_note: bool) -> BlockKind {
    if in_note {
        return BlockKind::Footnote;
    }
    let id = p.style.as_deref().unwrap_or("").to_lowercase();
    let name = p
        .style
        .as_ref()
        .and_then(|s| styles.get(s))
        .cloned()
        .unwrap_or_default();
    let is = |prefixes: &[&str]| {
        [id.as_str(), name.as_str()].iter().any(|s| {
            let s = s.replace(' ', "");
            prefixes.iter().any(|p| {
                s.strip_prefix(p)
                    .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
            })
        })
    };
    let code = [id.as_str(), name.as_str()].iter().any(|s| {
        let s = s.replace([' ', '-', '_'], "").to_lowercase();
        s.contains("code") || s.contains("kode") || s.contains("preformatted") || s == "plaintext"
    });
    if code {
        BlockKind::Code
    } else if p.outline
        || is(&[
            "heading",
            "overskrift",
            "title",
            "tittel",
            "subtitle",
            "undertittel",
        ])
    {
        BlockKind::Heading
    } else if is(&["caption", "bildetekst", "bildetekst"]) {
        BlockKind::Caption
    } else if p.list || id.contains("list") || name.contains("list") {
        BlockKind::ListItem
    } else {
        BlockKind::Paragraph
    }
}

/// Parse a document, footnotes or endnotes part.
fn parse(path: &Path, xml: &str, styles: &HashMap<String, String>) -> Result<Parsed> {
    let mut reader = Reader::from_str(xml);
    let mut out = Parsed::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut in_text = false; // inside w:t (or w:delText)
    let mut deleted = 0usize; // depth of w:del / w:moveFrom
    let mut inserted = 0usize; // depth of w:ins / w:moveTo
    let mut skip = 0usize; // depth inside mc:Fallback, w:instrText
    let mut note: Option<String> = None;
    let mut change: Option<TrackedChange> = None;
    let mut raised = false; // the current run is superscript
    loop {
        let event = reader.read_event().map_err(|e| {
            input(
                path,
                &format!(
                    "malformed XML in the document at byte {} ({e}); the file may be damaged",
                    reader.buffer_position()
                ),
            )
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match name {
                    "Fallback" | "instrText" | "delInstrText" => skip = 1,
                    "p" => stack.push(Open::default()),
                    "r" => raised = false,
                    "t" | "delText" => in_text = true,
                    "del" | "moveFrom" => {
                        deleted += 1;
                        change = Some(TrackedChange {
                            kind: ChangeKind::Deletion,
                            author: val(&e, "author").unwrap_or_default(),
                            text: String::new(),
                        });
                    }
                    "ins" | "moveTo" => {
                        inserted += 1;
                        change = Some(TrackedChange {
                            kind: ChangeKind::Insertion,
                            author: val(&e, "author").unwrap_or_default(),
                            text: String::new(),
                        });
                    }
                    "footnote" | "endnote" => {
                        let kind = val(&e, "type").unwrap_or_default();
                        note = if kind.is_empty() || kind == "normal" {
                            let id = val(&e, "id").unwrap_or_default();
                            out.note_order.push(id.clone());
                            Some(id)
                        } else {
                            None
                        };
                        if note.is_none() {
                            skip = 1;
                        }
                    }
                    _ => on_empty(&e, name, &mut stack, &mut out, deleted),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let name = e.local_name();
                if name.as_ref() == "vertAlign" {
                    raised = val(&e, "val").is_some_and(|v| v == "superscript");
                }
                on_empty(&e, name.as_ref(), &mut stack, &mut out, deleted);
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" | "delText" => in_text = false,
                    "p" => {
                        if let Some(p) = stack.pop() {
                            let kind = kind_of(&p, styles, note.is_some());
                            out.paragraphs.push(Para {
                                kind,
                                lines: p.lines,
                                note: note.clone(),
                            });
                        }
                    }
                    "del" | "moveFrom" => {
                        deleted = deleted.saturating_sub(1);
                        if let Some(c) = change.take() {
                            out.changes.push(c);
                        }
                    }
                    "ins" | "moveTo" => {
                        inserted = inserted.saturating_sub(1);
                        if let Some(c) = change.take() {
                            out.changes.push(c);
                        }
                    }
                    "footnote" | "endnote" => note = None,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                let s = t.xml10_content();
                let s = match stack.last_mut() {
                    Some(p) if raised && deleted == 0 => exponent(p, &s),
                    _ => s,
                };
                push_text(&mut stack, &mut change, &s, deleted, inserted);
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    }
                    .to_string(),
                };
                push_text(&mut stack, &mut change, &s, deleted, inserted);
            }
            Event::CData(t) if in_text && skip == 0 => {
                push_text(&mut stack, &mut change, &t, deleted, inserted);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The text of a superscript run: a number raised after a number is its
/// exponent, written `2^24` (as the HTML reader does, so `tolk check` sees
/// both numbers; the space of `2 ²⁴` goes); after a unit it becomes
/// superscript digits (`m²`). Anything else stays as it is.
fn exponent<'a>(p: &mut Open, s: &std::borrow::Cow<'a, str>) -> std::borrow::Cow<'a, str> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
        return s.clone();
    }
    let Some(line) = p.lines.last_mut() else {
        return s.clone();
    };
    let spaced = line.ends_with(char::is_whitespace);
    let word = line.split_whitespace().next_back().unwrap_or("");
    let number = word.ends_with(|c: char| c.is_ascii_digit())
        && (!spaced || (word.len() <= 3 && word.bytes().all(|c| c.is_ascii_digit())));
    if number {
        line.truncate(line.trim_end().len());
        return format!("^{t}").into();
    }
    let unit = !spaced
        && matches!(
            word.trim_start_matches(|c: char| !c.is_alphabetic()),
            "m" | "km" | "cm" | "mm" | "dm" | "ft" | "in" | "yd" | "mi" | "s"
        );
    if unit {
        const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
        return t
            .bytes()
            .map(|c| SUP[(c - b'0') as usize])
            .collect::<String>()
            .into();
    }
    s.clone()
}

fn push_text(
    stack: &mut [Open],
    change: &mut Option<TrackedChange>,
    s: &str,
    deleted: usize,
    inserted: usize,
) {
    if let Some(c) = change.as_mut() {
        if deleted > 0 || inserted > 0 {
            c.text.push_str(s);
        }
    }
    if deleted > 0 {
        return;
    }
    if let Some(p) = stack.last_mut() {
        if p.lines.is_empty() {
            p.lines.push(String::new());
        }
        if let Some(l) = p.lines.last_mut() {
            l.push_str(s);
        }
    }
}

/// Elements that matter whether empty or not: properties, breaks, references.
fn on_empty(e: &BytesStart, name: &str, stack: &mut [Open], out: &mut Parsed, deleted: usize) {
    let Some(p) = stack.last_mut() else {
        return;
    };
    match name {
        "pStyle" => p.style = val(e, "val"),
        "numPr" => p.list = true,
        "outlineLvl" => p.outline = val(e, "val").is_some_and(|v| v != "9"),
        "tab" | "ptab" if deleted == 0 => match p.lines.last_mut() {
            Some(l) => l.push(' '),
            None => p.lines.push(" ".into()),
        },
        "noBreakHyphen" if deleted == 0 => match p.lines.last_mut() {
            Some(l) => l.push('-'),
            None => p.lines.push("-".into()),
        },
        "br" | "cr" if deleted == 0 => {
            // A page or column break is not a line break in the text.
            let page = val(e, "type").is_some_and(|t| t == "page" || t == "column");
            if page {
                if let Some(l) = p.lines.last_mut() {
                    l.push(' ');
                }
            } else {
                if p.lines.is_empty() {
                    p.lines.push(String::new());
                }
                p.lines.push(String::new());
            }
        }
        "footnoteReference" if deleted == 0 => {
            if let Some(id) = val(e, "id") {
                if !out.footnote_refs.contains(&id) {
                    out.footnote_refs.push(id);
                }
            }
        }
        "endnoteReference" if deleted == 0 => {
            if let Some(id) = val(e, "id") {
                if !out.endnote_refs.contains(&id) {
                    out.endnote_refs.push(id);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>{inner}</w:body></w:document>"#)
    }

    fn kinds_and_text(xml: &str) -> Vec<(BlockKind, Vec<String>)> {
        parse(Path::new("t.docx"), &body(xml), &HashMap::new())
            .unwrap()
            .paragraphs
            .into_iter()
            .map(|p| (p.kind, p.lines))
            .collect()
    }

    #[test]
    fn styles_lists_runs_and_breaks() {
        let got = kinds_and_text(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:r><w:t>Inn</w:t></w:r><w:r><w:t>ledning</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Punkt &amp; sånt</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>En</w:t><w:br/><w:t>to</w:t><w:tab/><w:t>tre</w:t><w:noBreakHyphen/><w:t>fi</w:t><w:softHyphen/><w:t>re</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>Figur 1 X.</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, vec!["Innledning".to_string()]),
                (BlockKind::ListItem, vec!["Punkt & sånt".to_string()]),
                (
                    BlockKind::Paragraph,
                    vec!["En".to_string(), "to tre-fire".to_string()]
                ),
                (BlockKind::Caption, vec!["Figur 1 X.".to_string()]),
            ]
        );
    }

    #[test]
    fn tracked_changes_insertions_kept_deletions_dropped() {
        let xml = body(concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">Vi </w:t></w:r>"#,
            r#"<w:del w:id="1" w:author="A"><w:r><w:delText>ikke </w:delText></w:r></w:del>"#,
            r#"<w:ins w:id="2" w:author="B"><w:r><w:t xml:space="preserve">alltid </w:t></w:r></w:ins>"#,
            r#"<w:r><w:t>vet.</w:t></w:r></w:p>"#,
        ));
        let parsed = parse(Path::new("t.docx"), &xml, &HashMap::new()).unwrap();
        assert_eq!(
            parsed.paragraphs[0].lines,
            vec!["Vi alltid vet.".to_string()]
        );
        assert_eq!(
            parsed.changes,
            vec![
                TrackedChange {
                    kind: ChangeKind::Deletion,
                    author: "A".into(),
                    text: "ikke ".into()
                },
                TrackedChange {
                    kind: ChangeKind::Insertion,
                    author: "B".into(),
                    text: "alltid ".into()
                },
            ]
        );
    }

    #[test]
    fn tables_cell_by_cell_and_fallback_skipped() {
        let got = kinds_and_text(concat!(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b1</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:p><w:r><w:t>a2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><mc:AlternateContent xmlns:mc="m"><mc:Choice><w:r><w:t>boks</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>boks</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#,
        ));
        let texts: Vec<&str> = got.iter().map(|(_, l)| l[0].as_str()).collect();
        assert_eq!(texts, ["a1", "b1", "a2", "boks"]);
    }

    #[test]
    fn footnote_references_collected_not_glued() {
        let xml = body(
            r#"<w:p><w:r><w:t>Ordet</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r><w:r><w:t xml:space="preserve"> fortsetter.</w:t></w:r></w:p>"#,
        );
        let parsed = parse(Path::new("t.docx"), &xml, &HashMap::new()).unwrap();
        assert_eq!(
            parsed.paragraphs[0].lines,
            vec!["Ordet fortsetter.".to_string()]
        );
        assert_eq!(parsed.footnote_refs, vec!["7".to_string()]);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let n = 100_000;
        let xml = body(&format!(
            "{}<w:p><w:r><w:t>dypt</w:t></w:r></w:p>{}",
            "<w:sdt><w:sdtContent>".repeat(n),
            "</w:sdtContent></w:sdt>".repeat(n)
        ));
        let parsed = parse(Path::new("t.docx"), &xml, &HashMap::new()).unwrap();
        assert_eq!(parsed.paragraphs[0].lines, vec!["dypt".to_string()]);
    }

    #[test]
    fn not_a_zip_is_a_clear_error() {
        let e = read(Path::new("x.docx"), b"just text")
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.docx") && e.contains("not a DOCX"), "{e}");
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let e = parse(
            Path::new("x.docx"),
            "<w:document><w:p></w:x>",
            &HashMap::new(),
        );
        assert!(e.is_err());
    }

    proptest::proptest! {
        /// Any mix of WordprocessingML fragments: an error or paragraphs,
        /// never a panic.
        #[test]
        fn never_panics(parts in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..60)) {
            let inner: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
            let _ = parse(Path::new("p.docx"), &body(&inner), &HashMap::new());
        }
    }

    const FRAGMENTS: &[&str] = &[
        "<w:p>",
        "</w:p>",
        "<w:r>",
        "</w:r>",
        "<w:t>",
        "</w:t>",
        "tekst",
        "&amp;",
        "&#229;",
        "<w:del w:author=\"A\">",
        "</w:del>",
        "<w:ins>",
        "</w:ins>",
        "<w:br/>",
        "<w:tab/>",
        "<w:footnoteReference w:id=\"1\"/>",
        "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>",
        "<w:delText>x</w:delText>",
        "<mc:Fallback xmlns:mc=\"m\">",
        "</mc:Fallback>",
        "<w:footnote w:id=\"2\">",
        "</w:footnote>",
        "<w:numPr/>",
        "<![CDATA[c]]>",
        "<",
    ];
}
