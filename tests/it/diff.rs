//! `tolk diff` and the translation update: kinds of change, output formats,
//! failure paths. Snapshots use pre-segmented fixtures (one sentence per
//! line) so they test the diff, not the segmenter.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

const OLD: &str = "tests/fixtures/report/utsyn-old.nb.txt";
const NEW: &str = "tests/fixtures/report/utsyn-new.nb.txt";
const OLD_PAIRS: &str = "tests/fixtures/report/utsyn-old.pairs.csv";

fn diff(format: &str) -> String {
    let out = cargo_bin_cmd!("tolk")
        .args([
            "diff",
            OLD,
            NEW,
            "--presegmented",
            "--format",
            format,
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn entries() -> Vec<Value> {
    diff("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn finds_every_kind_of_change() {
    let es = entries();
    let kinds: Vec<&str> = es.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        vec![
            "changed",
            "unchanged",
            "unchanged",
            "changed",
            "changed",
            "moved",
            "unchanged",
            "unchanged",
            "deleted",
            "added",
            "changed"
        ]
    );
    // The moved sentence was old sentence 7, now new sentence 5.
    assert_eq!(es[5]["old"], serde_json::json!([7]));
    assert_eq!(es[5]["new"], serde_json::json!([5]));
}

#[test]
fn numbers_are_one_token_in_word_edits() {
    let es = entries();
    let edits = es[3]["edits"].as_array().unwrap();
    let ops: Vec<(String, String)> = edits
        .iter()
        .map(|e| {
            (
                e["op"].as_str().unwrap().into(),
                e["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(ops.contains(&("delete".into(), "1 097".into())), "{ops:?}");
    assert!(ops.contains(&("insert".into(), "1 204".into())), "{ops:?}");
}

#[test]
fn byte_ranges_point_into_the_files() {
    let es = entries();
    let new_text = std::fs::read_to_string(NEW).unwrap();
    let old_text = std::fs::read_to_string(OLD).unwrap();
    for e in &es {
        if let Some(r) = e["new_bytes"].as_array() {
            let (s, t) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            assert_eq!(&new_text[s..t], e["new_text"].as_str().unwrap());
        }
        if let Some(r) = e["old_bytes"].as_array() {
            let (s, t) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            assert_eq!(&old_text[s..t], e["old_text"].as_str().unwrap());
        }
    }
}

#[test]
fn colour_only_when_asked() {
    assert!(!diff("text").contains('\u{1b}'));
    let out = cargo_bin_cmd!("tolk")
        .args(["diff", OLD, NEW, "--presegmented", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("\u{1b}[31m"));
}

#[test]
fn snapshot_text() {
    insta::assert_snapshot!("diff_text", diff("text"));
}

#[test]
fn snapshot_md() {
    insta::assert_snapshot!("diff_md", diff("md"));
}

#[test]
fn snapshot_html() {
    let html = diff("html");
    assert!(!html.contains("<script") && !html.contains("http"));
    insta::assert_snapshot!("diff_html", html);
}

#[test]
fn snapshot_jsonl() {
    insta::assert_snapshot!("diff_jsonl", diff("jsonl"));
}

fn update_csv() -> String {
    let out = cargo_bin_cmd!("tolk")
        .args(["diff", OLD, NEW, "--presegmented", "--pairs", OLD_PAIRS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("5 unchanged, 4 changed, 1 new, 1 obsolete"),
        "{stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn update_sheet_statuses() {
    let csv = update_csv();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(
        headers.iter().take(7).collect::<Vec<_>>(),
        vec![
            "pair",
            "src_ids",
            "tgt_ids",
            "type",
            "confidence",
            "src_text",
            "tgt_text"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let status = |text: &str| {
        rows.iter()
            .find(|r| r[5].contains(text) || r[10].contains(text))
            .map(|r| r[7].to_string())
            .unwrap()
    };
    assert_eq!(status("Trusselbildet"), "unchanged");
    assert_eq!(status("ferdigstilt i februar"), "changed");
    assert_eq!(status("Kunstig intelligens"), "new");
    assert_eq!(status("kvartalsrapporter"), "obsolete");
    // The moved, unchanged sentence keeps its translation.
    let moved = rows
        .iter()
        .find(|r| r[5].starts_with("Vi anbefaler"))
        .unwrap();
    assert_eq!(
        &moved[6],
        "We recommend that all organisations review their contingency plans."
    );
}

#[test]
fn update_sheet_shows_the_word_level_change_of_the_source() {
    let csv = update_csv();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(rdr.headers().unwrap().get(11), Some("src_change"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let change = |text: &str| {
        rows.iter()
            .find(|r| r[5].contains(text))
            .map(|r| r[11].to_string())
            .unwrap()
    };
    assert_eq!(
        change("I 2026 registrerte"),
        "«2025» → «2026»; «1 097» → «1 204»"
    );
    assert_eq!(change("ferdigstilt i februar"), "«januar» → «februar»");
    assert_eq!(change("Trusselbildet"), "", "unchanged: no change");
    assert_eq!(change("Kunstig intelligens"), "", "new: no change");
}

#[test]
fn excel_update_sheet_is_written_for_a_spreadsheet() {
    let out = cargo_bin_cmd!("tolk")
        .args(["diff", OLD, NEW, "--presegmented", "--pairs", OLD_PAIRS])
        .args(["--excel", "--delimiter", ";"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("\u{feff}pair;src_ids;"), "{text}");
    assert!(text.contains("\r\n0;0;0;1-1;0,9500;Utsyn 2027;"), "{text}");
}

#[test]
fn translation_in_the_source_language_is_warned_about() {
    let run = |translation: &str| {
        let out = cargo_bin_cmd!("tolk")
            .args([
                "diff",
                "tests/fixtures/report/utsyn-old.nb.md",
                "tests/fixtures/report/utsyn-new.nb.md",
                "--translation",
                translation,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let wrong = run("tests/fixtures/report/utsyn-new.nb.md");
    assert!(
        wrong.contains("utsyn-new.nb.md reads as `nb`, the language of")
            && wrong.contains("--translation takes the old version's translation"),
        "{wrong}"
    );
    let right = run("tests/fixtures/report/utsyn-old.en.md");
    assert!(!right.contains("warning"), "{right}");
}

#[test]
fn snapshot_update_csv() {
    insta::assert_snapshot!("diff_update_csv", update_csv());
}

#[test]
fn translation_update_from_a_translation_file() {
    let out = cargo_bin_cmd!("tolk")
        .args([
            "diff",
            "tests/fixtures/report/utsyn-old.nb.md",
            "tests/fixtures/report/utsyn-new.nb.md",
            "--translation",
            "tests/fixtures/report/utsyn-old.en.md",
            "--lang",
            "nb",
            "--tgt-lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let new = rows
        .iter()
        .find(|r| r[5].contains("Kunstig intelligens"))
        .unwrap();
    assert_eq!(&new[7], "new");
    let reuse = rows
        .iter()
        .find(|r| r[5].contains("Trusselbildet er mer"))
        .unwrap();
    assert_eq!(&reuse[7], "unchanged");
    assert!(reuse[6].contains("threat picture"), "{:?}", reuse);
}

#[test]
fn markdown_editions_show_moves_and_changes() {
    let out = cargo_bin_cmd!("tolk")
        .args([
            "diff",
            "tests/fixtures/report/utsyn-old.nb.md",
            "tests/fixtures/report/utsyn-new.nb.md",
            "--lang",
            "nb",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("moved from old sentence"), "{text}");
    assert!(
        text.contains("[-12,5-]") && text.contains("{+9,8+}"),
        "{text}"
    );
}

#[test]
fn missing_file_is_an_error() {
    cargo_bin_cmd!("tolk")
        .args(["diff", OLD, "no-such-file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-file.txt"));
}

#[test]
fn pairs_that_do_not_fit_the_old_version_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pairs.csv");
    std::fs::write(
        &p,
        "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n0,99,0,1-1,0.9,x,y\n",
    )
    .unwrap();
    cargo_bin_cmd!("tolk")
        .args(["diff", OLD, NEW, "--presegmented", "--pairs"])
        .arg(&p)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("segment").and(predicate::str::contains("pairs.csv")));
}

#[test]
fn translation_and_pairs_conflict() {
    cargo_bin_cmd!("tolk")
        .args(["diff", OLD, NEW, "--translation", OLD, "--pairs", OLD_PAIRS])
        .assert()
        .code(2);
}

/// The sample report's 2027 revision (corpora/README.md lists its changes).
#[test]
fn corpora_revision_is_found() {
    let out = cargo_bin_cmd!("tolk")
        .args([
            "diff",
            "corpora/utsyn-2026.nb.md",
            "corpora/utsyn-2027.nb.md",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let es: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let any = |kind: &str, text: &str| {
        es.iter().any(|e| {
            e["kind"] == kind
                && (e["new_text"].as_str().unwrap().contains(text)
                    || e["old_text"].as_str().unwrap().contains(text))
        })
    };
    // Paragraphs moved unchanged are moves, not delete + insert.
    assert!(any("moved", "Samarbeidet mellom Iran og Russland"));
    assert!(any("moved", "Kunstig intelligens senker terskelen"));
    assert!(!any("deleted", "Samarbeidet mellom Iran og Russland"));
    for text in [
        "Antallet øvelser med strategiske bombefly",
        "Flere hadde ingen klar ideologi",
        "Pressehenvendelser rettes til",
    ] {
        assert!(any("deleted", text), "{text}");
    }
    for text in [
        "I år har vi for første gang",
        "Den samme teknikken ble brukt",
    ] {
        assert!(any("added", text), "{text}");
    }
    // "1 097,3" → "1 204,8": one token each in the word-level edits.
    let changed = es
        .iter()
        .find(|e| e["kind"] == "changed" && e["old_text"].as_str().unwrap().contains("1 097,3"))
        .expect("the changed sentence");
    let edits = changed["edits"].as_array().unwrap();
    assert!(edits
        .iter()
        .any(|e| e["op"] == "delete" && e["text"] == "1 097,3"));
    assert!(edits
        .iter()
        .any(|e| e["op"] == "insert" && e["text"] == "1 204,8"));
}
