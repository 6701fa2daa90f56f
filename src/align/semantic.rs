//! Meaning evidence for alignment: sentence embeddings of segments and of
//! the concatenations the bead shapes need, compared by cosine.
//!
//! Raw cosines of a multilingual encoder are compressed (translations near
//! 0.9, unrelated neighbours near 0.8), and some sentences sit closer to
//! everything than others. Each span's dissimilarity `1 - cos` is therefore
//! divided by a normaliser, about 1 for an unrelated pair and well below
//! for a translation: the mean dissimilarity of the two spans to the
//! segments just before and after the other span (a pair must beat its
//! neighbours, as in Bertalign's margin, Liu & Zhu 2022), or, where no
//! neighbour is embedded, the mean to a fixed sample of the other side
//! (Vecalign's normalisation, Thompson & Koehn 2019). That normalised
//! distance `z` enters the cost of an `a`-`b` bead as
//! `weight · (s · (z − 1) + merge · (a + b − 2))`, with a small cost
//! `merge` per segment beyond two. `s` is 1 for a 1-1 bead and for a
//! merge whose joined spans are no closer than its closest pair of single
//! segments, and grows to the bead's size `(a + b)/2` as they are closer:
//! a merge is paid per unit of size only where the joined text matches
//! better than its parts.
//!
//! A span of two or three segments is embedded as its text (the segments
//! joined by a space); longer spans get the length-weighted mean of their
//! segments' vectors (normalised). The joined text is what lets the size
//! term judge a merge: when two sentences together translate two others
//! whose boundary falls elsewhere, the joined texts match better than
//! either pair of parts, and the mean of the parts' vectors cannot show
//! it (docs/semantic.md has the figures).
//!
//! The encoder is reached through [`Embedder`] (implemented by
//! [`crate::encode::Encoder`]), so the aligner does not depend on where
//! vectors come from (tests use a stand-in).

use std::collections::HashMap;

pub use crate::encode::{Embedding, DIM};

/// Turns texts into unit-length sentence vectors.
pub trait Embedder: Send + Sync {
    /// One vector per text, in order. Never given an empty text. Must give
    /// the same vectors whatever the thread count.
    fn embed(&self, texts: &[&str]) -> Vec<Embedding>;
}

/// An [`Embedder`] that remembers the vectors it has given: a text asked
/// for again (the moves of an alignment ask for spans the meaning pass
/// embedded) is not embedded twice. The encoder's vector of a text does not
/// depend on the other texts of the call (tests/it/encode.rs checks one at
/// a time against a batch), so the vectors are the same bits.
pub(crate) struct Remember<'a> {
    inner: &'a dyn Embedder,
    seen: std::sync::Mutex<HashMap<String, Embedding>>,
}

impl<'a> Remember<'a> {
    pub(crate) fn new(inner: &'a dyn Embedder) -> Remember<'a> {
        Remember {
            inner,
            seen: Default::default(),
        }
    }
}

impl Embedder for Remember<'_> {
    fn embed(&self, texts: &[&str]) -> Vec<Embedding> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let mut new: Vec<&str> = Vec::new();
        let mut asked = std::collections::HashSet::new();
        for &t in texts {
            if !seen.contains_key(t) && asked.insert(t) {
                new.push(t);
            }
        }
        if !new.is_empty() {
            let vecs = self.inner.embed(&new);
            seen.extend(new.iter().map(|t| t.to_string()).zip(vecs));
        }
        texts.iter().map(|t| seen[*t]).collect()
    }
}

/// Most segments of one side of a bead with a meaning term: every shape
/// the DP has.
pub const MAX_SPAN: usize = 5;

/// Most segments of a span embedded as one text; longer spans average
/// their segments' vectors.
const MAX_JOINED: usize = 3;

/// Segments of the other side sampled for the normaliser.
const SAMPLE: usize = 32;

/// No vector for this span.
const NONE: u32 = u32::MAX;

/// Weights of the meaning term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Scale of the normalised-distance term, per unit of bead size
    /// (`(a + b) / 2`) as [`Meaning::size`] counts it.
    pub weight: f64,
    /// Extra cost per segment beyond two (0 for a 1-1 bead), in units of
    /// `weight`.
    pub merge: f64,
    /// Share of the neighbours in the normaliser: `local` of it is the
    /// mean dissimilarity to the segments just before and after the other
    /// side's span, the rest that to the fixed sample.
    pub local: f64,
    /// How much closer (in normalised distance) a merged bead's joined
    /// spans must be than its closest pair of single segments to be paid
    /// in full per unit of size.
    pub gain: f64,
}

impl Default for Weights {
    /// Measured on Text+Berg dev, ParIce, Debian Edu and twelve books of
    /// the Bible (docs/semantic.md).
    fn default() -> Weights {
        Weights {
            weight: 4.0,
            merge: 0.03,
            local: 1.0,
            gain: 0.1,
        }
    }
}

/// Which spans of one side to embed: spans of 1..=[`MAX_SPAN`] segments
/// ending inside the half-open index ranges given (all when `None`).
pub(crate) type Wanted<'a> = Option<&'a [std::ops::Range<usize>]>;

/// Vectors of the spans of both sides the DP may ask about.
#[derive(Debug, Clone)]
pub(crate) struct Meaning {
    /// `src[e][a]`: vector row of source segments `e-a..e` (`NONE` when not
    /// embedded; `a = 0` unused).
    src: Vec<[u32; MAX_SPAN + 1]>,
    /// The same for the target.
    tgt: Vec<[u32; MAX_SPAN + 1]>,
    /// `src_norm[e][a]`: mean `1 - cos` of that span to the target sample.
    src_norm: Vec<[f32; MAX_SPAN + 1]>,
    /// The same for target spans against the source sample.
    tgt_norm: Vec<[f32; MAX_SPAN + 1]>,
    vecs: Vec<Embedding>,
    w: Weights,
    /// Distinct texts embedded.
    #[cfg(test)]
    pub(crate) embedded: usize,
}

/// The text of segments `texts[s..e]` as one span: non-empty segments,
/// trimmed, joined by a space. `None` when all are empty.
fn span_text(texts: &[&str], s: usize, e: usize) -> Option<String> {
    let parts: Vec<&str> = texts[s..e]
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Evenly spaced indices into `0..n`, at most [`SAMPLE`].
fn sample(n: usize) -> Vec<usize> {
    let k = n.min(SAMPLE);
    (0..k).map(|x| x * n / k).collect()
}

/// Dot product, summed in a fixed order.
#[inline]
fn dot(a: &Embedding, b: &Embedding) -> f32 {
    let mut acc = [0f32; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += ca[k] * cb[k];
        }
    }
    acc.iter().sum()
}

impl Meaning {
    /// Vectors for the spans of `src` and `tgt` (segment texts) that
    /// `want_src` and `want_tgt` select: the segments they are made of,
    /// the joined texts of the spans of up to [`MAX_JOINED`] segments and
    /// the samples the normaliser needs are embedded, each distinct text
    /// once.
    pub(crate) fn build(
        src: &[&str],
        tgt: &[&str],
        want_src: Wanted,
        want_tgt: Wanted,
        w: Weights,
        embedder: &dyn Embedder,
    ) -> Meaning {
        let mut texts: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |t: String| -> u32 {
            if let Some(&k) = ids.get(&t) {
                return k;
            }
            let k = texts.len() as u32;
            ids.insert(t.clone(), k);
            texts.push(t);
            k
        };
        // `wanted[e]`: spans ending at `e` (segments before `e`) are asked for.
        let ends = |n: usize, want: Wanted| -> Vec<bool> {
            let mut v = vec![want.is_none(); n + 1];
            v[0] = false;
            for r in want.unwrap_or(&[]) {
                let (a, b) = (r.start + 1, r.end.min(n));
                if a <= b {
                    v[a..=b].fill(true);
                }
            }
            v
        };
        let mut index = |side: &[&str], wanted: &[bool], samp: &[usize]| {
            let mut out = vec![[NONE; MAX_SPAN + 1]; side.len() + 1];
            for e in 1..=side.len() {
                // Averaged spans need the singles they are made of.
                // ... and the neighbour after them, for the normaliser.
                let single = wanted[e]
                    || wanted[e - 1]
                    || samp.binary_search(&(e - 1)).is_ok()
                    || wanted[e..(e + MAX_SPAN).min(side.len() + 1)].contains(&true);
                if single {
                    if let Some(t) = span_text(side, e - 1, e) {
                        out[e][1] = intern(t);
                    }
                }
                if wanted[e] {
                    let row = out[e].iter_mut().enumerate();
                    for (a, slot) in row.take(MAX_JOINED.min(e) + 1).skip(2) {
                        if let Some(t) = span_text(side, e - a, e) {
                            *slot = intern(t);
                        }
                    }
                }
            }
            out
        };
        let (ss, ts) = (sample(src.len()), sample(tgt.len()));
        let (ws, wt) = (ends(src.len(), want_src), ends(tgt.len(), want_tgt));
        let mut src_ix = index(src, &ws, &ss);
        let mut tgt_ix = index(tgt, &wt, &ts);
        #[cfg(test)]
        let embedded = texts.len();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut vecs = if refs.is_empty() {
            Vec::new()
        } else {
            embedder.embed(&refs)
        };
        {
            for (side, ix, wanted) in [(src, &mut src_ix, &ws), (tgt, &mut tgt_ix, &wt)] {
                for e in 1..=side.len() {
                    if !wanted[e] {
                        continue;
                    }
                    for a in MAX_JOINED + 1..=MAX_SPAN.min(e) {
                        let mut v = [0f32; DIM];
                        let mut any = false;
                        for k in e - a + 1..=e {
                            let r = ix[k][1];
                            if r == NONE {
                                continue;
                            }
                            let len = side[k - 1].chars().count() as f32;
                            for (x, y) in v.iter_mut().zip(&vecs[r as usize]) {
                                *x += len * y;
                            }
                            any = true;
                        }
                        if any {
                            let n = dot(&v, &v).sqrt().max(1e-12);
                            v.iter_mut().for_each(|x| *x /= n);
                            ix[e][a] = vecs.len() as u32;
                            vecs.push(v);
                        }
                    }
                }
            }
        }
        let singles = |ix: &[[u32; MAX_SPAN + 1]], samp: &[usize]| -> Vec<u32> {
            samp.iter()
                .map(|&k| ix[k + 1][1])
                .filter(|&v| v != NONE)
                .collect()
        };
        let (src_s, tgt_s) = (singles(&src_ix, &ss), singles(&tgt_ix, &ts));
        let norm = |ix: &[[u32; MAX_SPAN + 1]], other: &[u32]| -> Vec<[f32; MAX_SPAN + 1]> {
            ix.iter()
                .map(|row| {
                    std::array::from_fn(|a| {
                        let v = row[a];
                        if v == NONE || other.is_empty() {
                            return 1.0;
                        }
                        let x = &vecs[v as usize];
                        let d: f32 = other.iter().map(|&o| 1.0 - dot(x, &vecs[o as usize])).sum();
                        (d / other.len() as f32).max(1e-3)
                    })
                })
                .collect()
        };
        Meaning {
            src_norm: norm(&src_ix, &tgt_s),
            tgt_norm: norm(&tgt_ix, &src_s),
            src: src_ix,
            tgt: tgt_ix,
            #[cfg(test)]
            embedded,
            vecs,
            w,
        }
    }

    /// Normalised distance of source `i-a..i` and target `j-b..j`, when
    /// both are embedded: about 1 for an unrelated pair, lower for a
    /// translation.
    #[inline]
    pub(crate) fn distance(&self, i: usize, a: usize, j: usize, b: usize) -> Option<f64> {
        if a == 0 || b == 0 || a > MAX_SPAN || b > MAX_SPAN {
            return None;
        }
        let (x, y) = (self.src[i][a], self.tgt[j][b]);
        if x == NONE || y == NONE {
            return None;
        }
        let (vx, vy) = (&self.vecs[x as usize], &self.vecs[y as usize]);
        let d = 1.0 - dot(vx, vy);
        let mut n = (self.src_norm[i][a] + self.tgt_norm[j][b]) / 2.0;
        // Each span against the segments just before and after the other
        // span (those embedded).
        let mut sum = 0f32;
        let mut count = 0u32;
        let mut add = |row: Option<&[u32; MAX_SPAN + 1]>, other: &Embedding| {
            if let Some(&[_, r, ..]) = row {
                if r != NONE {
                    sum += 1.0 - dot(&self.vecs[r as usize], other);
                    count += 1;
                }
            }
        };
        add(self.tgt.get(j - b), vx);
        add(self.tgt.get(j + 1), vx);
        add(self.src.get(i - a), vy);
        add(self.src.get(i + 1), vy);
        if count > 0 {
            let local = (sum / count as f32).max(1e-3);
            let l = self.w.local as f32;
            n = (1.0 - l) * n + l * local;
        }
        Some((d / n) as f64)
    }

    /// How many units of the meaning term the bead source `i-a..i`,
    /// target `j-b..j` (normalised distance `z`) is paid: 1 for a 1-1 bead
    /// and for a merge whose joined spans are no closer than its closest
    /// pair of single segments (two neighbouring translations merged), up
    /// to its size `(a + b) / 2` when they are closer by [`Weights::gain`]
    /// or more (sentence boundaries that cross: each part has half a
    /// partner, the whole a full one).
    fn size(&self, i: usize, a: usize, j: usize, b: usize, z: f64) -> f64 {
        if a + b <= 2 {
            return 1.0;
        }
        let mut best = f64::INFINITY;
        for ii in i + 1 - a..=i {
            for jj in j + 1 - b..=j {
                if let Some(zp) = self.distance(ii, 1, jj, 1) {
                    best = best.min(zp);
                }
            }
        }
        let gain = if best.is_finite() {
            ((best - z) / self.w.gain).clamp(0.0, 1.0)
        } else {
            1.0
        };
        1.0 + ((a + b) as f64 / 2.0 - 1.0) * gain
    }

    /// The meaning term of the bead source `i-a..i`, target `j-b..j`
    /// (0 without evidence).
    #[inline]
    pub(crate) fn cost(&self, i: usize, a: usize, j: usize, b: usize) -> f64 {
        match self.distance(i, a, j, b) {
            Some(z) => {
                let extra = (a + b - 2) as f64;
                self.w.weight * ((z - 1.0) * self.size(i, a, j, b, z) + self.w.merge * extra)
            }
            None => 0.0,
        }
    }
}

impl Embedder for crate::encode::Encoder {
    fn embed(&self, texts: &[&str]) -> Vec<Embedding> {
        crate::encode::Encoder::embed(self, texts).vectors
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A stand-in encoder: character-trigram hashing, L2-normalised. Texts
    /// that share trigrams are close; enough to exercise the aligner.
    pub(crate) struct Trigrams;

    impl Embedder for Trigrams {
        fn embed(&self, texts: &[&str]) -> Vec<Embedding> {
            texts
                .iter()
                .map(|t| {
                    assert!(!t.is_empty(), "an empty text reached the encoder");
                    let mut v = [0f32; DIM];
                    let cs: Vec<char> = t.to_lowercase().chars().collect();
                    for w in cs.windows(3) {
                        let h = w.iter().fold(2_166_136_261u32, |h, &c| {
                            (h ^ c as u32).wrapping_mul(16_777_619)
                        });
                        v[h as usize % DIM] += 1.0;
                    }
                    // A constant component: unrelated texts are not orthogonal.
                    v[0] += 2.0;
                    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                    v.iter_mut().for_each(|x| *x /= n);
                    v
                })
                .collect()
        }
    }

    /// Counts the texts it is given.
    struct Counting(std::sync::Mutex<Vec<String>>);

    impl Embedder for Counting {
        fn embed(&self, texts: &[&str]) -> Vec<Embedding> {
            self.0
                .lock()
                .unwrap()
                .extend(texts.iter().map(|t| t.to_string()));
            Trigrams.embed(texts)
        }
    }

    #[test]
    fn each_distinct_text_is_embedded_once_and_empty_ones_never() {
        let src = ["Det regner.", "", "Det regner.", "Vi blir hjemme."];
        let tgt = ["It rains.", "We stay home."];
        let c = Counting(Default::default());
        let m = Meaning::build(&src, &tgt, None, None, Weights::default(), &c);
        let seen = c.0.into_inner().unwrap();
        let mut uniq = seen.clone();
        uniq.sort();
        uniq.dedup();
        assert_eq!(seen.len(), uniq.len(), "{seen:?}");
        assert!(seen.iter().all(|t| !t.is_empty()));
        // The three distinct segments, the repeated one once, and the
        // joined spans of two and three segments that differ from them:
        // "Det regner. Vi blir hjemme.", "Det regner. Det regner." and
        // "It rains. We stay home." (a span holding the empty segment is
        // the text of the others).
        assert_eq!(seen.len(), 7, "{seen:?}");
        for t in [
            "Det regner. Vi blir hjemme.",
            "Det regner. Det regner.",
            "It rains. We stay home.",
        ] {
            assert!(seen.iter().any(|s| s == t), "{t}: {seen:?}");
        }
        assert_eq!(m.embedded, seen.len());
        // The empty segment alone has no vector; spans holding it do.
        assert_eq!(m.distance(2, 1, 1, 1), None);
        assert!(m.distance(1, 1, 1, 1).is_some());
        assert!(m.distance(3, 3, 2, 2).is_some());
        // "Det regner." + "" is "Det regner." again (the normaliser
        // without neighbours, which differ).
        let global = Weights {
            local: 0.0,
            ..Weights::default()
        };
        let m = Meaning::build(&src, &tgt, None, None, global, &Trigrams);
        let same = m.distance(2, 2, 1, 1).unwrap() - m.distance(1, 1, 1, 1).unwrap();
        assert!(same.abs() < 1e-6, "{same}");
        // Spans of four segments and more average their segments' vectors.
        assert!(m.distance(4, 4, 2, 2).is_some());
    }

    #[test]
    fn remembered_vectors_are_the_embedders_and_each_text_is_embedded_once() {
        let c = Counting(Default::default());
        let r = Remember::new(&c);
        let first = r.embed(&["Det regner.", "Vi blir hjemme.", "Det regner."]);
        let second = r.embed(&["Vi blir hjemme.", "It rains.", "Det regner."]);
        let direct = Trigrams.embed(&["Det regner.", "Vi blir hjemme.", "It rains."]);
        assert_eq!(first, [direct[0], direct[1], direct[0]]);
        assert_eq!(second, [direct[1], direct[2], direct[0]]);
        let seen = c.0.into_inner().unwrap();
        assert_eq!(seen, ["Det regner.", "Vi blir hjemme.", "It rains."]);
        // Two builds over one document through it: the second embeds only
        // what the first did not, and its vectors are those of a build of
        // its own.
        let src = [
            "Det regner.",
            "Vi blir hjemme.",
            "Solen skinner.",
            "Vi går ut.",
        ];
        let tgt = [
            "It rains.",
            "We stay home.",
            "The sun shines.",
            "We go out.",
        ];
        let c = Counting(Default::default());
        let r = Remember::new(&c);
        let (first, later) = (0..2, 2..4);
        let a = Some(std::slice::from_ref(&first));
        let b = Some(std::slice::from_ref(&later));
        let w = Weights::default();
        Meaning::build(&src, &tgt, a, a, w, &r);
        let once = c.0.lock().unwrap().len();
        let m = Meaning::build(&src, &tgt, b, b, w, &r);
        let fresh = Counting(Default::default());
        let own = Meaning::build(&src, &tgt, b, b, w, &fresh);
        let again = c.0.lock().unwrap().len() - once;
        assert!(again < own.embedded, "{again} {}", own.embedded);
        for (i, a, j, bb) in [(4, 2, 4, 2), (3, 1, 4, 1), (4, 1, 3, 1), (4, 3, 4, 2)] {
            assert_eq!(m.distance(i, a, j, bb), own.distance(i, a, j, bb));
        }
    }

    #[test]
    fn translations_are_closer_than_chance() {
        let src = [
            "The budget for 2025 was presented in October.",
            "Oslo had a deficit of twelve billion.",
            "Heavy snowfall closed the mountain roads.",
            "The committee met three times in spring.",
        ];
        let tgt = [
            "The budget for 2025 was presented in October!",
            "Oslo had a deficit of twelve billion!",
            "Heavy snowfall closed the mountain roads!",
            "The committee met three times in spring!",
        ];
        let m = Meaning::build(&src, &tgt, None, None, Weights::default(), &Trigrams);
        for i in 1..=4 {
            for j in 1..=4 {
                let z = m.distance(i, 1, j, 1).unwrap();
                if i == j {
                    assert!(z < 0.5, "{i} {j} {z}");
                } else {
                    assert!(z > 0.8, "{i} {j} {z}");
                }
            }
        }
        // The bonus of a true pair is negative, the cost of a false one
        // near zero or positive.
        assert!(m.cost(1, 1, 1, 1) < -1.0);
        assert!(m.cost(1, 1, 2, 1) > m.cost(1, 1, 1, 1) + 1.0);
    }

    #[test]
    fn a_pair_no_closer_than_its_neighbours_is_weak_evidence() {
        // Three budget sentences in a row on both sides, near-duplicates of
        // each other, as formulae repeat in verses.
        let src = [
            "Heavy snowfall closed the mountain roads.",
            "The budget was presented in October, they said.",
            "The budget was presented in October.",
            "The budget was presented in October, we heard.",
            "Oslo had a deficit of twelve billion.",
            "The committee met three times in spring.",
        ];
        let tgt = [
            "Heavy snowfall closed the mountain roads!",
            "The budget was presented in October, they said!",
            "The budget was presented in October!",
            "The budget was presented in October, we heard!",
            "Oslo had a deficit of twelve billion!",
            "The committee met three times in spring!",
        ];
        let m = Meaning::build(&src, &tgt, None, None, Weights::default(), &Trigrams);
        let global = Weights {
            local: 0.0,
            ..Weights::default()
        };
        let g = Meaning::build(&src, &tgt, None, None, global, &Trigrams);
        let (zm, zg) = (
            m.distance(3, 1, 3, 1).unwrap(),
            g.distance(3, 1, 3, 1).unwrap(),
        );
        let (om, og) = (
            m.distance(5, 1, 5, 1).unwrap(),
            g.distance(5, 1, 5, 1).unwrap(),
        );
        // The middle budget sentence is close to its partner, but nearly as
        // close to the partner's neighbours: its distance counts for less
        // (about twice the distance against the sample alone) ...
        assert!(zm > 1.5 * zg, "{zm} {zg}");
        // ... while a pair that stands out from its neighbours keeps it.
        assert!(om < 1.2 * og, "{om} {og}");
    }

    #[test]
    fn a_merge_whose_joined_texts_match_beats_its_split() {
        // Two source sentences whose boundary the translation moves: the
        // name ends the first target sentence, the second source sentence
        // starts with it. Joined, the two sides say the same.
        let src = [
            "Heavy snowfall closed the mountain roads.",
            "First ascent in 1933 by",
            "Abalakow, often repeated since then.",
            "The committee met three times in spring.",
        ];
        let tgt = [
            "Heavy snowfall closed the mountain roads!",
            "First ascent in 1933 by Abalakow,",
            "often repeated since then.",
            "The committee met three times in spring!",
        ];
        let m = Meaning::build(&src, &tgt, None, None, Weights::default(), &Trigrams);
        let merged = m.cost(3, 2, 3, 2);
        let split = m.cost(2, 1, 2, 1) + m.cost(3, 1, 3, 1);
        assert!(merged < split - 0.5, "{merged} {split}");
        // It is paid for its full size: the joined spans are much closer
        // than any pair of parts.
        let z = m.distance(3, 2, 3, 2).unwrap();
        assert_eq!(m.size(3, 2, 3, 2, z), 2.0);
        // A true 1-1 pair and its neighbour are not merged by the meaning
        // term.
        let merged = m.cost(2, 2, 2, 2);
        let split = m.cost(1, 1, 1, 1) + m.cost(2, 1, 2, 1);
        assert!(merged > split, "{merged} {split}");
        let z = m.distance(2, 2, 2, 2).unwrap();
        assert_eq!(m.size(2, 2, 2, 2, z), 1.0);
    }

    #[test]
    fn neighbouring_translations_merged_are_paid_once() {
        // Two 1-1 pairs whose parts match as well as the joined text: the
        // merge earns one unit of the meaning term, not two, so the split
        // (two units) wins on meaning alone.
        let src = [
            "Heavy snowfall closed the mountain roads.",
            "The committee met three times in spring.",
        ];
        let tgt = [
            "Heavy snowfall closed the mountain roads!",
            "The committee met three times in spring!",
        ];
        let m = Meaning::build(&src, &tgt, None, None, Weights::default(), &Trigrams);
        let z = m.distance(2, 2, 2, 2).unwrap();
        assert_eq!(m.size(2, 2, 2, 2, z), 1.0);
        let merged = m.cost(2, 2, 2, 2);
        let split = m.cost(1, 1, 1, 1) + m.cost(2, 1, 2, 1);
        assert!(merged > split, "{merged} {split}");
    }

    #[test]
    fn only_wanted_spans_are_embedded() {
        // 100 segments: the normaliser samples only every third or so.
        let src: Vec<String> = (0..100).map(|k| format!("Setning nummer {k}.")).collect();
        let tgt: Vec<String> = (0..100).map(|k| format!("Sentence number {k}.")).collect();
        let (s, t): (Vec<&str>, Vec<&str>) = (
            src.iter().map(String::as_str).collect(),
            tgt.iter().map(String::as_str).collect(),
        );
        let win = [4..6, 60..61];
        let m = Meaning::build(
            &s,
            &t,
            Some(&win),
            Some(&win),
            Weights::default(),
            &Trigrams,
        );
        // Spans ending in segments 4 and 5 (e = 5, 6), sizes 1 to 3.
        assert!(m.distance(5, 3, 6, 2).is_some());
        assert!(m.distance(8, 1, 8, 1).is_none());
        assert!(m.distance(8, 2, 6, 1).is_none());
        assert!(m.distance(61, 2, 61, 1).is_some());
    }
}
