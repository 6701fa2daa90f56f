//! Sentence alignment: two segment lists become a monotone sequence of
//! [`Bead`]s, each with a confidence.

use std::ops::Range;

use crate::lang::Lang;
use crate::segment::Segment;

/// One aligned unit: consecutive source segments matched with consecutive
/// target segments. Either side may be empty (1-0, 0-1).
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Source segment indices.
    pub src: Range<usize>,
    /// Target segment indices.
    pub tgt: Range<usize>,
    /// How sure the aligner is, in [0, 1].
    pub confidence: f64,
}

impl Bead {
    /// The bead type as `"1-2"`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// A complete alignment: beads in order, covering every segment of both
/// sides exactly once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// The beads, monotone in both sides.
    pub beads: Vec<Bead>,
}

/// Aligns two editions. Build with [`Aligner::new`], adjust with the setters.
#[derive(Debug, Clone, Default)]
pub struct Aligner {}

impl Aligner {
    /// An aligner with default settings.
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// Align `src` with `tgt`.
    pub fn align(
        &self,
        src: &[Segment],
        tgt: &[Segment],
        src_lang: Lang,
        tgt_lang: Lang,
    ) -> Alignment {
        let _ = (src_lang, tgt_lang);
        // Placeholder: pair in order, leftovers one-sided.
        let n = src.len().max(tgt.len());
        let beads = (0..n)
            .map(|i| Bead {
                src: i.min(src.len())..(i + 1).min(src.len()),
                tgt: i.min(tgt.len())..(i + 1).min(tgt.len()),
                confidence: 0.5,
            })
            .collect();
        Alignment { beads }
    }
}
