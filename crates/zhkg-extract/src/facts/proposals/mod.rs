//! Proposals as frames. Around every cue word (建議, 提出, 促請, 呼籲 …, see `cues.tsv`):
//!
//! | step | module | what it reads |
//! |---|---|---|
//! | cue | [`cue`] | cue words used as verbs: whole words, not nouns (多項建議), not denied (不會要求), not quoted |
//! | proposer | [`proposer`] | the subject of the cue's clause or of the nearest clause before it (`clauses`); a pronoun or title through its antecedent; a document through its author |
//! | content | [`content`] | the cue's object, to the end of the sentence or the next proposal, speaker or subheading |
//! | items | [`items`] | one proposal per listed item: enumerators, counted lists, 又/或/至於/包括 clauses, measures |
//! | context | [`context`] | addressee (促請X, 向X提出) and occasion |
//! | speech | [`speech`] | a "should" in what a named speaker says (X指出，政府應…) |
//!
//! A proposer is carried into the next sentence only through a pronoun or a title (read as
//! subjects), a coordinated cue (…。又建議…), a list (…；B；C and 一是…。二是…) or a speaker's
//! words that go on (…指出，…。要…；要…).

mod content;
mod context;
mod cue;
mod items;
mod proposer;
mod speech;

use super::clauses::{Clauses, Subject};
use super::text::{has_role_in, inside, trim_end};
use super::view::View;
use super::{MentionId, Proposal, Strength};
use crate::layout::BlockKind;
use crate::lexicon::Role;
use crate::recognize::Kind;
use crate::rules::Rule;
use proposer::Who;

/// What the proposal rules read.
pub(super) struct Ctx<'a> {
    pub v: &'a View<'a>,
    pub cl: &'a Clauses,
    pub antecedent: &'a [Option<MentionId>],
    /// The author of a signed article (文|陳光中), who is 我 and who proposes what the
    /// article proposes without a subject.
    pub author: Option<usize>,
}

impl Ctx<'_> {
    /// The person or organization a mention stands for (a pronoun or a title used alone:
    /// its antecedent).
    pub fn agent(&self, m: usize) -> Option<usize> {
        match self.v.mentions[m].kind {
            Kind::Person | Kind::Organization => Some(m),
            Kind::Pronoun | Kind::Post => self.antecedent[m].map(MentionId::index),
            _ => None,
        }
    }
}

/// What one cue says, before it becomes one proposal per item.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The mention standing for the proposer here (a name, pronoun or title).
    subject: usize,
    /// The proposer.
    proposer: usize,
    cue: (usize, usize),
    strength: Strength,
    addressee: Option<usize>,
    occasion: Option<usize>,
    sentence: usize,
    confidence: f32,
}

impl Frame {
    fn proposal(&self, cx: &Ctx, content: (usize, usize), rule: Rule, addressee: Option<usize>) -> Proposal {
        let v = cx.v;
        Proposal {
            proposer: MentionId(self.proposer),
            proposer_mention: MentionId(self.subject),
            cue: v.text[self.cue.0..self.cue.1].iter().collect(),
            cue_span: self.cue,
            strength: self.strength,
            content,
            addressee: addressee.or(self.addressee).map(MentionId),
            places: inside(v.mentions, Kind::Place, content.0, content.1),
            organizations: inside(v.mentions, Kind::Organization, content.0, content.1),
            occasion: self.occasion.map(MentionId),
            sentence: self.sentence,
            rule,
            confidence: self.confidence,
        }
    }
}

fn confidence(strength: Strength, direct: bool) -> f32 {
    match (strength, direct) {
        (Strength::Explicit, true) => 0.8,
        (Strength::Explicit, false) => 0.7,
        (Strength::Soft, _) => 0.55,
    }
}

/// A list whose enumerators may go on in the sentences after its cue (一是…。二是…).
#[derive(Debug, Clone, Copy)]
struct OpenList {
    frame: Frame,
    ordinal: u32,
    block: usize,
}

/// Proposals of a document, in text order.
pub(super) fn proposals(v: &View, cl: &Clauses, antecedent: &[Option<MentionId>]) -> Vec<Proposal> {
    let cx = Ctx {
        v,
        cl,
        antecedent,
        author: proposer::author(v),
    };
    let sentences = &v.doc.sentences;
    let mut out: Vec<Proposal> = Vec::new();
    let mut list: Option<OpenList> = None;
    let mut carried: Option<(speech::Speaker, usize)> = None;
    // The proposal whose last (enumerated) item may run on into the next sentences.
    let mut running: Option<usize> = None;
    for (si, s) in sentences.iter().enumerate() {
        if s.kind != BlockKind::Body {
            continue;
        }
        let first = cl.of_sentence[si].clone().next().map(|k| &cl.list[k]);
        let elided = first.is_some_and(|c| c.subject == Subject::Elided && !c.quoted);
        let mut here: Vec<Proposal> = Vec::new();
        let mut frames: Vec<(Frame, Option<u32>)> = Vec::new();
        let cues = cue::find(&cx, si);
        for ci in 0..cues.len() {
            if let Some(f) = cue_frame(&cx, si, &cues, ci, &out, &mut here) {
                frames.push(f);
            }
        }
        // A sentence with no cue may go on with the list before.
        let mut continued = false;
        if here.is_empty() {
            continued = continue_list(&cx, si, &out, &mut list, &mut here)
                || continue_semicolons(&cx, si, &out, &mut here);
        }
        // Or with the last enumerated item, when it has no subject of its own (一是加大…。
        // 通過宣傳提高…).
        if here.is_empty() && !continued && elided {
            if let Some(r) = running.filter(|&r| sentences[out[r].sentence].block == s.block) {
                let e = trim_end(v.text, s.start, s.end);
                if e > out[r].content.1 && cues.is_empty() && items::enumerator(&cx, s.start, s.end).is_none()
                {
                    out[r].content.1 = e;
                    continue;
                }
            }
        }
        // Should-clauses in reported speech.
        let taken: Vec<(usize, usize)> = here
            .iter()
            .map(|p| (p.cue_span.0.min(p.content.0), p.content.1))
            .collect();
        let speaker = carried.filter(|&(_, b)| b == s.block).map(|(sp, _)| sp);
        let mut modals = speech::modals(&cx, si, speaker, &taken);
        // A speaker who proposes with a cue in this sentence says it there.
        modals.retain(|m| !here.iter().any(|p| p.proposer.0 == m.speaker.agent));
        for m in &modals {
            let frame = Frame {
                subject: m.speaker.subject,
                proposer: m.speaker.agent,
                cue: m.word,
                strength: m.strength,
                addressee: m.local,
                occasion: context::occasion(&cx, si, m.word.0),
                sentence: si,
                confidence: if m.continued { 0.5 } else { 0.6 },
            };
            let pseudo = cue::Cue {
                a: m.word.0,
                b: m.from,
                strength: m.strength,
            };
            let (c0, c1) = content::span(&cx, si, &pseudo, None);
            let rule = if m.continued {
                Rule::SpeechModalContinued
            } else {
                Rule::SpeechModal
            };
            let its = items::split_with(&cx, c0, c1, false);
            for (k, it) in its.iter().enumerate() {
                let r = if k == 0 { rule } else { Rule::CueListedMeasure };
                here.push(frame.proposal(&cx, it.span, r, None));
            }
            frames.push((frame, its.iter().filter_map(|it| it.ordinal).max()));
        }
        // The speaker whose words may go on in the next sentence.
        let proposer = frames
            .iter()
            .rev()
            .find(|(f, _)| f.sentence == si)
            .map(|(f, _)| speech::Speaker {
                subject: f.subject,
                agent: f.proposer,
                from: s.end,
            });
        carried = match speech::speakers(&cx, si).last().copied().or(proposer) {
            Some(sp) => Some((sp, s.block)),
            None if modals.iter().any(|m| m.continued) => carried,
            None => None,
        };
        // A list announced here may go on in the next sentences.
        if let Some((f, n)) = frames.iter().rev().find(|(_, n)| n.is_some()) {
            list = Some(OpenList {
                frame: *f,
                ordinal: n.unwrap_or(1),
                block: s.block,
            });
        } else if !here.is_empty() && !continued {
            list = None;
        }
        let base = out.len();
        out.extend(here);
        running = out
            .iter()
            .enumerate()
            .skip(base)
            .next_back()
            .filter(|(_, p)| starts_with_enumerator(&cx, p.content.0))
            .map(|(i, _)| i)
            .or(running.filter(|_| out.len() == base));
    }
    out
}

/// Does the text at `i` (or right before it) carry an enumerator (一是, 第二，)?
fn starts_with_enumerator(cx: &Ctx, i: usize) -> bool {
    (i.saturating_sub(4)..=i)
        .any(|k| items::enumerator(cx, k, i + 4).is_some_and(|(_, n)| k + n == i || k == i))
}

/// The frame of cue `ci` of sentence `si`, its proposals pushed to `here`; `None` when the
/// cue does not open a proposal of its own.
fn cue_frame(
    cx: &Ctx,
    si: usize,
    cues: &[cue::Cue],
    ci: usize,
    out: &[Proposal],
    here: &mut Vec<Proposal>,
) -> Option<(Frame, Option<u32>)> {
    let (v, cl) = (cx.v, cx.cl);
    let (lx, text, simp) = (v.lx, v.text, v.simp);
    let s = &v.doc.sentences[si];
    let c = cues[ci];
    let (a, b) = (c.a, c.b);
    let k = cl.at(a)?;
    let clause = &cl.list[k];
    let cs = clause.start;
    // Does the cue at `x` open a proposal of its own rather than sit inside the content
    // of the one before (認同特區政府主動提出…)? Yes after a coordinator (又建議) or at the
    // start of a short clause (，在政策取向部分提出…).
    let opens = |x: usize| -> bool {
        let Some(kx) = cl.at(x) else { return false };
        let xs = cl.list[kx].start;
        let coordinated = x == xs || lx.role_prefix(&simp[xs..x], Role::Coordinator).is_some();
        let another = cues.iter().any(|o| o.a >= xs && o.a < x);
        coordinated
            || (x - xs <= 12 && xs > s.start && !another && !has_role_in(lx, simp, xs, x, Role::Attitude))
    };
    if a > s.start && here.iter().any(|p| p.content.0 <= a && a < p.content.1) && !opens(a) {
        return None;
    }
    let relative_after = simp.get(b) == Some(&'的');
    // A cue after another in its clause is what the first reports (希望預算案能提出…,
    // 認同政府提出…): part of that proposal, not one of its own.
    let coordinated = a == cs || lx.role_prefix(&simp[cs..a], Role::Coordinator).is_some();
    let under = cues.iter().any(|o| o.a >= cs && o.a < a) || has_role_in(lx, simp, cs, a, Role::Attitude);
    if !coordinated && under && !relative_after {
        return None;
    }
    let occasion = context::occasion(cx, si, a);
    // A relative clause before its proposer: 一直主張封關的公務員事務局前局長王永平.
    if let Some((r0, d)) = clause.relative {
        if r0 <= a && b <= d {
            let Who::Agent { subject, agent } = proposer::of_subject(cx, &clause.subject, a) else {
                return None;
            };
            let frame = Frame {
                subject,
                proposer: agent,
                cue: (a, b),
                strength: c.strength,
                addressee: None,
                occasion,
                sentence: si,
                confidence: confidence(c.strength, true),
            };
            let c1 = trim_end(text, b, d);
            if c1 > b + 1 {
                let addressee = context::addressee(cx, si, a, b, c1);
                here.push(frame.proposal(cx, (b, c1), Rule::CueBeforeProposer, addressee));
            }
            return Some((frame, None));
        }
    }
    // 民建聯在倡議書提出的政策: a relative clause with its own subject reports its proposal;
    // the sentence states it.
    if relative_after {
        let head = v.s(b + 1, b + 3);
        if ["建议", "意见", "要求", "提案", "议案", "报告", "方案"].contains(&head.as_str()) {
            return None;
        }
        // Its proposer is named right before the cue, or before a place (民建聯在倡議書提出).
        let agent = (0..v.mentions.len()).rev().find(|&m| {
            let mm = &v.mentions[m];
            let between = v.s(mm.end.min(a), a);
            mm.start >= cs
                && mm.end <= a
                && (between.is_empty()
                    || (a - mm.end <= 8
                        && (between.starts_with('在') || between.starts_with('于') || between == "所")))
                && matches!(mm.kind, Kind::Person | Kind::Pronoun | Kind::Organization)
                && cx.agent(m).is_some()
        })?;
        let frame = Frame {
            subject: agent,
            proposer: cx.agent(agent)?,
            cue: (a, b),
            strength: c.strength,
            addressee: None,
            occasion,
            sentence: si,
            confidence: confidence(c.strength, true),
        };
        let c1 = trim_end(text, s.start, s.end);
        here.push(frame.proposal(cx, (s.start, c1), Rule::CueRelativeClause, None));
        return Some((frame, None));
    }
    let mut topicalized = false;
    // 指各界建議…, 他們要求…: a group right before the cue proposes; nobody to name.
    if group_before(cx, clause.start, a) {
        return None;
    }
    let (who, from_clause) = match by_agent(cx, clause.start, a) {
        Some((subject, agent)) => (Who::Agent { subject, agent }, None),
        None => proposer::before(cx, si, a),
    };
    // A joint subject (葛長生和宋福保…要求…) proposes once per member.
    let others: Vec<(usize, usize)> = from_clause
        .map(|j| proposer::all_of_subject(cx, &cl.list[j].subject))
        .unwrap_or_default();
    let (subject, agent, direct) = match who {
        Who::Agent { subject, agent } => (subject, agent, true),
        // In a signed article a thing before the cue is its topicalized object (該條規定
        // 建議刪除): the author proposes.
        Who::Nobody if clause.subject == Subject::Thing && clause.predicate <= a => match cx.author {
            Some(author) => {
                topicalized = true;
                (author, author, false)
            }
            None => return None,
        },
        Who::Nobody => return None,
        Who::Elided => match carry(cx, si, a, out, here) {
            Some((subject, agent)) => (subject, agent, false),
            // A signed article's proposals without a subject are its author's.
            None => {
                let author = cx.author.filter(|_| clause.predicate == a)?;
                (author, author, false)
            }
        },
    };
    let next = cues[ci + 1..].iter().map(|n| n.a).find(|&na| na > b && opens(na));
    let (c0, c1) = content::span(cx, si, &c, next);
    // The object stated before the cue is part of what is proposed (該條規定建議刪除).
    let c0 = if topicalized {
        super::clauses::skip_openers(v, clause.start, a)
    } else {
        c0
    };
    if c1 <= c0 {
        return None;
    }
    // 提交了一份提案: the object is only a document, whose proposals come later.
    if v.mentions
        .iter()
        .enumerate()
        .any(|(i, m)| m.end == c1 && v.is_document(i) && m.start <= c0 + 4)
    {
        return None;
    }
    // 提出質疑, 提出問題: an assertion, not a proposal.
    if let Some(n) = v.word_with_role(c0, c1, Role::Assertion) {
        if c0 + n >= c1 || matches!(v.text[c0 + n], '，' | '。' | '；' | ',') {
            return None;
        }
    }
    // 提出要求：… / 提出多項建議: the noun is a cue of its own, or the list follows.
    let lead = v.s(c0, (c0 + 4).min(c1));
    if lead.starts_with("要求") || lead.starts_with("多项建议") {
        return None;
    }
    let frame = Frame {
        subject,
        proposer: agent,
        cue: (a, b),
        strength: c.strength,
        addressee: context::addressee(cx, si, a, c0, c1),
        occasion,
        sentence: si,
        confidence: confidence(c.strength, direct),
    };
    let its = items::split(cx, c0, c1);
    for (k, it) in its.iter().enumerate() {
        let rule = match (k, direct) {
            (0, true) => Rule::CueSubject,
            (0, false) => Rule::CueCarriedSubject,
            _ => Rule::CueListedMeasure,
        };
        let addressee = (k > 0)
            .then(|| context::addressee(cx, si, a, it.span.0, it.span.1))
            .flatten();
        here.push(frame.proposal(cx, it.span, rule, addressee));
        for &(subject, proposer) in others.iter().filter(|&&(_, p)| p != agent) {
            let joint = Frame {
                subject,
                proposer,
                ..frame
            };
            here.push(joint.proposal(cx, it.span, rule, addressee));
        }
    }
    Some((frame, its.iter().filter_map(|it| it.ordinal).max()))
}

/// Is the subject right before the cue at `a` a group (各界, 他們, 部分媒體), past adverbs
/// (各界都建議)?
fn group_before(cx: &Ctx, cs: usize, a: usize) -> bool {
    let v = cx.v;
    let mut at = a;
    for _ in 0..3 {
        let Some(t) = v.token_ending_at(at).filter(|t| t.start >= cs) else {
            return false;
        };
        if v.lx.has_role(&t.word, Role::Plural) {
            return true;
        }
        if !matches!(t.tag.as_str(), "d" | "c") {
            return false;
        }
        at = t.start;
    }
    false
}

/// 由民主黨李柱銘提出…: the agent of a passive cue, named right before it after 由.
fn by_agent(cx: &Ctx, cs: usize, a: usize) -> Option<(usize, usize)> {
    let v = cx.v;
    (cs..a).filter(|&i| v.simp[i] == '由').find_map(|i| {
        let np = super::clauses::noun_phrase(v, i + 1, a)?;
        if np.end != a {
            return None;
        }
        match proposer::of_subject(cx, &super::clauses::np_subject(v, &np), a) {
            Who::Agent { subject, agent } => Some((subject, agent)),
            _ => None,
        }
    })
}

/// The proposer of a cue whose sentence names no subject before it, when the cue opens
/// its clause: a proposal of this sentence before it, or of the sentence before in the
/// paragraph (a run of proposals: 她建議…。…，建議…); after a coordinator (又建議…,
/// 同時亦建議…) also the subject of one of the two sentences before.
fn carry(cx: &Ctx, si: usize, a: usize, out: &[Proposal], here: &[Proposal]) -> Option<(usize, usize)> {
    let (v, cl) = (cx.v, cx.cl);
    let k = cl.at(a)?;
    let c = &cl.list[k];
    let coordinated = has_role_in(v.lx, v.simp, c.start, a, Role::Coordinator);
    // Uncoordinated, the cue must open its clause (…，建議…); coordinated, it may come after
    // an adverbial (並就下一步工作作出重要指示).
    if c.predicate != a && !coordinated {
        return None;
    }
    // A sentence that opens with 但/而/又 and names no subject at all before the cue goes on
    // with the sentence before (…梁振英在報告中…。但…，指…，呼籲…).
    let range = cl.of_sentence[si].clone();
    let first = &cl.list[range.start];
    let opener = v
        .word_with_role(first.start, first.end, Role::Coordinator)
        .is_some()
        || ["但", "但是", "而", "不过"]
            .iter()
            .any(|w| v.s(first.start, first.end).starts_with(w));
    let subjectless = cl.list[range.start..k]
        .iter()
        .all(|c| c.subject == Subject::Elided);
    let coordinated = coordinated || (opener && subjectless);
    if let Some(p) = here.last() {
        return Some((p.proposer_mention.0, p.proposer.0));
    }
    let sentences = &v.doc.sentences;
    let block = sentences[si].block;
    for sj in (si.saturating_sub(2)..si).rev() {
        if sentences[sj].block != block {
            break;
        }
        if let Some(p) = out.iter().rev().find(|p| p.sentence == sj) {
            return Some((p.proposer_mention.0, p.proposer.0));
        }
        if !coordinated {
            return None;
        }
        for kj in cl.of_sentence[sj].clone() {
            let c = &cl.list[kj];
            if c.quoted {
                continue;
            }
            if let Who::Agent { subject, agent } = proposer::of_subject(cx, &c.subject, c.end) {
                return Some((subject, agent));
            }
        }
    }
    None
}

/// 一是…。二是…: a sentence that opens with the next enumerator of a list announced before
/// (in the same paragraph or the two after) lists its next item.
fn continue_list(
    cx: &Ctx,
    si: usize,
    out: &[Proposal],
    list: &mut Option<OpenList>,
    here: &mut Vec<Proposal>,
) -> bool {
    let v = cx.v;
    let s = &v.doc.sentences[si];
    let Some(open) = *list else { return false };
    if s.block < open.block || s.block - open.block > 2 || out.is_empty() {
        return false;
    }
    let p = super::clauses::skip_openers(v, s.start, s.end);
    let Some((n, len)) = items::enumerator(cx, p, s.end) else {
        return false;
    };
    if n != open.ordinal + 1 {
        return false;
    }
    let c1 = trim_end(v.text, p + len, s.end);
    let its = items::split(cx, p + len, c1);
    let frame = Frame {
        sentence: si,
        confidence: open.frame.confidence * 0.9,
        ..open.frame
    };
    for (k, it) in its.iter().enumerate() {
        let span = if k == 0 { (p, it.span.1) } else { it.span };
        let rule = if k == 0 {
            Rule::EnumeratedItem
        } else {
            Rule::CueListedMeasure
        };
        here.push(frame.proposal(cx, span, rule, None));
    }
    *list = Some(OpenList { ordinal: n, ..open });
    !its.is_empty()
}

/// 建議A；B；C: a sentence after one that ended with ；and proposed, with no cue and no
/// subject of its own, lists further items of that proposal.
fn continue_semicolons(cx: &Ctx, si: usize, out: &[Proposal], here: &mut Vec<Proposal>) -> bool {
    let (v, cl) = (cx.v, cx.cl);
    let sentences = &v.doc.sentences;
    let s = &sentences[si];
    if si == 0 {
        return false;
    }
    let prev = &sentences[si - 1];
    if !prev.semicolon || prev.block != s.block {
        return false;
    }
    let Some(last) = out.iter().rev().find(|p| p.sentence == si - 1) else {
        return false;
    };
    // A speaker's should-clauses go on by their own rule (…；要…).
    if matches!(last.rule, Rule::SpeechModal | Rule::SpeechModalContinued) {
        return false;
    }
    let first = cl.of_sentence[si].clone().next().map(|k| &cl.list[k]);
    if !first.is_some_and(|c| matches!(c.subject, Subject::Elided | Subject::Thing)) {
        return false;
    }
    let c1 = trim_end(v.text, s.start, s.end);
    for it in items::split(cx, s.start, c1) {
        let (x0, x1) = it.span;
        here.push(Proposal {
            content: (x0, x1),
            places: inside(v.mentions, Kind::Place, x0, x1),
            organizations: inside(v.mentions, Kind::Organization, x0, x1),
            addressee: None,
            sentence: si,
            rule: Rule::SemicolonList,
            confidence: last.confidence * 0.9,
            ..last.clone()
        });
    }
    !here.is_empty()
}
#[cfg(test)]
mod tests {
    use super::Strength;
    use crate::pipeline::{analyze_text, Analysis};

    fn positions(a: &Analysis) -> Vec<(String, String)> {
        a.facts
            .positions
            .iter()
            .map(|p| {
                (
                    a.mentions[p.person].text.clone(),
                    a.doc.layout.slice(p.title.0, p.title.1),
                )
            })
            .collect()
    }

    fn proposals(a: &Analysis) -> Vec<(String, String)> {
        a.facts
            .proposals
            .iter()
            .map(|p| {
                let who = &a.linked.entity(p.proposer).unwrap().label;
                (who.clone(), a.doc.layout.slice(p.content.0, p.content.1))
            })
            .collect()
    }

    #[test]
    fn title_chains_split_into_positions() {
        let a = analyze_text(
            "t.txt",
            "港區全國人大代表、九龍社團聯會理事長徐莉重點關注香港的發展。",
        );
        assert_eq!(
            positions(&a),
            vec![
                ("徐莉".to_string(), "港區全國人大代表".to_string()),
                ("徐莉".to_string(), "九龍社團聯會理事長".to_string())
            ]
        );
        let a = analyze_text(
            "t.txt",
            "全國政協委員兼提案委員會委員、經民聯監事委員會副主席胡劍江表示，香港要發展。",
        );
        let titles: Vec<String> = positions(&a).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            titles,
            vec!["全國政協委員", "提案委員會委員", "經民聯監事委員會副主席"]
        );
    }

    #[test]
    fn proposals_with_pronouns_lists_and_addressees() {
        let a = analyze_text(
            "t.txt",
            "全國政協常委王惠貞在會上發言。她建議將醫學院進一步擴建成為大學城；建立區塊鏈平台。他建議特區政府優化上市程序。",
        );
        let p = proposals(&a);
        assert_eq!(
            p[0],
            ("王惠貞".to_string(), "將醫學院進一步擴建成為大學城".to_string())
        );
        assert_eq!(p[1], ("王惠貞".to_string(), "建立區塊鏈平台".to_string()));
        let last = a.facts.proposals.last().unwrap();
        assert_eq!(
            a.linked.entity(last.addressee.unwrap()).unwrap().label,
            "香港特別行政區政府"
        );
        assert_eq!(last.strength, Strength::Explicit);
    }

    #[test]
    fn soft_proposals_and_simplified_text() {
        let a = analyze_text(
            "t.txt",
            "全国政协委员苏长荣表示，希望特区政府争取照顾香港的发展需要。",
        );
        let p = proposals(&a);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "苏长荣");
        assert_eq!(a.facts.proposals[0].strength, Strength::Soft);
    }

    #[test]
    fn sar_governments_by_context_and_titles_used_alone() {
        let a = analyze_text(
            "t.txt",
            "澳門特區行政長官岑浩輝表示，特區政府將編制施政報告。\n\n香港特區行政長官李家超出席座談會。特首希望委員多提建議。特區政府會研究。",
        );
        let label = |i: usize| a.linked.of_mention[i].map(|e| a.linked.entities[e].label.clone());
        let govs: Vec<Option<String>> = a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.text == "特區政府")
            .map(|(i, _)| label(i))
            .collect();
        assert_eq!(
            govs,
            vec![
                Some("澳門特別行政區政府".into()),
                Some("香港特別行政區政府".into())
            ]
        );
        let chief = a.mentions.iter().position(|m| m.text == "特首").unwrap();
        assert_eq!(label(chief), Some("李家超".into()));
        let p = proposals(&a);
        assert!(
            p.iter()
                .any(|(who, text)| who == "李家超" && text.contains("委員多提建議")),
            "{p:?}"
        );
    }

    #[test]
    fn organizations_propose_and_apposition_names_one_entity() {
        let a = analyze_text(
            "t.txt",
            "在吸納人才方面，預算案積極回應了民建聯在倡議書提出的政策。中國人工智能企業深度求索（DeepSeek）的模型屬開源。",
        );
        let p = proposals(&a);
        assert!(
            p.iter()
                .any(|(who, text)| who == "民建聯" && text.contains("吸納人才")),
            "{p:?}"
        );
        let ids: Vec<Option<usize>> = a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.text == "深度求索" || m.text == "DeepSeek")
            .map(|(i, _)| a.linked.of_mention[i])
            .collect();
        assert!(ids.len() == 2 && ids[0] == ids[1], "{ids:?}");
    }

    #[test]
    fn lists_of_measures_split_into_proposals_in_simplified_too() {
        let a = analyze_text(
            "t.txt",
            "全国政协委员徐莉建议建立大湾区常态化联合举办大型体育赛事的合作机制，引进国际赛事分站落户香港；构建大湾区文旅科创共同体。",
        );
        let texts: Vec<String> = proposals(&a).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            texts,
            vec![
                "建立大湾区常态化联合举办大型体育赛事的合作机制",
                "引进国际赛事分站落户香港",
                "构建大湾区文旅科创共同体"
            ]
        );
    }
}
