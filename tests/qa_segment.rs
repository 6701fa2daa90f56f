//! QA pass: segmentation problems a translator meets in real reports.

use assert_cmd::cargo::cargo_bin_cmd;

fn segments(text: &str, lang: &str) -> Vec<(String, String)> {
    let out = cargo_bin_cmd!("tolk")
        .args(["segment", "-", "--format", "tsv", "--lang", lang])
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[2].to_string(), f[5].to_string())
        })
        .collect()
}

// Regression: a paragraph opening with two initials ("J. K. Hansen, direktør",
// the signature under the sample's foreword) was read as a lettered list:
// "J." became a list item of its own and "K. Hansen, direktør" another.
#[test]
fn a_line_opening_with_initials_is_not_a_lettered_list() {
    let got = segments(
        "Takk til alle som har bidratt.\n\nJ. K. Hansen, direktør\n",
        "nb",
    );
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        ["Takk til alle som har bidratt.", "J. K. Hansen, direktør"]
    );
    assert_ne!(got[1].0, "list_item");

    let got = segments("J. R. R. Tolkien wrote it. He was a professor.\n", "en");
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["J. R. R. Tolkien wrote it.", "He was a professor."]);
}

// The fix keeps real lettered lists working.
#[test]
fn lettered_lists_still_split() {
    let got = segments("Tiltakene er:\n\na. Mer penger.\nb. Flere folk.\n", "nb");
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["Tiltakene er:", "a. Mer penger.", "b. Flere folk."]);
    assert_eq!(got[1].0, "list_item");
    let got = segments("A. Dette er punkt. B. Dette er neste punkt.\n", "nb");
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["A. Dette er punkt.", "B. Dette er neste punkt."]);
}
