//! The HTML review page in a real browser: `scripts/screenshot-html`
//! renders it in headless Chromium and checks the PNG is not blank; the
//! low-confidence filter (preset with `?filter=lt50`) must change what is
//! shown. Chromium missing → the test fails and says to run
//! scripts/install-deps.

use std::path::Path;
use std::process::Command;

use tolk::output::{self, Format, Options, Row};
use tolk::BlockKind;

fn page(path: &Path) {
    let rows = (0..60).map(|i| Row {
        pair: i,
        src: vec![i],
        tgt: if i % 7 == 3 { vec![] } else { vec![i] },
        confidence: Some([0.97, 0.93, 0.8, 0.4, 0.65][i % 5]),
        src_text: format!("Setning nummer {i} på bokmål, med æ, ø og å."),
        tgt_text: if i % 7 == 3 {
            String::new()
        } else {
            format!("Sentence number {i} in English.")
        },
        src_kind: Some(if i % 20 == 0 {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        }),
        ..Row::default()
    });
    let mut opts = Options::new("nb", "en");
    opts.src_name = "fokus.nb.md".into();
    opts.tgt_name = "fokus.en.md".into();
    let mut out = Vec::new();
    output::write(Format::Html, &opts, rows, &mut out).unwrap();
    std::fs::write(path, out).unwrap();
}

/// Screenshot a page (`PAGE.html[?query]`) in headless Chromium with
/// `scripts/screenshot-html`, which fails on a blank page; the PNG's bytes.
pub(crate) fn screenshot(arg: &str, png: &Path) -> Vec<u8> {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("chromium").is_file()))
        .unwrap_or(false);
    assert!(found, "chromium is not installed; run scripts/install-deps");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/screenshot-html");
    let out = Command::new(script).arg(arg).arg(png).output().unwrap();
    assert!(
        out.status.success(),
        "screenshot-html {arg}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(png).unwrap()
}

#[test]
fn review_page_renders_and_filters_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("review.html");
    page(&html);
    let all = screenshot(html.to_str().unwrap(), &dir.path().join("all.png"));
    let low = screenshot(
        &format!("{}?filter=lt50", html.display()),
        &dir.path().join("low.png"),
    );
    assert_ne!(all, low, "the filter changed nothing on screen");
}

#[test]
fn a_blank_page_is_reported_blank() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("blank.html");
    std::fs::write(&html, "<!DOCTYPE html><html><body></body></html>").unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/screenshot-html");
    let out = Command::new(script)
        .arg(&html)
        .arg(dir.path().join("b.png"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("BLANK"));
}
