//! PDF input through `pdftotext` (Debian package poppler-utils).
//!
//! `pdftotext -bbox-layout` gives the words of each page in poppler's
//! reading order (the same analysis as its default mode, which keeps
//! two-column pages in order), grouped in blocks and lines, each word with
//! its box. The box sizes let the layout clean-up (`read/layout.rs`) tell
//! headings, footnotes, superscript markers, running headers and page
//! numbers from running text; the hyphens at line ends are still there, so
//! the clean-up decides which to keep.
//!
//! Errors: pdftotext missing ([`Error::MissingTool`]), a truncated file
//! (no `%%EOF` near the end), an encrypted file, a file pdftotext cannot
//! read (its message is passed on), a PDF without a text layer, and output
//! out of proportion to the file ([`output_budget`]). Notes on stderr, never
//! in the text: the pages without any word (scanned without OCR), and how
//! many lines of figure text were kept out of the alignment.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::layout::{self, Line, PBlock, Page, Word};
use super::{BlockKind, Builder, Document};
use crate::error::{Error, Result};

/// Largest pdftotext output read (the XHTML with word boxes), in bytes,
/// whatever the file's size.
pub const MAX_OUTPUT: u64 = 1 << 30;

/// How many times its own size a PDF's pdftotext output (the XHTML with
/// word boxes) may be, beyond the first [`FREE_OUTPUT`] bytes. Reports run
/// at 5-20 times (fonts and images take room in the PDF, none in the text);
/// a text-only PDF compressed hard reaches about 50.
pub const MAX_RATIO: u64 = 100;

/// What any PDF's pdftotext output may be regardless of [`MAX_RATIO`] (16 MiB).
pub const FREE_OUTPUT: u64 = 16 << 20;

/// How much pdftotext output is read for a PDF of `len` bytes: in
/// proportion to the file, so the memory a file can make tolk use is
/// bounded by its size, and never above [`MAX_OUTPUT`].
pub fn output_budget(len: usize) -> u64 {
    (len as u64)
        .saturating_mul(MAX_RATIO)
        .clamp(FREE_OUTPUT, MAX_OUTPUT)
}

/// How long pdftotext may run on one file by default, in seconds (a
/// 300-page report takes a few seconds; a hostile file can take forever).
pub const DEFAULT_TIMEOUT_SECS: u64 = 120;

static TIMEOUT_SECS: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(DEFAULT_TIMEOUT_SECS);

/// Set the time limit of every later pdftotext run (`--timeout`); by
/// default, [`DEFAULT_TIMEOUT_SECS`]. When it is reached, pdftotext's
/// process group is killed and the file fails with an error saying so.
pub fn set_timeout(limit: std::time::Duration) {
    TIMEOUT_SECS.store(limit.as_secs().max(1), std::sync::atomic::Ordering::Relaxed);
}

/// Start `command` in a process group of its own, so that a terminal's
/// Ctrl-C reaches tolk (which then ends it) and the whole group can be
/// killed at once; on Linux the child is also killed when tolk dies, even
/// by `kill -9`.
fn spawn_own_group(command: &mut Command) -> std::io::Result<std::process::Child> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
        #[cfg(target_os = "linux")]
        {
            // SAFETY: only async-signal-safe calls between fork and exec.
            let parent = unsafe { libc::getpid() };
            unsafe {
                command.pre_exec(move || {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    // The parent died before prctl took effect.
                    if libc::getppid() != parent {
                        libc::_exit(1);
                    }
                    Ok(())
                });
            }
        }
    }
    command.spawn()
}

/// Kill the process group led by `pid` (the child of [`spawn_own_group`]).
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        if let Ok(pid) = i32::try_from(child.id()) {
            // SAFETY: a signal to the process group we created.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
    let _ = child.kill();
}

/// Read a PDF's text and structure.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document> {
    let xhtml = run_pdftotext(path, bytes)?;
    let pages = parse_bbox(path, &xhtml)?;
    if !pages.iter().any(|p| {
        p.blocks
            .iter()
            .any(|b| b.lines.iter().any(|l| !l.words.is_empty()))
    }) {
        return Err(input(
            path,
            "has no text layer (a scanned image?); run OCR on it first, for example `ocrmypdf in.pdf out.pdf`, and try again",
        ));
    }
    let mut builder = Builder::default();
    let mut figure_lines = 0;
    for unit in layout::clean(&pages) {
        if unit.kind == BlockKind::FigureText {
            figure_lines += unit.lines.len();
        }
        if unit.lines.is_empty() {
            builder.push(unit.kind, &unit.marker, &unit.text);
        } else {
            builder.push_lines(unit.kind, &unit.marker, &unit.lines);
        }
    }
    let mut doc = builder.finish(path, "PDF")?;
    let blank = textless_pages(&pages);
    if !blank.is_empty() {
        doc.notes.push(format!(
            "{} without text (scanned images?): {}; their text is missing from the alignment. Run OCR on the PDF first, for example `ocrmypdf in.pdf out.pdf`",
            if blank.len() == 1 { "page" } else { "pages" },
            page_list(&blank)
        ));
    }
    if figure_lines > 0 {
        doc.notes.push(format!(
            "left out {figure_lines} line(s) of figure text (chart axes and labels) from segmenting and aligning; `tolk extract` shows them"
        ));
    }
    Ok(doc)
}

/// Numbers (from 1) of the pages that have no word at all.
fn textless_pages(pages: &[Page]) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !p.blocks
                .iter()
                .any(|b| b.lines.iter().any(|l| !l.words.is_empty()))
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// "3", "2 and 5", "1, 4 and 7", runs shortened: "2-9 and 12".
fn page_list(pages: &[usize]) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        if j > i + 1 {
            runs.push(format!("{}-{}", pages[i], pages[j]));
        } else {
            runs.extend(pages[i..=j].iter().map(usize::to_string));
        }
        i = j + 1;
    }
    match runs.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => runs.join(""),
    }
}

fn input(path: &Path, message: &str) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Check the cheap signs of a damaged file before running pdftotext.
fn check_shape(path: &Path, bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(input(
            path,
            "is not a PDF file (no %PDF- header); pass --input-format to choose another format",
        ));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(input(
            path,
            "PDF file is truncated (no %%EOF marker at its end); download or export it again",
        ));
    }
    Ok(())
}

/// Run `pdftotext -bbox-layout -enc UTF-8 - -` with the bytes on stdin.
fn run_pdftotext(path: &Path, bytes: &[u8]) -> Result<String> {
    check_shape(path, bytes)?;
    let mut command = Command::new("pdftotext");
    command
        .args(["-bbox-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let limit = TIMEOUT_SECS.load(std::sync::atomic::Ordering::Relaxed);
    let budget = output_budget(bytes.len());
    let mut child = spawn_own_group(&mut command).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::MissingTool {
                tool: "pdftotext".into(),
                package: "poppler-utils".into(),
            }
        } else {
            Error::Read {
                path: path.to_path_buf(),
                cause: e,
            }
        }
    })?;
    let mut stdin = child.stdin.take();
    let mut stderr = child.stderr.take();
    let mut stdout = child.stdout.take();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let timed_out = std::sync::atomic::AtomicBool::new(false);
    let pid = child.id();
    let (out, err) = std::thread::scope(|s| {
        let timed_out = &timed_out;
        s.spawn(move || {
            let limit = std::time::Duration::from_secs(limit);
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(limit) {
                timed_out.store(true, std::sync::atomic::Ordering::Relaxed);
                #[cfg(unix)]
                if let Ok(pid) = i32::try_from(pid) {
                    // SAFETY: a signal to the process group we created.
                    unsafe {
                        libc::kill(-pid, libc::SIGKILL);
                    }
                }
                #[cfg(not(unix))]
                let _ = pid;
            }
        });
        s.spawn(move || {
            if let Some(mut w) = stdin.take() {
                // A write error means pdftotext stopped reading; its exit
                // status tells why.
                let _ = w.write_all(bytes);
            }
        });
        let err = s.spawn(move || {
            // Keep the first 64 kB of the messages; read (and drop) the
            // rest so pdftotext never blocks on a full pipe.
            let mut buf = Vec::new();
            if let Some(e) = stderr.as_mut() {
                let _ = e.by_ref().take(1 << 16).read_to_end(&mut buf);
                let _ = std::io::copy(e, &mut std::io::sink());
            }
            buf
        });
        let mut out = Vec::new();
        let read = stdout
            .as_mut()
            .map(|o| o.take(budget + 1).read_to_end(&mut out));
        if out.len() as u64 > budget {
            // Stop pdftotext before waiting for its stderr to close.
            kill_group(&mut child);
        }
        let err = err.join().unwrap_or_default();
        let _ = done_tx.send(());
        ((read, out), err)
    });
    let (read, out) = out;
    if timed_out.load(std::sync::atomic::Ordering::Relaxed) {
        let _ = child.wait();
        return Err(input(
            path,
            &format!(
                "pdftotext did not finish within {limit} s and was stopped; pass a larger --timeout (seconds) if the PDF is merely large, or export the PDF again"
            ),
        ));
    }
    if out.len() as u64 > budget {
        kill_group(&mut child);
        let _ = child.wait();
        return Err(input(path, &too_much_output(budget)));
    }
    let status = child.wait().map_err(|cause| Error::Read {
        path: path.to_path_buf(),
        cause,
    })?;
    if let Some(Err(cause)) = read {
        return Err(Error::Read {
            path: path.to_path_buf(),
            cause,
        });
    }
    let err = String::from_utf8_lossy(&err);
    if !status.success() {
        let lower = err.to_lowercase();
        if lower.contains("incorrect password") || lower.contains("encrypt") {
            return Err(input(
                path,
                "PDF file is encrypted (password protected); remove the protection first, for example `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`",
            ));
        }
        // The last message is usually the fatal one; earlier ones are
        // the syntax errors that led to it.
        let detail = err
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("no message");
        return Err(input(
            path,
            &format!(
                "pdftotext could not read this PDF ({detail}; exit status {}); the file may be damaged — download or export it again",
                status.code().map_or("signal".to_string(), |c| c.to_string())
            ),
        ));
    }
    String::from_utf8(out).map_err(|_| {
        input(
            path,
            "pdftotext produced invalid UTF-8; check the poppler-utils installation",
        )
    })
}

/// The error for pdftotext output beyond the budget of [`output_budget`].
fn too_much_output(budget: u64) -> String {
    format!(
        "pdftotext produced more than {} MiB of text and word boxes (more than {MAX_RATIO} times the file's size, or {} MiB in all); refusing to read it (a PDF made to exhaust memory?). Split the PDF and read the parts",
        budget >> 20,
        MAX_OUTPUT >> 20
    )
}

/// Parse the XHTML of `pdftotext -bbox-layout` into pages.
fn parse_bbox(path: &Path, xhtml: &str) -> Result<Vec<Page>> {
    let mut reader = Reader::from_str(xhtml);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            input(
                path,
                &format!(
                    "cannot parse pdftotext's output ({e}); check the poppler-utils installation"
                ),
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    "page" => pages.push(Page {
                        width: attr(&e, "width"),
                        height: attr(&e, "height"),
                        blocks: Vec::new(),
                    }),
                    "block" => {
                        if let Some(p) = pages.last_mut() {
                            p.blocks.push(PBlock::default());
                        }
                    }
                    "line" => {
                        if let Some(b) = pages.last_mut().and_then(|p| p.blocks.last_mut()) {
                            b.lines.push(Line::default());
                        }
                    }
                    "word" => {
                        word = Some(Word {
                            x0: attr(&e, "xMin"),
                            y0: attr(&e, "yMin"),
                            x1: attr(&e, "xMax"),
                            y1: attr(&e, "yMax"),
                            text: String::new(),
                        })
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        w.text.push(c);
                    } else {
                        w.text.push_str(match &*r {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                if let Some(w) = word.take() {
                    let text = w.text.trim();
                    if !text.is_empty() {
                        let w = Word {
                            text: text.to_string(),
                            ..w
                        };
                        if let Some(l) = pages
                            .last_mut()
                            .and_then(|p| p.blocks.last_mut())
                            .and_then(|b| b.lines.last_mut())
                        {
                            l.words.push(w);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> f32 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse::<f32>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bbox_output() {
        let xhtml = r#"<html><body><doc><page width="595" height="842"><flow><block xMin="1" yMin="2" xMax="3" yMax="4"><line xMin="1" yMin="2" xMax="3" yMax="4"><word xMin="1" yMin="2" xMax="3" yMax="12">R&amp;D</word><word xMin="5" yMin="2" xMax="9" yMax="12">x</word></line></block></flow></page></doc></body></html>"#;
        let pages = parse_bbox(Path::new("a.pdf"), xhtml).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].width, 595.0);
        let words: Vec<&str> = pages[0].blocks[0].lines[0]
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(words, ["R&D", "x"]);
    }

    #[test]
    fn output_budget_grows_with_the_file_up_to_a_cap() {
        assert_eq!(output_budget(0), FREE_OUTPUT);
        assert_eq!(output_budget(10_000), FREE_OUTPUT);
        assert_eq!(output_budget(1 << 20), 100 << 20);
        assert_eq!(output_budget(usize::MAX), MAX_OUTPUT);
        let e = too_much_output(output_budget(1 << 20));
        assert!(
            e.contains("more than 100 MiB") && e.contains("Split the PDF"),
            "{e}"
        );
    }

    #[test]
    fn page_lists() {
        assert_eq!(page_list(&[3]), "3");
        assert_eq!(page_list(&[2, 5]), "2 and 5");
        assert_eq!(page_list(&[1, 2, 4]), "1, 2 and 4");
        assert_eq!(page_list(&[2, 3, 4, 5, 9]), "2-5 and 9");
    }

    #[test]
    fn refuses_truncated_and_non_pdf_before_running_anything() {
        let e = check_shape(Path::new("t.pdf"), b"%PDF-1.4\n1 0 obj").unwrap_err();
        assert!(e.to_string().contains("truncated"), "{e}");
        let e = check_shape(Path::new("t.pdf"), b"hello").unwrap_err();
        assert!(e.to_string().contains("not a PDF"), "{e}");
    }
}
