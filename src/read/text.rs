//! Structure of plain text and Markdown: paragraphs, headings, list items,
//! captions, footnotes, page numbers.
//!
//! The parser works line by line (`\n`, `\r\n` and a lone `\r` all end a
//! line; a UTF-8 BOM at the start is skipped, offsets stay file offsets).
//! Rules, in the order they are tried on a line:
//!
//! * blank line: ends the current block;
//! * Markdown ATX heading `# …` (the `#`s are markup and not part of the
//!   block); a setext underline (`===`, `---`) under a single line makes it
//!   a heading; a thematic break (`***`, `---`, `___`) is dropped;
//! * Markdown footnote definition `[^1]: text` (the label is markup) and a
//!   line starting with a superscript number `¹ text` (kept): footnote;
//! * list item: a bullet (`-`, `*`, `+`, `–`, `•`, `◦`, `▪`, `‣`, `⁃`, …) or
//!   an enumerator (`1)`, `1.)`, `a)`, `(a)`, `1.`, `a.`); the marker is
//!   kept in the block (it is content: "1)" in one edition matches "1)" in
//!   the other);
//! * caption: "Figur 1.1 …", "Figure 2 …", "Tabell 2 …", "Table 2 …",
//!   "Kart 1", "Boks 3", …;
//! * page number: "12", "- 12 -", "Side 12", "Page 12 of 40", "12 / 40";
//! * numbered heading: "1 Russland", "1.2 Cyberoperasjoner", "2. Bakgrunn" —
//!   short, no final punctuation, followed by a blank line, the end or a line
//!   that starts with a capital letter;
//! * otherwise running text, which joins the current block (hard-wrapped
//!   lines form one paragraph).
//!
//! Markers that could also open a wrapped line of running text (enumerators
//! with a period, captions, numbered headings, superscript footnotes) start a
//! new block only when the previous line ended a sentence (or there is no
//! open block). When a block is closed, a single short line without final
//! punctuation becomes a heading, and a block of several short lines none of
//! which ends in punctuation is split into one block per line (a list
//! without bullets).

use std::ops::Range;

use super::{Block, BlockKind};
use crate::segment::markers::{
    caption_label, ends_with_terminal, enumerator, is_bullet, is_superscript_digit,
    is_tight_bullet, number_prefix,
};

/// Longest single line (in characters) taken for a heading.
const MAX_HEADING_CHARS: usize = 70;
/// Longest line (in characters) of an unpunctuated line list.
const MAX_LINE_LIST_CHARS: usize = 40;

/// What a line looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// ATX heading; the range is the heading text without the `#`s.
    Atx,
    /// `===` or `---` under text.
    SetextUnderline,
    /// `***`, `___`, `---` and the like.
    ThematicBreak,
    /// `[^label]: text`; the content starts after the label.
    FootnoteDef,
    /// `¹ text`.
    SuperscriptFootnote,
    /// A bullet item (always starts a block).
    Bullet,
    /// An enumerated item with a closing parenthesis (always starts a block).
    EnumParen,
    /// An enumerated item with a period (starts a block after a sentence end).
    EnumPeriod,
    Caption,
    PageNumber,
    /// A numbered heading candidate.
    NumberedHeading,
    Text,
}

/// One physical line: its content range (without the line terminator),
/// trimmed of white space.
#[derive(Debug, Clone)]
struct Line {
    /// Trimmed content.
    range: Range<usize>,
    /// True when the raw line starts with white space.
    indented: bool,
    /// True when the raw line starts with four spaces or a tab (Markdown's
    /// indented code).
    code_indent: bool,
}

/// Split `text` into lines, trimmed; handles `\n`, `\r\n` and lone `\r`,
/// and skips a leading UTF-8 BOM.
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut i = start;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let raw = &text[start..i];
            let trimmed_start = raw.trim_start();
            let lead = raw.len() - trimmed_start.len();
            let content = trimmed_start.trim_end();
            out.push(Line {
                range: start + lead..start + lead + content.len(),
                indented: lead > 0 && !content.is_empty(),
                code_indent: !content.is_empty()
                    && (raw.starts_with("    ") || raw.starts_with('\t')),
            });
            if at_end {
                break;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
            if start == bytes.len() {
                break;
            }
        }
        i += 1;
    }
    out
}

/// "12", "- 12 -", "– 12 –", "Side 12", "side 12 av 40", "Page 12 of 40", "12 / 40".
fn is_page_number(s: &str) -> bool {
    let mut t = s.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' ' | '|'));
    for word in ["Side", "side", "Sida", "sida", "Page", "page", "s.", "p."] {
        if let Some(rest) = t.strip_prefix(word) {
            if rest.starts_with(' ') {
                t = rest.trim_start();
                break;
            }
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return false;
    }
    let rest = t[digits..].trim_start();
    if rest.is_empty() {
        return true;
    }
    let rest = ["av", "of", "/"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .map(str::trim_start);
    match rest {
        Some(r) => !r.is_empty() && r.len() <= 4 && r.bytes().all(|c| c.is_ascii_digit()),
        None => false,
    }
}

/// Numbered heading shape: "1 Russland", "1.2 Cyberoperasjoner", "2. Bakgrunn".
fn numbered_heading_shape(s: &str) -> bool {
    let n = number_prefix(s);
    if n == 0 || n > 8 {
        return false;
    }
    // the number itself: at most two digits per group ("2024 Russland" is a year)
    if s[..n].split('.').any(|g| g.len() > 2) {
        return false;
    }
    let rest = s[n..].strip_prefix('.').unwrap_or(&s[n..]);
    let after = rest.trim_start();
    if after.len() == rest.len() {
        return false;
    }
    let starts_upper = after.chars().next().is_some_and(char::is_uppercase);
    starts_upper
        && s.chars().count() <= MAX_HEADING_CHARS
        && !ends_with_terminal(s)
        && !s.ends_with(',')
}

/// True when the line that opens with the period enumerator `s[..len]`
/// ("1.") also holds the next one (" 2. "): items run together on one line.
fn has_next_item(s: &str, len: usize) -> bool {
    let marker = &s[..len - 1];
    let next = match marker.parse::<u32>() {
        Ok(n) => (n + 1).to_string(),
        Err(_) => match marker.as_bytes() {
            [c] if c.is_ascii_alphabetic() && *c != b'z' && *c != b'Z' => {
                ((c + 1) as char).to_string()
            }
            _ => return false,
        },
    };
    s.contains(&format!(" {next}. "))
}

/// Classify a trimmed, non-empty line. Returns the kind and, for kinds that
/// strip markup, the byte offset (within the line) where the content starts
/// and ends.
fn classify(s: &str) -> (LineKind, usize, usize) {
    if s.is_empty() {
        return (LineKind::Blank, 0, 0);
    }
    let full = (0, s.len());
    let first = s.chars().next().unwrap_or(' ');
    // Markdown block quote: the `>` is markup, the rest is running text
    if first == '>' {
        let rest = s.trim_start_matches(['>', ' ', '\t']);
        if rest.is_empty() {
            return (LineKind::Blank, 0, 0);
        }
        return (LineKind::Text, s.len() - rest.len(), s.len());
    }
    // ATX heading
    if first == '#' {
        let hashes = s.bytes().take_while(|&b| b == b'#').count();
        let rest = &s[hashes..];
        if hashes <= 6 && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
            let content = rest.trim();
            let content = content.trim_end_matches('#').trim_end();
            let start = s.len() - rest.trim_start().len();
            return (LineKind::Atx, start, start + content.len());
        }
    }
    // Setext underline / thematic break
    if s.len() >= 3 && matches!(first, '=' | '-' | '*' | '_') {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let c0 = compact.chars().next().unwrap_or(' ');
        if compact.len() >= 3
            && matches!(c0, '=' | '-' | '*' | '_')
            && compact.chars().all(|c| c == c0)
        {
            if (c0 == '=' || c0 == '-') && !s.contains(' ') {
                return (LineKind::SetextUnderline, 0, 0);
            }
            return (LineKind::ThematicBreak, 0, 0);
        }
    }
    if is_page_number(s) {
        return (LineKind::PageNumber, full.0, full.1);
    }
    // Markdown footnote definition
    if let Some(rest) = s.strip_prefix("[^") {
        if let Some(close) = rest.find("]:") {
            if close > 0 && !rest[..close].contains(char::is_whitespace) {
                let after = &rest[close + 2..];
                let start = s.len() - after.trim_start().len();
                if start < s.len() {
                    return (LineKind::FootnoteDef, start, s.len());
                }
            }
        }
    }
    if is_superscript_digit(first) {
        let rest = s.trim_start_matches(is_superscript_digit);
        if rest.starts_with(char::is_whitespace) || rest.starts_with(char::is_alphabetic) {
            return (LineKind::SuperscriptFootnote, full.0, full.1);
        }
    }
    // bullets
    if is_bullet(first) {
        let rest = &s[first.len_utf8()..];
        let spaced = rest.starts_with(char::is_whitespace);
        if (spaced && !rest.trim().is_empty()) || (is_tight_bullet(first) && !rest.is_empty()) {
            return (LineKind::Bullet, full.0, full.1);
        }
    }
    if let Some((len, paren)) = enumerator(s) {
        if len < s.len() {
            if paren {
                return (LineKind::EnumParen, full.0, full.1);
            }
            if numbered_heading_shape(s) && !has_next_item(s, len) {
                return (LineKind::NumberedHeading, full.0, full.1);
            }
            return (LineKind::EnumPeriod, full.0, full.1);
        }
    }
    if caption_label(s).is_some() {
        return (LineKind::Caption, full.0, full.1);
    }
    if numbered_heading_shape(s) {
        return (LineKind::NumberedHeading, full.0, full.1);
    }
    (LineKind::Text, full.0, full.1)
}

/// The block being built.
struct Open {
    kind: BlockKind,
    lines: Vec<Range<usize>>,
}

/// Push a code block (nothing when it has no lines).
fn push_code(blocks: &mut Vec<Block>, lines: Vec<Range<usize>>) {
    if !lines.is_empty() {
        blocks.push(Block {
            kind: BlockKind::Code,
            lines,
        });
    }
}

/// True when the lines from `idx` up to the next blank line (or the end)
/// are all indented as code: a first-line indent of a paragraph is not.
fn indented_run(lines: &[Line], idx: usize) -> bool {
    lines[idx..]
        .iter()
        .take_while(|l| !l.range.is_empty())
        .all(|l| l.code_indent)
}

/// Split `text` into blocks (see the module documentation for the rules).
pub fn parse_structure(text: &str) -> Vec<Block> {
    let lines = lines(text);
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Open> = None;
    let mut last_was_enum = false;

    let flush = |open: &mut Option<Open>, blocks: &mut Vec<Block>| {
        if let Some(o) = open.take() {
            finish_block(text, o, blocks);
        }
    };

    // a fenced code block (``` or ~~~) being read: its fence and lines
    let mut fence: Option<(&str, Vec<Range<usize>>)> = None;
    let mut prev_blank = true;
    // the last block is indented code that a further indented line continues
    let mut code_run = false;
    for (idx, line) in lines.iter().enumerate() {
        let s = &text[line.range.clone()];
        if let Some((mark, code)) = fence.as_mut() {
            if s.starts_with(*mark) && s.trim_start_matches(*mark).trim().is_empty() {
                push_code(&mut blocks, std::mem::take(code));
                fence = None;
            } else if !s.is_empty() {
                code.push(line.range.clone());
            }
            continue;
        }
        if let Some(mark) = ["```", "~~~"].into_iter().find(|m| s.starts_with(m)) {
            flush(&mut open, &mut blocks);
            fence = Some((mark, Vec::new()));
            continue;
        }
        // Markdown's indented code: after a blank line, not a list item's
        // continuation, every line indented by four spaces or a tab
        if line.code_indent && code_run {
            if let Some(b) = blocks.last_mut() {
                b.lines.push(line.range.clone());
            }
            prev_blank = false;
            continue;
        }
        if line.code_indent
            && prev_blank
            && indented_run(&lines, idx)
            && blocks
                .last()
                .map_or(true, |b| b.kind != BlockKind::ListItem)
        {
            flush(&mut open, &mut blocks);
            push_code(&mut blocks, vec![line.range.clone()]);
            code_run = true;
            prev_blank = false;
            continue;
        }
        code_run &= s.is_empty();
        prev_blank = s.is_empty();
        let (kind, cs, ce) = classify(s);
        let content = line.range.start + cs..line.range.start + ce;
        // did the open block's last line end a sentence?
        let after_sentence = match &open {
            None => true,
            Some(o) => o
                .lines
                .last()
                .map_or(true, |r| ends_with_terminal(&text[r.clone()])),
        };
        let next_ok_for_heading = match lines.get(idx + 1) {
            None => true,
            Some(n) => {
                let ns = &text[n.range.clone()];
                ns.is_empty() || ns.chars().next().is_some_and(|c| !c.is_lowercase())
            }
        };
        match kind {
            LineKind::Blank => {
                flush(&mut open, &mut blocks);
                last_was_enum = false;
                continue;
            }
            LineKind::Atx => {
                flush(&mut open, &mut blocks);
                if !content.is_empty() {
                    blocks.push(Block {
                        kind: BlockKind::Heading,
                        lines: vec![content],
                    });
                }
            }
            LineKind::SetextUnderline => match open.as_mut() {
                Some(o) if o.kind == BlockKind::Paragraph && o.lines.len() == 1 => {
                    o.kind = BlockKind::Heading;
                    let o = open.take().expect("checked above");
                    blocks.push(Block {
                        kind: o.kind,
                        lines: o.lines,
                    });
                }
                Some(_) => flush(&mut open, &mut blocks),
                None => {}
            },
            LineKind::ThematicBreak => flush(&mut open, &mut blocks),
            LineKind::FootnoteDef => {
                flush(&mut open, &mut blocks);
                open = Some(Open {
                    kind: BlockKind::Footnote,
                    lines: vec![content],
                });
            }
            LineKind::Bullet | LineKind::EnumParen => {
                flush(&mut open, &mut blocks);
                open = Some(Open {
                    kind: BlockKind::ListItem,
                    lines: vec![content],
                });
            }
            LineKind::EnumPeriod if after_sentence || last_was_enum => {
                flush(&mut open, &mut blocks);
                open = Some(Open {
                    kind: BlockKind::ListItem,
                    lines: vec![content],
                });
            }
            LineKind::NumberedHeading if last_was_enum && enumerator(s).is_some() => {
                flush(&mut open, &mut blocks);
                open = Some(Open {
                    kind: BlockKind::ListItem,
                    lines: vec![content],
                });
            }
            LineKind::NumberedHeading if after_sentence && next_ok_for_heading => {
                flush(&mut open, &mut blocks);
                blocks.push(Block {
                    kind: BlockKind::Heading,
                    lines: vec![content],
                });
            }
            LineKind::SuperscriptFootnote if after_sentence => {
                flush(&mut open, &mut blocks);
                open = Some(Open {
                    kind: BlockKind::Footnote,
                    lines: vec![content],
                });
            }
            LineKind::Caption if after_sentence => {
                flush(&mut open, &mut blocks);
                open = Some(Open {
                    kind: BlockKind::Caption,
                    lines: vec![content],
                });
            }
            LineKind::PageNumber => {
                flush(&mut open, &mut blocks);
                blocks.push(Block {
                    kind: BlockKind::PageNumber,
                    lines: vec![content],
                });
            }
            _ => {
                // running text: continue the open block or start a paragraph
                let joins = match &open {
                    None => false,
                    Some(o) if o.kind == BlockKind::Paragraph => true,
                    Some(o) => {
                        let prev = o.lines.last().map(|r| &text[r.clone()]).unwrap_or("");
                        line.indented
                            || !ends_with_terminal(prev)
                            || !s.chars().next().is_some_and(char::is_uppercase)
                    }
                };
                if joins {
                    if let Some(o) = open.as_mut() {
                        o.lines.push(content);
                    }
                } else {
                    flush(&mut open, &mut blocks);
                    open = Some(Open {
                        kind: BlockKind::Paragraph,
                        lines: vec![content],
                    });
                }
            }
        }
        last_was_enum = matches!(&open, Some(o) if o.kind == BlockKind::ListItem
            && o.lines.first().is_some_and(|r| enumerator(&text[r.clone()]).is_some()));
    }
    flush(&mut open, &mut blocks);
    if let Some((_, code)) = fence {
        push_code(&mut blocks, code); // a fence never closed runs to the end
    }
    blocks
}

/// Close a block: a lone short unpunctuated line becomes a heading; a block
/// of short unpunctuated lines becomes one block per line.
fn finish_block(text: &str, open: Open, blocks: &mut Vec<Block>) {
    if open.kind != BlockKind::Paragraph {
        blocks.push(Block {
            kind: open.kind,
            lines: open.lines,
        });
        return;
    }
    let line_text = |r: &Range<usize>| &text[r.clone()];
    if open.lines.len() == 1 {
        let s = line_text(&open.lines[0]);
        let heading = s.chars().count() <= MAX_HEADING_CHARS
            && s.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && s.chars().any(char::is_alphabetic)
            && !ends_with_terminal(s)
            && !s.ends_with(',');
        blocks.push(Block {
            kind: if heading {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            },
            lines: open.lines,
        });
        return;
    }
    let line_list = open.lines.iter().all(|r| {
        let s = line_text(r);
        s.chars().count() <= MAX_LINE_LIST_CHARS && !ends_with_terminal(s) && !s.ends_with('-')
    });
    if line_list {
        for r in open.lines {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                lines: vec![r],
            });
        }
    } else {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            lines: open.lines,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, Vec<&str>)> {
        parse_structure(text)
            .into_iter()
            .map(|b| {
                let lines = b.lines.iter().map(|r| &text[r.clone()]).collect();
                (b.kind, lines)
            })
            .collect()
    }

    use BlockKind::*;

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
        let t = "Første linje av et avsnitt som\nfortsetter her.\n\nAndre avsnitt.\n";
        assert_eq!(
            kinds(t),
            vec![
                (
                    Paragraph,
                    vec!["Første linje av et avsnitt som", "fortsetter her."]
                ),
                (Paragraph, vec!["Andre avsnitt."])
            ]
        );
    }

    #[test]
    fn markdown_heading_strips_hashes() {
        let t = "# Hovedvurdering #\n\nTekst her.";
        assert_eq!(
            kinds(t),
            vec![
                (Heading, vec!["Hovedvurdering"]),
                (Paragraph, vec!["Tekst her."])
            ]
        );
    }

    #[test]
    fn setext_heading_and_thematic_break() {
        let t = "Innledning\n==========\n\n***\n\nTekst.";
        assert_eq!(
            kinds(t),
            vec![(Heading, vec!["Innledning"]), (Paragraph, vec!["Tekst."])]
        );
    }

    #[test]
    fn numbered_headings() {
        let t = "1 Russland\n\n1.2 Cyberoperasjoner\nRussland driver omfattende operasjoner.\n";
        assert_eq!(
            kinds(t),
            vec![
                (Heading, vec!["1 Russland"]),
                (Heading, vec!["1.2 Cyberoperasjoner"]),
                (Paragraph, vec!["Russland driver omfattende operasjoner."])
            ]
        );
        // "2. Bakgrunn" followed by text
        assert_eq!(
            kinds("2. Bakgrunn\nRegjeringen satte ned utvalget.")[0],
            (Heading, vec!["2. Bakgrunn"])
        );
    }

    #[test]
    fn short_line_between_blank_lines_is_a_heading() {
        assert_eq!(kinds("Hovedvurdering\n\nTekst.")[0].0, Heading);
        assert_eq!(kinds("Dette er en setning.\n")[0].0, Paragraph);
        assert_eq!(kinds("Utvalget anbefaler:\n")[0].0, Paragraph);
    }

    #[test]
    fn list_items_keep_their_marker() {
        let t = "Utvalget anbefaler:\n• økt satsing\n• bedre koordinering\n- mer midler\n1) første\na) andre\n";
        assert_eq!(
            kinds(t),
            vec![
                (Paragraph, vec!["Utvalget anbefaler:"]),
                (ListItem, vec!["• økt satsing"]),
                (ListItem, vec!["• bedre koordinering"]),
                (ListItem, vec!["- mer midler"]),
                (ListItem, vec!["1) første"]),
                (ListItem, vec!["a) andre"]),
            ]
        );
    }

    #[test]
    fn wrapped_list_item_continues() {
        let t = "– økt satsing på forskning og\n  utvikling\n– bedre koordinering";
        assert_eq!(
            kinds(t),
            vec![
                (ListItem, vec!["– økt satsing på forskning og", "utvikling"]),
                (ListItem, vec!["– bedre koordinering"]),
            ]
        );
    }

    #[test]
    fn period_enumerator_needs_a_sentence_end_before_it() {
        // a wrapped line that starts with an ordinal stays in its paragraph
        let t = "Byen ble bombet under\n2. verdenskrig og gjenreist etter den.";
        assert_eq!(kinds(t).len(), 1);
        let t = "Tre tiltak:\n1. Økt satsing på forskning.\n2. Bedre koordinering.";
        let k = kinds(t);
        assert_eq!(k.len(), 3);
        assert_eq!(k[1].0, ListItem);
        assert_eq!(k[2].0, ListItem);
    }

    #[test]
    fn items_run_together_on_one_line_are_a_list() {
        assert_eq!(kinds("1. The first item 2. The second item")[0].0, ListItem);
        assert_eq!(kinds("1. Innledning")[0].0, Heading);
    }

    #[test]
    fn block_quote_marker_is_markup() {
        assert_eq!(
            kinds("> Sitat fra rapporten.\n> Andre linje.\n\nTekst."),
            vec![
                (Paragraph, vec!["Sitat fra rapporten.", "Andre linje."]),
                (Paragraph, vec!["Tekst."])
            ]
        );
    }

    #[test]
    fn captions() {
        let t = "Tekst.\nFigur 1.1 Russlands forsvarsbudsjett\n\nTable 2: Incidents";
        assert_eq!(
            kinds(t),
            vec![
                (Paragraph, vec!["Tekst."]),
                (Caption, vec!["Figur 1.1 Russlands forsvarsbudsjett"]),
                (Caption, vec!["Table 2: Incidents"])
            ]
        );
    }

    #[test]
    fn footnotes() {
        let t = "Tekst.[^1]\n\n[^1]: Se Meld. St. 5.\n¹ Kilde: PST.";
        assert_eq!(
            kinds(t),
            vec![
                (Paragraph, vec!["Tekst.[^1]"]),
                (Footnote, vec!["Se Meld. St. 5."]),
                (Footnote, vec!["¹ Kilde: PST."])
            ]
        );
    }

    #[test]
    fn page_numbers() {
        for p in [
            "12",
            "- 12 -",
            "– 3 –",
            "Side 12",
            "Page 12 of 40",
            "12 / 40",
            "side 4 av 9",
        ] {
            assert_eq!(
                kinds(&format!("Tekst.\n\n{p}\n\nMer."))[1].0,
                PageNumber,
                "{p}"
            );
        }
        assert_eq!(kinds("Side om side.")[0].0, Paragraph);
    }

    #[test]
    fn line_ends_bom_and_offsets() {
        let t = "\u{feff}Linje en\r\nlinje to.\rNy.\r\n\r\nSlutt.";
        let blocks = parse_structure(t);
        assert_eq!(
            blocks[0].lines[0].start, 3,
            "BOM skipped, offsets are file offsets"
        );
        assert_eq!(
            kinds(t),
            vec![
                (Paragraph, vec!["Linje en", "linje to.", "Ny."]),
                (Paragraph, vec!["Slutt."])
            ]
        );
    }

    #[test]
    fn short_unpunctuated_lines_are_a_list() {
        let t = "features\ncontact manager\nevents, activities\n";
        assert_eq!(kinds(t).len(), 3);
    }

    #[test]
    fn enumerator_shapes() {
        assert_eq!(enumerator("1) x"), Some((2, true)));
        assert_eq!(enumerator("1.) x"), Some((3, true)));
        assert_eq!(enumerator("(a) x"), Some((3, true)));
        assert_eq!(enumerator("iv) x"), Some((3, true)));
        assert_eq!(enumerator("12. x"), Some((3, false)));
        assert_eq!(enumerator("a. x"), Some((2, false)));
        assert_eq!(enumerator("ab. x"), None);
        assert_eq!(enumerator("2024 x"), None);
        assert_eq!(enumerator("1.2 x"), None);
    }
}
