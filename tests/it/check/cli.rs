//! `tolk check`: one test per kind, exit codes, output formats, failure paths.
//!
//! Most tests read a reviewed alignment (`--pairs`), so they exercise the
//! checks and not the aligner; the fixtures are ours, in tests/fixtures/report.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

const DIR: &str = "tests/fixtures/report";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Findings of `check --pairs FILE --format jsonl`.
fn findings(pairs: &str, extra: &[&str]) -> Vec<Value> {
    let out = cargo_bin_cmd!("tolk")
        .args(["check", "--pairs", &fixture(pairs), "--format", "jsonl"])
        .args(extra)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn kinds_at(fs: &[Value], pair: u64) -> Vec<String> {
    fs.iter()
        .filter(|f| f["pair"] == pair)
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn jsonl_has_the_documented_keys() {
    let fs = findings("edition.pairs.csv", &[]);
    assert!(!fs.is_empty());
    for f in &fs {
        for key in [
            "kind",
            "severity",
            "pair",
            "src_bytes",
            "tgt_bytes",
            "src_text",
            "tgt_text",
            "message",
        ] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
    }
}

#[test]
fn omission_groups_a_passage() {
    let fs = findings("edition.pairs.csv", &[]);
    let om: Vec<&Value> = fs.iter().filter(|f| f["kind"] == "omission").collect();
    assert_eq!(om.len(), 1, "{om:?}");
    assert_eq!(om[0]["pair"], 6);
    assert_eq!(om[0]["pairs"], serde_json::json!([6, 7]));
    assert_eq!(om[0]["severity"], "error");
}

#[test]
fn addition_is_found() {
    let fs = findings("edition.pairs.csv", &[]);
    assert_eq!(kinds_at(&fs, 9), vec!["addition"]);
}

#[test]
fn untranslated_is_found() {
    let fs = findings("edition.pairs.csv", &[]);
    assert_eq!(kinds_at(&fs, 5), vec!["untranslated"]);
}

#[test]
fn number_mismatch_is_found_and_formats_are_not() {
    let fs = findings("edition.pairs.csv", &[]);
    assert_eq!(kinds_at(&fs, 2), vec!["number_mismatch"]);
    let msg = fs.iter().find(|f| f["pair"] == 2).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("12,5") && msg.contains("15.5"), "{msg}");
    // "3,5 mrd." = "3.5 billion", "17. mai" = "17 May", "1 097" = "1,097".
    assert!(!kinds_at(&fs, 3).contains(&"number_mismatch".to_string()));
}

#[test]
fn name_mismatch_is_found() {
    let fs = findings("edition.pairs.csv", &[]);
    assert_eq!(kinds_at(&fs, 4), vec!["name_mismatch"]);
    let msg = fs.iter().find(|f| f["pair"] == 4).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    // Kina = China and Arktis = Arctic come from the built-in list.
    assert!(
        msg.contains("Russland") && msg.contains("Iran") && !msg.contains("Kina"),
        "{msg}"
    );
}

#[test]
fn inconsistent_translation_is_found() {
    let fs = findings("edition.pairs.csv", &[]);
    assert_eq!(kinds_at(&fs, 11), vec!["inconsistent_translation"]);
    assert_eq!(
        fs.iter().find(|f| f["pair"] == 11).unwrap()["pairs"],
        serde_json::json!([8, 11])
    );
}

#[test]
fn length_ratio_outlier_is_found() {
    let fs = findings("edition.pairs.csv", &[]);
    assert_eq!(kinds_at(&fs, 12), vec!["length_ratio"]);
}

#[test]
fn reordering_replaces_omission_plus_addition() {
    let fs = findings("edition.pairs.csv", &[]);
    assert_eq!(kinds_at(&fs, 13), vec!["reordering"]);
    assert!(kinds_at(&fs, 18).is_empty());
    let f = fs.iter().find(|f| f["kind"] == "reordering").unwrap();
    assert_eq!(f["pairs"], serde_json::json!([13, 18]));
}

#[test]
fn clean_pairs_have_no_findings() {
    assert!(findings("clean.pairs.csv", &[]).is_empty());
}

#[test]
fn glossary_adds_equivalents() {
    let without = findings("info-only.pairs.csv", &[]);
    assert_eq!(without.len(), 1);
    let g = fixture("glossary.tsv");
    // The glossary maps "Sjefen" = "Director", "tjenesten" = "Service".
    let with = findings("info-only.pairs.csv", &["--glossary", &g]);
    assert!(with.is_empty(), "{with:?}");
}

#[test]
fn fail_on_sets_the_exit_code() {
    let run = |file: &str, level: &str| {
        cargo_bin_cmd!("tolk")
            .args(["check", "--pairs", &fixture(file), "--fail-on", level])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run("edition.pairs.csv", "error"), Some(1));
    assert_eq!(run("clean.pairs.csv", "info"), Some(0));
    // Only an info finding: fails at info, passes at warning and error.
    assert_eq!(run("info-only.pairs.csv", "info"), Some(1));
    assert_eq!(run("info-only.pairs.csv", "warning"), Some(0));
    assert_eq!(run("info-only.pairs.csv", "error"), Some(0));
}

fn output(format: &str) -> String {
    let out = cargo_bin_cmd!("tolk")
        .args([
            "check",
            "--pairs",
            &fixture("edition.pairs.csv"),
            "--format",
            format,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn snapshots_of_the_text_formats() {
    for format in ["summary", "csv", "jsonl", "md"] {
        insta::assert_snapshot!(format!("check_{format}"), output(format));
    }
}

#[test]
fn snapshot_html() {
    let html = output("html");
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "self-contained"
    );
    insta::assert_snapshot!("check_html", html);
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.jsonl");
    cargo_bin_cmd!("tolk")
        .args([
            "check",
            "--pairs",
            &fixture("edition.pairs.csv"),
            "--format",
            "jsonl",
            "-o",
        ])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, output("jsonl"));
}

#[test]
fn two_editions_are_aligned_then_checked() {
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("a.nb.txt");
    let en = dir.path().join("a.en.txt");
    std::fs::write(
        &nb,
        "Trusselen fra statlige aktører har økt.\n\nI 2025 ble 1 097 saker registrert.\n",
    )
    .unwrap();
    std::fs::write(
        &en,
        "The threat from state actors has increased.\n\nIn 2025, 1,197 cases were registered.\n",
    )
    .unwrap();
    let out = cargo_bin_cmd!("tolk")
        .args([
            "check",
            "--format",
            "jsonl",
            "--src-lang",
            "nb",
            "--tgt-lang",
            "en",
        ])
        .arg(&nb)
        .arg(&en)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let fs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let num = fs
        .iter()
        .find(|f| f["kind"] == "number_mismatch")
        .expect("a number mismatch");
    // Byte offsets point into the input files.
    let text = std::fs::read_to_string(&en).unwrap();
    let r = num["tgt_bytes"].as_array().unwrap();
    let (s, e) = (
        r[0].as_u64().unwrap() as usize,
        r[1].as_u64().unwrap() as usize,
    );
    assert!(text[s..e].contains("1,197"));
}

#[test]
fn missing_file_is_an_error() {
    cargo_bin_cmd!("tolk")
        .args(["check", "no-such.nb.txt", "no-such.en.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such.nb.txt"));
    cargo_bin_cmd!("tolk")
        .args(["check", "--pairs", "no-such.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such.csv"));
}

#[test]
fn bad_glossary_line_is_named() {
    cargo_bin_cmd!("tolk")
        .args([
            "check",
            "--pairs",
            &fixture("clean.pairs.csv"),
            "--glossary",
        ])
        .arg(fixture("bad-glossary.tsv"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("bad-glossary.tsv").and(predicate::str::contains("line 2")),
        );
}

#[test]
fn bad_pairs_csv_names_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.csv");
    std::fs::write(
        &p,
        "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n0,0,0,1-1,0.9,a,b\n1,one,1,1-1,0.9,c,d\n",
    )
    .unwrap();
    cargo_bin_cmd!("tolk")
        .args(["check", "--pairs"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("row 3").and(predicate::str::contains("src_ids")));
    let q = dir.path().join("nohdr.csv");
    std::fs::write(&q, "a,b\n1,2\n").unwrap();
    cargo_bin_cmd!("tolk")
        .args(["check", "--pairs"])
        .arg(&q)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("src_text"));
}

#[test]
fn wrong_argument_combinations_are_errors() {
    cargo_bin_cmd!("tolk")
        .args(["check", "only-one.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two editions"));
    cargo_bin_cmd!("tolk")
        .args([
            "check",
            "a.txt",
            "b.txt",
            "--pairs",
            &fixture("clean.pairs.csv"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not both"));
}

#[test]
fn unwritable_output_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-dir").join("r.csv");
    cargo_bin_cmd!("tolk")
        .args([
            "check",
            "--pairs",
            &fixture("edition.pairs.csv"),
            "--format",
            "csv",
            "-o",
        ])
        .arg(&path)
        .assert()
        .code(2);
    assert!(!path.exists());
}

/// The sample report's two editions with one error of a kind put into a
/// copy of the English edition; check aligns them and must find it.
fn corpora_with(edit: impl Fn(&str) -> String) -> Vec<Value> {
    let en = std::fs::read_to_string("corpora/utsyn-2026.en.md").unwrap();
    let edited = edit(&en);
    assert_ne!(edited, en, "the edit must change the text");
    corpora_check(&edited)
}

fn corpora_check(en_text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utsyn-2026.en.md");
    std::fs::write(&path, en_text).unwrap();
    let out = cargo_bin_cmd!("tolk")
        .args(["check", "corpora/utsyn-2026.nb.md", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn has(fs: &[Value], kind: &str, tgt_contains: &str) -> bool {
    fs.iter()
        .any(|f| f["kind"] == kind && f["tgt_text"].as_str().unwrap_or("").contains(tgt_contains))
}

#[test]
fn corpora_clean_editions_have_no_number_findings() {
    // The sample writes 1 097,3 mill. / NOK 1,097.3 million, kl. 10.00 / 10:00,
    // 13 500 mrd. / 13,500 billion …: formats differ, numbers agree.
    let fs = corpora_check(&std::fs::read_to_string("corpora/utsyn-2026.en.md").unwrap());
    assert!(!fs.iter().any(|f| f["kind"] == "number_mismatch"), "{fs:?}");
    // The paragraph the English edition leaves out is an omission.
    assert!(fs.iter().any(|f| f["kind"] == "omission"
        && f["src_text"]
            .as_str()
            .unwrap()
            .contains("Rapporten er skrevet på bokmål")));
}

/// Replace `from` with `to` in the English sample: check must report a
/// `kind` finding whose target text holds `needle`.
fn finds_planted(from: &str, to: &str, kind: &str, needle: &str) {
    let fs = corpora_with(|t| t.replacen(from, to, 1));
    assert!(has(&fs, kind, needle), "{fs:?}");
}

#[test]
fn corpora_changed_number() {
    finds_planted(
        "13,500 billion",
        "13,800 billion",
        "number_mismatch",
        "13,800",
    );
}

#[test]
fn corpora_swapped_name() {
    let from = "China will continue to seek access";
    let to = "Japan will continue to seek access";
    finds_planted(from, to, "name_mismatch", "Japan will continue");
}

#[test]
fn corpora_untranslated_sentence() {
    let from = "China will continue to seek access to Norwegian technology, research and data.";
    let to = "Kina vil fortsette å søke tilgang til norsk teknologi, forskning og data.";
    finds_planted(from, to, "untranslated", "Kina vil fortsette");
}
