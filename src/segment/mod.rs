//! Sentence segmentation for Bokmål, Nynorsk and English (generic rules for
//! other languages): UAX #29 boundaries refined by our own rules
//! ([`rules`], with the abbreviation tables in [`abbrev`]). No sentence
//! crosses a block boundary.

pub mod abbrev;
pub mod rules;

use std::ops::Range;

use crate::lang::Lang;
use crate::read::{BlockKind, Document};
use crate::text::markers;

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
    /// kept). A list item's marker ("• ", "1) ") and a footnote's label
    /// are not part of the text (see `marker`); nor is Markdown markup
    /// (`#`, `[^1]:`).
    pub text: String,
    /// Byte range of the list marker ("•", "1)") or footnote label ("¹")
    /// that opens this segment's list item or footnote. It is structure,
    /// not sentence: `bytes` and `text` leave it out, the segment's `kind`
    /// says what it was.
    pub marker: Option<Range<usize>>,
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
    let mut evidence = Evidence::default();
    let mut ranges = Vec::new();
    for (para, block) in doc.blocks.iter().enumerate() {
        if block.lines.is_empty() || block.kind == BlockKind::FigureText {
            continue;
        }
        if block.kind == BlockKind::Code {
            // code is one unit: sentence rules would cut it at every period
            let r = block.range();
            let text: Vec<&str> = block
                .lines
                .iter()
                .map(|l| doc.text[l.clone()].trim())
                .collect();
            out.push(Segment {
                para,
                kind: block.kind,
                text: display_text(&text.join(" ")),
                bytes: r,
                marker: None,
            });
            continue;
        }
        if block.kind == BlockKind::PageNumber {
            let r = block.range();
            out.push(Segment {
                para,
                kind: block.kind,
                text: doc.text[r.clone()].trim().to_string(),
                bytes: r,
                marker: None,
            });
            continue;
        }
        ranges.clear();
        // a list item's bullet or enumerator and a footnote's label are
        // structure, not sentence: they are cut from the sentences after the
        // split (which needs "1)" to see "2)" as the next item)
        let skip = match block.kind {
            BlockKind::ListItem | BlockKind::Footnote => {
                let first = &block.lines[0];
                marker_len(block.kind, &doc.text[first.clone()])
            }
            _ => 0,
        };
        if block.kind == BlockKind::Paragraph && is_line_block(&doc.text, &block.lines) {
            // a signature, an address, a stack of labels: a segment per line
            for line in &block.lines {
                let text = &doc.text[line.clone()];
                out.push(Segment {
                    para,
                    kind: block.kind,
                    bytes: line.clone(),
                    text: display_text(text),
                    marker: None,
                });
            }
            continue;
        }
        let lines: &[Range<usize>] = &block.lines;
        // the marker of the first segment: cut above, or (extracted text)
        // written before the block's range on the same text line
        let first = &block.lines[0];
        let mut marker = if skip > 0 {
            None // cut from the first sentence below
        } else if block.kind == BlockKind::Footnote {
            let line_start = doc.text[..first.start]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let prev_end = para.checked_sub(1).map_or(0, |p| doc.blocks[p].range().end);
            Some(trimmed(&doc.text, line_start.max(prev_end)..first.start))
                .filter(|r| !r.is_empty())
        } else {
            None
        };
        let single = lines.len() == 1;
        let atext: &str = if single {
            &doc.text[lines[0].clone()]
        } else {
            joined.build(doc, lines, &mut evidence);
            &joined.text
        };
        let to_original = |r: Range<usize>| -> Range<usize> {
            if single {
                lines[0].start + r.start..lines[0].start + r.end
            } else {
                joined.to_original(r)
            }
        };
        rules::split(atext, lang, &mut ranges);
        for (i, r) in ranges.iter().enumerate() {
            let mut r = r.clone();
            // the block's own marker, and those of later items run together
            // with it on one line ("a) … b) …")
            if skip > 0 && (i == 0 || block.kind == BlockKind::ListItem) {
                let cut = marker_len(block.kind, &atext[r.clone()]);
                if cut > 0 {
                    let m = trimmed(atext, r.start..r.start + cut);
                    marker = Some(to_original(m));
                    r.start += cut;
                }
            }
            out.push(Segment {
                para,
                kind: block.kind,
                bytes: to_original(r.clone()),
                text: display_text(&atext[r]),
                marker: marker.take(),
            });
        }
    }
    out
}

/// Most words a line of a line block has ("Seniorrådgiver, avdeling for
/// analyse" is six).
const LINE_BLOCK_WORDS: usize = 6;
/// Most characters a line of a line block has.
const LINE_BLOCK_CHARS: usize = 48;

/// Words that a wrapped sentence's line may end on but a line of a
/// signature or address does not.
const CONTINUATION_WORDS: &[&str] = &[
    "og", "eller", "i", "på", "av", "for", "til", "med", "som", "at", "en", "et", "ei", "den",
    "det", "de", "om", "fra", "frå", "ved", "mot", "the", "a", "an", "of", "and", "or", "to", "in",
    "on", "at", "by", "with", "from", "for", "as", "that", "is",
];

/// True when a block's lines are each a unit of their own: two or more
/// lines, each short (at most six words and 48 characters) and none
/// ending a sentence or a clause (`.`, `!`, `?`, `:`, `;`, `,`), in a
/// hyphen or on a word a sentence runs on from ("og", "the"). A signature
/// (place and date, name, title), an address, a stack of labels. A
/// paragraph wrapped in a narrow column still ends in a terminator, so it
/// is not one.
fn is_line_block(text: &str, lines: &[Range<usize>]) -> bool {
    lines.len() >= 2
        && lines.iter().all(|l| {
            let line = text[l.clone()].trim();
            let words = line.split_whitespace().count();
            let last = line.split_whitespace().next_back().unwrap_or("");
            let lower = last.to_lowercase();
            (1..=LINE_BLOCK_WORDS).contains(&words)
                && line.chars().count() <= LINE_BLOCK_CHARS
                && !markers::ends_with_terminal(line)
                && !line.ends_with([',', '-', '–', '—', '/', '&'])
                && !CONTINUATION_WORDS.contains(&lower.as_str())
        })
}

/// `r` without the white space at its ends.
fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    start..(start + s.trim().len()).max(start)
}

/// Length in bytes (white space after it included) of the marker that
/// opens the first line of a list item or a footnote: a bullet ("• ", "– "),
/// an enumerator ("1) ", "a. ", "(iv) ") or, for a footnote, a label ("¹",
/// "1 ", "*", "†"). Zero when there is none or when nothing would be left.
pub(crate) fn marker_len(kind: BlockKind, line: &str) -> usize {
    let mut len = 0;
    if let Some(c) = line.chars().next() {
        let after = &line[c.len_utf8()..];
        if markers::is_bullet(c)
            && (after.starts_with(char::is_whitespace) || markers::is_tight_bullet(c))
        {
            len = c.len_utf8();
        } else if let Some((n, _)) = markers::enumerator(line) {
            len = n;
        } else if kind == BlockKind::Footnote {
            len = footnote_label_len(line);
        }
    }
    if len == 0 {
        return 0;
    }
    let rest = &line[len..];
    let content = rest.trim_start();
    if content.is_empty() {
        return 0;
    }
    len + rest.len() - content.len()
}

/// A footnote label at the start of `line`: superscript digits, or up to
/// three digits followed by white space, or "*", "†", "‡" (repeated).
fn footnote_label_len(line: &str) -> usize {
    let sup: usize = line
        .chars()
        .take_while(|&c| markers::is_superscript_digit(c))
        .map(char::len_utf8)
        .sum();
    if sup > 0 {
        return sup;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) && line[digits..].starts_with(char::is_whitespace) {
        return digits;
    }
    let signs: usize = line
        .chars()
        .take_while(|&c| matches!(c, '*' | '†' | '‡'))
        .map(char::len_utf8)
        .sum();
    if sup == 0 && signs > 0 && signs <= 3 && line[signs..].starts_with(char::is_whitespace) {
        return signs;
    }
    0
}

/// The list marker or footnote label before `seg` ("•", "1)", "¹"), which
/// the segment's range leaves out.
pub fn marker<'a>(doc: &'a Document, seg: &Segment) -> Option<&'a str> {
    seg.marker.clone().map(|r| &doc.text[r])
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

/// What the document itself says about the words its line-end hyphens
/// split, gathered on the first such hyphen: the evidence that decides it. When the document writes
/// the word joined elsewhere ("maritime") the hyphen goes; when it writes
/// it with the hyphen inside a line ("mari-time" would be odd, but
/// "e-post", "Midt-Norge", "kjerne-kraft" are real) the hyphen stays; with
/// neither, the rule on [`Joined`] decides.
#[derive(Default)]
struct Evidence {
    /// The forms (joined and hyphenated, lower-cased) the document's
    /// line-end hyphens ask about, and whether the document writes each;
    /// `None` until first asked.
    seen: Option<std::collections::HashMap<String, bool>>,
}

impl Evidence {
    /// `Some(true)` to keep the hyphen of `head-` + `tail`, `Some(false)` to
    /// drop it, `None` when the document says nothing (or both).
    fn decide(&mut self, doc: &Document, head: &str, tail: &str) -> Option<bool> {
        if head.is_empty() || tail.is_empty() {
            return None;
        }
        let seen = self.seen.get_or_insert_with(|| Self::gather(doc));
        let joined = format!("{head}{tail}").to_lowercase();
        let hyphened = format!("{head}-{tail}").to_lowercase();
        let has = |w: &str| seen.get(w).copied().unwrap_or(false);
        match (has(&joined), has(&hyphened)) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        }
    }

    /// Every form any line-end hyphen of `doc` asks about, then one pass
    /// over the words of the text marking those it holds (only words of a
    /// wanted length are hashed).
    fn gather(doc: &Document) -> std::collections::HashMap<String, bool> {
        let text = doc.text.as_str();
        let mut wanted = std::collections::HashMap::new();
        for block in &doc.blocks {
            for pair in block.lines.windows(2) {
                let line = &text[pair[0].clone()];
                let Some(stem) = line.strip_suffix('-') else {
                    continue;
                };
                let head = last_word(stem);
                let next = &text[pair[1].clone()];
                let tail = next
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if !head.is_empty() && !tail.is_empty() {
                    wanted.insert(format!("{head}{tail}").to_lowercase(), false);
                    wanted.insert(format!("{head}-{tail}").to_lowercase(), false);
                }
            }
        }
        if wanted.is_empty() {
            return wanted;
        }
        let mut lengths = [false; 64];
        for w in wanted.keys() {
            if w.len() < 64 {
                lengths[w.len()] = true;
            }
        }
        for w in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
            let w = w.trim_matches('-');
            if w.len() >= 64 || !lengths[w.len()] {
                continue;
            }
            let lower;
            let key = if w.chars().any(char::is_uppercase) {
                lower = w.to_lowercase();
                lower.as_str()
            } else {
                w
            };
            if let Some(v) = wanted.get_mut(key) {
                *v = true;
            }
        }
        // a form seen only at the line end that asked does not count: the
        // split above reads "mari-" + "time" as "mari" and "time"
        wanted
    }
}

/// The word (letters, digits, inner hyphens) `s` ends with.
fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
}

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
    fn build(&mut self, doc: &Document, lines: &[Range<usize>], evidence: &mut Evidence) {
        let original = doc.text.as_str();
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
                            let head = last_word(stem);
                            if SUSPENSION_WORDS.contains(&word) {
                                sep = " ";
                            } else if let Some(keep) = evidence.decide(doc, head, word) {
                                // the document itself writes the word one way
                                if !keep {
                                    len -= 1;
                                }
                                sep = "";
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
                marker: None,
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
                marker: None,
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
    fn line_end_hyphen_decided_by_the_document() {
        // "e-post" and "kjerne-kraft" are written with the hyphen inside a
        // line elsewhere, so the line-end hyphen stays; "sjøfart" is written
        // joined, so "sjø-" + "fart" loses it as before
        let text = "Send e-post om kjerne-kraft og sjøfart.\n\n\
                    Vi sendte en e-\npost om kjerne-\nkraft og sjø-\nfart i går.\n";
        let doc = Document::from_text("h.md", text);
        let segs = segment(&doc, Lang::Nb);
        assert_eq!(
            segs[1].text,
            "Vi sendte en e-post om kjerne-kraft og sjøfart i går."
        );
        // without the evidence, the rule joins lower-case halves
        let doc = Document::from_text("h.md", "En e-\npost om kjerne-\nkraft.\n");
        assert_eq!(segment(&doc, Lang::Nb)[0].text, "En epost om kjernekraft.");
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
        let doc = Document::from_text("t.md", text);
        j.build(&doc, &lines, &mut Evidence::default());
        assert_eq!(
            j.text,
            "etterretningstjenesten NATO-land Sør-Korea Nærings- og fiske e - slutt"
        );
        // the joined word maps back over the line break, hyphen included
        let r = j.to_original(0..22);
        assert_eq!(&text[r], "etterretnings-\ntjenesten");
    }
}
