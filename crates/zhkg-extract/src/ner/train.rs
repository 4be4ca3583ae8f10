//! Training and evaluation of the NER tagger: IOB2 reading, the averaged perceptron,
//! span-level and document-level scores, and the jieba part-of-speech baseline.

use std::collections::{BTreeSet, HashMap};

use super::features::{self, Features};
use super::{name_labels, span_probs, spans_of, viterbi, Context, NerLabel, NerModel, Span, NL, START};
use crate::script::to_simplified;
use crate::segment::Segmenter;

/// A sentence with its gold names: `spans` index `text` (characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// The sentence's characters.
    pub text: Vec<char>,
    /// Its names: (start, end, label).
    pub spans: Vec<Span>,
}

/// A document: the sentences of one `# newdoc id` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The `# newdoc id` of the document.
    pub id: String,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// Read IOB2 in the CoNLL-U-like layout of Universal NER: `# newdoc id = …`, `# text = …`
/// comments, then one word a line (`index<TAB>word<TAB>tag…`), a blank line after each
/// sentence. The sentence text is rebuilt from `# text` when the words align with it
/// (so the spaces between Latin words survive), else from the words joined.
pub fn read_iob2(input: &str) -> Result<Vec<Document>, String> {
    let mut docs: Vec<Document> = Vec::new();
    let mut text: Option<String> = None;
    let mut words: Vec<(String, String)> = Vec::new();
    let flush = |docs: &mut Vec<Document>,
                 text: &mut Option<String>,
                 words: &mut Vec<(String, String)>|
     -> Result<(), String> {
        if words.is_empty() {
            *text = None;
            return Ok(());
        }
        let s = sentence_from_words(text.as_deref(), words)?;
        if docs.is_empty() {
            docs.push(Document {
                id: String::new(),
                sentences: Vec::new(),
            });
        }
        if let Some(d) = docs.last_mut() {
            d.sentences.push(s);
        }
        words.clear();
        *text = None;
        Ok(())
    };
    for (ln, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut docs, &mut text, &mut words)?;
        } else if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(id) = c
                .strip_prefix("newdoc id")
                .map(|r| r.trim_start_matches([' ', '=']))
            {
                flush(&mut docs, &mut text, &mut words)?;
                docs.push(Document {
                    id: id.trim().to_string(),
                    sentences: Vec::new(),
                });
            } else if let Some(t) = c.strip_prefix("text =") {
                text = Some(t.trim().to_string());
            }
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                return Err(format!("line {}: expected index, word, tag", ln + 1));
            }
            words.push((cols[1].to_string(), cols[2].trim().to_string()));
        }
    }
    flush(&mut docs, &mut text, &mut words)?;
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn sentence_from_words(text: Option<&str>, words: &[(String, String)]) -> Result<Sentence, String> {
    // Character offsets of each word in the text.
    let aligned: Option<(Vec<char>, Vec<usize>)> = text.and_then(|t| {
        let chars: Vec<char> = t.chars().collect();
        let mut starts = Vec::with_capacity(words.len());
        let mut pos = 0;
        for (w, _) in words {
            while pos < chars.len() && chars[pos].is_whitespace() {
                pos += 1;
            }
            let wc: Vec<char> = w.chars().collect();
            if chars.get(pos..pos + wc.len())? != wc.as_slice() {
                return None;
            }
            starts.push(pos);
            pos += wc.len();
        }
        (pos == chars.len()).then_some((chars, starts))
    });
    let (text, starts) = aligned.unwrap_or_else(|| {
        let mut chars = Vec::new();
        let mut starts = Vec::new();
        for (w, _) in words {
            starts.push(chars.len());
            chars.extend(w.chars());
        }
        (chars, starts)
    });
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<(usize, usize, NerLabel)> = None;
    for (k, (w, tag)) in words.iter().enumerate() {
        let (a, b) = (starts[k], starts[k] + w.chars().count());
        let (bio, typ) = match tag.split_once('-') {
            Some((bio, typ)) => (bio, NerLabel::parse(typ)),
            None => (tag.as_str(), None),
        };
        match (bio, typ) {
            ("I", Some(l)) if open.is_some_and(|o| o.2 == l) => {
                if let Some(o) = open.as_mut() {
                    o.1 = b;
                }
            }
            ("B" | "I", Some(l)) => {
                spans.extend(open.take());
                open = Some((a, b, l));
            }
            ("O", _) | ("B" | "I", None) => spans.extend(open.take()),
            _ => return Err(format!("unknown tag {tag:?}")),
        }
    }
    spans.extend(open.take());
    Ok(Sentence { text, spans })
}

/// A sentence ready for training or evaluation: views, tokens, features, gold labels.
pub(crate) struct Prepared {
    pub text: Vec<char>,
    pub simp: Vec<char>,
    pub feats: Features,
    pub gold: Vec<u8>,
    pub spans: Vec<Span>,
}

fn prepare(s: &Sentence, cx: Context<'_>) -> Prepared {
    let text_str: String = s.text.iter().collect();
    let simp_str = to_simplified(&text_str);
    let simp: Vec<char> = simp_str.chars().collect();
    let tokens = cx.segmenter.tag(&simp_str);
    let feats = features::extract(cx, &simp, &tokens, 0);
    let mut gold = vec![0u8; s.text.len()];
    for &(a, b, l) in &s.spans {
        for (y, g) in name_labels(l, b - a).zip(&mut gold[a..b]) {
            *g = y;
        }
    }
    Prepared {
        text: s.text.clone(),
        simp,
        feats,
        gold,
        spans: s.spans.clone(),
    }
}

/// Segment and extract the features of every sentence, on up to two threads (documents
/// are independent; the result does not depend on the number of threads).
fn prepare_docs(cx: Context<'_>, docs: &[Document]) -> Vec<Vec<Prepared>> {
    let one = |d: &Document| -> Vec<Prepared> { d.sentences.iter().map(|s| prepare(s, cx)).collect() };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(2);
    if threads < 2 || docs.len() < 64 {
        return docs.iter().map(one).collect();
    }
    let (a, b) = docs.split_at(docs.len() / 2);
    std::thread::scope(|sc| {
        let h = sc.spawn(|| b.iter().map(one).collect::<Vec<_>>());
        let mut out: Vec<Vec<Prepared>> = a.iter().map(one).collect();
        out.extend(h.join().expect("feature thread"));
        out
    })
}

/// Precision, recall, F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Prf {
    /// tp / (tp + fp).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    fn add<T: Ord + Clone>(&mut self, gold: &BTreeSet<T>, pred: &BTreeSet<T>) {
        let tp = gold.intersection(pred).count();
        self.tp += tp;
        self.fp += pred.len() - tp;
        self.fn_ += gold.len() - tp;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per type (in [`NerLabel::ALL`] order) and micro-averaged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Exact spans (start, end, type) per sentence.
    pub span: [Prf; 3],
    /// Span-level counts over all labels.
    pub span_micro: Prf,
    /// Per document, the set of distinct (name as written, type).
    pub doc: [Prf; 3],
    /// Document-level counts over all labels.
    pub doc_micro: Prf,
}

/// Score predictions: `docs[d][s]` are the spans predicted for sentence `s` of document `d`.
fn score(gold: &[Vec<Prepared>], pred: &[Vec<Vec<Span>>]) -> Scores {
    let mut sc = Scores::default();
    for (gd, pd) in gold.iter().zip(pred) {
        let mut doc_gold: Vec<BTreeSet<String>> = vec![BTreeSet::new(); 3];
        let mut doc_pred: Vec<BTreeSet<String>> = vec![BTreeSet::new(); 3];
        for (gs, ps) in gd.iter().zip(pd) {
            for l in NerLabel::ALL {
                let g: BTreeSet<(usize, usize)> =
                    gs.spans.iter().filter(|s| s.2 == l).map(|s| (s.0, s.1)).collect();
                let p: BTreeSet<(usize, usize)> =
                    ps.iter().filter(|s| s.2 == l).map(|s| (s.0, s.1)).collect();
                sc.span[l.index()].add(&g, &p);
                sc.span_micro.add(&g, &p);
            }
            for &(a, b, l) in &gs.spans {
                doc_gold[l.index()].insert(gs.text[a..b].iter().collect());
            }
            for &(a, b, l) in ps {
                doc_pred[l.index()].insert(gs.text[a..b].iter().collect());
            }
        }
        for l in NerLabel::ALL {
            let (g, p) = (&doc_gold[l.index()], &doc_pred[l.index()]);
            sc.doc[l.index()].add(g, p);
            sc.doc_micro.add(g, p);
        }
    }
    sc
}

fn predict(model: &NerModel, docs: &[Vec<Prepared>]) -> Vec<Vec<Vec<Span>>> {
    docs.iter()
        .map(|d| {
            d.iter()
                .map(|s| spans_of(&viterbi(&model.emissions(&s.feats), &model.trans)))
                .collect()
        })
        .collect()
}

/// Scores of `model` on `docs`.
pub fn evaluate(cx: Context<'_>, model: &NerModel, docs: &[Document]) -> Scores {
    let prepared = prepare_docs(cx, docs);
    score(&prepared, &predict(model, &prepared))
}

/// Names from jieba's part-of-speech tags alone (`nr`/`nrfg`/`nrt` → PER, `ns` → LOC,
/// `nt` → ORG), with `seg` cutting the Simplified view: the baseline.
pub fn baseline_scores(cx: Context<'_>, docs: &[Document], seg: &Segmenter) -> Scores {
    let prepared = prepare_docs(cx, docs);
    let pred: Vec<Vec<Vec<Span>>> = prepared
        .iter()
        .map(|d| {
            d.iter()
                .map(|s| {
                    seg.tag(&s.simp.iter().collect::<String>())
                        .iter()
                        .filter_map(|t| {
                            let l = match t.tag.as_str() {
                                "nr" | "nrfg" | "nrt" => NerLabel::Per,
                                "ns" => NerLabel::Loc,
                                "nt" => NerLabel::Org,
                                _ => return None,
                            };
                            Some((t.start, t.end, l))
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    score(&prepared, &pred)
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data; the best on the development data is kept.
    pub epochs: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    /// Weights smaller than this (in absolute value) are dropped from the model.
    pub prune: f32,
    /// Cost added to every wrong label while training (loss-augmented decoding).
    pub margin: f32,
    /// Share of feature occurrences left out at random while learning from a sentence.
    pub dropout: f64,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 20,
            seed: 20240607,
            prune: 1.0,
            margin: 60.0,
            dropout: 0.2,
        }
    }
}

/// What one pass achieved.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// The pass, from 1.
    pub epoch: usize,
    /// Training sentences whose labels the perceptron got wrong during the pass.
    pub mistakes: usize,
    /// Sentences seen.
    pub sentences: usize,
    /// Scores of the averaged, pruned model on the (first) development set.
    pub dev: Scores,
    /// Scores on each development set.
    pub devs: Vec<Scores>,
    /// Features with a weight.
    pub features: usize,
    /// (feature, label) weights kept.
    pub weights: usize,
}

/// The result of [`train`].
pub struct Trained {
    /// The model of the best pass.
    pub model: NerModel,
    /// Which pass that was, from 1.
    pub best_epoch: usize,
    /// Every pass's scores.
    pub history: Vec<EpochReport>,
}

/// A weight table entry: current weights and the running sum for averaging.
#[derive(Clone, Copy)]
struct Entry {
    w: [f32; NL],
    u: [f64; NL],
}

struct Perceptron {
    weights: HashMap<u64, Entry>,
    trans: [[f32; NL]; NL + 1],
    trans_u: [[f64; NL]; NL + 1],
    /// Number of examples seen, plus one.
    c: f64,
}

impl Perceptron {
    fn emissions(&self, feats: &Features) -> Vec<[f32; NL]> {
        (0..feats.len())
            .map(|i| {
                let mut row = [0f32; NL];
                for id in feats.at(i) {
                    if let Some(e) = self.weights.get(id) {
                        for (r, w) in row.iter_mut().zip(&e.w) {
                            *r += w;
                        }
                    }
                }
                row
            })
            .collect()
    }

    fn update_feature(&mut self, id: u64, y: usize, d: f32) {
        let c = self.c;
        let e = self.weights.entry(id).or_insert(Entry {
            w: [0.0; NL],
            u: [0.0; NL],
        });
        e.w[y] += d;
        e.u[y] += c * f64::from(d);
    }

    fn update_trans(&mut self, p: usize, y: usize, d: f32) {
        self.trans[p][y] += d;
        self.trans_u[p][y] += self.c * f64::from(d);
    }

    /// One example: decode (with `margin` added to every wrong label, and a share
    /// `dropout` of the features left out), and on a mistake move towards the gold labels.
    fn learn(&mut self, ex: &Prepared, margin: f32, dropout: f64, rng: &mut Rng) -> bool {
        let dropped;
        let feats = match dropout {
            p if p > 0.0 => {
                let cut = (p * u64::MAX as f64) as u64;
                let mut ids = Vec::with_capacity(ex.feats.ids.len());
                let mut offsets = Vec::with_capacity(ex.feats.offsets.len());
                for i in 0..ex.feats.len() {
                    offsets.push(ids.len());
                    ids.extend(ex.feats.at(i).iter().filter(|_| rng.next() >= cut));
                }
                offsets.push(ids.len());
                dropped = Features { ids, offsets };
                &dropped
            }
            _ => &ex.feats,
        };
        let mut em = self.emissions(feats);
        if margin > 0.0 {
            for (row, &g) in em.iter_mut().zip(&ex.gold) {
                for (y, v) in row.iter_mut().enumerate() {
                    if y != g as usize {
                        *v += margin;
                    }
                }
            }
        }
        let pred = viterbi(&em, &self.trans);
        if pred == ex.gold {
            self.c += 1.0;
            return false;
        }
        for i in 0..ex.gold.len() {
            let (g, p) = (ex.gold[i] as usize, pred[i] as usize);
            if g != p {
                for &id in feats.at(i) {
                    self.update_feature(id, g, 1.0);
                    self.update_feature(id, p, -1.0);
                }
            }
            let gp = if i == 0 { START } else { ex.gold[i - 1] as usize };
            let pp = if i == 0 { START } else { pred[i - 1] as usize };
            if (gp, g) != (pp, p) {
                self.update_trans(gp, g, 1.0);
                self.update_trans(pp, p, -1.0);
            }
        }
        self.c += 1.0;
        true
    }

    /// The averaged weights as a pruned model.
    fn averaged(&self, prune: f32) -> NerModel {
        let c = self.c;
        let avg = |w: f32, u: f64| (f64::from(w) - u / c) as f32;
        let dense: Vec<(u64, [f32; NL])> = self
            .weights
            .iter()
            .map(|(&k, e)| (k, std::array::from_fn(|y| avg(e.w[y], e.u[y]))))
            .collect();
        let trans =
            std::array::from_fn(|p| std::array::from_fn(|y| avg(self.trans[p][y], self.trans_u[p][y])));
        NerModel::from_weights(dense, trans, prune)
    }
}

/// A fixed-seed xorshift generator for the shuffles.
struct Rng(u64);

impl Rng {
    /// Any seed, 0 included, through SplitMix64 so that nearby seeds give unrelated streams.
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Train on `train`, choosing the pass that scores best on `dev` (document-level micro F1,
/// then span-level micro F1), and fit the temperature of the span scores on `dev`.
/// `report` hears about every pass. Deterministic for a given configuration.
pub fn train(
    cx: Context<'_>,
    train: &[Document],
    dev: &[Document],
    cfg: &TrainConfig,
    report: impl FnMut(&EpochReport),
) -> Trained {
    train_multi(cx, train, &[dev.to_vec()], cfg, report)
}

/// Like [`train`] with several development sets: the pass with the best mean over the sets
/// of the document-level micro F1 (then of the span-level micro F1) is kept, and the
/// temperature is fitted on all of them together.
pub fn train_multi(
    cx: Context<'_>,
    train: &[Document],
    devs: &[Vec<Document>],
    cfg: &TrainConfig,
    mut report: impl FnMut(&EpochReport),
) -> Trained {
    let train_ex: Vec<Prepared> = prepare_docs(cx, train).into_iter().flatten().collect();
    let dev_ex: Vec<Vec<Vec<Prepared>>> = devs.iter().map(|d| prepare_docs(cx, d)).collect();
    let mut p = Perceptron {
        weights: HashMap::new(),
        trans: [[0.0; NL]; NL + 1],
        trans_u: [[0.0; NL]; NL + 1],
        c: 1.0,
    };
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..train_ex.len()).collect();
    let mut best: Option<(f64, f64, usize, NerModel)> = None;
    let mut history = Vec::new();
    for epoch in 1..=cfg.epochs.max(1) {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &i in &order {
            if p.learn(&train_ex[i], cfg.margin, cfg.dropout, &mut rng) {
                mistakes += 1;
            }
        }
        let model = p.averaged(cfg.prune);
        let dev_scores: Vec<Scores> = dev_ex.iter().map(|d| score(d, &predict(&model, d))).collect();
        let k = dev_scores.len().max(1) as f64;
        let key = (
            dev_scores.iter().map(|s| s.doc_micro.f1()).sum::<f64>() / k,
            dev_scores.iter().map(|s| s.span_micro.f1()).sum::<f64>() / k,
        );
        let r = EpochReport {
            epoch,
            mistakes,
            sentences: train_ex.len(),
            features: model.keys.len(),
            weights: model.len(),
            dev: dev_scores.first().cloned().unwrap_or_default(),
            devs: dev_scores,
        };
        report(&r);
        if best.as_ref().is_none_or(|b| key > (b.0, b.1)) {
            best = Some((key.0, key.1, epoch, model));
        }
        history.push(r);
    }
    let (_, _, best_epoch, mut model) = best.expect("at least one epoch");
    let all_dev: Vec<Vec<Prepared>> = dev_ex.into_iter().flatten().collect();
    let t = fit_temperature(&model, &all_dev);
    model.set_temperature(t);
    Trained {
        model,
        best_epoch,
        history,
    }
}

/// Fit the temperature of `model`'s span scores again on `docs` (see [`train`]).
pub fn refit_temperature(cx: Context<'_>, model: &mut NerModel, docs: &[Document]) -> f32 {
    let dev: Vec<Vec<Prepared>> = prepare_docs(cx, docs);
    let t = fit_temperature(model, &dev);
    model.set_temperature(t);
    t
}

/// Emission scores of a sentence, the spans predicted from them, and which are right.
type Case = (Vec<[f32; NL]>, Vec<Span>, Vec<bool>);

/// The temperature that makes span probabilities best predict whether a predicted span is
/// right (least log loss on `dev`).
fn fit_temperature(model: &NerModel, dev: &[Vec<Prepared>]) -> f32 {
    let mut cases: Vec<Case> = Vec::new();
    for s in dev.iter().flatten() {
        let em = model.emissions(&s.feats);
        let spans = spans_of(&viterbi(&em, &model.trans));
        let right = spans.iter().map(|sp| s.spans.contains(sp)).collect();
        if !spans.is_empty() {
            cases.push((em, spans, right));
        }
    }
    if cases.is_empty() {
        return 1.0;
    }
    let loss = |t: f32| -> f64 {
        cases
            .iter()
            .flat_map(|(em, spans, right)| {
                span_probs(em, &model.trans, t, spans)
                    .into_iter()
                    .zip(right.iter().copied())
                    .collect::<Vec<_>>()
            })
            .map(|(p, ok)| {
                let p = f64::from(p).clamp(1e-6, 1.0 - 1e-6);
                if ok {
                    -p.ln()
                } else {
                    -(1.0 - p).ln()
                }
            })
            .sum()
    };
    let grid: Vec<f32> = (0..=70).map(|k| 0.1 * 1.15f32.powi(k)).collect();
    least_loss(grid.into_iter().map(|t| (loss(t), t))).unwrap_or(1.0)
}

/// The temperature of least loss. Small temperatures overflow `exp` and give NaN, which
/// must not win: x86 makes a negative NaN, and `total_cmp` puts that below every number.
fn least_loss(points: impl Iterator<Item = (f64, f32)>) -> Option<f32> {
    points
        .filter(|(l, _)| l.is_finite())
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temperature_whose_loss_overflowed_is_never_chosen() {
        let nan = -f64::NAN;
        let points = [
            (nan, 0.1f32),
            (f64::INFINITY, 0.2),
            (30.0, 50.0),
            (20.0, 90.0),
            (25.0, 150.0),
        ];
        assert_eq!(least_loss(points.into_iter()), Some(90.0));
        assert_eq!(least_loss([(nan, 0.1f32)].into_iter()), None);
    }

    #[test]
    fn reads_iob2_with_documents_and_latin_spaces() {
        let input = "# newdoc id = a\n# sent_id = a-1\n# text = 瓦德·丹路殊（Walter Damrosch）指揮\n\
            1\t瓦德\tB-PER\t-\t-\n2\t·\tI-PER\t-\t-\n3\t丹路殊\tI-PER\t-\t-\n4\t（\tO\t-\t-\n\
            5\tWalter\tB-PER\t-\t-\n6\tDamrosch\tI-PER\t-\t-\n7\t）\tO\t-\t-\n8\t指揮\tO\t-\t-\n\n\
            # newdoc id = b\n# text = 在香港\n1\t在\tO\n2\t香港\tB-LOC\n\n\
            1\t紐約\tB-LOC\n2\t愛樂\tB-ORG\n";
        let docs = read_iob2(input).expect("parses");
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        assert_eq!(
            s.text.iter().collect::<String>(),
            "瓦德·丹路殊（Walter Damrosch）指揮"
        );
        let names: Vec<String> = s
            .spans
            .iter()
            .map(|&(a, b, _)| s.text[a..b].iter().collect())
            .collect();
        assert_eq!(names, vec!["瓦德·丹路殊", "Walter Damrosch"]);
        assert_eq!(docs[1].id, "b");
        assert_eq!(docs[1].sentences.len(), 2);
        assert_eq!(
            docs[1].sentences[1].spans,
            vec![(0, 2, NerLabel::Loc), (2, 4, NerLabel::Org)]
        );
    }

    #[test]
    fn document_scores_count_distinct_names() {
        let docs =
            read_iob2("# newdoc id = a\n1\t香港\tB-LOC\n2\t和\tO\n3\t香港\tB-LOC\n\n").expect("parses");
        let ex = crate::pipeline::test_extractor();
        let prepared = prepare_docs(Context::of(ex), &docs);
        let pred = vec![vec![vec![(0, 2, NerLabel::Loc), (2, 3, NerLabel::Per)]]];
        let sc = score(&prepared, &pred);
        assert_eq!(sc.span_micro, Prf { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(sc.doc_micro, Prf { tp: 1, fp: 1, fn_: 0 });
        assert!((sc.doc[0].f1() - 0.0).abs() < 1e-9 && (sc.doc[2].f1() - 1.0).abs() < 1e-9);
    }
}
