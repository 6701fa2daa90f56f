//! The pipeline for two editions, as one call each: load an [`Edition`]
//! (read, language resolved, segmented), align two with
//! [`align_editions`], check an alignment with [`check_editions`], or align
//! every pair of a manifest with [`align_manifest`].
//!
//! Nothing here prints: what a reader left out is in the document's
//! [`notes`](crate::read::Document::notes), a doubt about the language in
//! [`Edition::lang_warning`]; the caller decides how to show them.
//!
//! ```
//! use tolk::lang::Lang;
//! use tolk::pipeline::{align_editions, AlignOptions, Edition, LangChoice, LoadOptions};
//! use tolk::read::Document;
//!
//! let opts = LoadOptions { lang: LangChoice::Given(Lang::En), ..LoadOptions::default() };
//! let doc = Document::from_text("en.txt", "It is raining. We stay at home.\n");
//! let en = Edition::from_document(doc, &opts);
//! assert_eq!(en.segments.len(), 2);
//! let alignment = align_editions(&en, &en, &AlignOptions::default());
//! assert!(alignment.beads.iter().all(|b| b.src.len() == 1 && b.tgt.len() == 1));
//! ```

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use rayon::prelude::*;

use crate::align::{Aligner, Alignment, Embedder};
use crate::batch::ManifestPair;
use crate::error::{Error, Result};
use crate::lang::{self, Lang};
use crate::lexicon::Lexicon;
use crate::pairs::{self, Row};
use crate::read::{display_path, Document, InputFormat};
use crate::report::check::{check, CheckOptions};
use crate::report::Report;
use crate::segment::{self, Segment};

/// Which language an edition is in: detected from its text, or given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LangChoice {
    /// Detect it from the text (`auto`); English when it cannot be told.
    #[default]
    Detect,
    /// This language, whatever the text looks like.
    Given(Lang),
}

impl FromStr for LangChoice {
    type Err = String;

    /// `auto` (any case) detects; anything else is a language code
    /// ([`Lang`]'s names).
    fn from_str(s: &str) -> std::result::Result<LangChoice, String> {
        if s.eq_ignore_ascii_case("auto") {
            Ok(LangChoice::Detect)
        } else {
            s.parse().map(LangChoice::Given)
        }
    }
}

impl LangChoice {
    /// Parse a language value given for the file `path` (`auto` or a code):
    /// an unknown code is an error naming the file.
    pub fn for_file(value: &str, path: &Path) -> Result<LangChoice> {
        value.parse().map_err(|message| Error::Input {
            path: display_path(path),
            message,
        })
    }
}

/// A doubt about an edition's language, for the caller to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangWarning {
    /// The language was to be detected but could not be told; English was
    /// assumed.
    Undetected,
    /// The language was given, but the text looks like another one.
    Disagrees {
        /// The language given.
        given: Lang,
        /// The language the text looks like.
        detected: Lang,
    },
}

/// How to load an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Its language. By default, detected.
    pub lang: LangChoice,
    /// Its format; [`InputFormat::Presegmented`] reads one segment per line
    /// (no sentence splitting). By default, [`InputFormat::Auto`].
    pub input: InputFormat,
}

impl Default for LoadOptions {
    fn default() -> LoadOptions {
        LoadOptions {
            lang: LangChoice::Detect,
            input: InputFormat::Auto,
        }
    }
}

/// The input format to read with: `given`, or
/// [`InputFormat::Presegmented`] when `presegmented` (which wins).
pub fn input_format(given: InputFormat, presegmented: bool) -> InputFormat {
    if presegmented {
        InputFormat::Presegmented
    } else {
        given
    }
}

/// One edition loaded, its language resolved and segmented: what aligning,
/// checking and diffing all start from.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The document (its [`notes`](Document::notes) say what the reader left
    /// out).
    pub doc: Document,
    /// Its language (given or detected).
    pub lang: Lang,
    /// Its segments.
    pub segments: Vec<Segment>,
    /// A doubt about the language, when there is one.
    pub lang_warning: Option<LangWarning>,
}

impl Edition {
    /// Read `path` (`-` for standard input), resolve its language and
    /// segment it.
    pub fn load(path: &Path, opts: &LoadOptions) -> Result<Edition> {
        let doc = Document::load(path, opts.input)?;
        Ok(Edition::from_document(doc, opts))
    }

    /// An edition from a document already read: language resolved, text
    /// segmented. When `opts.input` is [`InputFormat::Presegmented`] each
    /// block of the document is one segment: one per line when the document
    /// was read with that format too.
    pub fn from_document(doc: Document, opts: &LoadOptions) -> Edition {
        let (lang, lang_warning) = resolve_lang(opts.lang, &doc);
        let segments = if opts.input == InputFormat::Presegmented {
            segment::presegmented(&doc)
        } else {
            segment::segment(&doc, lang)
        };
        Edition {
            doc,
            lang,
            segments,
            lang_warning,
        }
    }
}

/// The language of `doc`: detected for [`LangChoice::Detect`] (English
/// when it cannot be told), else the one given; with a warning when
/// detection failed or disagrees with the language given. Bokmål and
/// Nynorsk do not disagree, nor does a text whose language is none tolk
/// knows.
pub fn resolve_lang(choice: LangChoice, doc: &Document) -> (Lang, Option<LangWarning>) {
    let detected = lang::detect(&sample_text(doc));
    match choice {
        LangChoice::Detect => match detected {
            Some(Lang::Other) | None => (Lang::En, Some(LangWarning::Undetected)),
            Some(l) => (l, None),
        },
        LangChoice::Given(given) => {
            let warning = detected.and_then(|d| {
                let agree =
                    d == given || (d.is_norwegian() && given.is_norwegian()) || d == Lang::Other;
                (!agree).then_some(LangWarning::Disagrees { given, detected: d })
            });
            (given, warning)
        }
    }
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

/// How to align two editions.
#[derive(Clone, Default)]
pub struct AlignOptions {
    /// The editions were read one segment per line
    /// ([`InputFormat::Presegmented`]): their lines carry no paragraph
    /// structure, so structure costs are off. In running text paragraphs
    /// are real (even when each holds one sentence), so they are on. By
    /// default, off.
    pub presegmented: bool,
    /// A bilingual dictionary (see [`Aligner::dictionary`]). By default,
    /// none.
    pub dictionary: Option<Lexicon>,
    /// A sentence encoder for meaning evidence (see [`Aligner::semantic`]).
    /// By default, none.
    pub semantic: Option<Arc<dyn Embedder>>,
}

impl fmt::Debug for AlignOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlignOptions")
            .field("presegmented", &self.presegmented)
            .field("dictionary", &self.dictionary.as_ref().map(|_| ".."))
            .field("semantic", &self.semantic.is_some())
            .finish()
    }
}

impl AlignOptions {
    /// The aligner these options describe.
    pub fn aligner(&self) -> Aligner {
        let mut aligner = Aligner::new();
        aligner.structure(!self.presegmented);
        if let Some(dict) = &self.dictionary {
            aligner.dictionary(dict.clone());
        }
        if let Some(embedder) = &self.semantic {
            aligner.semantic(embedder.clone());
        }
        aligner
    }
}

/// Align two editions, sentence by sentence.
pub fn align_editions(src: &Edition, tgt: &Edition, opts: &AlignOptions) -> Alignment {
    opts.aligner()
        .align(&src.segments, &tgt.segments, src.lang, tgt.lang)
}

/// The rows (aligned pairs) of an alignment of two editions.
pub fn rows(alignment: &Alignment, src: &Edition, tgt: &Edition) -> Vec<Row> {
    pairs::rows(
        alignment,
        (&src.doc.text, &src.segments),
        (&tgt.doc.text, &tgt.segments),
    )
    .collect()
}

/// The default check settings for two editions: their languages, every
/// kind, the built-in glossary, and their segments (so that doubtful merged
/// beads are looked at sentence by sentence).
pub fn check_options(src: &Edition, tgt: &Edition) -> CheckOptions {
    let mut opts = CheckOptions::new(src.lang, tgt.lang);
    opts.segments(&src.segments, &tgt.segments);
    opts
}

/// Check an alignment of two editions with `opts` (usually
/// [`check_options`], adjusted): the findings, ordered by pair, then kind.
pub fn check_editions(
    src: &Edition,
    tgt: &Edition,
    alignment: &Alignment,
    opts: &CheckOptions,
) -> Report {
    check(&rows(alignment, src, tgt), opts)
}

/// Load and align every pair of a manifest in parallel on the current
/// rayon pool (`opts.presegmented` also decides how the editions are read)
/// and hand each to `then`; the results come back in manifest order, a
/// pair that failed to load as its error.
pub fn align_manifest<T: Send>(
    list: &[ManifestPair],
    opts: &AlignOptions,
    then: impl Fn(&ManifestPair, Edition, Edition, Alignment) -> T + Sync,
) -> Vec<Result<T>> {
    let input = input_format(InputFormat::Auto, opts.presegmented);
    let load = |path: &Path, lang: &str| {
        let lang = LangChoice::for_file(lang, path)?;
        Edition::load(path, &LoadOptions { lang, input })
    };
    list.par_iter()
        .map(|p| {
            let src = load(&p.src, &p.src_lang)?;
            let tgt = load(&p.tgt, &p.tgt_lang)?;
            let alignment = align_editions(&src, &tgt, opts);
            Ok(then(p, src, tgt, alignment))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(text: &str, lang: LangChoice) -> Edition {
        let opts = LoadOptions {
            lang,
            input: InputFormat::Text,
        };
        Edition::from_document(Document::from_text("t.txt", text), &opts)
    }

    #[test]
    fn auto_detects_and_a_code_is_taken_as_given() {
        assert_eq!("AUTO".parse(), Ok(LangChoice::Detect));
        assert_eq!("nb".parse(), Ok(LangChoice::Given(Lang::Nb)));
        let err = LangChoice::for_file("zz", Path::new("-")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "<stdin>: unknown language `zz`; use nb, nn, en, da, sv, de, fr or is"
        );
    }

    #[test]
    fn a_language_that_cannot_be_told_is_english_with_a_warning() {
        let e = edition("12 345 678.\n", LangChoice::Detect);
        assert_eq!(e.lang, Lang::En);
        assert_eq!(e.lang_warning, Some(LangWarning::Undetected));
    }

    #[test]
    fn a_given_language_the_text_contradicts_is_kept_with_a_warning() {
        let text = "The government has decided that the threat is moderate and that \
                    it will not change in the coming year.\n";
        let e = edition(text, LangChoice::Given(Lang::Nb));
        assert_eq!(e.lang, Lang::Nb);
        assert_eq!(
            e.lang_warning,
            Some(LangWarning::Disagrees {
                given: Lang::Nb,
                detected: Lang::En
            })
        );
        assert_eq!(edition(text, LangChoice::Detect).lang_warning, None);
    }

    #[test]
    fn presegmented_input_is_one_segment_per_line() {
        let text = "Det regner. Vi blir hjemme.\nNy linje.\n";
        let opts = LoadOptions {
            lang: LangChoice::Given(Lang::Nb),
            input: input_format(InputFormat::Text, true),
        };
        let doc = Document::from_bytes(Path::new("t.txt"), text.as_bytes(), opts.input).unwrap();
        let pre = Edition::from_document(doc, &opts);
        assert_eq!(pre.segments.len(), 2);
        assert_eq!(edition(text, LangChoice::Given(Lang::Nb)).segments.len(), 3);
    }

    #[test]
    fn check_editions_checks_the_rows_of_the_alignment() {
        let nb = edition(
            "Det regner i Bergen. Vi blir hjemme i dag.\n",
            LangChoice::Given(Lang::Nb),
        );
        let en = edition("It is raining in Oslo.\n", LangChoice::Given(Lang::En));
        let alignment = align_editions(&nb, &en, &AlignOptions::default());
        let report = check_editions(&nb, &en, &alignment, &check_options(&nb, &en));
        assert_eq!(report.pairs, rows(&alignment, &nb, &en).len());
        assert!(!report.findings.is_empty(), "{report:?}");
    }
}
