//! Stage 2a: split blocks into sentences.
//!
//! A sentence ends at 。！？ or ； (each clause of a semicolon list is a separate
//! proposal in Chinese policy prose), and takes any closing quotes or brackets that follow
//! it, so `「……。」` stays whole. Sentences never cross block boundaries.

use crate::layout::{BlockKind, Layout};

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
        while i < block.end {
            let c = text[i];
            i += 1;
            if TERMINALS.contains(&c) {
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
}
