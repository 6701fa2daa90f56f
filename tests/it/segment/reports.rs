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
    assert_eq!(texts, ["Tiltakene er:", "Mer penger.", "Flere folk."]);
    assert_eq!(got[1].0, "list_item");
    let got = segments("A. Dette er punkt. B. Dette er neste punkt.\n", "nb");
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["Dette er punkt.", "Dette er neste punkt."]);
}

// Regression: UTF-16 without a byte-order mark (as some Windows tools save
// "Unicode text") was called "a binary file", with no hint how to fix it.
#[test]
fn utf16_without_a_bom_is_named_as_such() {
    let tmp = tempfile::TempDir::new().unwrap();
    let text = "Det regner i dag. Vi blir hjemme.\n";
    for (name, bytes, enc) in [
        (
            "le.txt",
            text.encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect::<Vec<u8>>(),
            "UTF-16LE",
        ),
        (
            "be.txt",
            text.encode_utf16()
                .flat_map(|u| u.to_be_bytes())
                .collect::<Vec<u8>>(),
            "UTF-16BE",
        ),
    ] {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        cargo_bin_cmd!("tolk")
            .arg("segment")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(name))
            .stderr(predicates::str::contains(format!(
                "looks like {enc} without a byte-order mark"
            )))
            .stderr(predicates::str::contains(format!(
                "iconv -f {enc} -t UTF-8"
            )));
    }
    // a file with a stray NUL is still "binary"
    let path = tmp.path().join("nul.txt");
    std::fs::write(&path, b"Det regner.\0 Vi blir hjemme.\n").unwrap();
    cargo_bin_cmd!("tolk")
        .arg("segment")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("looks like a binary file"));
}

// Regression: an HTML file declaring charset utf-8 whose bytes are Latin-1
// ("S\xf8k etter bl\xe5b\xe6r") was read silently as "S�k etter bl�b�r",
// putting replacement characters into every output.
#[test]
fn html_bytes_that_do_not_match_the_declared_charset_are_refused() {
    let tmp = tempfile::TempDir::new().unwrap();
    let path = tmp.path().join("page.html");
    std::fs::write(
        &path,
        b"<html><head><meta charset=\"utf-8\"></head><body><p>S\xf8k etter bl\xe5b\xe6r.</p></body></html>",
    )
    .unwrap();
    cargo_bin_cmd!("tolk")
        .arg("segment")
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("page.html"))
        .stderr(predicates::str::contains("not valid UTF-8"))
        .stderr(predicates::str::contains("offset 51"));
    // the same bytes declared as Latin-1 are read
    std::fs::write(
        &path,
        b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>S\xf8k etter bl\xe5b\xe6r.</p></body></html>",
    )
    .unwrap();
    cargo_bin_cmd!("tolk")
        .arg("segment")
        .arg(&path)
        .assert()
        .success()
        .stdout("Søk etter blåbær.\n");
}
