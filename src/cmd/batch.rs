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
use tolk::batch::{ManifestPair, PairStats, PairStatus, Shard, SummaryRow};
use tolk::output::{self, Context, Format};
use tolk::report::check::{check, CheckOptions};
use tolk::report::Kind;

use crate::cli::{BatchArgs, BatchFormat};
use crate::cmd::{aligner_with, load_edition, Output};

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
}

/// Run `tolk batch`.
pub fn run(args: BatchArgs) -> Result<i32> {
    let manifest = args
        .manifest
        .clone()
        .or(args.manifest_flag.clone())
        .ok_or_else(|| anyhow!("give a manifest (a path, or `-` for standard input)"))?;
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
    let shard = args.shard.unwrap_or(Shard::ALL);
    let selected: Vec<ManifestPair> = pairs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| shard.contains(*i))
        .map(|(_, p)| p)
        .collect();
    let (format, ext) = match args.format {
        BatchFormat::Csv => (Format::Csv, "csv"),
        BatchFormat::Tsv => (Format::Tsv, "tsv"),
        BatchFormat::Jsonl => (Format::Jsonl, "jsonl"),
        BatchFormat::Beads => (Format::Beads, "beads"),
        BatchFormat::Tmx => (Format::Tmx, "tmx"),
        BatchFormat::Xliff => (Format::Xliff, "xlf"),
        BatchFormat::Html => (Format::Html, "html"),
    };
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
    if let Some(dir) = &config.out_dir {
        create_out_dir(dir)?;
        let inputs: Vec<&Path> = selected
            .iter()
            .flat_map(|p| [p.src.as_path(), p.tgt.as_path()])
            .collect();
        let summary_name = format!("summary{suffix}.csv");
        let timings_name = format!("timings{suffix}.csv");
        if !config.stdout {
            for p in &selected {
                let name = format!("{}.{}", p.id, config.ext);
                // Without case, as the ids are compared (a case-insensitive
                // file system would write both to one file).
                if let Some(taken) = [&summary_name, &timings_name]
                    .into_iter()
                    .find(|t| t.eq_ignore_ascii_case(&name))
                {
                    bail!(
                        "{}: pair id `{}` (row {}) would overwrite {taken}; rename the pair",
                        manifest.display(),
                        p.id,
                        p.line
                    );
                }
            }
        }
        for name in [&summary_name, &timings_name] {
            let path = dir.join(name);
            if is_input(&path, &config.inputs) {
                bail!(
                    "{}: the run reads this file (the manifest or --dict), so {name} cannot be written there; choose another --out-dir (nothing was written)",
                    path.display()
                );
            }
        }
        let summary = Output::open(Some(&dir.join(&summary_name)), &inputs)?;
        let timings = Output::open(Some(&dir.join(&timings_name)), &inputs)?;
        summary_out = Some((summary, timings));
    }

    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        pool = pool.num_threads(usize::from(j));
    }
    let pool = pool
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
                let line = format!(
                    "tolk: error: pair `{}` (manifest row {}): {msg}",
                    selected[done.index].id, selected[done.index].line
                );
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
    let skipped = rows
        .iter()
        .filter(|r| matches!(r.status, PairStatus::Skipped))
        .count();
    if failed > 0 || io::stderr().is_terminal() {
        let where_ = match &config.out_dir {
            Some(d) => format!("; see {}", d.join(format!("summary{suffix}.csv")).display()),
            None => String::new(),
        };
        eprintln!(
            "tolk: batch: {} pairs: {} ok, {failed} failed, {skipped} skipped{where_}",
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
    let (status, jsonl) = match result {
        Ok(Ok((status, jsonl))) => (status, jsonl),
        Ok(Err(e)) => (PairStatus::Failed(format!("{e:#}")), None),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            (
                PairStatus::Failed(format!(
                    "internal error (a bug in tolk; please report it with the two files): {what}"
                )),
                None,
            )
        }
    };
    Done {
        index,
        status,
        seconds: start.elapsed().as_secs_f64(),
        jsonl,
    }
}

fn align_pair(pair: &ManifestPair, config: &Config) -> Result<(PairStatus, Option<Vec<u8>>)> {
    let target = config
        .out_dir
        .as_ref()
        .filter(|_| !config.stdout)
        .map(|d| d.join(format!("{}.{}", pair.id, config.ext)));
    if config.resume {
        if let Some(t) = &target {
            if t.exists() {
                return Ok((PairStatus::Skipped, None));
            }
        }
    }
    let src = load_edition(&pair.src, &pair.src_lang, config.presegmented)?;
    let tgt = load_edition(&pair.tgt, &pair.tgt_lang, config.presegmented)?;
    let mut aligner = aligner_with(config.presegmented, config.meaning.as_ref());
    if let Some(dict) = &config.dict {
        aligner.dictionary(dict.clone());
    }
    let alignment = aligner.align(&src.segments, &tgt.segments, src.lang, tgt.lang);
    let stats = PairStats::new(
        &alignment,
        src.segments.len(),
        tgt.segments.len(),
        src.lang.code(),
        tgt.lang.code(),
    );
    let ctx = Context {
        src_doc: &src.doc,
        tgt_doc: &tgt.doc,
        src_lang: src.lang.code(),
        tgt_lang: tgt.lang.code(),
    };
    let rows = output::rows(&alignment, &src.segments, &tgt.segments);
    if config.stdout {
        let mut buf = Vec::new();
        output::write_rows(Format::Jsonl, &ctx, rows, &mut buf)?;
        return Ok((PairStatus::Ok(stats), Some(with_id(&pair.id, &buf))));
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
    let mut stats = stats;
    let rows: Vec<output::Row> = rows.collect();
    if config.check {
        let mut opts = CheckOptions::new(src.lang, tgt.lang);
        opts.segments(&src.segments, &tgt.segments);
        let report = check(&rows, &opts);
        let counts = Kind::ALL.iter().map(|&k| (k, report.count(k))).collect();
        stats.findings = Some(counts);
        let mut out = Output::open(Some(&check_path), &[&pair.src, &pair.tgt])?;
        tolk::report::write::jsonl(&report, out.writer())?;
        out.finish()?;
    }
    let mut out = Output::open(Some(&target), &[&pair.src, &pair.tgt])?;
    output::write_rows(config.format, &ctx, rows.into_iter(), out.writer())?;
    out.finish()?;
    Ok((PairStatus::Ok(stats), None))
}

/// True when `path` names one of `inputs` (canonicalized paths).
fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    path.canonicalize().is_ok_and(|p| inputs.contains(&p))
}

/// Prefix every JSON object line of `jsonl` with `"id": <id>`.
fn with_id(id: &str, jsonl: &[u8]) -> Vec<u8> {
    let key = format!("{{\"id\":{},", serde_json::Value::from(id));
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
        let out = with_id("a\"b", b"{\"pair\":0}\n{}\n");
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
