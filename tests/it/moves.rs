//! Moved blocks: the sample's English edition with one paragraph (three
//! sentences about a waterworks) placed two sections later, as a fact box
//! that an edition puts elsewhere. The pairs come back as moved pairs in
//! every output; a passage deleted from one edition stays an omission; the
//! unmoved editions get no moved pair.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::util::{corpora, jsonl, tolk, write};

/// The paragraph moved, by its first words in each edition.
const EN_BLOCK: &str = "In the third quarter of 2025";
const NB_BLOCK: &str = "I 3. kvartal 2025";

fn nb() -> PathBuf {
    corpora().join("utsyn-2026.nb.md")
}

fn en_paragraphs() -> Vec<String> {
    let text = std::fs::read_to_string(corpora().join("utsyn-2026.en.md")).unwrap();
    text.split("\n\n").map(str::to_string).collect()
}

/// The English edition with paragraph 25 (the waterworks case, section
/// 1.2) put after paragraph 30 (in section 1.3).
fn moved_en(dir: &Path) -> PathBuf {
    let mut p = en_paragraphs();
    assert!(p[25].starts_with(EN_BLOCK), "{}", p[25]);
    assert!(p[27].starts_with("1.3 "), "{}", p[27]);
    let block = p.remove(25);
    p.insert(30, block);
    write(dir, "moved.en.md", p.join("\n\n"))
}

/// The English edition without paragraph 26 (criminals as proxies).
fn cut_en(dir: &Path) -> PathBuf {
    let mut p = en_paragraphs();
    assert!(p[26].starts_with("Russia also uses criminals"), "{}", p[26]);
    p.remove(26);
    write(dir, "cut.en.md", p.join("\n\n"))
}

/// A temporary directory holding the moved English edition, and its path.
fn moved() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let en = moved_en(dir.path());
    (dir, en)
}

/// `tolk ARGS`, which must succeed: its standard output.
fn run<S: AsRef<OsStr>>(args: &[S]) -> Vec<u8> {
    let out = tolk().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn align(src: &Path, tgt: &Path, format: &str) -> Vec<u8> {
    run(&[
        OsStr::new("align"),
        OsStr::new("--format"),
        OsStr::new(format),
        src.as_os_str(),
        tgt.as_os_str(),
    ])
}

fn csv_records(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn moved_block_comes_back_as_moved_pairs_in_csv_and_jsonl() {
    let (_dir, en) = moved();
    let (header, rows) = csv_records(&align(&nb(), &en, "csv"));
    assert_eq!(
        header,
        [
            "pair",
            "src_ids",
            "tgt_ids",
            "type",
            "confidence",
            "src_text",
            "tgt_text",
            "moved"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let moved: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| !r[col("moved")].is_empty())
        .collect();
    assert_eq!(moved.len(), 3, "{moved:?}");
    assert!(moved[0][col("src_text")].starts_with(NB_BLOCK));
    assert!(moved[0][col("tgt_text")].starts_with(EN_BLOCK));
    assert!(moved[2][col("src_text")].contains("kap. 5"));
    assert!(moved[2][col("tgt_text")].contains("Chapter 5"));
    // The moved pairs stand where the source has them (section 1.2); their
    // target text stands before the pair of the paragraph that follows it
    // in the English edition.
    let before: usize = moved[0][col("moved")].parse().unwrap();
    let next = &rows[before];
    assert!(
        next[col("tgt_text")].starts_with("2 China") || next[col("tgt_text")] == "7",
        "{next:?}"
    );
    assert!(moved
        .iter()
        .all(|r| r[col("moved")] == moved[0][col("moved")]));
    // Every segment of both editions is in exactly one row.
    for c in ["src_ids", "tgt_ids"] {
        let mut ids: Vec<usize> = rows
            .iter()
            .flat_map(|r| r[col(c)].split_whitespace().map(|x| x.parse().unwrap()))
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert_eq!(ids, (0..n).collect::<Vec<_>>());
    }

    let lines = jsonl(&align(&nb(), &en, "jsonl"));
    let flagged: Vec<&serde_json::Value> = lines.iter().filter(|l| l["moved"] == true).collect();
    assert_eq!(flagged.len(), 3);
    assert!(flagged[0]["tgt_text"]
        .as_str()
        .unwrap()
        .starts_with(EN_BLOCK));
    assert_eq!(flagged[0]["moved_before"], before);
    assert!(lines
        .iter()
        .filter(|l| l["moved"] != true)
        .all(|l| l.get("moved").is_none() && l.get("moved_before").is_none()));
}

#[test]
fn tmx_xliff_and_the_review_page_keep_moved_pairs() {
    let (_dir, en) = moved();
    let tmx = String::from_utf8(align(&nb(), &en, "tmx")).unwrap();
    let tu = tmx
        .split("<tu ")
        .find(|tu| tu.contains(EN_BLOCK))
        .expect("the moved pair is in the TMX");
    assert!(tu.contains(NB_BLOCK), "{tu}");
    assert!(tu.contains("<prop type=\"x-moved\">"), "{tu}");
    let xliff = String::from_utf8(align(&nb(), &en, "xliff")).unwrap();
    let unit = xliff
        .split("<trans-unit ")
        .find(|u| u.contains(EN_BLOCK))
        .expect("the moved pair is in the XLIFF");
    assert!(unit.contains("moved: target before pair"), "{unit}");
    // The page's pairs carry the place of the target text; the editor links
    // both places from it.
    let html = String::from_utf8(align(&nb(), &en, "html")).unwrap();
    let start = html.find("id=\"tolk-pairs\">").unwrap();
    let end = start + html[start..].find("</script>").unwrap();
    let pairs: Vec<serde_json::Value> =
        serde_json::from_str(&html[start + "id=\"tolk-pairs\">".len()..end]).unwrap();
    let moved: Vec<&serde_json::Value> = pairs.iter().filter(|p| p.get("mv").is_some()).collect();
    assert_eq!(moved.len(), 3);
    assert!(html.contains("stands before this pair in the target edition"));
}

#[test]
fn a_deleted_passage_stays_an_omission() {
    let dir = tempfile::tempdir().unwrap();
    let en = cut_en(dir.path());
    let lines = jsonl(&align(&nb(), &en, "jsonl"));
    assert!(lines.iter().all(|l| l.get("moved").is_none()));
    let gone: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| {
            l["src_text"]
                .as_str()
                .unwrap()
                .starts_with("Russland bruker også kriminelle")
        })
        .collect();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0]["tgt"], serde_json::json!([]));
}

#[test]
fn the_unmoved_sample_has_no_moved_pairs() {
    let en = corpora().join("utsyn-2026.en.md");
    let lines = jsonl(&align(&nb(), &en, "jsonl"));
    assert!(lines.iter().all(|l| l.get("moved").is_none()));
}

#[test]
fn check_names_the_block_and_both_places() {
    let (_dir, en) = moved();
    let out = tolk()
        .args(["check", "--format", "jsonl"])
        .arg(nb())
        .arg(&en)
        .output()
        .unwrap();
    let findings = jsonl(&out.stdout);
    let moves: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["kind"] == "reordering")
        .collect();
    assert_eq!(moves.len(), 1, "{findings:?}");
    let msg = moves[0]["message"].as_str().unwrap();
    assert!(msg.contains("\"I 3. kvartal 2025 ble det …\""), "{msg}");
    assert!(msg.contains("1.2 Cyberoperasjoner og sabotasje"), "{msg}");
    assert!(
        msg.contains("1.3 Intelligence activity against Norway"),
        "{msg}"
    );
    assert!(!msg.contains("similarity"), "{msg}");
    // Its sentences are neither omitted nor added.
    assert!(findings.iter().all(|f| {
        !(f["kind"] == "omission" || f["kind"] == "addition")
            || !f["src_text"].as_str().unwrap_or("").contains(NB_BLOCK)
                && !f["tgt_text"].as_str().unwrap_or("").contains(EN_BLOCK)
    }));
}

#[test]
fn the_update_sheet_reuses_the_translation_of_a_moved_block() {
    let (_dir, en) = moved();
    let out = run(&[
        OsStr::new("diff"),
        nb().as_os_str(),
        nb().as_os_str(),
        OsStr::new("--translation"),
        en.as_os_str(),
    ]);
    let (header, rows) = csv_records(&out);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let block: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| {
            r[col("src_text")].starts_with(NB_BLOCK) || r[col("src_text")].contains("kap. 5")
        })
        .collect();
    assert_eq!(block.len(), 2, "{block:?}");
    for r in block {
        assert_eq!(r[col("status")], "unchanged", "{r:?}");
        assert!(!r[col("tgt_text")].is_empty(), "{r:?}");
    }
}

#[test]
fn convert_reads_moved_back() {
    let (dir, en) = moved();
    let csv = write(dir.path(), "pairs.csv", align(&nb(), &en, "csv"));
    for (to, moved) in [("csv", 3), ("jsonl", 3)] {
        let out = run(&[
            OsStr::new("convert"),
            OsStr::new("--to"),
            OsStr::new(to),
            csv.as_os_str(),
        ]);
        if to == "csv" {
            let (header, rows) = csv_records(&out);
            let c = header.iter().position(|h| h == "moved").unwrap();
            let (_, orig) = csv_records(&std::fs::read(&csv).unwrap());
            let want: Vec<&String> = orig.iter().map(|r| &r[7]).collect();
            let got: Vec<&String> = rows.iter().map(|r| &r[c]).collect();
            assert_eq!(got, want);
            assert_eq!(got.iter().filter(|m| !m.is_empty()).count(), moved);
        } else {
            let lines = jsonl(&out);
            assert_eq!(lines.iter().filter(|l| l["moved"] == true).count(), moved);
        }
    }
}
