//! Snapshot tests for every output format on the corpora/ sample (Utsyn
//! 2026, Bokmål ↔ English), using its gold alignment so the snapshots test
//! the writers, not the aligner. The pre-segmented gold sentence files are
//! the inputs (byte offsets point into them); a segment is a heading when
//! the Markdown edition has it as a paragraph of its own (a `#` line, or a
//! single unpunctuated line between blank lines, not a page number).

use crate::util::corpora;
use std::collections::HashSet;

use tolk::output::{self, Format, Options, Row};
use tolk::BlockKind;

/// Lines of a pre-segmented file with their byte ranges.
fn segments(name: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let text = std::fs::read_to_string(corpora().join(name)).unwrap();
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        out.push((body.to_string(), pos..pos + body.len()));
        pos += line.len();
    }
    out
}

fn headings(md: &str) -> HashSet<String> {
    let text = std::fs::read_to_string(corpora().join(md)).unwrap();
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.contains('\n'))
        .map(|p| p.trim_start_matches('#').trim().to_string())
        .filter(|p| !p.is_empty() && !p.ends_with('.') && !p.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

fn parse_ids(s: &str) -> Vec<usize> {
    s.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .filter(|x| !x.trim().is_empty())
        .map(|x| x.trim().parse().unwrap())
        .collect()
}

fn gold_rows() -> Vec<Row> {
    let src = segments("utsyn-2026.nb.sentences.txt");
    let tgt = segments("utsyn-2026.en.sentences.txt");
    let (src_h, tgt_h) = (headings("utsyn-2026.nb.md"), headings("utsyn-2026.en.md"));
    let beads = std::fs::read_to_string(corpora().join("utsyn-2026.gold.beads")).unwrap();
    let side = |segs: &[(String, std::ops::Range<usize>)], ids: &[usize], h: &HashSet<String>| {
        if ids.is_empty() {
            return (None, String::new(), None);
        }
        let text = ids
            .iter()
            .map(|&i| segs[i].0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let bytes = segs[ids[0]].1.start..segs[*ids.last().unwrap()].1.end;
        let kind = if h.contains(&segs[ids[0]].0) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        (Some(bytes), text, Some(kind))
    };
    beads
        .lines()
        .enumerate()
        .map(|(pair, line)| {
            let (s, t) = line.split_once(':').unwrap();
            let (s, t) = (parse_ids(s), parse_ids(t));
            let (src_bytes, src_text, src_kind) = side(&src, &s, &src_h);
            let (tgt_bytes, tgt_text, tgt_kind) = side(&tgt, &t, &tgt_h);
            Row {
                pair,
                src: s,
                tgt: t,
                src_bytes,
                tgt_bytes,
                confidence: None,
                src_text,
                tgt_text,
                src_kind,
                tgt_kind,
                status: None,
                note: None,
                moved: None,
                ..Row::default()
            }
        })
        .collect()
}

fn render(format: Format, opts: &Options) -> String {
    let mut out = Vec::new();
    output::write(format, opts, gold_rows().into_iter(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn opts() -> Options {
    let mut o = Options::new("nb", "en");
    o.src_name = "utsyn-2026.nb.sentences.txt".into();
    o.tgt_name = "utsyn-2026.en.sentences.txt".into();
    o
}

#[test]
fn beads_reproduce_the_gold_file_exactly() {
    let gold = std::fs::read_to_string(corpora().join("utsyn-2026.gold.beads")).unwrap();
    assert_eq!(render(Format::Beads, &opts()), gold);
}

#[test]
fn the_sample_has_headings_and_non_1_1_pairs() {
    // Guards the fixture itself: the HTML snapshot below must exercise both.
    let rows = gold_rows();
    assert!(rows.iter().filter(|r| r.is_heading()).count() >= 10);
    assert!(rows.iter().any(|r| r.src.len() == 2 || r.tgt.len() == 2));
}

#[test]
fn jsonl_offsets_slice_the_input_files() {
    let nb = std::fs::read_to_string(corpora().join("utsyn-2026.nb.sentences.txt")).unwrap();
    for line in render(Format::Jsonl, &opts()).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let b = v["src_bytes"].as_array().unwrap();
        if b.is_empty() {
            continue;
        }
        let (s, e) = (
            b[0].as_u64().unwrap() as usize,
            b[1].as_u64().unwrap() as usize,
        );
        assert_eq!(nb[s..e].replace('\n', " "), v["src_text"].as_str().unwrap());
    }
}

#[test]
fn snapshot_csv() {
    insta::assert_snapshot!(render(Format::Csv, &opts()));
}

#[test]
fn snapshot_csv_excel() {
    let mut o = opts();
    o.excel = true;
    o.delimiter = b';';
    insta::assert_snapshot!(render(Format::Csv, &o));
}

#[test]
fn snapshot_tsv() {
    insta::assert_snapshot!(render(Format::Tsv, &opts()));
}

#[test]
fn snapshot_jsonl() {
    insta::assert_snapshot!(render(Format::Jsonl, &opts()));
}

#[test]
fn snapshot_tmx() {
    insta::assert_snapshot!(render(Format::Tmx, &opts()));
}

#[test]
fn snapshot_xliff() {
    insta::assert_snapshot!(render(Format::Xliff, &opts()));
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!(render(Format::Html, &opts()));
}
