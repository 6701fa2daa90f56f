//! Real report layouts read and segmented: line blocks (signatures,
//! addresses, label stacks) give a segment per line in every reader.

use std::io::Write;
use std::path::Path;

use tolk::lang::Lang;
use tolk::read::{Document, InputFormat};
use tolk::segment::segment;

fn texts(doc: &Document) -> Vec<String> {
    segment(doc, Lang::Nb).into_iter().map(|s| s.text).collect()
}

/// A minimal Word document holding `body` (WordprocessingML paragraphs).
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The segments expected of a thank-you line, a signature block (place and
/// date, name, title) and then `rest`.
fn signed(rest: &[&str]) -> Vec<String> {
    let head = [
        "Vi takker for samarbeidet.",
        "Oslo, 12. februar 2026",
        "Kari Nordmann",
        "direktør",
    ];
    head.iter().chain(rest).map(|s| s.to_string()).collect()
}

#[test]
fn signature_lines_are_segments_in_html() {
    let html = "<html><body><p>Vi takker for samarbeidet.</p>\
        <p>Oslo, 12. februar 2026<br>Kari Nordmann<br>direktør</p>\
        <p>Statens vardetjeneste<br/>Postboks 1234 Sentrum<br/>0102 Oslo</p>\
        <p>En setning som går<br>over to linjer.</p></body></html>";
    let doc =
        Document::from_bytes(Path::new("s.html"), html.as_bytes(), InputFormat::Html).unwrap();
    assert_eq!(
        texts(&doc),
        signed(&[
            "Statens vardetjeneste",
            "Postboks 1234 Sentrum",
            "0102 Oslo",
            "En setning som går over to linjer."
        ])
    );
}

#[test]
fn signature_lines_are_segments_in_docx() {
    let bytes = docx(concat!(
        "<w:p><w:r><w:t>Vi takker for samarbeidet.</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>Oslo, 12. februar 2026</w:t><w:br/><w:t>Kari Nordmann</w:t>",
        "<w:br/><w:t>direktør</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>Teksten fortsetter og</w:t><w:br/><w:t>slutter her.</w:t></w:r></w:p>",
    ));
    let doc = Document::from_bytes(Path::new("s.docx"), &bytes, InputFormat::Docx).unwrap();
    assert_eq!(texts(&doc), signed(&["Teksten fortsetter og slutter her."]));
}

#[test]
fn signature_lines_are_segments_in_text() {
    let text = "Vi takker for samarbeidet.\n\nOslo, 12. februar 2026\nKari Nordmann\ndirektør\n\n\
        En lang setning som er brutt\nover flere linjer i en smal\nspalte og slutter her.\n";
    let doc = Document::from_text("s.md", text);
    assert_eq!(
        texts(&doc),
        signed(&[
            "En lang setning som er brutt over flere linjer i en smal spalte og slutter her."
        ])
    );
}

#[test]
fn short_wrapped_lines_of_a_sentence_stay_one_segment() {
    // narrow column: every line short, but the sentence runs on ("og", ",")
    // and ends in a period
    let html = "<p>Tiltaket gjelder<br>kommuner, fylker og<br>statlige etater.</p>\
        <p>Russland<br>Kina<br>Iran</p>";
    let doc =
        Document::from_bytes(Path::new("s.html"), html.as_bytes(), InputFormat::Html).unwrap();
    assert_eq!(
        texts(&doc),
        [
            "Tiltaket gjelder kommuner, fylker og statlige etater.",
            "Russland",
            "Kina",
            "Iran"
        ]
    );
}

/// Text `tolk extract` gives for HTML `html`.
fn html_text(html: &str) -> String {
    let doc =
        Document::from_bytes(Path::new("x.html"), html.as_bytes(), InputFormat::Html).unwrap();
    texts(&doc).join(" | ")
}

#[test]
fn raised_number_after_a_number_is_an_exponent_in_html() {
    // with or without a space before the <sup>: the same "2^24"
    assert_eq!(
        html_text("<p>Nettet har 2 <sup>24</sup> adresser, ikke 2<sup>16</sup>.</p>"),
        "Nettet har 2^24 adresser, ikke 2^16."
    );
    // a unit keeps superscript digits; a raised number after a year or a
    // word is a footnote reference and goes
    assert_eq!(
        html_text("<p>Arealet er 5 m<sup>2</sup> i 2024 <sup>3</sup> og mer<sup>4</sup>.</p>"),
        "Arealet er 5 m² i 2024 og mer."
    );
}

#[test]
fn raised_number_after_a_number_is_an_exponent_in_docx() {
    let sup = |t: &str| {
        format!(r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{t}</w:t></w:r>"#)
    };
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let body = format!(
        "<w:p>{}{}{}{}{}{}{}</w:p>",
        run("Nettet har 2 "),
        sup("24"),
        run(" adresser, ikke 2"),
        sup("16"),
        run(", på 5 m"),
        sup("2"),
        run(".")
    );
    let doc = Document::from_bytes(Path::new("x.docx"), &docx(&body), InputFormat::Docx).unwrap();
    assert_eq!(
        texts(&doc),
        ["Nettet har 2^24 adresser, ikke 2^16, på 5 m²."]
    );
}

#[test]
fn check_sees_a_wrong_exponent() {
    // "2 <sup>24</sup>" against "2<sup>23</sup>": the exponent was dropped
    // before, and check could not see the difference
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("a.nb.html");
    let en = dir.path().join("a.en.html");
    std::fs::write(&nb, "<p>Nettet har 2 <sup>24</sup> adresser.</p>").unwrap();
    std::fs::write(&en, "<p>The network has 2<sup>23</sup> addresses.</p>").unwrap();
    assert_cmd::cargo::cargo_bin_cmd!("tolk")
        .arg("check")
        .arg(&nb)
        .arg(&en)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "number “24” in the source not in the target",
        ));
}

/// (kind, text) of every segment of `doc`.
fn kinds(doc: &Document) -> Vec<(String, String)> {
    segment(doc, Lang::Nb)
        .into_iter()
        .map(|s| (s.kind.as_str().to_string(), s.text))
        .collect()
}

fn pair(kind: &str, text: &str) -> (String, String) {
    (kind.to_string(), text.to_string())
}

const PRE_NB: &str = "<html><body><nav>Hjem</nav><div role=\"banner\">Last ned e-boka</div>\
    <p>Kjør kommandoen.</p><pre>$ ls -l\n-rw-r--r-- 1 kari kari 0 18. nov 01:07 test.txt\n</pre>\
    <p>Da ser du filen.</p><div class=\"navfooter\">Forrige</div></body></html>";
const PRE_EN: &str = "<html><body><div role=\"navigation\">Home</div><p>Run the command.</p>\
    <pre>$ ls -l\n-rw-r--r-- 1 kari kari 0 Nov 18 01:07 test.txt\n</pre>\
    <p>Then you see the file.</p><footer>Download the ebook</footer></body></html>";

#[test]
fn pre_is_one_code_unit_and_chrome_is_dropped_in_html() {
    let doc =
        Document::from_bytes(Path::new("c.html"), PRE_NB.as_bytes(), InputFormat::Html).unwrap();
    assert_eq!(
        kinds(&doc),
        [
            pair("paragraph", "Kjør kommandoen."),
            pair(
                "code",
                "$ ls -l -rw-r--r-- 1 kari kari 0 18. nov 01:07 test.txt"
            ),
            pair("paragraph", "Da ser du filen."),
        ]
    );
    assert_eq!(doc.notes.len(), 1, "{:?}", doc.notes);
    assert!(doc.notes[0].contains("3 elements of page chrome"));
}

#[test]
fn code_blocks_in_markdown_and_docx() {
    let md =
        "Kjør dette:\n\n    $ ls -l\n    total 0\n\nDa ser du.\n\n```\nfn main() { x. Y }\n```\n\n\
        – punkt\n    fortsatt her\n\n    Innrykket avsnitt som\nfortsetter uten innrykk.\n";
    let doc = Document::from_text("c.md", md);
    assert_eq!(
        kinds(&doc),
        [
            pair("paragraph", "Kjør dette:"),
            pair("code", "$ ls -l total 0"),
            pair("paragraph", "Da ser du."),
            pair("code", "fn main() { x. Y }"),
            pair("list_item", "punkt fortsatt her"),
            pair(
                "paragraph",
                "Innrykket avsnitt som fortsetter uten innrykk."
            ),
        ]
    );
    let bytes = docx(concat!(
        "<w:p><w:r><w:t>Kjør dette:</w:t></w:r></w:p>",
        r#"<w:p><w:pPr><w:pStyle w:val="HTMLPreformatted"/></w:pPr><w:r><w:t>$ ls -l. Total 0</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="SourceCode"/></w:pPr><w:r><w:t>echo hei. Ferdig</w:t></w:r></w:p>"#,
    ));
    let doc = Document::from_bytes(Path::new("c.docx"), &bytes, InputFormat::Docx).unwrap();
    assert_eq!(
        kinds(&doc),
        [
            pair("paragraph", "Kjør dette:"),
            pair("code", "$ ls -l. Total 0"),
            pair("code", "echo hei. Ferdig"),
        ]
    );
}

#[test]
fn code_is_aligned_but_left_out_of_tmx_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let nb = dir.path().join("c.nb.html");
    let en = dir.path().join("c.en.html");
    std::fs::write(&nb, PRE_NB).unwrap();
    std::fs::write(&en, PRE_EN).unwrap();
    let run = |format: &str| {
        assert_cmd::cargo::cargo_bin_cmd!("tolk")
            .args(["align", "--format", format])
            .arg(&nb)
            .arg(&en)
            .assert()
            .success()
    };
    let csv = run("csv");
    let csv = String::from_utf8(csv.get_output().stdout.clone()).unwrap();
    assert!(
        csv.contains("1-1,") && csv.contains("Nov 18 01:07 test.txt"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let tmx = run("tmx");
    let out = tmx.get_output();
    let tmx_text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(tmx_text.matches("<tu ").count(), 2, "{tmx_text}");
    assert!(!tmx_text.contains("test.txt"));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(
        err.contains("1 pair(s) of code or preformatted text left out of the TMX"),
        "{err}"
    );
    assert!(err.contains("page chrome"), "{err}");
}
