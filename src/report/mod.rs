//! Reports over aligned editions: `check` (where the two editions disagree)
//! and `diff` (what changed between two versions of one edition).
//!
//! [`check::check`] turns a sequence of aligned [`Row`](crate::pairs::Row)s
//! into [`Finding`]s; [`write`] prints them as a human summary, CSV, JSON
//! Lines, Markdown or a self-contained HTML page. [`diff`] compares two
//! versions of one edition sentence by sentence, and [`update`] tells a
//! translator which translations of the old version can be reused.

pub mod check;
pub mod diff;
pub mod merged;
pub mod names;
pub mod numbers;
pub mod realign;
pub mod untranslated;
pub mod update;
pub mod write;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Source content with no counterpart in the target (one finding per passage).
    Omission,
    /// Target content with no counterpart in the source.
    Addition,
    /// A passage that appears in another place on the other side.
    Reordering,
    /// Target text still in the source language (or identical on both sides).
    Untranslated,
    /// A number on one side is missing on the other.
    NumberMismatch,
    /// A measure given in another unit system on the other side (`3 til 10
    /// cm` ↔ `1 to 4 inches`) whose numbers do not convert exactly: a real
    /// difference, usually made on purpose, worth checking.
    UnitConversion,
    /// A name or acronym on one side is missing on the other.
    NameMismatch,
    /// One source translated differently, or one translation used for different sources.
    InconsistentTranslation,
    /// A pair far outside the document's length-ratio distribution.
    LengthRatio,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 9] = [
        Kind::Omission,
        Kind::Addition,
        Kind::Reordering,
        Kind::Untranslated,
        Kind::NumberMismatch,
        Kind::UnitConversion,
        Kind::NameMismatch,
        Kind::InconsistentTranslation,
        Kind::LengthRatio,
    ];

    /// The name used in every output format (`number_mismatch`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Omission => "omission",
            Kind::Addition => "addition",
            Kind::Reordering => "reordering",
            Kind::Untranslated => "untranslated",
            Kind::NumberMismatch => "number_mismatch",
            Kind::UnitConversion => "unit_conversion",
            Kind::NameMismatch => "name_mismatch",
            Kind::InconsistentTranslation => "inconsistent_translation",
            Kind::LengthRatio => "length_ratio",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth a look; often legitimate.
    Info,
    /// Probably a problem.
    Warning,
    /// Almost certainly a problem.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}`; use info, warning or error"
            )),
        }
    }
}

/// One place where the two editions disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind of disagreement.
    pub kind: Kind,
    /// How serious.
    pub severity: Severity,
    /// The pair id the finding is anchored at (the first of a passage).
    pub pair: usize,
    /// Every pair id the finding covers (a passage may span several).
    pub pairs: Vec<usize>,
    /// Source segment ids involved.
    pub src_ids: Vec<usize>,
    /// Target segment ids involved.
    pub tgt_ids: Vec<usize>,
    /// Byte range in the source file, when known and non-empty.
    pub src_bytes: Option<Range<usize>>,
    /// Byte range in the target file, when known and non-empty.
    pub tgt_bytes: Option<Range<usize>>,
    /// The source text concerned.
    pub src_text: String,
    /// The target text concerned.
    pub tgt_text: String,
    /// A one-line explanation a translator can act on.
    pub message: String,
    /// The document the finding is in, when several are checked together
    /// (the manifest id in `tolk batch`, the CSV's name with several
    /// `--pairs`); `None` for one pair of editions.
    pub doc: Option<String>,
}

impl Finding {
    /// A finding over one row.
    pub fn at(row: &crate::pairs::Row, kind: Kind, severity: Severity, message: String) -> Finding {
        Finding {
            kind,
            severity,
            pair: row.pair,
            pairs: vec![row.pair],
            src_ids: row.src.clone(),
            tgt_ids: row.tgt.clone(),
            src_bytes: row.src_bytes.clone(),
            tgt_bytes: row.tgt_bytes.clone(),
            src_text: row.src_text.clone(),
            tgt_text: row.tgt_text.clone(),
            message,
            doc: None,
        }
    }

    /// A finding over consecutive rows (a passage): ids, byte ranges and
    /// texts are merged. `rows` must not be empty.
    pub fn over(
        rows: &[&crate::pairs::Row],
        kind: Kind,
        severity: Severity,
        message: String,
    ) -> Finding {
        let mut f = Finding {
            kind,
            severity,
            pair: rows.first().map(|r| r.pair).unwrap_or(0),
            pairs: Vec::new(),
            src_ids: Vec::new(),
            tgt_ids: Vec::new(),
            src_bytes: None,
            tgt_bytes: None,
            src_text: String::new(),
            tgt_text: String::new(),
            message,
            doc: None,
        };
        for r in rows {
            f.pairs.push(r.pair);
            f.src_ids.extend(&r.src);
            f.tgt_ids.extend(&r.tgt);
            f.src_bytes = union(f.src_bytes.take(), r.src_bytes.clone());
            f.tgt_bytes = union(f.tgt_bytes.take(), r.tgt_bytes.clone());
            join_text(&mut f.src_text, &r.src_text);
            join_text(&mut f.tgt_text, &r.tgt_text);
        }
        f
    }
}

fn union(a: Option<Range<usize>>, b: Option<Range<usize>>) -> Option<Range<usize>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.start.min(b.start)..a.end.max(b.end)),
        (a, None) => a,
        (None, b) => b,
    }
}

fn join_text(acc: &mut String, s: &str) {
    if s.is_empty() {
        return;
    }
    if !acc.is_empty() {
        acc.push(' ');
    }
    acc.push_str(s);
}

/// The result of `check`: findings in a deterministic order (by pair, then
/// kind), and how many pairs were checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// Number of aligned pairs checked.
    pub pairs: usize,
}

impl Report {
    /// Name the document of every finding (see [`Finding::doc`]).
    pub fn in_doc(mut self, doc: &str) -> Report {
        for f in &mut self.findings {
            f.doc = Some(doc.to_string());
        }
        self
    }

    /// How many findings of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }

    /// The most severe finding's severity, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// True when a finding at or above `level` exists.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }
}

impl Report {
    /// The findings as the outputs carry them on their pairs
    /// ([`crate::output::Options::findings`]): `tolk align --check`.
    pub fn pair_findings(&self) -> Vec<PairFinding> {
        self.findings
            .iter()
            .map(|f| {
                let mut pairs = vec![f.pair];
                pairs.extend(f.pairs.iter().copied().filter(|p| *p != f.pair));
                PairFinding {
                    pairs,
                    severity: f.severity.as_str().to_string(),
                    kind: f.kind.as_str().to_string(),
                    message: f.message.clone(),
                }
            })
            .collect()
    }
}

/// A `check` finding as the outputs show it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PairFinding {
    /// Every pair id the finding covers (a moved passage: both places).
    pub pairs: Vec<usize>,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The finding's kind (`number_mismatch`).
    pub kind: String,
    /// What is wrong, in words.
    pub message: String,
}

impl PairFinding {
    /// True for an error-level finding.
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }

    /// `error number_mismatch: …`, as TMX and XLIFF write it.
    pub fn label(&self) -> String {
        format!("{} {}: {}", self.severity, self.kind, self.message)
    }
}

/// A byte range as JSON: `[start, end]`, or `null` for an empty side.
pub(crate) fn range_json(r: &Option<std::ops::Range<usize>>) -> serde_json::Value {
    match r {
        Some(r) => serde_json::json!([r.start, r.end]),
        None => serde_json::Value::Null,
    }
}
