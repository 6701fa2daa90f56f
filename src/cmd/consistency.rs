//! `tolk consistency`: term renderings, inconsistent repeated sentences and
//! per-document consistency over an archive of aligned pairs — a manifest
//! (aligned here, like `tolk batch`) or aligned-pairs CSVs.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use tolk::consistency::{self, Doc, Options};
use tolk::lang::{self, Lang};
use tolk::output;

use crate::cli::ConsistencyArgs;
use crate::cmd::{align_manifest, Output};

/// A document loaded, with what names it in errors and its languages.
struct Loaded {
    doc: Doc,
    /// The files it came from (one CSV, or the two editions).
    files: String,
    src_lang: Lang,
    tgt_lang: Lang,
}

/// A manifest pair that failed.
struct Failed {
    id: String,
    row: u64,
    error: String,
}

/// Run `tolk consistency`.
pub fn run(args: ConsistencyArgs) -> Result<i32> {
    crate::cmd::stdin_once(
        args.manifest
            .iter()
            .chain(&args.pairs)
            .chain(&args.glossary)
            .map(|p| p.as_path()),
    )?;
    if args.meaning.semantic && args.manifest.is_none() {
        bail!(
            "--semantic judges pairs while aligning a manifest; the --pairs CSVs are aligned \
             already: leave out --semantic (nothing was written)"
        );
    }
    let dir = &args.out_dir;
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{}: --out-dir is not a directory; give a directory (nothing was written)",
            dir.display()
        );
    }
    let mut opts = Options {
        single_terms: args.terms,
        multi_terms: args.multi_word_terms,
        ..Options::default()
    };
    if let Some(g) = &args.glossary {
        let bytes = tolk::read::read_bytes(g)?;
        let (text, _) = tolk::read::decode_text(g, &bytes)?;
        opts.glossary = consistency::parse_glossary(g, text.trim_start_matches('\u{feff}'))?;
    }
    let (loaded, failed, title) = match &args.manifest {
        Some(m) => from_manifest(m, &args)?,
        None => (from_csvs(&args.pairs)?, Vec::new(), names(&args.pairs)),
    };
    if loaded.is_empty() {
        bail!(
            "every pair failed to align (first: `{}`: {}); nothing to compare (nothing was written)",
            failed.first().map_or("", |f| f.id.as_str()),
            failed.first().map_or("", |f| f.error.as_str())
        );
    }
    same_languages(&loaded)?;
    let mut inputs: Vec<PathBuf> = args.pairs.clone();
    inputs.extend(args.manifest.clone());
    inputs.extend(args.glossary.clone());
    let docs: Vec<Doc> = loaded.into_iter().map(|l| l.doc).collect();
    let result = consistency::analyse(&docs, &opts);

    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "{}: cannot create the output directory; check the path and permissions",
            dir.display()
        )
    })?;
    let input_refs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    type Writer<'a> = dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;
    let files: [(&str, Box<Writer<'_>>); 6] = [
        (
            "terms.csv",
            Box::new(|w| consistency::write::terms_csv(&result, w)),
        ),
        (
            "terms.jsonl",
            Box::new(|w| consistency::write::terms_jsonl(&result, w)),
        ),
        (
            "sentences.csv",
            Box::new(|w| consistency::write::sentences_csv(&result, w)),
        ),
        (
            "documents.csv",
            Box::new(|w| consistency::write::documents_csv(&result, w)),
        ),
        (
            "report.html",
            Box::new(|w| consistency::html::report(&result, &title, w)),
        ),
        ("errors.csv", Box::new(|w| write_errors(&failed, w))),
    ];
    // Everything is written to temporary files first and renamed into place
    // only when all are complete.
    let mut outs = Vec::new();
    for (name, write) in &files {
        let path = dir.join(name);
        let mut out = Output::open_in_dir(&path, &input_refs)?;
        write(out.writer()).with_context(|| format!("{}: cannot write", path.display()))?;
        outs.push(out);
    }
    for out in outs {
        out.finish()?;
    }
    for f in &failed {
        eprintln!(
            "tolk: pair `{}` (row {}) failed: {} (listed in {})",
            f.id,
            f.row,
            f.error,
            dir.join("errors.csv").display()
        );
    }
    Ok(if failed.is_empty() {
        tolk::exit::OK
    } else {
        tolk::exit::FINDINGS
    })
}

fn names(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        [first, .., last] => format!(
            "{} … {} ({} files)",
            first.display(),
            last.display(),
            paths.len()
        ),
        [] => String::new(),
    }
}

fn write_errors(failed: &[Failed], w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut cw = csv::Writer::from_writer(w);
    let io = tolk::output::csv::csv_io;
    cw.write_record(["id", "row", "error"]).map_err(io)?;
    for f in failed {
        cw.write_record([f.id.as_str(), &f.row.to_string(), f.error.as_str()])
            .map_err(io)?;
    }
    cw.flush()
}

/// Align every pair of the manifest (in parallel; results in manifest
/// order). A pair that fails is reported, the others go on.
fn from_manifest(
    manifest: &Path,
    args: &ConsistencyArgs,
) -> Result<(Vec<Loaded>, Vec<Failed>, String)> {
    let list = crate::cmd::batch::read_manifest(manifest)?;
    let meaning = crate::cmd::Meaning::open(&args.meaning)?;
    let results = align_manifest(
        &list,
        args.jobs,
        args.presegmented,
        meaning.as_ref(),
        |p, src, tgt, a| Loaded {
            doc: Doc {
                id: p.id.clone(),
                rows: output::rows(
                    &a,
                    (&src.doc.text, &src.segments),
                    (&tgt.doc.text, &tgt.segments),
                )
                .collect(),
            },
            files: format!(
                "pair `{}` ({} and {})",
                p.id,
                p.src.display(),
                p.tgt.display()
            ),
            src_lang: src.lang,
            tgt_lang: tgt.lang,
        },
    )?;
    if let Some(m) = &meaning {
        m.note();
    }
    let mut loaded = Vec::new();
    let mut failed = Vec::new();
    for (p, r) in list.iter().zip(results) {
        match r {
            Ok(l) => loaded.push(l),
            Err(e) => failed.push(Failed {
                id: p.id.clone(),
                row: p.line,
                error: format!("{e:#}"),
            }),
        }
    }
    Ok((loaded, failed, manifest.display().to_string()))
}

/// Read the CSVs, one document each, named by the file name without
/// `.csv` (the whole path when two names clash).
fn from_csvs(paths: &[PathBuf]) -> Result<Vec<Loaded>> {
    let stem = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let mut out = Vec::new();
    for path in paths {
        let rows = tolk::pairs::read_pairs(path)?;
        if rows.is_empty() {
            bail!(
                "{}: no aligned pairs, only a header; remove it or export it again (nothing was written)",
                path.display()
            );
        }
        // Rows left untranslated (the same text on both sides) say nothing
        // about the languages.
        let sample = |src: bool| -> String {
            rows.iter()
                .filter(|r| r.src_text.trim() != r.tgt_text.trim())
                .take(300)
                .map(|r| if src { &r.src_text } else { &r.tgt_text }.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let detect = |t: &str| match lang::detect(t) {
            Some(Lang::Other) | None => None,
            Some(l) => Some(l),
        };
        let (s, t) = (detect(&sample(true)), detect(&sample(false)));
        let name = stem(path);
        let clash = paths.iter().filter(|p| stem(p) == name).count() > 1;
        out.push(Loaded {
            doc: Doc {
                id: if clash {
                    path.display().to_string()
                } else {
                    name
                },
                rows,
            },
            files: path.display().to_string(),
            src_lang: s.unwrap_or(Lang::Other),
            tgt_lang: t.unwrap_or(Lang::Other),
        });
    }
    Ok(out)
}

/// Bokmål, Nynorsk, Danish and Swedish count as one language here: an
/// archive may hold both Norwegian standards, and older Bokmål (the 1930
/// Bible) is detected as Danish. What is refused is a document translated
/// the other way round, or from another language altogether.
fn family(l: Lang) -> Lang {
    match l {
        Lang::Nn | Lang::Da | Lang::Sv => Lang::Nb,
        l => l,
    }
}

fn same_languages(loaded: &[Loaded]) -> Result<()> {
    let known = |l: Lang| l != Lang::Other;
    for (side, get) in [
        ("source", (|l: &Loaded| l.src_lang) as fn(&Loaded) -> Lang),
        ("target", |l: &Loaded| l.tgt_lang),
    ] {
        let Some(first) = loaded.iter().find(|l| known(get(l))) else {
            continue;
        };
        if let Some(other) = loaded
            .iter()
            .find(|l| known(get(l)) && family(get(l)) != family(get(first)))
        {
            bail!(
                "the {side} languages differ: {} is `{}` but {} is `{}`; give documents translated \
                 in the same direction (swap the columns of the odd one out, or leave it out); \
                 nothing was written",
                first.files,
                get(first),
                other.files,
                get(other)
            );
        }
    }
    Ok(())
}
