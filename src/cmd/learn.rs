//! `tolk learn`: a dictionary for `--dict`, learned from many aligned
//! pairs — the pairs of a manifest (aligned here, runs of 1-1 beads kept)
//! or reviewed alignment CSVs (every two-sided row kept).

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;
use tolk::lexicon::{training_pairs, words, Lexicon};

use crate::cli::LearnArgs;
use crate::cmd::{aligner_with, load_edition, Output};

/// Most sentence pairs counted (evenly spread over the input): enough for
/// a high-precision lexicon, and counting stays fast.
const MAX_PAIRS: usize = 100_000;

/// Run `tolk learn`.
pub fn run(args: LearnArgs) -> Result<i32> {
    crate::cmd::stdin_once(args.pairs.iter().map(|p| p.as_path()))?;
    if !(args.min_dice > 0.0 && args.min_dice <= 1.0) {
        bail!(
            "--min-dice {} is out of range; give a number in (0, 1], e.g. 0.5",
            args.min_dice
        );
    }
    let (pairs, from, editions) = match &args.manifest {
        Some(manifest) => from_manifest(manifest, &args)?,
        None => {
            let (pairs, from) = from_reviewed(&args)?;
            (pairs, from, Vec::new())
        }
    };
    if pairs.is_empty() {
        bail!(
            "{from}: no sentence pairs to learn from (no runs of 1-1 beads or two-sided rows); \
             give more or longer pairs (nothing was written)"
        );
    }
    let lexicon = Lexicon::learn_dice(&pairs, args.min_count, args.min_dice, MAX_PAIRS);
    if lexicon.is_empty() {
        bail!(
            "{from}: {} sentence pairs gave no word pair with Dice >= {} in >= {} pairs; \
             give more text or lower --min-dice / --min-count (nothing was written)",
            pairs.len(),
            args.min_dice,
            args.min_count
        );
    }
    let inputs: Vec<&std::path::Path> = args
        .manifest
        .iter()
        .chain(&args.pairs)
        .chain(&editions)
        .map(|p| p.as_path())
        .collect();
    let mut out = Output::open(args.output.as_deref(), &inputs)?;
    let comment = format!(
        "tolk learn: {} word pairs from {} sentence pairs of {from} (Dice >= {}, co-occurring >= {} times)\n\
         word <TAB> translation; use with tolk align --dict",
        lexicon.len(),
        pairs.len(),
        args.min_dice,
        args.min_count
    );
    lexicon
        .write_tsv(&comment, out.writer())
        .context("cannot write the dictionary")?;
    out.finish()?;
    Ok(tolk::exit::OK)
}

type Pairs = Vec<(Vec<String>, Vec<String>)>;

/// Align every pair of the manifest (in parallel; results in manifest
/// order) and keep the runs of 1-1 beads. Any failing pair fails the run.
fn from_manifest(
    manifest: &std::path::Path,
    args: &LearnArgs,
) -> Result<(Pairs, String, Vec<std::path::PathBuf>)> {
    let list = crate::cmd::batch::read_manifest(manifest)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        pool = pool.num_threads(usize::from(j));
    }
    let pool = pool.build().context("cannot start worker threads")?;
    let presegmented = args.presegmented;
    let meaning = crate::cmd::Meaning::open(&args.meaning)?;
    let per_pair: Vec<Result<Pairs>> = pool.install(|| {
        list.par_iter()
            .map(|p| {
                let src = load_edition(&p.src, &p.src_lang, presegmented)?;
                let tgt = load_edition(&p.tgt, &p.tgt_lang, presegmented)?;
                let alignment = aligner_with(presegmented, meaning.as_ref()).align(
                    &src.segments,
                    &tgt.segments,
                    src.lang,
                    tgt.lang,
                );
                Ok(training_pairs(&alignment, &src.segments, &tgt.segments))
            })
            .collect()
    });
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
fn from_reviewed(args: &LearnArgs) -> Result<(Pairs, String)> {
    let mut pairs = Vec::new();
    for path in &args.pairs {
        let reviewed = tolk::review::read_path(path, true)?;
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
