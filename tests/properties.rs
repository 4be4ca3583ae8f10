//! Property tests: for random real-style articles (sentences of the bundled news and
//! Simplified / mixed-script lines, broken the way PDF extraction breaks them), every
//! mention's offsets point at its exact text in the original, and every fact's evidence
//! points at a span of the original that is in the graph.

mod common;

use std::collections::HashMap;

use oxigraph::model::{Term, TermRef};
use proptest::prelude::*;
use zhkg_extract::{Addressee, Proposer};
use zhkg_graph::vocab::{nif, zhkg as zv};

/// One extractor for every case (building one loads jieba's dictionary).
fn extractor() -> &'static zhkg_extract::Extractor {
    static EXTRACTOR: std::sync::OnceLock<zhkg_extract::Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(zhkg_extract::Extractor::embedded)
}

/// Real-style sentences: the bundled articles' sentences, and a few in Simplified script
/// and mixed Latin, with full-width and half-width punctuation.
fn pool() -> &'static [String] {
    static POOL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let mut v: Vec<String> = common::corpus_texts()
            .iter()
            .flat_map(|t| {
                t.split_inclusive(['。', '！', '？', '\n'])
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|s| s.trim().chars().count() >= 4)
            .collect();
        v.extend(
            [
                "全国政协委员黄锦辉建议特区政府在北部都会区设立创科中心。",
                "财政司司长陈茂波昨日表示, 政府会研究DeepSeek（深度求索）的应用.",
                "她又提出，香港应争取更多内地企业来港上市;",
                "港区全国人大代表王惠贞促请海关总署简化通关手续！",
                "AI-driven growth: the Hong Kong Trade Development Council (HKTDC) 呼籲 SMEs 參展。",
                "●圖為九龍社團聯會理事長在座談會上發言",
                "「我們建議政府『盡快』落實，」他說。",
            ]
            .map(String::from),
        );
        v
    })
}

/// How PDF extraction damages text: a line break inside a sentence, a Latin word
/// hyphenated across lines, spaces, a caption bullet at a line start.
#[derive(Debug, Clone)]
enum Damage {
    Break,
    Hyphenate,
    Spaces,
    Bullet,
    Blank,
    /// A literal `\n`: text exported from a dataset keeps its paragraph breaks that way.
    Escaped,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => Just(Damage::Break),
        1 => Just(Damage::Hyphenate),
        1 => Just(Damage::Spaces),
        1 => Just(Damage::Bullet),
        1 => Just(Damage::Blank),
        1 => Just(Damage::Escaped),
    ]
}

fn article() -> impl Strategy<Value = String> {
    let n = pool().len();
    (
        prop::collection::vec(0..n, 1..10),
        prop::collection::vec((any::<prop::sample::Index>(), damage()), 0..12),
    )
        .prop_map(|(picks, damages)| {
            let mut chars: Vec<char> = picks.iter().flat_map(|&i| pool()[i].chars()).collect();
            for (at, d) in damages {
                let i = at.index(chars.len() + 1);
                let insert: &str = match d {
                    Damage::Break => "\n",
                    Damage::Hyphenate if i > 0 && chars[i - 1].is_ascii_alphabetic() => "-\n",
                    Damage::Hyphenate => "\n",
                    Damage::Spaces => "  ",
                    Damage::Bullet => "\n● ",
                    Damage::Blank => "\n\n",
                    Damage::Escaped => "\\n",
                };
                chars.splice(i..i, insert.chars());
            }
            chars.into_iter().collect()
        })
}

/// A span node's begin, end and anchor text, as found in the quads.
type Span = (Option<usize>, Option<usize>, Option<String>);

fn literal(t: &Term) -> Option<&str> {
    match t.as_ref() {
        TermRef::Literal(l) => Some(l.value()),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn offsets_and_evidence_point_at_the_original(text in article()) {
        let a = extractor().analyze_text("property.txt", &text);
        let original: Vec<char> = text.chars().collect();
        let l = &a.doc.layout;

        // Where each original character went in the repaired text: a column the repair
        // moved elsewhere (interleaved PDF columns) may lie inside a mention's original span.
        let mut placed: Vec<Option<usize>> = vec![None; original.len()];
        for (i, &o) in l.origin.iter().enumerate() {
            if let Some(p) = placed.get_mut(o) {
                *p = Some(i);
            }
        }

        // Mentions: their characters, in order, inside their original span; anything
        // else there is layout (white space, a line-end hyphen) or text placed elsewhere.
        for m in &a.mentions {
            prop_assert!(m.start < m.end && m.end <= l.text.len(), "{:?}", m);
            prop_assert_eq!(&m.text, &l.slice(m.start, m.end));
            let (b, e) = l.original_span(m.start, m.end);
            prop_assert!(b < e && e <= original.len(), "{:?}: {}..{}", m, b, e);
            // (An escaped line break, a literal `\n` not before a Latin letter or after
            // Chinese text, is layout too.)
            let break_at = |k: usize| {
                original[k] == '\\'
                    && original.get(k + 1) == Some(&'n')
                    && (!original.get(k + 2).is_some_and(|c| c.is_ascii_alphabetic())
                        || k.checked_sub(1).is_some_and(|j| !original[j].is_ascii()))
            };
            let escaped = |k: usize| break_at(k) || (k > 0 && original[k] == 'n' && break_at(k - 1));
            let kept: String = original[b..e]
                .iter()
                .enumerate()
                .filter(|&(k, c)| {
                    let elsewhere = placed[b + k].is_some_and(|i| i < m.start || i >= m.end);
                    !(c.is_whitespace()
                        || elsewhere
                        || escaped(b + k)
                        || (*c == '-' && original[b + k + 1..e].first().is_some_and(|n| n.is_whitespace())))
                })
                .map(|(_, c)| c)
                .collect();
            let wanted: String = m.text.chars().filter(|c| !c.is_whitespace()).collect();
            // A line-end hyphen is layout whether the repair dropped it or kept it (AI-\n\n研究
            // 協會 may read AI-研究協會).
            let line_end_hyphen = (b..e).any(|k| original[k] == '-' && original.get(k + 1).is_some_and(|n| n.is_whitespace()));
            let (kept, wanted) = if line_end_hyphen {
                let strip = |s: &str| s.chars().filter(|&c| c != '-').collect::<String>();
                (strip(&kept), strip(&wanted))
            } else {
                (kept, wanted)
            };
            prop_assert_eq!(kept, wanted, "{:?} at {}..{}", m, b, e);
        }

        // Facts refer to mentions that exist, and their spans lie inside the text.
        for p in &a.facts.positions {
            prop_assert!(p.person.index() < a.mentions.len() && p.post.index() < a.mentions.len());
            prop_assert!(p.title.0 < p.title.1 && p.title.1 <= l.text.len());
        }
        for p in &a.facts.proposals {
            match p.proposer {
                Proposer::Named { agent, mention } => {
                    prop_assert!(agent.index() < a.mentions.len() && mention.index() < a.mentions.len());
                }
                Proposer::Group((b, e)) => prop_assert!(b < e && e <= p.cue_span.0, "{:?}", p),
            }
            prop_assert!(p.content.0 <= p.content.1 && p.content.1 <= l.text.len());
            let named = p.addressee.and_then(Addressee::mention);
            for &i in p.places.iter().chain(&p.organizations).chain(named.as_ref()) {
                prop_assert!(i.index() < a.mentions.len());
            }
            if let Some(Addressee::Group((b, e))) = p.addressee {
                prop_assert!(p.content.0 <= b && b < e && e <= p.content.1, "{:?}", p);
            }
        }

        // In the graph: every span's anchor (the whole text for the document) is the
        // original text at its offsets, and every fact's evidence is such a span.
        let quads = zhkg_graph::rdf::document_quads(&a);
        let mut spans: HashMap<String, Span> = HashMap::new();
        for q in &quads {
            let s = q.subject.to_string();
            let v = literal(&q.object);
            if q.predicate.as_ref() == nif::BEGIN_INDEX {
                spans.entry(s).or_default().0 = v.and_then(|v| v.parse().ok());
            } else if q.predicate.as_ref() == nif::END_INDEX {
                spans.entry(s).or_default().1 = v.and_then(|v| v.parse().ok());
            } else if q.predicate.as_ref() == nif::ANCHOR_OF || q.predicate.as_ref() == nif::IS_STRING {
                spans.entry(s).or_default().2 = v.map(String::from);
            }
        }
        for (s, span) in &spans {
            let (Some(b), Some(e), Some(anchor)) = span else {
                return Err(TestCaseError::fail(format!("{s}: incomplete span {span:?}")));
            };
            prop_assert!(b < e && *e <= original.len(), "{}: {}..{}", s, b, e);
            prop_assert_eq!(&original[*b..*e].iter().collect::<String>(), anchor, "{}", s);
        }
        let mut facts = 0;
        for q in quads.iter().filter(|q| q.predicate.as_ref() == zv::EVIDENCE) {
            facts += 1;
            let target = q.object.to_string();
            prop_assert!(spans.contains_key(&target), "evidence {} of {} is not a span", target, q.subject);
        }
        prop_assert!(
            facts >= a.facts.positions.len() + a.facts.proposals.len(),
            "{} evidence links for {} facts", facts, a.facts.positions.len() + a.facts.proposals.len()
        );
    }
}
