//! `tolk extract`: print the text a document yields — for PDF, HTML and
//! DOCX the extracted text every byte offset of `segment` and `align`
//! refers to; for text files the (decoded) text itself.

use anyhow::Result;
use tolk::read::{self, Document, InputFormat};

use crate::cli::ExtractArgs;
use crate::cmd::{input_format, print_reader_notes, Output};

/// Run `tolk extract`.
pub fn run(args: ExtractArgs) -> Result<i32> {
    let format = input_format(args.input_format, false);
    let bytes = read::read_bytes(&args.file)?;
    let doc = Document::from_bytes(&args.file, &bytes, format)?;
    print_reader_notes(&doc);
    if args.show_changes {
        let concrete = match format {
            InputFormat::Auto => InputFormat::detect(&args.file, &bytes),
            f => f,
        };
        if concrete == InputFormat::Docx {
            let changes = read::docx::tracked_changes(&doc.path, &bytes)?;
            if changes.is_empty() {
                eprintln!("tolk: {}: no tracked changes", doc.path.display());
            }
            for c in &changes {
                eprintln!(
                    "tolk: {}: tracked {} by {}: {}",
                    doc.path.display(),
                    c.kind.as_str(),
                    if c.author.is_empty() {
                        "unknown"
                    } else {
                        &c.author
                    },
                    c.text
                );
            }
        } else {
            eprintln!(
                "tolk: {}: --show-changes applies to DOCX files only; this is {}",
                doc.path.display(),
                concrete.as_str()
            );
        }
    }
    let mut out = Output::open(args.output.as_deref(), &[&args.file])?;
    out.writer().write_all(doc.text.as_bytes())?;
    out.finish()?;
    Ok(tolk::exit::OK)
}
