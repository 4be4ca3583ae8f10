//! A feature-based named-entity tagger (people, organizations, places), next to the rules.
//!
//! Character-level BIOES labels (BIO plus `E-X` for the last character of a name and `S-X`
//! for one-character names, which sharpens boundaries), a structured averaged perceptron
//! with first-order label transitions and Viterbi decoding constrained to valid sequences
//! (an `I-X` or `E-X` only ever follows `B-X` or `I-X`). Features (see `features.rs`) are
//! read from the Simplified view, so both scripts tag alike: characters around each
//! position, jieba's tokens and part-of-speech tags, and the project's lexicons (terms,
//! surnames, posts, head words), jieba's dictionary words and runs of transliteration
//! characters. Their ids are FNV-1a hashes, so the model is a table of pruned, quantized
//! weights keyed by u64 (looked up in an open-addressing hash table built at load), compiled
//! into the library from `data/models/ner.bin` (trained on UNER Chinese GSD, CC BY-SA 4.0,
//! and the MSRA NER news corpus: see `data/models/README.md`).
//!
//! ```no_run
//! use zhkg_extract::ner::Context;
//! use zhkg_extract::{to_simplified, Extractor};
//!
//! let extractor = Extractor::embedded();
//! let text: Vec<char> = "全國政協委員黃錦輝表示".chars().collect();
//! let simp: String = to_simplified(&text.iter().collect::<String>());
//! let tokens = extractor.segmenter().tag(&simp);
//! let simp: Vec<char> = simp.chars().collect();
//! for name in extractor.model().tag(Context::of(&extractor), &text, &simp, &tokens) {
//!     let written: String = text[name.start..name.end].iter().collect();
//!     println!("{} {written} {:.2}", name.label.as_str(), name.score);
//! }
//! ```
//!
//! Each span carries a score: its probability under the model's scores read as a linear
//! chain (forward-backward, with a temperature fitted on the development data).
//!
//! Training lives in [`train`] and the `zhkg-train` crate (`train-ner`).

pub(crate) mod features;
pub mod train;

use crate::lexicon::Lexicon;
use crate::pipeline::Extractor;
use crate::segment::{Segmenter, Token};

/// What the tagger's features read besides the text: the lexicons (terms, surnames, head
/// words) and the segmenter's dictionary.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The lexicons.
    pub lexicon: &'a Lexicon,
    /// The segmenter whose dictionary the features consult.
    pub segmenter: &'a Segmenter,
}

impl<'a> Context<'a> {
    /// The lexicons and segmenter of an extractor.
    pub fn of(extractor: &'a Extractor) -> Context<'a> {
        Context {
            lexicon: extractor.lexicon(),
            segmenter: extractor.segmenter(),
        }
    }
}

/// The type of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum NerLabel {
    /// A person.
    Per,
    /// An organization.
    Org,
    /// A place.
    Loc,
}

impl NerLabel {
    /// Every label.
    pub const ALL: [NerLabel; 3] = [NerLabel::Per, NerLabel::Org, NerLabel::Loc];

    /// `PER`, `ORG` or `LOC`.
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
        }
    }

    /// The label of `PER`, `ORG` or `LOC`.
    pub fn parse(s: &str) -> Option<NerLabel> {
        match s {
            "PER" => Some(NerLabel::Per),
            "ORG" => Some(NerLabel::Org),
            "LOC" => Some(NerLabel::Loc),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A recognized name: `start..end` are character offsets into the text that was tagged.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct NerSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// What the name is.
    pub label: NerLabel,
    /// Probability of this exact span under the model, 0..1.
    pub score: f32,
    /// For a person: probability, under the model, of the same name one character longer
    /// (張舉|能, where 能 also reads as "can"). Rules weigh it where the text says a name
    /// ends there. 0 otherwise.
    #[serde(skip)]
    pub longer: f32,
}

/// Where a character is in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Outside,
    Begin,
    Inside,
    End,
    Single,
}

/// Character labels: 0 is `O`; type `t` (PER, ORG, LOC) has `B`, `I`, `E`, `S` at
/// `1 + 4t ..= 4 + 4t` (BIOES: the last character of a name and one-character names are
/// labels of their own, which sharpens the boundaries).
const NL: usize = 13;
/// Row of the transition table for the start of a sequence.
const START: usize = NL;

fn part(y: usize) -> Part {
    match y {
        0 => Part::Outside,
        _ => match (y - 1) % 4 {
            0 => Part::Begin,
            1 => Part::Inside,
            2 => Part::End,
            _ => Part::Single,
        },
    }
}

fn label_of(y: usize) -> Option<NerLabel> {
    match y {
        1..=4 => Some(NerLabel::Per),
        5..=8 => Some(NerLabel::Org),
        9..=12 => Some(NerLabel::Loc),
        _ => None,
    }
}

fn label(l: NerLabel, p: Part) -> usize {
    1 + 4 * l.index()
        + match p {
            Part::Begin | Part::Outside => 0,
            Part::Inside => 1,
            Part::End => 2,
            Part::Single => 3,
        }
}

/// Is a name open after label `prev` (`START` at the beginning)?
fn open(prev: usize) -> bool {
    prev != START && matches!(part(prev), Part::Begin | Part::Inside)
}

/// May label `y` follow label `prev` (`START` at the beginning)? Inside and end labels
/// only continue a name of their type; nothing else may follow an open name.
fn allowed(prev: usize, y: usize) -> bool {
    if open(prev) {
        matches!(part(y), Part::Inside | Part::End) && label_of(y) == label_of(prev)
    } else {
        matches!(part(y), Part::Outside | Part::Begin | Part::Single)
    }
}

/// May a sequence end with label `y`?
fn allowed_end(y: usize) -> bool {
    !open(y)
}

/// Labels of the characters of a name of `len` characters.
fn name_labels(l: NerLabel, len: usize) -> impl Iterator<Item = u8> {
    (0..len).map(move |k| {
        let p = if len == 1 {
            Part::Single
        } else if k == 0 {
            Part::Begin
        } else if k + 1 == len {
            Part::End
        } else {
            Part::Inside
        };
        label(l, p) as u8
    })
}

/// A name as `(start, end, type)` in characters.
type Span = (usize, usize, NerLabel);

/// Spans of a valid label sequence.
fn spans_of(labels: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &y) in labels.iter().enumerate() {
        let y = y as usize;
        match (part(y), label_of(y)) {
            (Part::Single, Some(l)) => out.push((i, i + 1, l)),
            (Part::Begin, Some(_)) => start = Some(i),
            (Part::End, Some(l)) => {
                if let Some(a) = start.take() {
                    out.push((a, i + 1, l));
                }
            }
            (Part::Inside, _) => {}
            _ => start = None,
        }
    }
    out
}

/// `trans` with the moves [`allowed`] forbids at -inf: scores of paths through them are
/// -inf, and their probabilities 0.
fn masked(trans: &[[f32; NL]; NL + 1]) -> [[f32; NL]; NL + 1] {
    std::array::from_fn(|p| {
        std::array::from_fn(|y| {
            if allowed(p, y) {
                trans[p][y]
            } else {
                f32::NEG_INFINITY
            }
        })
    })
}

/// Best label sequence under emission scores `em` (one row of `NL` per position) and
/// transition scores `trans` (`trans[prev][y]`, row `START` for the first position).
fn viterbi(em: &[[f32; NL]], trans: &[[f32; NL]; NL + 1]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    // Forbidden or unreachable predecessors score -inf and never win (same choices, in the
    // same order, as skipping them), so the inner loop needs no test.
    let tm = masked(trans);
    let mut score = vec![[f32::NEG_INFINITY; NL]; n];
    let mut back = vec![[0u8; NL]; n];
    for y in 0..NL {
        score[0][y] = tm[START][y] + em[0][y];
    }
    for i in 1..n {
        let prev = score[i - 1];
        for y in 0..NL {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (p, row) in tm.iter().take(NL).enumerate() {
                let s = prev[p] + row[y];
                if s > best.0 {
                    best = (s, p);
                }
            }
            if best.0 > f32::NEG_INFINITY {
                score[i][y] = best.0 + em[i][y];
                back[i][y] = best.1 as u8;
            }
        }
    }
    let mut y = (0..NL)
        .filter(|&y| allowed_end(y))
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = y as u8;
        y = back[i][y] as usize;
    }
    out
}

/// Probability of each span (labelled `S-X`, or `B-X I-X … E-X`) under the chain.
///
/// Forward-backward in probability space, each position rescaled to sum to one with the
/// log of the scale kept aside: a dozen `exp` per position instead of one per label pair,
/// which made this a tenth of all extraction time in log space.
fn span_probs(em: &[[f32; NL]], trans: &[[f32; NL]; NL + 1], temperature: f32, spans: &[Span]) -> Vec<f32> {
    let n = em.len();
    // Most sentences hold no name: then there is nothing to score.
    if n == 0 || spans.is_empty() {
        return Vec::new();
    }
    let s = 1.0 / f64::from(temperature.max(1e-3));
    let trans = masked(trans);
    let tr = |p: usize, y: usize| -> f64 { s * f64::from(trans[p][y]) };
    let e = |i: usize, y: usize| s * f64::from(em[i][y]);
    // t[p][y] = exp(tr(p, y)); ex[i][y] = exp(e(i, y) - top[i]).
    let t: [[f64; NL]; NL + 1] = std::array::from_fn(|p| std::array::from_fn(|y| tr(p, y).exp()));
    let top: Vec<f64> = (0..n)
        .map(|i| (0..NL).map(|y| e(i, y)).fold(f64::NEG_INFINITY, f64::max))
        .collect();
    let ex: Vec<[f64; NL]> = (0..n)
        .map(|i| std::array::from_fn(|y| (e(i, y) - top[i]).exp()))
        .collect();
    // log alpha[i][y] = ln(alpha[i][y]) + la[i]; rows sum to one.
    let mut alpha = vec![[0f64; NL]; n];
    let mut la = vec![0f64; n];
    let normalize = |row: &mut [f64; NL]| -> f64 {
        let sum: f64 = row.iter().sum();
        row.iter_mut().for_each(|x| *x /= sum);
        sum.ln()
    };
    for y in 0..NL {
        alpha[0][y] = t[START][y] * ex[0][y];
    }
    la[0] = top[0] + normalize(&mut alpha[0]);
    for i in 1..n {
        let mut row = [0f64; NL];
        for (y, r) in row.iter_mut().enumerate() {
            *r = (0..NL).map(|p| alpha[i - 1][p] * t[p][y]).sum::<f64>() * ex[i][y];
        }
        la[i] = la[i - 1] + top[i] + normalize(&mut row);
        alpha[i] = row;
    }
    // beta[i][y]: all continuations after position i given label y at i; the same way.
    let mut beta = vec![[0f64; NL]; n];
    let mut lb = vec![0f64; n];
    for (y, b) in beta[n - 1].iter_mut().enumerate() {
        *b = if allowed_end(y) { 1.0 } else { 0.0 };
    }
    for i in (0..n - 1).rev() {
        let mut row = [0f64; NL];
        for (p, r) in row.iter_mut().enumerate() {
            *r = (0..NL).map(|y| t[p][y] * ex[i + 1][y] * beta[i + 1][y]).sum();
        }
        lb[i] = lb[i + 1] + top[i + 1] + normalize(&mut row);
        beta[i] = row;
    }
    let log_z = (0..NL)
        .map(|y| alpha[n - 1][y] * beta[n - 1][y])
        .sum::<f64>()
        .ln()
        + la[n - 1]
        + lb[n - 1];
    spans
        .iter()
        .map(|&(a, b, l)| {
            let ys: Vec<usize> = name_labels(l, b - a).map(usize::from).collect();
            let mut lp = if a == 0 {
                tr(START, ys[0])
            } else {
                (0..NL).map(|p| alpha[a - 1][p] * t[p][ys[0]]).sum::<f64>().ln() + la[a - 1]
            } + e(a, ys[0]);
            for k in 1..ys.len() {
                lp += tr(ys[k - 1], ys[k]) + e(a + k, ys[k]);
            }
            let last = ys[ys.len() - 1];
            lp += if b < n {
                (0..NL)
                    .map(|y| t[last][y] * ex[b][y] * beta[b][y])
                    .sum::<f64>()
                    .ln()
                    + top[b]
                    + lb[b]
            } else {
                beta[n - 1][last].ln() + lb[n - 1]
            };
            ((lp - log_z).exp().clamp(0.0, 1.0)) as f32
        })
        .collect()
}

/// A slot of the feature table: a feature id and its weights (quantized, one per label set
/// in `mask`), inline when there are at most [`INLINE`] of them (93 % of the shipped
/// model's features), else at `spill[offset..]`. Sixteen bytes, so four share a cache
/// line and a lookup mostly touches one line: the table is read ~40 times per
/// character, at random, and these reads were most of the tagger's time.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    /// Labels with a weight; 0: an empty slot.
    mask: u16,
    /// The weights in label order, or (more than `INLINE`) the offset into `spill`, split
    /// over the first two.
    w: [i16; INLINE],
}

/// Weights kept inside a slot.
const INLINE: usize = 3;

impl Slot {
    fn spilled(&self) -> bool {
        self.mask.count_ones() as usize > INLINE
    }

    fn offset(&self) -> usize {
        (self.w[0] as u16 as usize) | (self.w[1] as u16 as usize) << 16
    }
}

/// Ask the CPU to bring `slot`'s cache line in: lookups of the features of the next few
/// characters overlap instead of waiting for memory one after the other.
#[inline(always)]
fn prefetch(slot: &Slot) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults, and the pointer comes from a reference.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((slot as *const Slot).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = slot;
}

/// Home slot of feature `id` in a table of `1 << bits` slots.
fn home(id: u64, bits: u32) -> usize {
    (id.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

/// The model file's first bytes.
const MAGIC: &[u8; 8] = b"ZHKGNER2";

/// A trained tagger: pruned, quantized weights keyed by feature id.
#[derive(Debug, Clone, PartialEq)]
pub struct NerModel {
    /// Feature ids, sorted.
    keys: Vec<u64>,
    /// Open-addressing table (linear probing, at most 60 % full) from feature id to its
    /// weights: a lookup mostly reads one cache line.
    table: Vec<Slot>,
    table_bits: u32,
    /// Weights of the features with more than [`INLINE`] of them (quantized).
    spill: Vec<i16>,
    /// Weights of `keys[k]` are `weights[rows[k]..rows[k + 1]]`.
    rows: Vec<u32>,
    /// (label, weight) pairs.
    weights: Vec<(u8, f32)>,
    trans: [[f32; NL]; NL + 1],
    temperature: f32,
    /// Quantization step: every weight is a multiple of it that fits an i16.
    step: f32,
}

impl Default for NerModel {
    fn default() -> NerModel {
        NerModel {
            keys: Vec::new(),
            table: Vec::new(),
            table_bits: 0,
            spill: Vec::new(),
            rows: vec![0],
            weights: Vec::new(),
            trans: [[0.0; NL]; NL + 1],
            temperature: 1.0,
            step: 1.0,
        }
    }
}

impl NerModel {
    /// The model compiled into the library (`data/models/ner.bin`). An empty file
    /// gives a model that finds nothing (a unit test checks the shipped file reads).
    pub fn embedded() -> NerModel {
        let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/ner.bin"));
        NerModel::from_bytes(bytes).unwrap_or_default()
    }

    /// Does the model have any weights?
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of (feature, label) weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Temperature of the span scores (fitted on the development data).
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// Build from dense weights, dropping those with `|w| < prune` and quantizing the rest
    /// to 16 bits, exactly as they will be stored.
    pub(crate) fn from_weights(
        mut dense: Vec<(u64, [f32; NL])>,
        trans: [[f32; NL]; NL + 1],
        prune: f32,
    ) -> NerModel {
        dense.sort_unstable_by_key(|(k, _)| *k);
        let max = dense
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let step = quant_step(max);
        let mut m = NerModel {
            trans,
            step,
            ..NerModel::default()
        };
        for (k, w) in dense {
            let row: Vec<(u8, f32)> = w
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= prune && w.abs() > 0.0)
                .map(|(y, &w)| (y as u8, quantize(w, step) as f32 * step))
                .filter(|(_, w)| *w != 0.0)
                .collect();
            m.push_row(k, row);
        }
        m.index();
        m
    }

    /// Add feature `key` with its (label, weight) pairs, if it has any (keys in order).
    fn push_row(&mut self, key: u64, row: Vec<(u8, f32)>) {
        if row.is_empty() {
            return;
        }
        self.keys.push(key);
        self.weights.extend(row);
        self.rows.push(self.weights.len() as u32);
    }

    /// The same model without the weights smaller than `min` in absolute value (for trading
    /// accuracy against file size after training).
    pub fn pruned(&self, min: f32) -> NerModel {
        let mut m = NerModel {
            trans: self.trans,
            temperature: self.temperature,
            step: self.step,
            ..NerModel::default()
        };
        for (k, &key) in self.keys.iter().enumerate() {
            let row = &self.weights[self.rows[k] as usize..self.rows[k + 1] as usize];
            let kept: Vec<(u8, f32)> = row.iter().copied().filter(|(_, w)| w.abs() >= min).collect();
            m.push_row(key, kept);
        }
        m.index();
        m
    }

    pub(crate) fn set_temperature(&mut self, t: f32) {
        self.temperature = t;
    }

    /// Fill the lookup table from `keys` and `rows`.
    fn index(&mut self) {
        let mut bits = 4;
        while (1usize << bits) * 3 < self.keys.len() * 5 {
            bits += 1;
        }
        let mask = (1usize << bits) - 1;
        let mut table = vec![Slot::default(); 1 << bits];
        let mut spill = Vec::new();
        for (k, &key) in self.keys.iter().enumerate() {
            let row = &self.weights[self.rows[k] as usize..self.rows[k + 1] as usize];
            let mut slot = Slot {
                key,
                mask: row.iter().fold(0u16, |m, (y, _)| m | 1 << y),
                w: [0; INLINE],
            };
            let q = |w: f32| (w / self.step).round() as i16;
            if row.len() <= INLINE {
                for (j, &(_, w)) in row.iter().enumerate() {
                    slot.w[j] = q(w);
                }
            } else {
                let at = spill.len();
                slot.w[0] = at as u16 as i16;
                slot.w[1] = (at >> 16) as u16 as i16;
                spill.extend(row.iter().map(|&(_, w)| q(w)));
            }
            let mut h = home(key, bits);
            while table[h].mask != 0 {
                h = (h + 1) & mask;
            }
            table[h] = slot;
        }
        self.table = table;
        self.table_bits = bits;
        self.spill = spill;
    }

    /// The slot of feature `id`, looking from its home slot `h`.
    #[inline]
    fn slot(&self, id: u64, mut h: usize) -> Option<&Slot> {
        let mask = self.table.len() - 1;
        loop {
            let s = &self.table[h];
            if s.mask == 0 {
                return None;
            }
            if s.key == id {
                return Some(s);
            }
            h = (h + 1) & mask;
        }
    }

    /// Add the weights in `slot` to `row`. Each weight is `q * step`, the very f32 the
    /// model's weights hold, added in label order as before, so scores do not change.
    #[inline]
    fn add(&self, slot: &Slot, row: &mut [f32; NL]) {
        let weights = if slot.spilled() {
            &self.spill[slot.offset()..slot.offset() + slot.mask.count_ones() as usize]
        } else {
            &slot.w[..]
        };
        let mut m = slot.mask;
        let mut j = 0;
        while m != 0 {
            let y = m.trailing_zeros() as usize;
            row[y] += f32::from(weights[j]) * self.step;
            m &= m - 1;
            j += 1;
        }
    }

    /// The (label, weight) pairs of feature `id` as the table holds them.
    #[cfg(test)]
    fn find(&self, id: u64) -> Vec<(u8, f32)> {
        if self.table.is_empty() {
            return Vec::new();
        }
        let mut row = [0f32; NL];
        let Some(slot) = self.slot(id, home(id, self.table_bits)) else {
            return Vec::new();
        };
        self.add(slot, &mut row);
        (0..NL)
            .filter(|&y| slot.mask & 1 << y != 0)
            .map(|y| (y as u8, row[y]))
            .collect()
    }

    /// One row of label scores per character: the sum of its features' weights. The home
    /// slots of all features are hashed first, so each lookup can prefetch one that comes
    /// [`AHEAD`] places later.
    fn emissions(&self, feats: &features::Features) -> Vec<[f32; NL]> {
        const AHEAD: usize = 16;
        let mut em = vec![[0f32; NL]; feats.len()];
        if self.table.is_empty() {
            return em;
        }
        let homes: Vec<usize> = feats.ids.iter().map(|&id| home(id, self.table_bits)).collect();
        for (i, row) in em.iter_mut().enumerate() {
            for k in feats.offsets[i]..feats.offsets[i + 1] {
                if let Some(&h) = homes.get(k + AHEAD) {
                    prefetch(&self.table[h]);
                }
                if let Some(slot) = self.slot(feats.ids[k], homes[k]) {
                    self.add(slot, row);
                }
            }
        }
        em
    }

    /// Tag a sentence or a document. `text` is as written, `simp` its Simplified view
    /// (one character per character) and `tokens` the segmenter's tokens of `simp`, with
    /// character offsets into it. Spans index `text`.
    pub fn tag(&self, cx: Context<'_>, text: &[char], simp: &[char], tokens: &[Token]) -> Vec<NerSpan> {
        self.tag_from(cx, text, simp, tokens, 0)
    }

    /// [`NerModel::tag`] for tokens whose offsets count from `base`: a sentence of a
    /// document with the document's tokens, which need no copy.
    pub(crate) fn tag_from(
        &self,
        cx: Context<'_>,
        text: &[char],
        simp: &[char],
        tokens: &[Token],
        base: usize,
    ) -> Vec<NerSpan> {
        debug_assert_eq!(text.len(), simp.len(), "the Simplified view keeps offsets");
        let n = text.len().min(simp.len());
        if n == 0 || self.is_empty() {
            return Vec::new();
        }
        let feats = features::extract(cx, &simp[..n], tokens, base);
        let em = self.emissions(&feats);
        let labels = viterbi(&em, &self.trans);
        let mut spans = spans_of(&labels);
        let found = spans.len();
        let longer: Vec<usize> = (0..found)
            .filter(|&k| spans[k].2 == NerLabel::Per && spans[k].1 < n)
            .collect();
        for &k in &longer {
            spans.push((spans[k].0, spans[k].1 + 1, NerLabel::Per));
        }
        let probs = span_probs(&em, &self.trans, self.temperature, &spans);
        let mut out: Vec<NerSpan> = spans[..found]
            .iter()
            .zip(&probs)
            .map(|(&(start, end, label), &score)| NerSpan {
                start,
                end,
                label,
                score,
                longer: 0.0,
            })
            .collect();
        for (j, &k) in longer.iter().enumerate() {
            out[k].longer = probs[found + j];
        }
        out
    }

    /// The model file: magic, temperature, quantization step, transitions, then each
    /// feature as a varint delta of its id, a label mask and one i16 per label set.
    pub fn to_bytes(&self) -> Vec<u8> {
        let step = self.step;
        let mut out = Vec::with_capacity(16 + self.keys.len() * 10);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.temperature.to_le_bytes());
        out.extend_from_slice(&step.to_le_bytes());
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        let mut last = 0u64;
        for (k, &key) in self.keys.iter().enumerate() {
            write_varint(&mut out, key - last);
            last = key;
            let row = &self.weights[self.rows[k] as usize..self.rows[k + 1] as usize];
            let mask = row.iter().fold(0u16, |m, (y, _)| m | 1 << y);
            out.extend_from_slice(&mask.to_le_bytes());
            for &(_, w) in row {
                out.extend_from_slice(&quantize(w, step).to_le_bytes());
            }
        }
        out
    }

    /// Read a model file written by [`NerModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, String> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a zhkg NER model".into());
        }
        let temperature = r.f32()?;
        let step = r.f32()?;
        let mut trans = [[0f32; NL]; NL + 1];
        for row in &mut trans {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let count = r.u32()? as usize;
        let mut m = NerModel {
            keys: Vec::with_capacity(count),
            table: Vec::new(),
            table_bits: 0,
            spill: Vec::new(),
            rows: Vec::with_capacity(count + 1),
            weights: Vec::with_capacity(count * 2),
            trans,
            temperature,
            step,
        };
        m.rows.push(0);
        let mut key = 0u64;
        for _ in 0..count {
            key = key.checked_add(r.varint()?).ok_or("feature ids overflow")?;
            let mask = u16::from_le_bytes(r.take(2)?.try_into().map_err(|_| "short mask")?);
            for y in 0..NL {
                if mask & 1 << y != 0 {
                    let q = i16::from_le_bytes(r.take(2)?.try_into().map_err(|_| "short weight")?);
                    m.weights.push((y as u8, f32::from(q) * step));
                }
            }
            m.keys.push(key);
            m.rows.push(m.weights.len() as u32);
        }
        if r.pos != bytes.len() {
            return Err("trailing bytes after the model".into());
        }
        m.index();
        Ok(m)
    }
}

fn quant_step(max: f32) -> f32 {
    if max > 0.0 {
        max / f32::from(i16::MAX)
    } else {
        1.0
    }
}

fn quantize(w: f32, step: f32) -> i16 {
    (w / step)
        .round()
        .clamp(-f32::from(i16::MAX), f32::from(i16::MAX)) as i16
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .bytes
            .get(self.pos..self.pos + n)
            .ok_or("truncated model file")?;
        self.pos += n;
        Ok(s)
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "short")?))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "short")?))
    }
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad varint".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::to_simplified;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn labels_and_transitions() {
        let (per, org, loc) = (NerLabel::Per, NerLabel::Org, NerLabel::Loc);
        for l in NerLabel::ALL {
            for p in [Part::Begin, Part::Inside, Part::End, Part::Single] {
                assert_eq!((label_of(label(l, p)), part(label(l, p))), (Some(l), p));
            }
        }
        let b = |l| label(l, Part::Begin);
        let i = |l| label(l, Part::Inside);
        let e = |l| label(l, Part::End);
        let s = |l| label(l, Part::Single);
        assert!(allowed(b(per), i(per)) && allowed(i(per), e(per)) && allowed(b(per), e(per)));
        assert!(!allowed(0, i(per)) && !allowed(START, e(per)) && !allowed(b(org), i(per)));
        assert!(!allowed(b(per), 0) && !allowed(i(loc), s(loc)) && allowed(e(per), s(loc)));
        assert!(allowed(START, s(org)) && allowed(s(org), b(org)) && !allowed_end(i(loc)));
        let labels: Vec<u8> = [0]
            .into_iter()
            .chain(name_labels(per, 3))
            .chain([0])
            .chain(name_labels(loc, 1))
            .chain(name_labels(org, 2))
            .collect();
        assert_eq!(labels.len(), 8);
        assert_eq!(spans_of(&labels), vec![(1, 4, per), (5, 6, loc), (6, 8, org)]);
    }

    #[test]
    fn viterbi_never_outputs_invalid_inside_tags() {
        // Emissions that strongly prefer I- labels everywhere, in a pseudo-random mix.
        let mut seed = 0x1234_5678_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 1000) as f32 / 100.0
        };
        for _ in 0..200 {
            let n = 1 + (next() as usize) % 12;
            let em: Vec<[f32; NL]> = (0..n)
                .map(|_| {
                    let mut r = [0f32; NL];
                    for (y, v) in r.iter_mut().enumerate() {
                        *v = next() + if open(y) { 20.0 } else { 0.0 };
                    }
                    r
                })
                .collect();
            let mut trans = [[0f32; NL]; NL + 1];
            for row in &mut trans {
                for v in row.iter_mut() {
                    *v = next() - 5.0;
                }
            }
            let labels = viterbi(&em, &trans);
            assert_eq!(labels.len(), n);
            let mut prev = START;
            for &y in &labels {
                assert!(allowed(prev, y as usize), "{labels:?}");
                prev = y as usize;
            }
            assert!(allowed_end(prev), "{labels:?}");
            let spans = spans_of(&labels);
            let probs = span_probs(&em, &trans, 1.0, &spans);
            assert!(probs.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }

    #[test]
    fn span_probabilities_match_brute_force() {
        let n = 3;
        let em: Vec<[f32; NL]> = (0..n)
            .map(|i| std::array::from_fn(|y| ((i * 7 + y * 3) % 5) as f32 * 0.4))
            .collect();
        let trans: [[f32; NL]; NL + 1] =
            std::array::from_fn(|p| std::array::from_fn(|y| ((p * 5 + y) % 4) as f32 * 0.3 - 0.4));
        let mut spans = Vec::new();
        for a in 0..n {
            for b in a + 1..=n {
                for l in NerLabel::ALL {
                    spans.push((a, b, l));
                }
            }
        }
        let p = span_probs(&em, &trans, 1.5, &spans);
        // Brute force over all valid sequences.
        let mut z = 0f64;
        let mut mass = vec![0f64; spans.len()];
        for code in 0..NL.pow(n as u32) {
            let ys: Vec<usize> = (0..n).map(|i| code / NL.pow(i as u32) % NL).collect();
            let mut prev = START;
            let mut score = 0f32;
            let mut ok = true;
            for (i, &y) in ys.iter().enumerate() {
                ok &= allowed(prev, y);
                score += trans[prev][y] + em[i][y];
                prev = y;
            }
            if !ok || !allowed_end(prev) {
                continue;
            }
            let w = (f64::from(score) / 1.5).exp();
            z += w;
            let labels: Vec<u8> = ys.iter().map(|&y| y as u8).collect();
            for sp in spans_of(&labels) {
                if let Some(k) = spans.iter().position(|&x| x == sp) {
                    mass[k] += w;
                }
            }
        }
        for k in 0..spans.len() {
            assert!(
                (f64::from(p[k]) - mass[k] / z).abs() < 1e-5,
                "{:?}: {} vs {}",
                spans[k],
                p[k],
                mass[k] / z
            );
        }
    }

    #[test]
    fn save_and_load_round_trip() {
        let mut trans = [[0f32; NL]; NL + 1];
        trans[1][2] = 1.5;
        trans[START][0] = -0.25;
        let dense = vec![
            (
                u64::MAX - 3,
                std::array::from_fn(|y| [0.0, 1.0, -2.0, 0.0, 0.0, 0.001, 3.0][y % 7]),
            ),
            (7, std::array::from_fn(|y| if y == 0 { 0.5 } else { 0.0 })),
            (1 << 40, [0.0; NL]),
        ];
        let mut m = NerModel::from_weights(dense, trans, 0.01);
        m.set_temperature(2.5);
        assert_eq!(m.keys, vec![7, u64::MAX - 3]);
        assert_eq!(m.len(), 6);
        let bytes = m.to_bytes();
        let back = NerModel::from_bytes(&bytes).expect("reads back");
        assert_eq!(back, m);
        assert!(NerModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(NerModel::from_bytes(b"nonsense").is_err());
        let empty = NerModel::from_bytes(&NerModel::default().to_bytes()).expect("empty model");
        assert!(empty.is_empty());
    }

    #[test]
    fn lookup_table_finds_every_feature_and_nothing_else() {
        // Many ids, some sharing their home slot, to exercise the probing.
        let dense: Vec<(u64, [f32; NL])> = (0..5000u64)
            .map(|k| {
                let id = k.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ (k << 7);
                (
                    id,
                    std::array::from_fn(|y| {
                        if y == (k % 13) as usize {
                            1.0 + (k % 7) as f32
                        } else {
                            0.0
                        }
                    }),
                )
            })
            .collect();
        let m = NerModel::from_weights(dense.clone(), [[0.0; NL]; NL + 1], 0.5);
        for (k, (id, w)) in dense.iter().enumerate() {
            let row = m.find(*id);
            assert_eq!(row.len(), 1, "feature {k}");
            assert_eq!(row[0].0 as usize, k % 13);
            assert!((row[0].1 - w[k % 13]).abs() < 1e-3);
        }
        for k in 5000..6000u64 {
            assert!(m.find(k.wrapping_mul(0x9e37_79b9_7f4a_7c15)).is_empty());
        }
        // Pruning keeps exactly the weights at or above the bound.
        let p = m.pruned(4.0);
        assert_eq!(
            p.len(),
            dense.iter().filter(|(_, w)| w.iter().any(|&x| x >= 4.0)).count()
        );
        assert_eq!(NerModel::from_bytes(&p.to_bytes()).expect("reads back"), p);
        assert!(NerModel::default().find(7).is_empty());
    }

    #[test]
    fn rows_inline_and_spilled_read_back_in_label_order() {
        // Features with 1 to 13 weights: up to three live in the slot, more in `spill`.
        let dense: Vec<(u64, [f32; NL])> = (1..=NL as u64)
            .map(|k| {
                (
                    k * 0x1000_0001,
                    std::array::from_fn(|y| if (y as u64) < k { y as f32 - 5.5 } else { 0.0 }),
                )
            })
            .collect();
        let m = NerModel::from_weights(dense.clone(), [[0.0; NL]; NL + 1], 0.01);
        for (id, w) in &dense {
            let row = m.find(*id);
            let want: Vec<(u8, f32)> = (0..NL)
                .filter(|&y| w[y] != 0.0)
                .map(|y| (y as u8, w[y]))
                .collect();
            assert_eq!(row.len(), want.len(), "feature {id}");
            for ((y, got), (y2, expected)) in row.iter().zip(&want) {
                assert_eq!(y, y2);
                assert!((got - expected).abs() < 1e-3, "{got} vs {expected}");
            }
        }
        // The scores of a position are the sums of its features' weights.
        let feats = features::Features {
            ids: dense.iter().map(|(id, _)| *id).collect(),
            offsets: vec![0, 4, NL],
        };
        let em = m.emissions(&feats);
        for (i, ks) in [(0usize, 0..4usize), (1, 4..NL)] {
            for (y, got) in em[i].iter().enumerate() {
                let want: f32 = ks.clone().map(|k| dense[k].1[y]).sum();
                assert!((got - want).abs() < 1e-2, "position {i} label {y}");
            }
        }
    }

    #[test]
    fn toy_model_tags_its_training_sentences_in_both_scripts() {
        let ex = crate::pipeline::test_extractor();
        let (cx, seg) = (Context::of(ex), ex.segmenter());
        let train_text = "# newdoc id = toy\n\
            1\t張三\tB-PER\n2\t在\tO\n3\t北京\tB-LOC\n4\t工作\tO\n\n\
            1\t李四\tB-PER\n2\t加入\tO\n3\t聯合國\tB-ORG\n4\t。\tO\n\n\
            1\t王五\tB-PER\n2\t到\tO\n3\t上海\tB-LOC\n4\t開會\tO\n\n";
        let docs = train::read_iob2(train_text).expect("parses");
        let cfg = train::TrainConfig {
            epochs: 10,
            prune: 0.0,
            ..train::TrainConfig::default()
        };
        let trained = train::train(cx, &docs, &docs, &cfg, |_| {});
        let model = trained.model;
        for (text, want) in [
            (
                "李四加入聯合國。",
                vec![("李四", NerLabel::Per), ("聯合國", NerLabel::Org)],
            ),
            (
                "李四加入联合国。",
                vec![("李四", NerLabel::Per), ("联合国", NerLabel::Org)],
            ),
            (
                "張三在北京工作",
                vec![("張三", NerLabel::Per), ("北京", NerLabel::Loc)],
            ),
        ] {
            let text = chars(text);
            let simp = chars(&to_simplified(&text.iter().collect::<String>()));
            let tokens = seg.tag(&simp.iter().collect::<String>());
            let got: Vec<(String, NerLabel)> = model
                .tag(cx, &text, &simp, &tokens)
                .iter()
                .map(|s| (text[s.start..s.end].iter().collect(), s.label))
                .collect();
            let want: Vec<(String, NerLabel)> = want.into_iter().map(|(s, l)| (s.to_string(), l)).collect();
            assert_eq!(got, want);
        }
        // And the same model after a trip through its file format.
        let back = NerModel::from_bytes(&model.to_bytes()).expect("round trip");
        let text = chars("王五到上海開會");
        let simp = chars(&to_simplified("王五到上海開會"));
        let tokens = seg.tag(&simp.iter().collect::<String>());
        let spans = back.tag(cx, &text, &simp, &tokens);
        assert_eq!(spans.len(), 2, "{spans:?}");
        assert!(spans.iter().all(|s| s.score > 0.0 && s.score <= 1.0));
    }

    #[test]
    fn embedded_model_loads_and_finds_names() {
        let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/ner.bin"));
        if bytes.is_empty() {
            // Before the first training the model is empty and finds nothing.
            assert!(NerModel::embedded().is_empty());
            return;
        }
        NerModel::from_bytes(bytes).expect("the shipped model file reads");
        let ex = crate::pipeline::test_extractor();
        let (cx, seg, m) = (Context::of(ex), ex.segmenter(), ex.model());
        assert!(!m.is_empty());
        let mut found = Vec::new();
        for text in ["美國總統奧巴馬訪問北京大學。", "美国总统奥巴马访问北京大学。"]
        {
            let text = chars(text);
            let simp = chars(&to_simplified(&text.iter().collect::<String>()));
            let tokens = seg.tag(&simp.iter().collect::<String>());
            let spans = m.tag(cx, &text, &simp, &tokens);
            assert!(spans.iter().all(|s| s.start < s.end && s.end <= text.len()));
            assert!(spans.iter().all(|s| (0.0..=1.0).contains(&s.score)));
            // The longer reading of a person excludes the best one: together at most 1.
            for s in &spans {
                match s.label {
                    NerLabel::Per if s.end < text.len() => {
                        assert!(s.longer > 0.0 && s.score + s.longer <= 1.0 + 1e-5, "{s:?}")
                    }
                    _ => assert_eq!(s.longer, 0.0, "{s:?}"),
                }
            }
            found.push(
                spans
                    .iter()
                    .map(|s| (s.start, s.end, s.label))
                    .collect::<Vec<_>>(),
            );
        }
        // Both scripts give the same names.
        assert_eq!(found[0], found[1]);
        assert!(found[0].contains(&(4, 7, NerLabel::Per)), "{:?}", found[0]);
    }
}
