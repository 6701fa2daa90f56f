//! `tolk segment` end to end: formats, stdin, and every kind of bad input
//! (clear message on stderr, exit code 2, no panic, nothing on stdout).

use crate::util::tolk;
use predicates::prelude::*;
use std::io::Write;

fn file_with(bytes: &[u8], suffix: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(suffix).tempfile().unwrap();
    f.write_all(bytes).unwrap();
    f.flush().unwrap();
    f
}

/// Runs `tolk segment FILE` and checks the failure contract.
fn fails_clearly(path: &std::path::Path, message: &str) {
    tolk()
        .arg("segment")
        .arg(path)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains(path.display().to_string()))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    fails_clearly(&dir.path().join("nope.txt"), "cannot read");
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    fails_clearly(dir.path(), "is a directory");
}

/// Files tolk cannot segment, and what the message must say.
const BAD_FILES: &[(&str, &[u8], &str, &str)] = &[
    (
        "binary",
        b"\x7fELF\x02\x01\x01\x00\x00\x00garbage",
        ".bin",
        "binary",
    ),
    (
        "invalid UTF-8",
        b"Det regner. Vi blir hjemme \xff\xfe i dag.",
        ".txt",
        "invalid UTF-8 at byte 27",
    ),
    ("empty", b"", ".txt", "no text"),
    ("white space only", b"  \n\r\n\t \n", ".txt", "no text"),
    ("a BOM only", b"\xef\xbb\xbf\n", ".txt", "no text"),
];

#[test]
fn binary_invalid_utf8_empty_and_blank_files_fail_clearly() {
    for (what, bytes, suffix, message) in BAD_FILES {
        let f = file_with(bytes, suffix);
        eprintln!("case: {what}");
        fails_clearly(f.path(), message);
    }
}

#[test]
fn unknown_language() {
    let f = file_with(b"Det regner.", ".txt");
    tolk()
        .args(["segment", "--lang", "xx"])
        .arg(f.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language"));
}

#[test]
fn utf16_with_bom_is_decoded_and_offsets_say_so() {
    let text = "Det regner. Vi blir hjemme.";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let f = file_with(&bytes, ".txt");
    tolk()
        .args(["segment", "--lang", "nb", "--format", "jsonl"])
        .arg(f.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            r#""bytes":[12,27],"idx":1,"kind":"paragraph","offsets":"decoded-utf16","para":0,"text":"Vi blir hjemme.""#,
        ));
    // the table formats say it on stderr
    tolk()
        .args(["segment", "--lang", "nb", "--format", "tsv"])
        .arg(f.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("decoded"));
}

#[test]
fn stdin_and_jsonl_keys() {
    let out = tolk()
        .args(["segment", "-", "--lang", "nb", "--format", "jsonl"])
        .write_stdin("# Tittel\n\nVi har bl.a. sett på dette. Neste setning kommer\nher.\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["kind"], "heading");
    assert_eq!(lines[0]["bytes"], serde_json::json!([2, 8]));
    assert_eq!(lines[1]["text"], "Vi har bl.a. sett på dette.");
    assert_eq!(lines[1]["para"], 1);
    assert_eq!(lines[2]["idx"], 2);
    assert_eq!(lines[2]["text"], "Neste setning kommer her.");
}

#[test]
fn text_tsv_and_csv_formats() {
    let f = file_with("Det regner. «Hva nå?» spurte hun.\n".as_bytes(), ".txt");
    tolk()
        .args(["segment", "--lang", "nb"])
        .arg(f.path())
        .assert()
        .success()
        .stdout("Det regner.\n«Hva nå?» spurte hun.\n");
    tolk()
        .args(["segment", "--lang", "nb", "--format", "tsv"])
        .arg(f.path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "idx\tpara\tkind\tstart\tend\ttext\n0\t0\tparagraph\t0\t11\tDet regner.\n",
        ));
    tolk()
        .args(["segment", "--lang", "nb", "--format", "csv"])
        .arg(f.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("1,0,paragraph,12,"));
}

#[test]
fn output_file_is_written_atomically() {
    let f = file_with(b"Det regner. Vi blir hjemme.\n", ".txt");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("segs.tsv");
    tolk()
        .args(["segment", "--lang", "nb", "--format", "tsv", "-o"])
        .arg(&out)
        .arg(f.path())
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), 3);
    // a failing run leaves no file behind
    let out2 = dir.path().join("never.tsv");
    tolk()
        .args(["segment", "-o"])
        .arg(&out2)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2);
    assert!(!out2.exists());
}

#[test]
fn contradicting_language_warns() {
    let f = file_with(
        b"The government believes that the threat has not diminished, and that we must be prepared for a difficult year.\n",
        ".txt",
    );
    tolk()
        .args(["segment", "--lang", "nb"])
        .arg(f.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("warning"))
        .stderr(predicate::str::contains("looks like"));
}

#[test]
fn english_paragraph_in_norwegian_document_is_noted() {
    let f = file_with(
        "Regjeringen mener at trusselen ikke har blitt mindre i år, og at vi må være godt forberedt på det som kommer.\n\nRegjeringen vil legge fram en ny plan for beredskap før sommeren, og den skal gjelde for hele landet.\n\nThe government believes that the threat has not diminished this year at all.\n".as_bytes(),
        ".txt",
    );
    tolk()
        .args(["segment", "--lang", "nb"])
        .arg(f.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 of 3 paragraphs do not look like `nb` (first: paragraph 2)",
        ));
}
