//! Command-line definitions (clap). Parsing only: validation into the
//! library's types happens in `cmd/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  `check` found a finding at or above --fail-on; `batch` had a failing pair
  2  error: bad input, bad arguments, unwritable output (nothing was written)

Examples:
  tolk segment corpora/fokus-2026.nb.md
  tolk align corpora/fokus-2026.nb.md corpora/fokus-2026.en.md -o pairs.csv
  tolk align nb.txt en.txt --format jsonl | head";

/// Align the Norwegian and English editions of a report sentence by
/// sentence, and report where they disagree. Runs entirely offline.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about, long_about = None, after_long_help = AFTER_HELP)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split a document into sentences (one segment per line/row/object).
    Segment(SegmentArgs),
    /// Align two editions sentence by sentence.
    Align(AlignArgs),
    /// Align many pairs listed in a manifest, in parallel.
    #[command(after_long_help = BATCH_AFTER_HELP)]
    Batch(BatchArgs),
}

/// `tolk segment`.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The document (`-` reads standard input).
    pub file: PathBuf,
    /// The document's language: auto, nb, nn, en, da, sv, de, fr, is.
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SegmentFormat::Text)]
    pub format: SegmentFormat,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Output formats of `tolk segment`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SegmentFormat {
    /// One sentence per line.
    Text,
    /// Tab-separated with a header.
    Tsv,
    /// CSV with a header.
    Csv,
    /// JSON Lines: idx, para, kind, bytes, text.
    Jsonl,
}

/// `tolk align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The source edition (usually Norwegian).
    pub src: PathBuf,
    /// The target edition (usually English).
    pub tgt: PathBuf,
    /// Source language (auto, nb, nn, en, …).
    #[arg(long, default_value = "auto")]
    pub src_lang: String,
    /// Target language (auto, nb, nn, en, …).
    #[arg(long, default_value = "auto")]
    pub tgt_lang: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Csv)]
    pub format: AlignFormat,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Inputs have one segment per line (no structure analysis or segmentation).
    #[arg(long)]
    pub presegmented: bool,
    /// A bilingual dictionary: TSV, source word <TAB> target word.
    #[arg(long)]
    pub dict: Option<PathBuf>,
}

/// Output formats of `tolk align`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AlignFormat {
    /// CSV: pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text.
    Csv,
    /// Tab-separated, same columns.
    Tsv,
    /// JSON Lines with byte offsets.
    Jsonl,
    /// `[i, j]:[k]` lines, the gold format.
    Beads,
}

const BATCH_AFTER_HELP: &str = "\
Manifest (CSV with a header, or JSON Lines):
  id,src,tgt,src_lang,tgt_lang
  fokus-2026,2026/fokus.nb.md,2026/fokus.en.md,nb,en
Relative paths are resolved against the manifest's directory (the current
directory for `-`). src_lang/tgt_lang are optional (default auto).

Output in --out-dir: <id>.<format> per pair, summary.csv (one row per pair
in manifest order, status ok/failed/skipped; deterministic), timings.csv
(seconds per pair, the only file that differs between runs). With
--shard K/N the two are named summary.K-of-N.csv and timings.K-of-N.csv.

Exit codes:
  0  every pair aligned (or skipped by --resume)
  1  at least one pair failed (see summary.csv and stderr); the others ran
  2  bad manifest, bad arguments or unwritable --out-dir (nothing ran)

Examples:
  tolk batch corpus/manifest.csv --out-dir aligned --jobs 2
  tolk batch corpus/manifest.csv --out-dir aligned --resume
  cat pairs.jsonl | tolk batch - --stdout > beads.jsonl
  parallel tolk batch m.csv --out-dir out --shard {}/4 ::: 1 2 3 4";

/// `tolk batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The manifest: CSV (id,src,tgt[,src_lang,tgt_lang]) or JSON Lines (`-` reads standard input).
    #[arg(required_unless_present = "manifest_flag")]
    pub manifest: Option<PathBuf>,
    /// The manifest, as an option (same as the positional argument).
    #[arg(
        long = "manifest",
        value_name = "MANIFEST",
        conflicts_with = "manifest"
    )]
    pub manifest_flag: Option<PathBuf>,
    /// Directory for the per-pair outputs and summary.csv (created if missing).
    #[arg(long, required_unless_present = "stdout")]
    pub out_dir: Option<PathBuf>,
    /// Output format of each pair's file.
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv, conflicts_with = "stdout")]
    pub format: BatchFormat,
    /// Worker threads. By default, one per core.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Skip pairs whose output file already exists in --out-dir.
    #[arg(long, conflicts_with = "stdout")]
    pub resume: bool,
    /// Write JSON Lines (one object per bead, with the pair's `id`) to standard
    /// output in manifest order, instead of one file per pair.
    #[arg(long)]
    pub stdout: bool,
    /// Handle only shard K of N (1-based): the pairs at 0-based manifest
    /// positions i with i % N == K-1.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<tolk::batch::Shard>,
    /// Inputs have one segment per line (no structure analysis or segmentation).
    #[arg(long)]
    pub presegmented: bool,
}

/// Output formats of `tolk batch` (one file per pair, named by extension).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BatchFormat {
    /// CSV: `ID.csv`.
    Csv,
    /// Tab-separated: `ID.tsv`.
    Tsv,
    /// JSON Lines with byte offsets: `ID.jsonl`.
    Jsonl,
    /// `[i, j]:[k]` lines, the gold format: `ID.beads`.
    Beads,
}
