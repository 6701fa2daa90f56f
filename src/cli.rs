//! Command-line definitions (clap). Parsing only: validation into the
//! library's types happens in `cmd/`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use tolk::output::{Format, Writer};

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  `check` found a finding at or above --fail-on; `batch` had a failing pair
  2  error: bad input, bad arguments, unwritable output (nothing was written)

Examples:
  tolk segment corpora/utsyn-2026.nb.md --format jsonl
  tolk align corpora/utsyn-2026.nb.md corpora/utsyn-2026.en.md -o pairs.csv
  tolk align report.nb.pdf report.en.pdf --excel --delimiter ';' -o review.csv
  tolk convert review.csv --to tmx -o memory.tmx
  tolk check corpora/utsyn-2026.nb.md corpora/utsyn-2026.en.md --fail-on error
  tolk diff corpora/utsyn-2026.nb.md corpora/utsyn-2027.nb.md
  tolk batch manifest.csv --out-dir aligned --jobs 2
  tolk learn manifest.csv -o learned.tsv
  tolk align nb.txt en.txt --format jsonl | head";

/// Align the Norwegian and English editions of a report sentence by
/// sentence, and report where they disagree. Runs entirely offline.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about, long_about = None, after_long_help = AFTER_HELP)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    /// Stop an external tool (pdftotext) that runs longer than SECONDS on
    /// one file; the file then fails with an error. Default: 120.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: Option<u64>,
    /// The encoding of text inputs without a byte-order mark (documents,
    /// CSVs, dictionaries): `windows-1252` (also `latin1`) or another WHATWG
    /// label. Default: UTF-8.
    #[arg(long, global = true, value_name = "NAME")]
    pub encoding: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split a document into sentences (one segment per line/row/object).
    Segment(SegmentArgs),
    /// Align two editions sentence by sentence.
    Align(AlignArgs),
    /// Turn a reviewed CSV into a translation memory (TMX, XLIFF) or another format.
    Convert(ConvertArgs),
    /// Print the text a PDF, HTML or DOCX file yields: the text every byte offset refers to.
    Extract(ExtractArgs),
    /// Report where two editions disagree (omissions, numbers, names, …).
    Check(CheckArgs),
    /// Compare two versions of one edition; with --translation, plan the update.
    Diff(DiffArgs),
    /// Align many pairs listed in a manifest, in parallel.
    #[command(after_long_help = BATCH_AFTER_HELP)]
    Batch(BatchArgs),
    /// Learn a dictionary for `--dict` from many aligned pairs (a manifest or reviewed CSVs).
    #[command(after_long_help = LEARN_AFTER_HELP)]
    Learn(LearnArgs),
    /// How terms and repeated sentences are translated across many aligned pairs.
    #[command(after_long_help = CONSISTENCY_AFTER_HELP)]
    Consistency(ConsistencyArgs),
    /// Merge the shard summaries of `tolk batch --shard` into summary.csv, in manifest order.
    #[command(after_long_help = MERGE_AFTER_HELP)]
    MergeSummaries(MergeSummariesArgs),
}

const CONSISTENCY_AFTER_HELP: &str = "\
Reads an archive of aligned pairs: a manifest (aligned here, as tolk batch
does) or reviewed alignment CSVs (--pairs, trusted as they are), each one
document, in the order given. Writes to --out-dir:
  terms.csv, terms.jsonl  each source term (frequent words, multi-word terms
                          by C-value, glossary entries) with its renderings
                          found by association over the aligned pairs:
                          count, documents, share, first, last, an example
  sentences.csv           repeated source sentences translated differently
  documents.csv           per document: term consistency, repeated sentences
  report.html             one self-contained page with bars per term
  errors.csv              pairs of the manifest that failed (the others go on;
                          exit 1 when there is one)

Examples:
  tolk consistency manifest.csv --out-dir consistency
  tolk consistency --pairs 2024.csv --pairs 2025.csv --out-dir c --glossary terms.tsv";

/// `tolk consistency`.
#[derive(Debug, Args)]
pub struct ConsistencyArgs {
    /// Meaning evidence when aligning a manifest (`--semantic`, `--model`).
    #[command(flatten)]
    pub meaning: SemanticArgs,
    /// A manifest of edition pairs, as for `tolk batch` (`-` reads standard input).
    #[arg(required_unless_present = "pairs", conflicts_with = "pairs")]
    pub manifest: Option<PathBuf>,
    /// Aligned-pairs CSVs (as `tolk align` writes, possibly reviewed), one per document; repeatable.
    #[arg(long, value_name = "CSV")]
    pub pairs: Vec<PathBuf>,
    /// Directory for the tables and the report (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Terms that must be tracked: TSV `term <TAB> rendering[; rendering]`.
    #[arg(long, value_name = "TSV")]
    pub glossary: Option<PathBuf>,
    /// How many single-word terms, most frequent first.
    #[arg(long, default_value_t = 300)]
    pub terms: usize,
    /// How many multi-word terms, highest C-value first.
    #[arg(long, default_value_t = 100)]
    pub multi_word_terms: usize,
    /// Inputs of the manifest have one segment per line.
    #[arg(long)]
    pub presegmented: bool,
    /// Worker threads for aligning the manifest's pairs. By default, one per core.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

const MERGE_AFTER_HELP: &str = "\
Reads every DIR/summary.K-of-N.csv and writes DIR/summary.csv with one row
per manifest pair, in manifest order: byte for byte what one unsharded
`tolk batch MANIFEST --out-dir DIR` writes. Every manifest id must appear
in exactly one shard summary; otherwise the missing, repeated or unknown
ids are listed, nothing is written and the exit code is 1 (rerun the
shards that are listed, or remove stale summaries of another N).

Exit codes: 0 merged, 1 ids missing or repeated (listed), 2 error.

Examples:
  tolk batch manifest.csv --out-dir aligned --shard 1/2
  tolk batch manifest.csv --out-dir aligned --shard 2/2
  tolk merge-summaries manifest.csv aligned";

/// `tolk merge-summaries`.
#[derive(Debug, Args)]
pub struct MergeSummariesArgs {
    /// The manifest the shards ran (`-` reads standard input).
    pub manifest: PathBuf,
    /// The --out-dir of the shards: holds summary.K-of-N.csv; summary.csv is written there.
    pub dir: PathBuf,
}

const LEARN_AFTER_HELP: &str = "\
The dictionary holds word pairs that co-occur in the sentence pairs far
more often than chance (Dice coefficient), with the number of sentence
pairs they share and their Dice, in lower case as written. From a manifest, every pair is
aligned first and only runs of 1-1 beads are used; from reviewed CSVs
(`--pairs`), every row with text on both sides is trusted. Pass the result
to `tolk align --dict` or `tolk batch --dict`: last year's reviewed
alignment, or a whole series of reports, then helps align a new edition.

Examples:
  tolk learn manifest.csv -o reports.dict.tsv
  tolk learn --pairs fokus-2025.reviewed.csv -o fokus.dict.tsv
  tolk learn m.csv --shard 1/2 --counts-out c1.tsv   (and 2/2 → c2.tsv)
  tolk learn --merge c1.tsv c2.tsv -o reports.dict.tsv
  tolk align fokus-2026.nb.pdf fokus-2026.en.pdf --dict fokus.dict.tsv";

/// `tolk learn`.
#[derive(Debug, Args)]
pub struct LearnArgs {
    /// Meaning evidence (`--semantic`, `--model`).
    #[command(flatten)]
    pub meaning: SemanticArgs,
    /// A manifest of edition pairs, as for `tolk batch` (`-` reads standard input).
    #[arg(required_unless_present_any = ["pairs", "merge"], conflicts_with_all = ["pairs", "merge"])]
    pub manifest: Option<PathBuf>,
    /// Reviewed alignment CSVs (as `tolk convert` reads) instead of a manifest; repeatable.
    #[arg(long, value_name = "CSV", conflicts_with = "merge")]
    pub pairs: Vec<PathBuf>,
    /// Handle only shard K of N of the manifest or CSVs (1-based, as `tolk batch --shard`)
    /// and write its counts to --counts-out instead of a dictionary.
    #[arg(long, value_name = "K/N", requires = "counts_out")]
    pub shard: Option<tolk::batch::Shard>,
    /// Write the sentence pairs counted (for `--merge`) to this file instead of a dictionary.
    #[arg(long, value_name = "FILE")]
    pub counts_out: Option<PathBuf>,
    /// Learn from the counts files of all shards (`--counts-out`); the dictionary
    /// is the one an unsharded run writes, byte for byte.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "counts_out")]
    pub merge: Vec<PathBuf>,
    /// Keep a word pair only when each word is among the other's two best partners.
    #[arg(long)]
    pub mutual_best: bool,
    /// Write the dictionary to this file (TSV, written atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Inputs of the manifest have one segment per line.
    #[arg(long)]
    pub presegmented: bool,
    /// Worker threads for aligning the manifest's pairs. By default, one per core.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Least Dice coefficient of a word pair's links, in (0, 1]. 0.3 aligned the
    /// Bible best pooled over its 66 books (0.5: slightly worse).
    #[arg(long, default_value_t = 0.3)]
    pub min_dice: f64,
    /// Least number of distinct sentence pairs in which a word pair must be
    /// linked (for a function word: occur together).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..))]
    pub min_count: u32,
}

/// Meaning evidence from the sentence encoder, shared by the commands that align.
#[derive(Debug, Clone, Args)]
pub struct SemanticArgs {
    /// Also judge pairs by meaning: realign the beads the aligner is unsure
    /// of with a multilingual sentence encoder (needs the model file; see
    /// scripts/install-model).
    #[arg(long)]
    pub semantic: bool,
    /// The encoder's model file. By default $TOLK_MODEL, else
    /// ${XDG_CACHE_HOME:-~/.cache}/tolk/e5-small-q4.bin.
    #[arg(long, value_name = "PATH", requires = "semantic")]
    pub model: Option<PathBuf>,
}

/// `tolk segment`.
#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The document (`-` reads standard input).
    pub file: PathBuf,
    /// The document's language: auto, nb, nn, en, da, sv, de, fr, is.
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Output format [default: the -o file's extension, else text].
    #[arg(long, value_enum)]
    pub format: Option<SegmentFormat>,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Input format; `auto` decides by content, then by extension.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
}

/// Output formats of `tolk segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
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
    /// Meaning evidence (`--semantic`, `--model`).
    #[command(flatten)]
    pub meaning: SemanticArgs,
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
    /// Output format [default: the -o file's extension, else csv].
    #[arg(long, value_parser = pair_format(Writer::Align))]
    pub format: Option<Format>,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Inputs have one segment per line (no structure analysis or segmentation).
    #[arg(long)]
    pub presegmented: bool,
    /// A bilingual dictionary: TSV, source word <TAB> target word.
    #[arg(long)]
    pub dict: Option<PathBuf>,
    /// Output unit: sentence beads, or paragraph beads (sentence beads
    /// merged up to the nearest paragraph boundary on both sides).
    #[arg(long, value_enum, default_value_t = AlignUnit::Sentence)]
    pub unit: AlignUnit,
    /// CSV/TSV for Excel and LibreOffice: UTF-8 BOM, cells that would start a
    /// formula (= + - @) prefixed with an apostrophe, empty status and note
    /// columns for the reviewer. `tolk convert` removes the apostrophes again.
    #[arg(long)]
    pub excel: bool,
    /// CSV field delimiter: `,` (default), `;` (Norwegian-locale Excel) or a tab.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// TMX/XLIFF: keep 1-0 and 0-1 pairs (with an empty side).
    #[arg(long)]
    pub include_one_sided: bool,
    /// TMX/XLIFF: keep pairs whose two sides are the same text.
    #[arg(long)]
    pub include_identical: bool,
    /// TMX/XLIFF: keep pairs of code or preformatted text.
    #[arg(long)]
    pub include_code: bool,
    /// TMX/XLIFF: write only 1-1 pairs (for CAT tools that match sentence
    /// by sentence).
    #[arg(long = "only-1-1")]
    pub only_1_1: bool,
    /// Run `tolk check` on the alignment: the HTML review page shows the
    /// findings on their pairs; TMX leaves out pairs with an error-level
    /// finding (see --include-flagged) and marks the others; XLIFF marks
    /// them needs-review-translation.
    #[arg(long)]
    pub check: bool,
    /// With --check, TMX: keep pairs with an error-level finding, marked
    /// with <prop type="x-tolk-finding">.
    #[arg(long, requires = "check")]
    pub include_flagged: bool,
    /// Input format of both editions; `auto` decides by content, then by extension.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Source language tag in TMX/XLIFF/HTML (default from the language:
    /// nb → nb-NO, nn → nn-NO, en → en-GB).
    #[arg(long, value_name = "TAG")]
    pub src_locale: Option<String>,
    /// Target language tag in TMX/XLIFF/HTML (e.g. en-US).
    #[arg(long, value_name = "TAG")]
    pub tgt_locale: Option<String>,
}

/// Output units of `tolk align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignUnit {
    /// One bead per aligned group of sentences.
    Sentence,
    /// One bead per aligned group of paragraphs.
    Paragraph,
}

const CONVERT_HELP: &str = "\
The reviewed CSV: columns are found by name in any order (src_text and
tgt_text required; pair, src_ids, tgt_ids, confidence, status, note optional;
others ignored). Delimiter , ; or tab is taken from the header line; a BOM,
CRLF line ends and UTF-16 are fine. Merge two rows by putting both ids in one
cell (`3 4`) and joining the texts; delete rows freely.

status column: ok/approved/yes/done = approved (XLIFF signed-off);
reject/rejected/x/no/delete = the row is dropped; check/review/?/todo/fix =
needs review; empty = no verdict. Any other word is an error.

A malformed row stops the conversion with its row number (as the spreadsheet
shows it, header = row 1) and column; exit 2, nothing written.

Examples:
  tolk align nb.md en.md --excel --delimiter ';' -o review.csv
  tolk convert review.csv --to tmx -o memory.tmx
  tolk convert review.csv --to xliff --src-lang nn-NO --tgt-lang en-US -o memory.xlf";

/// `tolk convert`.
#[derive(Debug, Args)]
#[command(after_long_help = CONVERT_HELP)]
pub struct ConvertArgs {
    /// The reviewed CSV (as written by `tolk align`, edited in a spreadsheet).
    pub input: PathBuf,
    /// Output format [default: the -o file's extension].
    #[arg(long, value_parser = pair_format(Writer::Convert))]
    pub to: Option<Format>,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Source language tag for TMX/XLIFF (`nb` means nb-NO).
    #[arg(long, default_value = "nb-NO")]
    pub src_lang: String,
    /// Target language tag for TMX/XLIFF (`en` means en-GB).
    #[arg(long, default_value = "en-GB")]
    pub tgt_lang: String,
    /// TMX/XLIFF: keep pairs with an empty side.
    #[arg(long)]
    pub include_one_sided: bool,
    /// TMX/XLIFF: keep pairs whose two sides are the same text.
    #[arg(long)]
    pub include_identical: bool,
    /// TMX/XLIFF: write only 1-1 pairs (for CAT tools that match sentence
    /// by sentence).
    #[arg(long = "only-1-1")]
    pub only_1_1: bool,
    /// Keep a leading apostrophe before = + - @ (by default it is taken to be
    /// the formula guard of `tolk align --excel` and removed).
    #[arg(long)]
    pub keep_apostrophes: bool,
    /// CSV/TSV output for a spreadsheet again (BOM, formula guard).
    #[arg(long)]
    pub excel: bool,
    /// CSV output delimiter: `,` (default), `;` or a tab.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
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

const CHECK_HELP: &str = "\
Kinds: omission, addition, reordering, untranslated, number_mismatch,
unit_conversion, name_mismatch, inconsistent_translation, length_ratio.
Severities: info < warning < error; --min-severity warning hides info. Exit 1 when a finding is at or above --fail-on (default
error), 0 otherwise, 2 on bad input.

--glossary: a TSV file, one `source term<TAB>target term` a line (several
target terms separated by |); # starts a comment. It adds to the built-in
Norwegian-English list (Kina = China, FN = UN, …).

Examples:
  tolk check corpora/utsyn-2026.nb.md corpora/utsyn-2026.en.md
  tolk check nb.md en.md --format html -o check.html --fail-on warning
  tolk check --pairs reviewed.csv --format jsonl | jq .kind";

/// `tolk check`.
#[derive(Debug, Args)]
#[command(after_long_help = CHECK_HELP)]
pub struct CheckArgs {
    /// Meaning evidence (`--semantic`, `--model`).
    #[command(flatten)]
    pub meaning: SemanticArgs,
    /// The source edition (usually Norwegian). Optional with --pairs.
    pub src: Option<PathBuf>,
    /// The target edition (usually English). Optional with --pairs.
    pub tgt: Option<PathBuf>,
    /// Check a reviewed alignment CSV (`tolk align` columns) instead of aligning.
    /// Repeatable: each CSV is checked as its own document and every finding
    /// names it (`doc`: the file name without `.csv`).
    #[arg(long, value_name = "CSV")]
    pub pairs: Vec<PathBuf>,
    /// Source language (auto, nb, nn, en, …). With --pairs, auto means nb.
    #[arg(long, default_value = "auto")]
    pub src_lang: String,
    /// Target language (auto, nb, nn, en, …). With --pairs, auto means en.
    #[arg(long, default_value = "auto")]
    pub tgt_lang: String,
    /// Output format [default: the -o file's extension, else summary].
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// CSV for Excel and LibreOffice: UTF-8 BOM, id lists as `107+108`, text
    /// cells that would start a formula prefixed with an apostrophe.
    #[arg(long)]
    pub excel: bool,
    /// CSV field delimiter: `,` (default), `;` (Norwegian-locale Excel) or a tab.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// Exit with code 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Report only findings at or above this severity (by default, all).
    #[arg(long, value_enum, default_value_t = FailOn::Info)]
    pub min_severity: FailOn,
    /// HTML: link every pair number to this review page (the file
    /// `tolk align --format html` wrote, as a URL relative to the report),
    /// which opens on that pair: review.html#p12.
    #[arg(long, value_name = "URL")]
    pub review_page: Option<String>,
    /// Extra name equivalents: TSV, source term <TAB> target term.
    #[arg(long)]
    pub glossary: Option<PathBuf>,
    /// Inputs have one segment per line.
    #[arg(long)]
    pub presegmented: bool,
}

/// Output formats of `tolk check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Human summary grouped by kind.
    Summary,
    /// CSV, one finding per row.
    Csv,
    /// JSON Lines, one finding per line.
    Jsonl,
    /// Markdown.
    Md,
    /// Self-contained HTML page.
    Html,
}

/// Severity threshold for `--fail-on` and `--min-severity`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    /// Any finding.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

const DIFF_HELP: &str = "\
Kinds: unchanged, changed (with word-level edits), added, deleted, moved.
With --translation (the old version's translation) or --pairs (the old
version aligned with it, an align CSV), writes the update CSV instead: per
sentence of the new version, status unchanged (reuse), changed (fuzzy
match %, needs update) or new; and obsolete old translations.

Examples:
  tolk diff corpora/utsyn-2026.nb.md corpora/utsyn-2027.nb.md
  tolk diff old.md new.md --format html -o diff.html
  tolk diff old.nb.md new.nb.md --translation old.en.md -o update.csv";

/// `tolk diff`.
#[derive(Debug, Args)]
#[command(after_long_help = DIFF_HELP)]
pub struct DiffArgs {
    /// The old version.
    pub old: PathBuf,
    /// The new version (same language).
    pub new: PathBuf,
    /// The old version's translation: write the translation-update CSV.
    #[arg(long, conflicts_with = "pairs")]
    pub translation: Option<PathBuf>,
    /// The old version aligned with its translation (align CSV): write the update CSV.
    #[arg(long)]
    pub pairs: Option<PathBuf>,
    /// Language of OLD and NEW (auto, nb, nn, en, …).
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Language of the translation (auto, nb, nn, en, …).
    #[arg(long, default_value = "auto")]
    pub tgt_lang: String,
    /// Output format (the update is always CSV) [default: the -o file's extension, else text].
    #[arg(long, value_enum)]
    pub format: Option<DiffOutFormat>,
    /// Colour the text output: auto (when standard output is a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write to this file instead of standard output (written atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The update CSV for Excel and LibreOffice: UTF-8 BOM, id lists as
    /// `107+108`, a decimal comma with `--delimiter ';'`, text cells that would
    /// start a formula prefixed with an apostrophe.
    #[arg(long)]
    pub excel: bool,
    /// The update CSV's field delimiter: `,` (default), `;` (Norwegian-locale
    /// Excel) or a tab.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// Inputs have one segment per line.
    #[arg(long)]
    pub presegmented: bool,
}

/// Output formats of `tolk diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffOutFormat {
    /// Unified text.
    Text,
    /// Markdown.
    Md,
    /// Self-contained HTML, side by side.
    Html,
    /// JSON Lines.
    Jsonl,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

const BATCH_AFTER_HELP: &str = "\
Manifest (CSV with a header, or JSON Lines):
  id,src,tgt,src_lang,tgt_lang
  fokus-2026,2026/fokus.nb.md,2026/fokus.en.md,nb,en
Relative paths are resolved against the manifest's directory (the current
directory for `-`). src_lang/tgt_lang are optional (default auto).

Output in --out-dir: <id>.<format> per pair, summary.csv (one row per pair
in manifest order, status ok/failed; deterministic), timings.csv
(seconds per pair, the only file that differs between runs), and tolk's
state in .tolk/ (completion records for --resume, the shard's lock). With
--shard K/N the two are named summary.K-of-N.csv and timings.K-of-N.csv;
`tolk merge-summaries` merges them.

Stream mode (--stream) reads JSON Lines records on standard input and
writes bead records and one pair record per input record to standard
output; failed pairs are records (exit 0).

Exit codes:
  0  every pair aligned (or already complete, with --resume); --stream: the
     stream was read to its end
  1  at least one pair failed (see summary.csv and stderr); the others ran
  2  bad manifest, bad arguments, unwritable --out-dir, the shard locked by
     another runner (nothing ran)

Examples:
  tolk batch corpus/manifest.csv --out-dir aligned --jobs 2
  tolk batch corpus/manifest.csv --out-dir aligned --resume
  cat pairs.jsonl | tolk batch - --stdout > beads.jsonl
  parallel tolk batch m.csv --out-dir out --shard {}/4 ::: 1 2 3 4
  tolk merge-summaries m.csv out
  parallel --pipe -N 50 --keep-order tolk batch - --stream --base \"$PWD\" < pairs.jsonl";

/// `tolk batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Meaning evidence (`--semantic`, `--model`).
    #[command(flatten)]
    pub meaning: SemanticArgs,
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
    #[arg(long, required_unless_present_any = ["stdout", "stream"], conflicts_with = "stream")]
    pub out_dir: Option<PathBuf>,
    /// Output format of each pair's file [default: csv].
    #[arg(long, value_parser = pair_format(Writer::Batch), conflicts_with_all = ["stdout", "stream"])]
    pub format: Option<Format>,
    /// Worker threads. By default, the CPUs this process may use: TOLK_JOBS
    /// if set, else SLURM_CPUS_PER_TASK, else the CPU affinity mask and the
    /// cgroup CPU quota.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Skip pairs that a previous run completed: their completion record
    /// (--out-dir/.tolk/done/ID.json) matches the outputs on disk, and its
    /// statistics go into summary.csv. Missing, truncated or changed outputs
    /// are redone.
    #[arg(long, conflicts_with_all = ["stdout", "stream"])]
    pub resume: bool,
    /// Stream mode, for engines that pipe records through a command (Spark
    /// RDD.pipe, Hadoop streaming, GNU parallel --pipe, Dask, Ray): read
    /// header-less JSON Lines records from standard input, one pair each
    /// ({"id","src","tgt"} with paths or "src_text"/"tgt_text" inline;
    /// optional "src_lang", "tgt_lang"), and write for each pair its bead
    /// records and then one {"record":"pair","status":"ok"|"failed",...}
    /// record, flushed per pair. A failed pair is a record, not an error:
    /// the exit code is 0 unless standard input or output fails.
    #[arg(long, conflicts_with_all = ["stdout", "shard", "manifest_flag"])]
    pub stream: bool,
    /// With --stream: resolve relative `src`/`tgt` paths against DIR
    /// (default: the current directory).
    #[arg(long, value_name = "DIR", requires = "stream")]
    pub base: Option<PathBuf>,
    /// Write JSON Lines (one object per bead, with the pair's `id`) to standard
    /// output in manifest order, instead of one file per pair.
    #[arg(long)]
    pub stdout: bool,
    /// Handle only shard K of N (1-based): the pairs at 0-based manifest
    /// positions i with i % N == K-1.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<tolk::batch::Shard>,
    /// How --shard picks pairs: `index` (round-robin by manifest position)
    /// or `id` (a stable hash of the id: a pair keeps its shard when the
    /// manifest changes).
    #[arg(long, value_enum, default_value_t = ShardByArg::Index, requires = "shard")]
    pub shard_by: ShardByArg,
    /// Inputs have one segment per line (no structure analysis or segmentation).
    #[arg(long)]
    pub presegmented: bool,
    /// Also run `tolk check` on each pair: findings to `ID.check.jsonl`, and
    /// counts per kind in summary.csv's `findings_*` columns.
    #[arg(long, conflicts_with = "stdout")]
    pub check: bool,
    /// A bilingual dictionary for every pair: TSV, word <TAB> translation
    /// (e.g. from `tolk learn`).
    #[arg(long)]
    pub dict: Option<PathBuf>,
}

/// Values of `tolk batch --shard-by`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShardByArg {
    /// 0-based manifest position i with i % N == K-1.
    Index,
    /// FNV-1a hash of the id, modulo N, equal to K-1.
    Id,
}

/// `--format` (`--to`) of a command that writes aligned pairs: the formats
/// [`Format::written_by`] it, each with its help line.
fn pair_format(writer: Writer) -> impl TypedValueParser<Value = Format> {
    let values: Vec<PossibleValue> = Format::ALL
        .into_iter()
        .filter(|f| f.written_by(writer))
        .map(|f| PossibleValue::new(f.name()).help(pair_format_help(writer, f)))
        .collect();
    PossibleValuesParser::new(values).map(|name| name.parse::<Format>().expect("a listed format"))
}

/// The help line of `format` in `writer`'s `--help`.
fn pair_format_help(writer: Writer, format: Format) -> &'static str {
    match (writer, format) {
        (Writer::Batch, Format::Csv) => "CSV: `ID.csv`",
        (Writer::Batch, Format::Tsv) => "Tab-separated: `ID.tsv`",
        (Writer::Batch, Format::Jsonl) => "JSON Lines with byte offsets: `ID.jsonl`",
        (Writer::Batch, Format::Beads) => "`[i, j]:[k]` lines, the gold format: `ID.beads`",
        (Writer::Batch, Format::Tmx) => "TMX 1.4: `ID.tmx` (one-sided pairs left out)",
        (Writer::Batch, Format::Xliff) => "XLIFF 1.2: `ID.xlf`",
        (Writer::Batch, Format::Html) => "The HTML review page: `ID.html`",
        (Writer::Convert, Format::Csv) => "CSV with status and note columns",
        (Writer::Convert, Format::Jsonl) => "JSON Lines",
        (_, Format::Csv) => "CSV: pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text,moved",
        (_, Format::Tsv) => "Tab-separated, same columns",
        (_, Format::Jsonl) => "JSON Lines with byte offsets",
        (_, Format::Beads) => "`[i, j]:[k]` lines, the gold format",
        (_, Format::Tmx) => "TMX 1.4 translation memory",
        (_, Format::Xliff) => "XLIFF 1.2",
        (_, Format::Html) => "A self-contained HTML review page",
    }
}
