//! tolk lines up two editions of one report — typically the Norwegian (Bokmål or
//! Nynorsk) and the English edition — sentence by sentence, and reports where
//! they disagree.
//!
//! The pipeline has four stages, one module each, on a ground floor for
//! words ([`text`]: tokens, folding, month names, number words, list markers):
//!
//! 1. [`read`]: a file (plain text, Markdown, PDF, HTML, DOCX) becomes a
//!    [`Document`]: its text plus structural [`Block`]s (headings, paragraphs,
//!    list items, captions, footnotes) with byte ranges into that text.
//! 2. [`segment`]: blocks are split into sentence [`Segment`]s by UAX #29
//!    refined with per-language rules ([`lang`] decides the language).
//! 3. [`align`]: the two segment lists are aligned into [`Bead`]s of 14
//!    shapes (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3, 3-2, 2-3, 4-1, 1-4,
//!    5-1, 1-5) with a confidence each, helped by a [`lexicon`].
//! 4. [`pairs`] turns an alignment into rows (or reads a reviewed CSV back);
//!    [`output`] writes them (CSV, TSV, JSON Lines, beads, TMX, XLIFF, HTML);
//!    [`report`] checks and diffs editions. [`batch`] runs many pairs.
//!
//! [`pipeline`] runs the stages for two editions, one call each: load an
//! [`Edition`] (read, language resolved, segmented), align two, check the
//! alignment. This is what `tolk align` and `tolk check` do:
//!
//! ```
//! use std::path::Path;
//! use tolk::pipeline::{self, AlignOptions, Edition, LoadOptions};
//!
//! let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample");
//! let opts = LoadOptions::default(); // any format, language detected
//! let nb = Edition::load(&dir.join("sample.nb.md"), &opts)?;
//! let en = Edition::load(&dir.join("sample.en.md"), &opts)?;
//! assert_eq!((nb.lang.code(), en.lang.code()), ("nb", "en"));
//!
//! let alignment = pipeline::align_editions(&nb, &en, &AlignOptions::default());
//! let rows = pipeline::rows(&alignment, &nb, &en);
//! assert_eq!(rows.len(), alignment.beads.len());
//!
//! let report = pipeline::check_editions(&nb, &en, &alignment, &pipeline::check_options(&nb, &en));
//! assert_eq!(report.pairs, rows.len());
//! # Ok::<(), tolk::Error>(())
//! ```
//!
//! The stages one by one:
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
pub mod encode;
pub mod error;
pub mod lang;
pub mod lexicon;
pub mod output;
pub mod pairs;
pub mod pipeline;
pub mod read;
pub mod report;
pub mod segment;
pub mod text;

pub use align::{Alignment, Bead};
pub use error::{Error, Result};
pub use pipeline::Edition;
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
