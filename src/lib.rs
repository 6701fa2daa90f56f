//! tolk lines up two editions of one report — typically the Norwegian (Bokmål or
//! Nynorsk) and the English edition — sentence by sentence, and reports where
//! they disagree.
//!
//! The pipeline has four stages, one module each:
//!
//! 1. [`read`]: a file (plain text, Markdown, later PDF/HTML/DOCX) becomes a
//!    [`Document`]: its text plus structural [`Block`]s (headings, paragraphs,
//!    list items, captions, footnotes) with byte ranges into that text.
//! 2. [`segment`]: blocks are split into sentence [`Segment`]s by UAX #29
//!    refined with per-language rules ([`lang`] decides the language).
//! 3. [`align`]: the two segment lists are aligned into [`Bead`]s
//!    (0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1) with a confidence each.
//! 4. [`output`] writes an alignment (CSV, TSV, JSON Lines, beads, TMX, XLIFF,
//!    HTML); [`report`] checks and diffs editions.
//!
//! ```
//! use tolk::{read, segment, align, lang::Lang};
//!
//! let nb = read::Document::from_text("nb.txt", "Det regner. Vi blir hjemme.\n");
//! let en = read::Document::from_text("en.txt", "It is raining. We stay at home.\n");
//! let src = segment::segment(&nb, Lang::Nb);
//! let tgt = segment::segment(&en, Lang::En);
//! let alignment = align::Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
//! assert_eq!(alignment.beads.len(), 2);
//! ```
#![warn(missing_docs)]

pub mod align;
pub mod batch;
pub mod consistency;
pub mod error;
pub mod lang;
pub mod lexicon;
pub mod output;
pub mod read;
pub mod report;
pub mod review;
pub mod segment;

pub use align::{Alignment, Bead};
pub use error::{Error, Result};
pub use read::{Block, BlockKind, Document};
pub use segment::Segment;

/// Process exit codes, shared by every subcommand.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// `tolk check` found a finding at or above `--fail-on`; `tolk batch` had a failing pair.
    pub const FINDINGS: i32 = 1;
    /// Bad input, bad arguments or an I/O error. Nothing was written.
    pub const ERROR: i32 = 2;
}
