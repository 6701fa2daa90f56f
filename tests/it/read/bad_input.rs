//! Bad PDF, DOCX and HTML input: each a clear error naming the file (exit
//! code 2, nothing on standard output) or a documented graceful result —
//! never a panic, never unbounded memory.

use crate::util::fixture;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use tolk::read::{Document, InputFormat};

/// `tolk extract FILE` fails with exit code 2, no output, and a message
/// naming the file and containing `what`.
fn fails(path: &Path, what: &str) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(path)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains(name)
                .and(predicate::str::contains(what))
                .and(predicate::str::contains("panicked").not()),
        );
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn truncated_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(fixture("edition.en.pdf")).unwrap();
    let path = write(&dir, "cut.pdf", &whole[..whole.len() / 2]);
    fails(&path, "PDF file is truncated");
}

#[test]
fn damaged_pdf_with_an_end_marker() {
    // The start and end of a PDF with its middle replaced by garbage: pdftotext
    // either reports an error, which is passed on, or reads nothing.
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(fixture("edition.en.pdf")).unwrap();
    let mut bytes = whole[..200].to_vec();
    bytes.extend(std::iter::repeat(b'x').take(5000));
    bytes.extend_from_slice(&whole[whole.len() - 100..]);
    let path = write(&dir, "damaged.pdf", &bytes);
    let out = cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(&path)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("damaged.pdf"), "{err}");
    assert!(
        err.contains("pdftotext could not read") || err.contains("no text layer"),
        "{err}"
    );
}

#[test]
fn encrypted_pdf() {
    fails(
        &fixture("encrypted.pdf"),
        "is encrypted (password protected)",
    );
}

#[test]
fn scanned_pdf_without_text_layer() {
    fails(&fixture("scanned.pdf"), "has no text layer");
}

#[test]
fn missing_pdftotext_names_the_package() {
    // With an empty PATH the program cannot be found.
    let dir = tempfile::tempdir().unwrap();
    cargo_bin_cmd!("tolk")
        .arg("extract")
        .arg(fixture("edition.en.pdf"))
        .env("PATH", dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("pdftotext").and(predicate::str::contains("poppler-utils")),
        );
}

#[test]
fn docx_that_is_not_a_zip() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "letter.docx",
        b"This is a plain text file named .docx\n",
    );
    fails(&path, "not a DOCX file");
}

#[test]
fn old_binary_doc_renamed_docx() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend([0u8; 512]);
    let path = write(&dir, "old.docx", &bytes);
    fails(&path, "old Word .doc");
}

#[test]
fn zip_that_is_not_a_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.zip");
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"hello").unwrap();
        zip.finish().unwrap();
    }
    fails(&path, "not a Word document");
}

/// A deflate stream of `1 + 258 * runs` spaces: one literal, then copies of
/// length 258 at distance 1, in a fixed-Huffman block. 13 bits per 258 bytes.
fn deflate_spaces(runs: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.n;
            self.n += bits;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, bits: u32) {
            let mut rev = 0;
            for i in 0..bits {
                rev |= ((code >> i) & 1) << (bits - 1 - i);
            }
            self.put(rev, bits);
        }
    }
    let mut b = Bits {
        out: Vec::with_capacity(runs * 13 / 8 + 16),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // BTYPE = fixed Huffman
    b.code(0x30 + 0x20, 8); // literal ' '
    for _ in 0..runs {
        b.code(0xC0 + 5, 8); // length symbol 285 = 258
        b.code(0, 5); // distance code 0 = 1
    }
    b.code(0, 7); // end of block
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

/// A one-entry zip (deflate) written by hand. The CRC is left 0: the
/// reader must refuse the entry long before it could check it.
fn zip_one(name: &str, data: &[u8], uncompressed: u32) -> Vec<u8> {
    let mut z = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    le32(&mut z, 0x0403_4b50);
    for x in [20u16, 0, 8, 0, 0x21] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, data.len() as u32);
    le32(&mut z, uncompressed);
    le16(&mut z, name.len() as u16);
    le16(&mut z, 0);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(data);
    let cd = z.len() as u32;
    le32(&mut z, 0x0201_4b50);
    for x in [20u16, 20, 0, 8, 0, 0x21] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, data.len() as u32);
    le32(&mut z, uncompressed);
    le16(&mut z, name.len() as u16);
    for x in [0u16, 0, 0, 0] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, 0);
    z.extend_from_slice(name.as_bytes());
    let cd_len = z.len() as u32 - cd;
    le32(&mut z, 0x0605_4b50);
    for x in [0u16, 0, 1, 1] {
        le16(&mut z, x);
    }
    le32(&mut z, cd_len);
    le32(&mut z, cd);
    le16(&mut z, 0);
    z
}

#[test]
fn the_deflate_generator_is_right() {
    // Check the hand-made stream on a small size with the zip reader itself.
    let data = deflate_spaces(3);
    let zip = zip_one("x", &data, 1 + 258 * 3);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut out = Vec::new();
    let _ = std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut out);
    assert_eq!(out.len(), 1 + 258 * 3);
    assert!(out.iter().all(|&b| b == b' '));
}

#[test]
fn zip_bomb_is_refused() {
    // word/document.xml expands to ~300 MB of spaces from ~1.9 MB.
    let runs = 300_000_000 / 258;
    let data = deflate_spaces(runs);
    let bytes = zip_one("word/document.xml", &data, (1 + 258 * runs) as u32);
    assert!(bytes.len() < 2_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "bomb.docx", &bytes);
    fails(&path, "zip bomb");
}

#[test]
fn zip_bomb_with_a_lying_size_is_refused() {
    // The headers claim 1,000 bytes; the stream holds ~300 MB. The zip reader
    // stops at the claimed size, so the part is cut short and is not valid
    // XML (or fails its CRC): a clear error either way, never 300 MB in memory.
    let runs = 300_000_000 / 258;
    let data = deflate_spaces(runs);
    let bytes = zip_one("word/document.xml", &data, 1000);
    let err = Document::from_bytes(Path::new("liar.docx"), &bytes, InputFormat::Auto)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("liar.docx: "), "{err}");
}

#[test]
fn html_nested_100000_deep() {
    let n = 100_000;
    let dir = tempfile::tempdir().unwrap();
    for (name, open, close) in [
        ("divs.html", "<div>", "</div>"),
        ("spans.html", "<span><b>", "</b></span>"),
        // Never closed: the stack of open elements just grows.
        ("unclosed.html", "<div><p>", ""),
    ] {
        let html = format!(
            "<!DOCTYPE html>{}Dypt inne.{}",
            open.repeat(n),
            close.repeat(n)
        );
        let path = write(&dir, name, html.as_bytes());
        cargo_bin_cmd!("tolk")
            .arg("extract")
            .arg(&path)
            .assert()
            .success()
            .stdout("Dypt inne.\n");
    }
}

#[test]
fn html_with_only_chrome_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "menu.html",
        b"<html><head><script>x()</script></head><body><nav><a href=/>Hjem</a></nav></body></html>",
    );
    fails(&path, "no text found");
}

#[test]
fn forced_format_on_the_wrong_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "notes.txt", "Bare tekst.\n".as_bytes());
    cargo_bin_cmd!("tolk")
        .args(["extract", "--input-format", "docx"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("notes.txt").and(predicate::str::contains("not a DOCX")));
}
