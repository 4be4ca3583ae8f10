//! Around a proposal: whom it is addressed to (向X提出, 促請X…, 建議X…, 由X牽頭) and the
//! occasion it was made at (a meeting named before the cue in the passage).

use super::Ctx;
use crate::facts::view::View;
use crate::is_han;
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

/// A group or body named by a common noun that opens a proposal's content and is asked to
/// act there (建議市民…參加, 促請有關部門加強…, X指出，公安機關必須…): up to four words (ten
/// characters) ending in a group head of the lexicon (市民, 部門, 機關), then a verb, an
/// adverb, a preposition or a time word. A verb-noun (發展, 管理) does not count after it:
/// 行業發展規劃 is a compound, not 行業 asked to develop. `start..end` of the words.
pub(super) fn audience(v: &View, c0: usize, c1: usize) -> Option<(usize, usize)> {
    let start = if v.simp.get(c0) == Some(&'请') {
        c0 + 1
    } else {
        c0
    };
    group_words(v, start, c1, |end| {
        v.token_at(end)
            .filter(|n| n.end <= c1)
            .is_some_and(|n| (n.tag.starts_with('v') && n.tag != "vn") || n.tag.starts_with(['d', 'p', 't']))
    })
}

/// The shortest run of up to four words (ten characters) from `start`, before `c1`, that
/// ends in a group head of the lexicon (市民, 部門, 機關) where `then` accepts its end, and
/// holds only nouns and their modifiers, and no person's name.
fn group_words(v: &View, start: usize, c1: usize, then: impl Fn(usize) -> bool) -> Option<(usize, usize)> {
    let mut end = start;
    for _ in 0..4 {
        let t = v.token_at(end)?;
        // Nouns and their modifiers only: no verb (加強監管部門, 陳玲到公交公司), no
        // person's name, no adverb or time word (各黨支部認真組織, 今後政府).
        let other = (t.tag.starts_with('v') && t.tag != "vn")
            || t.tag == "nr"
            || t.tag == "ad"
            || t.tag.starts_with(['p', 'c', 'u', 'd', 'm', 't', 'w', 'x']);
        if t.end > c1 || t.end - start > 10 || other || !v.chars(t.start, t.end).iter().all(|&c| is_han(c)) {
            return None;
        }
        end = t.end;
        if (2..=4.min(end - start)).any(|n| v.lx.has_role_chars(v.chars(end - n, end), Role::Group))
            && then(end)
        {
            return (!v.in_mention(start, end, &[Kind::Person, Kind::Pronoun])).then_some((start, end));
        }
    }
    None
}

/// A group a common noun names, to whom the cue at `cue` is addressed with 向 (向市民呼籲…,
/// 向有關部門提出…): the words between 向 and the cue, which `group_words` accepts.
pub(super) fn audience_asked(v: &View, cue: usize) -> Option<(usize, usize)> {
    let at = (cue.saturating_sub(11)..cue.saturating_sub(2))
        .rev()
        .find(|&i| v.simp[i] == '向')?;
    group_words(v, at + 1, cue, |end| end == cue)
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
