//! Properties: any text — quotes, delimiters, line breaks, `<`, `&`,
//! control characters, a BOM — survives CSV/TSV escaping and XML escaping
//! and reads back identical. For characters XML 1.0 cannot hold (C0 controls
//! other than tab/LF/CR, U+FFFE, U+FFFF) the documented behaviour is
//! asserted: each becomes U+FFFD and is counted.

use std::path::Path;

use proptest::prelude::*;
use quick_xml::events::Event;
use tolk::output::{self, is_xml_char, Format, Options, Row};

fn nasty_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => Just(' '),
        1 => Just('"'),
        1 => Just(','),
        1 => Just(';'),
        1 => Just('\t'),
        1 => Just('\n'),
        1 => Just('\r'),
        1 => Just('<'),
        1 => Just('>'),
        1 => Just('&'),
        1 => Just('\''),
        1 => Just('='),
        1 => Just('+'),
        1 => Just('-'),
        1 => Just('@'),
        1 => Just('ø'),
        1 => Just('\u{FEFF}'),
        1 => Just('\u{FFFE}'),
        1 => proptest::char::range('\u{0}', '\u{1F}'),
        1 => any::<char>(),
    ];
    proptest::collection::vec(c, 0..24).prop_map(String::from_iter)
}

fn rows_strategy() -> impl Strategy<Value = Vec<Row>> {
    proptest::collection::vec((nasty_text(), nasty_text(), 0u32..=1000), 1..6).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (s, t, c))| Row {
                pair: i,
                src: vec![2 * i, 2 * i + 1],
                tgt: vec![i],
                confidence: Some(f64::from(c) / 1000.0),
                src_text: s,
                tgt_text: t,
                ..Row::default()
            })
            .collect()
    })
}

fn write(format: Format, opts: &Options, rows: &[Row]) -> Vec<u8> {
    let mut out = Vec::new();
    output::write(format, opts, rows.iter().cloned(), &mut out).unwrap();
    out
}

/// (pair, src ids, tgt ids, confidence, src text, tgt text)
type Key = (usize, Vec<usize>, Vec<usize>, Option<f64>, String, String);

fn key(rows: &[Row]) -> Vec<Key> {
    rows.iter()
        .map(|r| {
            (
                r.pair,
                r.src.clone(),
                r.tgt.clone(),
                r.confidence,
                r.src_text.clone(),
                r.tgt_text.clone(),
            )
        })
        .collect()
}

fn read_back(bytes: &[u8], unguard: bool) -> Vec<Row> {
    tolk::pairs::review::read_bytes(Path::new("t.csv"), bytes, unguard)
        .unwrap()
        .rows
}

/// The texts of every `<seg>` (TMX) or `<source>`/`<target>` (XLIFF), in
/// document order, as an XML parser reads them.
fn xml_texts(xml: &str, elements: &[&str]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if elements.contains(&e.name().as_ref()) => cur = Some(String::new()),
            Event::Empty(e) if elements.contains(&e.name().as_ref()) => out.push(String::new()),
            Event::End(e) if elements.contains(&e.name().as_ref()) => out.push(cur.take().unwrap()),
            Event::Text(t) => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cur.as_mut() {
                    match r.resolve_char_ref().unwrap() {
                        Some(ch) => c.push(ch),
                        None => {
                            let name = r.into_inner();
                            c.push_str(&quick_xml::escape::unescape(&format!("&{name};")).unwrap());
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn xml_expected(text: &str) -> String {
    text.chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn csv_round_trip_is_identity(rows in rows_strategy()) {
        let opts = Options::new("nb", "en");
        let bytes = write(Format::Csv, &opts, &rows);
        prop_assert_eq!(key(&read_back(&bytes, false)), key(&rows));
    }

    #[test]
    fn tsv_round_trip_is_identity(rows in rows_strategy()) {
        let opts = Options::new("nb", "en");
        let bytes = write(Format::Tsv, &opts, &rows);
        prop_assert_eq!(key(&read_back(&bytes, false)), key(&rows));
    }

    #[test]
    fn excel_csv_round_trip_removes_exactly_the_guard(rows in rows_strategy(), semi in any::<bool>()) {
        let mut opts = Options::new("nb", "en");
        opts.excel = true;
        opts.delimiter = if semi { b';' } else { b',' };
        let bytes = write(Format::Csv, &opts, &rows);
        prop_assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
        // No cell a spreadsheet would run as a formula.
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let mut rdr = csv::ReaderBuilder::new().delimiter(opts.delimiter).from_reader(text.as_bytes());
        for rec in rdr.records() {
            let rec = rec.unwrap();
            for cell in [&rec[5], &rec[6]] {
                prop_assert!(!matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r')), "unguarded {:?}", cell);
            }
        }
        prop_assert_eq!(key(&read_back(&bytes, true)), key(&rows));
    }

    #[test]
    fn tmx_texts_read_back_identical_or_documented(rows in rows_strategy()) {
        let mut opts = Options::new("nb", "en");
        opts.include_one_sided = true;
        // Pairs with the same text on both sides are left out by default;
        // this property is about escaping, so keep every row.
        opts.include_identical = true;
        let mut out = Vec::new();
        let summary = output::write(Format::Tmx, &opts, rows.iter().cloned(), &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let got = xml_texts(&xml, &["seg"]);
        let want: Vec<String> = rows.iter().flat_map(|r| [xml_expected(&r.src_text), xml_expected(&r.tgt_text)]).collect();
        prop_assert_eq!(got, want);
        let illegal: usize = rows.iter().map(|r| r.src_text.chars().chain(r.tgt_text.chars()).filter(|c| !is_xml_char(*c)).count()).sum();
        prop_assert_eq!(summary.replaced_chars, illegal);
    }

    #[test]
    fn xliff_texts_read_back_identical_or_documented(rows in rows_strategy()) {
        let mut opts = Options::new("nb", "en");
        opts.include_one_sided = true;
        // Pairs with the same text on both sides are left out by default;
        // this property is about escaping, so keep every row.
        opts.include_identical = true;
        let xml = String::from_utf8(write(Format::Xliff, &opts, &rows)).unwrap();
        let got = xml_texts(&xml, &["source", "target"]);
        let want: Vec<String> = rows.iter().flat_map(|r| [xml_expected(&r.src_text), xml_expected(&r.tgt_text)]).collect();
        prop_assert_eq!(got, want);
    }
}

/// A spreadsheet's re-save: columns in any order plus one of its own, any
/// of the three delimiters, CRLF or LF, with or without a BOM.
fn resave(rows: &[Row], order: &[usize], delimiter: u8, crlf: bool, bom: bool) -> Vec<u8> {
    let names = [
        "pair",
        "src_ids",
        "tgt_ids",
        "confidence",
        "src_text",
        "tgt_text",
        "Kommentar",
    ];
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    w.write_record(order.iter().map(|&i| names[i])).unwrap();
    for r in rows {
        let cells = [
            r.pair.to_string(),
            output::format_ids(&r.src),
            output::format_ids(&r.tgt),
            output::format_confidence(r.confidence),
            r.src_text.clone(),
            r.tgt_text.clone(),
            "x;y,z".to_string(),
        ];
        w.write_record(order.iter().map(|&i| cells[i].as_str()))
            .unwrap();
    }
    let mut out = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    out.extend(w.into_inner().unwrap());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn reader_takes_any_column_order_delimiter_line_end_and_bom(
        rows in rows_strategy(),
        order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
        delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let bytes = resave(&rows, &order, delimiter, crlf, bom);
        let back = tolk::pairs::review::read_bytes(Path::new("t.csv"), &bytes, false).unwrap();
        prop_assert_eq!(back.delimiter, delimiter);
        prop_assert_eq!(key(&back.rows), key(&rows));
    }
}
