//! `tolk convert`: the review loop. A CSV written by `tolk align --excel`
//! is edited the way a translator does it in a spreadsheet — rows deleted,
//! texts corrected, two rows merged, columns reordered and added, a status
//! column filled in, saved with a BOM, `;` and CRLF — and converted to TMX,
//! XLIFF, JSON Lines, TSV and CSV. Then the failure paths.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use tolk::output::{self, Format, Options, Row};

fn fixture_rows() -> Vec<Row> {
    let r = |pair: usize, src: &[usize], tgt: &[usize], s: &str, t: &str| Row {
        pair,
        src: src.to_vec(),
        tgt: tgt.to_vec(),
        confidence: Some(0.5 + pair as f64 / 20.0),
        src_text: s.into(),
        tgt_text: t.into(),
        ..Row::default()
    };
    vec![
        r(
            0,
            &[0],
            &[0],
            "Trusselvurdering 2026",
            "Threat assessment 2026",
        ),
        r(1, &[1], &[1], "Det regner.", "It is raining."),
        r(2, &[2], &[2], "Vi blir", "We stay"),
        r(3, &[3], &[], "hjemme.", ""),
        r(
            4,
            &[4],
            &[3],
            "=1+1 er to, sa «Ola».",
            "=1+1 is two, said \"Ola\".",
        ),
        r(5, &[5], &[4], "Slett meg.", "Delete me."),
        r(6, &[], &[5], "", "Only in English."),
        r(
            7,
            &[6],
            &[6],
            "Sluttord; med semikolon.",
            "Final words; with a semicolon.",
        ),
    ]
}

/// What `tolk align --excel --delimiter ';'` would write for the fixture.
fn excel_csv() -> String {
    let mut opts = Options::new("nb", "en");
    opts.excel = true;
    opts.delimiter = b';';
    let mut out = Vec::new();
    output::write(Format::Csv, &opts, fixture_rows().into_iter(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The translator's edits, done on parsed records and saved like a
/// spreadsheet would: BOM, `;`, CRLF, columns in a new order plus a column
/// of their own.
fn edited_csv() -> Vec<u8> {
    let text = excel_csv();
    let body = text.strip_prefix('\u{FEFF}').unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let mut recs: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    // Correct a text.
    recs[1][col("tgt_text")] = "It's raining.".into();
    // Merge rows 2 and 3 (pair 2 + pair 3).
    recs[2][col("src_ids")] = "2 3".into();
    recs[2][col("src_text")] = "Vi blir hjemme.".into();
    recs.remove(3);
    // Reject pair 5 (now at index 4), approve pair 0 with a note.
    recs[4][col("status")] = "Rejected".into();
    recs[0][col("status")] = "ok".into();
    recs[0][col("note")] = "heading".into();
    // Delete the last row (pair 7).
    recs.pop();
    // Reorder: tgt_text first, then the rest, and add a column.
    let order = [
        "tgt_text",
        "note",
        "pair",
        "status",
        "src_text",
        "confidence",
        "src_ids",
        "tgt_ids",
        "type",
    ];
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut h: Vec<&str> = order.to_vec();
    h.push("Kommentar");
    w.write_record(&h).unwrap();
    for r in &recs {
        let mut out: Vec<String> = order.iter().map(|n| r[col(n)].clone()).collect();
        out.push("sjekket".into());
        w.write_record(&out).unwrap();
    }
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend(w.into_inner().unwrap());
    bytes
}

fn toolkit_python() -> String {
    let path = std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("po2tmx"))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| panic!("translate-toolkit is not installed; run scripts/install-deps"));
    let script = std::fs::read_to_string(path).unwrap();
    let interp = script
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("#!")
        .trim();
    interp
        .strip_prefix("/usr/bin/env ")
        .unwrap_or(interp)
        .to_string()
}

/// `[source, target]` of every unit translate-toolkit reads from `path`.
fn toolkit_units(kind: &str, path: &Path) -> Vec<(String, String)> {
    let script = r#"
import json, sys
from translate.storage import tmx, xliff
store = (tmx.tmxfile if sys.argv[1] == "tmx" else xliff.xlifffile).parsefile(sys.argv[2])
for u in store.units:
    if not u.isheader():
        print(json.dumps([u.source, u.target]))
"#;
    let out = Command::new(toolkit_python())
        .args(["-c", script, kind])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("reviewed.csv");
    std::fs::write(&csv, edited_csv()).unwrap();
    (dir, csv)
}

#[test]
fn edited_csv_round_trips_to_tmx_read_by_translate_toolkit() {
    let (dir, csv) = setup();
    let tmx = dir.path().join("memory.tmx");
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args(["--to", "tmx", "-o"])
        .arg(&tmx)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 row(s) with status reject left out",
        ))
        .stderr(predicate::str::contains("1 one-sided pair(s)"));
    let units = toolkit_units("tmx", &tmx);
    let want = [
        ("Trusselvurdering 2026", "Threat assessment 2026"),
        ("Det regner.", "It's raining."),
        ("Vi blir hjemme.", "We stay"),
        // The formula guard the --excel CSV added is gone again.
        ("=1+1 er to, sa «Ola».", "=1+1 is two, said \"Ola\"."),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(units, want);
    let xml = std::fs::read_to_string(&tmx).unwrap();
    assert!(xml.contains("<tu tuid=\"2\">\n      <prop type=\"x-confidence\">0.600</prop>\n      <prop type=\"x-type\">2-1</prop>"));
    assert!(xml.contains("<header creationtool=\"tolk\""));
    assert!(xml.contains("srclang=\"nb-NO\""));
    assert!(xml.contains("<tuv xml:lang=\"en-GB\">"));
}

#[test]
fn edited_csv_to_xliff_carries_status_and_languages() {
    let (dir, csv) = setup();
    let xlf = dir.path().join("memory.xlf");
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args([
            "--to",
            "xliff",
            "--src-lang",
            "nn",
            "--tgt-lang",
            "en-US",
            "--include-one-sided",
            "-o",
        ])
        .arg(&xlf)
        .assert()
        .success();
    let xml = std::fs::read_to_string(&xlf).unwrap();
    assert!(xml.contains("source-language=\"nn-NO\" target-language=\"en-US\""));
    assert!(xml.contains("<trans-unit id=\"0\" approved=\"yes\""));
    assert!(xml.contains("<target state=\"signed-off\">Threat assessment 2026</target>"));
    assert!(xml.contains("<note from=\"reviewer\">heading</note>"));
    let units = toolkit_units("xliff", &xlf);
    assert_eq!(
        units.len(),
        5,
        "the 0-1 pair is kept with --include-one-sided"
    );
    assert_eq!(units[4], (String::new(), "Only in English.".to_string()));
}

#[test]
fn edited_csv_to_jsonl_tsv_and_csv() {
    let (_dir, csv) = setup();
    let out = cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args(["--to", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pairs: Vec<u64> = lines.iter().map(|l| l["pair"].as_u64().unwrap()).collect();
    assert_eq!(pairs, [0, 1, 2, 4, 6]);
    assert_eq!(lines[2]["src"], serde_json::json!([2, 3]));
    assert_eq!(lines[2]["type"], "2-1");
    assert_eq!(lines[0]["status"], "ok");
    assert_eq!(lines[0]["note"], "heading");

    let out = cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args(["--to", "tsv"])
        .output()
        .unwrap();
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert!(tsv.starts_with(
        "pair\tsrc_ids\ttgt_ids\ttype\tconfidence\tsrc_text\ttgt_text\tmoved\tstatus\tnote\r\n"
    ));
    assert!(tsv.contains("\r\n2\t2 3\t2\t2-1\t0.600\tVi blir hjemme.\tWe stay\t\t\t\r\n"));

    // Back to an Excel CSV: the guard comes back, BOM and `;` as asked.
    let out = cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args(["--to", "csv", "--excel", "--delimiter", ";"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("\u{FEFF}pair;src_ids;"));
    assert!(text.contains(";'=1+1 er to, sa «Ola».;"));
}

#[test]
fn keep_apostrophes_keeps_the_guard() {
    let (_dir, csv) = setup();
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args(["--to", "jsonl", "--keep-apostrophes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"src_text\":\"'=1+1 er to"));
}

#[test]
fn tab_delimited_utf16_export_is_read() {
    // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.txt");
    let text = "src_text\ttgt_text\r\nBlåbær\tBlueberries\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&path, bytes).unwrap();
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&path)
        .args(["--to", "jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"pair\":0,\"src\":[],\"tgt\":[]"))
        .stdout(predicate::str::contains(
            "\"src_text\":\"Blåbær\",\"tgt_text\":\"Blueberries\"",
        ));
}

// ---- failure paths: exit 2, a message naming the file (row, column), and
// no output file.

fn fails_with(input_csv: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, input_csv).unwrap();
    let out_path = dir.path().join("out.tmx");
    let mut a = cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&path)
        .args(["--to", "tmx", "-o"])
        .arg(&out_path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv"));
    for n in needles {
        a = a.stderr(predicate::str::contains(*n));
    }
    assert!(!out_path.exists(), "nothing may be written");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn missing_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(dir.path().join("nope.csv"))
        .args(["--to", "tmx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("nope.csv: cannot read"));
}

#[test]
fn malformed_confidence_names_row_and_column() {
    fails_with(
        "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n0,0,0,1-1,0.9,a,b\n1,1,1,1-1,0.8,c,d\n2,2,2,1-1,high,e,f\n",
        &["row 4, column `confidence`", "`high` is not a number"],
    );
}

#[test]
fn malformed_ids_name_row_and_column() {
    fails_with(
        "src_text;tgt_text;src_ids\nA;B;3 4\nC;D;3 og 4\n",
        &["row 3, column `src_ids`", "not a segment number"],
    );
}

#[test]
fn unknown_status_is_an_error_not_a_kept_row() {
    fails_with(
        "pair,src_text,tgt_text,status\n0,a,b,ok\n1,c,d,rejcted\n",
        &["row 3, column `status`", "unknown status `rejcted`"],
    );
}

#[test]
fn short_row_names_the_missing_column() {
    // A line break in an unquoted cell splits a row in two.
    fails_with(
        "pair,src_text,tgt_text,note\n0,a,b,\n1,two\nlines,d,\n",
        &[
            "row 3, column `tgt_text`",
            "has 2 cells but the header has 4",
        ],
    );
}

#[test]
fn repeated_pair_is_an_error() {
    fails_with(
        "pair,src_text,tgt_text\n0,a,b\n1,c,d\n1,e,f\n",
        &["row 4, column `pair`", "also used in row 3"],
    );
}

#[test]
fn missing_required_column_is_an_error() {
    fails_with(
        "pair,src_ids,tgt_ids,source,tgt_text\n0,0,0,a,b\n",
        &[
            "missing required column `src_text`",
            "pair, src_ids, tgt_ids, source, tgt_text",
        ],
    );
}

#[test]
fn unknown_target_format_is_a_usage_error() {
    let (_dir, csv) = setup();
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args(["--to", "docx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'docx'"))
        .stderr(predicate::str::contains("tmx"));
}

#[test]
fn bad_delimiter_is_a_usage_error() {
    let (_dir, csv) = setup();
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&csv)
        .args(["--to", "csv", "--delimiter", ";;"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--delimiter"));
}

#[test]
fn invalid_utf8_says_how_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.csv");
    std::fs::write(&path, b"src_text,tgt_text\nbl\xe5,blue\n").unwrap();
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&path)
        .args(["--to", "tmx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("invalid UTF-8 at byte 20"))
        .stderr(predicate::str::contains("CSV UTF-8"));
}

#[test]
fn control_characters_become_replacement_characters_with_a_warning() {
    // XML 1.0 cannot hold U+0007 even as &#7;: it is replaced and counted.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bell.csv");
    std::fs::write(&path, "src_text,tgt_text\nRing\u{7}!,Ring\u{7}\u{1}!\n").unwrap();
    let tmx = dir.path().join("bell.tmx");
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&path)
        .args(["--to", "tmx", "-o"])
        .arg(&tmx)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "3 character(s) that XML cannot hold (control characters) were replaced by U+FFFD",
        ));
    let xml = std::fs::read_to_string(&tmx).unwrap();
    assert!(xml.contains("<seg>Ring\u{FFFD}!</seg>"));
    assert!(xml.contains("<seg>Ring\u{FFFD}\u{FFFD}!</seg>"));
    // The CSV keeps them: only XML needs the replacement.
    cargo_bin_cmd!("tolk")
        .arg("convert")
        .arg(&path)
        .args(["--to", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ring\u{7}\u{1}!"))
        .stderr("");
}
