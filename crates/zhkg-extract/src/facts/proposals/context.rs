//! Around a proposal: whom it is addressed to (向X提出, 促請X…, 建議X…, 由X牽頭) and the
//! occasion it was made at (a meeting named before the cue in the passage).

use super::Ctx;
use crate::lexicon::Role;
use crate::recognize::Kind;

/// Who a proposal is addressed to: 向X提出 (before the cue), or the organization or person
/// that opens the content (促請張舉能…, 建議政府…, 由海關總署牽頭…).
pub(super) fn addressee(cx: &Ctx, si: usize, cue: usize, c0: usize, c1: usize) -> Option<usize> {
    let v = cx.v;
    let (lx, simp, mentions) = (v.lx, v.simp, v.mentions);
    let target = |m: usize| matches!(mentions[m].kind, Kind::Organization | Kind::Person);
    // 向X提出
    if let Some(i) = (0..mentions.len()).rev().find(|&i| {
        mentions[i].sentence == si && target(i) && mentions[i].end <= cue && cue - mentions[i].end <= 3
    }) {
        let m = &mentions[i];
        if m.start > 0 && simp[m.start - 1] == '向' {
            return Some(i);
        }
    }
    // 建議X… / 由X牽頭 / 請X…
    let from = (c0..(c0 + 2).min(c1))
        .find(|&i| !lx.has_role_chars(std::slice::from_ref(&simp[i]), Role::Preface) && simp[i] != '请')
        .unwrap_or(c0);
    let m = v.mention_at(from, c1, &[Kind::Organization, Kind::Person, Kind::Pronoun])?;
    match mentions[m].kind {
        Kind::Pronoun => cx.agent(m),
        _ => Some(m),
    }
}

/// The occasion a proposal at `cue` was made at: the last meeting (not a document) named
/// before it in its paragraph or the three sentences before.
pub(super) fn occasion(cx: &Ctx, si: usize, cue: usize) -> Option<usize> {
    let v = cx.v;
    let (mentions, sentences) = (v.mentions, &v.doc.sentences);
    let block = sentences[si].block;
    (0..mentions.len()).rfind(|&i| {
        let m = &mentions[i];
        m.kind == Kind::Occasion
            && m.end <= cue
            && !v.is_document(i)
            && m.lexicon.is_some()
            && (sentences[m.sentence].block == block || m.sentence + 3 >= si)
    })
}
