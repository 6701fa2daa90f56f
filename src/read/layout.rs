//! Layout clean-up for text extracted from PDF: from positioned words to
//! blocks of running text.
//!
//! The input is what `pdftotext -bbox-layout` reports: pages of blocks of
//! lines of words, each word with its box. [`clean`] then
//!
//! 1. orders each page's blocks by column (left column, then right column,
//!    full-width blocks where they fall), so two-column pages read in order;
//! 2. drops running headers and footers — lines in the top or bottom 8 % of
//!    the page whose text (digits ignored) and size repeat on three pages (on
//!    two in a document of two or three pages) — and page numbers there
//!    ("3", "Side 3", "– 3 –", "Page 3 of 9");
//! 3. drops superscript footnote markers (digits in a smaller, raised word)
//!    from running text, so a footnote number never glues onto a sentence,
//!    and a marker that pdftotext set on a line of its own among running
//!    text; a block whose every line is numbers (axis ticks, years) or a
//!    short capitalised label in small type (legend, categories) is figure
//!    text ([`BlockKind::FigureText`]), kept line by line and never joined
//!    to running text;
//! 4. cuts blocks into units: a new unit starts at a change of font size, a
//!    vertical gap wider than 0.6 line heights, a list bullet or number, a
//!    footnote number in small type, or after a short line ending a
//!    sentence; units in larger type are headings, units in small type that
//!    start with a number are footnotes, "Figur 1 …"/"Table 2 …" captions;
//! 5. rejoins a paragraph broken by a column or page end — the second part
//!    starts in lower case or with a digit ("kl." + "08.00"), or the first
//!    part ends without final punctuation and its last line is full width or
//!    ends in a hyphen — skipping footnotes in between; a footnote that
//!    runs over to the next page is joined with the lower-case small-type
//!    paragraph that continues it there;
//! 6. rejoins words hyphenated at line ends by [`join_break`], and keeps the
//!    lines of a line block (a signature: short unpunctuated lines, each
//!    broken before the column's width) as lines;
//! 7. moves the footnotes to the end of the document, in order (where they
//!    fall depends on the pagination, which differs between the editions
//!    of a report; at the end they align with each other), each with its
//!    number before it.
//!
//! # The hyphenation rule
//!
//! A line that ends in `left-` followed by a line starting with `right`:
//!
//! * hyphen dropped when `leftright` occurs elsewhere in the document and
//!   `right` starts in lower case ("Russl-" + "and" → "Russland");
//! * suspended hyphen, kept with its space, when `right` is a conjunction
//!   ("Cyber- og informasjonsoperasjoner", "short- and long-term"): og,
//!   eller, samt, and, or, nor;
//! * hyphen kept when `left` is an acronym or has a digit ("NATO-land",
//!   "EU-", "2026-budsjettet") or `right` starts with a capital or a digit
//!   ("Sør-Korea", "covid-19");
//! * otherwise the document decides: if `left-right` occurs elsewhere in
//!   the document, the hyphen stays;
//! * hyphen kept when `left` or `right` is a common element of English
//!   hyphenated compounds ("decision-making", "two-factor", "state-sponsored")
//!   and the other part is a word of the document too (`right` seen a second
//!   time besides the broken line), so "pro-" + "duct" and "short-" + "age"
//!   join;
//! * otherwise the hyphen was a line-break hyphen and goes
//!   ("etterretnings-" + "tjenesten" → "etterretningstjenesten").

use std::collections::{HashMap, HashSet};

use super::BlockKind;

/// One word and its box (PDF points, y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
}

impl Word {
    fn height(&self) -> f32 {
        (self.y1 - self.y0).max(0.0)
    }
}

/// A line of words.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Line {
    pub words: Vec<Word>,
}

impl Line {
    /// The least or greatest of one coordinate over the line's words.
    fn extent(&self, coord: impl Fn(&Word) -> f32, least: bool) -> f32 {
        let pick = if least { f32::min } else { f32::max };
        let start = if least {
            f32::INFINITY
        } else {
            f32::NEG_INFINITY
        };
        self.words.iter().map(coord).fold(start, pick)
    }
    fn x0(&self) -> f32 {
        self.extent(|w| w.x0, true)
    }
    fn x1(&self) -> f32 {
        self.extent(|w| w.x1, false)
    }
    fn y0(&self) -> f32 {
        self.extent(|w| w.y0, true)
    }
    fn y1(&self) -> f32 {
        self.extent(|w| w.y1, false)
    }
    /// Height of the line's type: the largest word height.
    fn size(&self) -> f32 {
        self.words.iter().map(Word::height).fold(0.0, f32::max)
    }
    fn text(&self) -> String {
        join_words(&self.words)
    }
}

/// The words of a line as text: a space between two words unless they
/// touch (pdftotext also cuts a word where the font changes, as before a
/// full stop after a superscript).
fn join_words(words: &[Word]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Word> = None;
    for w in words {
        if let Some(p) = prev {
            let em = p.height().max(w.height()).max(1.0);
            if w.x0 - p.x1 > em * 0.1 {
                out.push(' ');
            }
        }
        out.push_str(&w.text);
        prev = Some(w);
    }
    out
}

/// A block of lines as pdftotext grouped them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PBlock {
    pub lines: Vec<Line>,
}

impl PBlock {
    fn x0(&self) -> f32 {
        self.lines
            .iter()
            .map(Line::x0)
            .fold(f32::INFINITY, f32::min)
    }
    fn x1(&self) -> f32 {
        self.lines
            .iter()
            .map(Line::x1)
            .fold(f32::NEG_INFINITY, f32::max)
    }
    fn y0(&self) -> f32 {
        self.lines
            .iter()
            .map(Line::y0)
            .fold(f32::INFINITY, f32::min)
    }
}

/// A page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub width: f32,
    pub height: f32,
    pub blocks: Vec<PBlock>,
}

/// A cleaned block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    pub kind: BlockKind,
    /// A footnote's number (written before the text, outside its range).
    pub marker: String,
    pub text: String,
    /// The unit's lines, when they are to stay lines: figure text, and a
    /// paragraph that is a line block (a signature, an address). Empty
    /// otherwise: the lines are joined in `text`.
    pub lines: Vec<String>,
}

/// Share of the page height at the top and the bottom where running
/// headers, footers and page numbers are looked for.
const MARGIN: f32 = 0.08;

/// Clean the layout of extracted pages; see the module documentation.
pub(crate) fn clean(pages: &[Page]) -> Vec<Unit> {
    let body = body_size(pages);
    let repeated = running_lines(pages);
    let mut lexicon = Vocabulary::default();
    for page in pages {
        for block in &page.blocks {
            for line in &block.lines {
                for w in &line.words {
                    lexicon.add(&w.text);
                }
            }
        }
    }
    let mut units: Vec<Draft> = Vec::new();
    for (page_no, page) in pages.iter().enumerate() {
        let mut blocks: Vec<&PBlock> = page.blocks.iter().collect();
        order_by_columns(&mut blocks, page.width);
        let measure = measure(page, body);
        for block in blocks {
            let lines: Vec<Line> = block
                .lines
                .iter()
                .filter(|l| !is_chrome(l, page, &repeated))
                .map(drop_superscripts)
                .filter(|l| !l.words.is_empty())
                .collect();
            let first = units.len();
            let figure = !lines.is_empty() && lines.iter().all(|l| is_figure_line(l, body));
            // Among running text, a footnote label alone on its line goes.
            let lines: Vec<Line> = if figure {
                lines
            } else {
                lines
                    .into_iter()
                    .filter(|l| !is_stray_label(l, body))
                    .collect()
            };
            if figure {
                let texts: Vec<String> = lines.iter().map(Line::text).collect();
                units.push(Draft {
                    kind: BlockKind::FigureText,
                    marker: String::new(),
                    text: texts.join(" "),
                    lines: texts,
                    size: lines[0].size(),
                    last_full: false,
                    page: 0,
                    broken_early: false,
                });
            } else {
                cut_units(&lines, body, measure, &lexicon, &mut units);
            }
            for u in &mut units[first..] {
                u.page = page_no;
            }
        }
    }
    merge_broken(&mut units, &lexicon);
    for u in units.iter_mut() {
        if u.kind == BlockKind::Paragraph && is_numbered_heading(&u.text) {
            u.kind = BlockKind::Heading;
        }
    }
    // Footnotes go to the end, in order: where they fall depends on the
    // pagination, which differs between two editions of a report.
    let (notes, body): (Vec<Draft>, Vec<Draft>) = units
        .into_iter()
        .partition(|u| u.kind == BlockKind::Footnote);
    body.into_iter()
        .chain(notes)
        .filter(|u| !u.text.is_empty() || !u.lines.is_empty())
        .map(|u| {
            let lines = if u.kind == BlockKind::FigureText
                || u.kind == BlockKind::Paragraph && u.broken_early && is_line_block(&u.lines)
            {
                u.lines
            } else {
                Vec::new()
            };
            Unit {
                kind: u.kind,
                marker: u.marker,
                text: u.text,
                lines,
            }
        })
        .collect()
}

/// The width of the page's text column: the widest of the four fifths
/// narrowest lines in body type (most body lines are full); 0 without any.
fn measure(page: &Page, body: f32) -> f32 {
    let mut widths: Vec<f32> = page
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .filter(|l| !l.words.is_empty() && (l.size() - body).abs() <= body * 0.12)
        .map(|l| l.x1() - l.x0())
        .collect();
    if widths.is_empty() {
        return 0.0;
    }
    widths.sort_by(f32::total_cmp);
    widths[(widths.len() * 4 / 5).min(widths.len() - 1)]
}

/// The line `line` ended although the first word of `next` would have
/// fitted after it within the column's `measure`.
fn broken_early(line: &Line, next: &Line, measure: f32) -> bool {
    let Some(first) = next.words.first() else {
        return false;
    };
    let space = line.size() * 0.3;
    let start = line.x0().min(next.x0());
    measure > 0.0 && line.x1() - start + space + (first.x1 - first.x0) < measure * 0.97
}

/// A paragraph of two or more short lines (at most six words and 48
/// characters each), none ending a clause or in a hyphen: a signature, an
/// address, a stack of labels, kept line by line (the segmenter makes each
/// line a segment when no line runs on into the next).
fn is_line_block(lines: &[String]) -> bool {
    lines.len() >= 2
        && lines.iter().all(|l| {
            let l = l.trim();
            (1..=6).contains(&l.split_whitespace().count())
                && l.chars().count() <= 48
                && !l.ends_with([
                    '.', '!', '?', ':', ';', ',', '-', '–', '—', '/', '&', '"', '”', '»',
                ])
        })
}

/// A token of a chart axis or a table of figures: digits with at most
/// decimal marks, signs, a per cent or per mille sign.
fn is_number_token(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '‰' | '+' | '-' | '–' | '−')
        })
        && !t.ends_with('.')
}

/// A line of figure text: only numbers ("50", "2019 2021 2023"), or a short
/// label in small type ("Havbruk", "Andel i prosent") that starts with a
/// capital or a digit and has no punctuation at its end. Headings (larger
/// type), captions and footnote starts are never figure text.
fn is_figure_line(line: &Line, body: f32) -> bool {
    let size = line.size();
    if size > body * 1.12 || line.words.is_empty() {
        return false;
    }
    let text = line.text();
    if is_caption(&text) {
        return false;
    }
    if line.words.iter().all(|w| is_number_token(&w.text)) {
        return true;
    }
    let first = &line.words[0].text;
    size < body * 0.85
        && line.words.len() <= 4
        && !(line.words.len() > 1 && is_marker_text(first))
        && line.words.iter().all(|w| w.text.chars().count() <= 16)
        && first
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !text.ends_with(['.', ',', ':', ';', '!', '?', '-', ')'])
}

/// A footnote label on a line of its own (a raised number that pdftotext
/// set apart from its sentence): one marker-like word in small type.
fn is_stray_label(line: &Line, body: f32) -> bool {
    line.words.len() == 1 && is_marker_text(&line.words[0].text) && line.size() < body * 0.85
}

/// The most common word height, weighted by characters: the body type.
fn body_size(pages: &[Page]) -> f32 {
    let mut hist: HashMap<i32, usize> = HashMap::new();
    for page in pages {
        for block in &page.blocks {
            for line in &block.lines {
                for w in &line.words {
                    let key = (w.height() * 4.0).round() as i32;
                    *hist.entry(key).or_default() += w.text.chars().count();
                }
            }
        }
    }
    hist.into_iter()
        .max_by_key(|&(k, n)| (n, k))
        .map(|(k, _)| k as f32 / 4.0)
        .unwrap_or(10.0)
}

fn in_margin(line: &Line, page: &Page) -> bool {
    page.height > 0.0
        && (line.y1() < page.height * MARGIN || line.y0() > page.height * (1.0 - MARGIN))
}

/// Key of a margin line: its text with digit runs replaced, and its size.
fn chrome_key(line: &Line) -> (String, i32) {
    let mut key = String::new();
    let mut digit = false;
    for c in line.text().chars() {
        if c.is_ascii_digit() {
            if !digit {
                key.push('#');
            }
            digit = true;
        } else {
            digit = false;
            key.extend(c.to_lowercase());
        }
    }
    (key, (line.size() * 2.0).round() as i32)
}

/// What marks a line as page furniture.
#[derive(Debug, Default)]
struct Chrome {
    /// Margin lines (text with digits masked, size) repeated on several pages.
    repeated: HashSet<(String, i32)>,
    /// Places (top or bottom, line top in 2-point steps, size) where such
    /// lines sit: another line there is furniture too (the chapter title in
    /// a running header that changes with the chapter).
    slots: HashSet<(bool, i32, i32)>,
}

fn slot(line: &Line, page: &Page) -> (bool, i32, i32) {
    let top = line.y1() < page.height * MARGIN;
    (
        (top),
        (line.y0() / 2.0).round() as i32,
        (line.size() * 2.0).round() as i32,
    )
}

/// Margin lines repeated on several pages, and where they sit.
fn running_lines(pages: &[Page]) -> Chrome {
    let mut count: HashMap<(String, i32), usize> = HashMap::new();
    for page in pages {
        let mut seen = HashSet::new();
        for block in &page.blocks {
            for line in &block.lines {
                if in_margin(line, page) {
                    seen.insert(chrome_key(line));
                }
            }
        }
        for key in seen {
            *count.entry(key).or_default() += 1;
        }
    }
    // Two pages of two or three; three of more, so that the alternating
    // headers of left and right pages (report title, chapter title) count.
    let need = if pages.len() <= 3 { 2 } else { 3 };
    let repeated: HashSet<(String, i32)> = count
        .into_iter()
        .filter(|&(_, n)| n >= need)
        .map(|(k, _)| k)
        .collect();
    let mut slots = HashSet::new();
    for page in pages {
        for block in &page.blocks {
            for line in &block.lines {
                if in_margin(line, page) && repeated.contains(&chrome_key(line)) {
                    slots.insert(slot(line, page));
                }
            }
        }
    }
    Chrome { repeated, slots }
}

/// True for a running header/footer line or a page number in the margin.
fn is_chrome(line: &Line, page: &Page, chrome: &Chrome) -> bool {
    in_margin(line, page)
        && (chrome.repeated.contains(&chrome_key(line))
            || chrome.slots.contains(&slot(line, page))
            || is_page_number(&line.text()))
}

/// "3", "- 3 -", "Side 3", "Page 3 of 9", "3/9", "s. 3".
pub(crate) fn is_page_number(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    let mut rest = lower.as_str();
    for prefix in ["side", "page", "s.", "p.", "pp."] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    let tokens: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|t| !t.is_empty() && !matches!(*t, "-" | "–" | "—" | "|" | "av" | "of"))
        .collect();
    !tokens.is_empty()
        && tokens.len() <= 2
        && tokens.iter().all(|t| {
            let t = t.trim_matches(|c| matches!(c, '-' | '–' | '—' | '(' | ')' | '[' | ']'));
            !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) || is_roman(t)
        })
}

fn is_roman(t: &str) -> bool {
    !t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

/// Column order: blocks of the left half, then of the right half, with
/// full-width blocks cutting the page into bands.
fn order_by_columns(blocks: &mut Vec<&PBlock>, width: f32) {
    if width <= 0.0 {
        return;
    }
    blocks.sort_by(|a, b| a.y0().total_cmp(&b.y0()));
    let mid = width / 2.0;
    let slack = width * 0.02;
    let mut out = Vec::with_capacity(blocks.len());
    let mut left = Vec::new();
    let mut right = Vec::new();
    for b in blocks.drain(..) {
        if b.x1() <= mid + slack {
            left.push(b);
        } else if b.x0() >= mid - slack {
            right.push(b);
        } else {
            out.append(&mut left);
            out.append(&mut right);
            out.push(b);
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    *blocks = out;
}

fn is_marker_text(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 3
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡'))
}

/// Drop superscript footnote markers: short digit words clearly smaller
/// than the line's type and raised above its baseline.
fn drop_superscripts(line: &Line) -> Line {
    let size = line.size();
    let base = line
        .words
        .iter()
        .filter(|w| w.height() > size * 0.85)
        .map(|w| w.y1)
        .fold(f32::NEG_INFINITY, f32::max);
    let mut words: Vec<Word> = Vec::with_capacity(line.words.len());
    for (i, w) in line.words.iter().enumerate() {
        let sup = i > 0
            && is_marker_text(&w.text)
            && w.height() < size * 0.85
            && base.is_finite()
            && w.y1 < base - size * 0.15;
        match words.last_mut() {
            // The word before takes the marker's place, so that what follows
            // the marker ("services³." → "services.") keeps its spacing.
            Some(prev) if sup => prev.x1 = prev.x1.max(w.x1),
            _ => words.push(w.clone()),
        }
    }
    Line { words }
}

/// A unit being built.
#[derive(Debug, Clone)]
struct Draft {
    kind: BlockKind,
    marker: String,
    text: String,
    /// The text of each line as set (hyphens and all).
    lines: Vec<String>,
    size: f32,
    /// The unit's last line reaches the right edge of its block.
    last_full: bool,
    /// The page it starts on.
    page: usize,
    /// Every line of the unit was broken early: the next line's first word
    /// would have fitted after it (a signature, an address), never at the
    /// width of the column.
    broken_early: bool,
}

const BULLETS: &[&str] = &[
    "•", "▪", "◦", "●", "–", "—", "-", "*", "·", "■", "□", "○", "‣", "⁃",
];

/// Is the line the start of a list item? A bullet glyph as the first word;
/// or a number or letter with `.` or `)` ("1.", "2)", "a)") followed by a
/// tab-like gap, or at a place where a new block may start (`prev` ended a
/// sentence or a clause with `:` or `;`, or there is none) — so "17. mai"
/// wrapped to the start of a line is not a list item.
fn bullet(line: &Line, prev: Option<&Line>) -> bool {
    let Some(first) = line.words.first() else {
        return false;
    };
    if line.words.len() < 2 {
        return false;
    }
    if BULLETS.contains(&first.text.as_str()) {
        return true;
    }
    let t = first.text.as_str();
    let body = t.trim_end_matches(['.', ')']);
    let numbered = t.len() > body.len()
        && !body.is_empty()
        && (body.len() <= 2 && body.chars().all(|c| c.is_ascii_digit())
            || body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase()));
    if !numbered {
        return false;
    }
    let gap = line.words[1].x0 - first.x1 > first.height() * 0.45;
    let at_start = prev.map_or(true, |p| {
        p.text().trim_end().ends_with(['.', ':', ';', '!', '?'])
    });
    gap || at_start
}

fn is_caption(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    matches!(
        first,
        "Figur" | "Figure" | "Fig." | "Tabell" | "Table" | "Kart" | "Map" | "Graf" | "Chart"
    ) && second.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// "1 Russland", "2.3 Cyberoperasjoner og sabotasje": a section number,
/// a capital, under 80 characters, no final punctuation — a heading even
/// in body type (a bold heading looks like body text in the word boxes).
fn is_numbered_heading(text: &str) -> bool {
    let Some((number, rest)) = text.split_once(' ') else {
        return false;
    };
    let number = number.trim_end_matches('.');
    !number.is_empty()
        && number.len() <= 8
        && number
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
        && rest.chars().next().is_some_and(char::is_uppercase)
        && text.chars().count() < 80
        && !text.trim_end().ends_with(['.', '!', '?', ':', ';', ','])
}

fn starts_lower_or_digit(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '»', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':', '…'])
}

/// Cut a block's lines into units (see the module documentation).
fn cut_units(lines: &[Line], body: f32, measure: f32, lexicon: &Vocabulary, out: &mut Vec<Draft>) {
    let block_x1 = lines.iter().map(Line::x1).fold(f32::NEG_INFINITY, f32::max);
    let block_x0 = lines.iter().map(Line::x0).fold(f32::INFINITY, f32::min);
    let width = (block_x1 - block_x0).max(1.0);
    let mut current: Option<(Draft, f32)> = None; // draft, indent of list text
    let mut prev: Option<&Line> = None;
    for line in lines {
        let first = line.words.first().map(|w| w.text.as_str()).unwrap_or("");
        // The size of the text, not of a leading number: a note's number
        // may be set in body type before the note's small type.
        let size = if line.words.len() > 1 && is_marker_text(first) {
            line.words[1..].iter().map(Word::height).fold(0.0, f32::max)
        } else {
            line.size()
        };
        let small = size < body * 0.92;
        let is_bullet = bullet(line, prev);
        let footnote_start =
            small && line.words.len() > 1 && is_marker_text(first) && !is_caption(&line.text());
        let new_unit = match (&current, prev) {
            (None, _) | (_, None) => true,
            (Some((draft, indent)), Some(p)) => {
                let gap = line.y0() - p.y1();
                let size_change = (size - draft.size).abs() > draft.size * 0.12;
                let short_end = p.x1() < block_x1 - width * 0.25
                    && ends_sentence(&p.text())
                    && !starts_lower_or_digit(&line.text());
                let list_end = draft.kind == BlockKind::ListItem && line.x0() < indent - 1.0;
                is_bullet
                    || footnote_start
                    || size_change
                    || gap > p.size() * 0.6
                    || short_end
                    || list_end
            }
        };
        if new_unit {
            if let Some((d, _)) = current.take() {
                out.push(d);
            }
            let (kind, marker, words, indent) = if footnote_start {
                (
                    BlockKind::Footnote,
                    first.to_string(),
                    &line.words[1..],
                    0.0,
                )
            } else if is_bullet {
                let indent = line.words.get(1).map(|w| w.x0).unwrap_or(0.0);
                (BlockKind::ListItem, String::new(), &line.words[1..], indent)
            } else if size > body * 1.12 {
                (BlockKind::Heading, String::new(), &line.words[..], 0.0)
            } else if is_caption(&line.text()) {
                (BlockKind::Caption, String::new(), &line.words[..], 0.0)
            } else {
                (BlockKind::Paragraph, String::new(), &line.words[..], 0.0)
            };
            let text = join_words(words);
            current = Some((
                Draft {
                    kind,
                    marker,
                    lines: vec![text.clone()],
                    text,
                    size,
                    last_full: false,
                    page: 0,
                    broken_early: true,
                },
                indent,
            ));
        } else if let Some((draft, _)) = current.as_mut() {
            let text = line.text();
            draft.text = join_lines(&draft.text, &text, lexicon);
            draft.lines.push(text);
            if let Some(p) = prev {
                draft.broken_early &= broken_early(p, line, measure);
            }
        }
        if let Some((draft, _)) = current.as_mut() {
            draft.last_full = line.x1() >= block_x1 - width * 0.12 && lines.len() > 1;
        }
        prev = Some(line);
    }
    if let Some((d, _)) = current {
        out.push(d);
    }
}

/// Rejoin paragraphs broken by a column or page end.
fn merge_broken(units: &mut Vec<Draft>, lexicon: &Vocabulary) {
    let mut i = 0;
    while i < units.len() {
        let joinable = matches!(
            units[i].kind,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Caption | BlockKind::Footnote
        );
        if !joinable {
            i += 1;
            continue;
        }
        // The next unit that is not a footnote (or a caption, for running text).
        let kind = units[i].kind;
        let j = (i + 1..units.len()).find(|&j| {
            let k = units[j].kind;
            !(k == BlockKind::Footnote && kind != BlockKind::Footnote
                || k == BlockKind::Caption && kind != BlockKind::Caption
                || k == BlockKind::FigureText)
        });
        let Some(j) = j else {
            i += 1;
            continue;
        };
        let next = &units[j];
        let same_type = (next.size - units[i].size).abs() <= units[i].size * 0.06;
        let continues = next.kind == BlockKind::Paragraph
            || (kind == BlockKind::Footnote
                && next.kind == BlockKind::Footnote
                && next.marker.is_empty());
        let starts_lower = starts_lower_or_digit(&next.text);
        let hyphen = units[i].text.ends_with('-');
        let open = !ends_sentence(&units[i].text);
        // After a full stop only a lower-case or digit continuation joins
        // ("kl." + "08.00"); a new paragraph does not start that way.
        if same_type && continues && (starts_lower || open && (hyphen || units[i].last_full)) {
            let next = units.remove(j);
            units[i].text = join_lines(&units[i].text, &next.text, lexicon);
            units[i].lines.extend(next.lines);
            units[i].last_full = next.last_full;
            units[i].broken_early = false;
            continue;
        }
        // A footnote that runs over to the next page continues in small type
        // at the foot of that page, after its running text.
        if kind == BlockKind::Footnote && open {
            let page = units[i].page;
            let size = units[i].size;
            let cont = (i + 1..units.len())
                .take_while(|&k| units[k].page <= page + 1)
                .find(|&k| {
                    let u = &units[k];
                    u.page == page + 1
                        && u.kind == BlockKind::Paragraph
                        && (u.size - size).abs() <= size * 0.06
                        && starts_lower_or_digit(&u.text)
                });
            if let Some(k) = cont {
                let next = units.remove(k);
                units[i].text = join_lines(&units[i].text, &next.text, lexicon);
                units[i].lines.extend(next.lines);
                units[i].broken_early = false;
                continue;
            }
        }
        i += 1;
    }
}

/// Join two lines of one paragraph, undoing a line-end hyphenation.
fn join_lines(left: &str, right: &str, lexicon: &Vocabulary) -> String {
    let left = left.trim_end();
    let right = right.trim_start();
    if left.is_empty() {
        return right.to_string();
    }
    let last = left.rsplit(' ').next().unwrap_or(left);
    let first = right.split(' ').next().unwrap_or(right);
    if last.len() > 1 && last.ends_with('-') && !first.is_empty() {
        let stem = &left[..left.len() - 1];
        return match join_break(&last[..last.len() - 1], first, lexicon) {
            Join::Drop => format!("{stem}{right}"),
            Join::Keep => format!("{left}{right}"),
            Join::Space => format!("{left} {right}"),
        };
    }
    format!("{left} {right}")
}

/// How a line-end hyphen is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Join {
    /// A line-break hyphen: remove it and join the parts.
    Drop,
    /// A real hyphen: keep it and join the parts.
    Keep,
    /// A suspended hyphen before a conjunction: keep it and the space.
    Space,
}

/// Words seen in the document, lower-cased and stripped of punctuation.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    words: HashMap<String, u32>,
}

impl Vocabulary {
    fn add(&mut self, word: &str) {
        let w = strip_punct(word);
        // A word that ends in a hyphen is a line-end fragment, not evidence.
        if !w.is_empty() && !word.ends_with('-') {
            *self.words.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    fn count(&self, word: &str) -> u32 {
        self.words.get(&word.to_lowercase()).copied().unwrap_or(0)
    }
    fn contains(&self, word: &str) -> bool {
        self.count(word) > 0
    }
}

fn strip_punct(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .trim_matches('-')
}

const CONJUNCTIONS: &[&str] = &["og", "eller", "samt", "and", "or", "nor", "und", "oder"];

/// First or second elements of common English hyphenated compounds.
const COMPOUND_LEFT: &[&str] = &[
    "self", "non", "co", "anti", "pro", "cross", "multi", "well", "long", "short", "high", "low",
    "large", "small", "full", "half", "state", "decision", "policy", "one", "two", "three", "four",
    "five", "ten", "first", "second", "third", "real", "so", "far", "near", "mid", "post", "pre",
    "counter", "cyber", "open", "low", "top", "end", "in", "on", "up", "all", "ever", "old",
    "like", "law", "risk", "cost", "time", "dual", "left", "right", "x",
];
const COMPOUND_RIGHT: &[&str] = &[
    "making",
    "maker",
    "makers",
    "based",
    "term",
    "scale",
    "related",
    "led",
    "level",
    "wide",
    "free",
    "like",
    "owned",
    "run",
    "funded",
    "sponsored",
    "style",
    "oriented",
    "specific",
    "building",
    "sharing",
    "time",
    "up",
    "off",
    "out",
    "known",
    "called",
    "factor",
    "range",
    "speed",
    "class",
    "party",
    "sized",
    "driven",
    "linked",
    "affiliated",
    "backed",
    "made",
    "controlled",
    "aligned",
    "hand",
    "year",
    "month",
    "day",
    "week",
    "minded",
    "looking",
    "standing",
    "ranking",
    "profile",
    "effective",
    "intensive",
    "resistant",
    "proof",
    "operation",
    "operations",
    "border",
    "security",
    "war",
    "state",
    "states",
];

/// Resolve `left-` at a line end followed by `right` on the next line;
/// the rule is in the module documentation.
pub(crate) fn join_break(left: &str, right: &str, lexicon: &Vocabulary) -> Join {
    let r = strip_punct(right);
    let r_lower = r.to_lowercase();
    // The part after any earlier hyphen ("anti-terror-" → "terror").
    let l = left.rsplit('-').next().unwrap_or(left);
    let l = l.trim_start_matches(|c: char| !c.is_alphanumeric());
    if l.is_empty() || r.is_empty() {
        return Join::Keep;
    }
    let joined = format!("{l}{r}");
    if lexicon.contains(&joined) && r.chars().next().is_some_and(char::is_lowercase) {
        return Join::Drop;
    }
    if CONJUNCTIONS.contains(&r_lower.as_str()) {
        return Join::Space;
    }
    let acronym =
        l.chars().count() >= 2 && l.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    let inner_caps = l.chars().skip(1).any(char::is_uppercase);
    if acronym || inner_caps || l.chars().any(|c| c.is_ascii_digit()) {
        return Join::Keep;
    }
    if r.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return Join::Keep;
    }
    if lexicon.contains(&format!("{l}-{r}")) {
        return Join::Keep;
    }
    // A common compound element counts only when the other part is a word
    // of the document too: "decision-" + "making" when "decision" occurs,
    // but not "pro-" + "duct", "short-" + "age" or "mari-" + "time". The
    // part after the break is a word of the document once already (it
    // starts the next line), so it must occur a second time.
    let l_lower = l.to_lowercase();
    if COMPOUND_LEFT.contains(&l_lower.as_str()) && lexicon.count(r) >= 2
        || COMPOUND_RIGHT.contains(&r_lower.as_str()) && lexicon.contains(l)
    {
        return Join::Keep;
    }
    Join::Drop
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(words: &[&str]) -> Vocabulary {
        let mut l = Vocabulary::default();
        for w in words {
            l.add(w);
        }
        l
    }

    #[test]
    fn hyphenation_rule() {
        let l = lex(&[]);
        assert_eq!(join_break("etterretnings", "tjenesten", &l), Join::Drop);
        assert_eq!(join_break("NATO", "land", &l), Join::Keep);
        assert_eq!(join_break("EU", "landene", &l), Join::Keep);
        assert_eq!(join_break("Sør", "Korea", &l), Join::Keep);
        assert_eq!(join_break("covid", "19", &l), Join::Keep);
        assert_eq!(join_break("Cyber", "og", &l), Join::Space);
        assert_eq!(join_break("short", "and", &l), Join::Space);
        // A compound element keeps the hyphen only when the other part is
        // a word of the document.
        assert_eq!(
            join_break("decision", "making", &lex(&["making", "making"])),
            Join::Keep
        );
        assert_eq!(join_break("pro", "duct", &lex(&["duct"])), Join::Drop);
        assert_eq!(
            join_break("state", "sponsored", &lex(&["state"])),
            Join::Keep
        );
        assert_eq!(join_break("pro", "duct", &lex(&["pro"])), Join::Drop);
        assert_eq!(join_break("short", "age", &l), Join::Drop);
        assert_eq!(join_break("mari", "time", &lex(&["time"])), Join::Drop);
        assert_eq!(join_break("in", "creases", &l), Join::Drop);
        assert_eq!(join_break("vulnera", "bilities.", &l), Join::Drop);
        // The document itself decides when it has the word.
        assert_eq!(join_break("e", "mail", &lex(&["email"])), Join::Drop);
        assert_eq!(
            join_break("fore", "going", &lex(&["fore-going"])),
            Join::Keep
        );
        assert_eq!(
            join_break("co", "operation", &lex(&["cooperation,"])),
            Join::Drop
        );
        // Regression: "Russl-" + "and" is not a suspended hyphen when the
        // document has "Russland".
        assert_eq!(join_break("Russl", "and", &lex(&["Russland"])), Join::Drop);
        assert_eq!(join_break("Russl", "and", &l), Join::Space);
    }

    #[test]
    fn join_lines_applies_the_rule() {
        let l = lex(&[]);
        assert_eq!(
            join_lines("the etterretnings-", "tjenesten sa", &l),
            "the etterretningstjenesten sa"
        );
        assert_eq!(join_lines("alle NATO-", "land", &l), "alle NATO-land");
        assert_eq!(join_lines("Cyber-", "og info", &l), "Cyber- og info");
        assert_eq!(join_lines("a -", "b", &l), "a - b");
        assert_eq!(join_lines("a", "b", &l), "a b");
    }

    #[test]
    fn numbered_headings() {
        for s in ["1 Russland", "1.2 Cyberoperasjoner og sabotasje", "3. Iran"] {
            assert!(is_numbered_heading(s), "{s}");
        }
        for s in [
            "2026 Russland",
            "1 Russland er stor.",
            "12 500 kroner",
            "Russland",
        ] {
            assert!(!is_numbered_heading(s), "{s}");
        }
    }

    #[test]
    fn page_numbers() {
        for s in [
            "3",
            "- 3 -",
            "– 12 –",
            "Side 3",
            "Page 3 of 9",
            "3/9",
            "s. 4",
            "xii",
            "Side 2 av 8",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in [
            "2026 var et år",
            "Side",
            "Innledning",
            "1 Russland",
            "12345",
        ] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    fn w(x0: f32, y0: f32, x1: f32, size: f32, text: &str) -> Word {
        Word {
            x0,
            y0,
            x1,
            y1: y0 + size,
            text: text.into(),
        }
    }

    /// A line of words of `size` starting at x, 5 points per character.
    fn line(x: f32, y: f32, size: f32, text: &str) -> Line {
        let mut words = Vec::new();
        let mut x = x;
        for t in text.split(' ') {
            let x1 = x + 5.0 * t.chars().count() as f32;
            words.push(w(x, y, x1, size, t));
            x = x1 + 3.0;
        }
        Line { words }
    }

    fn block(lines: Vec<Line>) -> PBlock {
        PBlock { lines }
    }

    fn page(n: usize, body: Vec<PBlock>) -> Page {
        let mut blocks = vec![
            block(vec![line(30.0, 20.0, 7.0, "Rapport 2026")]),
            block(vec![line(400.0, 20.0, 7.0, &format!("Side {n}"))]),
            block(vec![line(250.0, 820.0, 7.0, &n.to_string())]),
        ];
        blocks.extend(body);
        Page {
            width: 595.0,
            height: 842.0,
            blocks,
        }
    }

    #[test]
    fn cleans_headers_columns_footnotes_and_breaks() {
        let p1 = page(
            1,
            vec![
                // Right column first in the input, to test column order.
                block(vec![line(
                    310.0,
                    100.0,
                    10.0,
                    "fortsetter her. Andre setning.",
                )]),
                block(vec![line(30.0, 80.0, 16.0, "Innledning")]),
                block(vec![
                    line(30.0, 100.0, 10.0, "Første avsnitt om etterretnings-"),
                    {
                        let mut l = line(30.0, 112.0, 10.0, "tjenesten som");
                        // A raised small footnote marker after "tjenesten".
                        l.words.insert(1, w(75.0, 110.0, 76.5, 6.0, "1"));
                        l
                    },
                ]),
                block(vec![line(30.0, 700.0, 7.0, "1 En fotnote.")]),
            ],
        );
        let p2 = page(2, vec![block(vec![line(30.0, 100.0, 10.0, "Neste side.")])]);
        let units = clean(&[p1, p2]);
        let got: Vec<(BlockKind, &str, &str)> = units
            .iter()
            .map(|u| (u.kind, u.marker.as_str(), u.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "", "Innledning"),
                (
                    BlockKind::Paragraph,
                    "",
                    "Første avsnitt om etterretningstjenesten som fortsetter her. Andre setning."
                ),
                (BlockKind::Paragraph, "", "Neste side."),
                (BlockKind::Footnote, "1", "En fotnote."),
            ]
        );
    }

    /// Regression: a superscript between a word and its full stop left
    /// "services ." behind.
    #[test]
    fn marker_before_punctuation_leaves_no_space() {
        let line = Line {
            words: vec![
                w(10.0, 100.0, 50.0, 9.25, "services"),
                w(50.0, 97.0, 54.0, 7.4, "3"),
                w(54.0, 100.0, 57.0, 9.25, "."),
                w(60.0, 100.0, 80.0, 9.25, "Where"),
            ],
        };
        assert_eq!(drop_superscripts(&line).text(), "services. Where");
    }

    #[test]
    fn alternating_running_headers() {
        let pages: Vec<Page> = (1..=8)
            .map(|n| {
                let header = if n % 2 == 0 {
                    "Utsyn 2026"
                } else if n < 5 {
                    "1 Russland"
                } else {
                    "2 Kina"
                };
                Page {
                    width: 595.0,
                    height: 842.0,
                    blocks: vec![
                        block(vec![line(30.0, 20.0, 7.0, header)]),
                        block(vec![line(30.0, 100.0, 10.0, &format!("Tekst {n}."))]),
                    ],
                }
            })
            .collect();
        let texts: Vec<String> = clean(&pages).into_iter().map(|u| u.text).collect();
        assert_eq!(
            texts,
            (1..=8).map(|n| format!("Tekst {n}.")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn footnote_continued_on_the_next_page() {
        let p1 = Page {
            width: 595.0,
            height: 842.0,
            blocks: vec![
                block(vec![line(
                    30.0,
                    100.0,
                    10.0,
                    "Tekst på side en, som er lengre enn notene.",
                )]),
                block(vec![line(30.0, 700.0, 7.0, "1 En lang fotnote som")]),
            ],
        };
        let p2 = Page {
            width: 595.0,
            height: 842.0,
            blocks: vec![
                block(vec![line(
                    30.0,
                    100.0,
                    10.0,
                    "Tekst på side to, som er lengre enn notene.",
                )]),
                block(vec![line(30.0, 690.0, 7.0, "fortsetter her.")]),
                block(vec![line(30.0, 710.0, 7.0, "2 Neste note.")]),
            ],
        };
        let got: Vec<(BlockKind, String)> = clean(&[p1, p2])
            .into_iter()
            .map(|u| (u.kind, u.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    BlockKind::Paragraph,
                    "Tekst på side en, som er lengre enn notene.".into()
                ),
                (
                    BlockKind::Paragraph,
                    "Tekst på side to, som er lengre enn notene.".into()
                ),
                (
                    BlockKind::Footnote,
                    "En lang fotnote som fortsetter her.".into()
                ),
                (BlockKind::Footnote, "Neste note.".into()),
            ]
        );
    }

    /// A sentence cut at a column end continues at the top of the next
    /// column, even with a capital there ("… samarbeid med" | "Forsvaret
    /// …"), past a footnote and a footnote label set on a line of its own;
    /// chart ticks and labels beside it are figure text.
    #[test]
    fn sentence_continues_over_a_column_break_past_notes_and_labels() {
        let full = "Rapporten bygger på samarbeid med";
        let p = Page {
            width: 595.0,
            height: 842.0,
            blocks: vec![
                block(vec![
                    line(30.0, 100.0, 10.0, "Dette er første linje i en setning"),
                    line(30.0, 112.0, 10.0, full),
                    // the raised marker read as a line of its own
                    line(30.0, 121.0, 6.0, "7"),
                ]),
                block(vec![line(30.0, 700.0, 7.0, "7 En fotnote om kilden.")]),
                block(vec![line(30.0, 300.0, 6.0, "50")]),
                block(vec![line(30.0, 320.0, 6.0, "0")]),
                block(vec![line(60.0, 330.0, 6.0, "Havbruk Maritim")]),
                block(vec![
                    line(310.0, 100.0, 10.0, "Forsvaret og politiet. Neste setning."),
                    line(310.0, 112.0, 10.0, "Enda en setning som er lang nok her."),
                ]),
            ],
        };
        let got: Vec<(BlockKind, String)> =
            clean(&[p]).into_iter().map(|u| (u.kind, u.text)).collect();
        assert_eq!(
            got,
            vec![
                (
                    BlockKind::Paragraph,
                    "Dette er første linje i en setning Rapporten bygger på samarbeid med \
                     Forsvaret og politiet. Neste setning. Enda en setning som er lang nok her."
                        .into()
                ),
                (BlockKind::FigureText, "50".into()),
                (BlockKind::FigureText, "0".into()),
                (BlockKind::FigureText, "Havbruk Maritim".into()),
                (BlockKind::Footnote, "En fotnote om kilden.".into()),
            ]
        );
    }

    /// A signature (lines broken early) keeps its lines; a heading wrapped
    /// at the column width does not.
    #[test]
    fn line_blocks_only_where_lines_broke_early() {
        let p = Page {
            width: 595.0,
            height: 842.0,
            blocks: vec![
                block(vec![
                    line(
                        30.0,
                        100.0,
                        10.0,
                        "Teksten i rapporten er lang og full bredde.",
                    ),
                    line(
                        30.0,
                        112.0,
                        10.0,
                        "Den har mange linjer som fyller spalten helt.",
                    ),
                    line(
                        30.0,
                        124.0,
                        10.0,
                        "Og enda en linje som fyller hele spalten.",
                    ),
                ]),
                block(vec![
                    line(30.0, 150.0, 10.0, "Bergen, 3. mars 2026"),
                    line(30.0, 162.0, 10.0, "Ingrid Solberg"),
                    line(30.0, 174.0, 10.0, "direktør"),
                ]),
                block(vec![
                    line(30.0, 200.0, 10.0, "Ugradert utgave publisert 12. februar"),
                    line(30.0, 212.0, 10.0, "2026"),
                ]),
            ],
        };
        let got: Vec<Vec<String>> = clean(&[p]).into_iter().map(|u| u.lines).collect();
        assert_eq!(
            got[1],
            ["Bergen, 3. mars 2026", "Ingrid Solberg", "direktør"]
        );
        assert!(got[2].is_empty(), "{:?}", got[2]);
    }

    #[test]
    fn list_items_and_captions() {
        let p = Page {
            width: 595.0,
            height: 842.0,
            blocks: vec![block(vec![
                line(30.0, 100.0, 10.0, "Tiltak:"),
                line(30.0, 112.0, 10.0, "• Oppdater"),
                line(40.0, 124.0, 10.0, "programvare."),
                line(30.0, 136.0, 10.0, "• Bruk tofaktor."),
                line(30.0, 148.0, 10.0, "Etter listen."),
                line(30.0, 170.0, 10.0, "Figur 1 Antall saker."),
            ])],
        };
        let got: Vec<(BlockKind, String)> =
            clean(&[p]).into_iter().map(|u| (u.kind, u.text)).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Paragraph, "Tiltak:".into()),
                (BlockKind::ListItem, "Oppdater programvare.".into()),
                (BlockKind::ListItem, "Bruk tofaktor.".into()),
                (BlockKind::Paragraph, "Etter listen.".into()),
                (BlockKind::Caption, "Figur 1 Antall saker.".into()),
            ]
        );
    }

    proptest::proptest! {
        /// Random words in random places: no panic, no empty unit, and the
        /// clean-up never invents characters (every output character is in
        /// the input, apart from joining spaces).
        #[test]
        fn clean_is_total(words in proptest::collection::vec(
            (0.0f32..600.0, 0.0f32..850.0, 1.0f32..20.0, "[a-zæø]{1,8}-?|[0-9]{1,3}|•|[A-Z]{2,4}-"),
            0..120,
        )) {
            let lines: Vec<Line> = words
                .iter()
                .map(|(x, y, size, t)| Line { words: vec![w(*x, *y, *x + 5.0 * t.len() as f32, *size, t)] })
                .collect();
            let input: String = words.iter().map(|(_, _, _, t)| t.as_str()).collect();
            let page = Page { width: 595.0, height: 842.0, blocks: lines.into_iter().map(|l| block(vec![l])).collect() };
            for u in clean(&[page.clone(), page]) {
                proptest::prop_assert!(!u.text.is_empty());
                for c in u.text.chars().filter(|c| *c != ' ') {
                    proptest::prop_assert!(input.contains(c), "{c:?} invented");
                }
            }
        }
    }
}
