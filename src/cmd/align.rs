//! `tolk align`.

use anyhow::{Context as _, Result};
use tolk::lexicon::Lexicon;
use tolk::output::{self, Context, Format};

use crate::cli::{AlignArgs, AlignFormat, AlignUnit};
use crate::cmd::{aligner_for, input_format, load_edition_as, Output};

/// Run `tolk align`.
pub fn run(args: AlignArgs) -> Result<i32> {
    crate::cmd::stdin_once([args.src.as_path(), args.tgt.as_path()])?;
    let dict = match &args.dict {
        Some(path) => Some(Lexicon::load(path).context("--dict")?),
        None => None,
    };
    let input = input_format(args.input_format, args.presegmented);
    let src = load_edition_as(&args.src, &args.src_lang, input)?;
    let tgt = load_edition_as(&args.tgt, &args.tgt_lang, input)?;
    let detected =
        args.src_lang.eq_ignore_ascii_case("auto") && args.tgt_lang.eq_ignore_ascii_case("auto");
    crate::cmd::warn_swapped(&args.src, &args.tgt, &src, &tgt, detected);
    let mut aligner = aligner_for(input == tolk::read::InputFormat::Presegmented);
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
        AlignFormat::Tmx => Format::Tmx,
        AlignFormat::Xliff => Format::Xliff,
        AlignFormat::Html => Format::Html,
    };
    let delimiter = crate::cmd::convert::parse_delimiter(args.delimiter.as_deref())?;
    crate::cmd::convert::warn_idle_options(format, args.delimiter.is_some(), args.excel);
    let mut inputs = vec![args.src.as_path(), args.tgt.as_path()];
    inputs.extend(args.dict.as_deref());
    let mut out = Output::open(args.output.as_deref(), &inputs)?;
    let ctx = Context {
        src_doc: &src.doc,
        tgt_doc: &tgt.doc,
        src_lang: src.lang.code(),
        tgt_lang: tgt.lang.code(),
    };
    let mut opts = output::Options::from_context(&ctx);
    opts.excel = args.excel;
    opts.delimiter = delimiter;
    opts.include_one_sided = args.include_one_sided;
    if let Some(tag) = &args.src_locale {
        opts.src_locale = output::locale(tag);
    }
    if let Some(tag) = &args.tgt_locale {
        opts.tgt_locale = output::locale(tag);
    }
    let summary = output::write(
        format,
        &opts,
        output::rows(&alignment, &src.segments, &tgt.segments),
        out.writer(),
    )?;
    out.finish()?;
    crate::cmd::convert::warn_summary(&summary, format);
    Ok(tolk::exit::OK)
}
