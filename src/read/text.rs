//! Structure of plain text and Markdown: paragraphs, headings, list items,
//! captions, footnotes, page numbers.

use super::{Block, BlockKind};

/// Split `text` into blocks. Blank lines separate paragraphs.
pub fn parse_structure(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<std::ops::Range<usize>> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let start = pos + lead;
        let end = pos + content.trim_end().len();
        if content.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    lines: std::mem::take(&mut current),
                });
            }
        } else {
            current.push(start..end);
        }
        pos += line.len();
    }
    if !current.is_empty() {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            lines: current,
        });
    }
    blocks
}
