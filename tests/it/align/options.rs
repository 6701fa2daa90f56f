//! `tolk align` with the translator-facing options: `--excel`,
//! `--delimiter`, `--format tmx|xliff|html`, `--include-one-sided`. These
//! check the shape of the output, not the alignment itself (the aligner's
//! own tests do that).

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

fn editions() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("nb.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(
        &nb,
        "Det regner i dag.\n\n=SUM(A1) er en formel, sa hun.\n\nEt ekstra avsnitt.\n",
    )
    .unwrap();
    std::fs::write(
        &en,
        "It is raining today.\n\n=SUM(A1) is a formula, she said.\n",
    )
    .unwrap();
    (dir, nb, en)
}

fn align(args: &[&str]) -> (String, String) {
    let (_dir, nb, en) = editions();
    let out = cargo_bin_cmd!("tolk")
        .arg("align")
        .arg(&nb)
        .arg(&en)
        .args(["--src-lang", "nb", "--tgt-lang", "en"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn default_csv_has_the_seven_columns_and_no_bom() {
    let (csv, _) = align(&[]);
    assert!(csv.starts_with("pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text,moved\r\n"));
    // Default CSV never alters text: no formula guard.
    assert!(csv.contains(",\"=SUM(A1) er en formel, sa hun.\","));
    assert!(!csv.contains("'=SUM"));
}

#[test]
fn excel_csv_has_bom_semicolons_guard_and_review_columns() {
    let (csv, _) = align(&["--excel", "--delimiter", ";"]);
    assert!(csv.starts_with(
        "\u{FEFF}pair;src_ids;tgt_ids;type;confidence;src_text;tgt_text;moved;status;note\r\n"
    ));
    assert!(csv.contains(";'=SUM(A1) er en formel, sa hun.;"));
    assert!(!csv.contains(";=SUM"));
}

#[test]
fn tsv_excel_uses_tabs_regardless_of_delimiter() {
    let (tsv, _) = align(&["--format", "tsv", "--excel"]);
    assert!(tsv.starts_with("\u{FEFF}pair\tsrc_ids\t"));
}

#[test]
fn tmx_from_align_uses_region_tags_and_notes_left_out_pairs() {
    let (tmx, err) = align(&["--format", "tmx"]);
    assert!(tmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(tmx.contains("<tmx version=\"1.4\">"));
    assert!(tmx.contains("srclang=\"nb-NO\""));
    assert!(tmx.contains("<tuv xml:lang=\"en-GB\">"));
    assert!(tmx.contains("<prop type=\"x-confidence\">"));
    assert!(
        err.contains("left out of the TMX; pass --include-one-sided"),
        "{err}"
    );
    let (us, _) = align(&["--format", "tmx", "--tgt-locale", "en-US"]);
    assert!(us.contains("<tuv xml:lang=\"en-US\">"));
    let (with, _) = align(&["--format", "tmx", "--include-one-sided"]);
    assert!(with.matches("<tu ").count() > tmx.matches("<tu ").count());
}

#[test]
fn xliff_and_html_from_align() {
    let (xlf, _) = align(&["--format", "xliff"]);
    assert!(xlf.contains("<xliff version=\"1.2\""));
    assert!(xlf.contains("source-language=\"nb-NO\" target-language=\"en-GB\""));
    let (html, _) = align(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Et ekstra avsnitt."));
    // Self-contained: nothing fetched from elsewhere.
    for needle in ["src=\"http", "href=\"http", "<link", "@import", "url(http"] {
        assert!(!html.contains(needle), "external asset: {needle}");
    }
}

#[test]
fn bad_delimiter_is_exit_2() {
    let (_dir, nb, en) = editions();
    cargo_bin_cmd!("tolk")
        .arg("align")
        .arg(&nb)
        .arg(&en)
        .args(["--delimiter", "ab"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--delimiter: `ab` is not a single ASCII character",
        ));
}
