//! Snapshots of `tolk segment` in every output format on our own fixtures
//! (tests/fixtures/segment/*.md: short report-style texts written for these
//! tests, with headings, lists, captions, footnotes, page numbers,
//! abbreviations, dates and wrapped lines).

use assert_cmd::cargo::cargo_bin_cmd;

fn run(path: &std::path::Path, format: &str) -> String {
    let lang = if path.to_string_lossy().contains(".en.") {
        "en"
    } else {
        "nb"
    };
    let out = cargo_bin_cmd!("tolk")
        .args(["segment", "--lang", lang, "--format", format])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn segment_formats() {
    insta::glob!("../../fixtures/segment", "*.md", |path| {
        for format in ["text", "tsv", "csv", "jsonl"] {
            insta::assert_snapshot!(format!("{format}"), run(path, format));
        }
    });
}
