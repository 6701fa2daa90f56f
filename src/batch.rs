//! Many pairs at once: the manifest `tolk batch` reads, sharding, and the
//! per-pair statistics of `summary.csv`.
//!
//! A manifest lists one pair per row, as CSV with a header or as JSON Lines:
//!
//! ```text
//! id,src,tgt,src_lang,tgt_lang
//! fokus-2025,2025/fokus.nb.md,2025/fokus.en.md,nb,en
//! fokus-2026,2026/fokus.nb.md,2026/fokus.en.md,,
//! ```
//!
//! ```text
//! {"id": "fokus-2025", "src": "2025/fokus.nb.md", "tgt": "2025/fokus.en.md", "src_lang": "nb"}
//! ```
//!
//! `id`, `src` and `tgt` are required; `src_lang` and `tgt_lang` default to
//! `auto`; other columns (or keys) are ignored. Relative paths are resolved
//! against the manifest's directory. Ids must be unique and usable as file
//! names, since each pair's output is written to `<out-dir>/<id>.<ext>`.
//!
//! ```
//! use std::path::Path;
//! use tolk::batch::{parse_manifest, Shard};
//!
//! let csv = "id,src,tgt\na,a.nb.txt,a.en.txt\nb,b.nb.txt,b.en.txt\nc,c.nb.txt,c.en.txt\n";
//! let pairs = parse_manifest(Path::new("corpus/manifest.csv"), csv.as_bytes(), Path::new("corpus")).unwrap();
//! assert_eq!(pairs[1].src, Path::new("corpus/b.nb.txt"));
//! let shard: Shard = "2/2".parse().unwrap();
//! let ids: Vec<&str> = pairs.iter().enumerate()
//!     .filter(|(i, _)| shard.contains(*i))
//!     .map(|(_, p)| p.id.as_str())
//!     .collect();
//! assert_eq!(ids, ["b"]);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::align::Alignment;
use crate::error::{Error, Result};

/// One pair of editions listed in a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestPair {
    /// The pair's id (unique in the manifest; names its output files).
    pub id: String,
    /// The source edition, resolved against the manifest's directory.
    pub src: PathBuf,
    /// The target edition, resolved against the manifest's directory.
    pub tgt: PathBuf,
    /// The source language as given (`auto` when absent or empty).
    pub src_lang: String,
    /// The target language as given (`auto` when absent or empty).
    pub tgt_lang: String,
    /// Where the pair is in the manifest: the 1-based row (CSV, header =
    /// row 1) or line (JSON Lines), for error messages.
    pub line: u64,
}

/// The manifest's raw fields, before validation.
#[derive(Debug, Default, serde::Deserialize)]
struct RawPair {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    src: Option<String>,
    #[serde(default)]
    tgt: Option<String>,
    #[serde(default)]
    src_lang: Option<String>,
    #[serde(default)]
    tgt_lang: Option<String>,
}

/// Parse a manifest. `path` names it in error messages (`<stdin>` for
/// standard input); relative `src`/`tgt` paths are joined to `base` (the
/// manifest's directory, or the current directory for standard input).
///
/// The format is JSON Lines when the first non-blank character is `{`,
/// else CSV with a header row. A manifest with no pairs is an error.
pub fn parse_manifest(path: &Path, bytes: &[u8], base: &Path) -> Result<Vec<ManifestPair>> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raws = if text.trim_start().starts_with('{') {
        parse_jsonl(path, text)?
    } else {
        parse_csv(path, text)?
    };
    if raws.is_empty() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "the manifest lists no pairs; give a CSV with a header `id,src,tgt` or JSON Lines with `id`, `src` and `tgt`".into(),
        });
    }
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut pairs = Vec::with_capacity(raws.len());
    for (line, raw) in raws {
        let row_err = |column: &str, message: String| Error::Row {
            path: path.to_path_buf(),
            row: line,
            column: column.into(),
            message,
        };
        let id = required(raw.id, "id").map_err(|m| row_err("id", m))?;
        check_id(&id).map_err(|m| row_err("id", m))?;
        // Compared without case: on a case-insensitive file system
        // (macOS, Windows) `Fokus` and `fokus` would write the same files.
        if let Some(first) = seen.insert(id.to_lowercase(), line) {
            return Err(row_err(
                "id",
                format!("duplicate id `{id}` (first on row {first}; ids are compared without case); ids name the output files and must be unique"),
            ));
        }
        let src = required(raw.src, "src").map_err(|m| row_err("src", m))?;
        let tgt = required(raw.tgt, "tgt").map_err(|m| row_err("tgt", m))?;
        for (column, p) in [("src", &src), ("tgt", &tgt)] {
            if p == "-" {
                return Err(row_err(
                    column,
                    "`-` (standard input) cannot be used in a manifest; give a file path".into(),
                ));
            }
        }
        pairs.push(ManifestPair {
            id,
            src: base.join(src),
            tgt: base.join(tgt),
            src_lang: lang_or_auto(raw.src_lang),
            tgt_lang: lang_or_auto(raw.tgt_lang),
            line,
        });
    }
    Ok(pairs)
}

fn parse_jsonl(path: &Path, text: &str) -> Result<Vec<(u64, RawPair)>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawPair = serde_json::from_str(line).map_err(|e| Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "line {n}: not a JSON object with string fields id, src, tgt ({e}); one pair per line"
            ),
        })?;
        out.push((n, raw));
    }
    Ok(out)
}

fn parse_csv(path: &Path, text: &str) -> Result<Vec<(u64, RawPair)>> {
    // `;` (as Norwegian-locale spreadsheets save CSV) and tab work as well.
    let delimiter = match crate::pairs::review::sniff_delimiter(text) {
        d @ (b';' | b'\t') => d,
        _ => b',',
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let csv_err = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(0);
        Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "line {line}: malformed CSV ({e}); every row needs as many fields as the header"
            ),
        }
    };
    let headers = reader.headers().map_err(csv_err)?.clone();
    let trimmed: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    for needed in ["id", "src", "tgt"] {
        if !trimmed.iter().any(|h| h == needed) {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "the header has no `{needed}` column (found: {}); the first row must name the columns id,src,tgt[,src_lang,tgt_lang]",
                    trimmed.join(",")
                ),
            });
        }
    }
    let col = |name: &str| trimmed.iter().position(|h| h == name);
    let (id, src, tgt, sl, tl) = (
        col("id"),
        col("src"),
        col("tgt"),
        col("src_lang"),
        col("tgt_lang"),
    );
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_err)?;
        let row = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).map(str::to_string);
        out.push((
            row,
            RawPair {
                id: get(id),
                src: get(src),
                tgt: get(tgt),
                src_lang: get(sl),
                tgt_lang: get(tl),
            },
        ));
    }
    Ok(out)
}

fn required(value: Option<String>, name: &str) -> std::result::Result<String, String> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v.trim().to_string()),
        _ => Err(format!("`{name}` is missing or empty")),
    }
}

fn lang_or_auto(value: Option<String>) -> String {
    match value {
        Some(v) if !v.trim().is_empty() => v.trim().to_string(),
        _ => "auto".into(),
    }
}

/// Check that `id` can name a file in the output directory.
fn check_id(id: &str) -> std::result::Result<(), String> {
    let bad = id.starts_with('.')
        || id.len() > 200
        || id
            .chars()
            .any(|c| matches!(c, '/' | '\\' | ':') || c.is_control());
    if bad {
        return Err(format!(
            "`{id}` cannot name an output file; use letters, digits, `-`, `_` and `.` (not first), at most 200 bytes"
        ));
    }
    Ok(())
}

/// One side of a `tolk batch --stream` record: a file, or the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A path (relative ones already joined to `--base`).
    Path(PathBuf),
    /// The edition's text, given inline (`src_text` / `tgt_text`).
    Text(String),
}

/// One record of `tolk batch --stream`: a pair given on one JSON line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamRecord {
    /// The pair's id, copied into every record written for it.
    pub id: String,
    /// The source edition.
    pub src: Source,
    /// The target edition.
    pub tgt: Source,
    /// The source language (`auto` when absent or empty).
    pub src_lang: String,
    /// The target language (`auto` when absent or empty).
    pub tgt_lang: String,
}

/// A stream record that could not be used: the pair fails, the stream goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The record's id when it had one (a string), for the `failed` record.
    pub id: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

#[derive(Debug, Default, serde::Deserialize)]
struct RawStreamRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    src: Option<String>,
    #[serde(default)]
    tgt: Option<String>,
    #[serde(default)]
    src_text: Option<String>,
    #[serde(default)]
    tgt_text: Option<String>,
    #[serde(default)]
    src_lang: Option<String>,
    #[serde(default)]
    tgt_lang: Option<String>,
}

/// Parse one line of `tolk batch --stream` input. Relative paths are joined
/// to `base`. The error never mentions where the line was in the input, so
/// that a pair's output depends only on its record, however an engine
/// splits the stream.
///
/// ```
/// use std::path::Path;
/// use tolk::batch::{parse_stream_record, Source};
///
/// let r = parse_stream_record(r#"{"id":"a","src":"a.nb.txt","tgt_text":"It rains."}"#, Path::new("/data")).unwrap();
/// assert_eq!(r.src, Source::Path("/data/a.nb.txt".into()));
/// assert_eq!(r.tgt, Source::Text("It rains.".into()));
/// let e = parse_stream_record(r#"{"id":"b","src":"b.nb.txt"}"#, Path::new("")).unwrap_err();
/// assert_eq!(e.id.as_deref(), Some("b"));
/// ```
pub fn parse_stream_record(
    line: &str,
    base: &Path,
) -> std::result::Result<StreamRecord, RecordError> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| RecordError {
        id: None,
        message: format!("not a JSON object ({e}); give one object per line with `id`, `src`/`src_text` and `tgt`/`tgt_text`"),
    })?;
    let id = value.get("id").and_then(|v| v.as_str()).map(str::to_string);
    let fail = |message: String| RecordError {
        id: id.clone(),
        message,
    };
    if !value.is_object() {
        return Err(fail("not a JSON object; give one object per line with `id`, `src`/`src_text` and `tgt`/`tgt_text`".into()));
    }
    let raw: RawStreamRecord = serde_json::from_value(value.clone()).map_err(|e| {
        fail(format!(
            "{e}; `src`, `tgt`, `src_text`, `tgt_text`, `src_lang` and `tgt_lang` must be strings"
        ))
    })?;
    let id = match raw.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(serde_json::Value::String(_)) | None | Some(serde_json::Value::Null) => {
            return Err(fail(
                "`id` is missing or empty; give every record a string `id`".into(),
            ))
        }
        Some(other) => {
            return Err(fail(format!(
                "`id` is {other}, not a string; give every record a string `id`"
            )))
        }
    };
    if id.chars().any(char::is_control) {
        return Err(fail(
            "`id` contains a control character; use printable characters".into(),
        ));
    }
    let side = |path: Option<String>, text: Option<String>, name: &str| match (path, text) {
        (Some(_), Some(_)) => Err(fail(format!(
            "both `{name}` and `{name}_text` are given; give one of them"
        ))),
        (Some(p), None) if !p.trim().is_empty() && p.trim() != "-" => {
            Ok(Source::Path(base.join(p.trim())))
        }
        (Some(_), None) => Err(fail(format!(
            "`{name}` is empty or `-`; give a file path (or the text as `{name}_text`)"
        ))),
        (None, Some(t)) => Ok(Source::Text(t)),
        (None, None) => Err(fail(format!(
            "`{name}` (a path) or `{name}_text` (the text) is missing"
        ))),
    };
    let src = side(raw.src, raw.src_text, "src")?;
    let tgt = side(raw.tgt, raw.tgt_text, "tgt")?;
    Ok(StreamRecord {
        id,
        src,
        tgt,
        src_lang: lang_or_auto(raw.src_lang),
        tgt_lang: lang_or_auto(raw.tgt_lang),
    })
}

/// The `"record": "pair"` line that closes a pair's output in
/// `tolk batch --stream`: `id`, `record`, `status` (`ok` or `failed`),
/// `error`, then for an `ok` pair the statistics of a `summary.csv` row
/// (confidence rounded to 4 decimals, as there) and, with `--check`, the
/// findings themselves. `findings` are JSON objects, one per finding.
pub fn pair_record(
    id: Option<&str>,
    status: &PairStatus,
    findings: Option<Vec<serde_json::Value>>,
) -> String {
    #[derive(serde::Serialize)]
    struct Record<'a> {
        id: Option<&'a str>,
        record: &'static str,
        status: &'static str,
        error: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        src_lang: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tgt_lang: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        src_segments: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tgt_segments: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        beads: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        bead_types: Option<&'a BTreeMap<String, usize>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        mean_confidence: Option<Option<f64>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        finding_counts: Option<BTreeMap<&'static str, usize>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        findings: Option<Vec<serde_json::Value>>,
    }
    let mut r = Record {
        id,
        record: "pair",
        status: "failed",
        error: None,
        src_lang: None,
        tgt_lang: None,
        src_segments: None,
        tgt_segments: None,
        beads: None,
        bead_types: None,
        mean_confidence: None,
        finding_counts: None,
        findings: None,
    };
    match status {
        PairStatus::Ok(s) => {
            r.status = "ok";
            r.src_lang = Some(&s.src_lang);
            r.tgt_lang = Some(&s.tgt_lang);
            r.src_segments = Some(s.src_segments);
            r.tgt_segments = Some(s.tgt_segments);
            r.beads = Some(s.beads);
            r.bead_types = Some(&s.bead_types);
            r.mean_confidence = Some(s.mean_confidence.map(|c| (c * 10_000.0).round() / 10_000.0));
            r.finding_counts = s
                .findings
                .as_ref()
                .map(|f| f.iter().map(|(k, v)| (k.as_str(), *v)).collect());
            r.findings = findings;
        }
        PairStatus::Skipped => r.status = "skipped",
        PairStatus::Failed(msg) => r.error = Some(msg),
    }
    serde_json::to_string(&r).expect("a pair record serializes")
}

/// Refuse a manifest whose pairs would write one file twice: every pair
/// writes `ID.EXT` (and `ID.check.jsonl` with `check`) into one directory,
/// beside `summary*.csv` and `timings*.csv`. Names are compared without
/// case, as a case-insensitive file system (macOS, Windows) would. All of
/// the manifest's pairs are checked, not only one shard's, since shards
/// share the directory.
pub fn check_output_names(
    path: &Path,
    pairs: &[ManifestPair],
    ext: &str,
    check: bool,
) -> Result<()> {
    let mut taken: HashMap<String, (&ManifestPair, String)> = HashMap::new();
    for p in pairs {
        let main = format!("{}.{ext}", p.id);
        let lower = main.to_lowercase();
        let reserved = if (lower.starts_with("summary") || lower.starts_with("timings"))
            && lower.ends_with(".csv")
        {
            Some("the summary and timings files (summary*.csv, timings*.csv)")
        } else if lower.contains(".check.") {
            Some("the findings files of --check (ID.check.jsonl)")
        } else {
            None
        };
        let row_err = |message: String| Error::Row {
            path: path.to_path_buf(),
            row: p.line,
            column: "id".into(),
            message,
        };
        if let Some(what) = reserved {
            return Err(row_err(format!(
                "pair `{}` would write {main}, a name kept for {what}; rename the pair (nothing was written)",
                p.id
            )));
        }
        let mut names = vec![main];
        if check {
            names.push(format!("{}.check.jsonl", p.id));
        }
        for name in names {
            if let Some((first, first_name)) = taken.get(&name.to_lowercase()) {
                return Err(row_err(format!(
                    "pair `{}` would write {name}, which pair `{}` (row {}) writes as {first_name}; rename one of them (nothing was written)",
                    p.id, first.id, first.line
                )));
            }
            taken.insert(name.to_lowercase(), (p, name));
        }
    }
    Ok(())
}

/// Which part of a manifest one process handles: `K/N` takes the pairs
/// whose 0-based position `i` in the manifest satisfies `i % N == K - 1`.
/// `K` is 1-based (`1/3`, `2/3`, `3/3` together cover every pair once), to
/// match Slurm's `SLURM_ARRAY_TASK_ID=1..N` and GNU parallel's `{#}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 1-based (1 ≤ k ≤ n).
    pub k: usize,
    /// The number of shards (n ≥ 1).
    pub n: usize,
}

impl Shard {
    /// The whole manifest (`1/1`).
    pub const ALL: Shard = Shard { k: 1, n: 1 };

    /// True when the pair at 0-based manifest position `index` is in this shard.
    pub fn contains(&self, index: usize) -> bool {
        index % self.n == self.k - 1
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let usage = || {
            format!("`{s}`: expected K/N with 1 ≤ K ≤ N, for example 1/4 (K is 1-based: shards 1/4 … 4/4 cover every pair once)")
        };
        let (k, n) = s.split_once('/').ok_or_else(usage)?;
        let k: usize = k.trim().parse().map_err(|_| usage())?;
        let n: usize = n.trim().parse().map_err(|_| usage())?;
        if n == 0 || k == 0 || k > n {
            return Err(usage());
        }
        Ok(Shard { k, n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// How `--shard K/N` picks its pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShardBy {
    /// By manifest position: `i % N == K - 1` (round-robin).
    #[default]
    Index,
    /// By a stable hash of the id: `fnv1a64(id) % N == K - 1`, so a pair
    /// stays in its shard when rows are added to or removed from the
    /// manifest.
    Id,
}

impl Shard {
    /// True when the pair `id` at 0-based manifest position `index` is in
    /// this shard under `by`.
    pub fn picks(&self, by: ShardBy, index: usize, id: &str) -> bool {
        match by {
            ShardBy::Index => self.contains(index),
            ShardBy::Id => fnv1a64(id.as_bytes()) % self.n as u64 == (self.k - 1) as u64,
        }
    }
}

/// The 64-bit FNV-1a hash: stable across platforms, versions and runs
/// (used for `--shard-by id` and the checksums of completion records).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One output file as a completion record lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutputSum {
    /// The file name inside `--out-dir`.
    pub file: String,
    /// Its length in bytes.
    pub bytes: u64,
    /// [`fnv1a64`] of its content, as 16 hex digits.
    pub fnv1a64: String,
}

impl OutputSum {
    /// The sum of `content`, written as `file`.
    pub fn of(file: &str, content: &[u8]) -> OutputSum {
        OutputSum {
            file: file.into(),
            bytes: content.len() as u64,
            fnv1a64: format!("{:016x}", fnv1a64(content)),
        }
    }
}

/// What `tolk batch` records once a pair's outputs are in place
/// (`OUT_DIR/.tolk-done/ID.json`): the statistics of its summary row and
/// a checksum of every output, so that `--resume` keeps the statistics and
/// redoes a pair whose output is missing, truncated or changed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Completion {
    /// The pair's id.
    pub id: String,
    /// Its outputs.
    pub outputs: Vec<OutputSum>,
    /// Source language code used.
    pub src_lang: String,
    /// Target language code used.
    pub tgt_lang: String,
    /// Number of source segments.
    pub src_segments: usize,
    /// Number of target segments.
    pub tgt_segments: usize,
    /// Number of beads.
    pub beads: usize,
    /// Count per bead type.
    pub bead_types: BTreeMap<String, usize>,
    /// The mean confidence's IEEE-754 bits (exact, unlike a decimal).
    pub mean_confidence_bits: Option<u64>,
    /// Findings per kind name, when `--check` ran.
    pub findings: Option<BTreeMap<String, usize>>,
}

impl Completion {
    /// The record of a pair with `stats` whose outputs are `outputs`.
    pub fn new(id: &str, stats: &PairStats, outputs: Vec<OutputSum>) -> Completion {
        Completion {
            id: id.into(),
            outputs,
            src_lang: stats.src_lang.clone(),
            tgt_lang: stats.tgt_lang.clone(),
            src_segments: stats.src_segments,
            tgt_segments: stats.tgt_segments,
            beads: stats.beads,
            bead_types: stats.bead_types.clone(),
            mean_confidence_bits: stats.mean_confidence.map(f64::to_bits),
            findings: stats.findings.as_ref().map(|f| {
                f.iter()
                    .map(|(k, v)| (k.as_str().to_string(), *v))
                    .collect()
            }),
        }
    }

    /// The statistics back; `None` when a findings kind is unknown (a
    /// record of another tolk version: the pair is redone).
    pub fn stats(&self) -> Option<PairStats> {
        let findings = match &self.findings {
            None => None,
            Some(f) => {
                let mut out = BTreeMap::new();
                for (name, count) in f {
                    let kind = crate::report::Kind::ALL
                        .into_iter()
                        .find(|k| k.as_str() == name)?;
                    out.insert(kind, *count);
                }
                Some(out)
            }
        };
        Some(PairStats {
            src_lang: self.src_lang.clone(),
            tgt_lang: self.tgt_lang.clone(),
            src_segments: self.src_segments,
            tgt_segments: self.tgt_segments,
            beads: self.beads,
            bead_types: self.bead_types.clone(),
            mean_confidence: self.mean_confidence_bits.map(f64::from_bits),
            findings,
        })
    }
}

/// The bead types with their own column in `summary.csv`; any other type is
/// counted under `other`.
pub const BEAD_TYPES: [&str; 8] = ["1-1", "1-0", "0-1", "1-2", "2-1", "2-2", "1-3", "3-1"];

/// Statistics of one aligned pair: a row of `summary.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairStats {
    /// Source language code used.
    pub src_lang: String,
    /// Target language code used.
    pub tgt_lang: String,
    /// Number of source segments.
    pub src_segments: usize,
    /// Number of target segments.
    pub tgt_segments: usize,
    /// Number of beads.
    pub beads: usize,
    /// Count per bead type (`"1-1"` → 12), in type order.
    pub bead_types: BTreeMap<String, usize>,
    /// Mean bead confidence; `None` for an alignment without beads.
    pub mean_confidence: Option<f64>,
    /// Findings per check kind (`tolk batch --check`); `None` when the check
    /// was not run.
    pub findings: Option<BTreeMap<crate::report::Kind, usize>>,
}

impl PairStats {
    /// Count segments and bead types of `alignment`.
    pub fn new(
        alignment: &Alignment,
        src_segments: usize,
        tgt_segments: usize,
        src_lang: &str,
        tgt_lang: &str,
    ) -> PairStats {
        let mut bead_types = BTreeMap::new();
        let mut sum = 0.0;
        for bead in &alignment.beads {
            *bead_types.entry(bead.kind()).or_insert(0) += 1;
            sum += bead.confidence;
        }
        let n = alignment.beads.len();
        PairStats {
            src_lang: src_lang.into(),
            tgt_lang: tgt_lang.into(),
            src_segments,
            tgt_segments,
            beads: n,
            bead_types,
            mean_confidence: (n > 0).then(|| sum / n as f64),
            findings: None,
        }
    }

    /// How many beads are not one of [`BEAD_TYPES`].
    pub fn other_beads(&self) -> usize {
        self.bead_types
            .iter()
            .filter(|(k, _)| !BEAD_TYPES.contains(&k.as_str()))
            .map(|(_, v)| v)
            .sum()
    }
}

/// What happened to one pair.
#[derive(Debug, Clone, PartialEq)]
pub enum PairStatus {
    /// Aligned and written.
    Ok(PairStats),
    /// Not attempted: `--resume` found its output.
    Skipped,
    /// Failed; the message names the file and what to do.
    Failed(String),
}

/// One row of `summary.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// The pair's id.
    pub id: String,
    /// Its outcome.
    pub status: PairStatus,
}

/// The header of `summary.csv`.
pub fn summary_header() -> Vec<String> {
    let mut h: Vec<String> = [
        "id",
        "status",
        "error",
        "src_lang",
        "tgt_lang",
        "src_segments",
        "tgt_segments",
        "beads",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.extend(BEAD_TYPES.iter().map(|t| format!("beads_{t}")));
    h.push("beads_other".into());
    h.push("mean_confidence".into());
    h.extend(
        crate::report::Kind::ALL
            .iter()
            .map(|k| format!("findings_{}", k.as_str())),
    );
    h
}

/// A text cell of `summary.csv` made safe to open in a spreadsheet: control
/// characters (NUL, escape sequences) are written as `\u{…}`, and a cell
/// that starts with `=`, `+`, `-` or `@` (a formula to Excel, LibreOffice
/// and Google Sheets) gets a leading `'`.
pub fn guard_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    if text.starts_with(['=', '+', '-', '@']) {
        out.push('\'');
    }
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Write `summary.csv`: one row per pair in manifest order. Deterministic:
/// no timing (that goes to `timings.csv`); confidence to 4 decimals.
pub fn write_summary(rows: &[SummaryRow], w: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
    let io = crate::error::csv_io;
    csv.write_record(summary_header()).map_err(io)?;
    let width = summary_header().len();
    for row in rows {
        let mut rec = vec![guard_cell(&row.id)];
        match &row.status {
            PairStatus::Ok(s) => {
                rec.extend([
                    "ok".into(),
                    String::new(),
                    s.src_lang.clone(),
                    s.tgt_lang.clone(),
                    s.src_segments.to_string(),
                    s.tgt_segments.to_string(),
                    s.beads.to_string(),
                ]);
                for t in BEAD_TYPES {
                    rec.push(s.bead_types.get(t).copied().unwrap_or(0).to_string());
                }
                rec.push(s.other_beads().to_string());
                rec.push(
                    s.mean_confidence
                        .map(|c| format!("{c:.4}"))
                        .unwrap_or_default(),
                );
                for kind in crate::report::Kind::ALL {
                    rec.push(
                        s.findings
                            .as_ref()
                            .map(|f| f.get(&kind).copied().unwrap_or(0).to_string())
                            .unwrap_or_default(),
                    );
                }
            }
            PairStatus::Skipped => rec.push("skipped".into()),
            PairStatus::Failed(msg) => {
                rec.push("failed".into());
                rec.push(guard_cell(msg));
            }
        }
        rec.resize(width, String::new());
        csv.write_record(&rec).map_err(io)?;
    }
    csv.flush()
}

/// The shard summaries of one `--out-dir` merged in manifest order: what
/// `tolk merge-summaries` writes as `summary.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// `summary.csv`, byte for byte as one unsharded run writes it; `None`
    /// unless every id was found exactly once.
    pub summary: Option<Vec<u8>>,
    /// Manifest ids found in no shard summary, in manifest order.
    pub missing: Vec<String>,
    /// Ids found in more than one shard summary: `(id, files)`.
    pub duplicated: Vec<(String, Vec<String>)>,
    /// Ids in a shard summary but not in the manifest: `(id, file)`.
    pub unknown: Vec<(String, String)>,
}

/// Merge shard summaries (`(name, bytes)` of each `summary.K-of-N.csv`)
/// into one summary in the order of `ids` (the manifest's). A file whose
/// header is not [`summary_header`] is an error.
pub fn merge_summaries(ids: &[&str], shards: &[(String, Vec<u8>)]) -> Result<Merged> {
    let header = summary_header();
    let mut found: HashMap<String, (Vec<String>, csv::StringRecord)> = HashMap::new();
    let mut unknown = Vec::new();
    // The summary holds each id as `guard_cell` wrote it.
    let guarded: Vec<String> = ids.iter().map(|id| guard_cell(id)).collect();
    let ids: Vec<&str> = guarded.iter().map(String::as_str).collect();
    let ids = ids.as_slice();
    let known: HashMap<&str, ()> = ids.iter().map(|id| (*id, ())).collect();
    for (name, bytes) in shards {
        let bad = |message: String| Error::Input {
            path: PathBuf::from(name),
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes.as_slice());
        let got = reader
            .headers()
            .map_err(|e| bad(format!("not a summary CSV ({e})")))?;
        if got.iter().ne(header.iter().map(String::as_str)) {
            return Err(bad(
                "its header is not the one `tolk batch` writes; merge only summaries of one tolk version (rerun the shard)".into(),
            ));
        }
        for record in reader.records() {
            let record =
                record.map_err(|e| bad(format!("malformed row ({e}); rerun the shard")))?;
            let id = record.get(0).unwrap_or_default().to_string();
            if !known.contains_key(id.as_str()) {
                unknown.push((id, name.clone()));
                continue;
            }
            found
                .entry(id)
                .or_insert_with(|| (Vec::new(), record.clone()))
                .0
                .push(name.clone());
        }
    }
    let missing: Vec<String> = ids
        .iter()
        .filter(|id| !found.contains_key(**id))
        .map(|id| id.to_string())
        .collect();
    let mut duplicated: Vec<(String, Vec<String>)> = ids
        .iter()
        .filter_map(|id| {
            found
                .get(*id)
                .filter(|(files, _)| files.len() > 1)
                .map(|(files, _)| (id.to_string(), files.clone()))
        })
        .collect();
    duplicated.sort();
    let summary = if missing.is_empty() && duplicated.is_empty() && unknown.is_empty() {
        // Into memory, and every row has the header's width (the reader
        // is not flexible), so nothing here can fail.
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&header).expect("a CSV row in memory");
        for id in ids {
            w.write_record(&found[*id].1).expect("a CSV row in memory");
        }
        Some(w.into_inner().expect("a CSV buffer in memory"))
    } else {
        None
    };
    Ok(Merged {
        summary,
        missing,
        duplicated,
        unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;

    fn parse(text: &str) -> Result<Vec<ManifestPair>> {
        parse_manifest(Path::new("m.csv"), text.as_bytes(), Path::new("/data"))
    }

    #[test]
    fn csv_manifest_resolves_relative_paths_and_defaults_languages() {
        let pairs = parse("id,src,tgt,src_lang\na,x/a.nb,/abs/a.en,nb\nb,b.nb,b.en,\n").unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].src, Path::new("/data/x/a.nb"));
        assert_eq!(pairs[0].tgt, Path::new("/abs/a.en"));
        assert_eq!(pairs[0].src_lang, "nb");
        assert_eq!(pairs[0].tgt_lang, "auto");
        assert_eq!(pairs[1].src_lang, "auto");
        assert_eq!(pairs[1].line, 3);
    }

    #[test]
    fn csv_columns_in_any_order_extra_columns_ignored() {
        let pairs = parse("year,tgt,id,src\n2025,e.txt,p,n.txt\n").unwrap();
        assert_eq!(pairs[0].id, "p");
        assert_eq!(pairs[0].src, Path::new("/data/n.txt"));
    }

    #[test]
    fn jsonl_manifest_skips_blank_lines() {
        let text = "{\"id\":\"a\",\"src\":\"a.nb\",\"tgt\":\"a.en\",\"tgt_lang\":\"en\"}\n\n{\"id\":\"b\",\"src\":\"b.nb\",\"tgt\":\"b.en\",\"note\":1}\n";
        let pairs = parse(text).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].tgt_lang, "en");
        assert_eq!(pairs[1].line, 3);
    }

    #[test]
    fn missing_column_is_named() {
        let err = parse("id,source,tgt\na,b,c\n").unwrap_err().to_string();
        assert!(err.contains("no `src` column"), "{err}");
    }

    #[test]
    fn duplicate_id_is_an_error_naming_both_rows() {
        let err = parse("id,src,tgt\na,1,2\na,3,4\n").unwrap_err().to_string();
        assert!(
            err.contains("row 3") && err.contains("first on row 2"),
            "{err}"
        );
    }

    #[test]
    fn ids_differing_only_in_case_are_duplicates() {
        let err = parse("id,src,tgt\nFokus,1,2\nfokus,3,4\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("duplicate id `fokus`") && err.contains("first on row 2"),
            "{err}"
        );
        assert!(parse("id,src,tgt\nfokus-2025,1,2\nfokus-2026,3,4\n").is_ok());
    }

    #[test]
    fn ids_that_cannot_be_file_names_are_refused() {
        for id in ["../x", "a/b", ".hidden", "a\\b"] {
            let text = format!("id,src,tgt\n\"{id}\",1,2\n");
            assert!(parse(&text).is_err(), "{id} accepted");
        }
    }

    #[test]
    fn empty_manifest_and_empty_fields_are_errors() {
        assert!(parse("id,src,tgt\n").is_err());
        assert!(parse("").is_err());
        let err = parse("id,src,tgt\na,,2\n").unwrap_err().to_string();
        assert!(err.contains("`src` is missing"), "{err}");
        assert!(parse("id,src,tgt\na,1\n").is_err());
        assert!(parse("{\"id\": 3}\n").is_err());
        assert!(parse("{\"id\":\"a\",\"src\":\"-\",\"tgt\":\"b\"}\n").is_err());
    }

    #[test]
    fn shard_parsing_and_membership() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { k: 2, n: 3 }));
        for bad in ["0/3", "4/3", "1/0", "1", "a/b", "-1/2", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad} accepted");
        }
        let s = Shard { k: 2, n: 3 };
        let picked: Vec<usize> = (0..8).filter(|&i| s.contains(i)).collect();
        assert_eq!(picked, [1, 4, 7]);
    }

    #[test]
    fn pairs_that_would_write_one_file_are_refused() {
        let ok = parse("id,src,tgt\nc,1,2\nd,3,4\nsum,5,6\n").unwrap();
        assert!(check_output_names(Path::new("m"), &ok, "csv", true).is_ok());
        for (manifest, ext, check, says) in [
            (
                "id,src,tgt\nc,1,2\nc.check,3,4\n",
                "jsonl",
                true,
                "findings files",
            ),
            (
                "id,src,tgt\nsummary.1-of-2,1,2\n",
                "csv",
                false,
                "summary*.csv",
            ),
            ("id,src,tgt\nTimings,1,2\n", "csv", false, "timings*.csv"),
            (
                "id,src,tgt\nC,1,2\nc.Check,3,4\n",
                "jsonl",
                true,
                "findings files",
            ),
        ] {
            let pairs = parse(manifest).unwrap();
            let err = check_output_names(Path::new("m"), &pairs, ext, check)
                .map(|_| ())
                .unwrap_err()
                .to_string();
            assert!(err.contains(says), "{manifest}: {err}");
        }
    }

    #[test]
    fn summary_cells_cannot_be_formulas_or_carry_control_characters() {
        assert_eq!(guard_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard_cell("a\0b\x1b[31m"), "a\\u{0}b\\u{1b}[31m");
        assert_eq!(guard_cell("fokus-2025"), "fokus-2025");
        let mut out = Vec::new();
        let row = SummaryRow {
            id: "=1+1".into(),
            status: PairStatus::Failed("x.nb: bad \0 byte".into()),
        };
        write_summary(&[row], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\0'));
        assert!(
            text.contains("\n'=1+1,failed,x.nb: bad \\u{0} byte,"),
            "{text}"
        );
    }

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn shards_by_id_partition_the_ids_and_ignore_positions() {
        let ids: Vec<String> = (0..200).map(|i| format!("pair-{i}")).collect();
        let mut sizes = [0; 4];
        for (i, id) in ids.iter().enumerate() {
            let owners: Vec<usize> = (1..=4)
                .filter(|&k| Shard { k, n: 4 }.picks(ShardBy::Id, i, id))
                .collect();
            assert_eq!(owners.len(), 1);
            sizes[owners[0] - 1] += 1;
            // the position does not matter
            assert!(Shard { k: owners[0], n: 4 }.picks(ShardBy::Id, i + 7, id));
        }
        assert!(sizes.iter().all(|&s| s > 30), "{sizes:?}");
    }

    #[test]
    fn a_completion_record_gives_the_statistics_back_exactly() {
        let mut stats = PairStats {
            src_lang: "nb".into(),
            tgt_lang: "en".into(),
            src_segments: 3,
            tgt_segments: 2,
            beads: 2,
            bead_types: [("1-1".to_string(), 1), ("2-1".to_string(), 1)].into(),
            mean_confidence: Some(0.1 + 0.2),
            findings: None,
        };
        stats.findings = Some([(crate::report::Kind::Omission, 2)].into());
        let record = Completion::new("a", &stats, vec![OutputSum::of("a.csv", b"x")]);
        let json = serde_json::to_string(&record).unwrap();
        let back: Completion = serde_json::from_str(&json).unwrap();
        assert_eq!(back.stats().unwrap(), stats);
        assert_eq!(back.outputs[0].bytes, 1);
    }

    #[test]
    fn shards_partition_the_manifest() {
        for n in 1..6 {
            for i in 0..20 {
                let owners = (1..=n).filter(|&k| Shard { k, n }.contains(i)).count();
                assert_eq!(owners, 1);
            }
        }
    }

    #[test]
    fn stats_count_bead_types() {
        let a = Alignment {
            beads: vec![
                Bead {
                    src: 0..1,
                    tgt: 0..1,
                    confidence: 1.0,
                },
                Bead {
                    src: 1..3,
                    tgt: 1..2,
                    confidence: 0.5,
                },
                Bead {
                    src: 3..7,
                    tgt: 2..2,
                    confidence: 0.0,
                },
            ],
            moved: Vec::new(),
        };
        let s = PairStats::new(&a, 7, 2, "nb", "en");
        assert_eq!(s.bead_types["2-1"], 1);
        assert_eq!(s.other_beads(), 1);
        assert_eq!(s.mean_confidence, Some(0.5));
        let mut out = Vec::new();
        write_summary(
            &[
                SummaryRow {
                    id: "x".into(),
                    status: PairStatus::Ok(s),
                },
                SummaryRow {
                    id: "y".into(),
                    status: PairStatus::Failed("y.nb: cannot read".into()),
                },
            ],
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // the nine findings_* columns stay empty when the check was not run
        assert_eq!(
            lines[1],
            "x,ok,,nb,en,7,2,3,1,0,0,0,1,0,0,0,1,0.5000,,,,,,,,,"
        );
        assert_eq!(
            lines[2],
            "y,failed,y.nb: cannot read,,,,,,,,,,,,,,,,,,,,,,,,"
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn pair() -> impl Strategy<Value = (String, String, String, String)> {
            (
                "[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}",
                "[a-zæøå ,\"/.-]{1,20}",
                "[a-zæøå ,\"/.-]{1,20}",
                prop_oneof![
                    Just(String::new()),
                    Just("nb".to_string()),
                    Just("nn".to_string())
                ],
            )
                .prop_filter("path not blank", |(_, s, t, _)| {
                    !s.trim().is_empty()
                        && !t.trim().is_empty()
                        && s.trim() != "-"
                        && t.trim() != "-"
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            /// Pairs written as CSV (by the csv crate, so with any quoting) or
            /// as JSON Lines parse back to the same pairs, in order.
            #[test]
            fn csv_and_jsonl_round_trip(pairs in proptest::collection::vec(pair(), 1..8)) {
                let mut seen = std::collections::HashSet::new();
                // Ids are compared without case: "C" and "c" are one id.
                let pairs: Vec<_> = pairs.into_iter().filter(|p| seen.insert(p.0.to_lowercase())).collect();
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(["id", "src", "tgt", "src_lang"]).unwrap();
                let mut jsonl = String::new();
                for (id, src, tgt, lang) in &pairs {
                    w.write_record([id, src, tgt, lang]).unwrap();
                    jsonl.push_str(&serde_json::json!({"id": id, "src": src, "tgt": tgt, "src_lang": lang}).to_string());
                    jsonl.push('\n');
                }
                let csv_bytes = w.into_inner().unwrap();
                for bytes in [csv_bytes, jsonl.into_bytes()] {
                    let parsed = parse_manifest(Path::new("m"), &bytes, Path::new("b")).unwrap();
                    prop_assert_eq!(parsed.len(), pairs.len());
                    for (p, (id, src, tgt, lang)) in parsed.iter().zip(&pairs) {
                        prop_assert_eq!(&p.id, id);
                        prop_assert_eq!(&p.src, &Path::new("b").join(src.trim()));
                        prop_assert_eq!(&p.tgt, &Path::new("b").join(tgt.trim()));
                        let want = if lang.is_empty() { "auto" } else { lang.as_str() };
                        prop_assert_eq!(p.src_lang.as_str(), want);
                    }
                }
            }
        }
    }
}
