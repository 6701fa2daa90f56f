//! The SentencePiece unigram tokenizer of multilingual-e5-small, as the model
//! file describes it: a per-codepoint normalisation table, collapsed spaces, the
//! metaspace marker `▁` (U+2581) and a Viterbi search for the most probable
//! segmentation into pieces.
//!
//! No piece contains `▁` except as its first character, so no piece crosses the
//! start of a `▁`-word: each word is segmented on its own.

use std::path::Path;

use super::file::{bad, ModelFile, N_PIECES, UNK};
use crate::error::Error;

/// The metaspace marker that stands for a space in pieces.
pub const METASPACE: char = '\u{2581}';
/// Longest piece in bytes; longer spans are not looked up.
const MAX_PIECE_BYTES: usize = 48;

/// Vocabulary, scores and normalisation table.
pub struct Tokenizer {
    /// All pieces, concatenated.
    blob: String,
    /// `N_PIECES + 1` start offsets into `blob`.
    offsets: Vec<u32>,
    scores: Vec<f32>,
    /// Open-addressing hash table of piece ids (`u32::MAX` = empty slot).
    slots: Vec<u32>,
    /// Score of the one-codepoint unknown edge: the lowest piece score − 10.
    unk_score: f32,
    norm: Vec<(u32, u32, u8)>,
    norm_repl: Vec<char>,
}

fn hash(bytes: &[u8]) -> u64 {
    // FNV-1a, 64 bit.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Tokenizer {
    /// Builds the tokenizer from the model file's tables.
    pub fn new(file: &ModelFile, path: &Path) -> Result<Tokenizer, Error> {
        let blob = std::str::from_utf8(file.blob())
            .map_err(|_| bad(path, "the piece blob is not UTF-8"))?
            .to_string();
        let offsets = file.piece_offsets.clone();
        let scores = file.scores.clone();
        let n_slots = (N_PIECES * 2).next_power_of_two();
        let mut slots = vec![u32::MAX; n_slots];
        for id in 0..N_PIECES {
            let piece = &blob.as_bytes()[offsets[id] as usize..offsets[id + 1] as usize];
            let mut s = hash(piece) as usize & (n_slots - 1);
            loop {
                match slots[s] {
                    u32::MAX => {
                        slots[s] = id as u32;
                        break;
                    }
                    other => {
                        let o = other as usize;
                        if &blob.as_bytes()[offsets[o] as usize..offsets[o + 1] as usize] == piece {
                            return Err(bad(path, format!("piece {id} is a duplicate of {o}")));
                        }
                    }
                }
                s = (s + 1) & (n_slots - 1);
            }
        }
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        Ok(Tokenizer {
            blob,
            offsets,
            scores,
            slots,
            unk_score: min - 10.0,
            norm: file.norm.clone(),
            norm_repl: file.norm_repl.clone(),
        })
    }

    /// Number of ids (the largest id is one less).
    pub fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// The text of piece `id`.
    pub fn piece(&self, id: u32) -> &str {
        let id = id as usize;
        &self.blob[self.offsets[id] as usize..self.offsets[id + 1] as usize]
    }

    /// The id of a piece, if `s` is one.
    pub fn lookup(&self, s: &str) -> Option<u32> {
        let n = self.slots.len();
        let mut slot = hash(s.as_bytes()) as usize & (n - 1);
        loop {
            match self.slots[slot] {
                u32::MAX => return None,
                id if self.piece(id) == s => return Some(id),
                _ => slot = (slot + 1) & (n - 1),
            }
        }
    }

    /// Normalises `text` and turns spaces into `▁`: the per-codepoint table,
    /// runs of spaces collapsed to one, a leading `▁` added when missing.
    pub fn normalise(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 4);
        out.push(METASPACE);
        // The leading metaspace stands for a space already there.
        let mut last_space = true;
        let mut push = |c: char, out: &mut String| {
            if c == ' ' {
                if !last_space {
                    out.push(METASPACE);
                }
                last_space = true;
            } else {
                out.push(c);
                last_space = false;
            }
        };
        for c in text.chars() {
            match self.norm.binary_search_by_key(&(c as u32), |r| r.0) {
                Ok(i) => {
                    let (_, start, k) = self.norm[i];
                    for &r in &self.norm_repl[start as usize..start as usize + k as usize] {
                        push(r, &mut out);
                    }
                }
                Err(_) => push(c, &mut out),
            }
        }
        out
    }

    /// Appends the ids of `word` (normalised text, usually one `▁`-word) to
    /// `ids`: the best segmentation by summed piece score, unknown codepoints as
    /// `<unk>` each.
    pub fn segment_into(&self, word: &str, ids: &mut Vec<u32>) {
        // Byte offsets of the codepoint boundaries.
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        let n = bounds.len() - 1;
        // Scores are summed in f64: the sums of a word's f32 piece scores are
        // then exact, so a tie is a tie wherever the word starts (segmenting
        // word by word gives the ids of segmenting the whole text).
        let mut best = vec![f64::NEG_INFINITY; n + 1];
        let mut back: Vec<(u32, u32)> = vec![(0, UNK); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            let base = best[i];
            if base == f64::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                if bounds[e] - bounds[i] > MAX_PIECE_BYTES {
                    break;
                }
                if let Some(id) = self.lookup(&word[bounds[i]..bounds[e]]) {
                    if id == UNK {
                        continue;
                    }
                    let cand = base + f64::from(self.scores[id as usize]);
                    if cand > best[e] {
                        best[e] = cand;
                        back[e] = (i as u32, id);
                    }
                }
            }
            let cand = base + f64::from(self.unk_score);
            if cand > best[i + 1] {
                best[i + 1] = cand;
                back[i + 1] = (i as u32, UNK);
            }
        }
        let start = ids.len();
        let mut e = n;
        while e > 0 {
            let (i, id) = back[e];
            ids.push(id);
            e = i as usize;
        }
        ids[start..].reverse();
    }

    /// Ids of `text` (already carrying any prefix), without `<s>`/`</s>`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let norm = self.normalise(text);
        let mut ids = Vec::with_capacity(norm.len() / 3 + 2);
        for word in words(&norm) {
            self.segment_into(word, &mut ids);
        }
        ids
    }
}

/// Splits normalised text before every `▁`.
pub fn words(norm: &str) -> impl Iterator<Item = &str> {
    let mut rest = norm;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let skip = rest.chars().next().map_or(0, char::len_utf8);
        let end = rest[skip..]
            .find(METASPACE)
            .map_or(rest.len(), |i| i + skip);
        let (w, r) = rest.split_at(end);
        rest = r;
        Some(w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_before_each_metaspace() {
        let w: Vec<_> = words("▁a▁bc▁▁").collect();
        assert_eq!(w, ["▁a", "▁bc", "▁", "▁"]);
        assert_eq!(words("").count(), 0);
        let w: Vec<_> = words("x▁y").collect();
        assert_eq!(w, ["x", "▁y"]);
    }

    #[test]
    fn fnv_hash_of_empty_is_offset_basis() {
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(hash(b"a"), hash(b"b"));
    }
}
