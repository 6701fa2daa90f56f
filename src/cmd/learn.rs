//! `tolk learn`: a dictionary for `--dict`, learned from many aligned
//! pairs — the pairs of a manifest (aligned here, runs of 1-1 beads kept)
//! or reviewed alignment CSVs (every two-sided row kept).

use anyhow::{bail, Context as _, Result};
use tolk::lexicon::{words, write_entries, Counts};

use crate::cli::LearnArgs;
use crate::cmd::{align_manifest, Output};

/// Run `tolk learn`.
pub fn run(args: LearnArgs) -> Result<i32> {
    crate::cmd::stdin_once(
        args.pairs
            .iter()
            .chain(&args.merge)
            .chain(&args.manifest)
            .map(|p| p.as_path()),
    )?;
    if !(args.min_dice > 0.0 && args.min_dice <= 1.0) {
        bail!(
            "--min-dice {} is out of range; give a number in (0, 1], e.g. 0.5",
            args.min_dice
        );
    }
    if args.shard.is_some() && args.counts_out.is_none() {
        bail!("--shard needs --counts-out FILE: a shard's counts are merged with --merge");
    }
    let shard = args.shard.unwrap_or(tolk::batch::Shard::ALL);
    let (counts, from, editions) = if !args.merge.is_empty() {
        let mut counts = Counts::new();
        for path in &args.merge {
            let bytes = tolk::read::read_bytes(path)?;
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{}: invalid UTF-8 at byte {}; give a counts file written by tolk learn --counts-out",
                    path.display(),
                    e.valid_up_to()
                )
            })?;
            counts.merge(&Counts::parse(path, text)?);
        }
        let names: Vec<String> = args.merge.iter().map(|p| p.display().to_string()).collect();
        (counts, names.join(", "), Vec::new())
    } else {
        let (pairs, from, editions) = match &args.manifest {
            Some(manifest) => from_manifest(manifest, &args, shard)?,
            None => {
                let (pairs, from) = from_reviewed(&args, shard)?;
                (pairs, from, Vec::new())
            }
        };
        let mut counts = Counts::new();
        for (s, t) in &pairs {
            counts.add(s, t);
        }
        (counts, from, editions)
    };
    let inputs: Vec<&std::path::Path> = args
        .manifest
        .iter()
        .chain(&args.pairs)
        .chain(&args.merge)
        .chain(&editions)
        .map(|p| p.as_path())
        .collect();
    if let Some(path) = &args.counts_out {
        let mut out = Output::open(Some(path), &inputs)?;
        counts
            .write(out.writer())
            .context("cannot write the counts")?;
        out.finish()?;
        return Ok(tolk::exit::OK);
    }
    if counts.pairs() == 0 {
        bail!(
            "{from}: no sentence pairs to learn from (no runs of 1-1 beads or two-sided rows); \
             give more or longer pairs (nothing was written)"
        );
    }
    let entries = counts.learn(u64::from(args.min_count), args.min_dice, args.mutual_best);
    if entries.is_empty() {
        bail!(
            "{from}: {} sentence pairs gave no word pair with Dice >= {} in >= {} pairs; \
             give more text or lower --min-dice / --min-count (nothing was written)",
            counts.pairs(),
            args.min_dice,
            args.min_count
        );
    }
    let mut out = Output::open(args.output.as_deref(), &inputs)?;
    let comment = format!(
        "tolk learn: {} word pairs from {} sentence pairs (Dice >= {}, in >= {} sentence pairs{})\n\
         word <TAB> translation <TAB> distinct sentence pairs linking them (with both, for a function word) <TAB> Dice; use with tolk align --dict",
        entries.len(),
        counts.pairs(),
        args.min_dice,
        args.min_count,
        if args.mutual_best { ", mutual best" } else { "" }
    );
    write_entries(&entries, &comment, out.writer()).context("cannot write the dictionary")?;
    out.finish()?;
    Ok(tolk::exit::OK)
}

type Pairs = Vec<(Vec<String>, Vec<String>)>;

/// Align every pair of the manifest (in parallel; results in manifest
/// order) and keep the runs of 1-1 beads. Any failing pair fails the run.
fn from_manifest(
    manifest: &std::path::Path,
    args: &LearnArgs,
    shard: tolk::batch::Shard,
) -> Result<(Pairs, String, Vec<std::path::PathBuf>)> {
    let mut list = crate::cmd::batch::read_manifest(manifest)?;
    let mut i = 0;
    list.retain(|_| {
        i += 1;
        shard.contains(i - 1)
    });
    let meaning = crate::cmd::Meaning::open(&args.meaning)?;
    let per_pair = align_manifest(
        &list,
        args.jobs,
        args.presegmented,
        meaning.as_ref(),
        |_, src, tgt, a| a.training_pairs(&src.segments, &tgt.segments),
    )?;
    if let Some(m) = &meaning {
        m.note();
    }
    let mut pairs = Vec::new();
    for (p, r) in list.iter().zip(per_pair) {
        let got = r.with_context(|| {
            format!(
                "{}: pair `{}` (row {}) failed; fix or remove it (nothing was written)",
                manifest.display(),
                p.id,
                p.line
            )
        })?;
        pairs.extend(got);
    }
    let editions = list
        .iter()
        .flat_map(|p| [p.src.clone(), p.tgt.clone()])
        .collect();
    Ok((pairs, manifest.display().to_string(), editions))
}

/// Every row with text on both sides of the reviewed CSVs.
fn from_reviewed(args: &LearnArgs, shard: tolk::batch::Shard) -> Result<(Pairs, String)> {
    let mut pairs = Vec::new();
    for (_, path) in args
        .pairs
        .iter()
        .enumerate()
        .filter(|(i, _)| shard.contains(*i))
    {
        let reviewed = tolk::pairs::review::read_path(path, true)?;
        pairs.extend(
            reviewed
                .rows
                .iter()
                .filter(|r| !r.src_text.trim().is_empty() && !r.tgt_text.trim().is_empty())
                .map(|r| (words(&r.src_text), words(&r.tgt_text))),
        );
    }
    let names: Vec<String> = args.pairs.iter().map(|p| p.display().to_string()).collect();
    Ok((pairs, names.join(", ")))
}
