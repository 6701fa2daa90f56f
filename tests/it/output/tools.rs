//! Our TMX and XLIFF checked by the tools translators' pipelines use:
//! `xmllint --valid` against the TMX 1.4 DTD in `../shared/formats`, and
//! translate-toolkit's own TMX and XLIFF readers. A missing tool fails the
//! test with a message saying how to install it; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use tolk::output::{self, Format, Options, Row, Status};

/// The shared data directory: `$TOLK_SHARED`, else `../shared` next to the
/// checkout (or `../../shared` for a git worktree one level deeper).
fn shared_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates: Vec<PathBuf> = match std::env::var_os("TOLK_SHARED") {
        Some(d) => vec![PathBuf::from(d)],
        None => vec![root.join("../shared"), root.join("../../shared")],
    };
    candidates
        .iter()
        .find(|d| d.join("formats/tmx14.dtd").is_file())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "formats/tmx14.dtd not found in {candidates:?}; set TOLK_SHARED to the shared data directory"
            )
        })
}

fn require(tool: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(tool))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("`{tool}` is not installed; run scripts/install-deps (Debian packages libxml2-utils, translate-toolkit)")
    })
}

/// The Python interpreter translate-toolkit is installed for (the one in
/// the shebang of its `po2tmx` script).
fn toolkit_python() -> String {
    let po2tmx = require("po2tmx");
    let script = std::fs::read_to_string(&po2tmx).unwrap();
    let shebang = script.lines().next().unwrap_or("");
    let interp = shebang.trim_start_matches("#!").trim();
    let interp = interp.strip_prefix("/usr/bin/env ").unwrap_or(interp);
    interp.to_string()
}

/// Units of a TMX or XLIFF file as translate-toolkit reads them: one JSON
/// array per line `[source, target, approved, state]`.
const READ_UNITS: &str = r#"
import json, sys
from translate.storage import tmx, xliff
kind, path = sys.argv[1], sys.argv[2]
store = (tmx.tmxfile if kind == "tmx" else xliff.xlifffile).parsefile(path)
for u in store.units:
    if u.isheader():
        continue
    approved = u.isapproved() if kind == "xliff" else None
    state = u.statemap_r.get(u.get_state_n()) if kind == "xliff" else None
    print(json.dumps([u.source, u.target, approved, state]))
"#;

pub fn toolkit_units(kind: &str, path: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(toolkit_python())
        .args(["-c", READ_UNITS, kind])
        .arg(path)
        .output()
        .expect("run python3 with translate-toolkit");
    assert!(
        out.status.success(),
        "translate-toolkit could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn rows() -> Vec<Row> {
    let r = |pair: usize, s: &str, t: &str, conf: f64| Row {
        pair,
        src: vec![pair],
        tgt: if t.is_empty() { vec![] } else { vec![pair] },
        confidence: Some(conf),
        src_text: s.into(),
        tgt_text: t.into(),
        ..Row::default()
    };
    let mut rows = vec![
        r(0, "Trusselvurdering 2026", "Threat assessment 2026", 0.98),
        r(
            1,
            "Tallet er 1 250 & \"stigende\" <så>.",
            "The figure is 1,250 & 'rising' <so>.",
            0.62,
        ),
        r(2, "Linje én\nlinje to", "Line one\nline two", 0.91),
        r(3, "Kun på norsk.", "", 0.2),
        r(4, "=1+1 og tab\there", "=1+1 and tab\there", 0.95),
    ];
    rows[0].status = Some(Status::Approved);
    rows
}

fn write(format: Format, path: &Path) {
    let mut out = Vec::new();
    output::write(
        format,
        &Options::new("nb", "en"),
        rows().into_iter(),
        &mut out,
    )
    .unwrap();
    std::fs::write(path, out).unwrap();
}

#[test]
fn tmx_is_valid_against_the_tmx14_dtd() {
    let xmllint = require("xmllint");
    let dir = tempfile::tempdir().unwrap();
    // `xmllint --valid` resolves the DOCTYPE's "tmx14.dtd" next to the file.
    std::fs::copy(
        shared_dir().join("formats/tmx14.dtd"),
        dir.path().join("tmx14.dtd"),
    )
    .unwrap();
    let tmx = dir.path().join("m.tmx");
    write(Format::Tmx, &tmx);
    let out = Command::new(&xmllint)
        .args(["--noout", "--valid", "--nonet"])
        .arg(&tmx)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And with the DTD given explicitly.
    let out = Command::new(&xmllint)
        .args(["--noout", "--nonet", "--dtdvalid"])
        .arg(shared_dir().join("formats/tmx14.dtd"))
        .arg(&tmx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmllint --dtdvalid: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_tmx_missing_a_required_header_attribute_is_invalid() {
    // The DTD check above can fail: drop `datatype` and xmllint must object.
    let xmllint = require("xmllint");
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("bad.tmx");
    write(Format::Tmx, &tmx);
    let text = std::fs::read_to_string(&tmx)
        .unwrap()
        .replace(" datatype=\"plaintext\"", "");
    std::fs::write(&tmx, text).unwrap();
    let status = Command::new(&xmllint)
        .args(["--noout", "--nonet", "--dtdvalid"])
        .arg(shared_dir().join("formats/tmx14.dtd"))
        .arg(&tmx)
        .output()
        .unwrap()
        .status;
    assert!(!status.success());
}

#[test]
fn translate_toolkit_reads_our_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("m.tmx");
    write(Format::Tmx, &tmx);
    let units = toolkit_units("tmx", &tmx);
    let want: Vec<(String, String)> = rows()
        .into_iter()
        .filter(|r| !r.is_one_sided())
        .map(|r| (r.src_text, r.tgt_text))
        .collect();
    let got: Vec<(String, String)> = units
        .iter()
        .map(|u| {
            (
                u[0].as_str().unwrap().to_string(),
                u[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn translate_toolkit_reads_our_xliff_with_its_review_state() {
    let dir = tempfile::tempdir().unwrap();
    let xlf = dir.path().join("m.xlf");
    write(Format::Xliff, &xlf);
    let units = toolkit_units("xliff", &xlf);
    assert_eq!(units.len(), 4, "one-sided pair left out");
    assert_eq!(units[0][0], "Trusselvurdering 2026");
    assert_eq!(units[2][1], "Line one\nline two");
    // Pair 0: status ok → signed-off, approved. Pair 1: 0.62 → needs review.
    // Pair 2: 0.91 → translated.
    let state = |i: usize| {
        (
            units[i][2].as_bool().unwrap(),
            units[i][3].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(state(0), (true, "signed-off".into()));
    assert_eq!(state(1), (false, "needs-review-translation".into()));
    assert_eq!(state(2), (false, "translated".into()));
}
