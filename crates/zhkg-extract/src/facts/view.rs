//! What the fact rules read, indexed once per document: the text in both scripts,
//! tokens by offset, mentions by first character, and the spaces the layout dropped.

use std::collections::HashMap;

use crate::lexicon::{CueStrength, Lexicon, Role, Term};
use crate::pipeline::Document;
use crate::recognize::{Kind, Mention};
use crate::segment::{Token, TokenSlots};

/// A read-only view of one document for the fact rules.
pub(super) struct View<'a> {
    pub lx: &'a Lexicon,
    pub doc: &'a Document,
    /// The repaired text, as written.
    pub text: &'a [char],
    /// Its Simplified view, character for character.
    pub simp: &'a [char],
    pub mentions: &'a [Mention],
    /// Mention indexes by first character.
    starts: HashMap<usize, Vec<usize>>,
    /// Token index by first character, and by one past the last.
    token_start: TokenSlots,
    token_end: TokenSlots,
    /// Where names (people, organizations, pronouns) end, a slot per character.
    name_ends: Vec<bool>,
    /// [`crate::layout::Layout::spaced`]: in one-line news text (no line breaks kept) a
    /// dropped space is all that separates a subheading or a byline from the sentence after.
    spaced: &'a [bool],
    /// `gaps[i]`: the original has white space (a space or a line break) right before
    /// character `i` that layout repair dropped.
    gaps: Vec<bool>,
}

impl<'a> View<'a> {
    pub fn new(lx: &'a Lexicon, doc: &'a Document, mentions: &'a [Mention], original: &str) -> View<'a> {
        let mut starts: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            starts.entry(m.start).or_default().push(i);
        }
        let token_start = TokenSlots::by_start(&doc.tokens, doc.simp.len());
        let token_end = TokenSlots::by_end(&doc.tokens, doc.simp.len());
        let mut name_ends = vec![false; doc.simp.len() + 1];
        for m in mentions {
            if matches!(m.kind, Kind::Person | Kind::Organization | Kind::Pronoun) {
                name_ends[m.end] = true;
            }
        }
        let orig: Vec<char> = original.chars().collect();
        let gaps: Vec<bool> = (0..doc.layout.text.len())
            .map(|i| i > 0 && !doc.layout.dropped_before(&orig, i).is_empty())
            .collect();
        View {
            lx,
            doc,
            text: &doc.layout.text,
            simp: &doc.simp,
            mentions,
            starts,
            token_start,
            token_end,
            name_ends,
            spaced: &doc.layout.spaced,
            gaps,
        }
    }

    /// The Simplified text of `a..b`.
    pub fn s(&self, a: usize, b: usize) -> String {
        let n = self.simp.len();
        self.simp[a.min(n)..b.min(n)].iter().collect()
    }

    /// The Simplified text of `a..b` as a slice, clamped to the text like [`View::s`].
    pub fn chars(&self, a: usize, b: usize) -> &'a [char] {
        let n = self.simp.len();
        &self.simp[a.min(n)..b.min(n)]
    }

    /// The token that starts at `i`.
    pub fn token_at(&self, i: usize) -> Option<&'a Token> {
        self.token_start.get(&i).map(|&t| &self.doc.tokens[t])
    }

    /// The token that holds character `i` and starts before it (a mention ended inside it).
    pub fn token_over(&self, i: usize) -> Option<&'a Token> {
        let tokens = &self.doc.tokens;
        let k = tokens.partition_point(|t| t.start <= i);
        tokens[..k].last().filter(|t| t.start < i && i < t.end)
    }

    /// The tokens over `a..b`, in order: from the one holding `a` to the last starting
    /// before `b`.
    pub fn tokens_over(&self, a: usize, b: usize) -> impl Iterator<Item = &'a Token> {
        let tokens = &self.doc.tokens;
        let first = tokens.partition_point(|t| t.end <= a);
        tokens[first..].iter().take_while(move |t| t.start < b)
    }

    /// The token that ends at `i`.
    pub fn token_ending_at(&self, i: usize) -> Option<&'a Token> {
        self.token_end.get(&i).map(|&t| &self.doc.tokens[t])
    }

    /// Is `a..b` a whole word of the segmentation (it starts and ends at token edges)? A
    /// name's edge counts as a word's edge, and so does punctuation after the word: the
    /// segmenter sometimes glues a name to the verb after it (陳大/文說).
    pub fn is_word(&self, a: usize, b: usize) -> bool {
        let starts = self.token_at(a).is_some() || self.name_ends.get(a).copied().unwrap_or(false);
        let ends = self.token_ending_at(b).is_some()
            || self
                .text
                .get(b)
                .is_some_and(|c| matches!(c, '，' | '。' | '；' | '：' | '、' | '！' | '？'));
        starts && ends
    }

    /// Did the layout drop a space right before `i`?
    pub fn spaced(&self, i: usize) -> bool {
        self.spaced.get(i).copied().unwrap_or(false)
    }

    /// Did the layout drop white space (a space or a line break) right before `i`?
    pub fn gap(&self, i: usize) -> bool {
        self.gaps.get(i).copied().unwrap_or(false)
    }

    /// Length of the word with `role` that starts at `i` (before `end`), if it is a whole
    /// token or a run of whole tokens.
    pub fn word_with_role(&self, i: usize, end: usize, role: Role) -> Option<usize> {
        let end = end.min(self.simp.len());
        if i >= end {
            return None;
        }
        self.lx
            .role_prefix_lengths(&self.simp[i..end], role)
            .find(|&n| self.is_word(i, i + n))
    }

    /// The longest mention of one of `kinds` that starts at `i` and ends by `end`.
    pub fn mention_at(&self, i: usize, end: usize, kinds: &[Kind]) -> Option<usize> {
        self.starts
            .get(&i)?
            .iter()
            .copied()
            .filter(|&m| kinds.contains(&self.mentions[m].kind) && self.mentions[m].end <= end)
            .max_by_key(|&m| self.mentions[m].end)
    }

    /// Is some mention of one of `kinds` overlapping `a..b`?
    pub fn in_mention(&self, a: usize, b: usize, kinds: &[Kind]) -> bool {
        self.mentions
            .iter()
            .any(|m| kinds.contains(&m.kind) && m.start < b && a < m.end)
    }

    /// Is `word` (Simplified) a title modifier of the lexicon (前, 署理, 港區)?
    pub fn is_modifier(&self, word: &str) -> bool {
        self.lx
            .lookup(word)
            .iter()
            .any(|t| matches!(t, Term::Modifier(_)))
    }

    /// The cue strength of the word `a..b`, when it is a cue of the lexicon.
    pub fn cue_strength(&self, a: usize, b: usize) -> Option<CueStrength> {
        self.lx
            .lookup_chars(self.chars(a, b))
            .iter()
            .find_map(|t| match t {
                Term::Cue(i) => Some(self.lx.cues[*i].strength),
                _ => None,
            })
    }

    /// Is `m` a document (施政報告, 報告書) rather than a meeting or event?
    pub fn is_document(&self, m: usize) -> bool {
        let m = &self.mentions[m];
        m.kind == Kind::Occasion && m.lexicon.is_some_and(|li| self.lx.occasions[li].1 == "document")
    }
}
