//! The alignment CSV through a spreadsheet: `tolk align --excel` opened
//! and saved again by LibreOffice (headless) in a Norwegian and an English
//! locale must give `tolk convert` the same ids and confidences; the plain
//! CSV's `107 108` read as a number must be an error naming the row; and a
//! reviewed CSV damaged by hand (merged cells, shuffled rows, a deleted
//! header) is refused with the row named and nothing written.
//!
//! Needs `soffice` (Debian `libreoffice-calc-nogui`, installed by
//! `scripts/install-deps`, which `scripts/test` runs): without it the test
//! fails, it does not skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{corpora, jsonl, tolk};

/// LibreOffice's language ids: Norwegian Bokmål and US English.
const LOCALES: [(&str, u32); 2] = [("nb-NO", 1044), ("en-US", 1033)];

fn align(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    tolk()
        .arg("align")
        .arg(corpora().join("utsyn-2026.nb.md"))
        .arg(corpora().join("utsyn-2026.en.md"))
        .args(extra)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    out
}

/// Open `csv` in LibreOffice with the given locale and save it as CSV
/// again (same delimiter, UTF-8, cells as shown); returns the saved file.
fn through_libreoffice(csv: &Path, delimiter: u8, locale: u32, dir: &Path) -> PathBuf {
    let outdir = dir.join(format!("lo-{locale}"));
    std::fs::create_dir_all(&outdir).unwrap();
    let profile = format!("file://{}", dir.join("lo-profile").display());
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .arg("--headless")
        .arg(format!("--infilter=CSV:{delimiter},34,76,1,,{locale}"))
        .arg("--convert-to")
        .arg(format!(
            "csv:Text - txt - csv (StarCalc):{delimiter},34,76,1,,{locale},true,true"
        ))
        .arg("--outdir")
        .arg(&outdir)
        .arg(csv)
        .status()
        .expect("soffice not found: run scripts/install-deps (Debian libreoffice-calc-nogui)");
    assert!(status.success(), "soffice failed on {}", csv.display());
    let saved = outdir.join(csv.file_name().unwrap());
    assert!(
        saved.exists(),
        "soffice wrote nothing for {}",
        csv.display()
    );
    saved
}

/// (src ids, tgt ids, confidence) of every row, as `tolk convert` reads them.
fn converted(csv: &Path) -> Vec<(String, String, String)> {
    let out = tolk()
        .args(["convert", "--to", "jsonl"])
        .arg(csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    jsonl(&out.stdout)
        .iter()
        .map(|r| {
            (
                r["src"].to_string(),
                r["tgt"].to_string(),
                r["confidence"].to_string(),
            )
        })
        .collect()
}

#[test]
fn excel_csv_survives_libreoffice_in_both_locales() {
    let dir = tempfile::tempdir().unwrap();
    let comma = align(dir.path(), "comma.csv", &["--excel"]);
    let semi = align(dir.path(), "semi.csv", &["--excel", "--delimiter", ";"]);
    let text = std::fs::read_to_string(&semi).unwrap();
    assert!(text.contains(";135+136;"), "id lists joined by +");
    assert!(text.contains(";1-1;0,9990;"), "decimal comma with ';'");
    for (csv, delimiter) in [(&comma, b','), (&semi, b';')] {
        let before = converted(csv);
        assert!(before.iter().any(|r| r.0.contains(',')), "a merged row");
        for (name, locale) in LOCALES {
            let saved = through_libreoffice(csv, delimiter, locale, dir.path());
            assert_eq!(
                converted(&saved),
                before,
                "{} through LibreOffice in {name}",
                csv.display()
            );
        }
    }
    // the Norwegian sheet read the ';' file's confidences as numbers: it
    // saves numbers unquoted and text quoted
    let saved = std::fs::read_to_string(dir.path().join("lo-1044/semi.csv")).unwrap();
    let row = saved.lines().nth(2).unwrap();
    assert!(
        row.strip_prefix("1;1;1;\"1-1\";")
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            && !row.contains(";\"0")
            && !row.contains(";\"1\";"),
        "{row}"
    );
}

#[test]
fn plain_csv_ids_read_as_a_number_are_an_error_naming_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let plain = align(dir.path(), "plain.csv", &[]);
    let saved = through_libreoffice(&plain, b',', 1044, dir.path());
    let out = dir.path().join("out.tmx");
    tolk()
        .args(["convert", "--to", "tmx"])
        .arg(&saved)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("row 137, column `src_ids`"))
        .stderr(predicates::str::contains("135136"));
    assert!(!out.exists());
}

/// `tolk convert` on `csv` fails with exit 2, names `needle`, writes nothing.
fn refused(csv: &str, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = crate::util::write(dir.path(), "reviewed.csv", csv);
    let out = dir.path().join("out.tmx");
    let o = tolk()
        .args(["convert", "--to", "tmx"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("reviewed.csv") && err.contains(needle),
        "{err}"
    );
    assert!(!out.exists());
}

const HEAD: &str = "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n";

#[test]
fn shuffled_rows_are_refused() {
    refused(
        &format!(
            "{HEAD}0,0,0,1-1,0.9,Én.,One.\n2,2,2,1-1,0.9,Tre.,Three.\n1,1,1,1-1,0.9,To.,Two.\n"
        ),
        "row 4, column `src_ids`: segment 1 comes after segment 2 (row 3)",
    );
}

#[test]
fn ids_that_do_not_exist_are_refused() {
    refused(
        &format!(
            "{HEAD}0,0,0,1-1,0.9,Én.,One.\n1,1,1,1-1,0.9,To.,Two.\n2,2,2000,1-1,0.9,Tre.,Three.\n"
        ),
        "row 4, column `tgt_ids`: segment 2000 does not exist",
    );
}

#[test]
fn fewer_ids_than_the_type_says_are_refused() {
    // "1 2" read as 12 by a spreadsheet, at the end where order cannot tell
    refused(
        &format!("{HEAD}0,0,0,1-1,0.9,Én.,One.\n1,12,1,2-1,0.9,To. Tre.,Two three.\n"),
        "row 3, column `src_ids`: type 2-1 says 2 segment(s)",
    );
}

#[test]
fn merged_cells_are_refused() {
    // two source texts merged into one cell: the second row keeps its id
    refused(
        &format!("{HEAD}0,0,0,1-1,0.9,Én. To.,One.\n1,1,1,1-1,0.9,,Two.\n"),
        "row 3, column `src_text`: src_ids is 1 but src_text is empty",
    );
}

#[test]
fn deleted_header_is_refused() {
    refused(
        "0,0,0,1-1,0.9,Én.,One.\n1,1,1,1-1,0.9,To.,Two.\n",
        "row 1, column `0`: row 1 is not a header",
    );
}

/// The cells of a CSV (BOM dropped, delimiter given), header first.
fn cells(path: &Path, delimiter: u8) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// An id list as `tolk` reads it back (`107+108`, `107 108`); `None` when
/// a cell holds something else.
fn id_list(cell: &str) -> Option<Vec<usize>> {
    cell.split(['+', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect()
}

/// A CSV written with `--excel` (and `--delimiter ';'`) by `write`, opened
/// and saved by LibreOffice in both locales: every id list (`id_cols`) and
/// number (`num_cols`, a decimal comma read as a point) is the same after
/// the trip, and so is every other cell. The plain CSV's id lists are broken
/// by the Norwegian locale (so the comparison can fail).
fn round_trip(write: impl Fn(&Path, &[&str]), id_cols: &[&str], num_cols: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let values = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        let head = &rows[0];
        rows[1..]
            .iter()
            .map(|r| {
                head.iter()
                    .zip(r)
                    .map(|(h, c)| {
                        if id_cols.contains(&h.as_str()) {
                            format!("{:?}", id_list(c))
                        } else if num_cols.contains(&h.as_str()) && !c.is_empty() {
                            format!("{:?}", c.replace(',', ".").parse::<f64>().ok())
                        } else {
                            c.clone()
                        }
                    })
                    .collect()
            })
            .collect()
    };
    let plain = dir.path().join("plain.csv");
    write(&plain, &[]);
    let before = values(&cells(&plain, b','));
    assert!(
        before
            .iter()
            .flatten()
            .any(|c| c.starts_with("Some([") && c.contains(", ")),
        "an id list of two or more ids"
    );
    let saved = through_libreoffice(&plain, b',', 1044, dir.path());
    assert_ne!(values(&cells(&saved, b',')), before, "plain CSV in nb-NO");
    for (name, delimiter, extra) in [
        ("comma.csv", b',', &["--excel"][..]),
        ("semi.csv", b';', &["--excel", "--delimiter", ";"][..]),
    ] {
        let csv = dir.path().join(name);
        write(&csv, extra);
        assert_eq!(values(&cells(&csv, delimiter)), before, "{name} as written");
        for (locale, id) in LOCALES {
            let saved = through_libreoffice(&csv, delimiter, id, dir.path());
            assert_eq!(
                values(&cells(&saved, delimiter)),
                before,
                "{name} through LibreOffice in {locale}"
            );
            if delimiter == b';' && id == 1044 && !num_cols.is_empty() {
                // the Norwegian sheet read the decimal commas as numbers:
                // it saves numbers unquoted and text quoted
                let raw = std::fs::read_to_string(&saved).unwrap();
                let quoted = raw
                    .lines()
                    .skip(1)
                    .filter(|l| l.split(';').nth(4).is_some_and(|c| c.starts_with('"')))
                    .count();
                assert_eq!(quoted, 0, "{raw}");
            }
        }
    }
}

#[test]
fn excel_check_csv_survives_libreoffice_in_both_locales() {
    round_trip(
        |out, extra| {
            tolk()
                .arg("check")
                .arg(corpora().join("utsyn-2026.nb.md"))
                .arg(corpora().join("utsyn-2026.en.md"))
                .args(["--format", "csv"])
                .args(extra)
                .arg("-o")
                .arg(out)
                .assert()
                .code(1);
        },
        &[
            "pair",
            "pairs",
            "src_ids",
            "tgt_ids",
            "src_start",
            "src_end",
            "tgt_start",
            "tgt_end",
        ],
        &[],
    );
}

#[test]
fn excel_update_sheet_survives_libreoffice_in_both_locales() {
    round_trip(
        |out, extra| {
            tolk()
                .arg("diff")
                .arg(corpora().join("utsyn-2026.nb.md"))
                .arg(corpora().join("utsyn-2027.nb.md"))
                .arg("--translation")
                .arg(corpora().join("utsyn-2026.en.md"))
                .args(extra)
                .arg("-o")
                .arg(out)
                .assert()
                .success();
        },
        &["pair", "src_ids", "tgt_ids", "old_src_ids", "match"],
        &["confidence"],
    );
}
