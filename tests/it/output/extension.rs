//! `-o FILE` picks the output format from the file's extension in every
//! command that writes; `--format` (`--to`) wins over an unknown extension;
//! an extension that contradicts `--format`, names a format the command does
//! not write, or names one tolk never writes (`.xlsx`) is an error (exit 2,
//! nothing written) that says what to do.

use std::path::Path;

use tempfile::TempDir;

use crate::util::{corpora, fixture, tolk};

fn editions() -> [String; 2] {
    [
        corpora().join("utsyn-2026.nb.md").display().to_string(),
        corpora().join("utsyn-2026.en.md").display().to_string(),
    ]
}

fn reviewed() -> String {
    fixture("report/edition.pairs.csv").display().to_string()
}

/// Runs `args` with `-o dir/name`; returns the exit code, stderr and the
/// file written (`None` when there is none).
fn run(dir: &TempDir, name: &str, args: &[&str]) -> (i32, String, Option<String>) {
    let path = dir.path().join(name);
    let out = tolk().args(args).arg("-o").arg(&path).output().unwrap();
    let written = std::fs::read(&path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        written,
    )
}

fn align(dir: &TempDir, name: &str, extra: &[&str]) -> (i32, String, Option<String>) {
    let [nb, en] = editions();
    let mut args = vec!["align", nb.as_str(), en.as_str()];
    args.extend_from_slice(extra);
    run(dir, name, &args)
}

#[test]
fn align_writes_the_format_the_extension_names() {
    let dir = TempDir::new().unwrap();
    let cases: [(&str, &str); 8] = [
        ("a.csv", "pair,src_ids,tgt_ids"),
        ("a.tsv", "pair\tsrc_ids\ttgt_ids"),
        ("a.jsonl", "{\""),
        ("a.tmx", "<tmx version=\"1.4\">"),
        ("a.xlf", "<xliff version=\"1.2\""),
        ("a.XLIFF", "<xliff version=\"1.2\""),
        ("a.html", "<!DOCTYPE html>"),
        ("a.beads", "[0]:[0]"),
    ];
    for (name, start) in cases {
        let (code, err, written) = align(&dir, name, &[]);
        assert_eq!(code, 0, "{name}: {err}");
        let written = written.unwrap();
        assert!(
            written.contains(start),
            "{name}: {}",
            &written[..80.min(written.len())]
        );
    }
}

#[test]
fn align_keeps_csv_for_an_unknown_or_missing_extension() {
    let dir = TempDir::new().unwrap();
    for name in ["pairs.txt", "pairs"] {
        let (code, err, written) = align(&dir, name, &[]);
        assert_eq!(code, 0, "{err}");
        assert!(
            written.unwrap().starts_with("pair,src_ids,tgt_ids"),
            "{name}"
        );
    }
}

#[test]
fn format_wins_over_an_unknown_extension_and_may_agree_with_a_known_one() {
    let dir = TempDir::new().unwrap();
    let (code, _, written) = align(&dir, "pairs.out", &["--format", "tmx"]);
    assert_eq!(code, 0);
    assert!(written.unwrap().contains("<tmx"));
    let (code, _, written) = align(&dir, "m.xlf", &["--format", "xliff"]);
    assert_eq!(code, 0);
    assert!(written.unwrap().contains("<xliff"));
}

#[test]
fn an_extension_contradicting_format_is_an_error() {
    let dir = TempDir::new().unwrap();
    let (code, err, written) = align(&dir, "memory.tmx", &["--format", "csv"]);
    assert_eq!(code, 2);
    assert!(written.is_none(), "nothing is written");
    assert!(
        err.contains("memory.tmx")
            && err.contains("the extension says tmx but --format csv was given")
            && err.contains("drop --format"),
        "{err}"
    );
}

#[test]
fn a_format_tolk_cannot_write_is_an_error_naming_what_to_use() {
    let dir = TempDir::new().unwrap();
    for name in ["review.xlsx", "review.docx", "review.ods"] {
        let (code, err, written) = align(&dir, name, &[]);
        assert_eq!(code, 2, "{name}");
        assert!(written.is_none());
        assert!(
            err.contains(name) && err.contains("tolk cannot write") && err.contains(".csv"),
            "{err}"
        );
    }
}

#[test]
fn convert_takes_the_format_from_the_extension_and_needs_one() {
    let dir = TempDir::new().unwrap();
    let input = reviewed();
    let (code, err, written) = run(&dir, "memory.tmx", &["convert", &input]);
    assert_eq!(code, 0, "{err}");
    assert!(written.unwrap().contains("<tmx"));
    let (code, err, written) = run(&dir, "memory.xliff", &["convert", &input]);
    assert_eq!(code, 0, "{err}");
    assert!(written.unwrap().contains("<xliff"));
    // No --to and nothing to go by.
    let (code, err, written) = run(&dir, "memory.out", &["convert", &input]);
    assert_eq!(code, 2);
    assert!(written.is_none());
    assert!(err.contains("pass --to"), "{err}");
    // Beads are not written from a reviewed CSV.
    let (code, err, _) = run(&dir, "memory.beads", &["convert", &input]);
    assert_eq!(code, 2);
    assert!(err.contains("`tolk convert` does not write"), "{err}");
    // --to agrees or is contradicted.
    let (code, _, _) = run(&dir, "m.tmx", &["convert", &input, "--to", "tmx"]);
    assert_eq!(code, 0);
    let (code, err, _) = run(&dir, "m2.tmx", &["convert", &input, "--to", "xliff"]);
    assert_eq!(code, 2);
    assert!(err.contains("--to xliff"), "{err}");
}

#[test]
fn check_takes_the_format_from_the_extension() {
    let dir = TempDir::new().unwrap();
    let pairs = reviewed();
    let base = ["check", "--pairs", pairs.as_str(), "--fail-on", "info"];
    let cases: [(&str, &str); 4] = [
        ("c.csv", "pair,"),
        ("c.jsonl", "{\"kind\""),
        ("c.md", "# "),
        ("c.html", "<!DOCTYPE html>"),
    ];
    for (name, start) in cases {
        let (code, err, written) = run(&dir, name, &base);
        assert_eq!(code, 1, "{name}: {err}");
        let w = written.unwrap();
        assert!(w.contains(start), "{name}: {}", &w[..60.min(w.len())]);
    }
    let (code, err, written) = run(&dir, "c.tmx", &base);
    assert_eq!(code, 2);
    assert!(written.is_none());
    assert!(err.contains("`tolk check` does not write"), "{err}");
    let (_, _, written) = run(&dir, "c.txt", &base);
    assert!(written.unwrap().contains("finding"), "summary by default");
}

#[test]
fn diff_and_its_update_sheet_take_the_format_from_the_extension() {
    let dir = TempDir::new().unwrap();
    let old = corpora().join("utsyn-2026.nb.md").display().to_string();
    let new = corpora().join("utsyn-2027.nb.md").display().to_string();
    let en = corpora().join("utsyn-2026.en.md").display().to_string();
    let (code, err, written) = run(&dir, "d.html", &["diff", &old, &new]);
    assert_eq!(code, 0, "{err}");
    assert!(written.unwrap().contains("<!DOCTYPE html>"));
    let (code, _, written) = run(&dir, "d.md", &["diff", &old, &new]);
    assert_eq!(code, 0);
    assert!(written.unwrap().starts_with("# "));
    let (code, err, _) = run(&dir, "d.csv", &["diff", &old, &new]);
    assert_eq!(code, 2);
    assert!(err.contains("`tolk diff` does not write"), "{err}");
    // The update sheet is CSV: .csv or an unknown extension.
    let update = [
        "diff",
        old.as_str(),
        new.as_str(),
        "--translation",
        en.as_str(),
    ];
    let (code, err, written) = run(&dir, "update.csv", &update);
    assert_eq!(code, 0, "{err}");
    assert!(written.unwrap().starts_with("pair,src_ids"));
    let (code, err, written) = run(&dir, "update.html", &update);
    assert_eq!(code, 2);
    assert!(written.is_none());
    assert!(err.contains("name the file .csv"), "{err}");
}

#[test]
fn segment_takes_the_format_from_the_extension() {
    let dir = TempDir::new().unwrap();
    let nb = corpora().join("utsyn-2026.nb.md").display().to_string();
    let (code, _, written) = run(&dir, "s.jsonl", &["segment", &nb]);
    assert_eq!(code, 0);
    assert!(written.unwrap().starts_with("{\""));
    let (code, _, written) = run(&dir, "s.tsv", &["segment", &nb]);
    assert_eq!(code, 0);
    assert!(written.unwrap().starts_with("idx\tpara"));
    let (code, err, _) = run(&dir, "s.xlsx", &["segment", &nb]);
    assert_eq!(code, 2);
    assert!(err.contains("tolk cannot write .xlsx"), "{err}");
}

#[test]
fn batch_names_each_file_by_the_format_extension() {
    // batch has no -o: --format decides, and the files are named by the
    // format's extension (XLIFF as .xlf).
    let dir = TempDir::new().unwrap();
    let [nb, en] = editions();
    let manifest = dir.path().join("m.csv");
    std::fs::write(&manifest, format!("id,src,tgt\nr,{nb},{en}\n")).unwrap();
    let out = dir.path().join("out");
    let status = tolk()
        .args(["batch"])
        .arg(&manifest)
        .arg("--out-dir")
        .arg(&out)
        .args(["--format", "xliff", "--jobs", "1"])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(Path::new(&out.join("r.xlf")).exists());
}
