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

/// Tokens by character offset: the token that starts (or ends) at each offset, one slot
/// per character, read like a map. The rules ask at nearly every character, which a hash
/// map made costly.
pub(crate) struct TokenSlots(Vec<usize>);

impl TokenSlots {
    /// The tokens by their first character, in a text of `len` characters.
    pub(crate) fn by_start(tokens: &[Token], len: usize) -> TokenSlots {
        TokenSlots::fill(tokens.iter().map(|t| t.start), len)
    }

    /// The tokens by the offset one past their last character.
    pub(crate) fn by_end(tokens: &[Token], len: usize) -> TokenSlots {
        TokenSlots::fill(tokens.iter().map(|t| t.end), len)
    }

    fn fill(offsets: impl Iterator<Item = usize>, len: usize) -> TokenSlots {
        // usize::MAX: no token there.
        let mut slots = vec![usize::MAX; len + 1];
        for (i, at) in offsets.enumerate() {
            slots[at] = i;
        }
        TokenSlots(slots)
    }

    /// Index of the token at `at`.
    pub(crate) fn get(&self, at: &usize) -> Option<&usize> {
        self.0.get(*at).filter(|&&t| t != usize::MAX)
    }

    /// Is there a token at `at`?
    pub(crate) fn contains_key(&self, at: &usize) -> bool {
        self.get(at).is_some()
    }
}

/// jieba with the default dictionary plus the project's lexicons.
pub struct Segmenter {
    jieba: Jieba,
    /// One-character levels of places (省, 市, 縣, 鎮, 村 …, from `place_suffixes.tsv`),
    /// Simplified: see [`Segmenter::tag`].
    levels: Vec<char>,
}

impl Segmenter {
    /// jieba's own dictionary, without the project's lexicons: the baseline.
    pub fn plain() -> Segmenter {
        Segmenter {
            jieba: Jieba::new(),
            levels: Vec::new(),
        }
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
        let levels = lexicon
            .place_suffixes
            .iter()
            .filter_map(|x| x.simp.chars().next())
            .filter(|&c| lexicon.is_place_level(c))
            .collect();
        Segmenter { jieba, levels }
    }

    /// Cut and tag a Simplified text.
    ///
    /// In a chain of places jieba's guesses for unknown names can take the level of one
    /// place into the next (新街|乡水子): a guessed word that opens with a
    /// level, right after a place that does not end with one, gives the level back
    /// (新街乡|水子).
    pub fn tag(&self, simplified: &str) -> Vec<Token> {
        let mut tokens: Vec<Token> = self
            .jieba
            .tag(simplified, true)
            .into_iter()
            .map(|t| Token {
                start: t.start,
                end: t.end,
                word: t.word.to_string(),
                tag: t.tag.to_string(),
                known: self.jieba.has_word(t.word),
            })
            .collect();
        for i in 1..tokens.len() {
            let (before, after) = tokens.split_at_mut(i);
            let (prev, t) = (&mut before[i - 1], &mut after[0]);
            let level = t.word.chars().next().filter(|c| self.levels.contains(c));
            let Some(level) = level else { continue };
            if prev.tag == "ns"
                && !t.known
                && t.end - t.start >= 3
                && prev.end - prev.start >= 2
                && prev.end == t.start
                && !prev.word.chars().last().is_some_and(|c| self.levels.contains(&c))
            {
                prev.word.push(level);
                prev.end += 1;
                prev.known = self.jieba.has_word(&prev.word);
                t.word = t.word.chars().skip(1).collect();
                t.start += 1;
                t.known = self.jieba.has_word(&t.word);
            }
        }
        tokens
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
    fn a_level_cut_into_the_next_place_goes_back() {
        let seg = Segmenter::with_lexicon(&Lexicon::embedded());
        let words: Vec<String> = seg
            .tag("家在曲靖会泽县新街乡水子树村的大山里，")
            .into_iter()
            .map(|t| t.word)
            .collect();
        assert!(words.contains(&"新街乡".to_string()), "{words:?}");
        assert!(words.contains(&"水子".to_string()), "{words:?}");
        // The baseline's plain jieba keeps its own cut.
        let plain: Vec<String> = Segmenter::plain()
            .tag("家在曲靖会泽县新街乡水子树村的大山里，")
            .into_iter()
            .map(|t| t.word)
            .collect();
        assert!(plain.contains(&"乡水子".to_string()), "{plain:?}");
    }

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

    #[test]
    fn token_slots_find_tokens_by_their_edges() {
        let seg = crate::pipeline::test_extractor().segmenter();
        let text = to_simplified("全國政協委員黃錦輝表示，建議特區政府爭取。");
        let n = text.chars().count();
        let toks = seg.tag(&text);
        let (starts, ends) = (TokenSlots::by_start(&toks, n), TokenSlots::by_end(&toks, n));
        for i in 0..=n + 1 {
            assert_eq!(
                starts.get(&i).copied(),
                toks.iter().position(|t| t.start == i),
                "{i}"
            );
            assert_eq!(ends.get(&i).copied(), toks.iter().position(|t| t.end == i), "{i}");
            assert_eq!(starts.contains_key(&i), starts.get(&i).is_some());
        }
    }
}
