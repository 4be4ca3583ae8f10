//! The extraction pipeline for one document, stage after stage:
//! decoded text → [`Document`] (layout, Simplified view, sentences, tokens) → model names →
//! mentions → facts → linked entities. Each stage only reads the outputs of the stages
//! before it, and everything a stage knows besides the text comes from the [`Extractor`]
//! it is given.

use std::path::Path;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::decode::Decoded;
use crate::facts::{self, Facts};
use crate::layout::{self, Layout, WordOracle};
use crate::lexicon::{Lexicon, LexiconError, Role};
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
    /// The decoded text and the encoding it was read in.
    pub decoded: Decoded,
}

impl Source {
    /// A text given directly (tests, examples): no file behind it.
    pub fn from_text(name: &str, text: &str) -> Source {
        Source {
            name: name.to_string(),
            path: None,
            decoded: Decoded {
                text: text.to_string(),
                encoding: "UTF-8",
            },
        }
    }

    /// SHA-256 of the decoded text: rebuilding an unchanged article can be skipped.
    pub fn content_hash(&self) -> String {
        let d = Sha256::digest(self.decoded.text.as_bytes());
        d.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The text of one document as every stage after segmentation reads it, built once: the
/// repaired text with its offset map, its Simplified view (one character per character),
/// sentences and tokens.
#[derive(Debug, Clone)]
pub struct Document {
    /// The script the document is written in.
    pub script: Script,
    /// The repaired text, its map back to the original and its blocks.
    pub layout: Layout,
    /// Simplified view of `layout.text`, character for character.
    pub simp: Vec<char>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// The segmenter's tokens of every sentence, in order, with offsets into `simp`.
    pub tokens: Vec<Token>,
}

impl Document {
    /// The repaired text, as written (the script of the source).
    pub fn text(&self) -> &[char] {
        &self.layout.text
    }

    /// The repaired text of `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> String {
        self.layout.text[a..b].iter().collect()
    }

    /// The Simplified view of `a..b`.
    pub fn simp_slice(&self, a: usize, b: usize) -> String {
        self.simp[a..b].iter().collect()
    }
}

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The input.
    pub source: Source,
    /// [`Source::content_hash`].
    pub hash: String,
    /// [`Extractor::id`] of the extractor that produced it.
    pub extractor: String,
    /// The text as the stages read it.
    pub doc: Document,
    /// The names the sequence model proposed (recognition decides which become mentions).
    pub names: Vec<NerSpan>,
    /// People, organizations, places, posts … as found in the text.
    pub mentions: Vec<Mention>,
    /// Positions, proposals and references between mentions.
    pub facts: Facts,
    /// Entities and which mention names which.
    pub linked: Linked,
}

impl Analysis {
    /// Original text as code points, for offsets.
    pub fn original_chars(&self) -> Vec<char> {
        self.source.decoded.text.chars().collect()
    }
}

/// What extraction knows besides the text: lexicons, the segmenter built from them and
/// the name model. The segmenter and the model are built the first time a document
/// needs them, so a build that finds every article unchanged never pays for them. Build
/// one extractor and use it for every document (the first document loads jieba's
/// dictionary of ~350k words); it is `Sync`, so threads can share it.
///
/// ```
/// use zhkg_extract::Extractor;
///
/// let extractor = Extractor::embedded();
/// let a = extractor.analyze_text("a.txt", "全國政協委員黃錦輝建議特區政府加快發展北部都會區。");
/// assert!(a.mentions.iter().any(|m| m.text == "黃錦輝"));
/// assert_eq!(a.facts.proposals.len(), 1);
/// ```
pub struct Extractor {
    lexicon: Lexicon,
    segmenter: OnceLock<Segmenter>,
    /// The model given to [`Extractor::new`], or the built-in one once needed.
    model: OnceLock<NerModel>,
    id: String,
}

impl Extractor {
    /// The lexicons and name model compiled into the library.
    pub fn embedded() -> Extractor {
        Extractor::lazy(Lexicon::embedded(), None)
    }

    /// The built-in lexicons plus the rows of the lexicon files in `dir` (see
    /// [`Lexicon::with_folder`]), with the built-in name model.
    pub fn with_lexicon_folder(dir: &Path) -> Result<Extractor, LexiconError> {
        let lexicon = Lexicon::with_folder(dir)?;
        let mut e = Extractor::lazy(lexicon, None);
        e.id = format!("{}+lexicons-{}", e.id, e.lexicon.fingerprint());
        Ok(e)
    }

    /// An extractor from its parts; the segmenter is built from the lexicon.
    pub fn new(lexicon: Lexicon, model: NerModel) -> Extractor {
        Extractor::lazy(lexicon, Some(model))
    }

    /// The built-in model when `model` is `None`.
    fn lazy(lexicon: Lexicon, model: Option<NerModel>) -> Extractor {
        let cell = OnceLock::new();
        if let Some(m) = model {
            let _ = cell.set(m);
        }
        Extractor {
            lexicon,
            segmenter: OnceLock::new(),
            model: cell,
            id: format!(
                "zhkg {} ({})",
                env!("CARGO_PKG_VERSION"),
                &env!("ZHKG_EXTRACT_DIGEST")[..12]
            ),
        }
    }

    /// What produced an analysis: the version with a digest of this library's code and
    /// data (two builds of one version differ when a rule, lexicon or the model changed),
    /// and a fingerprint of the added lexicons when there are any. A store analyses an
    /// unchanged article again when this changes.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The lexicons.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The segmenter (jieba with the lexicons as user words).
    pub fn segmenter(&self) -> &Segmenter {
        self.segmenter
            .get_or_init(|| Segmenter::with_lexicon(&self.lexicon))
    }

    /// The name model.
    pub fn model(&self) -> &NerModel {
        self.model.get_or_init(NerModel::embedded)
    }

    /// Load the segmenter's dictionary and the name model now, side by side on two
    /// threads, instead of one after the other at the first article: a third of a
    /// second at start-up, which a short build or `zhkg extract` of one file feels.
    pub fn prepare(&self) {
        std::thread::scope(|s| {
            s.spawn(|| self.model());
            self.segmenter();
        });
    }

    /// Run every stage on one document.
    pub fn analyze(&self, source: Source) -> Analysis {
        self.analyze_observed(source, &mut |_| {})
    }

    /// [`Extractor::analyze`], calling `done` as each stage ends (to time them).
    pub fn analyze_observed(&self, source: Source, done: &mut dyn FnMut(Stage)) -> Analysis {
        let doc = self.document_observed(&source.decoded.text, done);
        let names = self.model_names(&doc);
        done(Stage::Names);
        let mentions = recognize::recognize(&self.lexicon, &doc, &names);
        done(Stage::Mentions);
        let facts = facts::extract(&self.lexicon, &doc, &mentions, &source.decoded.text);
        done(Stage::Facts);
        let linked = link::link(&self.lexicon, &doc, &mentions, &facts);
        done(Stage::Link);
        Analysis {
            hash: source.content_hash(),
            extractor: self.id.clone(),
            source,
            doc,
            names,
            mentions,
            facts,
            linked,
        }
    }

    /// [`Extractor::analyze`] of a text given directly (tests, examples).
    pub fn analyze_text(&self, name: &str, text: &str) -> Analysis {
        self.analyze(Source::from_text(name, text))
    }

    /// The first stages: layout repair, the Simplified view, sentences and tokens.
    pub fn document(&self, original: &str) -> Document {
        self.document_observed(original, &mut |_| {})
    }

    fn document_observed(&self, original: &str, done: &mut dyn FnMut(Stage)) -> Document {
        let script = script::detect(original);
        let layout = layout::repair(original, &self.oracle());
        done(Stage::Layout);
        let simp: Vec<char> = script::to_simplified(&layout.text.iter().collect::<String>())
            .chars()
            .collect();
        debug_assert_eq!(simp.len(), layout.text.len());
        done(Stage::Simplified);
        let sentences = sentence::split(&layout);
        let tokens = self.tag_sentences(&simp, &sentences);
        done(Stage::Tokens);
        Document {
            script,
            layout,
            simp,
            sentences,
            tokens,
        }
    }

    /// What layout repair asks about words and titles.
    pub fn oracle(&self) -> impl WordOracle + '_ {
        Oracle {
            seg: self.segmenter(),
            lx: &self.lexicon,
        }
    }

    /// The segmenter's tokens of each sentence of the Simplified view, with offsets into it.
    pub fn tag_sentences(&self, simp: &[char], sentences: &[Sentence]) -> Vec<Token> {
        let mut tokens = Vec::new();
        for s in sentences {
            let piece: String = simp[s.start..s.end].iter().collect();
            tokens.extend(self.segmenter().tag(&piece).into_iter().map(|mut t| {
                t.start += s.start;
                t.end += s.start;
                t
            }));
        }
        tokens
    }

    /// The sequence model's names, sentence by sentence, with offsets into the repaired text.
    pub fn model_names(&self, doc: &Document) -> Vec<NerSpan> {
        let mut names = Vec::new();
        for s in &doc.sentences {
            // Tokens are in text order: find the sentence's by bisection, not a scan of all.
            let first = doc.tokens.partition_point(|t| t.start < s.start);
            let toks = doc.tokens[first..]
                .iter()
                .take_while(|t| t.start < s.end)
                .filter(|t| t.end <= s.end)
                .count();
            let found = self.model().tag_from(
                crate::ner::Context::of(self),
                &doc.layout.text[s.start..s.end],
                &doc.simp[s.start..s.end],
                &doc.tokens[first..first + toks],
                s.start,
            );
            names.extend(found.into_iter().map(|mut n| {
                n.start += s.start;
                n.end += s.start;
                n
            }));
        }
        names
    }
}

/// The stages of [`Extractor::analyze`], in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Script detection and layout repair.
    Layout,
    /// The Simplified view.
    Simplified,
    /// Sentences and the segmenter's tokens.
    Tokens,
    /// The name model.
    Names,
    /// Recognition of mentions (rules and model names).
    Mentions,
    /// Positions, proposals, references.
    Facts,
    /// Entities.
    Link,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 7] = [
        Stage::Layout,
        Stage::Simplified,
        Stage::Tokens,
        Stage::Names,
        Stage::Mentions,
        Stage::Facts,
        Stage::Link,
    ];

    /// What the stage does, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Layout => "script detection + layout repair",
            Stage::Simplified => "Simplified view",
            Stage::Tokens => "sentences + jieba tagging (lexicons)",
            Stage::Names => "name model",
            Stage::Mentions => "recognition (rules + model names)",
            Stage::Facts => "facts (positions, proposals)",
            Stage::Link => "linking",
        }
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
    fn ends_with_media_title(&self, text: &str) -> bool {
        self.lx.ends_with_post_of(text, "media")
    }
    fn ends_with_speech(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        self.lx.role_suffix(&chars, Role::Speech).is_some()
    }
    fn word_across(&self, left: &str, right: &str) -> bool {
        let at = left.chars().count();
        self.seg
            .tag(&format!("{left}{right}"))
            .iter()
            .any(|t| t.start < at && at < t.end && t.known)
    }
}

/// One extractor shared by this crate's unit tests (building one takes a second).
#[cfg(test)]
pub(crate) fn test_extractor() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::embedded)
}

/// [`Extractor::analyze_text`] with the shared test extractor.
#[cfg(test)]
pub(crate) fn analyze_text(name: &str, text: &str) -> Analysis {
    test_extractor().analyze_text(name, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_across_a_line_break_is_one_the_segmenter_cuts_there() {
        let o = test_extractor().oracle();
        assert!(o.word_across("假期减", "价收费由"));
        assert!(o.word_across("大游", "行职工盟"));
        // 要领 is a word, but 还要|领导人 is how the words are cut.
        assert!(o.is_word("要领"));
        assert!(!o.word_across("还要", "领导人"));
    }

    #[test]
    fn the_id_names_the_version_and_a_digest_of_code_and_data() {
        let e = Extractor::embedded();
        let id = e.id();
        let rest = id
            .strip_prefix(&format!("zhkg {} (", env!("CARGO_PKG_VERSION")))
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(rest.len(), 12, "{id}");
        assert!(rest.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    }

    #[test]
    fn a_post_added_in_a_lexicon_folder_is_used() {
        let dir = std::env::temp_dir().join(format!("zhkg-pipeline-lexicons-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("posts.tsv"), "首席數據官\tmember\tprofession\n").unwrap();
        let text = "【本報訊】首席數據官陳大文昨日表示，建議政府開放更多數據。";
        let roles = |e: &Extractor| -> Vec<String> {
            e.analyze_text("t.txt", text)
                .facts
                .positions
                .iter()
                .map(|p| p.role.clone())
                .collect()
        };
        let added = Extractor::with_lexicon_folder(&dir).expect("loads");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(!roles(test_extractor()).contains(&"首席數據官".to_string()));
        assert_eq!(roles(&added), ["首席數據官"]);
        assert_ne!(added.id(), test_extractor().id());
    }
}
