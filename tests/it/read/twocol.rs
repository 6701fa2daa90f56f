//! The two-column report pair (tests/fixtures/twocol/, made by
//! `scripts/make-fixtures` from havet-2026.pairs): a bar chart, footnotes at
//! a column foot and at the end of the last chapter, words hyphenated at
//! column ends, a signature block, doubled quotes. Read from PDF, each
//! edition must give exactly its gold sentences, in order; and the bad-input
//! cases of PDF reading (pages without text, output out of proportion).

use crate::util::fixture;
use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use proptest::prelude::*;
use tolk::lang::Lang;
use tolk::read::{Document, InputFormat};
use tolk::BlockKind;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf(lang: &str) -> Document {
    Document::load(
        &fixture(&format!("twocol/havet.{lang}.pdf")),
        InputFormat::Auto,
    )
    .unwrap()
}

fn gold(lang: &str) -> Vec<String> {
    std::fs::read_to_string(fixture(&format!("twocol/havet.{lang}.sentences.txt")))
        .unwrap()
        .lines()
        .map(norm)
        .collect()
}

fn segments(doc: &Document, lang: &str) -> Vec<String> {
    tolk::segment::segment(doc, lang.parse::<Lang>().unwrap())
        .iter()
        .map(|s| norm(&s.text))
        .collect()
}

/// Column and page breaks (one inside "byggekontrak-|ter", one inside
/// "pro-|duct"), footnote markers, the chart, the signature block and the
/// notes: the segments are the gold sentences, one for one, in order.
#[test]
fn pdf_segments_are_the_gold_sentences() {
    for lang in ["nb", "en"] {
        let got = segments(&pdf(lang), lang);
        let want = gold(lang);
        let first = (0..want.len().max(got.len())).find(|&i| want.get(i) != got.get(i));
        if let Some(i) = first {
            let lo = i.saturating_sub(1);
            panic!(
                "{lang}: segment {i} differs from the gold sentence\ngold: {:#?}\ngot:  {:#?}",
                &want[lo..(i + 2).min(want.len())],
                &got[lo..(i + 2).min(got.len())]
            );
        }
    }
}

#[test]
fn chart_labels_are_figure_text_shown_by_extract_with_a_note() {
    let doc = pdf("en");
    let figure: Vec<String> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::FigureText)
        .flat_map(|b| b.lines.iter().map(|r| doc.text[r.clone()].to_string()))
        .collect();
    for label in ["50", "0", "2019", "2025", "Aquaculture", "Maritime"] {
        assert!(figure.iter().any(|l| l == label), "{label}: {figure:?}");
    }
    assert!(doc.notes.iter().any(|n| n.contains("figure text")));
    cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(fixture("twocol/havet.en.pdf"))
        .assert()
        .success()
        .stdout(predicate::str::contains("\n\n2021\n\n"))
        .stderr(predicate::str::contains(
            "left out 12 line(s) of figure text",
        ));
    // six axis ticks, four years, two legend labels: none is a segment
    let segs = segments(&doc, "en");
    for label in ["50", "2019", "Aquaculture", "Maritime"] {
        assert!(!segs.iter().any(|s| s == label), "{label}: {segs:?}");
    }
}

#[test]
fn no_pair_of_figure_text_or_labels_and_end_notes_paired() {
    let out = cargo_bin_cmd!("tolk")
        .args(["align", "--format", "tsv"])
        .arg(fixture("twocol/havet.nb.pdf"))
        .arg(fixture("twocol/havet.en.pdf"))
        .assert()
        .success();
    let tsv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let header: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
    let text_columns: Vec<usize> = ["src_text", "tgt_text"]
        .iter()
        .map(|name| header.iter().position(|h| h == name).unwrap())
        .collect();
    for line in tsv.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        for side in text_columns.iter().map(|&k| fields[k]) {
            let bare = side
                .split_whitespace()
                .all(|t| t.chars().all(|c| c.is_ascii_digit()));
            assert!(side.is_empty() || !bare, "a pair of numbers: {line}");
            assert!(
                !["Havbruk", "Maritime", "Aquaculture"].contains(&side),
                "{line}"
            );
        }
    }
    // The chapter-end notes (4 and 5) pair with each other.
    for (nb, en) in [
        ("Eksportandelen er beregnet", "The export share has been"),
        (
            "Se også Nasjonal risikovurdering",
            "See also the National Risk",
        ),
    ] {
        assert!(
            tsv.lines().any(|l| l.contains(nb) && l.contains(en)),
            "{nb} | {en} not paired:\n{tsv}"
        );
    }
}

#[test]
fn signature_lines_and_doubled_quotes() {
    let segs = segments(&pdf("nb"), "nb");
    let at = segs
        .iter()
        .position(|s| s == "Bergen, 3. mars 2026")
        .unwrap();
    assert_eq!(segs[at + 1], "Ingrid Solberg");
    assert_eq!(segs[at + 2], "administrerende direktør");
    assert!(segs.contains(&"Bransjen selv er optimistisk.".to_string()));
    assert!(segs.contains(
        &"Organisasjonen venter at antallet ansatte ved verftene vil øke med 2 000 innen 2028."
            .to_string()
    ));
}

#[test]
fn partly_scanned_pdf_warns_naming_the_pages() {
    cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(fixture("part-scanned.pdf"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Tredje side har tekst igjen."))
        .stderr(
            predicate::str::contains("part-scanned.pdf").and(predicate::str::contains(
                "page without text (scanned images?): 2;",
            )),
        );
    // No text layer at all stays an error.
    cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(fixture("scanned.pdf"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("has no text layer"));
}

#[test]
fn pdftotext_output_out_of_proportion_is_refused() {
    // 2.6 kB of PDF whose pages share one compressed stream: ~29 MB of word
    // boxes, past the 16 MiB any PDF may give.
    cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(fixture("word-bomb.pdf"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("word-bomb.pdf")
                .and(predicate::str::contains("times the file's size"))
                .and(predicate::str::contains("panicked").not()),
        );
}

/// A one-page PDF (A4, Helvetica) with each item drawn at (x, y from the
/// top) in the given size.
fn make_pdf(items: &[(f32, f32, f32, String)]) -> Vec<u8> {
    let mut content = String::from("BT\n");
    for (x, y, size, text) in items {
        let esc = text
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        content.push_str(&format!(
            "/F1 {size} Tf 1 0 0 1 {x} {} Tm ({esc}) Tj\n",
            842.0 - y
        ));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A page of lines: body text, list items, footnotes in small type with
/// their number, raised markers, numbers alone, in one or two columns.
fn page() -> impl Strategy<Value = Vec<(f32, f32, f32, String)>> {
    let word = prop::sample::select(vec![
        "tekst",
        "Norge",
        "var",
        "økte",
        "i",
        "2025",
        "prosent.",
        "og",
        "etter-",
        "NATO-",
        "land",
        "30",
        "saken.",
        "Den",
        "«sitat»",
        "\"\"sa",
        "han.\"\"",
        "e-post",
        "1)",
        "–",
    ]);
    let line = (
        prop::sample::select(vec!["", "• ", "– ", "1) ", "1 ", "2 "]),
        prop::collection::vec(word, 1..8),
        prop::sample::select(vec![10.0f32, 10.0, 10.0, 7.0, 14.0]),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["1", "2", "3"])),
    );
    prop::collection::vec(line, 1..30).prop_map(|lines| {
        let mut items = Vec::new();
        let mut y = [80.0f32, 80.0];
        for (lead, words, size, right, marker) in lines {
            let col = usize::from(right);
            let x = 50.0 + col as f32 * 260.0;
            let text = format!("{lead}{}", words.join(" "));
            items.push((x, y[col], size, text.clone()));
            if let Some(m) = marker {
                // a raised footnote marker after the line
                let w = text.chars().count() as f32 * size * 0.5;
                items.push((x + w + 1.0, y[col] - size * 0.4, size * 0.6, m.to_string()));
            }
            y[col] += size * 1.3;
        }
        items
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Through pdftotext and the layout clean-up: segments never include a
    /// marker byte (list bullet or footnote label), and every byte that is
    /// not white space and not a marker (nor figure text, which is never
    /// segmented) is in exactly one segment.
    #[test]
    fn pdf_segments_cover_every_non_marker_byte_once(items in page()) {
        let bytes = make_pdf(&items);
        let Ok(doc) = Document::from_bytes(Path::new("p.pdf"), &bytes, InputFormat::Pdf) else {
            return Ok(()); // nothing left (every line was furniture): an error, tested elsewhere
        };
        let segs = tolk::segment::segment(&doc, Lang::Nb);
        let mut count = vec![0u8; doc.text.len()];
        let mut marker = vec![false; doc.text.len()];
        for s in &segs {
            if let Some(m) = &s.marker {
                for b in m.clone() {
                    marker[b] = true;
                }
            }
        }
        for s in &segs {
            for b in s.bytes.clone() {
                prop_assert!(!marker[b], "marker byte {b} inside {:?}", s.text);
                count[b] += 1;
            }
        }
        for block in &doc.blocks {
            if block.kind == BlockKind::FigureText {
                continue;
            }
            for r in &block.lines {
                for b in r.clone() {
                    let c = doc.text.as_bytes()[b];
                    if !c.is_ascii_whitespace() && !marker[b] {
                        prop_assert_eq!(count[b], 1, "byte {} of {:?} in {:?}", b, doc.text, block.kind);
                    }
                }
            }
        }
    }
}
