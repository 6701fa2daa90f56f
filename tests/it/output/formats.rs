//! Snapshot tests for every output format on a small hand-made alignment
//! that has every kind of pair: headings, 1-1, 1-2, 2-1, 1-0, 0-1, texts
//! with quotes, delimiters, line breaks, `<`, `&`, formula starts and a
//! control character.

use tolk::output::{self, Format, Options, Row, Status};
use tolk::BlockKind;

fn row(pair: usize, src: &[usize], tgt: &[usize], conf: f64, s: &str, t: &str) -> Row {
    Row {
        pair,
        src: src.to_vec(),
        tgt: tgt.to_vec(),
        src_bytes: (!src.is_empty()).then(|| pair * 10..pair * 10 + s.len()),
        tgt_bytes: (!tgt.is_empty()).then(|| pair * 12..pair * 12 + t.len()),
        confidence: Some(conf),
        src_text: s.into(),
        tgt_text: t.into(),
        src_kind: (!src.is_empty()).then_some(BlockKind::Paragraph),
        tgt_kind: (!tgt.is_empty()).then_some(BlockKind::Paragraph),
        status: None,
        note: None,
        moved: None,
        ..Row::default()
    }
}

fn fixture() -> Vec<Row> {
    let mut h = row(
        0,
        &[0],
        &[0],
        0.99,
        "Trusselvurdering 2026",
        "Threat assessment 2026",
    );
    h.src_kind = Some(BlockKind::Heading);
    h.tgt_kind = Some(BlockKind::Heading);
    let mut h2 = row(
        5,
        &[6],
        &[6],
        0.93,
        "Økonomi & sanksjoner",
        "Economy & sanctions",
    );
    h2.src_kind = Some(BlockKind::Heading);
    h2.tgt_kind = Some(BlockKind::Heading);
    vec![
        h,
        row(
            1,
            &[1],
            &[1, 2],
            0.72,
            "Russland er den største trusselen, sier PST.",
            "Russia is the main threat. So says PST.",
        ),
        row(
            2,
            &[2, 3],
            &[3],
            0.41,
            "Tallet var 1 250; det er \"mye\".",
            "The figure was 1,250 — \"a lot\".",
        ),
        row(
            3,
            &[4],
            &[],
            0.30,
            "Et avsnitt som bare finnes på norsk.",
            "",
        ),
        row(
            4,
            &[5],
            &[4],
            0.95,
            "=SUM(A1) og -5 og @navn og 'sitat",
            "+47 22 and <b>bold</b> & more",
        ),
        h2,
        row(
            6,
            &[],
            &[7],
            0.25,
            "",
            "A paragraph only in English.\nWith a second line.",
        ),
        row(
            7,
            &[7],
            &[8],
            0.88,
            "Tab\there and bell\u{7} here.",
            "Tab\there and CR\r here.",
        ),
    ]
}

fn render(format: Format, opts: &Options) -> String {
    let mut out = Vec::new();
    output::write(format, opts, fixture().into_iter(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn opts() -> Options {
    let mut o = Options::new("nb", "en");
    o.src_name = "fokus.nb.md".into();
    o.tgt_name = "fokus.en.md".into();
    o
}

#[test]
fn csv_default() {
    insta::assert_snapshot!(render(Format::Csv, &opts()));
}

#[test]
fn csv_excel_semicolon() {
    let mut o = opts();
    o.excel = true;
    o.delimiter = b';';
    let s = render(Format::Csv, &o);
    assert!(s.starts_with('\u{FEFF}'), "BOM first");
    insta::assert_snapshot!(s);
}

#[test]
fn tsv_default() {
    insta::assert_snapshot!(render(Format::Tsv, &opts()));
}

#[test]
fn jsonl() {
    insta::assert_snapshot!(render(Format::Jsonl, &opts()));
}

#[test]
fn beads() {
    let s = render(Format::Beads, &opts());
    assert!(s.contains("[2, 3]:[3]\n") && s.contains("[]:[7]\n"));
    insta::assert_snapshot!(s);
}

#[test]
fn tmx() {
    insta::assert_snapshot!(render(Format::Tmx, &opts()));
}

#[test]
fn tmx_with_one_sided() {
    let mut o = opts();
    o.include_one_sided = true;
    let s = render(Format::Tmx, &o);
    assert_eq!(s.matches("<tu ").count(), fixture().len());
    insta::assert_snapshot!(s);
}

#[test]
fn xliff_with_review_state() {
    let mut rows = fixture();
    rows[1].status = Some(Status::Approved);
    rows[1].note = Some("checked <ok> & fine".into());
    rows[4].status = Some(Status::NeedsReview);
    let mut out = Vec::new();
    output::write(Format::Xliff, &opts(), rows.into_iter(), &mut out).unwrap();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("<trans-unit id=\"1\" approved=\"yes\""));
    insta::assert_snapshot!(s);
}

#[test]
fn html() {
    insta::assert_snapshot!(render(Format::Html, &opts()));
}

#[test]
fn summary_counts_what_was_altered() {
    let mut o = opts();
    o.excel = true;
    let s = output::write(Format::Csv, &o, fixture().into_iter(), &mut Vec::new()).unwrap();
    // "=SUM…", "+47…" and the target starting with a tab? No: only cells
    // whose first character is = + - @ tab CR.
    assert_eq!(s.guarded_cells, 2);
    let s = output::write(Format::Tmx, &opts(), fixture().into_iter(), &mut Vec::new()).unwrap();
    assert_eq!(
        (s.written, s.skipped_one_sided, s.replaced_chars),
        (6, 2, 1)
    );
}

#[test]
fn code_pairs_stay_out_of_tmx_and_xliff_unless_included() {
    let mut code = row(0, &[0], &[0], 0.99, "ls -l /srv", "ls -l /srv/");
    code.src_kind = Some(BlockKind::Code);
    let text = row(1, &[1], &[1], 0.99, "Det regner.", "It is raining.");
    for format in [Format::Tmx, Format::Xliff] {
        for include in [false, true] {
            let mut opts = Options::new("nb", "en");
            opts.include_code = include;
            let mut out = Vec::new();
            let s = output::write(
                format,
                &opts,
                vec![code.clone(), text.clone()].into_iter(),
                &mut out,
            )
            .unwrap();
            let out = String::from_utf8(out).unwrap();
            assert_eq!(out.contains("ls -l /srv/"), include, "{format}: {out}");
            assert!(out.contains("It is raining."));
            assert_eq!(s.skipped_code, usize::from(!include));
        }
    }
}
