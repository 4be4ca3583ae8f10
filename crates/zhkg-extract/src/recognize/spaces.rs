//! Names and the spaces inside lines: the layout drops them, but they still separate a
//! headline from the text after it and the names of a credit line.

use super::*;

/// The model's organizations and places cut as [`split_at_spaces`] cuts mentions, so that
/// rules and gates see the name the model would have found without the headline before it.
pub(super) fn split_names_at_spaces(layout: &crate::layout::Layout, names: &[NerSpan]) -> Vec<NerSpan> {
    let spaced = |i: usize| layout.spaced.get(i).copied().unwrap_or(false);
    names
        .iter()
        .filter_map(|n| {
            if n.label == NerLabel::Per {
                return Some(*n);
            }
            start_after_space(spaced, n.start, n.end).map(|start| NerSpan { start, ..*n })
        })
        .collect()
}

/// An organization or place does not run across a space between Han characters inside a
/// line (a headline run into the text: `…定期賣地 測量師學會`): it keeps the part after the
/// last space, if two characters or more are left. People: see [`end_names_at_spaces`].
pub(super) fn split_at_spaces(cx: &Ctx, mentions: &mut Vec<Mention>) {
    if cx.spaced.is_empty() {
        return;
    }
    mentions.retain_mut(|m| {
        if !matches!(m.kind, Kind::Organization | Kind::Place) {
            return true;
        }
        let Some(start) = start_after_space(|i| cx.spaced[i], m.start, m.end) else {
            return false;
        };
        if start != m.start {
            m.start = start;
            m.text = cx.t(m.start, m.end);
        }
        true
    });
}

/// Where a name `start..end` begins once cut after the last dropped space inside it
/// (`start` when there is none); `None` when fewer than two characters are left.
fn start_after_space(spaced: impl Fn(usize) -> bool, start: usize, end: usize) -> Option<usize> {
    match (start + 1..end).rev().find(|&i| spaced(i)) {
        None => Some(start),
        Some(cut) if end - cut >= 2 => Some(cut),
        Some(_) => None,
    }
}

/// A personal name does not run across a space after a whole Chinese name (a surname and
/// a given name: `記者 陳明 賁騰`, `記者 白雪 攝`); a space after a surname alone pads a
/// two-character name (`陳　蓉`) and stays inside it.
pub(super) fn end_names_at_spaces(cx: &Ctx, mentions: &mut [Mention]) {
    if cx.spaced.is_empty() {
        return;
    }
    for m in mentions.iter_mut().filter(|m| m.kind == Kind::Person) {
        let Some(cut) = (m.start + 1..m.end).find(|&i| cx.spaced[i]) else {
            continue;
        };
        let whole = cx
            .lx
            .surname_len(&cx.simp[m.start..cut])
            .is_some_and(|k| (1..=2).contains(&(cut - m.start - k)));
        if whole {
            m.end = cut;
            m.text = cx.t(m.start, m.end);
        }
    }
}
