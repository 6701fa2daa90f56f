//! `tolk align`.

use anyhow::{Context as _, Result};
use tolk::align::Aligner;
use tolk::lexicon::Lexicon;
use tolk::output::{self, Context, Format};

use crate::cli::{AlignArgs, AlignFormat, AlignUnit};
use crate::cmd::{load_edition, Output};

/// Run `tolk align`.
pub fn run(args: AlignArgs) -> Result<i32> {
    let dict = match &args.dict {
        Some(path) => Some(Lexicon::load(path).context("--dict")?),
        None => None,
    };
    let src = load_edition(&args.src, &args.src_lang, args.presegmented)?;
    let tgt = load_edition(&args.tgt, &args.tgt_lang, args.presegmented)?;
    let mut aligner = Aligner::new();
    if let Some(dict) = dict {
        aligner.dictionary(dict);
    }
    let mut alignment = aligner.align(&src.segments, &tgt.segments, src.lang, tgt.lang);
    if args.unit == AlignUnit::Paragraph {
        alignment = alignment.by_paragraph(&src.segments, &tgt.segments);
    }
    let format = match args.format {
        AlignFormat::Csv => Format::Csv,
        AlignFormat::Tsv => Format::Tsv,
        AlignFormat::Jsonl => Format::Jsonl,
        AlignFormat::Beads => Format::Beads,
    };
    let mut out = Output::open(args.output.as_deref(), &[&args.src, &args.tgt])?;
    let ctx = Context {
        src_doc: &src.doc,
        tgt_doc: &tgt.doc,
        src_lang: src.lang.code(),
        tgt_lang: tgt.lang.code(),
    };
    output::write_rows(
        format,
        &ctx,
        output::rows(&alignment, &src.segments, &tgt.segments),
        out.writer(),
    )?;
    out.finish()?;
    Ok(tolk::exit::OK)
}
