//! List markers and footnote labels in JSON Lines: the segment texts leave
//! them out, and a pair row carries the marker of the list item or
//! footnote its first segment opens as `src_marker` / `tgt_marker`, from
//! `tolk align` and, when the reviewed CSV has those columns, from
//! `tolk convert`.

use crate::util::{jsonl, tolk, write};

const NB: &str = "Tiltakene i 2025 var tre.\n\n\
• Kommunene fikk nye vannverk i fjor.\n\n\
• Fylkene bygde tre nye broer over elva.\n\n\
Det kostet 40 millioner kroner.¹\n\n\
¹ Tallet gjelder hele landet.\n";
const EN: &str = "The measures in 2025 were three.\n\n\
1) The municipalities got new waterworks last year.\n\n\
2) The counties built three new bridges over the river.\n\n\
It cost 40 million kroner.¹\n\n\
¹ The figure applies to the whole country.\n";

/// The JSON Lines rows `tolk ARGS… FILES…` writes to standard output.
fn run(args: &[&str], files: &[&std::path::Path]) -> Vec<serde_json::Value> {
    let out = tolk().args(args).args(files).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    jsonl(&out.stdout)
}

#[test]
fn align_jsonl_carries_the_marker_of_each_side() {
    let dir = tempfile::tempdir().unwrap();
    let nb = write(dir.path(), "a.nb.txt", NB);
    let en = write(dir.path(), "a.en.txt", EN);
    let rows = run(
        &["align", "--format", "jsonl"],
        &[nb.as_path(), en.as_path()],
    );
    let find = |start: &str| {
        rows.iter()
            .find(|r| r["src_text"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no row for {start}: {rows:?}"))
    };
    let first = find("Kommunene");
    assert_eq!(first["src_marker"], "•", "{first}");
    assert_eq!(first["tgt_marker"], "1)", "{first}");
    assert!(!first["src_text"].as_str().unwrap().contains('•'));
    let second = find("Fylkene");
    assert_eq!(second["tgt_marker"], "2)", "{second}");
    let note = find("Tallet");
    assert_eq!(note["src_marker"], "¹", "{note}");
    assert_eq!(note["tgt_marker"], "¹", "{note}");
    // A row without a marker has no such key.
    let plain = find("Tiltakene");
    assert!(plain.get("src_marker").is_none() && plain.get("tgt_marker").is_none());
}

#[test]
fn convert_carries_marker_columns_into_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "reviewed.csv",
        "pair,src_ids,tgt_ids,src_text,tgt_text,src_marker,tgt_marker\n\
         0,0,0,Det regner.,It is raining.,,\n\
         1,1,1,Vi blir hjemme.,We stay home.,•,1)\n",
    );
    let rows = run(&["convert", "--to", "jsonl"], &[csv.as_path()]);
    assert_eq!(rows.len(), 2);
    assert!(rows[0].get("src_marker").is_none(), "{}", rows[0]);
    assert_eq!(rows[1]["src_marker"], "•");
    assert_eq!(rows[1]["tgt_marker"], "1)");
}
