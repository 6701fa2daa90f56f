//! `tolk segment`.

use anyhow::Result;
use tolk::read::{Document, InputFormat, Origin};

use crate::cli::{SegmentArgs, SegmentFormat};
use crate::cmd::{input_format, print_reader_notes, resolve_lang, Output};

/// Run `tolk segment`.
pub fn run(args: SegmentArgs) -> Result<i32> {
    let out_format = crate::cmd::pick_value_format(
        "segment",
        args.output.as_deref(),
        args.format,
        SegmentFormat::Text,
    )?;
    let format: InputFormat = input_format(args.input_format, false);
    let doc = Document::load(&args.file, format)?;
    print_reader_notes(&doc);
    let lang = resolve_lang(&args.lang, &doc)?;
    warn_mixed_language(&doc, lang);
    let segments = tolk::segment::segment(&doc, lang);
    let decoded = match doc.origin {
        Origin::DecodedUtf16 => Some("UTF-16"),
        Origin::Decoded => Some("legacy-encoded"),
        _ => None,
    };
    if let (Some(what), false) = (decoded, matches!(out_format, SegmentFormat::Jsonl)) {
        // JSON Lines carries this in its "offsets" key; the tables say it here
        eprintln!(
            "tolk: note: {}: {what} file decoded; byte offsets refer to the decoded UTF-8 text",
            doc.path.display()
        );
    }
    let mut out = Output::open(args.output.as_deref(), &[&args.file])?;
    let w = out.writer();
    match out_format {
        SegmentFormat::Text => {
            for s in &segments {
                writeln!(w, "{}", tolk::report::write::shown(&s.text))?;
            }
        }
        SegmentFormat::Tsv | SegmentFormat::Csv => {
            let delim = if matches!(out_format, SegmentFormat::Tsv) {
                b'\t'
            } else {
                b','
            };
            let mut csv = csv::WriterBuilder::new().delimiter(delim).from_writer(w);
            csv.write_record(["idx", "para", "kind", "start", "end", "text"])?;
            for (i, s) in segments.iter().enumerate() {
                csv.write_record([
                    i.to_string(),
                    s.para.to_string(),
                    s.kind.as_str().to_string(),
                    s.bytes.start.to_string(),
                    s.bytes.end.to_string(),
                    s.text.clone(),
                ])?;
            }
            csv.flush()?;
        }
        SegmentFormat::Jsonl => {
            for (i, s) in segments.iter().enumerate() {
                let mut v = serde_json::json!({
                    "idx": i, "para": s.para, "kind": s.kind.as_str(),
                    "bytes": [s.bytes.start, s.bytes.end], "text": s.text,
                    "offsets": doc.origin.as_str(),
                });
                if let Some(m) = tolk::segment::marker(&doc, s) {
                    v["marker"] = m.into();
                }
                writeln!(w, "{v}")?;
            }
        }
    }
    out.finish()?;
    Ok(tolk::exit::OK)
}

/// Note on stderr when paragraphs are in English in a Norwegian document or
/// the other way round (untranslated passages, a wrong `--lang`).
fn warn_mixed_language(doc: &Document, lang: tolk::lang::Lang) {
    use tolk::lang::Lang;
    if !(lang.is_norwegian() || lang == Lang::En) {
        return;
    }
    // English or Norwegian is the question here: Bokmål stands for both
    // standards, which keeps the marker test decisive and whatlang rarely asked
    let blocks = doc
        .blocks
        .iter()
        .map(|b| b.lines.iter().map(|l| &doc.text[l.clone()]));
    let odd: Vec<usize> = tolk::lang::detect_paragraphs(blocks, &[Lang::En, Lang::Nb])
        .iter()
        .enumerate()
        .filter_map(|(i, d)| match (d, lang) {
            (Some(Lang::En), l) if l.is_norwegian() => Some(i),
            (Some(l), Lang::En) if l.is_norwegian() => Some(i),
            _ => None,
        })
        .collect();
    if let Some(first) = odd.first() {
        eprintln!(
            "tolk: note: {}: {} of {} paragraphs do not look like `{}` (first: paragraph {}); they are segmented with the `{}` rules",
            doc.path.display(),
            odd.len(),
            doc.blocks.len(),
            lang,
            first,
            lang
        );
    }
}
