//! The content of a proposal: the cue's object, from after the cue to the end of the
//! sentence, cut before the next cue that opens a proposal of its own, before a clause
//! where someone else starts speaking (…，如《廣西日報》稱…) or the proposer goes on to say
//! something else (…，並指…), and before a subheading.

use super::cue::Cue;
use super::Ctx;
use crate::facts::clauses::Subject;
use crate::facts::text::trim_end;
use crate::lexicon::{CueStrength, Role};

/// `start..end` of what the cue at `cue` proposes; `next` is where the next cue that opens
/// a proposal of its own starts, if any.
pub(super) fn span(cx: &Ctx, si: usize, cue: &Cue, next: Option<usize>) -> (usize, usize) {
    let (v, cl) = (cx.v, cx.cl);
    let text = v.text;
    let s = &v.doc.sentences[si];
    let mut c0 = cue.b;
    while c0 < s.end && matches!(text[c0], '，' | '：' | ':' | ' ' | '了') {
        c0 += 1;
    }
    let mut c1 = s.end;
    if let Some(na) = next {
        // At the next cue's clause, unless it was given mid-clause (a coordinator before the
        // cue).
        let ncs = cl.at(na).map_or(na, |k| cl.list[k].start);
        c1 = if ncs > c0
            && ncs <= na
            && v.word_with_role(na, s.end, crate::lexicon::Role::Coordinator)
                .is_none()
        {
            ncs
        } else {
            na
        };
    }
    // Someone else's words, or a subheading, end it.
    for c in cl.list[cl.of_sentence[si].clone()].iter() {
        if c.start <= c0 || c.start >= c1 {
            continue;
        }
        if c.fresh
            || (!c.quoted
                && (new_speaker(cx, c.subject.clone(), c.predicate, c.end)
                    || (c.subject == Subject::Elided && goes_on_saying(cx, c.start, c.end))))
        {
            c1 = c.start;
            break;
        }
    }
    while c1 > c0 && matches!(text[c1 - 1], '，' | ' ' | '：') {
        c1 -= 1;
    }
    let mut c1 = trim_end(text, c0, c1);
    // 除建議加快建設地鐵外，…: the 外 closing "besides" is not proposed.
    if super::cue::after_besides(cx, cue.a) && c1 > c0 + 1 && text[c1 - 1] == '外' {
        c1 -= 1;
        if c1 > c0 + 1 && matches!(text[c1 - 1], '之' | '以') {
            c1 -= 1;
        }
    }
    (c0, c1)
}

/// 要求支付搜救費用，並指他們擅闖未開放路段，另罰款…: a clause without a subject that
/// opens with a verb of saying or a negated cue (after 並, 又, 惟 …) is the proposer saying
/// something else.
fn goes_on_saying(cx: &Ctx, start: usize, end: usize) -> bool {
    let v = cx.v;
    let mut p = start;
    if let Some(t) = v.token_at(p).filter(|t| {
        (t.end - t.start == 1 && matches!(t.tag.as_str(), "c" | "d")) || v.lx.has_role(&t.word, Role::Opener)
    }) {
        p = t.end;
    }
    if p < end && v.word_with_role(p, end, Role::Speech).is_some() {
        return true;
    }
    // …，惟不建議消防員…: what the proposer does not propose is not part of the proposal.
    p < end
        && v.text[p] == '不'
        && v.token_at(p + 1).is_some_and(|t| {
            matches!(
                v.cue_strength(t.start, t.end),
                Some(CueStrength::Explicit | CueStrength::Soft)
            )
        })
}

/// Does a clause with this subject start someone's statement (蔣麗芸更指…, 如《南方日報》
/// 評論指出…): a subject followed by a verb of saying or a cue?
pub(super) fn new_speaker(cx: &Ctx, subject: Subject, predicate: usize, end: usize) -> bool {
    let v = cx.v;
    if !matches!(subject, Subject::Named(_) | Subject::Document(_)) {
        return false;
    }
    let mut p = predicate;
    // Past the closing mark of a quoted name (如《廣西日報》稱).
    while p < end && matches!(v.text[p], '》' | '」' | '”' | '』' | '"') {
        p += 1;
    }
    // Past adverbs and time words (蔣麗芸[更]指, 陳文敏[昨在電台節目]指 is too far).
    for _ in 0..3 {
        if p >= end {
            return false;
        }
        if v.word_with_role(p, end, Role::Speech).is_some() {
            return true;
        }
        if let Some(t) = v.token_at(p) {
            if matches!(
                v.cue_strength(t.start, t.end),
                Some(CueStrength::Explicit | CueStrength::Soft)
            ) {
                return true;
            }
            if matches!(t.tag.as_str(), "d" | "t") || v.lx.has_role(&t.word, Role::Opener) {
                p = t.end;
                continue;
            }
        }
        return false;
    }
    false
}
