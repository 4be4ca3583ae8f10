//! The extraction pipeline for one document, stage after stage:
//! decoded text → layout → sentences → tokens → mentions → facts → linked entities.
//! Each stage only reads the outputs of the stages before it.

use sha2::{Digest, Sha256};

use crate::decode::Decoded;
use crate::facts::{self, Facts};
use crate::layout::{self, Layout, WordOracle};
use crate::lexicon::Lexicon;
use crate::link::{self, Linked};
use crate::ner::{NerModel, NerSpan};
use crate::recognize::{self, Mention};
use crate::script::{self, Script};
use crate::segment::{Segmenter, Token};
use crate::sentence::{self, Sentence};

/// One input document.
#[derive(Debug, Clone)]
pub struct Source {
    /// The document's name: its file name (`000_67eb363e0280df5e.txt`).
    pub name: String,
    /// Where it was read from, if a file.
    pub path: Option<std::path::PathBuf>,
    pub decoded: Decoded,
}

impl Source {
    /// SHA-256 of the decoded text: rebuilding an unchanged article can be skipped.
    pub fn content_hash(&self) -> String {
        let d = Sha256::digest(self.decoded.text.as_bytes());
        d.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub source: Source,
    pub hash: String,
    pub script: Script,
    pub layout: Layout,
    /// Simplified view of `layout.text`, character for character.
    pub simp: Vec<char>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub facts: Facts,
    pub linked: Linked,
}

impl Analysis {
    /// Original text as code points, for offsets.
    pub fn original_chars(&self) -> Vec<char> {
        self.source.decoded.text.chars().collect()
    }
}

struct Oracle<'a> {
    seg: &'a Segmenter,
    lx: &'a Lexicon,
}

impl WordOracle for Oracle<'_> {
    fn is_word(&self, simplified: &str) -> bool {
        self.seg.is_word(simplified)
    }
    fn ends_with_title(&self, text: &str) -> bool {
        self.lx.ends_with_post(text)
    }
}

/// Run every stage on one document.
pub fn analyze(source: Source) -> Analysis {
    let seg = Segmenter::get();
    let lx = Lexicon::get();
    let script = script::detect(&source.decoded.text);
    let layout = layout::repair(&source.decoded.text, &Oracle { seg, lx });
    let simp: Vec<char> = script::to_simplified(&layout.text.iter().collect::<String>())
        .chars()
        .collect();
    debug_assert_eq!(simp.len(), layout.text.len());
    let sentences = sentence::split(&layout);
    let tokens = tag_sentences(seg, &simp, &sentences);
    let names = model_names(&layout, &simp, &sentences, &tokens);
    let mentions = recognize::recognize(&layout, &simp, &sentences, &tokens, &names);
    let facts = facts::extract(&layout, &simp, &sentences, &tokens, &mentions);
    let linked = link::link(&layout.text, &simp, script, &sentences, &mentions, &facts);
    Analysis {
        hash: source.content_hash(),
        source,
        script,
        layout,
        simp,
        sentences,
        tokens,
        mentions,
        facts,
        linked,
    }
}

/// The segmenter's tokens of each sentence of the Simplified view, with offsets into it.
pub fn tag_sentences(seg: &Segmenter, simp: &[char], sentences: &[Sentence]) -> Vec<Token> {
    let mut tokens = Vec::new();
    for s in sentences {
        let piece: String = simp[s.start..s.end].iter().collect();
        tokens.extend(seg.tag(&piece).into_iter().map(|mut t| {
            t.start += s.start;
            t.end += s.start;
            t
        }));
    }
    tokens
}

/// The sequence model's names, sentence by sentence, with offsets into the repaired text.
pub fn model_names(layout: &Layout, simp: &[char], sentences: &[Sentence], tokens: &[Token]) -> Vec<NerSpan> {
    let model = NerModel::get();
    let mut names = Vec::new();
    for s in sentences {
        let toks: Vec<Token> = tokens
            .iter()
            .filter(|t| t.start >= s.start && t.end <= s.end)
            .map(|t| Token {
                start: t.start - s.start,
                end: t.end - s.start,
                ..t.clone()
            })
            .collect();
        let found = model.tag(&layout.text[s.start..s.end], &simp[s.start..s.end], &toks);
        names.extend(found.into_iter().map(|mut n| {
            n.start += s.start;
            n.end += s.start;
            n
        }));
    }
    names
}

/// Analyse a text given directly (tests, examples): no file behind it.
pub fn analyze_text(name: &str, text: &str) -> Analysis {
    analyze(Source {
        name: name.to_string(),
        path: None,
        decoded: Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
        },
    })
}
