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
    /// Print the text a PDF, HTML or DOCX file yields: the text every byte offset refers to.
    Extract(ExtractArgs),
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
    /// Input format; `auto` decides by content, then by extension.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
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
    /// Input format of both editions; `auto` decides by content, then by extension.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
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

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// By content (magic bytes), then by extension.
    Auto,
    /// Plain text or Markdown.
    Text,
    /// PDF (needs pdftotext from poppler-utils).
    Pdf,
    /// HTML.
    Html,
    /// Word (.docx).
    Docx,
}

/// `tolk extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The document (`-` reads standard input).
    pub file: PathBuf,
    /// Input format; `auto` decides by content, then by extension.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Also list a DOCX file's tracked changes (insertions kept, deletions
    /// dropped) on standard error.
    #[arg(long)]
    pub show_changes: bool,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}
