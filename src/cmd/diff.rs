//! `tolk diff`.

use std::io::IsTerminal;

use anyhow::{Context as _, Result};
use tolk::output::csv::Sheet;
use tolk::output::Row;
use tolk::pairs::read_pairs;
use tolk::report::diff::{self, DiffFormat};
use tolk::report::update;

use crate::cli::{ColorChoice, DiffArgs, DiffOutFormat};
use crate::cmd::{align_options, load_edition, Output};

/// Run `tolk diff`.
pub fn run(args: DiffArgs) -> Result<i32> {
    let update = args.translation.is_some() || args.pairs.is_some();
    let format = if update {
        // The update sheet is CSV whatever --format says.
        crate::cmd::pick_format(
            "diff --translation",
            args.output.as_deref(),
            "--format",
            None,
            &[("csv".to_string(), DiffOutFormat::Text)],
            Some(DiffOutFormat::Text),
        )?;
        args.format.unwrap_or(DiffOutFormat::Text)
    } else {
        crate::cmd::pick_value_format(
            "diff",
            args.output.as_deref(),
            args.format,
            DiffOutFormat::Text,
        )?
    };
    let delimiter = crate::cmd::convert::parse_delimiter(args.delimiter.as_deref())?;
    if !update {
        crate::cmd::check::warn_csv_only(
            args.excel,
            args.delimiter.is_some(),
            "without --translation or --pairs (only the update sheet is CSV)",
        );
    }
    crate::cmd::stdin_once(
        [&args.old, &args.new]
            .into_iter()
            .chain(&args.translation)
            .chain(&args.pairs)
            .map(|p| p.as_path()),
    )?;
    let old = load_edition(&args.old, &args.lang, args.presegmented)?;
    let new = load_edition(&args.new, &args.lang, args.presegmented)?;
    if old.lang.is_norwegian() != new.lang.is_norwegian() {
        eprintln!(
            "tolk: warning: {} is `{}` but {} is `{}`: diff compares two versions of one \
             edition (for two editions in different languages, use tolk check)",
            args.old.display(),
            old.lang,
            args.new.display(),
            new.lang
        );
    }
    let entries = diff::diff(&old.segments, &new.segments);
    let mut inputs = vec![args.old.clone(), args.new.clone()];

    // Translation update.
    let old_rows: Option<Vec<Row>> = if let Some(t) = &args.translation {
        let tr = load_edition(t, &args.tgt_lang, args.presegmented)?;
        if tr.lang == old.lang {
            eprintln!(
                "tolk: warning: {} reads as `{}`, the language of {}: --translation takes \
                 the old version's translation, in the other language; check the file (or \
                 pass --tgt-lang if its language was misread)",
                t.display(),
                tr.lang,
                args.old.display()
            );
        }
        let alignment =
            tolk::pipeline::align_editions(&old, &tr, &align_options(args.presegmented, None));
        inputs.push(t.clone());
        Some(tolk::pipeline::rows(&alignment, &old, &tr))
    } else if let Some(p) = &args.pairs {
        let rows = read_pairs(p)?;
        let n = old.segments.len();
        if let Some(r) = rows.iter().find(|r| r.src.iter().any(|&i| i >= n)) {
            anyhow::bail!(
                "{}: pair {} refers to source segment {:?}, but {} has only {} segments; \
                 align the old version again or pass --presegmented as when aligning",
                p.display(),
                r.pair,
                r.src,
                args.old.display(),
                n
            );
        }
        inputs.push(p.clone());
        Some(rows)
    } else {
        None
    };

    let refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
    let mut out = Output::open(args.output.as_deref(), &refs)?;
    if let Some(rows) = old_rows {
        let sheet = update::update(&entries, &rows);
        update::write_csv(
            &sheet,
            Sheet {
                excel: args.excel,
                delimiter,
            },
            out.writer(),
        )
        .context("writing the update CSV")?;
        out.finish()?;
        let summary = update::counts(&sheet)
            .iter()
            .map(|(s, n)| format!("{n} {}", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!("tolk diff: {summary}");
        return Ok(tolk::exit::OK);
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => args.output.is_none() && std::io::stdout().is_terminal(),
    };
    let format = match format {
        DiffOutFormat::Text => DiffFormat::Text { color },
        DiffOutFormat::Md => DiffFormat::Md,
        DiffOutFormat::Html => DiffFormat::Html,
        DiffOutFormat::Jsonl => DiffFormat::Jsonl,
    };
    let titles = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    diff::write(format, &entries, (&titles.0, &titles.1), out.writer())
        .context("writing the diff")?;
    out.finish()?;
    Ok(tolk::exit::OK)
}
