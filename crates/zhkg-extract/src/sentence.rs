//! Stage 2a: split blocks into sentences.
//!
//! A sentence ends at 。！？ or ； (each clause of a semicolon list is a separate
//! proposal in Chinese policy prose), or at a Latin full stop between Chinese words, and takes any closing quotes or brackets that follow
//! it, so `「……。」` stays whole. Sentences never cross block boundaries.

use crate::layout::{BlockKind, Layout};
use crate::script::is_han;

/// A sentence: `start..end` indexes the repaired text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// First character, in the repaired text.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Index of the block (paragraph, headline …) it belongs to.
    pub block: usize,
    /// The kind of block it is in.
    pub kind: BlockKind,
    /// Ends with ；: the next clause continues the same thought.
    pub semicolon: bool,
}

const TERMINALS: &[char] = &['。', '！', '？', '；', '!', '?', ';'];
const CLOSERS: &[char] = &['」', '』', '”', '’', '"', '）', ')', '》'];

/// Split every block of `layout` into sentences.
pub fn split(layout: &Layout) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, block) in layout.blocks.iter().enumerate() {
        let text = &layout.text;
        let mut start = block.start;
        let mut i = block.start;
        let mut titles = 0usize;
        while i < block.end {
            let c = text[i];
            i += 1;
            match c {
                '《' => titles += 1,
                '》' => titles = titles.saturating_sub(1),
                _ => {}
            }
            if TERMINALS.contains(&c) || (c == '.' && titles == 0 && full_stop(text, i - 1, block.end)) {
                while i < block.end && (CLOSERS.contains(&text[i]) || TERMINALS.contains(&text[i])) {
                    i += 1;
                }
                push(&mut out, layout, start, i, bi);
                start = i;
            }
        }
        push(&mut out, layout, start, block.end, bi);
    }
    out
}

/// A Latin full stop between Chinese words (`…提出上訴.今年4月…`, as some sites write
/// the 。) ends a sentence; between digits or Latin letters, or inside a title
/// (《沁園春.雪》), it does not.
fn full_stop(text: &[char], at: usize, end: usize) -> bool {
    at > 0
        && is_han(text[at - 1])
        && at + 1 < end
        && (is_han(text[at + 1]) || matches!(text[at + 1], '“' | '「' | '『'))
}

fn push(out: &mut Vec<Sentence>, layout: &Layout, start: usize, end: usize, block: usize) {
    let text = &layout.text[start..end];
    if text.iter().all(|c| c.is_whitespace() || TERMINALS.contains(c)) {
        return;
    }
    let semicolon = text
        .iter()
        .rev()
        .find(|c| !CLOSERS.contains(c))
        .is_some_and(|&c| c == '；' || c == ';');
    out.push(Sentence {
        start,
        end,
        block,
        kind: layout.blocks[block].kind,
        semicolon,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Block;

    fn layout(s: &str) -> Layout {
        let text: Vec<char> = s.chars().collect();
        Layout {
            origin: (0..text.len()).collect(),
            blocks: vec![Block {
                kind: BlockKind::Body,
                start: 0,
                end: text.len(),
            }],
            spaced: vec![false; text.len()],
            text,
        }
    }

    #[test]
    fn splits_on_terminals_and_keeps_quotes() {
        let l = layout("他說：「要加快發展。」她建議甲；建議乙。還有");
        let parts: Vec<(String, bool)> = split(&l)
            .iter()
            .map(|s| (l.slice(s.start, s.end), s.semicolon))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("他說：「要加快發展。」".to_string(), false),
                ("她建議甲；".to_string(), true),
                ("建議乙。".to_string(), false),
                ("還有".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_latin_full_stop_between_chinese_words_ends_a_sentence() {
        let l = layout("被告不服，提出上诉.今年4月开庭.他读了《沁园春.雪》，增长3.5%.");
        let parts: Vec<String> = split(&l).iter().map(|s| l.slice(s.start, s.end)).collect();
        assert_eq!(
            parts,
            vec![
                "被告不服，提出上诉.",
                "今年4月开庭.",
                "他读了《沁园春.雪》，增长3.5%."
            ]
        );
    }
}
