//! `tolk align`.

use anyhow::{Context as _, Result};
use tolk::align::calibrate::Table;
use tolk::lexicon::Lexicon;
use tolk::output::{self, Context, Format, Writer};
use tolk::pipeline;

use crate::cli::{AlignArgs, AlignUnit};
use crate::cmd::{align_options, input_format, load_edition_as, Output};

/// Run `tolk align`.
pub fn run(args: AlignArgs) -> Result<i32> {
    let format = crate::cmd::pick_pair_format(Writer::Align, args.output.as_deref(), args.format)?;
    crate::cmd::stdin_once([args.src.as_path(), args.tgt.as_path()])?;
    let dict = match &args.dict {
        Some(path) => Some(Lexicon::load(path).context("--dict")?),
        None => None,
    };
    let meaning = crate::cmd::Meaning::open(&args.meaning)?;
    let input = input_format(args.input_format, args.presegmented);
    let src = load_edition_as(&args.src, &args.src_lang, input)?;
    let tgt = load_edition_as(&args.tgt, &args.tgt_lang, input)?;
    let detected =
        args.src_lang.eq_ignore_ascii_case("auto") && args.tgt_lang.eq_ignore_ascii_case("auto");
    crate::cmd::warn_swapped(&args.src, &args.tgt, &src, &tgt, detected);
    let mut align_opts = align_options(
        input == tolk::read::InputFormat::Presegmented,
        meaning.as_ref(),
    );
    align_opts.dictionary = dict;
    let mut alignment = pipeline::align_editions(&src, &tgt, &align_opts);
    if let Some(m) = &meaning {
        m.note();
    }
    if args.unit == AlignUnit::Paragraph {
        alignment = alignment.by_paragraph(&src.segments, &tgt.segments);
    }
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
    opts.include_identical = args.include_identical;
    opts.include_code = args.include_code;
    opts.only_one_to_one = args.only_1_1;
    opts.include_flagged = args.include_flagged;
    if let Some(tag) = &args.src_locale {
        opts.src_locale = output::locale(tag);
    }
    if let Some(tag) = &args.tgt_locale {
        opts.tgt_locale = output::locale(tag);
    }
    if args.check {
        let mut check_opts = pipeline::check_options(&src, &tgt);
        check_opts.calibration = Table::of(meaning.is_some());
        let report = pipeline::check_editions(&src, &tgt, &alignment, &check_opts);
        opts.findings = report.pair_findings();
        opts.checked = true;
        if args.include_flagged && format != Format::Tmx {
            eprintln!(
                "tolk: warning: --include-flagged changes only TMX output (XLIFF keeps flagged pairs, marked needs-review-translation); ignored"
            );
        }
        if !matches!(format, Format::Tmx | Format::Xliff | Format::Html) {
            eprintln!(
                "tolk: warning: --check shows its findings only in TMX, XLIFF and HTML; for a list, run tolk check"
            );
        }
    }
    if format == Format::Html {
        let texts = |segs: &[tolk::segment::Segment]| {
            segs.iter().map(|s| s.text.clone()).collect::<Vec<_>>()
        };
        opts.page = Some(output::PageData {
            src_segments: texts(&src.segments),
            tgt_segments: texts(&tgt.segments),
            src_hash: output::content_hash(src.doc.text.as_bytes()),
            tgt_hash: output::content_hash(tgt.doc.text.as_bytes()),
        });
    }
    let summary = output::write(
        format,
        &opts,
        output::rows(
            &alignment,
            (&src.doc.text, &src.segments),
            (&tgt.doc.text, &tgt.segments),
        ),
        out.writer(),
    )?;
    out.finish()?;
    crate::cmd::convert::warn_summary(&summary, format);
    Ok(tolk::exit::OK)
}
