//! `tolk convert`: a reviewed CSV becomes a translation memory (TMX,
//! XLIFF) or another row format. Also the output helpers `tolk align`
//! shares: the delimiter option and the writer's warnings.

use anyhow::{bail, Result};
use tolk::output::{self, Format, Options, Summary, Writer};

use crate::cli::ConvertArgs;
use crate::cmd::Output;

/// Parse a `--delimiter` value: one ASCII character (`,`, `;`, `|` …) or
/// `\t` / `tab` for a tab. `None` gives `,`.
pub fn parse_delimiter(value: Option<&str>) -> Result<u8> {
    let Some(v) = value else { return Ok(b',') };
    let b = match v {
        "\\t" | "tab" | "\t" => b'\t',
        s if s.len() == 1 && s.is_ascii() => s.as_bytes()[0],
        _ => bail!("--delimiter: `{v}` is not a single ASCII character; use ',' or ';' or 'tab'"),
    };
    if b == b'"' || b == b'\'' || b == b'\n' || b == b'\r' || b.is_ascii_alphanumeric() {
        bail!("--delimiter: `{v}` cannot separate fields; use ',' or ';' or 'tab'");
    }
    Ok(b)
}

/// Warn on stderr about spreadsheet options given with an output format
/// they do not change (`--delimiter` changes only CSV, `--excel` CSV and
/// TSV), which would otherwise be ignored without a word.
pub fn warn_idle_options(format: Format, delimiter: bool, excel: bool) {
    let name = format!("{format:?}").to_lowercase();
    if delimiter && format != Format::Csv {
        eprintln!(
            "tolk: warning: --delimiter changes only CSV output; ignored with --format {name}"
        );
    }
    if excel && !matches!(format, Format::Csv | Format::Tsv) {
        eprintln!(
            "tolk: warning: --excel changes only CSV and TSV output; ignored with --format {name}"
        );
    }
}

/// Tell the user on stderr what the writer changed or left out.
pub fn warn_summary(s: &Summary, format: Format) {
    if s.replaced_chars > 0 {
        eprintln!(
            "tolk: warning: {} character(s) that XML cannot hold (control characters) were replaced by U+FFFD",
            s.replaced_chars
        );
    }
    let name = if format == Format::Tmx {
        "TMX"
    } else {
        "XLIFF"
    };
    let left_out = [
        (
            s.skipped_one_sided,
            "one-sided pair(s) (1-0, 0-1)",
            "; pass --include-one-sided to keep them",
        ),
        (
            s.skipped_identical,
            "pair(s) whose two sides are the same text",
            "; pass --include-identical to keep them",
        ),
        (
            s.skipped_not_one_to_one,
            "pair(s) that are not 1-1",
            " (--only-1-1)",
        ),
        (
            s.skipped_flagged,
            "pair(s) with an error-level check finding",
            "; pass --include-flagged to keep them, marked x-tolk-finding",
        ),
    ];
    for (n, what, how) in left_out {
        if n > 0 {
            eprintln!("tolk: note: {n} {what} left out of the {name}{how}");
        }
    }
    if s.marked > 0 {
        let how = if format == Format::Tmx {
            "with <prop type=\"x-tolk-finding\">"
        } else {
            "with <note from=\"tolk-check\">; those with an error as needs-review-translation"
        };
        eprintln!(
            "tolk: note: {} pair(s) in the {name} carry check findings, marked {how}",
            s.marked
        );
    }
    if s.skipped_code > 0 {
        eprintln!(
            "tolk: note: {} pair(s) of code or preformatted text left out of the {}; pass --include-code to keep them",
            s.skipped_code,
            if format == Format::Tmx {
                "TMX"
            } else {
                "XLIFF"
            }
        );
    }
}

/// Run `tolk convert`.
pub fn run(args: ConvertArgs) -> Result<i32> {
    let format = crate::cmd::pick_pair_format(Writer::Convert, args.output.as_deref(), args.to)?;
    let mut opts = Options::new(&args.src_lang, &args.tgt_lang);
    opts.delimiter = parse_delimiter(args.delimiter.as_deref())?;
    // --excel also reads the input's formula guards, so it is never idle.
    warn_idle_options(format, args.delimiter.is_some(), false);
    opts.excel = args.excel;
    opts.review_columns = true;
    opts.include_one_sided = args.include_one_sided;
    opts.include_identical = args.include_identical;
    opts.only_one_to_one = args.only_1_1;
    opts.src_name = args.input.display().to_string();
    // Read and validate everything first: a malformed row writes nothing.
    let reviewed = tolk::pairs::review::read_path(&args.input, !args.keep_apostrophes)?;
    if reviewed.rejected > 0 {
        eprintln!(
            "tolk: note: {} row(s) with status reject left out",
            reviewed.rejected
        );
    }
    let mut out = Output::open(args.output.as_deref(), &[&args.input])?;
    let summary = output::write(format, &opts, reviewed.rows.into_iter(), out.writer())?;
    out.finish()?;
    warn_summary(&summary, format);
    Ok(tolk::exit::OK)
}
