//! One module per subcommand, plus what they share: atomic output files,
//! language resolution with warnings, broken-pipe detection.

pub mod align;
pub mod batch;
pub mod check;
pub mod convert;
pub mod diff;
pub mod extract;
pub mod learn;
pub mod segment;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tolk::lang::{self, Lang};
use tolk::read::{Document, InputFormat};
use tolk::segment::Segment;

/// True when `err` is (or wraps) a broken pipe on standard output.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        if let Some(e) = cause.downcast_ref::<io::Error>() {
            return e.kind() == io::ErrorKind::BrokenPipe;
        }
        if let Some(e) = cause.downcast_ref::<tolk::Error>() {
            return e.is_broken_pipe();
        }
        if let Some(e) = cause.downcast_ref::<csv::Error>() {
            if let csv::ErrorKind::Io(io) = e.kind() {
                return io.kind() == io::ErrorKind::BrokenPipe;
            }
        }
        false
    })
}

/// Where output goes: standard output, or a file written to a temporary
/// sibling and renamed into place by [`Output::finish`], so an error or an
/// interruption never leaves a half-written file. A device or pipe
/// (`-o /dev/null`, a FIFO) is written to directly.
pub struct Output {
    target: Option<(PathBuf, tempfile::NamedTempFile)>,
    /// The permissions of the file being replaced, given to the new one.
    keep_mode: Option<std::fs::Permissions>,
    writer: Box<dyn Write>,
}

impl Output {
    /// Open `path` (or standard output for `None` / `-`). Refuses to write
    /// over any of `inputs`.
    pub fn open(path: Option<&Path>, inputs: &[&Path]) -> Result<Output> {
        let path = match path {
            None => None,
            Some(p) if p == Path::new("-") => None,
            Some(p) => Some(p),
        };
        let Some(path) = path else {
            return Ok(Output {
                target: None,
                keep_mode: None,
                writer: Box::new(Named::new("<stdout>", BufWriter::new(io::stdout().lock()))),
            });
        };
        for input in inputs {
            if same_file(path, input) {
                bail!(
                    "{}: the output path is also an input; choose another -o path (nothing was written)",
                    path.display()
                );
            }
        }
        if path
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::is_separator)
            && !path.is_dir()
        {
            bail!(
                "{}: is a directory path; give a file name for -o",
                path.display()
            );
        }
        if path.is_dir() {
            bail!(
                "{}: is a directory; give a file name for -o",
                path.display()
            );
        }
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() && !meta.is_dir() {
                // A device or a pipe (/dev/null, /dev/stdout, a FIFO):
                // written straight to, since renaming a finished file over
                // it would replace the device itself.
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("{}: cannot open for writing", path.display()))?;
                return Ok(Output {
                    target: None,
                    keep_mode: None,
                    writer: Box::new(Named::new(
                        &path.display().to_string(),
                        BufWriter::new(file),
                    )),
                });
            }
        }
        // Through a symbolic link (`-o current.csv` → `2026/report.csv`)
        // the file it points to is replaced and the link stays.
        let real = link_target(path)?;
        let path = real.as_deref().unwrap_or(path);
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".tolk-");
        // The finished file gets the mode an ordinary new file would get
        // (0666 less the umask), or keeps the mode of the file it replaces;
        // not the temporary file's private 0600.
        let keep_mode = std::fs::metadata(path).ok().map(|m| m.permissions());
        #[cfg(unix)]
        if keep_mode.is_none() {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .tempfile_in(&dir)
            .with_context(|| {
                format!(
                    "{}: cannot create the output file in {}; check that the directory exists and is writable",
                    path.display(),
                    dir.display()
                )
            })?;
        let file: File = tmp
            .reopen()
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(Output {
            target: Some((path.to_path_buf(), tmp)),
            keep_mode,
            writer: Box::new(Named::new(
                &path.display().to_string(),
                BufWriter::new(file),
            )),
        })
    }

    /// The writer to write into.
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut *self.writer
    }

    /// Flush and move the file into place.
    pub fn finish(mut self) -> Result<()> {
        self.writer.flush()?; // the error names the file (see `Named`)
        drop(self.writer);
        if let Some((path, tmp)) = self.target {
            if let Some(mode) = self.keep_mode {
                std::fs::set_permissions(tmp.path(), mode)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
            }
            tmp.persist(&path)
                .map_err(|e| e.error)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Ok(())
    }
}

/// The file a symbolic link `path` finally points to (which need not exist
/// yet), or `None` when `path` is not a link.
fn link_target(path: &Path) -> Result<Option<PathBuf>> {
    let mut cur = path.to_path_buf();
    let mut hops = 0;
    while std::fs::symlink_metadata(&cur).is_ok_and(|m| m.file_type().is_symlink()) {
        hops += 1;
        if hops > 40 {
            bail!(
                "{}: too many levels of symbolic links; give the real file for -o (nothing was written)",
                path.display()
            );
        }
        let to = std::fs::read_link(&cur)
            .with_context(|| format!("{}: cannot read the symbolic link", path.display()))?;
        cur = match cur.parent() {
            Some(dir) if to.is_relative() => dir.join(to),
            _ => to,
        };
    }
    Ok((hops > 0).then_some(cur))
}

/// Refuse standard input (`-`) given for more than one of `paths`: the
/// second reader would find it empty.
pub fn stdin_once<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Result<()> {
    if paths.into_iter().filter(|p| *p == Path::new("-")).count() > 1 {
        bail!(
            "standard input (-) can be given only once; give the other inputs as files (nothing was written)"
        );
    }
    Ok(())
}

/// A writer whose errors name the output ("review.csv: cannot write: No
/// space left on device"), keeping the error's kind so that a broken pipe
/// stays recognisable.
struct Named<W> {
    name: String,
    inner: W,
}

impl<W: Write> Named<W> {
    fn new(name: &str, inner: W) -> Named<W> {
        Named {
            name: name.to_string(),
            inner,
        }
    }

    fn named(&self, e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("{}: cannot write: {e}", self.name))
    }
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.named(e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.named(e))
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    if b == Path::new("-") {
        return false;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Resolve a `--lang` value for `doc`: `auto` detects; an explicit value is
/// used as given, with a warning on stderr when detection disagrees.
pub fn resolve_lang(value: &str, doc: &Document) -> Result<Lang> {
    let sample = sample_text(doc);
    let detected = lang::detect(&sample);
    if value.eq_ignore_ascii_case("auto") {
        return match detected {
            Some(Lang::Other) | None => {
                eprintln!(
                    "tolk: warning: {}: could not tell the language; assuming English (pass --lang to set it)",
                    doc.path.display()
                );
                Ok(Lang::En)
            }
            Some(l) => Ok(l),
        };
    }
    let given: Lang = value
        .parse()
        .map_err(|e: String| anyhow::anyhow!("{}: {e}", doc.path.display()))?;
    if let Some(d) = detected {
        let agree = d == given || (d.is_norwegian() && given.is_norwegian()) || d == Lang::Other;
        if !agree {
            eprintln!(
                "tolk: warning: {}: given as `{}` but the text looks like `{}`",
                doc.path.display(),
                given,
                d
            );
        }
    }
    Ok(given)
}

/// Up to ~20 kB of the document's text, for language detection.
fn sample_text(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        for line in &block.lines {
            out.push_str(&doc.text[line.clone()]);
            out.push(' ');
        }
        if out.len() > 20_000 {
            break;
        }
    }
    out
}

/// One edition loaded, its language resolved and segmented: what `align`,
/// `check`, `batch` and `diff` all start from.
pub struct Edition {
    /// The document.
    pub doc: Document,
    /// Its language (given or detected).
    pub lang: Lang,
    /// Its segments.
    pub segments: Vec<Segment>,
}

/// Load `path`, resolve `--lang` (`auto` detects), and segment it
/// (`presegmented`: one segment per line).
#[allow(dead_code)] // kept for the subcommands that do not take --input-format yet
pub fn load_edition(path: &Path, lang_arg: &str, presegmented: bool) -> Result<Edition> {
    let input = if presegmented {
        InputFormat::Presegmented
    } else {
        InputFormat::Auto
    };
    load_edition_as(path, lang_arg, input)
}

/// [`load_edition`] with an explicit input format (`--input-format`;
/// [`InputFormat::Presegmented`] for `--presegmented`).
pub fn load_edition_as(path: &Path, lang_arg: &str, input: InputFormat) -> Result<Edition> {
    let presegmented = input == InputFormat::Presegmented;
    let doc = Document::load(path, input)?;
    let lang = resolve_lang(lang_arg, &doc)?;
    let segments = if presegmented {
        tolk::segment::presegmented(&doc)
    } else {
        tolk::segment::segment(&doc, lang)
    };
    Ok(Edition {
        doc,
        lang,
        segments,
    })
}

/// The library's input format for an `--input-format` value; `--presegmented`
/// wins over it.
pub fn input_format(arg: crate::cli::InputFormatArg, presegmented: bool) -> InputFormat {
    use crate::cli::InputFormatArg as A;
    if presegmented {
        return InputFormat::Presegmented;
    }
    match arg {
        A::Auto => InputFormat::Auto,
        A::Text => InputFormat::Text,
        A::Pdf => InputFormat::Pdf,
        A::Html => InputFormat::Html,
        A::Docx => InputFormat::Docx,
    }
}

/// An aligner for editions read as `presegmented` or not: paragraphs are
/// real in running text (even when each holds one sentence), so structure
/// costs are on; pre-segmented lines carry none.
pub fn aligner_for(presegmented: bool) -> tolk::align::Aligner {
    let mut aligner = tolk::align::Aligner::new();
    aligner.structure(!presegmented);
    aligner
}

/// The sentence encoder `--semantic` asks for, opened once before anything
/// is read or written; it counts the segments it had to cut.
pub struct Meaning {
    encoder: tolk::encode::Encoder,
    truncated: std::sync::atomic::AtomicUsize,
}

impl tolk::align::Embedder for Meaning {
    fn embed(&self, texts: &[&str]) -> Vec<tolk::align::Embedding> {
        let e = self.encoder.embed(texts);
        self.truncated
            .fetch_add(e.truncated, std::sync::atomic::Ordering::Relaxed);
        e.vectors
    }
}

impl Meaning {
    /// Open the encoder when `args` asks for one: a missing or unusable
    /// model file is an error that says how to install it.
    pub fn open(args: &crate::cli::SemanticArgs) -> Result<Option<std::sync::Arc<Meaning>>> {
        if !args.semantic {
            return Ok(None);
        }
        let path = tolk::encode::model_path(args.model.as_deref());
        if !path.is_file() {
            bail!(
                "{}: no encoder model there; --semantic needs it: run scripts/install-model \
                 (or give --model PATH or set TOLK_MODEL); nothing was written",
                path.display()
            );
        }
        let encoder = tolk::encode::Encoder::open(&path).with_context(|| {
            format!(
                "{}: not a usable encoder model; reinstall it with scripts/install-model",
                path.display()
            )
        })?;
        Ok(Some(std::sync::Arc::new(Meaning {
            encoder,
            truncated: Default::default(),
        })))
    }

    /// A note on standard error when segments were cut to the encoder's
    /// window.
    pub fn note(&self) {
        let n = self.truncated.load(std::sync::atomic::Ordering::Relaxed);
        if n > 0 {
            eprintln!(
                "tolk: note: --semantic: {n} text(s) longer than the encoder's 510-token \
                 window were cut; their vectors come from the first 510 tokens"
            );
        }
    }
}

/// [`aligner_for`] with meaning evidence from `meaning` when given.
pub fn aligner_with(
    presegmented: bool,
    meaning: Option<&std::sync::Arc<Meaning>>,
) -> tolk::align::Aligner {
    let mut aligner = aligner_for(presegmented);
    if let Some(m) = meaning {
        aligner.semantic(m.clone());
    }
    aligner
}
