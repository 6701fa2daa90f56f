//! `tolk check`.

use anyhow::{bail, Context as _, Result};
use tolk::align::calibrate::Table;
use tolk::lang::{self, Lang};
use tolk::output::csv::Sheet;
use tolk::output::Row;
use tolk::pairs::review::read_reviewed;
use tolk::pipeline;
use tolk::report::check::{check, CheckOptions};
use tolk::report::names::Glossary;
use tolk::report::write::{self, ReportFormat, Titles};
use tolk::report::{Kind, Severity};

use crate::cli::{CheckArgs, CheckFormat, FailOn};
use crate::cmd::{align_options, load_edition, warn_swapped, Output};

/// Resolve a language for `--pairs` input, where there is no document:
/// `auto` detects from the texts, falling back to `fallback`.
fn pairs_lang(value: &str, texts: &str, fallback: Lang, flag: &str) -> Result<Lang> {
    if value.eq_ignore_ascii_case("auto") {
        return Ok(match lang::detect(texts) {
            Some(Lang::Other) | None => fallback,
            Some(l) => l,
        });
    }
    value
        .parse()
        .map_err(|e: String| anyhow::anyhow!("{flag}: {e}"))
}

/// The document id of one of several `--pairs` CSVs: its file name without
/// the extension, or the path as given when two names are the same.
fn doc_id(path: &std::path::Path, all: &[std::path::PathBuf]) -> String {
    let stem = |p: &std::path::Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let name = stem(path);
    if all.iter().filter(|p| stem(p) == name).count() > 1 {
        path.display().to_string()
    } else {
        name
    }
}

/// Warn that `--excel` / `--delimiter` change only CSV output and are
/// ignored `when` ("with --format md").
pub fn warn_csv_only(excel: bool, delimiter: bool, when: &str) {
    for (given, flag) in [(excel, "--excel"), (delimiter, "--delimiter")] {
        if given {
            eprintln!("tolk: warning: {flag} changes only CSV output; ignored {when}");
        }
    }
}

fn severity(level: FailOn) -> Severity {
    match level {
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    }
}

/// Run `tolk check`.
pub fn run(args: CheckArgs) -> Result<i32> {
    crate::cmd::stdin_once(
        [&args.src, &args.tgt, &args.glossary]
            .into_iter()
            .flatten()
            .chain(&args.pairs)
            .map(|p| p.as_path()),
    )?;
    let meaning = crate::cmd::Meaning::open(&args.meaning)?;
    let mut glossary = Glossary::builtin();
    if let Some(g) = &args.glossary {
        glossary.load_tsv(g)?;
    }
    let mut inputs = Vec::new();
    // One check per document: each CSV of --pairs, or the two editions.
    let mut units: Vec<(Vec<Row>, CheckOptions, Option<String>)> = Vec::new();
    let titles: Titles = match (args.pairs.as_slice(), &args.src, &args.tgt) {
        ([], None, _) | ([], _, None) => {
            bail!("give two editions (tolk check SRC TGT) or --pairs ALIGNED.csv")
        }
        ([], Some(src), Some(tgt)) => {
            let s = load_edition(src, &args.src_lang, args.presegmented)?;
            let t = load_edition(tgt, &args.tgt_lang, args.presegmented)?;
            let detected = args.src_lang.eq_ignore_ascii_case("auto")
                && args.tgt_lang.eq_ignore_ascii_case("auto");
            warn_swapped(src, tgt, &s, &t, detected);
            if s.lang == t.lang {
                eprintln!(
                    "tolk: warning: {} and {} are both `{}`: check compares two editions in \
                     different languages (for two versions of one edition, use tolk diff)",
                    src.display(),
                    tgt.display(),
                    s.lang
                );
            }
            let alignment = pipeline::align_editions(
                &s,
                &t,
                &align_options(args.presegmented, meaning.as_ref()),
            );
            if let Some(m) = &meaning {
                m.note();
            }
            let rows = pipeline::rows(&alignment, &s, &t);
            let mut opts = pipeline::check_options(&s, &t);
            opts.calibration = Table::of(meaning.is_some());
            units.push((rows, opts, None));
            inputs.push(src.clone());
            inputs.push(tgt.clone());
            Titles {
                src: src.display().to_string(),
                tgt: tgt.display().to_string(),
                review_page: args.review_page.clone(),
            }
        }
        (paths, None, None) => {
            let several = paths.len() > 1;
            for p in paths {
                let reviewed = read_reviewed(p)?;
                let no_ids = !reviewed.has_ids;
                if no_ids {
                    eprintln!(
                        "tolk: note: {} has no src_ids/tgt_ids columns: omission, addition and \
                         reordering cannot run (they need the segment ids); keep the id columns \
                         tolk align writes to run them",
                        tolk::read::display_path(p).display()
                    );
                }
                let rows = reviewed.rows;
                if rows.is_empty() {
                    // A gate that passes on nothing would hide a broken
                    // export.
                    bail!(
                        "{}: no aligned pairs, only a header: nothing to check (was the file \
                         exported empty?)",
                        tolk::read::display_path(p).display()
                    );
                }
                let sample = |src: bool| {
                    rows.iter()
                        .take(200)
                        .map(|r| {
                            if src {
                                r.src_text.as_str()
                            } else {
                                r.tgt_text.as_str()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let s = pairs_lang(&args.src_lang, &sample(true), Lang::Nb, "--src-lang")?;
                let t = pairs_lang(&args.tgt_lang, &sample(false), Lang::En, "--tgt-lang")?;
                let doc = several.then(|| doc_id(p, paths));
                let mut opts = CheckOptions::new(s, t);
                // the confidences of a CSV aligned with --semantic
                opts.calibration = Table::of(meaning.is_some());
                if no_ids {
                    for k in [Kind::Omission, Kind::Addition, Kind::Reordering] {
                        opts.kinds.remove(&k);
                    }
                }
                units.push((rows, opts, doc));
                inputs.push(p.clone());
            }
            let name = match paths {
                [one] => one.display().to_string(),
                _ => format!("{} CSVs", paths.len()),
            };
            Titles {
                src: format!("{name} (source)"),
                tgt: format!("{name} (target)"),
                review_page: args.review_page.clone(),
            }
        }
        _ => bail!("give either SRC TGT or --pairs ALIGNED.csv, not both"),
    };
    let mut report = tolk::report::Report::default();
    for (rows, mut opts, doc) in units {
        opts.glossary = glossary.clone();
        let r = check(&rows, &opts);
        let r = match &doc {
            Some(d) => r.in_doc(d),
            None => r,
        };
        report.pairs += r.pairs;
        report.findings.extend(r.findings);
    }
    // the exit code counts every finding, shown or not
    let fails = report.fails(severity(args.fail_on));
    let shown = severity(args.min_severity);
    report.findings.retain(|f| f.severity >= shown);
    inputs.extend(args.glossary.clone());
    let input_refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
    let mut out = Output::open(args.output.as_deref(), &input_refs)?;
    // After the check that -o is not an input: writing over the glossary is
    // the mistake to name first. Nothing is written on error.
    let format = crate::cmd::pick_value_format(
        "check",
        args.output.as_deref(),
        args.format,
        CheckFormat::Summary,
    )?;
    if args.review_page.is_some() && !matches!(format, CheckFormat::Html) {
        eprintln!("tolk: warning: --review-page changes only --format html; ignored");
    }
    let delimiter = crate::cmd::convert::parse_delimiter(args.delimiter.as_deref())?;
    if !matches!(format, CheckFormat::Csv) {
        let name = format!("with --format {format:?}").to_lowercase();
        warn_csv_only(args.excel, args.delimiter.is_some(), &name);
    }
    let format = match format {
        CheckFormat::Summary => ReportFormat::Summary,
        CheckFormat::Csv => ReportFormat::Csv(Sheet {
            excel: args.excel,
            delimiter,
        }),
        CheckFormat::Jsonl => ReportFormat::Jsonl,
        CheckFormat::Md => ReportFormat::Md,
        CheckFormat::Html => ReportFormat::Html,
    };
    write::write(format, &report, &titles, out.writer()).context("writing the report")?;
    out.finish()?;
    Ok(if fails {
        tolk::exit::FINDINGS
    } else {
        tolk::exit::OK
    })
}
