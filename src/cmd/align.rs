//! `tolk align`.

use anyhow::Result;
use tolk::align::Aligner;
use tolk::output::{self, Context, Format};

use crate::cli::{AlignArgs, AlignFormat};
use crate::cmd::{input_format, load_edition_as, Output};

/// Run `tolk align`.
pub fn run(args: AlignArgs) -> Result<i32> {
    let input = input_format(args.input_format, args.presegmented);
    let src = load_edition_as(&args.src, &args.src_lang, input)?;
    let tgt = load_edition_as(&args.tgt, &args.tgt_lang, input)?;
    let aligner = Aligner::new();
    let alignment = aligner.align(&src.segments, &tgt.segments, src.lang, tgt.lang);
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
