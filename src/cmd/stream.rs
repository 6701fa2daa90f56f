//! `tolk batch - --stream`: pairs as JSON Lines records on standard input,
//! results as records on standard output, for engines that pipe records
//! through a command (Spark's `RDD.pipe`, Hadoop streaming, GNU parallel
//! `--pipe`, Dask or Ray tasks).
//!
//! A reader thread takes one line at a time; workers align the pairs; the
//! main thread writes each pair's records in input order and flushes after
//! every pair. What is written for a record depends only on that record and
//! the options, never on its position in the stream, the thread count or
//! how the engine cut the stream into chunks. A record that cannot be used
//! or a pair that fails yields a `failed` pair record and the stream goes
//! on; only an unreadable standard input or an unwritable standard output
//! stops it (exit 2; a closed pipe exits 0).

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};

use anyhow::{Context as _, Result};
use tolk::batch::{parse_stream_record, PairStatus, RecordError, Source, StreamRecord};
use tolk::output::{self, Context, Format};
use tolk::read::{Document, InputFormat};

use crate::cmd::batch::{align_editions, panic_message, with_id};
use crate::cmd::{edition_from, load_edition, Edition};

/// Settings of a stream run.
pub struct StreamConfig {
    /// Relative `src`/`tgt` paths are joined to this directory.
    pub base: PathBuf,
    /// Inputs have one segment per line.
    pub presegmented: bool,
    /// Run `tolk check` on each pair; findings go into the pair record.
    pub check: bool,
    /// `--dict`, loaded before the first record.
    pub dict: Option<tolk::lexicon::Lexicon>,
    /// Worker threads.
    pub jobs: usize,
}

/// Read records from standard input until it closes; write every pair's
/// records to standard output. Returns the exit code (0 even when pairs
/// failed: the failures are records).
pub fn run(config: StreamConfig) -> Result<i32> {
    let jobs = config.jobs.max(1);
    let config = Arc::new(config);
    // Bounded, so that a fast producer does not fill memory.
    let (line_tx, line_rx) = mpsc::sync_channel::<(usize, Vec<u8>)>(jobs * 2);
    let line_rx = Arc::new(Mutex::new(line_rx));
    let (out_tx, out_rx) = mpsc::channel::<(usize, io::Result<Vec<u8>>)>();

    // The reader and the workers are not joined: when standard output
    // closes, `run` returns at once and the process exits.
    let reader_tx = out_tx.clone();
    std::thread::Builder::new()
        .name("tolk-stream-read".into())
        .spawn(move || {
            let mut stdin = io::stdin().lock();
            let mut index = 0;
            loop {
                let mut line = Vec::new();
                match stdin.read_until(b'\n', &mut line) {
                    Ok(0) => break,
                    Ok(_) => {
                        if line.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        if line_tx.send((index, line)).is_err() {
                            break;
                        }
                        index += 1;
                    }
                    Err(e) => {
                        let _ = reader_tx.send((index, Err(e)));
                        break;
                    }
                }
            }
        })
        .context("cannot start the reader thread")?;
    for i in 0..jobs {
        let (rx, tx, config) = (Arc::clone(&line_rx), out_tx.clone(), Arc::clone(&config));
        std::thread::Builder::new()
            .name(format!("tolk-stream-{i}"))
            .spawn(move || loop {
                let next = rx.lock().map(|r| r.recv());
                let Ok(Ok((index, line))) = next else {
                    break;
                };
                if tx.send((index, Ok(process_line(&line, &config)))).is_err() {
                    break;
                }
            })
            .context("cannot start worker threads")?;
    }
    drop(out_tx);

    let mut stdout = io::stdout().lock();
    let mut pending: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    let mut next = 0;
    for (index, result) in out_rx.iter() {
        let bytes = result.context("<stdin>: cannot read the records")?;
        pending.insert(index, bytes);
        while let Some(bytes) = pending.remove(&next) {
            next += 1;
            stdout
                .write_all(&bytes)
                .and_then(|_| stdout.flush())
                .context("<stdout>: cannot write")?;
        }
    }
    Ok(tolk::exit::OK)
}

/// Everything written for one input line: the bead records, then the pair
/// record.
fn process_line(line: &[u8], config: &StreamConfig) -> Vec<u8> {
    let record = match std::str::from_utf8(line) {
        Ok(text) => parse_stream_record(text.trim_end_matches(['\n', '\r']), &config.base),
        Err(e) => Err(RecordError {
            id: None,
            message: format!(
                "the record is not valid UTF-8 (byte {}); give UTF-8 JSON Lines",
                e.valid_up_to()
            ),
        }),
    };
    let record = match record {
        Ok(r) => r,
        Err(e) => {
            let status = PairStatus::Failed(e.message);
            return line_of(tolk::batch::pair_record(e.id.as_deref(), &status, None));
        }
    };
    match catch_unwind(AssertUnwindSafe(|| align_record(&record, config))) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => line_of(tolk::batch::pair_record(
            Some(&record.id),
            &PairStatus::Failed(format!("{e:#}")),
            None,
        )),
        Err(panic) => line_of(tolk::batch::pair_record(
            Some(&record.id),
            &PairStatus::Failed(panic_message(&*panic)),
            None,
        )),
    }
}

fn line_of(mut record: String) -> Vec<u8> {
    record.push('\n');
    record.into_bytes()
}

fn load(source: &Source, id: &str, side: &str, lang: &str, presegmented: bool) -> Result<Edition> {
    match source {
        Source::Path(path) => load_edition(path, lang, presegmented),
        Source::Text(text) => {
            let format = if presegmented {
                InputFormat::Presegmented
            } else {
                InputFormat::Text
            };
            let name = format!("{id}:{side}_text");
            let doc = Document::from_bytes(Path::new(&name), text.as_bytes(), format)?;
            edition_from(doc, lang, presegmented)
        }
    }
}

fn align_record(record: &StreamRecord, config: &StreamConfig) -> Result<Vec<u8>> {
    let id = record.id.as_str();
    let src = load(
        &record.src,
        id,
        "src",
        &record.src_lang,
        config.presegmented,
    )?;
    let tgt = load(
        &record.tgt,
        id,
        "tgt",
        &record.tgt_lang,
        config.presegmented,
    )?;
    let (stats, rows, report) = align_editions(
        &src,
        &tgt,
        config.presegmented,
        config.dict.as_ref(),
        config.check,
    );
    let ctx = Context {
        src_doc: &src.doc,
        tgt_doc: &tgt.doc,
        src_lang: src.lang.code(),
        tgt_lang: tgt.lang.code(),
    };
    let mut beads = Vec::new();
    output::write_rows(Format::Jsonl, &ctx, rows.into_iter(), &mut beads)?;
    let findings = match &report {
        Some(report) => {
            let mut buf = Vec::new();
            tolk::report::write::jsonl(report, &mut buf)?;
            let list = buf
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(serde_json::from_slice)
                .collect::<std::result::Result<Vec<serde_json::Value>, _>>()?;
            Some(list)
        }
        None => None,
    };
    let mut out = with_id(id, Some("bead"), &beads);
    out.extend(line_of(tolk::batch::pair_record(
        Some(id),
        &PairStatus::Ok(stats),
        findings,
    )));
    Ok(out)
}
