//! Stage 2b: word segmentation and part-of-speech tags with jieba-rs.
//!
//! jieba's dictionary is Simplified, so sentences are cut on their character-aligned
//! Simplified view (see [`crate::script`]) and token offsets hold for the original. The
//! project's lexicons are loaded as a user dictionary so that names of public bodies,
//! places and posts come out as single tokens.

use jieba_rs::Jieba;

use crate::lexicon::Lexicon;
use crate::script::to_simplified;

/// A token: `start..end` are character offsets into the text that was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The token's text (Simplified).
    pub word: String,
    /// jieba's part-of-speech tag (`nr` person, `ns` place, `nt` organization, …).
    pub tag: String,
    /// The word is in the dictionary (its tag comes from there, not from a guess).
    pub known: bool,
}

/// jieba with the default dictionary plus the project's lexicons.
pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// jieba's own dictionary, without the project's lexicons: the baseline.
    pub fn plain() -> Segmenter {
        Segmenter { jieba: Jieba::new() }
    }

    /// jieba's dictionary plus the lexicon's names, posts and cues as user words
    /// (building it loads ~350k dictionary words, so build it once).
    pub fn with_lexicon(lexicon: &Lexicon) -> Segmenter {
        let mut jieba = Jieba::new();
        for (word, tag) in lexicon.user_words() {
            // Long names are kept whole; a two-character name gets a low weight so that
            // it does not split common words around it (增長和 is 增長 + 和, not 增 + 長和).
            let freq = if word.chars().count() >= 3 {
                jieba.suggest_freq(&word).max(10)
            } else if jieba.has_word(&word) {
                continue;
            } else {
                5
            };
            jieba.add_word(&word, Some(freq), Some(tag));
        }
        Segmenter { jieba }
    }

    /// Cut and tag a Simplified text.
    pub fn tag(&self, simplified: &str) -> Vec<Token> {
        self.jieba
            .tag(simplified, true)
            .into_iter()
            .map(|t| Token {
                start: t.start,
                end: t.end,
                word: t.word.to_string(),
                tag: t.tag.to_string(),
                known: self.jieba.has_word(t.word),
            })
            .collect()
    }

    /// Is `word`, already in Simplified script, in the dictionary?
    pub fn has_simplified_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Is `word` (either script) in the dictionary?
    pub fn is_word(&self, word: &str) -> bool {
        self.jieba.has_word(word) || self.jieba.has_word(&to_simplified(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_with_offsets_and_lexicon_words() {
        let seg = crate::pipeline::test_extractor().segmenter();
        let text = to_simplified("全國政協委員黃錦輝表示，建議特區政府爭取。");
        let toks = seg.tag(&text);
        let chars: Vec<char> = text.chars().collect();
        for t in &toks {
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.word);
        }
        assert!(toks.iter().any(|t| t.word.starts_with("全国政协")), "{toks:?}");
        assert!(seg.is_word("效應") && seg.is_word("效应"));
    }
}
