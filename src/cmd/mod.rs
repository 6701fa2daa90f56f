//! One module per subcommand, plus what they share: atomic output files,
//! language resolution with warnings, broken-pipe detection.

pub mod align;
pub mod batch;
pub mod check;
pub mod consistency;
pub mod convert;
pub mod diff;
pub mod extract;
pub mod learn;
pub mod merge;
pub mod process;
pub mod segment;
pub mod stream;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tolk::lang::Lang;
use tolk::pipeline::{self, AlignOptions, LangChoice, LangWarning, LoadOptions};
use tolk::read::{Document, InputFormat};
pub use tolk::Edition;

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
        Output::open_as(path, inputs, true)
    }

    /// [`Output::open`] for a file inside a directory tolk owns
    /// (`batch --out-dir`): a symbolic link there is replaced by the new
    /// file, never written through, so a link planted in the directory
    /// cannot redirect tolk's output to a file elsewhere.
    pub fn open_in_dir(path: &Path, inputs: &[&Path]) -> Result<Output> {
        Output::open_as(Some(path), inputs, false)
    }

    fn open_as(path: Option<&Path>, inputs: &[&Path], follow_links: bool) -> Result<Output> {
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
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() && (follow_links || !is_link) {
            bail!(
                "{}: is a directory; give a file name for -o",
                path.display()
            );
        }
        let meta = if follow_links {
            std::fs::metadata(path)
        } else {
            std::fs::symlink_metadata(path)
        };
        if let Some(meta) = meta.ok().filter(|m| !m.file_type().is_symlink()) {
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
        let real = if follow_links {
            link_target(path)?
        } else {
            None
        };
        let path = real.as_deref().unwrap_or(path);
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        let prefix = temporary_prefix(path);
        builder.prefix(&prefix);
        // The finished file gets the mode an ordinary new file would get
        // (0666 less the umask), or keeps the mode of the file it replaces;
        // not the temporary file's private 0600.
        let keep_mode = std::fs::symlink_metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.permissions());
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
        process::register_temporary(tmp.path());
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
        drop(std::mem::replace(&mut self.writer, Box::new(io::sink())));
        if let Some((path, tmp)) = self.target.take() {
            let tmp_path = tmp.path().to_path_buf();
            if let Some(mode) = self.keep_mode.take() {
                std::fs::set_permissions(tmp.path(), mode)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
            }
            let persisted = tmp.persist(&path);
            process::unregister_temporary(&tmp_path);
            persisted
                .map_err(|e| e.error)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Ok(())
    }
}

impl Drop for Output {
    /// Not finished: the temporary file is removed (by `tempfile`).
    fn drop(&mut self) {
        if let Some((_, tmp)) = &self.target {
            process::unregister_temporary(tmp.path());
        }
    }
}

/// The prefix of the temporary file written for `path`:
/// `.tolk-NAME.` then 6 random characters, so a later run can tell which
/// file a temporary left behind was for ([`temporary_for`]).
fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".tolk-{name}.")
}

/// The file name a temporary file named `name` was written for, if it is
/// one of tolk's (see [`temporary_prefix`]).
pub fn temporary_for(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(".tolk-")?;
    let (target, random) = rest.split_at(rest.len().checked_sub(7)?);
    let random = random.strip_prefix('.')?;
    random
        .bytes()
        .all(|b| b.is_ascii_alphanumeric())
        .then_some(target)
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

/// Size rayon's global pool (the threads inside one alignment) to
/// `--jobs` or [`default_jobs`], so that no tolk process starts more
/// threads than the CPUs it was given.
pub fn init_threads(command: &crate::cli::Command) -> Result<()> {
    use crate::cli::Command;
    let arg = match command {
        Command::Batch(a) => a.jobs,
        Command::Learn(a) => a.jobs,
        _ => None,
    };
    let n = jobs(arg)?;
    // Fails only when the pool already exists, which it cannot here.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global();
    Ok(())
}

/// The number of worker threads: `--jobs` when given, else
/// [`default_jobs`] from the environment.
pub fn jobs(arg: Option<u16>) -> Result<usize> {
    match arg {
        Some(j) => Ok(usize::from(j)),
        None => default_jobs(
            std::env::var("TOLK_JOBS").ok().as_deref(),
            std::env::var("SLURM_CPUS_PER_TASK").ok().as_deref(),
            std::thread::available_parallelism().map_or(1, |n| n.get()),
        ),
    }
}

/// The CPUs this process may use: `TOLK_JOBS` when set (a positive
/// integer, else an error), else `SLURM_CPUS_PER_TASK` (ignored unless a
/// positive integer), else `available`, which the standard library derives
/// from the affinity mask (`sched_getaffinity`: `taskset`, Slurm's and
/// Docker's CPU sets) and the cgroup v2 or v1 CPU quota. The Slurm value is
/// capped by `available`.
pub fn default_jobs(
    tolk_jobs: Option<&str>,
    slurm: Option<&str>,
    available: usize,
) -> Result<usize> {
    if let Some(v) = tolk_jobs.filter(|v| !v.trim().is_empty()) {
        return match v.trim().parse::<usize>() {
            Ok(n) if (1..=65_535).contains(&n) => Ok(n),
            _ => bail!("TOLK_JOBS=`{v}`: expected a positive number of worker threads; set it to e.g. 4, or unset it to use every CPU this process may use"),
        };
    }
    let available = available.max(1);
    match slurm.and_then(|v| v.trim().parse::<usize>().ok()) {
        Some(n) if n >= 1 => Ok(n.min(available)),
        _ => Ok(available),
    }
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

/// A `--lang` value for the file `path`: an unknown code is an error naming
/// the file.
fn lang_choice(value: &str, path: &Path) -> Result<LangChoice> {
    Ok(LangChoice::for_file(value, path)?)
}

/// Resolve a `--lang` value for `doc`: `auto` detects; an explicit value is
/// used as given, with a warning on stderr when detection disagrees.
pub fn resolve_lang(value: &str, doc: &Document) -> Result<Lang> {
    let (lang, warning) = pipeline::resolve_lang(lang_choice(value, &doc.path)?, doc);
    print_lang_warning(&doc.path, warning);
    Ok(lang)
}

fn print_lang_warning(path: &Path, warning: Option<LangWarning>) {
    match warning {
        None => {}
        Some(LangWarning::Undetected) => eprintln!(
            "tolk: warning: {}: could not tell the language; assuming English (pass --lang to set it)",
            path.display()
        ),
        Some(LangWarning::Disagrees { given, detected }) => eprintln!(
            "tolk: warning: {}: given as `{}` but the text looks like `{}`",
            path.display(),
            given,
            detected
        ),
    }
}

/// The reader's notes on what it left out, then any doubt about the
/// language, on stderr.
fn print_edition_notes(edition: &Edition) {
    print_reader_notes(&edition.doc);
    print_lang_warning(&edition.doc.path, edition.lang_warning);
}

/// Load `path`, resolve `--lang` (`auto` detects), and segment it
/// (`presegmented`: one segment per line).
pub fn load_edition(path: &Path, lang_arg: &str, presegmented: bool) -> Result<Edition> {
    load_edition_as(
        path,
        lang_arg,
        pipeline::input_format(InputFormat::Auto, presegmented),
    )
}

/// [`load_edition`] with an explicit input format (`--input-format`;
/// [`InputFormat::Presegmented`] for `--presegmented`).
pub fn load_edition_as(path: &Path, lang_arg: &str, input: InputFormat) -> Result<Edition> {
    let lang = lang_choice(lang_arg, path)?;
    let edition = Edition::load(path, &LoadOptions { lang, input })?;
    print_edition_notes(&edition);
    Ok(edition)
}

/// An [`Edition`] from a document already read (`tolk batch --stream`'s
/// inline text): language resolved, text segmented.
pub fn edition_from(doc: Document, lang_arg: &str, presegmented: bool) -> Result<Edition> {
    let opts = LoadOptions {
        lang: lang_choice(lang_arg, &doc.path)?,
        input: pipeline::input_format(InputFormat::Text, presegmented),
    };
    let edition = Edition::from_document(doc, &opts);
    print_lang_warning(&edition.doc.path, edition.lang_warning);
    Ok(edition)
}

/// The reader's notes on what it left out, on stderr.
pub fn print_reader_notes(doc: &Document) {
    for note in &doc.notes {
        eprintln!("tolk: note: {}: {note}", doc.path.display());
    }
}

/// The library's input format for an `--input-format` value; `--presegmented`
/// wins over it.
pub fn input_format(arg: crate::cli::InputFormatArg, presegmented: bool) -> InputFormat {
    use crate::cli::InputFormatArg as A;
    let given = match arg {
        A::Auto => InputFormat::Auto,
        A::Text => InputFormat::Text,
        A::Pdf => InputFormat::Pdf,
        A::Html => InputFormat::Html,
        A::Docx => InputFormat::Docx,
    };
    pipeline::input_format(given, presegmented)
}

/// Load and align every pair of a manifest in parallel (`jobs` threads, by
/// default one per core) and hand each to `then`; the results come back in
/// manifest order, a failing pair as its error.
pub fn align_manifest<T: Send>(
    list: &[tolk::batch::ManifestPair],
    jobs: Option<u16>,
    presegmented: bool,
    meaning: Option<&std::sync::Arc<Meaning>>,
    then: impl Fn(&tolk::batch::ManifestPair, Edition, Edition, tolk::Alignment) -> T + Sync,
) -> Result<Vec<Result<T>>> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        pool = pool.num_threads(usize::from(j));
    }
    let pool = pool.build().context("cannot start worker threads")?;
    let opts = align_options(presegmented, meaning);
    let results = pool.install(|| {
        pipeline::align_manifest(list, &opts, |p, src, tgt, alignment| {
            print_edition_notes(&src);
            print_edition_notes(&tgt);
            then(p, src, tgt, alignment)
        })
    });
    Ok(results
        .into_iter()
        .map(|r| r.map_err(anyhow::Error::from))
        .collect())
}

/// The alignment options for editions read as `presegmented` or not, with
/// meaning evidence from `meaning` when given.
pub fn align_options(
    presegmented: bool,
    meaning: Option<&std::sync::Arc<Meaning>>,
) -> AlignOptions {
    AlignOptions {
        presegmented,
        dictionary: None,
        semantic: meaning.map(|m| m.clone() as std::sync::Arc<dyn tolk::align::Embedder>),
    }
}

/// The format to write to `output` (`-o`), from `given` (the `flag`, e.g.
/// `--format`) and the file's extension: `given` when there is one (an
/// extension naming another format is an error); else the format the
/// extension names among `accepted` (name, value); else `default` (an error
/// asking for `flag` when there is none). An extension naming a format
/// `command` does not write, or one tolk never writes (`.xlsx`), is an
/// error that says what to do; nothing has been written then.
pub fn pick_format<F: Copy + PartialEq>(
    command: &str,
    output: Option<&Path>,
    flag: &str,
    given: Option<F>,
    accepted: &[(String, F)],
    default: Option<F>,
) -> Result<F> {
    use tolk::output::Extension;
    let name_of = |f: F| {
        accepted
            .iter()
            .find(|(_, v)| *v == f)
            .map(|(n, _)| n.as_str())
    };
    // The extensions `command` writes, for the messages.
    let extensions = || {
        let mut v: Vec<String> = accepted
            .iter()
            .filter(|(n, _)| !matches!(n.as_str(), "summary" | "text"))
            .map(|(n, _)| format!(".{}", if n == "xliff" { "xlf" } else { n }))
            .collect();
        v.dedup();
        v.join(", ")
    };
    let path = output.filter(|p| *p != Path::new("-"));
    let ext = path.map_or(Extension::Unknown, tolk::output::extension_of);
    let shown = || path.map(|p| p.display().to_string()).unwrap_or_default();
    match ext {
        Extension::Foreign(e) => anyhow::bail!(
            "{}: tolk cannot write .{e} files; name the output {} (CSV opens in any \
             spreadsheet)",
            shown(),
            extensions()
        ),
        Extension::Names(n) => {
            let Some(&(_, by_ext)) = accepted.iter().find(|(a, _)| a == n) else {
                anyhow::bail!(
                    "{}: the extension says {n}, which `tolk {command}` does not write; name the \
                     file {}",
                    shown(),
                    extensions()
                );
            };
            match given {
                Some(g) if g != by_ext => anyhow::bail!(
                    "{}: the extension says {n} but {flag} {} was given; drop {flag} or name \
                     the file to match it",
                    shown(),
                    name_of(g).unwrap_or("?")
                ),
                _ => Ok(by_ext),
            }
        }
        Extension::Unknown => match given.or(default) {
            Some(f) => Ok(f),
            None => anyhow::bail!(
                "`tolk {command}` needs a format: pass {flag}, or name the output file {}",
                extensions()
            ),
        },
    }
}

/// [`pick_format`] for a `--format` flag whose values are those of the
/// clap value enum `F`, `default` without one.
pub fn pick_value_format<F: clap::ValueEnum + Copy + PartialEq>(
    command: &str,
    output: Option<&Path>,
    given: Option<F>,
    default: F,
) -> Result<F> {
    pick_format(
        command,
        output,
        "--format",
        given,
        &value_names::<F>(),
        Some(default),
    )
}

/// [`pick_format`] for the pair formats `writer` writes: `tolk align
/// --format` and `tolk batch --format` (CSV by default) or `tolk convert
/// --to` (no default).
pub fn pick_pair_format(
    writer: tolk::output::Writer,
    output: Option<&Path>,
    given: Option<tolk::output::Format>,
) -> Result<tolk::output::Format> {
    use tolk::output::{Format, Writer};
    let (command, flag, default) = match writer {
        Writer::Align => ("align", "--format", Some(Format::Csv)),
        Writer::Convert => ("convert", "--to", None),
        Writer::Batch => ("batch", "--format", Some(Format::Csv)),
    };
    pick_format(command, output, flag, given, &pair_formats(writer), default)
}

/// The (name, value) pairs of a clap value enum, for [`pick_format`].
pub fn value_names<F: clap::ValueEnum + Copy>() -> Vec<(String, F)> {
    F::value_variants()
        .iter()
        .filter_map(|v| Some((v.to_possible_value()?.get_name().to_string(), *v)))
        .collect()
}

/// The (name, value) pairs of the pair formats `writer` writes, for
/// [`pick_format`].
pub fn pair_formats(writer: tolk::output::Writer) -> Vec<(String, tolk::output::Format)> {
    tolk::output::Format::ALL
        .into_iter()
        .filter(|f| f.written_by(writer))
        .map(|f| (f.name().to_string(), f))
        .collect()
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

/// Warn when the editions look given in the wrong order: the source
/// detected as English and the target as Norwegian (tolk expects the
/// Norwegian edition first). Only for detected languages: a language
/// given with `--src-lang`/`--tgt-lang` is taken as meant.
pub fn warn_swapped(src: &Path, tgt: &Path, s: &Edition, t: &Edition, detected: bool) {
    if detected && s.lang == Lang::En && matches!(t.lang, Lang::Nb | Lang::Nn) {
        eprintln!(
            "tolk: warning: {} reads as English and {} as Norwegian; tolk expects the \
             Norwegian edition first: swap them ({} {}), or pass --src-lang en --tgt-lang {} \
             to keep this order",
            src.display(),
            tgt.display(),
            tgt.display(),
            src.display(),
            t.lang
        );
    }
}

#[cfg(test)]
mod jobs_tests {
    use super::default_jobs;

    #[test]
    fn tolk_jobs_wins_then_slurm_capped_by_the_cpus_then_the_cpus() {
        assert_eq!(default_jobs(Some("3"), Some("8"), 2).unwrap(), 3);
        assert_eq!(default_jobs(None, Some("8"), 2).unwrap(), 2);
        assert_eq!(default_jobs(None, Some("1"), 16).unwrap(), 1);
        assert_eq!(default_jobs(None, None, 6).unwrap(), 6);
        assert_eq!(default_jobs(Some(""), Some("junk"), 4).unwrap(), 4);
        assert_eq!(default_jobs(None, None, 0).unwrap(), 1);
        for bad in ["0", "-1", "two", "99999999"] {
            let err = default_jobs(Some(bad), None, 2).unwrap_err().to_string();
            assert!(err.contains("TOLK_JOBS"), "{err}");
        }
    }
}
