//! Motions submitted by their title (…向大會提交了《關於取消七座以下私家車年檢的建議》,
//! 兩位委員提出的《關於…的提案》): the title says what is proposed, and whoever submits it
//! proposes it. Titles of a body's decisions (《中共中央關於…的建議》) do not open with 關於
//! and are not submitted, so they are left out.

use super::proposer::{self, Who};
use super::{context, Ctx, Frame};
use crate::facts::Proposal;
use crate::facts::Strength;
use crate::lexicon::Role;
use crate::rules::Rule;

/// What may stand between the verb and the title: 了, a count (一份, 兩項), 的.
fn between(c: char) -> bool {
    "了的一二两三四五六七八九十多份件项条个这该".contains(c)
}

/// Proposals of sentence `si` made by submitting a titled motion, unless a cue's proposal
/// already holds the title (提出《關於…的議案》).
pub(super) fn titled(cx: &Ctx, si: usize, here: &mut Vec<Proposal>) {
    let v = cx.v;
    let s = &v.doc.sentences[si];
    // The verb of the title before, for a list of titles (《A》、《B》).
    let mut last: Option<((usize, usize), usize)> = None;
    let mut i = s.start;
    while i < s.end {
        if v.text[i] != '《' {
            i += 1;
            continue;
        }
        let Some(j) = (i + 1..s.end).find(|&k| matches!(v.text[k], '》' | '《')) else {
            break;
        };
        if v.text[j] == '《' {
            i = j;
            continue;
        }
        let inner = v.s(i + 1, j);
        let motion = inner.starts_with("关于")
            && ["建议", "提案", "议案"].iter().any(|w| inner.ends_with(w))
            && j - i > 6;
        let listed = last.filter(|&(_, end)| i == end + 1 && matches!(v.text[end], '、' | '和' | '及'));
        let verb = listed
            .map(|(verb, _)| verb)
            .or_else(|| submitted_by(cx, s.start, i));
        last = None;
        if let (true, Some(verb)) = (motion, verb) {
            last = Some((verb, j + 1));
            let taken = here.iter().any(|p| p.content.0 <= i + 1 && j <= p.content.1);
            if !taken {
                if let Who::Agent { subject, agent } = proposer::before(cx, si, verb.0).0 {
                    let frame = Frame {
                        who: super::named(subject, agent),
                        cue: verb,
                        strength: Strength::Explicit,
                        addressee: None,
                        occasion: context::occasion(cx, si, verb.0),
                        sentence: si,
                        confidence: 0.7,
                    };
                    here.push(frame.proposal(cx, (i + 1, j), Rule::TitledMotion, None));
                }
            }
        }
        i = j + 1;
    }
}

/// The verb of submitting (提交, 遞交, 提出 …) that the title at `at` is the object of,
/// past 了, a count or 的 (提出的《…》: a relative clause naming who submitted it).
fn submitted_by(cx: &Ctx, from: usize, at: usize) -> Option<(usize, usize)> {
    let v = cx.v;
    let mut e = at;
    while e > from && e + 4 > at && between(v.simp[e - 1]) {
        e -= 1;
    }
    let t = v.token_ending_at(e)?;
    (t.start >= from && v.lx.has_role(&t.word, Role::Submit)).then_some((t.start, t.end))
}
