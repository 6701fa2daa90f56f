//! `tolk batch`: align every pair of a manifest on a local rayon pool.
//!
//! Workers take pairs in manifest order from a shared counter and send each
//! result to the main thread, which drives the progress bar, writes
//! `--stdout` output in manifest order and collects the summary. A failing
//! (or panicking) pair is recorded and never stops the others.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{anyhow, bail, Context as _, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tolk::batch::{
    Completion, ManifestPair, OutputSum, PairStats, PairStatus, Shard, ShardBy, SummaryRow,
};
use tolk::output::{self, Context, Format};
use tolk::report::Kind;

use crate::cli::{BatchArgs, ShardByArg};
use crate::cmd::{align_options, load_edition, Edition, Output};

/// Validated settings for one run.
struct Config {
    out_dir: Option<PathBuf>,
    format: Format,
    ext: &'static str,
    resume: bool,
    stdout: bool,
    presegmented: bool,
    check: bool,
    /// `--dict`, loaded before any work.
    dict: Option<tolk::lexicon::Lexicon>,
    /// The encoder for `--semantic`, shared by every pair.
    meaning: Option<std::sync::Arc<crate::cmd::Meaning>>,
    /// Every file the run reads (the manifest, `--dict`, every pair's
    /// editions), canonicalized: no output may replace one of them.
    inputs: Vec<PathBuf>,
}

/// What a worker sends back for one pair.
struct Done {
    index: usize,
    status: PairStatus,
    seconds: f64,
    /// `--stdout`: the pair's JSON Lines.
    jsonl: Option<Vec<u8>>,
    /// `--resume` found the pair complete and kept its statistics.
    resumed: bool,
}

/// What aligning one pair gave.
struct PairResult {
    status: PairStatus,
    jsonl: Option<Vec<u8>>,
    resumed: bool,
}

/// Run `tolk batch`.
pub fn run(args: BatchArgs) -> Result<i32> {
    let manifest = args
        .manifest
        .clone()
        .or(args.manifest_flag.clone())
        .ok_or_else(|| anyhow!("give a manifest (a path, or `-` for standard input)"))?;
    if args.stream {
        if manifest != Path::new("-") {
            bail!(
                "--stream reads its records from standard input; give `-` as the manifest (`tolk batch - --stream`)"
            );
        }
        let dict = match &args.dict {
            Some(path) => Some(tolk::lexicon::Lexicon::load(path).context("--dict")?),
            None => None,
        };
        if let Some(base) = &args.base {
            if !base.is_dir() {
                bail!(
                    "{}: --base is not a directory; give the directory relative paths are resolved against",
                    base.display()
                );
            }
        }
        return crate::cmd::stream::run(crate::cmd::stream::StreamConfig {
            base: args.base.clone().unwrap_or_default(),
            presegmented: args.presegmented,
            check: args.check,
            dict,
            meaning: crate::cmd::Meaning::open(&args.meaning)?,
            jobs: crate::cmd::jobs(args.jobs)?,
        });
    }
    let pairs = read_manifest(&manifest)?;
    let mut read_paths: Vec<&Path> = vec![manifest.as_path()];
    read_paths.extend(args.dict.as_deref());
    read_paths.extend(
        pairs
            .iter()
            .flat_map(|p| [p.src.as_path(), p.tgt.as_path()]),
    );
    let inputs: Vec<PathBuf> = read_paths
        .iter()
        .filter(|p| **p != Path::new("-"))
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let format = args.format.unwrap_or(Format::Csv);
    let ext = format.extension();
    if args.out_dir.is_some() && !args.stdout {
        tolk::batch::check_output_names(&manifest, &pairs, ext, args.check)?;
    }
    let shard = args.shard.unwrap_or(Shard::ALL);
    let shard_by = match args.shard_by {
        ShardByArg::Index => ShardBy::Index,
        ShardByArg::Id => ShardBy::Id,
    };
    let selected: Vec<ManifestPair> = pairs
        .into_iter()
        .enumerate()
        .filter(|(i, p)| shard.picks(shard_by, *i, &p.id))
        .map(|(_, p)| p)
        .collect();
    let config = Config {
        out_dir: args.out_dir.clone(),
        format,
        ext,
        resume: args.resume,
        stdout: args.stdout,
        presegmented: args.presegmented,
        check: args.check,
        dict: match &args.dict {
            Some(path) => Some(tolk::lexicon::Lexicon::load(path).context("--dict")?),
            None => None,
        },
        meaning: crate::cmd::Meaning::open(&args.meaning)?,
        inputs,
    };

    // Everything that can be checked before any work is checked here, so a
    // bad --out-dir fails with exit 2 and nothing written.
    let suffix = args
        .shard
        .map(|s| format!(".{}-of-{}", s.k, s.n))
        .unwrap_or_default();
    let mut summary_out = None;
    let mut _lock = None;
    if let Some(dir) = &config.out_dir {
        create_out_dir(dir)?;
        let inputs: Vec<&Path> = selected
            .iter()
            .flat_map(|p| [p.src.as_path(), p.tgt.as_path()])
            .collect();
        let summary_name = format!("summary{suffix}.csv");
        let timings_name = format!("timings{suffix}.csv");
        for name in [&summary_name, &timings_name] {
            let path = dir.join(name);
            if is_input(&path, &config.inputs) {
                bail!(
                    "{}: the run reads this file (the manifest or --dict), so {name} cannot be written there; choose another --out-dir (nothing was written)",
                    path.display()
                );
            }
        }
        _lock = Some(lock_shard(dir, &suffix, args.shard)?);
        remove_stale_temporaries(dir, &selected, &config, &suffix);
        let summary = Output::open_in_dir(&dir.join(&summary_name), &inputs)?;
        let timings = Output::open_in_dir(&dir.join(&timings_name), &inputs)?;
        summary_out = Some((summary, timings));
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::cmd::jobs(args.jobs)?)
        .thread_name(|i| format!("tolk-batch-{i}"))
        .build()
        .context("cannot start worker threads")?;

    let progress = progress_bar(selected.len());
    let n = selected.len();
    let next = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<Done>();

    let mut statuses: Vec<Option<PairStatus>> = vec![None; n];
    let mut seconds = vec![0.0; n];
    let mut resumed = vec![false; n];
    let mut pending: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    let mut next_out = 0;
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stdout_err: Option<io::Error> = None;

    std::thread::scope(|scope| {
        let (selected, config, next, cancel) = (&selected, &config, &next, &cancel);
        let pool = &pool;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..pool.current_num_threads() {
                    let tx = tx.clone();
                    s.spawn(move |_| loop {
                        if cancel.load(Ordering::Relaxed) {
                            break;
                        }
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(pair) = selected.get(index) else {
                            break;
                        };
                        let done = run_pair(index, pair, config);
                        if tx.send(done).is_err() {
                            break;
                        }
                    });
                }
            });
            drop(tx);
        });

        for done in rx.iter() {
            if let PairStatus::Failed(msg) = &done.status {
                // Ids and file names come from the manifest: shown escaped,
                // so that a name cannot recolour or retitle the terminal.
                let line = format!(
                    "tolk: error: pair `{}` (manifest row {}): {msg}",
                    selected[done.index].id, selected[done.index].line
                );
                let line = tolk::report::write::shown(&line);
                match &progress {
                    Some(pb) => pb.suspend(|| eprintln!("{line}")),
                    None => eprintln!("{line}"),
                }
            }
            if let Some(bytes) = done.jsonl {
                pending.insert(done.index, bytes);
            } else if config.stdout {
                pending.insert(done.index, Vec::new());
            }
            statuses[done.index] = Some(done.status);
            seconds[done.index] = done.seconds;
            resumed[done.index] = done.resumed;
            if let Some(pb) = &progress {
                pb.inc(1);
            }
            // --stdout: write every result that is next in manifest order.
            while let Some(bytes) = pending.remove(&next_out) {
                next_out += 1;
                if stdout_err.is_none() {
                    if let Err(e) = stdout.write_all(&bytes) {
                        stdout_err = Some(e);
                        cancel.store(true, Ordering::Relaxed);
                    }
                }
            }
        }
    });
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if let Some(e) = stdout_err {
        return Err(e).context("<stdout>: cannot write");
    }
    stdout.flush().context("<stdout>: cannot write")?;
    drop(stdout);

    let rows: Vec<SummaryRow> = selected
        .iter()
        .zip(statuses)
        .map(|(p, status)| SummaryRow {
            id: p.id.clone(),
            status: status.unwrap_or_else(|| {
                PairStatus::Failed("not run (the batch was interrupted)".into())
            }),
        })
        .collect();
    if let Some((mut summary, mut timings)) = summary_out {
        tolk::batch::write_summary(&rows, summary.writer()).context("summary: cannot write")?;
        summary.finish()?;
        let w = timings.writer();
        writeln!(w, "id,seconds")?;
        for (p, s) in selected.iter().zip(&seconds) {
            let mut csv = csv::Writer::from_writer(Vec::new());
            csv.write_record([p.id.as_str(), &format!("{s:.3}")])?;
            w.write_all(&csv.into_inner().map_err(|e| anyhow!("{e}"))?)?;
        }
        timings.finish()?;
    }

    let failed = rows
        .iter()
        .filter(|r| matches!(r.status, PairStatus::Failed(_)))
        .count();
    let skipped = resumed.iter().filter(|r| **r).count();
    if failed > 0 || io::stderr().is_terminal() {
        let where_ = match &config.out_dir {
            Some(d) => format!("; see {}", d.join(format!("summary{suffix}.csv")).display()),
            None => String::new(),
        };
        eprintln!(
            "tolk: batch: {} pairs: {} ok, {failed} failed, {skipped} already complete (--resume){where_}",
            rows.len(),
            rows.len() - failed - skipped
        );
    }
    if let Some(m) = &config.meaning {
        m.note();
    }
    Ok(if failed > 0 {
        tolk::exit::FINDINGS
    } else {
        tolk::exit::OK
    })
}

/// Read and parse the manifest (`-`: standard input, paths relative to the
/// current directory).
pub(crate) fn read_manifest(path: &Path) -> Result<Vec<ManifestPair>> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read the manifest")?;
        return Ok(tolk::batch::parse_manifest(
            Path::new("<stdin>"),
            &bytes,
            Path::new(""),
        )?);
    }
    let bytes = tolk::read::read_bytes(path)?;
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(tolk::batch::parse_manifest(path, &bytes, base)?)
}

fn create_out_dir(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{}: --out-dir is not a directory; give a directory (nothing was written)",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "{}: cannot create the output directory; give an --out-dir you can write to (nothing was written)",
            dir.display()
        )
    })?;
    if !dir.is_dir() {
        bail!(
            "{}: --out-dir is not a directory; give a directory (nothing was written)",
            dir.display()
        );
    }
    Ok(())
}

fn progress_bar(len: usize) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} pairs, {elapsed_precise} (eta {eta})")
    {
        pb.set_style(style);
    }
    Some(pb)
}

/// Align one pair, catching errors and panics so they fail only this pair.
fn run_pair(index: usize, pair: &ManifestPair, config: &Config) -> Done {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| align_pair(pair, config)));
    let failed = |msg: String| PairResult {
        status: PairStatus::Failed(msg),
        jsonl: None,
        resumed: false,
    };
    let result = match result {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => failed(format!("{e:#}")),
        Err(panic) if panic.is::<tolk::error::OutOfMemory>() => failed(format!(
            "{} and {}: {}",
            pair.src.display(),
            pair.tgt.display(),
            panic_message(&*panic)
        )),
        Err(panic) => failed(panic_message(&*panic)),
    };
    if matches!(result.status, PairStatus::Failed(_)) {
        // A stale record would let --resume take the old outputs for this run's.
        if let Some(dir) = &config.out_dir {
            let _ = std::fs::remove_file(completion_path(dir, &pair.id));
        }
    }
    Done {
        index,
        status: result.status,
        seconds: start.elapsed().as_secs_f64(),
        jsonl: result.jsonl,
        resumed: result.resumed,
    }
}

fn align_pair(pair: &ManifestPair, config: &Config) -> Result<PairResult> {
    let target = config
        .out_dir
        .as_ref()
        .filter(|_| !config.stdout)
        .map(|d| d.join(format!("{}.{}", pair.id, config.ext)));
    if config.resume {
        if let Some(dir) = config.out_dir.as_ref().filter(|_| !config.stdout) {
            if let Some(stats) = completed(dir, pair, config) {
                return Ok(PairResult {
                    status: PairStatus::Ok(stats),
                    jsonl: None,
                    resumed: true,
                });
            }
        }
    }
    let src = load_edition(&pair.src, &pair.src_lang, config.presegmented)?;
    let tgt = load_edition(&pair.tgt, &pair.tgt_lang, config.presegmented)?;
    let ctx = Context {
        src_doc: &src.doc,
        tgt_doc: &tgt.doc,
        src_lang: src.lang.code(),
        tgt_lang: tgt.lang.code(),
    };
    if config.stdout {
        let (stats, rows, _) = align_editions(
            &src,
            &tgt,
            config.presegmented,
            config.dict.as_ref(),
            config.meaning.as_ref(),
            false,
        );
        let mut buf = Vec::new();
        output::write_rows(Format::Jsonl, &ctx, rows.into_iter(), &mut buf)?;
        return Ok(PairResult {
            status: PairStatus::Ok(stats),
            jsonl: Some(with_id(&pair.id, None, &buf)),
            resumed: false,
        });
    }
    let Some(target) = target else {
        bail!("no --out-dir given");
    };
    let check_path = target.with_extension("check.jsonl");
    for path in [&target, &check_path] {
        if is_input(path, &config.inputs) {
            bail!(
                "{}: the output path is also an input (the manifest, --dict or a pair's edition); choose another --out-dir or rename pair `{}` (nothing was written)",
                path.display(),
                pair.id
            );
        }
    }
    let (stats, rows, report) = align_editions(
        &src,
        &tgt,
        config.presegmented,
        config.dict.as_ref(),
        config.meaning.as_ref(),
        config.check,
    );
    // Every finding names its pair.
    let report = report.map(|r| r.in_doc(&pair.id));
    if let Some(report) = &report {
        let mut out = Output::open_in_dir(&check_path, &[&pair.src, &pair.tgt])?;
        tolk::report::write::jsonl(report, out.writer())?;
        out.finish()?;
    }
    let mut out = Output::open_in_dir(&target, &[&pair.src, &pair.tgt])?;
    output::write_rows(config.format, &ctx, rows.into_iter(), out.writer())?;
    out.finish()?;
    // The record comes last: with it in place, the outputs are complete.
    let mut sums = Vec::new();
    for (path, written) in [(&target, true), (&check_path, report.is_some())] {
        if written {
            let bytes = std::fs::read(path)
                .with_context(|| format!("{}: cannot read back", path.display()))?;
            sums.push(OutputSum::of(&file_name(path), &bytes));
        }
    }
    let dir = config.out_dir.as_deref().unwrap_or(Path::new("."));
    let record = Completion::new(&pair.id, &stats, sums);
    let record_path = completion_path(dir, &pair.id);
    state_dir(dir, &[".tolk", "done"])?;
    let mut out = Output::open_in_dir(&record_path, &[])?;
    serde_json::to_writer(out.writer(), &record)?;
    out.finish()?;
    Ok(PairResult {
        status: PairStatus::Ok(stats),
        jsonl: None,
        resumed: false,
    })
}

/// Create (if missing) the directory `dir/parts…` for tolk's own state,
/// refusing a symbolic link on the way: nothing is written through a link
/// planted in --out-dir.
fn state_dir(dir: &Path, parts: &[&str]) -> Result<PathBuf> {
    let mut path = dir.to_path_buf();
    for part in parts {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => bail!(
                "{}: is not a directory (a symbolic link or a file); tolk keeps its state there, so remove it (nothing was written)",
                path.display()
            ),
            Err(_) => match std::fs::create_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("{}: cannot create", path.display()))
                }
            },
        }
    }
    Ok(path)
}

/// The completion record of pair `id`: `OUT_DIR/.tolk/done/ID.json`.
fn completion_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(".tolk").join("done").join(format!("{id}.json"))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `--resume`: the pair's statistics when its completion record lists
/// exactly the outputs this run would write and each is on disk with the
/// recorded length and checksum; `None` (redo the pair) otherwise.
fn completed(dir: &Path, pair: &ManifestPair, config: &Config) -> Option<PairStats> {
    let bytes = std::fs::read(completion_path(dir, &pair.id)).ok()?;
    let record: Completion = serde_json::from_slice(&bytes).ok()?;
    let mut want = vec![format!("{}.{}", pair.id, config.ext)];
    if config.check {
        want.push(format!("{}.check.jsonl", pair.id));
    }
    let listed: Vec<&str> = record.outputs.iter().map(|o| o.file.as_str()).collect();
    if record.id != pair.id || listed != want {
        return None;
    }
    for sum in &record.outputs {
        let path = dir.join(&sum.file);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() != sum.bytes {
            return None;
        }
        if OutputSum::of(&sum.file, &std::fs::read(&path).ok()?) != *sum {
            return None;
        }
    }
    record.stats()
}

/// Hold the lock of this shard in `dir` (`DIR/.tolk/lock[.K-of-N]`) for
/// the whole run, so that a second runner of the same shard (an engine's
/// retry beside a task that is still running) refuses instead of writing
/// the same files. The lock goes with the process, however it ends.
fn lock_shard(dir: &Path, suffix: &str, shard: Option<Shard>) -> Result<std::fs::File> {
    let state = state_dir(dir, &[".tolk"])?;
    let path = state.join(format!("lock{suffix}"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("{}: cannot create the lock file", path.display()))?;
    if !crate::cmd::process::try_lock(&file)
        .with_context(|| format!("{}: cannot lock", path.display()))?
    {
        let which = match shard {
            Some(s) => format!("shard {s}"),
            None => "this manifest".into(),
        };
        bail!(
            "{}: another tolk batch is running {which} into {}; wait for it to finish or stop it (nothing was written)",
            path.display(),
            dir.display()
        );
    }
    Ok(file)
}

/// Remove the temporary files an earlier run of these pairs left behind
/// (killed before it could rename them into place). Only names this shard
/// writes are touched, so other shards sharing the directory are safe; the
/// shard's lock is held.
fn remove_stale_temporaries(dir: &Path, selected: &[ManifestPair], config: &Config, suffix: &str) {
    let mut names: std::collections::HashSet<String> = selected
        .iter()
        .flat_map(|p| {
            [
                format!("{}.{}", p.id, config.ext),
                format!("{}.check.jsonl", p.id),
            ]
        })
        .collect();
    names.insert(format!("summary{suffix}.csv"));
    names.insert(format!("timings{suffix}.csv"));
    let ids: std::collections::HashSet<String> =
        selected.iter().map(|p| format!("{}.json", p.id)).collect();
    for (folder, owned) in [
        (dir.to_path_buf(), &names),
        (dir.join(".tolk").join("done"), &ids),
    ] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(target) = crate::cmd::temporary_for(&name) {
                if owned.contains(target) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// The failure message for a pair whose alignment panicked.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(oom) = panic.downcast_ref::<tolk::error::OutOfMemory>() {
        return format!("{oom}; with several pairs at once, --jobs 1 needs the least");
    }
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("internal error (a bug in tolk; please report it with the two files): {what}")
}

/// Align two loaded editions: the pair's statistics, its rows and, with
/// `check`, the check report (counted into the statistics).
pub(crate) fn align_editions(
    src: &Edition,
    tgt: &Edition,
    presegmented: bool,
    dict: Option<&tolk::lexicon::Lexicon>,
    meaning: Option<&std::sync::Arc<crate::cmd::Meaning>>,
    check: bool,
) -> (PairStats, Vec<output::Row>, Option<tolk::report::Report>) {
    let mut opts = align_options(presegmented, meaning);
    opts.dictionary = dict.cloned();
    let alignment = tolk::pipeline::align_editions(src, tgt, &opts);
    let mut stats = PairStats::new(
        &alignment,
        src.segments.len(),
        tgt.segments.len(),
        src.lang.code(),
        tgt.lang.code(),
    );
    let rows = tolk::pipeline::rows(&alignment, src, tgt);
    let report = check.then(|| {
        let mut opts = tolk::pipeline::check_options(src, tgt);
        opts.calibration = tolk::align::calibrate::Table::of(meaning.is_some());
        let report = tolk::report::check::check(&rows, &opts);
        stats.findings = Some(Kind::ALL.iter().map(|&k| (k, report.count(k))).collect());
        report
    });
    (stats, rows, report)
}

/// True when `path` names one of `inputs` (canonicalized paths).
fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    path.canonicalize().is_ok_and(|p| inputs.contains(&p))
}

/// Prefix every JSON object line of `jsonl` with `"id": <id>` (and
/// `"record": <record>` when given).
pub(crate) fn with_id(id: &str, record: Option<&str>, jsonl: &[u8]) -> Vec<u8> {
    let mut key = format!("{{\"id\":{},", serde_json::Value::from(id));
    if let Some(r) = record {
        key.push_str(&format!("\"record\":{},", serde_json::Value::from(r)));
    }
    let mut out = Vec::with_capacity(jsonl.len() + 32);
    for line in jsonl.split_inclusive(|&b| b == b'\n') {
        match line.strip_prefix(b"{") {
            Some(rest) if rest.starts_with(b"}") => {
                out.extend_from_slice(&key.as_bytes()[..key.len() - 1]);
                out.extend_from_slice(rest);
            }
            Some(rest) => {
                out.extend_from_slice(key.as_bytes());
                out.extend_from_slice(rest);
            }
            None => out.extend_from_slice(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_id;

    #[test]
    fn with_id_prefixes_each_object() {
        let out = with_id("a\"b", None, b"{\"pair\":0}\n{}\n");
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            ["{\"id\":\"a\\\"b\",\"pair\":0}", "{\"id\":\"a\\\"b\"}"]
        );
        for l in lines {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["id"], "a\"b");
        }
    }
}
