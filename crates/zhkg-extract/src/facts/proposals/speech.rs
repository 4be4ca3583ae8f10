//! Reported speech: a "should" (應, 要, 必須, 需要 …) in what a named speaker says is the
//! speaker's proposal (X指出，政府應…; X認為，…必須…; 何向紅：…要…). A sentence that opens
//! with a "should" and has no subject of its own goes on with the speaker of the sentence
//! before (X指出，…。要…；要…). The subject of the should-clause (政府應…) is the addressee.
//! Such proposals are soft unless the should is followed by a measure (應建立…, 要加強…).

use super::proposer::{self, Who};
use super::Ctx;
use crate::facts::clauses::Subject;
use crate::facts::Strength;
use crate::lexicon::{CueStrength, Role};
use crate::recognize::Kind;

/// A speaker and the point where their words start.
#[derive(Debug, Clone, Copy)]
pub(super) struct Speaker {
    pub subject: usize,
    pub agent: usize,
    /// End of the verb of saying (or of the speaker label 何向紅：).
    pub from: usize,
}

/// A should-clause in reported speech.
#[derive(Debug, Clone, Copy)]
pub(super) struct Modal {
    pub speaker: Speaker,
    /// The should word.
    pub word: (usize, usize),
    /// Where its clause starts: the content starts here (政府應…).
    pub from: usize,
    /// The subject of the should-clause (政府, 公安機關), if named.
    pub local: Option<usize>,
    pub strength: Strength,
    /// The speaker was carried from the sentence before.
    pub continued: bool,
}

/// The speakers of sentence `si`: every verb of saying (or speaker label) whose subject
/// names someone, in text order.
pub(super) fn speakers(cx: &Ctx, si: usize) -> Vec<Speaker> {
    let (v, cl) = (cx.v, cx.cl);
    let mut out = Vec::new();
    for k in cl.of_sentence[si].clone() {
        let c = &cl.list[k];
        if c.quoted {
            continue;
        }
        // 何向紅：… (a speaker label: the clause is only the name, then a colon).
        if c.predicate >= c.end && matches!(v.text.get(c.end), Some('：' | ':')) {
            if let Who::Agent { subject, agent } = proposer::of_subject(cx, &c.subject, c.end) {
                if v.mentions[agent].kind == Kind::Person {
                    out.push(Speaker {
                        subject,
                        agent,
                        from: c.end + 1,
                    });
                }
            }
            continue;
        }
        let mut p = c.predicate.max(c.start);
        while p < c.end {
            if let Some(n) = v.word_with_role(p, c.end, Role::Speech) {
                if let (Who::Agent { subject, agent }, _) = proposer::before(cx, si, p) {
                    out.push(Speaker {
                        subject,
                        agent,
                        from: p + n,
                    });
                }
                break;
            }
            p += 1;
        }
    }
    out
}

/// The speaker labels of sentence `si` (何向紅：…, 記者：…), in text order: the person
/// each names, or `None` for a label that names no person (an interviewer's paper).
pub(super) fn labels(cx: &Ctx, si: usize) -> Vec<Option<Speaker>> {
    let (v, cl) = (cx.v, cx.cl);
    cl.of_sentence[si]
        .clone()
        .map(|k| &cl.list[k])
        .filter(|c| !c.quoted && c.predicate >= c.end && matches!(v.text.get(c.end), Some('：' | ':')))
        .filter(|c| c.subject != Subject::Elided)
        .map(|c| match proposer::of_subject(cx, &c.subject, c.end) {
            Who::Agent { subject, agent } if v.mentions[agent].kind == Kind::Person => Some(Speaker {
                subject,
                agent,
                from: c.end + 1,
            }),
            _ => None,
        })
        .collect()
}

/// Should-clauses of sentence `si` with their speakers; `carried` is the speaker the
/// sentence before ended with, for a sentence that opens with a should (…。要…).
pub(super) fn modals(cx: &Ctx, si: usize, carried: Option<Speaker>, taken: &[(usize, usize)]) -> Vec<Modal> {
    let (v, cl) = (cx.v, cx.cl);
    let s = &v.doc.sentences[si];
    let speakers = speakers(cx, si);
    let quoted_speaker = quotation_speaker(cx, si);
    let range = cl.of_sentence[si].clone();
    let mut out: Vec<Modal> = Vec::new();
    let mut done_until = s.start;
    for k in range.clone() {
        let c = &cl.list[k];
        if c.start < done_until {
            continue;
        }
        let Some((w0, w1)) = should_in(cx, c.predicate.max(c.start), c.end) else {
            continue;
        };
        if taken.iter().any(|&(a, b)| a <= w0 && w0 < b) {
            continue;
        }
        // 郭家麒批評，…，該份報告建議應保留…: a thing that proposes in the should's own
        // clause is who asks, not the speaker who reports it.
        if matches!(c.subject, Subject::Thing | Subject::Document(_))
            && (c.start..w0).any(|p| v.cue_strength(p, p + 2).is_some())
        {
            continue;
        }
        // The speaker: the last verb of saying before the should in this sentence, or the
        // speaker carried from the sentence before when the sentence opens with the should.
        let said = speakers.iter().rev().find(|sp| sp.from <= w0).copied();
        // No one named before it in the sentence: the words go on from the sentence before.
        // (A verb of saying whose speaker is not named starts someone else's words.)
        let open = cl.list[range.start..=k]
            .iter()
            .all(|c| matches!(c.subject, Subject::Elided | Subject::Thing))
            && !(s.start..w0).any(|p| v.word_with_role(p, w0, Role::Speech).is_some());
        // A should before a subheading's space is the heading's (應照顧被告人道安排 葉建源…).
        if cl.list[k + 1..range.end].iter().any(|c| c.fresh) {
            continue;
        }
        // …，政府應盡快立法，陳大文說。: the speaker named last, after the words.
        let said_after = range.clone().last().and_then(|kl| {
            let c = &cl.list[kl];
            (kl > k && !c.quoted && c.predicate < c.end)
                .then(|| v.word_with_role(c.predicate, c.end, Role::Speech))
                .flatten()
                .filter(|&n| trim_end_is(v, c.predicate + n, c.end))
                .and_then(|_| match proposer::of_subject(cx, &c.subject, c.end) {
                    Who::Agent { subject, agent } => Some(Speaker {
                        subject,
                        agent,
                        from: c.start,
                    }),
                    _ => None,
                })
        });
        let (speaker, continued) = match (said.or(said_after), quoted_speaker) {
            (Some(sp), _) => (sp, false),
            (None, Some(sp)) => (sp, false),
            (None, None) if open => match carried {
                Some(sp) => (sp, true),
                // In a commentary, words nobody else says are its commentator's.
                None => match cx.commentator {
                    Some(a) => (
                        Speaker {
                            subject: a,
                            agent: a,
                            from: c.start,
                        },
                        true,
                    ),
                    None => continue,
                },
            },
            _ => continue,
        };
        // Quoted words are the speaker's own phrasing, often conditional or rhetorical
        // (「如果佢哋要fight…」): not read as proposals, unless the whole sentence is a
        // quotation its speaker is named after (“…要…。”公方彬說).
        if cx.cl.quoted(w0) && quoted_speaker.is_none() {
            continue;
        }
        let from = if speaker.from > c.start && speaker.from <= w0 {
            skip_punct(v.text, speaker.from, w0)
        } else {
            c.start
        };
        // (The rest of the sentence goes with it, as with a proposal: 自己要做…，要把…)
        if own_should(cx, from, (w0, w1)) {
            done_until = s.end;
            continue;
        }
        let local = v
            .mention_at(from, w0, &[Kind::Organization, Kind::Person, Kind::Pronoun])
            .filter(|&m| cx.agent(m).is_some_and(|a| a != speaker.agent))
            .and_then(|m| cx.agent(m));
        let measure =
            v.lx.role_prefix(&v.simp[w1..c.end.max(w1)], Role::Action)
                .is_some();
        out.push(Modal {
            speaker,
            word: (w0, w1),
            from,
            local,
            strength: if measure {
                Strength::Explicit
            } else {
                Strength::Soft
            },
            continued,
        });
        // One proposal per run of clauses: the rest of the sentence is its content.
        done_until = s.end;
    }
    out
}

/// “…要…。”國防大學教授公方彬說，…: a sentence that is one quotation, followed by its
/// speaker and a verb of saying.
fn quotation_speaker(cx: &Ctx, si: usize) -> Option<Speaker> {
    let (v, cl) = (cx.v, cx.cl);
    let sentences = &v.doc.sentences;
    let s = &sentences[si];
    sentences.get(si + 1).filter(|n| n.block == s.block)?;
    let opens = v
        .text
        .get(s.start)
        .is_some_and(|c| matches!(c, '「' | '“' | '『'))
        || cl.quoted(s.start);
    let closes = (s.start..s.end)
        .rev()
        .find(|&i| !v.text[i].is_whitespace())
        .is_some_and(|i| matches!(v.text[i], '」' | '”' | '』'));
    if !opens || !closes {
        return None;
    }
    let k = cl.of_sentence[si + 1].start;
    let c = cl.list.get(k)?;
    let Who::Agent { subject, agent } = proposer::of_subject(cx, &c.subject, c.end) else {
        return None;
    };
    // The verb of saying follows the speaker, past a word or two (公方彬說, 呂某昨日說).
    let n = (c.predicate..(c.predicate + 4).min(c.end)).find_map(|p| {
        v.word_with_role(p, c.end, Role::Speech)
            .map(|n| p + n - c.predicate)
    })?;
    (v.mentions[agent].kind == Kind::Person).then_some(Speaker {
        subject,
        agent,
        from: c.predicate + n,
    })
}

/// 我要…, 她要去…, 自己再忙也要去: a should whose subject is one person, the speaker (我, 自己)
/// or someone named as he or she, says what that person will or must do and asks nothing
/// of anyone. (他應該…, 他必須… still ask, of him; 我們要… speaks for a group.) `from` is
/// where the should's clause starts, after its speaker.
fn own_should(cx: &Ctx, from: usize, (w0, w1): (usize, usize)) -> bool {
    let v = cx.v;
    let asks_act = v.lx.has_role_chars(&v.simp[w0..w1], Role::ActModal);
    // 我也要再次提醒…, 我要呼籲…: what the speaker will do is to ask.
    let mut q = w1;
    while let Some(t) = v.token_at(q).filter(|t| t.tag == "d") {
        q = t.end;
    }
    if v.token_at(q).is_some_and(|t| {
        matches!(
            v.cue_strength(t.start, t.end),
            Some(CueStrength::Explicit | CueStrength::Soft)
        )
    }) {
        return false;
    }
    // The person: a word of those roles (or 我 glued to the should: 我要/v), with no verb
    // before the should (我也一定要…; not 我認為政府要…).
    let own = |a: usize, b: usize| {
        let role = |r| v.lx.has_role_chars(&v.simp[a..b], r);
        role(Role::FirstPerson) || role(Role::Reflexive) || (role(Role::Pronoun) && !asks_act)
    };
    let mut subject = false;
    let mut p = from;
    while p < w0 {
        let Some(t) = v.token_at(p) else {
            p += 1;
            continue;
        };
        if t.end > w0 {
            return if subject {
                !t.tag.starts_with('v')
            } else {
                own(t.start, w0)
            };
        }
        if t.tag.starts_with('v') {
            return false;
        }
        subject = subject || own(t.start, t.end);
        p = t.end;
    }
    subject
}

/// Is there nothing but closing punctuation in `a..b`?
fn trim_end_is(v: &crate::facts::view::View, a: usize, b: usize) -> bool {
    (a..b).all(|i| matches!(v.text[i], '。' | '！' | '？' | ' ' | '」' | '”'))
}

/// Is character `i` inside a name?
fn taken_by_name(cx: &Ctx, i: usize) -> bool {
    cx.v.in_mention(
        i,
        i + 1,
        &[Kind::Person, Kind::Organization, Kind::Place, Kind::Occasion],
    )
}

fn skip_punct(text: &[char], mut a: usize, b: usize) -> usize {
    while a < b && matches!(text[a], '，' | '：' | ':' | ' ') {
        a += 1;
    }
    a
}

/// The first should word of `a..b` that is a word of its own and is followed by what it
/// asks for (not 應有的, 要是).
pub(super) fn should_in(cx: &Ctx, a: usize, b: usize) -> Option<(usize, usize)> {
    let v = cx.v;
    let mut i = a;
    while i < b {
        let Some(t) = v.token_at(i) else {
            // A should at the end of a word split by a name (棉花坪[村要] → 村|要加強).
            if matches!(v.simp[i], '要' | '应' | '须' | '需')
                && v.token_ending_at(i + 1).is_some()
                && v.token_at(i + 1).is_some_and(|n| n.tag.starts_with('v'))
                && !taken_by_name(cx, i)
            {
                return Some((i, i + 1));
            }
            i += 1;
            continue;
        };
        let end = t.end;
        // A should after 可能, 難免, 若 (see grammar.tsv) foretells or supposes; 要 before a
        // time or 到/待/視乎 (要到2013年才…, 要視乎) tells when, it does not ask; 要 before 不
        // or 想 as words of their own is a conjunction (要不你就…, 要不然; 要想…，就…).
        // A denied should (不應, 不必) says what is not to be done: a view, not a proposal.
        // A should after a verb of intending (決定要, 發誓要) is the subject's own plan.
        let foretold = v.token_ending_at(t.start).is_some_and(|p| {
            v.lx.has_role(&p.word, Role::Foretell)
                || v.lx.has_role(&p.word, Role::Negation)
                || v.lx.has_role(&p.word, Role::Intention)
        }) || (t.word == "要"
            && v.token_at(t.end).is_some_and(|n| {
                matches!(n.tag.as_str(), "m" | "t")
                    || matches!(n.word.as_str(), "待" | "视乎" | "看" | "等到" | "到" | "不")
                    // (想|办法 is one phrase the segmenter splits: 要想辦法解決 asks.)
                    || (n.word == "想" && v.token_at(n.end).is_none_or(|x| x.word != "办法"))
            }));
        // Nor does a should that only frames what follows (應該說, 需要指出), one asked as
        // a question (要不要, 應不應該), or an 應該 that guesses (應該很難, 應該會,
        // 應該沒問題, 應該不會, 應該算).
        let next = v.token_at(t.end);
        let framing = next.is_some_and(|n| {
            v.lx.has_role(&n.word, Role::Discourse)
                || (t.word == "应该"
                    && (v.lx.has_role(&n.word, Role::Foretell)
                        || matches!(
                            n.word.as_str(),
                            "很" | "挺" | "没" | "没有" | "没啥" | "不会" | "不至于" | "算" | "算是"
                        )))
        }) || (v.simp.get(t.end) == Some(&'不')
            && v.simp.get(t.end + 1) == v.simp.get(t.start));
        let foretold = foretold || framing;
        // 需要 + a noun needs a thing; it asks for an act only before a verb.
        let needs_thing = matches!(t.word.as_str(), "需要" | "需")
            && !v
                .token_at(t.end)
                .is_some_and(|n| n.tag.starts_with('v') || n.tag == "d" || n.tag == "p");
        // A should glued to the word before it by the segmenter (村要/加強, 營應/遠離).
        if !t.known
            && end < b
            && t.end - t.start == 2
            && v.token_at(end).is_some_and(|n| n.tag.starts_with('v'))
            && matches!(v.simp[t.end - 1], '要' | '应' | '须' | '需')
            && !taken_by_name(cx, t.end - 1)
            // (如需 supposes: 如需轉載…)
            && !v.lx.has_role_chars(std::slice::from_ref(&v.simp[t.start]), Role::Foretell)
        {
            return Some((t.end - 1, t.end));
        }
        // …or to the adverb after it, as one set phrase (應立即/i 停止, 應予以/nr 糾正).
        if end < b
            && t.end - t.start == 3
            && matches!(t.tag.as_str(), "i" | "l" | "nr")
            && matches!(v.simp[t.start], '应' | '须')
            && v.token_at(end).is_some_and(|n| n.tag.starts_with('v'))
            && !foretold
        {
            return Some((t.start, t.start + 1));
        }
        if end <= b
            && !foretold
            && !needs_thing
            && v.cue_strength(t.start, t.end) == Some(CueStrength::Modal)
            && !v.in_mention(
                t.start,
                t.end,
                &[Kind::Person, Kind::Organization, Kind::Place, Kind::Occasion],
            )
            && end < b
            && !matches!(v.simp[end], '的' | '是' | '，' | '。' | '、' | '」' | '”')
            // 需要政法機關的保駕護航 needs a thing; a should asks for an act.
            // (A four-character word after it is a set phrase, often a verb: 不如放眼世界.)
            // (After 應, 應當, 必須 a noun is a verb the segmenter mistagged: 應行使/n.)
            && !v.token_at(end).is_some_and(|n| {
                (n.tag.starts_with('n') && n.end - n.start != 4 && !v.lx.has_role(&t.word, Role::ActModal)) || n.tag == "r"
            })
        {
            return Some((t.start, t.end));
        }
        i = end.max(i + 1);
    }
    None
}
