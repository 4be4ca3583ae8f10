//! Small helpers over the repaired text and its Simplified view, shared by the fact rules.

use super::MentionId;
use crate::lexicon::{Lexicon, Role};
use crate::recognize::{Kind, Mention};

/// The Simplified text of `a..b`, clamped to the text.
pub(super) fn text_of(simp: &[char], a: usize, b: usize) -> String {
    simp[a.min(simp.len())..b.min(simp.len())].iter().collect()
}

/// Does a word with `role` occur anywhere in `a..b`?
pub(super) fn has_role_in(lx: &Lexicon, simp: &[char], a: usize, b: usize, role: Role) -> bool {
    (a..b).any(|i| lx.role_prefix(&simp[i..b], role).is_some())
}

/// `b` moved back over closing punctuation, spaces and a list's 等.
pub(super) fn trim_end(text: &[char], a: usize, mut b: usize) -> usize {
    while b > a && matches!(text[b - 1], '。' | '；' | '，' | '！' | '？' | ' ' | '\n' | '等') {
        b -= 1;
    }
    b
}

/// Mentions of `kind` inside `a..b`, outermost only (深圳前海, not also 深圳).
pub(super) fn inside(mentions: &[Mention], kind: Kind, a: usize, b: usize) -> Vec<MentionId> {
    let within = |m: &Mention| m.kind == kind && m.start >= a && m.end <= b;
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| within(m))
        .filter(|(_, m)| {
            !mentions.iter().any(|o| {
                within(o) && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start
            })
        })
        .map(|(i, _)| MentionId(i))
        .collect()
}
