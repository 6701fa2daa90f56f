//! Sentence segmentation for Bokmål, Nynorsk and English (generic rules for
//! other languages): UAX #29 boundaries refined by our own rules
//! ([`rules`], with the abbreviation tables in [`abbrev`]). No sentence
//! crosses a block boundary.

pub mod abbrev;
pub mod rules;

use std::ops::Range;

use crate::lang::Lang;
use crate::read::{BlockKind, Document};

/// A sentence (or a heading, list item, caption …) cut from a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Index of the block (paragraph) it belongs to.
    pub para: usize,
    /// The block's kind.
    pub kind: BlockKind,
    /// Byte range into [`Document::text`], trimmed of white space.
    pub bytes: Range<usize>,
    /// The text for display and analysis: lines of a wrapped paragraph
    /// joined with one space (and any run of white space inside a line
    /// shown as one space), a line-end hyphen before a lower-case
    /// continuation removed (the exact rule is on `Joined`, in the source:
    /// a hyphen after a capital, before a capital or before "og"/"and" is
    /// kept). A list item keeps its marker ("• ", "1) "); Markdown markup
    /// (`#`, `[^1]:`) is not part of any segment.
    pub text: String,
}

/// Segment every block of `doc` into sentences, in document order.
///
/// Each block's lines are first joined into one analysis text (see
/// [`Segment::text`]); the rules in [`rules`] split that text; every
/// sentence's range is mapped back to the original bytes. A page-number
/// block is one segment as it stands.
pub fn segment(doc: &Document, lang: Lang) -> Vec<Segment> {
    let mut out = Vec::with_capacity(doc.text.len() / 80 + 1);
    let mut joined = Joined::default();
    let mut ranges = Vec::new();
    for (para, block) in doc.blocks.iter().enumerate() {
        if block.lines.is_empty() {
            continue;
        }
        if block.kind == BlockKind::PageNumber {
            let r = block.range();
            out.push(Segment {
                para,
                kind: block.kind,
                text: doc.text[r.clone()].trim().to_string(),
                bytes: r,
            });
            continue;
        }
        ranges.clear();
        if block.lines.len() == 1 {
            let line = block.lines[0].clone();
            let text = &doc.text[line.clone()];
            rules::split(text, lang, &mut ranges);
            for r in &ranges {
                out.push(Segment {
                    para,
                    kind: block.kind,
                    bytes: line.start + r.start..line.start + r.end,
                    text: display_text(&text[r.clone()]),
                });
            }
        } else {
            joined.build(&doc.text, &block.lines);
            rules::split(&joined.text, lang, &mut ranges);
            for r in &ranges {
                out.push(Segment {
                    para,
                    kind: block.kind,
                    bytes: joined.to_original(r.clone()),
                    text: display_text(&joined.text[r.clone()]),
                });
            }
        }
    }
    out
}

/// The display text of a sentence: runs of ASCII white space (spaces,
/// tabs, line ends) become one space. A no-break space is kept: it is
/// content ("1\u{a0}250").
fn display_text(s: &str) -> String {
    // fast check: no control white space and no two spaces in a row
    let mut prev_space = false;
    let clean = s.bytes().all(|c| {
        let ok = if c == b' ' { !prev_space } else { c > b' ' };
        prev_space = c == b' ';
        ok
    });
    if clean {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut in_ws = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            if !in_ws {
                out.push(' ');
            }
            in_ws = true;
        } else {
            out.push(c);
            in_ws = false;
        }
    }
    out
}

/// Words after which a line-end hyphen is a suspended compound ("Nærings-
/// og fiskeridepartementet"): the hyphen is kept and a space follows.
const SUSPENSION_WORDS: &[&str] = &["og", "eller", "samt", "and", "or", "nor"];

/// The lines of a block joined into one analysis text, with the map back to
/// the original bytes.
///
/// Lines are joined with one space, except after a line-end hyphen: the
/// hyphen is removed (soft hyphenation, "etterretnings-" + "tjenesten")
/// when a lower-case letter precedes it and the next line starts with a
/// lower-case word other than a conjunction; it is kept with no space
/// when the next line starts with a capital or a digit or the hyphen
/// follows a capital ("NATO-" + "land" → "NATO-land", "Sør-" + "Korea");
/// it is kept followed by a space before "og"/"eller"/"and"/"or"
/// ("Nærings- og fiskeridepartementet").
#[derive(Default)]
struct Joined {
    text: String,
    /// (start in `text`, start in the original, length) per line piece.
    pieces: Vec<(usize, usize, usize)>,
}

impl Joined {
    fn build(&mut self, original: &str, lines: &[Range<usize>]) {
        self.text.clear();
        self.pieces.clear();
        for (i, line) in lines.iter().enumerate() {
            let s = &original[line.clone()];
            let mut len = s.len();
            let mut sep = " ";
            if let Some(next) = lines.get(i + 1) {
                let n = &original[next.clone()];
                if let Some(stem) = s.strip_suffix('-') {
                    if let Some(before) = stem.chars().next_back() {
                        if before.is_alphabetic() {
                            let word: &str =
                                n.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                            let lower_next = n.chars().next().is_some_and(char::is_lowercase);
                            if SUSPENSION_WORDS.contains(&word) {
                                sep = " ";
                            } else if before.is_lowercase() && lower_next {
                                len -= 1;
                                sep = "";
                            } else {
                                sep = "";
                            }
                        }
                    }
                }
            } else {
                sep = "";
            }
            self.pieces.push((self.text.len(), line.start, len));
            self.text.push_str(&s[..len]);
            self.text.push_str(sep);
        }
    }

    /// Map a byte range of the joined text (trimmed: it starts and ends on
    /// text from the lines) back to the original.
    fn to_original(&self, r: Range<usize>) -> Range<usize> {
        let map = |j: usize| -> usize {
            let k = self.pieces.partition_point(|p| p.0 <= j).saturating_sub(1);
            let (js, os, len) = self.pieces[k];
            os + (j - js).min(len)
        };
        let start = map(r.start);
        let end = if r.end > r.start {
            map(r.end - 1) + 1
        } else {
            start
        };
        start..end
    }
}

/// One segment per block, for pre-segmented input (one sentence per line):
/// segment *i* is line *i*, empty lines included (as empty segments).
pub fn presegmented(doc: &Document) -> Vec<Segment> {
    doc.blocks
        .iter()
        .enumerate()
        .map(|(para, block)| {
            let r = block.range();
            Segment {
                para,
                kind: block.kind,
                bytes: r.clone(),
                text: doc.text[r].trim().to_string(),
            }
        })
        .collect()
}

/// One segment per text, each its own paragraph, laid out as lines of one
/// document: the segments unit tests elsewhere in the crate start from.
#[cfg(test)]
pub(crate) fn one_per_paragraph(texts: &[&str]) -> Vec<Segment> {
    let mut at = 0;
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let s = Segment {
                para: i,
                kind: BlockKind::Paragraph,
                bytes: at..at + t.len(),
                text: t.to_string(),
            };
            at += t.len() + 1;
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_collapses_ascii_white_space_only() {
        assert_eq!(display_text("Få  ord\there."), "Få ord here.");
        assert_eq!(display_text("1\u{a0}250 kroner"), "1\u{a0}250 kroner");
        assert_eq!(display_text("Ren tekst."), "Ren tekst.");
    }

    #[test]
    fn joined_lines_and_hyphens() {
        let text =
            "etterretnings-\ntjenesten NATO-\nland Sør-\nKorea Nærings-\nog fiske e -\nslutt";
        let lines: Vec<Range<usize>> = {
            let mut v = Vec::new();
            let mut pos = 0;
            for l in text.split('\n') {
                v.push(pos..pos + l.len());
                pos += l.len() + 1;
            }
            v
        };
        let mut j = Joined::default();
        j.build(text, &lines);
        assert_eq!(
            j.text,
            "etterretningstjenesten NATO-land Sør-Korea Nærings- og fiske e - slutt"
        );
        // the joined word maps back over the line break, hyphen included
        let r = j.to_original(0..22);
        assert_eq!(&text[r], "etterretnings-\ntjenesten");
    }
}
