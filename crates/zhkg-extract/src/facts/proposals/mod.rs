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
//! | motions | [`motions`] | a motion submitted by its title (提交了《關於…的建議》) |
//!
//! A proposer is carried into the next sentence only through a pronoun or a title (read as
//! subjects), a coordinated cue (…。又建議…), a list (…；B；C and 一是…。二是…) or a speaker's
//! words that go on (…指出，…。要…；要…).

mod content;
mod context;
mod cue;
mod items;
mod motions;
mod proposer;
mod speech;

use super::clauses::{Clauses, Subject};
use super::text::{has_role_in, inside, trim_end};
use super::view::View;
use super::{Addressee, MentionId, Proposal, Proposer, Strength};
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
    /// The commentator who signs a commentary (香港商報評論員 蘇信): the unattributed
    /// "should"s of the article are theirs.
    pub commentator: Option<usize>,
    /// Whether the article reports a case (`cue::reports_case`), read when a cue first asks.
    pub case: std::cell::OnceCell<bool>,
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
    /// The proposer, and the mention standing for it here (a name, pronoun or title).
    who: Proposer,
    cue: (usize, usize),
    strength: Strength,
    addressee: Option<usize>,
    occasion: Option<usize>,
    sentence: usize,
    confidence: f32,
}

/// A named proposer: `mention` stands for `agent` here.
fn named(mention: usize, agent: usize) -> Proposer {
    Proposer::Named {
        agent: MentionId(agent),
        mention: MentionId(mention),
    }
}

/// The (mention, agent) of a named proposer.
fn named_parts(p: Proposer) -> Option<(usize, usize)> {
    p.mention().zip(p.agent()).map(|(m, a)| (m.0, a.0))
}

impl Frame {
    fn proposal(&self, cx: &Ctx, content: (usize, usize), rule: Rule, addressee: Option<usize>) -> Proposal {
        let v = cx.v;
        Proposal {
            proposer: self.who,
            cue: v.text[self.cue.0..self.cue.1].iter().collect(),
            cue_span: self.cue,
            strength: self.strength,
            content,
            addressee: addressee
                .or(self.addressee)
                .map(|m| Addressee::Named(MentionId(m))),
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
        commentator: proposer::commentator(v),
        case: std::cell::OnceCell::new(),
    };
    let sentences = &v.doc.sentences;
    let mut out: Vec<Proposal> = Vec::new();
    let mut list: Option<OpenList> = None;
    let mut carried: Option<(speech::Speaker, usize)> = None;
    let mut interview: Option<(speech::Speaker, usize)> = None;
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
        motions::titled(&cx, si, &mut here);
        // A sentence with no cue may go on with the list before.
        let mut continued = false;
        if here.is_empty() {
            continued = continue_list(&cx, si, &out, &mut list, &mut here)
                || continue_semicolons(&cx, si, &out, &mut here);
        }
        // Or with the last enumerated item, when it has no subject of its own (一是加大…。
        // 通過宣傳提高…) and nobody speaks in it.
        let nobody = cl.list[cl.of_sentence[si].clone()]
            .iter()
            .all(|c| matches!(c.subject, Subject::Elided | Subject::Thing))
            && !(s.start..s.end).any(|p| v.word_with_role(p, s.end, Role::Speech).is_some());
        if here.is_empty() && !continued && elided && nobody {
            if let Some(r) = running.filter(|&r| sentences[out[r].sentence].block == s.block) {
                let e = trim_end(v.text, s.start, s.end);
                // (A sentence with a should of its own is a proposal of its own.)
                if e > out[r].content.1
                    && cues.is_empty()
                    && items::enumerator(&cx, s.start, s.end).is_none()
                    && speech::should_in(&cx, s.start, s.end).is_none()
                {
                    out[r].content.1 = e;
                    continue;
                }
            }
        }
        // Should-clauses in reported speech.
        // (A named speaker cited in a group's proposal still speaks: 部分媒體建議…，如《現代
        // 快報》指出，…需要填補.)
        let taken: Vec<(usize, usize)> = here
            .iter()
            .filter(|p| p.proposer.agent().is_some())
            .map(|p| (p.start(), p.content.1))
            .collect();
        let speaker = carried.filter(|&(_, b)| b == s.block).map(|(sp, _)| sp);
        let mut modals = speech::modals(&cx, si, speaker, &taken);
        // A speaker who proposes with a cue in this sentence says it there.
        modals.retain(|m| {
            !here
                .iter()
                .any(|p| p.proposer.agent() == Some(MentionId(m.speaker.agent)))
        });
        // A court's or a procuratorate's should is a ruling or a charge (被告應當承擔侵權責任,
        // 依法應當追究刑事責任), not a proposal; what they 建議 (a judicial proposal) stays.
        modals.retain(|m| !is_court(v, m.speaker.agent));
        for m in &modals {
            let frame = Frame {
                who: named(m.speaker.subject, m.speaker.agent),
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
            // 要收緊「並不容易」: what the should opens is said to be hard in the same clause,
            // not asked for.
            let mut e = c1;
            while e > c0 && !crate::is_han(v.text[e - 1]) {
                e -= 1;
            }
            let one_clause = !v.text[c0..e].iter().any(|c| matches!(c, '，' | '；' | ','));
            if one_clause && v.lx.role_suffix(&v.simp[c0..e], Role::Difficulty).is_some() {
                continue;
            }
            // 《基本法》訂明本港政制應循序漸進: a should a law or a rule states, earlier in its
            // clause, is a requirement quoted, not the speaker's proposal.
            if cue::after_according(&cx, m.word.0) {
                continue;
            }
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
        // The speaker whose words may go on in the next sentence (a group speaks only
        // where it is written).
        let proposer = frames
            .iter()
            .rev()
            .find(|(f, _)| f.sentence == si)
            .and_then(|(f, _)| match f.who {
                Proposer::Named { agent, mention } => Some(speech::Speaker {
                    subject: mention.0,
                    agent: agent.0,
                    from: s.end,
                }),
                Proposer::Group(_) => None,
            });
        // An interview's answer (何向紅：…) is its speaker's words until the next label.
        if let Some(last) = speech::labels(&cx, si).last() {
            interview = last.map(|sp| (sp, s.block));
        }
        interview = interview.filter(|&(_, b)| b == s.block);
        carried = match speech::speakers(&cx, si).last().copied().or(proposer) {
            Some(sp) => Some((sp, s.block)),
            None if modals.iter().any(|m| m.continued) => carried,
            None => interview,
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
        // A question (學校應該採取哪些措施呢？, 民警能要求你轉賬嗎?) proposes nothing.
        here.retain(|p| !asks(v, p.start(), s.end));
        // An argument in court (辯護人提出…, 公訴機關建議…, 本院認為…應…) is no proposal,
        // nor is what follows it as its list.
        let filed = |p: &Proposal| {
            let cue = p.start();
            (s.start..cue).any(|i| v.word_with_role(i, cue, Role::Litigant).is_some())
        };
        let before = here.len();
        here.retain(|p| !filed(p));
        if here.len() < before {
            list = None;
            carried = None;
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
    // Nobody proposes to themselves: a proposal addressed to its own proposer (他的家人向
    // 程某提出…, 打電話者建議她…) has the wrong proposer.
    out.retain(|p| {
        !p.addressee
            .and_then(Addressee::mention)
            .is_some_and(|m| p.proposer.agent().is_some_and(|a| same_name(v, m.0, a.0)))
    });
    // What was done is no proposal (要求…進行了調查), nor is a should-clause telling it.
    out.retain(|p| !reports_done(v, p.content.0, p.content.1));
    // Otherwise a group named by a common noun may open the content (建議市民…).
    for p in out.iter_mut().filter(|p| p.addressee.is_none()) {
        p.addressee = context::audience_asked(v, p.cue_span.0)
            .or_else(|| context::audience(v, p.content.0, p.content.1))
            .or_else(|| context::should_audience(&cx, p.content.0, p.content.1))
            .map(Addressee::Group);
    }
    out
}

/// Is mention `m` a court or a procuratorate (lexicon kind or head word `court`)?
fn is_court(v: &View, m: usize) -> bool {
    let m = &v.mentions[m];
    let court = |kind: &str| kind == "court";
    m.kind == Kind::Organization
        && (m.lexicon.is_some_and(|li| court(&v.lx.orgs[li].kind))
            || v.lx
                .org_heads
                .ending(v.chars(m.start, m.end))
                .is_some_and(|i| court(&v.lx.org_suffixes[i].kind)))
}

/// Is `a..b`, from a cue to the end of its sentence, a question: does it end with a question
/// mark (closing quotes aside) that no quotation opened after the cue holds (提出另一見解：
/// 「…點樣呢？」 reports a view)? A half-width mark counts only after a question particle
/// (嗎, 呢): web text also uses it for characters lost in conversion.
fn asks(v: &View, a: usize, b: usize) -> bool {
    if a >= b || b > v.text.len() {
        return false;
    }
    let mut e = b;
    while e > a && matches!(v.text[e - 1], '」' | '”' | '』' | '"' | ' ' | '\n') {
        e -= 1;
    }
    if v.text[a..e].iter().any(|c| matches!(c, '「' | '“' | '『')) {
        return false;
    }
    match e.checked_sub(1).filter(|&k| k >= a).map(|k| v.text[k]) {
        Some('？') => true,
        Some('?') => e >= a + 2 && matches!(v.simp[e - 2], '吗' | '呢' | '么' | '吧'),
        _ => false,
    }
}

/// Do mentions `x` and `y` name the same one: the same text, or an organization and the
/// short form it ends with (秦皇島藍天救援隊, 藍天救援隊)?
fn same_name(v: &View, x: usize, y: usize) -> bool {
    let (mx, my) = (&v.mentions[x], &v.mentions[y]);
    let (sx, sy) = (v.chars(mx.start, mx.end), v.chars(my.start, my.end));
    let (short, long) = if sx.len() <= sy.len() { (sx, sy) } else { (sy, sx) };
    x == y
        || sx == sy
        || (mx.kind == Kind::Organization
            && my.kind == Kind::Organization
            && short.len() >= 3
            && long.ends_with(short))
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
        // (…禁止出口及向國務院要求…: a coordinator shortly before the cue, mid-clause.)
        let coordinated = x == xs
            || lx.role_prefix(&simp[xs..x], Role::Coordinator).is_some()
            || coordinator_before(cx, xs, x).is_some();
        let another = cues.iter().any(|o| o.a >= xs && o.a < x);
        coordinated
            || (x - xs <= 12 && xs > s.start && !another && !has_role_in(lx, simp, xs, x, Role::Attitude))
    };
    if a > s.start && here.iter().any(|p| p.content.0 <= a && a < p.content.1) && !opens(a) {
        return None;
    }
    // 提出要求：…: a cue right after another is its object, said by the first.
    if ci > 0 && cues[ci - 1].b == a {
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
                who: named(subject, agent),
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
        // (…提出的建議, 的方案: the clause names what the subject made.)
        let head = v.chars(b + 1, (b + 3).min(v.simp.len()));
        if v.lx.has_role_chars(head, Role::ProposalNoun) || v.lx.has_role_chars(head, Role::MeasureNoun) {
            return None;
        }
        // Its proposer is named right before the cue, or before a place (民建聯在倡議書提出).
        let agent = (0..v.mentions.len()).rev().find(|&m| {
            let mm = &v.mentions[m];
            mm.start >= cs
                && mm.end <= a
                && a - mm.end <= 8
                && matches!(mm.kind, Kind::Person | Kind::Pronoun | Kind::Organization)
                && {
                    let between = v.s(mm.end, a);
                    between.is_empty()
                        || between.starts_with('在')
                        || between.starts_with('于')
                        || between == "所"
                }
                && cx.agent(m).is_some()
        })?;
        let frame = Frame {
            who: named(agent, cx.agent(agent)?),
            cue: (a, b),
            strength: c.strength,
            addressee: None,
            occasion,
            sentence: si,
            confidence: confidence(c.strength, true),
        };
        // 由林卓廷提出的「成立獨立調查委員會」動議: a named motion is what was proposed.
        let (c0, c1) = if matches!(text.get(b + 1), Some('「' | '“' | '《')) {
            (b + 1, trim_end(text, b + 1, clause.end))
        } else {
            (s.start, trim_end(text, s.start, s.end))
        };
        here.push(frame.proposal(cx, (c0, c1), Rule::CueRelativeClause, None));
        return Some((frame, None));
    }
    let mut topicalized = false;
    // 部分媒體建議…, 多名議員希望…: a group a common noun names, right before the cue,
    // proposes when nobody is named.
    let group = group_subject(cx, cs, (a, b)).map(Proposer::Group);
    // 指各界建議…, 他們要求…: a group right before the cue proposes; nobody to name.
    let (who, direct, others) = if group_before(cx, clause.start, a) {
        (group?, true, Vec::new())
    } else {
        let own = proposer::of_subject(cx, &clause.subject, a);
        let (who, from_clause) = match by_agent(cx, clause.start, a) {
            Some((subject, agent)) => (Who::Agent { subject, agent }, None),
            None => match name_before(cx, clause.start, a) {
                Some((subject, agent)) if !matches!(own, Who::Agent { .. }) => {
                    (Who::Agent { subject, agent }, None)
                }
                _ => proposer::before(cx, si, a),
            },
        };
        // A joint subject (張大山和李小河…要求…) proposes once per member.
        let others: Vec<(usize, usize)> = from_clause
            .map(|j| proposer::all_of_subject(cx, &cl.list[j].subject))
            .unwrap_or_default();
        let (who, direct) = match who {
            Who::Agent { subject, agent } => (named(subject, agent), true),
            _ if group.is_some() => (group?, true),
            // In a signed article a thing before the cue is its topicalized object (該條規定
            // 建議刪除): the author proposes.
            Who::Nobody if clause.subject == Subject::Thing && clause.predicate <= a => match cx.author {
                Some(author) => {
                    topicalized = true;
                    (named(author, author), false)
                }
                None => return None,
            },
            Who::Nobody => return None,
            Who::Elided => match carry(cx, si, a, out, here) {
                Some((subject, agent)) => (named(subject, agent), false),
                // A signed article's proposals without a subject are its author's.
                None => {
                    let author = cx.author.filter(|_| clause.predicate == a)?;
                    (named(author, author), false)
                }
            },
        };
        (who, direct, others)
    };
    // The next cue that opens a proposal of its own ends this one: at its clause, or at the
    // coordinator before it mid-clause.
    let next = cues[ci + 1..]
        .iter()
        .map(|n| n.a)
        .find(|&na| na > b && opens(na))
        .map(|na| {
            cl.at(na)
                .and_then(|k| coordinator_before(cx, cl.list[k].start, na))
                .unwrap_or(na)
        });
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
    // 修改主張普選的黨綱: a verb before the cue and a noun after 的 at the end of its object
    // make the cue part of a noun phrase, the object of that verb (what the party changes).
    let verb_before = v.token_ending_at(a).is_some_and(|t| {
        t.tag.starts_with('v')
            && t.end - t.start == 2
            && !v.lx.has_role(&t.word, Role::Speech)
            && v.cue_strength(t.start, t.end).is_none()
    });
    if verb_before {
        // (`c1` is already past the object's closing punctuation.)
        if let Some(t) = v.token_ending_at(c1) {
            if t.start > c0 && v.text[t.start - 1] == '的' && t.tag.starts_with('n') {
                return None;
            }
        }
    }
    // 提出質疑, 提出問題, 提出上訴: an assertion or a filing, not a proposal.
    if let Some(n) = v.word_with_role(c0, c1, Role::Assertion) {
        if c0 + n >= c1 || ends_phrase(v.text[c0 + n]) {
            return None;
        }
    }
    // 提出工傷認定申請, 提出關於債券上市交易的申請: what is put forward is a filing.
    if v.lx.has_role_chars(&simp[a..b], Role::Table) {
        let e = (c0..c1).find(|&i| ends_phrase(text[i])).unwrap_or(c1);
        if (1..=4).any(|n| e >= c0 + n && v.word_with_role(e - n, e, Role::Filing) == Some(n)) {
            return None;
        }
    }
    // 提出三點, 希望善良, 建議價格: a short object with no verb in it names no measure (封關,
    // 要求賠付 and 請求支援 have theirs).
    if short_without_verb(v, c0, c1) {
        return None;
    }
    // 希望能說服他…, 希望得到關照, 希望領取…, 期望自己…: a hope for the hoper's own lot asks nothing of
    // anyone. (A hope that names who should act, 希望政府…, 希望港人理解…, stays.)
    if c.strength == Strength::Soft && v.word_with_role(c0, c1, Role::SelfWish).is_some() {
        return None;
    }
    // 提出寶貴建議、給予支持, 提出明確要求。, 提出新部署, 提出離婚: the object is only the
    // noun of a cue or a filing (with words that make it one, 寶貴, 多項, 明確), which names
    // no measure.
    if names_no_measure(v, c0, c1) {
        return None;
    }
    // 提出要求：一是… / 提出以下建議：…: what follows the colon is proposed.
    let lead = v.s(c0, (c0 + 4).min(c1));
    let mut c0 = c0;
    if ["要求：", "建议：", "意见：", "倡议："]
        .iter()
        .any(|w| lead.starts_with(w))
    {
        c0 += 3;
    } else if lead.starts_with("要求") || lead.starts_with("多项建议") {
        // 提出要求…: the noun is a cue of its own.
        return None;
    }
    let frame = Frame {
        who,
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
        for &(subject, proposer) in others.iter().filter(|&&(_, p)| Some(MentionId(p)) != who.agent()) {
            let joint = Frame {
                who: named(subject, proposer),
                ..frame
            };
            here.push(joint.proposal(cx, it.span, rule, addressee));
        }
    }
    Some((frame, its.iter().filter_map(|it| it.ordinal).max()))
}

/// Is the object `c0..c1` only nouns of proposals or filings (建議, 要求, 部署, 訴求 …) with
/// their determiners, adjectives and 和, up to where it ends? Then the cue names what was
/// done, not a measure. Before a comma a bare noun still may lead into the measure
/// (提出建議，政府應…), so there only a determiner or an adjective makes it one; a count
/// announces a list that follows (提出四點要求。一是…), which goes on from this cue.
fn names_no_measure(v: &View, c0: usize, c1: usize) -> bool {
    let names = |a: usize, b: usize| {
        v.cue_strength(a, b).is_some()
            || v.lx.has_role(&v.s(a, b), Role::Assertion)
            || v.lx.has_role(&v.s(a, b), Role::CueHead)
    };
    // A word, or a set phrase ending with one (明確要求/l).
    let noun = |k: usize| {
        (2..=4)
            .filter(|n| k + n <= c1)
            .find(|&n| v.is_word(k, k + n) && names(k, k + n))
            .or_else(|| {
                let t = v.token_at(k).filter(|t| t.end <= c1 && t.end - t.start > 2)?;
                names(t.end - 2, t.end).then_some(t.end - k)
            })
    };
    let (mut k, mut modified, mut nouns) = (c0, false, 0);
    while k < c1 {
        if let Some(n) = noun(k) {
            (k, nouns) = (k + n, nouns + 1);
        } else if let Some(n) = v.word_with_role(k, c1, Role::NounMarker) {
            (k, modified) = (k + n, true);
        } else if let Some(t) = v.token_at(k).filter(|t| t.end <= c1 && t.tag == "a") {
            (k, modified) = (t.end, true);
        } else if nouns > 0 && matches!(v.text[k], '和' | '及' | '與' | '与' | '、') && noun(k + 1).is_some()
        {
            k += 1;
        } else {
            break;
        }
    }
    // (期望和|要求：…: the next cue's own proposal starts right after the conjunction.)
    let joined = k + 1 == c1 && matches!(v.text[k], '和' | '及' | '與' | '与' | '、');
    nouns > 0
        && (k >= c1
            || joined
            // (Not at a colon: 提出要求：… proposes what follows it.)
            || matches!(v.text[k], '。' | '；' | ';' | '！' | '!' | '？' | '?')
            || (modified && matches!(v.text[k], '，' | ',' | '、')))
}

/// Punctuation that ends the object of a cue, in full or half width (text from web pages
/// and PDFs keeps both: 提出上訴; …, 提出訴訟請求：…).
fn ends_phrase(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?'
    )
}

/// Is the object `c0..c1` four Han characters or fewer, with no verb (nor a set phrase, which
/// may be one) among its words? The segmenter's tags decide, and its dictionary tags some
/// verbs otherwise (前往/t, 做空/a): measured on 6,577 articles, about one in six of the
/// objects this drops was a measure.
fn short_without_verb(v: &View, c0: usize, c1: usize) -> bool {
    let han = (c0..c1).filter(|&i| crate::script::is_han(v.simp[i])).count();
    if han == 0 || han > 4 {
        return false;
    }
    // (A word of four characters is a set phrase, often a verb and its object whatever its
    // tag: 採取措施/nr, 挽回損失/n.)
    if v.tokens_over(c0, c1)
        .any(|t| t.tag.starts_with('v') || matches!(t.tag.as_str(), "l" | "i") || t.end - t.start >= 4)
    {
        return false;
    }
    // (Who is asked, then a word that is no common noun, asks them to do it whatever its tag:
    // 市民|上街/ns; not 政府|方案.)
    let asked = v
        .mention_at(c0, c1, &[Kind::Organization, Kind::Person])
        .map(|m| v.mentions[m].end)
        .or_else(|| context::group_words(v, c0, c1, |_| true).map(|g| g.1))
        .and_then(|end| v.token_at(end))
        .is_some_and(|t| t.end <= c1 && !matches!(t.tag.as_str(), "n" | "vn" | "nz" | "ng" | "x"));
    !asked
}

/// Does the first clause of `c0..c1` report something done: a verb with the perfective
/// 了 (對…進行了調查, 簽訂了責任書, 成立了領導小組)? Then the cue before it was a noun or
/// told what happened (按照要求，對…進行了…), and the words ask for nothing. (了 as a verb
/// or inside a word, 了解, 除了, 為了, is another word to the segmenter.)
fn reports_done(v: &View, c0: usize, c1: usize) -> bool {
    let clause = v
        .tokens_over(c0, c1)
        .take_while(|t| !v.text.get(t.start).copied().is_some_and(ends_phrase));
    let mut verb = false;
    for t in clause {
        // (At the clause's end 了 is the particle of a change, 不要再去打工了; before 才 or 就
        // it sets a condition, 煮熟了才能炸: both may still ask.)
        let perfective = v
            .text
            .get(t.end)
            .is_some_and(|&c| !ends_phrase(c) && !matches!(c, '才' | '就' | '再' | '」' | '”'))
            && t.end < c1;
        if verb && t.word == "了" && t.tag == "ul" && perfective {
            return true;
        }
        verb = t.tag.starts_with('v');
    }
    false
}

/// A coordinator (及, 並, 又) within a few characters before a cue at `x`, mid-clause
/// (…禁止出口以穩定供應及向國務院要求…): where it stands.
fn coordinator_before(cx: &Ctx, xs: usize, x: usize) -> Option<usize> {
    let v = cx.v;
    (xs.max(x.saturating_sub(8))..x)
        .filter(|&i| i > xs)
        .find(|&i| v.word_with_role(i, x, Role::Coordinator).is_some())
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

/// 部分媒體建議…, 多名議員亦要求…, 專家呼籲…: the group a common noun names that opens the
/// clause at `cs` (past openers, with a quantifier such as 多名, 部分) and ends right before
/// the cue `a..b` (past adverbs and time words). `start..end` of its words.
fn group_subject(cx: &Ctx, cs: usize, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let v = cx.v;
    let mut at = a;
    for _ in 0..3 {
        match v.token_ending_at(at).filter(|t| t.start >= cs) {
            Some(t) if matches!(t.tag.as_str(), "d" | "t") => at = t.start,
            _ => break,
        }
    }
    let start = super::clauses::skip_openers(v, cs, at);
    // (A quantifier read as an opener belongs to the group: 不少/d 家長.)
    let start = (start.saturating_sub(3).max(cs)..start)
        .find(|&i| v.word_with_role(i, start, Role::Unnamed) == Some(start - i))
        .unwrap_or(start);
    // (A quantifier, not a pronoun: 我們|積極響應政府號召 names nobody.)
    let mut words = match v.word_with_role(start, at, Role::Unnamed) {
        Some(n) if v.word_with_role(start, at, Role::Plural) == Some(n) => return None,
        Some(n) => start + n,
        None => start,
    };
    // (Or a count: 逾百名居民, 九成半社工, 近44%受訪者.)
    if v.token_at(words)
        .is_some_and(|t| t.end == words + 1 && t.end < at)
        && v.token_at(words + 1).is_some_and(|n| n.tag == "m")
    {
        words += 1;
    }
    for _ in 0..4 {
        match v.token_at(words).filter(|t| t.end < at) {
            // (一名乘客 is one person, not a group.)
            Some(t) if t.tag == "m" && v.simp[t.start] == '一' => return None,
            Some(t) if matches!(t.tag.as_str(), "m" | "q") || v.s(t.start, t.end) == "%" => words = t.end,
            _ => break,
        }
    }
    let (_, end) = context::group_words(v, words, at, |end| end == at)?;
    // Nouns only (not 我們積極響應|政府, 該|當事人), and no party to a case (被告保險公司,
    // 當事人: grammar role `boundary`), who argues rather than proposes.
    let nouns = v.tokens_over(words, end).all(|t| {
        (t.tag.starts_with('n') || matches!(t.tag.as_str(), "j" | "b"))
            && !v.lx.has_role(&t.word, Role::Boundary)
    });
    // What follows is not a condition (當事人請求…的，人民法院應予支持) nor advice to one
    // person (醫生建議他…): a group's proposal is a public one.
    let c0 = if matches!(v.text.get(b), Some('，' | '：' | ':')) {
        b + 1
    } else {
        b
    };
    let to_one = v.mention_at(c0, c0 + 4, &[Kind::Person, Kind::Pronoun]).is_some();
    let clause_end = (a..v.text.len())
        .find(|&i| matches!(v.text[i], '，' | '。' | '；' | '！' | '？'))
        .unwrap_or(v.text.len());
    let condition = clause_end > 0 && v.simp[clause_end - 1] == '的' && v.text.get(clause_end) == Some(&'，');
    // (政府, 當局 alone stand for the government written about, not for a group.)
    let body = v.lx.has_role_chars(v.chars(words, end), Role::Addressee);
    // (Nor a name's own words: 工聯會議員 names a body's members, who speak for it.)
    (nouns
        && !body
        && !to_one
        && !condition
        && !v.in_mention(start, end, &[Kind::Person, Kind::Organization, Kind::Pronoun]))
    .then_some((start, end))
}

/// 四五行動成員梁國雄則呼籲…, 代表多個團體的「民陣」昨呼籲…: a name right before the cue
/// (past adverbs, time words and a closing quote) in a clause whose subject the clause
/// reader could not name. Not a name after a preposition (向政府要求).
fn name_before(cx: &Ctx, cs: usize, a: usize) -> Option<(usize, usize)> {
    let v = cx.v;
    let mut at = a;
    for _ in 0..3 {
        if at > cs && matches!(v.text[at - 1], '」' | '』' | '”') {
            at -= 1;
            continue;
        }
        let Some(t) = v.token_ending_at(at).filter(|t| t.start >= cs) else {
            break;
        };
        if !matches!(t.tag.as_str(), "d" | "t") {
            break;
        }
        at = t.start;
    }
    // (An adverb the segmenter glued to the name: 梁國|雄則|呼籲.)
    let glued = at > cs && matches!(v.simp[at - 1], '则' | '又' | '亦' | '更' | '也');
    let m = (0..v.mentions.len()).rev().find(|&m| {
        let mm = &v.mentions[m];
        (mm.end == at || (glued && mm.end + 1 == at))
            && mm.start >= cs
            && matches!(mm.kind, Kind::Person | Kind::Organization | Kind::Pronoun)
    })?;
    let mut start = v.mentions[m].start;
    if start > cs && matches!(v.text[start - 1], '「' | '『' | '“') {
        start -= 1;
    }
    if v.token_ending_at(start)
        .is_some_and(|t| t.tag == "p" || v.lx.has_role(&t.word, Role::ObjectMarker))
    {
        return None;
    }
    Some((m, cx.agent(m)?))
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
    // (A group speaks only where it is written.)
    if let Some(p) = here.last() {
        return named_parts(p.proposer);
    }
    // A sentence whose own subject, written before the cue, names nobody (多個團體昨日請願，
    // 要求…) does not go on with the proposer of the sentence before.
    if cl.list[range.start..k]
        .iter()
        .any(|c| !c.quoted && matches!(c.subject, Subject::Thing | Subject::Unnamed))
    {
        return None;
    }
    let sentences = &v.doc.sentences;
    let block = sentences[si].block;
    // Do only semicolons part sentence `sj` from this one?
    let mut joined = true;
    for sj in (si.saturating_sub(2)..si).rev() {
        if sentences[sj].block != block {
            break;
        }
        joined = joined && sentences[sj].semicolon;
        // A run of proposals goes on, but not from a "should" of someone cited as an
        // example (部分媒體建議…，如《現代快報》指出，…需要…): the passage is not theirs.
        if let Some(p) = out.iter().rev().find(|p| p.sentence == sj) {
            let (mention, agent) = named_parts(p.proposer)?;
            let m = &v.mentions[mention];
            let mut b = m.start;
            if b > 0 && matches!(v.text[b - 1], '《' | '“' | '「' | '"') {
                b -= 1;
            }
            let cited = b > 0 && v.simp[b - 1] == '如';
            if cited && matches!(p.rule, Rule::SpeechModal | Rule::SpeechModalContinued) {
                return None;
            }
            return Some((mention, agent));
        }
        if !coordinated {
            // Clauses after a semicolon still report what the one who spoke before them
            // says (運房局又指，…；至於…，建議…).
            if !joined {
                return None;
            }
            return speech::speakers(cx, sj).last().map(|sp| (sp.subject, sp.agent));
        }
        // Its subject: the first after the last fresh start (a byline or kicker run into the
        // sentence is another passage).
        let mut first = None;
        for kj in cl.of_sentence[sj].clone() {
            let c = &cl.list[kj];
            if c.fresh {
                first = None;
            }
            if c.quoted || first.is_some() {
                continue;
            }
            if let Who::Agent { subject, agent } = proposer::of_subject(cx, &c.subject, c.end) {
                first = Some((subject, agent));
            }
        }
        if first.is_some() {
            return first;
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
        // A list that starts again (入院診斷：1、…；2、…) is another one: the open list
        // is over.
        if n <= open.ordinal {
            *list = None;
        }
        return false;
    }
    let c1 = trim_end(v.text, p + len, s.end);
    // One enumerated item, however many measures it names.
    let its = items::split_with(cx, p + len, c1, false);
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
    use super::{Addressee, Strength};
    use crate::facts::testing::{analyze, proposals, proposes};

    #[test]
    fn the_proposer_is_the_subject_after_its_title_chain() {
        // Traditional: the organization in the title is not the proposer.
        let a = analyze("【本報訊】全國政協委員、香港中華總商會會長陳大文昨日建議特區政府設立創科基金。");
        assert_eq!(
            proposals(&a),
            [("陳大文".to_string(), "特區政府設立創科基金".to_string())]
        );
        // Simplified, with a commas between the subject and the cue.
        let a = analyze("全国人大代表、深圳市律师协会会长王建国在会上表示，建议尽快修订相关法规。");
        assert!(proposes(&a, "王建国", "尽快修订相关法规"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_cue_whose_object_is_only_the_noun_of_a_cue_proposes_nothing() {
        for text in [
            "澳門特區政府對本澳發展持續提出寶貴建議、給予大力支持。",
            "澳门特区政府对本澳发展持续提出宝贵建议、给予大力支持。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        let a = analyze("澳門特區政府持續提出寶貴建議，例如設立創科基金。");
        assert!(
            proposals(&a).iter().all(|(_, t)| !t.starts_with("寶貴")),
            "{:?}",
            proposals(&a)
        );
    }

    #[test]
    fn a_cue_whose_object_only_names_a_demand_or_a_filing_proposes_nothing() {
        for text in [
            "李曉英對下一步工作提出明確要求。",
            "李晓英对下一步工作提出明确要求。",
            "南寧市公安局黨委提出新部署。",
            "南宁市公安局党委提出新部署。",
            "全國工商聯提出建議。",
            "全国工商联提出建议。",
            "委員王大明就議案提出意見和建議。",
            "委员王大明就议案提出意见和建议。",
            "王某提出離婚，妻子同意。",
            "王某提出离婚，妻子同意。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // A count announces the list that follows, which still goes on from the cue.
        for text in [
            "章建華對下一步工作提出四點要求。一是堅持安全第一，要認識到安全關係企業生存。二是深化改革，要明確目標，注重實效。",
            "章建华对下一步工作提出四点要求。一是坚持安全第一，要认识到安全关系企业生存。二是深化改革，要明确目标，注重实效。",
        ] {
            let a = analyze(text);
            assert!(proposals(&a).iter().any(|(_, t)| t.contains("明")), "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn a_short_object_without_a_verb_or_a_filing_before_half_width_punctuation_proposes_nothing() {
        for text in [
            "張志明在會上提出三點。",
            "王某不服判決，提出上訴;法院駁回。",
            "王某不服判决，提出上诉;法院驳回。",
            "李教授建議價格。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // A short object with a verb is a measure.
        let a = analyze("民主黨主席張志明昨日主張封關。");
        assert!(proposes(&a, "張志明", "封關"), "{:?}", proposals(&a));
        // So is one that names who is asked and what they do, whatever the segmenter's tag
        // (上街/ns); not one that names who and a thing (政府方案).
        for (text, who) in [
            ("支聯會主席司徒華呼籲市民上街。", "司徒華"),
            ("支联会主席司徒华呼吁市民上街。", "司徒华"),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, who, "市民上街"), "{text}");
            // …and the group is who is asked.
            let p = &a.facts.proposals[0];
            let to = match p.addressee {
                Some(Addressee::Group((s, e))) => a.doc.slice(s, e),
                _ => String::new(),
            };
            assert_eq!(to, "市民", "{text}");
        }
        assert_eq!(proposals(&analyze("李教授提出政府方案。")), [], "政府方案");
    }

    #[test]
    fn a_question_proposes_nothing_but_a_quoted_one_after_the_cue_may() {
        for text in [
            "專家陳大文問，學校應該採取哪些措施呢？",
            "专家陈大文问，学校应该采取哪些措施呢?",
            "陳大文為何要建議政府加稅？",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        let a = analyze("議員陳大文建議政府擴建醫院，他說：「咁病人點算呢？」");
        assert!(proposes(&a, "陳大文", "政府擴建醫院"), "{:?}", proposals(&a));
    }

    #[test]
    fn the_defence_and_the_court_argue_but_a_party_demands() {
        for text in [
            "被告人王大明的辯護人提出，被告人係初犯，請求法庭從輕處罰。",
            "被告人王大明的辩护人提出，被告人系初犯，请求法庭从轻处罚。",
            "公訴機關建議對被告人王大明判處有期徒刑三年。",
            "本院認為，被告王大明應當承擔賠償責任。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        let a = analyze("原告李小紅向法院提起訴訟，要求被告賠償損失五萬元。");
        assert!(proposes(&a, "李小紅", "被告賠償損失"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_cue_in_a_title_or_before_the_copula_is_a_noun() {
        for text in [
            "交通運輸部近日發布了行業標準《城市公共汽電車車輛專用安全設施技術要求》(JT/T1240—2019)，其中規定了防護隔離設施的高度。",
            "交通运输部近日发布了行业标准《城市公共汽电车车辆专用安全设施技术要求》(JT/T1240—2019)，其中规定了防护隔离设施的高度。",
            "姚木根說，領導幹部每年度需要集中報告上一年度的事項。其次，報告個人有關事項的基本要求是「如實報告」，包括不得漏報。",
            "姚木根说，领导干部每年度需要集中报告上一年度的事项。其次，报告个人有关事项的基本要求是“如实报告”，包括不得漏报。",
        ] {
            let a = analyze(text);
            assert!(proposals(&a).iter().all(|(_, t)| !t.contains("報告」") && !t.contains("报告”") && !t.contains("JT")), "{:?}", proposals(&a));
        }
    }

    #[test]
    fn a_list_that_starts_again_closes_the_open_one() {
        for text in [
            "蘇莉的上訴請求：1、撤銷一審判決第六項；2、訴訟費由被上訴人負擔。胡某入院治療，入院診斷：1、左脛腓骨下端骨折；2、右恥骨骨折；3、腰痛。",
            "苏莉的上诉请求：1、撤销一审判决第六项；2、诉讼费由被上诉人负担。胡某入院治疗，入院诊断：1、左胫腓骨下端骨折；2、右耻骨骨折；3、腰痛。",
        ] {
            let a = analyze(text);
            assert!(proposes(&a, "蘇莉", "撤銷一審判決第六項") || proposes(&a, "苏莉", "撤销一审判决第六项"), "{:?}", proposals(&a));
            assert!(proposals(&a).iter().all(|(_, t)| !t.contains("腰痛")), "{:?}", proposals(&a));
        }
    }

    #[test]
    fn a_passive_cue_with_an_agent_nobody_names_has_no_proposer() {
        for text in [
            "海南椰樹集團的廣告詞引發爭議，被消費者呼籲應當將椰樹廣告歸進掃黃打非範疇。",
            "海南椰树集团的广告词引发争议，被消费者呼吁应当将椰树广告归进扫黄打非范畴。",
        ] {
            let a = analyze(text);
            assert!(
                proposals(&a).iter().all(|(p, _)| !p.contains("椰")),
                "{:?}",
                proposals(&a)
            );
        }
        // A defendant (被告) is no passive.
        let a = analyze("被告中國移動武漢分公司要求法院駁回原告的訴訟請求。");
        assert!(!proposals(&a).is_empty(), "{:?}", proposals(&a));
    }

    #[test]
    fn nobody_proposes_to_themselves() {
        for text in [
            "墨菲說，自己的支票賬戶已經空了的時候，打電話者建議她利用她的一個退休賬戶。",
            "墨菲说，自己的支票账户已经空了的时候，打电话者建议她利用她的一个退休账户。",
        ] {
            let a = analyze(text);
            assert!(
                proposals(&a).iter().all(|(p, _)| p != "墨菲"),
                "{:?}",
                proposals(&a)
            );
        }
    }

    #[test]
    fn a_complaint_filed_is_no_proposal() {
        for text in [
            "2017年1月，王某向知識產權保護平台提出申訴，經平台審核，申訴成立。",
            "2017年1月，王某向知识产权保护平台提出申诉，经平台审核，申诉成立。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
    }

    #[test]
    fn a_source_cited_as_an_example_does_not_carry_into_the_next_sentence() {
        for text in [
            "部分媒体建议一方面需要从立法上确定惩罚力度，如《现代快报》指出，惩治手段有待于丰富，法律空白需要填补；另一方面，建议加强对线下无良医疗机构的治理。",
            "部分媒體建議一方面需要從立法上確定懲罰力度，如《現代快報》指出，懲治手段有待於豐富，法律空白需要填補；另一方面，建議加強對線下無良醫療機構的治理。",
        ] {
            let a = analyze(text);
            assert!(
                proposals(&a).iter().all(|(_, t)| !t.contains("機構") && !t.contains("机构")),
                "{:?}",
                proposals(&a)
            );
        }
    }

    #[test]
    fn a_subject_carries_over_commas_but_not_over_a_thing_or_a_subheading() {
        // 教協 is the topic of the clauses before the cue; 罷工 is a thing, not a proposer.
        let a = analyze("曾發起遊行的教協，下月將舉行大會，雖然工潮未完，但仍促請當局減少考試。");
        assert!(proposes(&a, "教協", "當局減少考試"), "{:?}", proposals(&a));
        // Unnamed people before the cue are not the speaker before them: they propose as
        // a group.
        let a = analyze("立法會議員陳大文表示，多名議員要求政府撤回方案。");
        assert_eq!(
            proposals(&a),
            [("多名議員".to_string(), "政府撤回方案".to_string())]
        );
    }

    #[test]
    fn a_name_right_before_the_cue_when_the_clause_has_no_subject() {
        let a = analyze("代表四十多個團體的「民間人權陣線」昨呼籲市民參加遊行。");
        assert!(
            proposes(&a, "民間人權陣線", "市民參加遊行"),
            "{:?}",
            proposals(&a)
        );
        // A clause that opens with the tail of a broken quotation: no subject read.
        let a = analyze("2017年」工会成员梁国雄则呼吁市民参加游行。");
        assert!(proposes(&a, "梁国雄", "市民参加游行"), "{:?}", proposals(&a));
        // An adverb glued to the name by the segmenter (梁國|雄則|呼籲).
        let a = analyze("2 3條」四五行動成員梁國雄則呼籲市民參加遊行。");
        assert!(proposes(&a, "梁國雄", "市民參加遊行"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_person_after_a_title_the_segmenter_broke() {
        // 國民教育/l 關注/v 組/zg 發起人: the title chain is not one noun phrase.
        let a = analyze("國民教育關注組發起人陳大文形容今次行動小勝一仗，但抗爭未完，呼籲市民明日參加集會。");
        assert!(proposes(&a, "陳大文", "市民明日參加集會"), "{:?}", proposals(&a));
        let a = analyze("国民教育关注组发起人陈大文形容这次行动小胜一仗，但抗争未完，呼吁市民明日参加集会。");
        assert!(proposes(&a, "陈大文", "市民明日参加集会"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_relative_clause_before_the_proposer() {
        let a = analyze("一直主張減收學費的教育界議員張志強昨日在電台發言。");
        assert!(proposes(&a, "張志強", "減收學費"), "{:?}", proposals(&a));
    }

    #[test]
    fn denied_and_quoted_cues_are_not_proposals() {
        let a = analyze("民主黨主席李大明表示，不會要求政府延長諮詢期。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
        let a = analyze("民主黨主席李大明說：「有人建議我們退出，我們不會考慮。」");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
    }

    #[test]
    fn addressees_of_urging_and_of_proposing_to() {
        let a = analyze("工聯會會長吳秋北昨日促請特區政府盡快推出失業援助。");
        let p = &a.facts.proposals[0];
        let to = p.addressee.and_then(Addressee::mention).expect("named");
        assert_eq!(a.linked.entity(to).unwrap().label, "香港特別行政區政府");
        let a = analyze("全国政协委员张华向国家发改委提出，加快建设西部陆海新通道。");
        let p = &a.facts.proposals[0];
        let to = p.addressee.and_then(Addressee::mention).expect("named");
        assert_eq!(a.linked.entity(to).unwrap().label, "国家发改委");
        // A party's label before the name asked (要求被告X…).
        for (text, name) in [
            ("原告王大明要求被告李小明立即停止侵權行為並公開道歉。", "李小明"),
            ("原告王大明要求被告李小明立即停止侵权行为并公开道歉。", "李小明"),
        ] {
            let a = analyze(text);
            let p = &a.facts.proposals[0];
            let to = p.addressee.and_then(Addressee::mention).expect("named");
            assert_eq!(a.linked.entity(to).unwrap().label, name, "{text}");
        }
    }

    #[test]
    fn the_one_told_what_to_do_and_a_letters_recipient_are_addressees() {
        let to = |text: &str| {
            let a = analyze(text);
            let p = a
                .facts
                .proposals
                .first()
                .unwrap_or_else(|| panic!("no proposal in {text}"));
            match p.addressee {
                Some(Addressee::Named(m)) => a.linked.entity(m).unwrap().label.clone(),
                Some(Addressee::Group((s, e))) => a.doc.slice(s, e),
                None => String::new(),
            }
        };
        // The subject of the content's first should, opening its clause.
        assert_eq!(to("陳大文建議，除非有健康證明，當局應禁止任何人入境。"), "當局");
        assert_eq!(to("陳大文建議，如果疫情惡化，衞生署應即時停課。"), "衞生署");
        // The recipient of a letter, when the cue opens the next clause and names nobody.
        assert_eq!(to("李小明昨日去信行政長官林鄭月娥，要求撤回條例。"), "林鄭月娥");
        assert_eq!(to("李小明昨日去信行政長官林鄭月娥，要求政府撤回條例。"), "政府");
        // A name inside a group (各級|法院) is not the one told.
        assert_ne!(to("周強要求，各級法院要保障律師的知情權。"), "最高人民法院");
        // A group asked with its words quoted, or after what distinguishes it, when it is
        // then told what to do.
        assert_eq!(to("工信部再次要求運營商“提速降費”。"), "運營商");
        assert_eq!(to("工信部再次要求运营商“提速降费”。"), "运营商");
        assert_eq!(to("衞生署呼籲14天內曾到湖北省的市民主動聯絡衞生署。"), "市民");
        assert_eq!(to("卫生局呼吁14天内曾到湖北省的市民主动联络卫生局。"), "市民");
        assert_eq!(to("陳大文建議，積分不高的家長要提前了解招生信息。"), "家長");
        // Not when a verb follows it (the group is whose), nor after a preposition.
        assert_eq!(to("陳大文建議，去上海的醫院探望父親。"), "");
        assert_eq!(to("陈大文建议向有需要的市民派发口罩。"), "");
    }

    #[test]
    fn a_group_right_before_a_cue_proposes_when_nobody_is_named() {
        for (text, who) in [
            ("不少家長希望學校延長午膳時間。", "不少家長"),
            ("九成半社工要求政府先行撤回國民教育科。", "九成半社工"),
            ("逾百名居民昨日要求政府擱置清拆。", "逾百名居民"),
            ("部分媒體建議加強對線下無良醫療機構的治理。", "部分媒體"),
            ("多名議員要求政府暫緩清拆行動。", "多名議員"),
            ("網民紛紛呼籲加強監管競價排名。", "網民"),
            ("多名伤者家属要求涉事企业赔偿。", "多名伤者家属"),
            ("被害人家屬請求不予追究劉某的刑事責任。", "被害人家屬"),
        ] {
            let a = analyze(text);
            assert_eq!(proposals(&a).first().map(|p| p.0.as_str()), Some(who), "{text}");
        }
        // A name still wins (民建聯議員: the party's members speak for it).
        let a = analyze("民建聯議員昨日建議政府派發口罩。");
        assert_eq!(proposals(&a)[0].0, "民建聯");
        // Not a pronoun, a party to a case, a condition, advice to one person, or the
        // government written about.
        for text in [
            "我們積極響應政府號召，迅速簽訂合同。",
            "被告保險公司要求減少賠償金額。",
            "當事人請求駕駛培訓單位承擔賠償責任的，人民法院應予支持。",
            "醫生建議他做一個檢查。",
            "一名乘客要求司機在馬路中間停車。",
            "政府又建議大老山隧道試驗假期減價。",
        ] {
            let a = analyze(text);
            assert!(
                a.facts.proposals.iter().all(|p| p.proposer.agent().is_some()),
                "{text}: {:?}",
                proposals(&a)
            );
        }
    }

    #[test]
    fn a_courts_should_is_a_ruling() {
        let a = analyze("蕭山區人民法院認為，被告應當承擔侵權責任。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
        // What it proposes with a cue stays (a judicial proposal).
        let a = analyze("蕭山區人民法院建議有關部門加強對網絡平台的監管。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn what_was_done_is_no_proposal() {
        let a = analyze("市工商局副局長王大明要求，對市區21家商貿企業進行了一次全面調查。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
        // 了 ending a clause or setting a condition still asks.
        let a = analyze("市消委會主任王大明提醒，湯圓要煮熟了才能下鍋炸。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
        let a = analyze("村民王大明希望兒子不要再去外地打工了，留在家裏照顧母親。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn a_should_said_to_be_hard_asks_for_nothing() {
        for text in [
            "特首陳大文昨日表示，要收緊自由行「並不容易」。",
            "特首陈大文昨日表示，要收紧自由行「并不容易」。",
            "行長王大明表示，全部要回來可能會比較困難。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // The should of a clause of its own stays, though a later clause says something is hard.
        let a = analyze("律師王大明表示，平台要承擔責任，但追討欠款會比較困難。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn a_should_a_law_states_is_a_requirement_quoted() {
        for text in [
            "議員陳大文指出，《基本法》訂明本港政制應循序漸進。",
            "议员陈大文指出，《基本法》订明本港政制应循序渐进。",
            "律師王大明表示，條例規定僱主必須為僱員購買保險。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // A should about a rule, after it, stays.
        let a = analyze("議員陳大文指出，政府應修改有關規定。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn what_someone_may_ask_is_no_proposal() {
        for text in [
            "律師王大明說，李某可以要求保險公司在限額內予以賠償。",
            "律师王大明说，李某可以要求保险公司在限额内予以赔偿。",
            "律師王大明說，當事人對結果有異議，可提出復議申請。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        let a = analyze("律師王大明要求保險公司在限額內予以賠償。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn a_call_answered_is_no_proposal() {
        for text in [
            "今年，碧桂園響應鄉村振興號召，將扶貧工作確立為雙主業之一。",
            "今年，碧桂园响应乡村振兴号召，将扶贫工作确立为双主业之一。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // The call itself is a proposal.
        let a = analyze("國務院號召全國青年積極投身鄉村振興。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn a_rule_quoted_after_a_colon_runs_to_the_sentence_end() {
        for text in [
            "律師王大明說，新刑訴法僅規定：證人因作證而支出的交通費用，應當給予補助。",
            "律师王大明说，新刑诉法仅规定:证人因作证而支出的交通费用，应当给予补助。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // The speaker's own should in the next sentence stays.
        let a = analyze("律師王大明說，條例規定：僱主須購買保險。他認為，政府應加強執法。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn yao_before_bu_or_xiang_is_a_conjunction() {
        for text in [
            "王大明說，要不你就開車，要不你就編程序。",
            "王大明说，要想读者喜欢读，关键在于作者本人。",
            "王大明說，要不一放炮的時候，也聽不清楚。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // 要想辦法 (find a way to) asks.
        for text in [
            "王大明表示，政府要想办法解决停车难问题。",
            "王大明表示，政府要想辦法解決停車難問題。",
        ] {
            let a = analyze(text);
            assert_eq!(proposals(&a).len(), 1, "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn a_hope_after_the_copula_is_a_motive_explained() {
        for text in [
            "議員陳大文指局長王小明不斷引用民調，是希望借市民的心態對抗反對派。",
            "议员陈大文指局长王小明不断引用民调，是希望借市民的心态对抗反对派。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
    }

    #[test]
    fn a_hope_for_the_hopers_own_lot_is_no_proposal() {
        for text in [
            "村民王大明希望能盡快拿到賠償金，重新撐起這個家。",
            "村民王大明希望能尽快拿到赔偿金，重新撑起这个家。",
            "被告人王大明希望得到對方的原諒。",
            "被告人王大明希望得到对方的原谅。",
            "歌手王大明期望自己能夠跟隨內心，做出正確的選擇。",
            "退休教師王大明一直希望領取高齡津貼。",
            "退休教师王大明一直希望领取高龄津贴。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // A hope that names who should act stays, in both scripts.
        for text in [
            "村民王大明希望政府盡快修建道路。",
            "村民王大明希望政府尽快修建道路。",
        ] {
            assert_eq!(proposals(&analyze(text)).len(), 1, "{text}");
        }
    }

    #[test]
    fn a_group_a_common_noun_names_is_the_addressee_when_nobody_is_named() {
        let group = |text: &str| {
            let a = analyze(text);
            let p = a
                .facts
                .proposals
                .first()
                .unwrap_or_else(|| panic!("no proposal in {text}"));
            match p.addressee {
                Some(Addressee::Group((s, e))) => Some(a.doc.slice(s, e)),
                _ => None,
            }
        };
        assert_eq!(
            group("全國政協委員陳大文建議有關部門加強監管網上平台。").as_deref(),
            Some("有關部門")
        );
        assert_eq!(
            group("律师王强指出，公安机关必须依法处理此类案件。").as_deref(),
            Some("公安机关")
        );
        assert_eq!(group("議員黃小明呼籲市民明日參加集會。").as_deref(), Some("市民"));
        // 相關 is tagged a verb, but modifies the group (相關|主管機構).
        assert_eq!(
            group("教授冯丙奇建议，相关主管机构应出台信息检索法案。").as_deref(),
            Some("相关主管机构")
        );
        assert_eq!(
            group("教授馮丙奇建議，相關主管機構應出台信息檢索法案。").as_deref(),
            Some("相關主管機構")
        );
        assert_eq!(
            group("校長王大明希望家長們對家庭教育要加強學習。").as_deref(),
            Some("家長們")
        );
        // The segmenter tags some verb phrases as idioms (結合實際/l, 轉變觀念) or adjectives.
        assert_eq!(
            group("中共中央辦公廳要求各地區各部門結合實際認真貫徹落實。").as_deref(),
            Some("各地區各部門")
        );
        assert_eq!(
            group("議員黃小明向有關部門提出，盡快檢討收費。").as_deref(),
            Some("有關部門")
        );
        // Adverbs the segmenter tags otherwise (即時/c, 依法/n) or as adverbial adjectives.
        for (text, who) in [
            ("民主黨主席胡志偉要求當局即時全面禁止非香港居民入境。", "當局"),
            ("金融管理部门建议电信主管部门依法关闭其网站。", "电信主管部门"),
            ("議員黃小明促請有關部門積極跟進。", "有關部門"),
        ] {
            assert_eq!(group(text).as_deref(), Some(who), "{text}");
        }
        // A compound with a verb-noun is no group asked to act (行業發展規劃).
        assert_eq!(group("全國政協委員陳大文提出行業發展規劃應以創新為本。"), None);
        // A verb first makes it the content's verb (加強監管部門的…).
        assert_eq!(group("全國政協委員陳大文建議加強監管部門之間的協調。"), None);
    }

    #[test]
    fn listed_items_become_one_proposal_each() {
        // A counted list of 、 after a header.
        let a = analyze("教育界議員葉大雄提出三項建議：增加教師人手、推行小班教學及延長暑假。");
        let texts: Vec<String> = proposals(&a).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["增加教師人手", "推行小班教學", "延長暑假"]);
        // 包括…，及… and 又/或 open further items.
        let a = analyze("議員黃小明促請局長徹查事件，包括公開會議紀錄，及向受影響市民道歉。");
        let texts: Vec<String> = proposals(&a).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["局長徹查事件", "公開會議紀錄", "及向受影響市民道歉"]);
        let a = analyze("测量师刘伟建议，政府可降低土地拍卖底价，或增加开发商利润。");
        assert_eq!(proposals(&a).len(), 2, "{:?}", proposals(&a));
        // A condition opens a further demand when it asks for something (則要…), not when it
        // gives the benefit of the one before (就可以…), in both scripts.
        for (text, n) in [
            (
                "議員陳大文建議政府加強檢疫；若是港人由內地返港，則要接受14日家居隔離。",
                2,
            ),
            (
                "议员陈大文建议政府加强检疫；若是港人由内地返港，则要接受14日家居隔离。",
                2,
            ),
            (
                "主席王大明認為政府應將舊公屋用地作為公屋發展，如果重建公屋，就可以解決用地問題。",
                1,
            ),
            (
                "主席王大明认为政府应将旧公屋用地作为公屋发展，如果重建公屋，就可以解决用地问题。",
                1,
            ),
        ] {
            assert_eq!(
                proposals(&analyze(text)).len(),
                n,
                "{text}: {:?}",
                proposals(&analyze(text))
            );
        }
    }

    #[test]
    fn enumerations_over_sentences() {
        // 一是…。二是…。三是…: the same proposer, one proposal per item.
        let a = analyze(
            "市人大常委会主任李红对今后工作提出要求：一是要加强宣传教育。二是要完善长效机制。三是要加大执法力度。",
        );
        let p = proposals(&a);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p.iter().all(|(who, _)| who == "李红"), "{p:?}");
        assert!(p[2].1.contains("加大执法力度"), "{p:?}");
        // ①②③ and 第一/第二 in one sentence.
        let a = analyze("專家委員會主席陳明建議：①延長開放時間；②增設夜班巴士；③擴建停車場。");
        assert_eq!(proposals(&a).len(), 3, "{:?}", proposals(&a));
        let a = analyze("商會會長林強建議，第一，簡化審批程序，第二，減免首年租金。");
        let texts: Vec<String> = proposals(&a).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["簡化審批程序", "減免首年租金"], "{texts:?}");
    }

    #[test]
    fn semicolons_and_coordinated_cues_go_on_with_the_proposer() {
        let a = analyze("經民聯主席盧偉國建議增加土地供應；加快審批公營房屋。他又建議放寬人才簽證。");
        let p = proposals(&a);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p.iter().all(|(who, _)| who == "盧偉國"), "{p:?}");
    }

    #[test]
    fn a_cue_after_a_semicolon_is_the_speaker_before_it() {
        for (text, who, what) in [
            (
                "運輸署又指，豁免巴士隧道費每年涉款約2.8億元；至於代繳隧道費安排，建議由明年起實施。",
                "運輸署",
                "由明年起實施",
            ),
            (
                "交通运输部又指，豁免巴士隧道费每年涉款约2.8亿元；至于代缴隧道费安排，建议由明年起实施。",
                "交通运输部",
                "由明年起实施",
            ),
        ] {
            let a = analyze(text);
            assert_eq!(proposals(&a), [(who.to_string(), what.to_string())], "{text}");
        }
        // Without a speaker the clause after the semicolon has nobody to carry.
        let a = analyze("隧道費每年涉款約2.8億元；至於代繳隧道費安排，建議由明年起實施。");
        assert_eq!(proposals(&a), [], "no speaker");
    }

    #[test]
    fn no_proposer_carried_into_a_sentence_without_a_link() {
        // The second sentence has no subject, pronoun, coordinator or list marker.
        let a = analyze("立法會議員陳大文昨日出席論壇。建議恢復定期賣地的聲音愈來愈多。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
    }

    #[test]
    fn reported_speech_with_a_should_is_the_speakers_soft_proposal() {
        let a = analyze("中國人民大學教授吳小平指出，特區政府應盡快完善相關法規。");
        let p = &a.facts.proposals[0];
        assert_eq!(proposals(&a)[0].0, "吳小平");
        assert_eq!(
            a.doc.slice(p.content.0, p.content.1),
            "特區政府應盡快完善相關法規"
        );
        assert_eq!(p.strength, Strength::Soft);
        // The should-clause's subject is whom it is asked of.
        assert!(p.addressee.is_some());
        // A speaker's words go on in the next sentences that open with a should.
        let a = analyze("市委书记王刚强调，今年是关键一年。要抓好安全生产；要加强队伍建设。");
        let p = proposals(&a);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p.iter().all(|(who, _)| who == "王刚"), "{p:?}");
        // A should that foretells is not asked for.
        let a = analyze("中國人民大學教授吳小平指出，項目可能要延遲三年。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
        // Nor one that frames what follows, asks a question or guesses.
        for text in [
            "中國人民大學教授吳小平指出，應該說，這種情況確實存在。",
            "中國人民大學教授吳小平表示，售票員會問你要不要買保險。",
            "中國人民大學教授吳小平認為，數碼電視的政策環境應該會越來越好。",
            "中國人民大學教授吳小平認為，這個方案應該不會有問題。",
            "中國人民大學教授吳小平表示，明年的預算應該沒有問題。",
        ] {
            let a = analyze(text);
            assert!(proposals(&a).is_empty(), "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn a_should_before_a_verb_the_segmenter_tagged_as_a_noun() {
        // 應行使/n: after 應 the word is asked for, whatever its tag.
        let a = analyze("法學教授吕明说，检察机关应行使公诉权。");
        assert!(
            proposes(&a, "吕明", "检察机关应行使公诉权"),
            "{:?}",
            proposals(&a)
        );
        let a = analyze("法學教授呂明說，檢察機關應行使公訴權。");
        assert!(
            proposes(&a, "呂明", "檢察機關應行使公訴權"),
            "{:?}",
            proposals(&a)
        );
    }

    #[test]
    fn a_denied_should_is_a_view_not_a_proposal() {
        let a = analyze("食物及衞生局局長陳大文表示，新措施不應影響香港的自由貿易地位。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
        let a = analyze("卫生局局长陈大文表示，新措施不应影响自由贸易。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
    }

    #[test]
    fn a_commentarys_unattributed_shoulds_are_its_commentators() {
        for (text, who) in [
            (
                "香港商報評論員 蘇信\n香港經濟面對挑戰。香港須進一步擴大國際聯繫。",
                "蘇信",
            ),
            (
                "半月谈评论员 郝娴宇\n短视频平台乱象频出。平台应切实维护内容生产秩序。",
                "郝娴宇",
            ),
        ] {
            let a = analyze(text);
            assert!(
                proposals(&a).iter().any(|(p, _)| p == who),
                "{text}: {:?}",
                proposals(&a)
            );
        }
        // Without a commentator, such a should is nobody's.
        let a = analyze("香港經濟面對挑戰。香港須進一步擴大國際聯繫。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
    }

    #[test]
    fn a_filing_put_forward_is_no_proposal() {
        for text in [
            "工人王大明向市人社局提出工傷認定申請，該局已受理。",
            "工人王大明向市人社局提出工伤认定申请，该局已受理。",
            "深圳能源集團提出關於本期債券上市交易的申請。",
            "原告王大明向本院提出訴訟請求：判令被告支付貨款9700元。",
            "原告王大明向本院提出诉讼请求：判令被告支付货款9700元。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // A measure that ends with such a noun is still proposed (要求法院駁回上訴).
        let a = analyze("律師王大明要求法院駁回上訴。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn a_hope_held_in_a_story_is_no_proposal() {
        // The durative 着 tells a state of mind (希望着, 期盼着), not a proposal made.
        for text in [
            "老人陳大文每天都期盼著戰火平息，生計慢慢好起來。",
            "老人陈大文每天都期盼着战火平息，生计慢慢好起来。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        let a = analyze("老人陈大文期盼战火早日平息。");
        assert_eq!(proposals(&a).len(), 1, "{:?}", proposals(&a));
    }

    #[test]
    fn in_a_case_a_partys_claim_is_no_proposal() {
        for text in [
            "原告王大明訴稱，被告拖欠工程款。王大明主張實際還款截止至2012年4月，本院不予採信。",
            "原告王大明诉称，被告拖欠工程款。王大明主张实际还款截止至2012年4月，本院不予采信。",
        ] {
            let a = analyze(text);
            assert!(
                proposals(&a)
                    .iter()
                    .all(|(_, t)| !t.contains("還款") && !t.contains("还款")),
                "{text}: {:?}",
                proposals(&a)
            );
        }
        // Outside a case, 主張 advocates.
        let a = analyze("民建聯主張盡快落實普選。");
        assert!(proposes(&a, "民建聯", "盡快落實普選"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_should_after_a_verb_of_intending_is_a_plan_not_a_proposal() {
        for text in [
            "村民王大明表示，他已決定要還清這筆錢。",
            "村民王大明表示，他已决定要还清这笔钱。",
            "村民王大明說，她下決心要搬回老家。",
            "村民王大明说，她下决心要搬回老家。",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        let a = analyze("村民王大明表示，政府要盡快修建道路。");
        assert!(
            proposes(&a, "王大明", "政府要盡快修建道路"),
            "{:?}",
            proposals(&a)
        );
    }

    #[test]
    fn a_should_of_the_speaker_alone_is_what_they_will_do_not_a_proposal() {
        for text in [
            "村民王大明表示，他要把失去的時間都找回來。",
            "村民王大明表示，她要争当村里的养殖大户。",
            "村民王大明說：「我一定要擠出時間來。」",
            "村民王大明说：“我要去查一下身体。”",
            "村民王大明表示，自己每個月都要存一半工資。",
            "村民王大明說：「我的生活應該算挺枯燥的。」",
        ] {
            assert_eq!(proposals(&analyze(text)), [], "{text}");
        }
        // He should (應, 必須) still asks; so do we, and what the speaker will do is to ask.
        for (text, content) in [
            ("村民王大明表示，他應該盡快辭職。", "他應該盡快辭職"),
            ("村民王大明表示，我們要加快修建道路。", "我們要加快修建道路"),
            ("村民王大明表示，我也要再次提醒市民切勿購買象牙。", "切勿購買象牙"),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, "王大明", content), "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn a_proposal_ends_where_its_proposer_goes_on_to_say_something_else() {
        let a = analyze("縣政府其後要求六人支付搜救費用，並指他們擅闖未開放路段，另罰款六千元。");
        assert!(proposes(&a, "縣政府", "支付搜救費用"), "{:?}", proposals(&a));
        assert!(
            !proposals(&a)
                .iter()
                .any(|(_, t)| t.contains("擅闖") || t.contains("罰款")),
            "{:?}",
            proposals(&a)
        );
        let a = analyze("县政府其后要求六人支付搜救费用，并指他们擅闯未开放路段，另罚款六千元。");
        assert!(proposes(&a, "县政府", "支付搜救费用"), "{:?}", proposals(&a));
        assert!(
            !proposals(&a)
                .iter()
                .any(|(_, t)| t.contains("擅闯") || t.contains("罚款")),
            "{:?}",
            proposals(&a)
        );
    }

    #[test]
    fn a_thing_a_relative_clause_ends_in_proposes_nothing() {
        for text in [
            "如《廣西日報》稱，百度將醫療廣告遷移至移動端的做法提醒監管部門，要採取全平台監管模式。",
            "如《广西日报》称，百度将医疗广告迁移至移动端的做法提醒监管部门，要采取全平台监管模式。",
        ] {
            let p = proposals(&analyze(text));
            assert!(p.iter().all(|(w, _)| w != "百度"), "{text}: {p:?}");
        }
        // A noun that ends a preposition's object, or heads a list, is no such thing.
        for (text, who) in [
            (
                "穆登克以各大城市市長的名義要求國家負擔公物被破壞的費用。",
                "穆登克",
            ),
            (
                "穆登克以各大城市市长的名义要求国家负担公物被破坏的费用。",
                "穆登克",
            ),
            (
                "蘇莉的上訴請求：1、撤銷一審判決第六項；2、訴訟費由被上訴人負擔。",
                "蘇莉",
            ),
        ] {
            let p = proposals(&analyze(text));
            assert!(p.iter().any(|(w, _)| w == who), "{text}: {p:?}");
        }
    }

    #[test]
    fn a_source_cited_with_its_quoted_name_starts_other_words() {
        for (text, who) in [
            (
                "部分媒體建議從立法上確定懲罰力度，如《現代快報》指出，懲治手段有待豐富。",
                "部分媒體",
            ),
            (
                "部分媒体建议从立法上确定惩罚力度，如《现代快报》指出，惩治手段有待丰富。",
                "部分媒体",
            ),
        ] {
            let p = proposals(&analyze(text));
            assert!(
                p.iter().any(|(w, t)| w == who && t.ends_with("力度")),
                "{text}: {p:?}"
            );
        }
    }

    #[test]
    fn besides_one_proposal_the_proposer_makes_another() {
        for (text, who, first, second) in [
            (
                "【本報訊】民主黨主席胡志偉除要求政府全面封關外，亦要求當局儲備物資。",
                "胡志偉",
                "政府全面封關",
                "當局儲備物資",
            ),
            (
                "市政协委员王大明除了建议加快建设地铁之外，还建议增加公交线路。",
                "王大明",
                "加快建设地铁",
                "增加公交线路",
            ),
        ] {
            let p = proposals(&analyze(text));
            assert!(p.contains(&(who.to_string(), first.to_string())), "{text}: {p:?}");
            assert!(
                p.contains(&(who.to_string(), second.to_string())),
                "{text}: {p:?}"
            );
        }
        // After another preposition a cue is inside a noun phrase.
        let p = proposals(&analyze("梁念豪建議向要求救援的行山人士收取費用。"));
        assert!(p.iter().all(|(_, t)| !t.starts_with("救援的")), "{p:?}");
    }

    #[test]
    fn what_the_proposer_does_not_propose_is_no_part_of_the_proposal() {
        for (text, who) in [
            (
                "裁判官高偉雄建議消防處購置專用攀山鞋，惟不建議消防員何時使用裝備。",
                "高偉雄",
            ),
            (
                "裁判官高伟雄建议消防处购置专用攀山鞋，但不建议消防员何时使用装备。",
                "高伟雄",
            ),
        ] {
            let a = analyze(text);
            let p = proposals(&a);
            assert!(
                p.iter().any(|(w, t)| w == who && t.ends_with("攀山鞋")),
                "{text}: {p:?}"
            );
            assert!(
                p.iter()
                    .all(|(_, t)| !t.contains("使用裝備") && !t.contains("使用装备")),
                "{text}: {p:?}"
            );
        }
    }

    #[test]
    fn a_cue_inside_the_object_of_another_verb_proposes_nothing() {
        let a = analyze("民建聯則表示尊重北京決定，並會修改主張○七、○八年普選的黨綱。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
        let a = analyze("民建联则表示尊重北京决定，并会修改主张○七、○八年普选的党纲。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
        let a = analyze("民建聯主張盡快落實普選。");
        assert!(proposes(&a, "民建聯", "盡快落實普選"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_should_of_a_document_the_speaker_cites_is_not_the_speakers() {
        for text in [
            "立法會議員陳大文批評，政府隱瞞古物古蹟辦事處的報告，該份報告建議應保留鐘樓。",
            "立法会议员陈大文批评，政府隐瞒古物古迹办事处的报告，该份报告建议应保留钟楼。",
        ] {
            let a = analyze(text);
            assert!(
                !proposals(&a)
                    .iter()
                    .any(|(w, _)| w.starts_with("陳大文") || w.starts_with("陈大文")),
                "{:?}",
                proposals(&a)
            );
        }
    }

    #[test]
    fn an_interview_answer_is_its_speakers_words_until_the_next_label() {
        // A sentence without a should does not end the answer; one with a should is a
        // proposal of its own, not a run-on of the first item (首先要…).
        let a = analyze(
            "本报记者专访生态环境部副局长张明远。\n记者：监管有什么难度？\n张明远：首先要摸清底数。广东的新思路值得参考。很重要的一点是，要长期保持高压态势。如需转载，请联系我们。",
        );
        assert!(proposes(&a, "张明远", "长期保持高压态势"), "{:?}", proposals(&a));
        assert!(!proposes(&a, "张明远", "新思路"), "{:?}", proposals(&a));
        // 如需 supposes.
        assert!(!proposes(&a, "张明远", "转载"), "{:?}", proposals(&a));
        let a = analyze(
            "本報記者專訪環境局副局長張明遠。\n記者：監管有甚麼難度？\n張明遠：首先要摸清底數。廣東的新思路值得參考。很重要的一點是，要長期保持高壓態勢。",
        );
        assert!(proposes(&a, "張明遠", "長期保持高壓態勢"), "{:?}", proposals(&a));
    }

    #[test]
    fn soft_cues_are_soft() {
        let a = analyze("全国政协委员苏长荣表示，希望特区政府争取照顾香港的发展需要。");
        let p = proposals(&a);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "苏长荣");
        assert_eq!(a.facts.proposals[0].strength, Strength::Soft);
        // Hong Kong's officials advise (勸喻) the public.
        let a = analyze("【本報訊】衞生署昨日勸喻市民避免前往湖北省。");
        assert!(
            proposes(&a, "衞生署", "市民避免前往湖北省"),
            "{:?}",
            proposals(&a)
        );
        assert_eq!(a.facts.proposals[0].strength, Strength::Soft);
    }

    #[test]
    fn pronouns_and_titles_carry_the_proposer() {
        let a = analyze(
            "全國政協常委王惠貞在會上發言。她建議將醫學院擴建成為大學城。\n\n香港特區行政長官李家超出席座談會。特首希望委員多提建議。",
        );
        assert!(proposes(&a, "王惠貞", "大學城"), "{:?}", proposals(&a));
        assert!(proposes(&a, "李家超", "委員多提建議"), "{:?}", proposals(&a));
    }

    #[test]
    fn organizations_propose_and_relative_clauses_report_their_proposals() {
        let a = analyze("在吸納人才方面，預算案積極回應了民建聯在倡議書提出的政策。");
        assert!(proposes(&a, "民建聯", "吸納人才"), "{:?}", proposals(&a));
    }

    #[test]
    fn the_policy_address_proposes_through_the_chief_executive() {
        let a = analyze("特首李家超昨日出席記者會。《施政報告》提出2026年起向西隧補貼最多18億元。");
        assert!(proposes(&a, "李家超", "向西隧補貼"), "{:?}", proposals(&a));
        let a = analyze("特首李家超昨日出席记者会。《施政报告》提出2026年起向西隧补贴最多18亿元。");
        assert!(proposes(&a, "李家超", "向西隧补贴"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_report_presented_proposes_through_its_presenter() {
        let a =
            analyze("運輸局局長李志明昨向立法會交代檢討小組報告書，報告書建議巴士分段收費，並增設轉乘優惠。");
        assert!(proposes(&a, "李志明", "巴士分段收費"), "{:?}", proposals(&a));
        let a =
            analyze("运输局局长李志明昨向立法会交代检讨小组报告书，报告书建议巴士分段收费，并增设转乘优惠。");
        assert!(proposes(&a, "李志明", "巴士分段收费"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_report_proposes_through_its_owner_named_with_de() {
        for (text, owner, what) in [
            (
                "議員陳大文批評，政府隱瞞規劃署兩年前的報告，該份報告建議保留舊碼頭。",
                "規劃署",
                "保留舊碼頭",
            ),
            (
                "议员陈大文批评，政府隐瞒国家发改委两年前的报告，该份报告建议保留旧码头。",
                "国家发改委",
                "保留旧码头",
            ),
            (
                "議員陳大文批評，政府隱瞞規劃署的報告，報告建議保留舊碼頭。",
                "規劃署",
                "保留舊碼頭",
            ),
            (
                "议员陈大文批评，政府隐瞒国家发改委的报告，报告建议保留旧码头。",
                "国家发改委",
                "保留旧码头",
            ),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, owner, what), "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn a_subject_after_a_quoted_name_and_de_proposes() {
        for (text, who, what) in [
            (
                "2015年8月17日，“黄河五勇士”两名幸存者的后人张大山和李小河分别向法院提起诉讼，要求被告王某停止侵权行为。",
                ["张大山", "李小河"],
                "停止侵权行为",
            ),
            (
                "2015年8月17日，「黃河五勇士」兩名倖存者的後人張大山和李小河分別向法院提起訴訟，要求被告王某停止侵權行為。",
                ["張大山", "李小河"],
                "停止侵權行為",
            ),
        ] {
            let a = analyze(text);
            for w in who {
                assert!(proposes(&a, w, what), "{w} in {text}: {:?}", proposals(&a));
            }
        }
    }

    #[test]
    fn signed_articles_propose_through_their_author() {
        let a = analyze(
            "关于修订草案的几点建议\n文|张明远\n本文为中国政法大学教授张明远的修改建议。修正草案第十条规定了审查程序。建议将“十五日”改为“三十日”。",
        );
        assert!(proposes(&a, "张明远", "改为“三十日”"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_filing_is_no_proposal() {
        for text in [
            "宣判後，被告人陳大文不服，提出上訴。",
            "宣判后，被告人陈大文不服，提出上诉。",
            "工程師陳大文昨日向公司提出辭職，並建議公司增聘人手。",
            "工程师陈大文昨日向公司提出辞职，并建议公司增聘人手。",
        ] {
            let a = analyze(text);
            assert!(
                proposals(&a)
                    .iter()
                    .all(|(_, t)| !t.starts_with("上") && !t.starts_with("辭") && !t.starts_with("辞")),
                "{text}: {:?}",
                proposals(&a)
            );
        }
        assert!(proposes(
            &analyze("工程師陳大文昨日向公司提出辭職，並建議公司增聘人手。"),
            "陳大文",
            "增聘人手"
        ));
    }

    #[test]
    fn a_should_glued_to_the_adverb_after_it_still_asks() {
        // The segmenter reads 應立即 as one set phrase.
        for (text, who) in [
            ("公民黨黨魁楊岳橋表示，政府應立即封關。", "楊岳橋"),
            ("公民党党魁杨岳桥表示，政府应立即封关。", "杨岳桥"),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, who, "封"), "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn a_body_before_a_cue_and_the_government_proposes() {
        // (民主黨要求政府 used to be read as one organization.)
        for (text, who) in [
            ("經民聯建議政府減免差餉。", "經民聯"),
            ("九三学社建议政府加大投入。", "九三学社"),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, who, "政府"), "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn a_motion_submitted_by_its_title_is_proposed_by_who_submits_it() {
        for (text, who, what) in [
            (
                "全國人大代表、安順市長陳訓華向大會提交了《關於取消七座以下私家車年檢的建議》。",
                "陳訓華",
                "取消七座以下私家車年檢",
            ),
            (
                "全国人大代表、安顺市长陈训华向大会提交了《关于取消七座以下私家车年检的建议》。",
                "陈训华",
                "取消七座以下私家车年检",
            ),
            // A list of titles after one verb.
            (
                "全国人大代表吕定禄提交了《关于修建潇湘庙的建议》、《关于恢复怀素佛塔的议案》。",
                "吕定禄",
                "恢复怀素佛塔",
            ),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, who, what), "{text}: {:?}", proposals(&a));
        }
        // A body's decision, passed rather than submitted, is no one's motion.
        let a = analyze("全會通過的《中共中央關於制定第十三個五年規劃的建議》。");
        assert!(proposals(&a).is_empty(), "{:?}", proposals(&a));
    }

    #[test]
    fn a_sentence_with_a_subject_of_its_own_does_not_go_on_with_the_proposer_before() {
        for text in [
            "財政司司長陳茂波發表預算案，建議向每名市民發放一萬元。多個團體昨日到政府總部請願，要求撤回修例。",
            "财政司司长陈茂波发表预算案，建议向每名市民发放一万元。多个团体昨日到政府总部请愿，要求撤回修例。",
        ] {
            let a = analyze(text);
            let p = proposals(&a);
            assert!(p.iter().all(|(_, t)| !t.contains("撤回修例")), "{text}: {p:?}");
            assert_eq!(p.len(), 1, "{text}: {p:?}");
        }
    }

    #[test]
    fn a_named_motion_proposed_in_a_relative_clause_is_the_proposal() {
        for (text, who) in [
            (
                "【本報訊】立法會昨日辯論由民主黨議員林卓廷提出的「成立獨立調查委員會」動議，動議被否決。",
                "林卓廷",
            ),
            (
                "【本报讯】立法会昨日辩论由民主党议员林卓廷提出的“成立独立调查委员会”动议，动议被否决。",
                "林卓廷",
            ),
        ] {
            let a = analyze(text);
            let p = proposals(&a);
            assert!(
                p.iter().any(|(w, t)| w == who
                    && (t.contains("成立獨立調查委員會") || t.contains("成立独立调查委员会"))),
                "{text}: {p:?}"
            );
            assert!(
                p.iter()
                    .all(|(_, t)| !t.contains("本報訊") && !t.contains("本报讯")),
                "{text}: {p:?}"
            );
        }
    }

    #[test]
    fn a_byline_run_into_the_story_is_no_antecedent() {
        for (text, who) in [
            ("【本報訊】記者陳大文報道：民建聯議員葛珮帆昨日促請政府推出防疫基金。她又指，政府應檢討限聚令。", "葛珮帆"),
            ("【本报讯】记者陈大文报道：民建联议员葛珮帆昨日促请政府推出防疫基金。她又指，政府应检讨限聚令。", "葛珮帆"),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, who, "限聚令"), "{text}: {:?}", proposals(&a));
        }
    }

    #[test]
    fn an_item_opener_glued_to_its_verb_still_opens_an_item() {
        // The segmenter reads 或作 as one word.
        for text in [
            "發展商代表何伍燕榆建議政府恢復定期賣地，或作中期檢討是否在勾地表加入土地。",
            "发展商代表何伍燕榆建议政府恢复定期卖地，或作中期检讨是否在勾地表加入土地。",
        ] {
            let a = analyze(text);
            let p = proposals(&a);
            assert_eq!(p.len(), 2, "{text}: {p:?}");
            assert!(p.iter().any(|(_, t)| t.starts_with("或作")), "{text}: {p:?}");
        }
    }

    #[test]
    fn an_organization_in_what_a_person_says_does_not_propose_with_them() {
        for (text, who) in [
            (
                "國務委員唐家璇則強調，中央是一片好心，希望港人理解中央是為香港好。",
                "唐家璇",
            ),
            (
                "国务委员唐家璇则强调，中央是一片好心，希望港人理解中央是为香港好。",
                "唐家璇",
            ),
        ] {
            let a = analyze(text);
            let p = proposals(&a);
            assert!(!p.is_empty() && p.iter().all(|(w, _)| w == who), "{text}: {p:?}");
        }
    }

    #[test]
    fn a_one_character_cue_between_a_name_and_the_body_asked_proposes() {
        for (text, who, what) in [
            ("工黨主席李卓人昨籲政府設立失業援助金。", "李卓人", "失業援助金"),
            ("工党主席李卓人昨吁政府设立失业援助金。", "李卓人", "失业援助金"),
            ("民協區議員譚國僑促當局增建公屋。", "譚國僑", "增建公屋"),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, who, what), "{text}: {:?}", proposals(&a));
        }
        // Not a verb that promotes, nor where nobody is named before it.
        for text in [
            "村支書李曉英說，要以「小家美」促「鄉村美」。",
            "工黨議員張超雄批評政府，指多年來社會都促就人口老化作長遠規劃。",
        ] {
            let a = analyze(text);
            assert!(
                proposals(&a)
                    .iter()
                    .all(|(_, t)| !t.starts_with("「鄉村美") && !t.starts_with("就人口")),
                "{text}: {:?}",
                proposals(&a)
            );
        }
    }
}
