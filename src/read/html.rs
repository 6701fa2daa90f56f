//! HTML input: a small tolerant tag scanner of our own (real HTML is not
//! XML: unclosed `<p>` and `<li>`, bare `<br>`, named entities).
//!
//! * Charset: a byte-order mark, else `<meta charset>`, the `http-equiv`
//!   Content-Type meta tag or an XML declaration in the first 4 kB, else
//!   UTF-8 when the bytes are valid UTF-8, else windows-1252 (the web's
//!   default).
//! * Block elements (`p`, `div`, `section`, `td`, …) end a block; `h1`–`h6`
//!   are headings, `li` list items, `figcaption`/`caption` captions, `<br>`
//!   a line break inside the block.
//! * Removed: `script`, `style`, `template`, `noscript`, `svg`, `title`,
//!   `button`, `select`, `textarea`, and the page chrome `nav` always and
//!   `header`, `footer`, `aside` outside `<main>` and `<article>` (an
//!   article's own header holds its title, so it stays).
//! * Footnotes: a list item or paragraph inside an element whose class, id
//!   or role names footnotes/endnotes, or a `li` with an id like `fn3`, is a
//!   footnote block; its number (position in its list) is written before it.
//!   Back-links (`↩`) are dropped. A `<sup>` that is a footnote reference (it
//!   holds a link to `#…`, or its class/id says note/ref) is left out of the
//!   running text, so the marker never glues onto the word before it; so is
//!   a bare `<sup>3</sup>` unless it is an exponent: after a number
//!   (`10<sup>6</sup>`, and `2 <sup>24</sup>` after a short base) it is
//!   written `10^6`, `2^24`, so `tolk check` sees both numbers; after a unit
//!   (`m<sup>2</sup>`) as superscript digits, `m²`. Other `<sup>` text (1st)
//!   stays in place.
//! * Entities: the predefined ones, the common Latin-1, punctuation and
//!   symbol names, and numeric references.
//!
//! The scanner is a loop over the input with an explicit stack of open
//! elements (on the heap) and per-category counters, so neither deep
//! nesting nor a long document can overflow the call stack; closing tags
//! look at most [`MAX_CLOSE_SEARCH`] elements down the stack.
//!
//! Memory is bounded in proportion to the input: at most [`MAX_DEPTH`]
//! elements are held open (a start tag deeper than that is read as if it
//! were not there, its text kept), and runs of line breaks (`<br>`, new
//! lines in `<pre>`) hold one empty line, not one per break. So a page takes
//! the bytes of its text a few times over, whatever its markup; there is no
//! expansion to refuse, as there is for a DOCX file's zip. Time is linear
//! too: what a raised number follows is judged from the last few bytes of
//! the text, not the whole line.

use std::path::Path;

use super::{BlockKind, Builder, Document};
use crate::error::{Error, Result};

/// How far down the stack of open elements an end tag looks for its start
/// tag; a stray end tag deeper than that is ignored.
pub const MAX_CLOSE_SEARCH: usize = 256;

/// Most elements held open at once. Real pages nest a few dozen deep; a
/// page of unclosed tags (generated, or made to exhaust memory) would
/// otherwise hold one entry per tag.
pub const MAX_DEPTH: usize = 512;

/// How many bytes at the end of the text [`Scanner::exponent_context`]
/// looks at: enough for any number or unit before a raised number.
const EXPONENT_TAIL: usize = 64;

/// Read an HTML file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::Binary {
                path: path.to_path_buf(),
                offset,
            });
        }
    }
    let text = decode(bytes).map_err(|message| Error::Input {
        path: path.to_path_buf(),
        message,
    })?;
    let mut scanner = Scanner::default();
    scanner.run(&text);
    let chrome = scanner.chrome;
    let mut doc = scanner.builder.finish(path, "HTML")?;
    if chrome > 0 {
        doc.notes.push(format!(
            "left out {chrome} element{} of page chrome (navigation, banner, page header or footer)",
            if chrome == 1 { "" } else { "s" }
        ));
    }
    Ok(doc)
}

/// Decode by BOM, declared charset, UTF-8 validity, else windows-1252.
/// Bytes that are not valid in the encoding used are an error (what is
/// wrong and what to do), never silently replaced.
fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    let declared = declared_charset(&bytes[..bytes.len().min(4096)])
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .map(|e| {
            // A document that can be scanned for ASCII meta tags is not UTF-16.
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                e
            }
        });
    let encoding = declared.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1252
        }
    });
    // `decode` lets a BOM override the declared encoding, as browsers do.
    let (text, used, had_errors) = encoding.decode(bytes);
    if had_errors {
        let name = used.name();
        let at = if used == encoding_rs::UTF_8 {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let valid = std::str::from_utf8(body)
                .err()
                .map_or(0, |e| e.valid_up_to());
            format!(
                " (first bad byte at offset {})",
                valid + (bytes.len() - body.len())
            )
        } else {
            String::new()
        };
        return Err(format!(
            "the page is read as {name} but is not valid {name}{at}; \
             correct the charset in its <meta> tag or re-save the file as UTF-8"
        ));
    }
    Ok(text.into_owned())
}

/// The charset named by a meta tag or an XML declaration.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: String = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                b.to_ascii_lowercase() as char
            } else {
                ' '
            }
        })
        .collect();
    let mut search = lower.as_str();
    while let Some(i) = search.find("<meta") {
        let tag = &search[i..];
        let end = tag.find('>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(j) = tag.find("charset") {
            let rest = tag[j + 7..].trim_start();
            if let Some(rest) = rest.strip_prefix('=') {
                let value: String = rest
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                    .collect();
                if !value.is_empty() {
                    return Some(value);
                }
            }
        }
        search = &search[i + 5..];
    }
    if lower.trim_start().starts_with("<?xml") {
        let decl = &lower[..lower.find("?>").unwrap_or(lower.len().min(200))];
        if let Some(j) = decl.find("encoding") {
            let value: String = decl[j + 8..]
                .trim_start_matches([' ', '='])
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                .collect();
            if !value.is_empty() {
                return Some(value);
            }
        }
    }
    None
}

/// What an open element means for the text inside it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Cat {
    heading: bool,
    item: bool,
    caption: bool,
    notes: bool,
    note_item: bool,
    dropped: bool,
    main: bool,
    list: bool,
    pre: bool,
}

#[derive(Debug)]
struct Open {
    name: String,
    cat: Cat,
}

#[derive(Debug, Default)]
struct Counts {
    heading: usize,
    item: usize,
    caption: usize,
    notes: usize,
    note_item: usize,
    dropped: usize,
    main: usize,
    pre: usize,
}

impl Counts {
    fn apply(&mut self, cat: Cat, add: bool) {
        let f = |n: &mut usize, on: bool| {
            if on {
                if add {
                    *n += 1;
                } else {
                    *n = n.saturating_sub(1);
                }
            }
        };
        f(&mut self.heading, cat.heading);
        f(&mut self.item, cat.item);
        f(&mut self.caption, cat.caption);
        f(&mut self.notes, cat.notes);
        f(&mut self.note_item, cat.note_item);
        f(&mut self.dropped, cat.dropped);
        f(&mut self.main, cat.main);
        f(&mut self.pre, cat.pre);
    }
}

/// A footnote-reference `<sup>` (or link) being collected.
#[derive(Debug, Default)]
struct Capture {
    text: String,
    footnote: bool,
    /// Depth of the stack when the capture started.
    depth: usize,
}

#[derive(Debug, Default)]
struct Scanner {
    builder: Builder,
    stack: Vec<Open>,
    counts: Counts,
    /// Counters of the open lists (li numbers).
    lists: Vec<usize>,
    /// The block being filled: kind, marker, lines.
    kind: Option<BlockKind>,
    marker: String,
    lines: Vec<String>,
    sup: Option<Capture>,
    backlink: Option<Capture>,
    /// Captures whose element just closed, to be decided.
    pending: Vec<Capture>,
    /// Page-chrome elements (navigation, banners, page header and footer)
    /// left out.
    chrome: usize,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
const DROPPED: &[&str] = &[
    "template", "noscript", "svg", "math", "button", "select", "nav", "object", "canvas",
];
const CHROME: &[&str] = &["header", "footer", "aside"];
/// ARIA landmark roles of page chrome.
const CHROME_ROLES: &[&str] = &["banner", "navigation", "contentinfo", "search"];
/// Classes (and ids) that documentation generators give their page
/// chrome: DocBook XSL (`navheader`, `navfooter`), Publican (`docnav`,
/// `breadcrumbs`), Sphinx (`related`, `sphinxsidebar`, `footer`) and its
/// Read the Docs theme (`wy-nav-side`, `rst-footer-buttons`), and common
/// site banners (`banner`, `navbar`, `skip-link`).
const CHROME_CLASSES: &[&str] = &[
    "navheader",
    "navfooter",
    "docnav",
    "breadcrumbs",
    "breadcrumb",
    "related",
    "sphinxsidebar",
    "sphinxsidebarwrapper",
    "footer",
    "wy-nav-side",
    "wy-nav-top",
    "rst-breadcrumbs-buttons",
    "rst-footer-buttons",
    "rst-versions",
    "banner",
    "navbar",
    "skip-link",
];

/// True when a start tag's attributes (lower-cased) mark page chrome: an
/// ARIA landmark role or a generator's chrome class or id.
fn is_chrome(attrs: &str) -> bool {
    let role = attr_value(attrs, "role");
    if role.split_whitespace().any(|r| CHROME_ROLES.contains(&r)) {
        return true;
    }
    let class = attr_value(attrs, "class");
    let id = attr_value(attrs, "id");
    class
        .split_whitespace()
        .chain(std::iter::once(id.as_str()))
        .any(|c| CHROME_CLASSES.contains(&c))
}
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

impl Scanner {
    fn run(&mut self, html: &str) {
        let bytes = html.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < bytes.len() {
            if bytes[i] != b'<' {
                i += 1;
                continue;
            }
            let rest = &html[i..];
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            let tag_end = if rest.starts_with("<!--") {
                Some(rest.find("-->").map_or(html.len(), |e| i + e + 3))
            } else if next == b'!' || next == b'?' {
                Some(rest.find('>').map_or(html.len(), |e| i + e + 1))
            } else if next == b'/' || next.is_ascii_alphabetic() {
                Some(find_tag_end(bytes, i + 1))
            } else {
                None
            };
            let Some(end) = tag_end else {
                i += 1;
                continue;
            };
            self.text(&html[text_start..i]);
            if next == b'/' {
                let name = tag_name(&html[(i + 2).min(end)..end]);
                self.end_tag(&name);
                i = end;
            } else if next.is_ascii_alphabetic() {
                // `end` is just past the '>', or the end of the input for a
                // tag left open (which may end in a multi-byte character)
                let inner_end = if html[..end].ends_with('>') {
                    end - 1
                } else {
                    end
                };
                let inner = &html[i + 1..inner_end.max(i + 1)];
                let name = tag_name(inner);
                let self_closing = inner.trim_end().ends_with('/');
                if RAW.contains(&name.as_str()) && !self_closing {
                    // Skip to the matching end tag, case-insensitively.
                    i = find_raw_end(html, end, &name);
                } else {
                    self.start_tag(&name, inner, self_closing);
                    i = end;
                }
            } else {
                i = end;
            }
            text_start = i;
        }
        self.text(&html[text_start..]);
        while !self.stack.is_empty() {
            self.pop();
        }
        for cap in [self.sup.take(), self.backlink.take()]
            .into_iter()
            .flatten()
        {
            self.pending.push(cap);
        }
        self.finish_captures();
        self.flush();
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() || self.counts.dropped > 0 {
            return;
        }
        let decoded = decode_entities(raw);
        if let Some(c) = self.sup.as_mut().or(self.backlink.as_mut()) {
            c.text.push_str(&decoded);
            return;
        }
        self.append(&decoded);
    }

    fn append(&mut self, s: &str) {
        if self.kind.is_none() {
            if s.trim().is_empty() {
                return;
            }
            self.kind = Some(self.current_kind());
            if self.counts.note_item > 0 || (self.counts.notes > 0 && self.counts.item > 0) {
                self.marker = self.lists.last().map(|n| n.to_string()).unwrap_or_default();
            }
        }
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        if self.counts.pre > 0 {
            let mut parts = s.split('\n');
            if let Some(first) = parts.next() {
                if let Some(l) = self.lines.last_mut() {
                    l.push_str(first);
                }
            }
            for p in parts {
                self.new_line(p);
            }
        } else if let Some(l) = self.lines.last_mut() {
            l.push_str(s);
        }
    }

    /// Start a new line of the block with `s`. An empty line after an
    /// empty line is not kept: blocks drop empty lines anyway, and a run
    /// of breaks must not cost memory per break.
    fn new_line(&mut self, s: &str) {
        if s.is_empty() && self.lines.last().is_some_and(String::is_empty) {
            return;
        }
        self.lines.push(s.to_string());
    }

    fn current_kind(&self) -> BlockKind {
        if self.counts.pre > 0 {
            BlockKind::Code
        } else if self.counts.heading > 0 {
            BlockKind::Heading
        } else if self.counts.note_item > 0 || self.counts.notes > 0 {
            BlockKind::Footnote
        } else if self.counts.caption > 0 {
            BlockKind::Caption
        } else if self.counts.item > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn flush(&mut self) {
        if let Some(kind) = self.kind.take() {
            let marker = std::mem::take(&mut self.marker);
            self.builder.push_lines(kind, &marker, &self.lines);
        }
        self.lines.clear();
        self.marker.clear();
    }

    fn push(&mut self, name: &str, cat: Cat) {
        self.counts.apply(cat, true);
        if cat.list {
            self.lists.push(0);
        }
        self.stack.push(Open {
            name: name.to_string(),
            cat,
        });
    }

    fn pop(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.counts.apply(open.cat, false);
            if open.cat.list {
                self.lists.pop();
            }
            let depth = self.stack.len();
            for cap in [&mut self.sup, &mut self.backlink] {
                if cap.as_ref().is_some_and(|c| c.depth > depth) {
                    let c = cap.take();
                    if let Some(c) = c {
                        self.pending.push(c);
                    }
                }
            }
            self.finish_captures();
        }
    }

    fn start_tag(&mut self, name: &str, inner: &str, self_closing: bool) {
        if name == "br" {
            if self.counts.dropped == 0 && self.kind.is_some() {
                self.new_line("");
            }
            return;
        }
        let block = BLOCK.contains(&name);
        if block {
            // Implied end tags: a block closes an open <p>; <li>, <dt>, <dd>,
            // <tr>, <td>, <th> close their open sibling.
            if self.stack.last().is_some_and(|o| o.name == "p") {
                self.pop();
            }
            let siblings: &[&str] = match name {
                "li" => &["li"],
                "dt" | "dd" => &["dt", "dd"],
                "tr" => &["tr", "td", "th"],
                "td" | "th" => &["td", "th"],
                _ => &[],
            };
            while self
                .stack
                .last()
                .is_some_and(|o| siblings.contains(&o.name.as_str()))
            {
                self.pop();
                if name != "tr" {
                    break;
                }
            }
            self.flush();
        }
        if VOID.contains(&name) || self_closing || self.stack.len() >= MAX_DEPTH {
            return;
        }
        let attrs = inner.to_ascii_lowercase();
        let notes_attr = [
            "footnote",
            "endnote",
            "doc-endnotes",
            "doc-footnote",
            "fotnote",
            "sluttnote",
        ]
        .iter()
        .any(|k| {
            attr_value(&attrs, "class").contains(k)
                || attr_value(&attrs, "id").contains(k)
                || attr_value(&attrs, "role").contains(k)
        });
        let id = attr_value(&attrs, "id");
        let note_id = id.strip_prefix("fn").is_some_and(|r| {
            let r = r.trim_start_matches([':', '-', '_']);
            !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric()) && !r.starts_with("ref")
        });
        let chrome = (CHROME.contains(&name) && self.counts.main == 0) || is_chrome(&attrs);
        if (chrome || name == "nav") && self.counts.dropped == 0 {
            self.chrome += 1;
        }
        let cat = Cat {
            heading: matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
            item: matches!(name, "li" | "dd" | "dt"),
            caption: matches!(name, "figcaption" | "caption"),
            notes: notes_attr && name != "a" && name != "sup",
            note_item: name == "li" && note_id,
            dropped: DROPPED.contains(&name) || chrome,
            main: matches!(name, "main" | "article"),
            list: matches!(name, "ul" | "ol" | "dl"),
            pre: name == "pre",
        };
        if name == "li" {
            if let Some(n) = self.lists.last_mut() {
                *n += 1;
            }
        }
        let depth = self.stack.len();
        if name == "sup" && self.sup.is_none() && self.counts.dropped == 0 {
            let footnote = ["note", "ref", "fn"]
                .iter()
                .any(|k| attr_value(&attrs, "class").contains(k) || id.contains(k));
            self.sup = Some(Capture {
                text: String::new(),
                footnote,
                depth: depth + 1,
            });
        } else if name == "a" {
            let href = attr_value(&attrs, "href");
            if let Some(sup) = self.sup.as_mut() {
                if href.starts_with('#') {
                    sup.footnote = true;
                }
            } else if href.starts_with('#') && self.counts.notes > 0 && self.backlink.is_none() {
                self.backlink = Some(Capture {
                    text: String::new(),
                    footnote: true,
                    depth: depth + 1,
                });
            }
        }
        self.push(name, cat);
    }

    fn end_tag(&mut self, name: &str) {
        if name == "br" {
            // `</br>` is read as `<br>`, as browsers do.
            self.start_tag("br", "br", false);
            return;
        }
        let found = self
            .stack
            .iter()
            .rev()
            .take(MAX_CLOSE_SEARCH)
            .position(|o| o.name == name);
        let Some(pos) = found else {
            if name == "p" {
                // `</p>` without `<p>` ends the block, as an empty <p> would.
                self.flush();
            }
            return;
        };
        for _ in 0..=pos {
            self.pop();
        }
        if BLOCK.contains(&name) {
            self.flush();
        }
    }
}

impl Scanner {
    /// Decide what a finished `<sup>` or back-link contributes.
    fn finish_captures(&mut self) {
        for c in std::mem::take(&mut self.pending) {
            let t = c.text.trim();
            let marker_like = !t.is_empty()
                && t.chars().count() <= 4
                && t.chars().all(|ch| {
                    ch.is_ascii_alphanumeric()
                        || matches!(ch, '*' | '†' | '‡' | '[' | ']' | '(' | ')')
                });
            let arrow = !t.chars().any(char::is_alphanumeric);
            // A bare <sup>3</sup> is a footnote marker too, unless it is an
            // exponent: after a number (10⁶, 2 ²⁴) or a unit (m², km²).
            let digits = !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit());
            let exponent = if c.footnote || !digits {
                Exponent::None
            } else {
                self.exponent_context()
            };
            let bare_marker = !c.footnote
                && !t.is_empty()
                && t.chars().count() <= 3
                && t.chars()
                    .all(|ch| ch.is_ascii_digit() || matches!(ch, '*' | '†' | '‡'))
                && exponent == Exponent::None;
            // A footnote reference or a back-link (↩) goes; other text stays.
            let drop = c.footnote && (marker_like || arrow) || bare_marker;
            if drop {
                continue;
            }
            let text = match exponent {
                Exponent::Number => {
                    if let Some(l) = self.lines.last_mut() {
                        l.truncate(l.trim_end().len());
                    }
                    format!("^{t}")
                }
                Exponent::Unit => t
                    .chars()
                    .map(|ch| {
                        ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']
                            [(ch as u8 - b'0') as usize]
                    })
                    .collect(),
                Exponent::None => c.text.clone(),
            };
            self.append(&text);
        }
    }
}

impl Scanner {
    /// Does the text so far end in a number or a unit, so that a
    /// superscript number after it is an exponent? A number counts when the
    /// superscript is glued to it (`10<sup>6</sup>`) or, when a space comes
    /// between, when it is a short base such as 2 or 10 (`2 <sup>24</sup>`;
    /// a year before a space and a raised number is a footnote reference).
    fn exponent_context(&self) -> Exponent {
        let Some(line) = self.lines.last() else {
            return Exponent::None;
        };
        // Only the end of the line matters: a word longer than the tail is
        // neither a short number nor a unit.
        let mut from = line.len().saturating_sub(EXPONENT_TAIL);
        while !line.is_char_boundary(from) {
            from += 1;
        }
        let line = &line[from..];
        let spaced = line.ends_with(char::is_whitespace);
        let word = line.split_whitespace().next_back().unwrap_or("");
        let number = word.ends_with(|c: char| c.is_ascii_digit());
        if number && (!spaced || (word.len() <= 3 && word.bytes().all(|c| c.is_ascii_digit()))) {
            return Exponent::Number;
        }
        let unit = matches!(
            word.trim_start_matches(|c: char| !c.is_alphabetic()),
            "m" | "km" | "cm" | "mm" | "dm" | "ft" | "in" | "yd" | "mi" | "s"
        );
        if unit && !spaced {
            Exponent::Unit
        } else {
            Exponent::None
        }
    }
}

/// What a raised number after the text so far is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exponent {
    /// A footnote reference, or plain raised text.
    None,
    /// The power of a number: written `2^24`, so that both numbers stay
    /// visible to `tolk check` (the DOCX reader writes the same).
    Number,
    /// The power of a unit: written as superscript digits (m², km³).
    Unit,
}

/// End of a tag starting at `from` (after `<`): the byte after `>`,
/// skipping quoted attribute values.
fn find_tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => {
                // Only a quote right after `=` (with optional spaces) opens a value.
                let mut j = i;
                while j > from && bytes[j - 1].is_ascii_whitespace() {
                    j -= 1;
                }
                if j > from && bytes[j - 1] == b'=' {
                    quote = Some(b);
                }
            }
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

/// After `<script …>`: the position after the matching `</script>`.
fn find_raw_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(off) = html[i..].find("</") {
        let at = i + off;
        let cand = &bytes[at + 2..];
        if cand.len() >= name.len() && cand[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let after = cand.get(name.len()).copied().unwrap_or(b'>');
            if after == b'>' || after.is_ascii_whitespace() || after == b'/' {
                return find_tag_end(bytes, at + 2);
            }
        }
        i = at + 2;
    }
    html.len()
}

/// The lower-cased element name at the start of a tag's inside.
fn tag_name(inner: &str) -> String {
    inner
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Value of attribute `name` in a lower-cased tag inside ("" if absent).
fn attr_value(tag: &str, name: &str) -> String {
    let mut search = 0;
    while let Some(off) = tag[search..].find(name) {
        let at = search + off;
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[at + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = rest.strip_prefix('=') {
                let v = v.trim_start();
                let value = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                    _ => v
                        .split(|c: char| c.is_whitespace() || c == '>')
                        .next()
                        .unwrap_or(""),
                };
                return decode_entities(value);
            }
        }
        search = at + name.len();
    }
    String::new()
}

/// Decode character references: numeric ones and common named ones. An
/// unknown name stays as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name_len = after
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(after.len(), |(k, _)| k);
        let name = &after[..name_len];
        let semi = after[name_len..].starts_with(';');
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                num.parse::<u32>().ok()
            };
            code.map(|c| match c {
                // Windows-1252 C1 range, as browsers read it.
                0x80..=0x9f => windows_1252_c1(c),
                0 => '\u{fffd}',
                c => char::from_u32(c).unwrap_or('\u{fffd}'),
            })
            .map(String::from)
        } else if semi || matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp") {
            named_entity(name).map(String::from)
        } else {
            None
        };
        match decoded {
            Some(d) => {
                out.push_str(&d);
                let consumed = name_len + usize::from(semi);
                rest = &after[consumed..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn windows_1252_c1(c: u32) -> char {
    let byte = [c as u8];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    s.chars().next().unwrap_or('\u{fffd}')
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "shy" => "\u{ad}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "lrm" => "\u{200e}",
        "rlm" => "\u{200f}",
        "ndash" => "–",
        "mdash" => "—",
        "minus" => "−",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "bull" => "•",
        "middot" => "·",
        "dagger" => "†",
        "Dagger" => "‡",
        "prime" => "′",
        "Prime" => "″",
        "sect" => "§",
        "para" => "¶",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sup1" => "¹",
        "sup2" => "²",
        "sup3" => "³",
        "micro" => "µ",
        "euro" => "€",
        "pound" => "£",
        "cent" => "¢",
        "yen" => "¥",
        "curren" => "¤",
        "permil" => "‰",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "crarr" => "↵",
        "iexcl" => "¡",
        "iquest" => "¿",
        "ordf" => "ª",
        "ordm" => "º",
        "aring" => "å",
        "Aring" => "Å",
        "aelig" => "æ",
        "AElig" => "Æ",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "auml" => "ä",
        "Auml" => "Ä",
        "ouml" => "ö",
        "Ouml" => "Ö",
        "uuml" => "ü",
        "Uuml" => "Ü",
        "euml" => "ë",
        "iuml" => "ï",
        "szlig" => "ß",
        "aacute" => "á",
        "Aacute" => "Á",
        "eacute" => "é",
        "Eacute" => "É",
        "iacute" => "í",
        "Iacute" => "Í",
        "oacute" => "ó",
        "Oacute" => "Ó",
        "uacute" => "ú",
        "Uacute" => "Ú",
        "yacute" => "ý",
        "agrave" => "à",
        "Agrave" => "À",
        "egrave" => "è",
        "Egrave" => "È",
        "igrave" => "ì",
        "ograve" => "ò",
        "ugrave" => "ù",
        "acirc" => "â",
        "ecirc" => "ê",
        "icirc" => "î",
        "ocirc" => "ô",
        "ucirc" => "û",
        "atilde" => "ã",
        "otilde" => "õ",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "ccedil" => "ç",
        "Ccedil" => "Ç",
        "eth" => "ð",
        "ETH" => "Ð",
        "thorn" => "þ",
        "THORN" => "Þ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        let doc = read(Path::new("t.html"), html.as_bytes()).unwrap();
        doc.blocks
            .iter()
            .map(|b| {
                let lines: Vec<&str> = b.lines.iter().map(|r| &doc.text[r.clone()]).collect();
                (b.kind, lines.join("|"))
            })
            .collect()
    }

    #[test]
    fn structure_and_tolerance() {
        let got = blocks(concat!(
            "<!DOCTYPE html><html><head><title>T</title><style>p{}</style>",
            "<script>if (a<b) document.write('<p>x</p>')</script></head><body>",
            "<header><nav><a href=/>Hjem</a></nav><p>Logo</p></header>",
            "<main><h1>Tit&shy;tel</h1><p>En &aring;pen <b>del</b>&nbsp;her<p>To<br>linjer",
            "<ul><li>Første<li>Andre</ul><figure><figcaption>Figur 1 X</figcaption></figure>",
            "<table><tr><td>a<td>b</table></main><footer>Kontakt</footer>",
        ));
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "Tittel".into()),
                (BlockKind::Paragraph, "En åpen del her".into()),
                (BlockKind::Paragraph, "To|linjer".into()),
                (BlockKind::ListItem, "Første".into()),
                (BlockKind::ListItem, "Andre".into()),
                (BlockKind::Caption, "Figur 1 X".into()),
                (BlockKind::Paragraph, "a".into()),
                (BlockKind::Paragraph, "b".into()),
            ]
        );
    }

    #[test]
    fn footnote_markers_kept_apart_and_notes_numbered() {
        let html = concat!(
            "<p>Trusselen<sup id=\"fnref1\"><a href=\"#fn1\">1</a></sup> øker. Areal 5 m<sup>2</sup>, 10<sup>6</sup> og ordet<sup>2</sup>.</p>",
            "<section class=\"footnotes\"><ol><li id=\"fn1\"><p>Kilde: oss. <a href=\"#fnref1\">↩</a></p></li>",
            "<li id=\"fn2\">Annen.</li></ol></section>",
        );
        let doc = read(Path::new("t.html"), html.as_bytes()).unwrap();
        assert_eq!(
            doc.text,
            "Trusselen øker. Areal 5 m², 10^6 og ordet.\n\n1 Kilde: oss.\n\n2 Annen.\n"
        );
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Footnote,
                BlockKind::Footnote
            ]
        );
        assert_eq!(&doc.text[doc.blocks[1].range()], "Kilde: oss.");
    }

    #[test]
    fn charset_from_meta_and_http_equiv() {
        let mut latin1 = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>".to_vec();
        latin1.extend_from_slice(&[b'S', 0xF8, b'r', b' ', 0xE5, b'r']);
        let doc = read(Path::new("t.html"), &latin1).unwrap();
        assert_eq!(doc.text, "Sør år\n");
        let mut meta = b"<meta charset='windows-1252'><p>".to_vec();
        meta.extend_from_slice(&[0x93, b'x', 0x94]);
        assert_eq!(read(Path::new("t.html"), &meta).unwrap().text, "“x”\n");
        // Undeclared and not UTF-8: windows-1252.
        assert_eq!(
            read(Path::new("t.html"), &[b'<', b'p', b'>', 0xE6])
                .unwrap()
                .text,
            "æ\n"
        );
        // A BOM wins over the declaration.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("<meta charset=latin1><p>æ".as_bytes());
        assert_eq!(read(Path::new("t.html"), &bom).unwrap().text, "æ\n");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b &lt;p&gt; &#229;&#xE6; &oslash; &unknown; & x &amp"),
            "a&b <p> åæ ø &unknown; & x &"
        );
        assert_eq!(decode_entities("&#150;"), "–");
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let n = 100_000;
        let html = format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n));
        let got = blocks(&html);
        assert_eq!(got, vec![(BlockKind::Paragraph, "deep".into())]);
    }

    /// The scanner after reading `html`: its buffers keep the capacity
    /// they grew to.
    fn scanned(html: &str) -> Scanner {
        let mut scanner = Scanner::default();
        scanner.run(html);
        scanner
    }

    #[test]
    fn open_elements_are_bounded_whatever_the_nesting() {
        let n = 100_000;
        for open in ["<div>", "<b>", "<ol><li>"] {
            let html = format!("{}deep", open.repeat(n));
            let s = scanned(&html);
            assert!(
                s.stack.capacity() <= MAX_DEPTH,
                "{open}: {}",
                s.stack.capacity()
            );
            assert!(
                s.lists.capacity() <= MAX_DEPTH,
                "{open}: {}",
                s.lists.capacity()
            );
            let text = &s.builder.text;
            assert!(text.contains("deep"), "{open}: the text is kept");
        }
        // Below the limit, nesting works as before.
        let html = format!(
            "{}<h2>Tittel</h2>{}",
            "<div>".repeat(500),
            "</div>".repeat(500)
        );
        assert_eq!(blocks(&html), vec![(BlockKind::Heading, "Tittel".into())]);
    }

    #[test]
    fn runs_of_line_breaks_hold_one_empty_line() {
        let n = 100_000;
        for html in [
            format!("<p>Første{}andre</p>", "<br>".repeat(n)),
            format!("<pre>første{}andre</pre>", "\n".repeat(n)),
        ] {
            let s = scanned(&html);
            assert!(s.lines.capacity() <= 4, "{}", s.lines.capacity());
        }
        assert_eq!(
            blocks("<p>a<br><br><br>b<br></p><pre>c\n\n\nd\n</pre>"),
            vec![
                (BlockKind::Paragraph, "a|b".into()),
                (BlockKind::Code, "c|d".into())
            ]
        );
    }

    #[test]
    fn raised_numbers_judged_by_the_end_of_the_text() {
        let long = "a".repeat(10 * EXPONENT_TAIL);
        assert_eq!(
            blocks(&format!(
                "<p>{long} 10<sup>6</sup> og 30 m<sup>2</sup>.</p>"
            )),
            vec![(BlockKind::Paragraph, format!("{long} 10^6 og 30 m²."))]
        );
        let digits = "1".repeat(10 * EXPONENT_TAIL);
        assert_eq!(
            blocks(&format!("<p>{digits}<sup>2</sup> {long}<sup>3</sup></p>")),
            vec![(BlockKind::Paragraph, format!("{digits}^2 {long}"))]
        );
    }

    #[test]
    fn quoted_gt_in_attributes_and_comments() {
        let got = blocks("<p title=\"a > b\">Tekst<!-- <p>skjult</p> --> her</p><p>x</p>");
        assert_eq!(
            got,
            vec![
                (BlockKind::Paragraph, "Tekst her".into()),
                (BlockKind::Paragraph, "x".into())
            ]
        );
    }

    #[test]
    fn no_text_is_an_error() {
        let e = read(Path::new("e.html"), b"<html><script>x</script></html>").unwrap_err();
        assert!(e.to_string().contains("e.html"));
    }

    proptest::proptest! {
        /// Any mix of tags, entities and text: no panic, and every block
        /// range lies on char boundaries and holds trimmed, non-empty text.
        #[test]
        fn never_panics_and_ranges_are_valid(parts in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..80)) {
            let html: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
            if let Ok(doc) = read(Path::new("p.html"), html.as_bytes()) {
                for b in &doc.blocks {
                    for r in &b.lines {
                        let t = doc.text.get(r.clone()).expect("char boundaries");
                        proptest::prop_assert!(!t.is_empty() && t.trim() == t);
                    }
                }
            }
        }
    }

    const FRAGMENTS: &[&str] = &[
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<li>",
        "<ul>",
        "</ul>",
        "<sup>",
        "</sup>",
        "<a href=\"#fn1\">",
        "</a>",
        "<br>",
        "&amp;",
        "&#x",
        "&#229;",
        "&",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<style>",
        "æ",
        "tekst ",
        "1",
        "<",
        ">",
        "\"",
        "'",
        "<section class=footnotes>",
        "</section>",
        "<h2>",
        "</h2>",
        "<pre>",
        "\n",
        "<nav>",
        "</nav>",
        "<header>",
        "<main>",
        "<td>",
        "<tr>",
        "</br>",
        "<p/>",
        "<?x?>",
    ];
}
