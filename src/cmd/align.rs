//! `tolk align`.

use anyhow::Result;
use tolk::align::Aligner;
use tolk::output::{self, Context, Format};
use tolk::read::{Document, InputFormat};

use crate::cli::{AlignArgs, AlignFormat};
use crate::cmd::{resolve_lang, Output};

/// Run `tolk align`.
pub fn run(args: AlignArgs) -> Result<i32> {
    let input = if args.presegmented {
        InputFormat::Presegmented
    } else {
        InputFormat::Auto
    };
    let src_doc = Document::load(&args.src, input)?;
    let tgt_doc = Document::load(&args.tgt, input)?;
    let src_lang = resolve_lang(&args.src_lang, &src_doc)?;
    let tgt_lang = resolve_lang(&args.tgt_lang, &tgt_doc)?;
    let (src, tgt) = if args.presegmented {
        (
            tolk::segment::presegmented(&src_doc),
            tolk::segment::presegmented(&tgt_doc),
        )
    } else {
        (
            tolk::segment::segment(&src_doc, src_lang),
            tolk::segment::segment(&tgt_doc, tgt_lang),
        )
    };
    let aligner = Aligner::new();
    let alignment = aligner.align(&src, &tgt, src_lang, tgt_lang);
    let format = match args.format {
        AlignFormat::Csv => Format::Csv,
        AlignFormat::Tsv => Format::Tsv,
        AlignFormat::Jsonl => Format::Jsonl,
        AlignFormat::Beads => Format::Beads,
    };
    let mut out = Output::open(args.output.as_deref(), &[&args.src, &args.tgt])?;
    let ctx = Context {
        src_doc: &src_doc,
        tgt_doc: &tgt_doc,
        src_lang: src_lang.code(),
        tgt_lang: tgt_lang.code(),
    };
    output::write_rows(
        format,
        &ctx,
        output::rows(&alignment, &src, &tgt),
        out.writer(),
    )?;
    out.finish()?;
    Ok(tolk::exit::OK)
}
