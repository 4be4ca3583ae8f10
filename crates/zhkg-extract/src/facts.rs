//! Stage 4: facts from mentions — who holds which post, who proposed what.
//!
//! Positions come from title chains right before a name (港區全國人大代表、九龍社團聯會
//! 理事長徐莉): each title splits into its organization and post. Proposals come from cue
//! verbs (建議, 提出, 倡議 … and the softer 希望, 盼望): the proposer is the subject before
//! the cue (a pronoun resolved to the last named person), the content is the clause after
//! it, and the addressee, places, organizations and occasion are read from around it.

use std::collections::BTreeSet;

use crate::layout::{BlockKind, Layout};
use crate::lexicon::{CueStrength, Lexicon, Role, Term};
use crate::pipeline::Document;
use crate::recognize::{Kind, Mention};
use crate::rules::Rule;
use crate::segment::Token;
use crate::sentence::Sentence;

/// One title held by a person, as written before their name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Position {
    /// Mention index of the person.
    pub person: usize,
    /// Mention index of the (last) post in the title.
    pub post: usize,
    /// The post as a role: `委員`, `代表召集人`, `監事委員會副主席`.
    pub role: String,
    /// Organization: a mention in the title, or one inferred from a place or modifier.
    pub organization: Option<OrgRef>,
    /// The whole title as written, `start..end` in the repaired text.
    pub title: (usize, usize),
    /// The post heads (or deputy-heads) its organization (局長, 行政長官, 副主席), so
    /// it is a post of that organization, held by the person.
    pub head: bool,
    /// The rule that produced it (see `zhkg explain`).
    pub rule: Rule,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
}

/// An organization named by a mention or known from the lexicon only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum OrgRef {
    /// An organization mentioned in the text (mention index).
    Mention(usize),
    /// A known organization of the lexicon not named in the text (index into `Lexicon::orgs`).
    Lexicon(usize),
}

/// How firmly something was proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Strength {
    /// 建議, 提出, 倡議 …
    Explicit,
    /// 希望, 盼望, 期望 …: hopes and wishes.
    Soft,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
/// One proposal: who proposed what, to whom, where, with the spans it was read from.
pub struct Proposal {
    /// Mention index of the proposer (a person or organization; pronouns resolved).
    pub proposer: usize,
    /// Mention index of the pronoun or name that stands for the proposer here, if any.
    pub proposer_mention: usize,
    /// The cue word as written (建議, 提出 …).
    pub cue: String,
    /// `start..end` of the cue (for a continuation: of the first clause's cue).
    pub cue_span: (usize, usize),
    /// Explicit (建議, 提出) or soft (希望, an editorial "should").
    pub strength: Strength,
    /// `start..end` of the content.
    pub content: (usize, usize),
    /// Mention index of the organization or person the proposal is addressed to.
    pub addressee: Option<usize>,
    /// Mention indexes of the places the proposal concerns.
    pub places: Vec<usize>,
    /// Mention indexes of the organizations the proposal concerns (other than the addressee).
    pub organizations: Vec<usize>,
    /// Mention index of the occasion (會議, 施政報告 …) it was made at.
    pub occasion: Option<usize>,
    /// The sentence holding the cue.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: Rule,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
}

/// Everything the facts stage found in one document.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facts {
    /// Titles held, as written before names.
    pub positions: Vec<Position>,
    /// Proposals, in text order.
    pub proposals: Vec<Proposal>,
    /// For each mention: the person mention a pronoun (他, 她) or a title used alone (特首)
    /// refers to.
    pub antecedent: Vec<Option<usize>>,
    /// Which SAR each passage is about (特區政府 is its government).
    pub sar: Sar,
}

/// Extract facts from the mentions of one document.
pub fn extract(lx: &Lexicon, doc: &Document, mentions: &[Mention]) -> Facts {
    let (layout, simp, sentences, tokens) = (&doc.layout, &doc.simp[..], &doc.sentences[..], &doc.tokens[..]);
    let sar = Sar::new(lx, doc, mentions);
    let positions = positions(lx, layout, &sar, mentions);
    let mut antecedent = title_references(lx, &sar, simp, mentions, &positions);
    resolve_pronouns(sentences, mentions, &mut antecedent);
    let proposals = proposals(lx, layout, simp, sentences, tokens, mentions, &antecedent);
    Facts {
        positions,
        proposals,
        antecedent,
        sar,
    }
}

/// Which special administrative region a passage is about: 香港 or 澳門 (lexicon places),
/// read once from the mentions that name one explicitly (香港, 本港, 港區 …; 澳門, 澳區 …).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Sar {
    /// The lexicon's government of each SAR place (香港 → 香港特別行政區政府).
    governments: Vec<(usize, usize)>,
    /// Per mention, in order: where it ends, its block, and the SAR it names, if any.
    marks: Vec<(usize, usize, Option<Option<usize>>)>,
    /// The SAR the document names most (Hong Kong on a tie).
    majority: Option<usize>,
}

impl Sar {
    /// The SAR context of a document's mentions.
    pub fn new(lx: &Lexicon, doc: &Document, mentions: &[Mention]) -> Sar {
        let hk = lx.place("香港");
        let macao = lx.place("澳門");
        let explicit = |m: &Mention| -> Option<Option<usize>> {
            let s: String = doc.simp[m.start..m.end].iter().collect();
            let lexicon_place =
                |p: Option<usize>| m.kind == Kind::Place && m.lexicon.is_some() && m.lexicon == p;
            if lexicon_place(macao) || s.starts_with('澳') {
                return Some(macao);
            }
            if lexicon_place(hk) || s.starts_with("香港") || s.starts_with("港区") || s == "本港" {
                return Some(hk);
            }
            None
        };
        let marks: Vec<(usize, usize, Option<Option<usize>>)> = mentions
            .iter()
            .map(|m| (m.end, doc.sentences[m.sentence].block, explicit(m)))
            .collect();
        let m = marks.iter().filter(|x| x.2.is_some_and(|p| p == macao)).count();
        let h = marks.iter().filter(|x| x.2.is_some_and(|p| p != macao)).count();
        let governments = [hk, macao]
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p, government_of(lx, p)?)))
            .collect();
        Sar {
            governments,
            marks,
            majority: if m > h { macao } else { hk },
        }
    }

    /// The SAR the text before `at` is about: the nearest explicit one in the same block
    /// or the two before it, else the one the document names most.
    pub fn at(&self, at: usize) -> Option<usize> {
        let here = self.marks.iter().rfind(|m| m.0 <= at).map(|m| m.1);
        for &(_, block, sar) in self.marks.iter().rev().filter(|m| m.0 <= at) {
            if here.is_some_and(|b| b - block > 2) {
                break;
            }
            if let Some(p) = sar {
                return p;
            }
        }
        self.majority
    }

    fn government_of(&self, place: Option<usize>) -> Option<usize> {
        let place = place?;
        self.governments
            .iter()
            .find(|(p, _)| *p == place)
            .map(|(_, g)| *g)
    }

    /// The government of the SAR the text before `at` is about.
    pub fn government(&self, at: usize) -> Option<usize> {
        self.government_of(self.at(at))
    }

    /// The government of the SAR the document names most.
    pub fn majority_government(&self) -> Option<usize> {
        self.government_of(self.majority)
    }
}

/// Titles used alone for the person who holds them: 特首 → the 行政長官 named in the
/// article (the one of the SAR the article is mostly about, when there are several).
fn title_references(
    lx: &Lexicon,
    sar: &Sar,
    simp: &[char],
    mentions: &[Mention],
    positions: &[Position],
) -> Vec<Option<usize>> {
    let mut out = vec![None; mentions.len()];
    let canonical = |mi: usize| -> Option<String> {
        let e = lx.posts.get(mentions[mi].lexicon?)?;
        Some(e.canonical().to_string())
    };
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != Kind::Post || positions.iter().any(|p| p.post == i) {
            continue;
        }
        let Some(post) = m.lexicon.and_then(|li| lx.posts.get(li)) else {
            continue;
        };
        // A title stands for a person when it is a by-name (特首) or the subject of a verb of
        // saying (局長表示); 參選行政長官 or 以行政長官身份 name the post, not its holder.
        let subject = lx
            .role_prefix(&simp[m.end..(m.end + 2).min(simp.len())], Role::SubjectVerb)
            .is_some();
        if post.rank != "head" || (post.same_as.is_empty() && !subject) {
            continue;
        }
        let c = post.canonical().to_string();
        let mut holders: Vec<&Position> = positions
            .iter()
            .filter(|p| canonical(p.post).as_deref() == Some(c.as_str()))
            .collect();
        let names: BTreeSet<&str> = holders.iter().map(|p| mentions[p.person].text.as_str()).collect();
        if names.len() > 1 {
            let gov = sar.majority_government();
            holders.retain(|p| matches!(p.organization, Some(OrgRef::Lexicon(li)) if Some(li) == gov));
        }
        let names: BTreeSet<&str> = holders.iter().map(|p| mentions[p.person].text.as_str()).collect();
        if names.len() == 1 {
            out[i] = Some(holders[0].person);
        }
    }
    out
}

/// 他 / 她 → the subject of the passage: the first person named in the same sentence
/// before the pronoun, else the first person of the last sentence that names one (in the
/// same block or the two before it). A person quoted inside someone's statement (蘇長荣表示，
/// 特首希望…) does not become the topic.
fn resolve_pronouns(sentences: &[Sentence], mentions: &[Mention], out: &mut [Option<usize>]) {
    for i in 0..mentions.len() {
        if mentions[i].kind != Kind::Pronoun {
            continue;
        }
        let person = |k: usize, out: &[Option<usize>]| -> Option<usize> {
            match mentions[k].kind {
                Kind::Person => Some(k),
                Kind::Post | Kind::Pronoun => out[k],
                _ => None,
            }
        };
        let block = sentences[mentions[i].sentence].block;
        let mut found = None;
        for j in (0..i).rev() {
            let m = &mentions[j];
            if block - sentences[m.sentence].block > 2 {
                break;
            }
            if person(j, out).is_none() {
                continue;
            }
            // The first person of that sentence.
            found = (0..=j)
                .filter(|&k| mentions[k].sentence == m.sentence)
                .find_map(|k| person(k, out));
            break;
        }
        out[i] = found;
    }
}

fn is_title_part(m: &Mention) -> bool {
    matches!(
        m.kind,
        Kind::Organization | Kind::Place | Kind::Modifier | Kind::Post
    )
}

/// Title chains before each person: components are contiguous organization, place,
/// modifier and post mentions, titles are separated by 、 or 兼.
fn positions(lx: &Lexicon, layout: &Layout, sar: &Sar, mentions: &[Mention]) -> Vec<Position> {
    let text = &layout.text;
    let mut out = Vec::new();
    // Mentions that start at a position, outermost first.
    let ending_at = |e: usize| -> Option<usize> {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.end == e && is_title_part(m))
            .max_by_key(|(_, m)| m.end - m.start)
            .map(|(i, _)| i)
    };
    let mut titled_groups: Vec<(usize, Vec<Position>)> = Vec::new();
    for (pi, p) in mentions.iter().enumerate() {
        if p.kind != Kind::Person {
            continue;
        }
        // Walk back over the chain.
        let mut pos = p.start;
        if pos > 0 && text[pos - 1] == ' ' {
            pos -= 1;
        }
        let mut parts: Vec<usize> = Vec::new(); // mention indices, right to left
        let mut cuts: Vec<usize> = Vec::new(); // positions of separators
        loop {
            if let Some(mi) = ending_at(pos) {
                parts.push(mi);
                pos = mentions[mi].start;
                continue;
            }
            if pos > 0 && !parts.is_empty() && matches!(text[pos - 1], '、' | '兼' | ' ') {
                cuts.push(pos - 1);
                pos -= 1;
                continue;
            }
            break;
        }
        parts.reverse();
        // Split into titles at separators; a title must end with a post.
        let mut titles: Vec<Vec<usize>> = vec![Vec::new()];
        for &mi in &parts {
            let m = &mentions[mi];
            if let Some(last) = titles.last().and_then(|t| t.last()) {
                let prev_end = mentions[*last].end;
                if cuts.iter().any(|&c| c >= prev_end && c < m.start) {
                    titles.push(Vec::new());
                }
            }
            titles.last_mut().unwrap().push(mi);
        }
        let mut found = Vec::new();
        for t in titles.iter().filter(|t| !t.is_empty()) {
            let Some(post_idx) = t.iter().rposition(|&mi| mentions[mi].kind == Kind::Post) else {
                continue;
            };
            if post_idx != t.len() - 1 {
                continue;
            }
            // Consecutive posts form one role (代表召集人); an organization-internal body
            // right before the post belongs to the role (監事委員會副主席).
            let mut role_start = post_idx;
            while role_start > 0 && mentions[t[role_start - 1]].kind == Kind::Post {
                role_start -= 1;
            }
            let org_idx = t[..role_start]
                .iter()
                .rposition(|&mi| mentions[mi].kind == Kind::Organization);
            let (org, role_from) = match org_idx {
                // Two organizations in a row: the second is a body of the first.
                Some(k)
                    if k > 0
                        && mentions[t[k - 1]].kind == Kind::Organization
                        && mentions[t[k]].lexicon.is_none() =>
                {
                    (Some(OrgRef::Mention(t[k - 1])), mentions[t[k]].start)
                }
                Some(k) => {
                    // 經民聯監事委員會: a body named after its parent is the parent's organ;
                    // the role holds the organ (監事委員會副主席).
                    let outer = &mentions[t[k]];
                    let parent = mentions.iter().position(|m| {
                        m.kind == Kind::Organization
                            && m.lexicon.is_some()
                            && m.start == outer.start
                            && m.end < outer.end
                    });
                    match parent {
                        Some(pi) if outer.lexicon.is_none() => (Some(OrgRef::Mention(pi)), mentions[pi].end),
                        _ => (Some(OrgRef::Mention(t[k])), mentions[t[role_start]].start),
                    }
                }
                None => (
                    infer_org(lx, sar, mentions, &t[..role_start], p.start),
                    mentions[t[role_start]].start,
                ),
            };
            let last = &mentions[t[post_idx]];
            let title = (mentions[t[0]].start, last.end);
            found.push(Position {
                person: pi,
                post: t[post_idx],
                role: text[role_from..last.end].iter().collect(),
                organization: org,
                title,
                head: last
                    .lexicon
                    .is_some_and(|i| matches!(lx.posts[i].rank.as_str(), "head" | "deputy")),
                rule: Rule::TitleChain,
                confidence: 0.85,
            });
        }
        if !found.is_empty() {
            titled_groups.push((pi, found.clone()));
            out.extend(found);
        }
    }
    // Names enumerated after a titled name share its titles: 記者 子京、康敬、黃子晉.
    for (pi, titles) in &titled_groups {
        let mut prev = *pi;
        for (qi, q) in mentions.iter().enumerate().skip(pi + 1) {
            if q.kind != Kind::Person
                || q.start != mentions[prev].end + 1
                || !matches!(text[mentions[prev].end], '、' | ' ')
            {
                if q.start > mentions[prev].end + 1 {
                    break;
                }
                continue;
            }
            if out.iter().any(|p| p.person == qi) {
                break;
            }
            for t in titles {
                out.push(Position {
                    person: qi,
                    rule: Rule::SharedTitle,
                    confidence: 0.75,
                    ..t.clone()
                });
            }
            prev = qi;
        }
    }
    out
}

/// The organization a title implies without naming it: a head of government post after a
/// place (澳門特區行政長官 → 澳門特區政府), or after 特區 (the SAR of the passage).
fn infer_org(
    lx: &Lexicon,
    sar: &Sar,
    mentions: &[Mention],
    prefix: &[usize],
    before: usize,
) -> Option<OrgRef> {
    let place = prefix
        .iter()
        .rev()
        .find(|&&mi| mentions[mi].kind == Kind::Place)
        .and_then(|&mi| mentions[mi].lexicon)
        .or_else(|| {
            prefix
                .iter()
                .any(|&mi| mentions[mi].kind == Kind::Modifier)
                .then(|| sar.at(before))
                .flatten()
        })?;
    government_of(lx, place).map(OrgRef::Lexicon)
}

/// The government of a place from the lexicon: 香港 → 香港特別行政區政府.
pub fn government_of(lx: &Lexicon, place: usize) -> Option<usize> {
    let p = &lx.places[place];
    let mut names = vec![p.name.clone()];
    names.extend(p.aliases.iter().cloned());
    for n in &names {
        for suffix in [
            "特別行政區政府",
            "特區政府",
            "政府",
            "人民政府",
            "省政府",
            "市政府",
        ] {
            if let Some(o) = lx.org(&format!("{n}{suffix}")) {
                return Some(o);
            }
        }
    }
    None
}

/// Is the cue at `a..b` used as a noun (多項建議, 寶貴建議, 所提建議的)?
fn cue_is_noun(lx: &Lexicon, simp: &[char], a: usize, b: usize) -> bool {
    let before_marker = (1..=a.min(3)).any(|n| lx.has_role(&text_of(simp, a - n, a), Role::NounMarker));
    let next = simp.get(b).copied().unwrap_or('。');
    before_marker || matches!(next, '。' | '、' | '书' | '案' | '；' | '」')
}

fn text_of(simp: &[char], a: usize, b: usize) -> String {
    simp[a.min(simp.len())..b.min(simp.len())].iter().collect()
}

/// Start of the clause holding position `at`: just after the last ，；：or the sentence start.
fn clause_start(text: &[char], s: &Sentence, at: usize) -> usize {
    (s.start..at)
        .rev()
        .find(|&i| matches!(text[i], '，' | '；' | '：' | ',' | ';' | ':'))
        .map_or(s.start, |i| i + 1)
}

/// Does a word with `role` occur anywhere in `a..b`?
fn has_role_in(lx: &Lexicon, simp: &[char], a: usize, b: usize, role: Role) -> bool {
    (a..b).any(|i| lx.role_prefix(&simp[i..b], role).is_some())
}

/// Split a content span into the measures it lists: a new measure starts after a comma
/// with an action verb (…合作機制，引進…，打造…), unless the clause before is a purpose
/// clause (讓…，推動…) or a short preface (由海關總署牽頭，建立…).
fn split_measures(lx: &Lexicon, text: &[char], simp: &[char], c0: usize, c1: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut start = c0;
    let mut clause = c0;
    for k in c0..c1 {
        if text[k] != '，' {
            continue;
        }
        let mut v = k + 1;
        if let Some(n) = lx.role_prefix(&simp[v..c1], Role::Coordinator) {
            v += n;
        }
        // What follows 認同／支持… is the item agreed with, however many clauses it has.
        let opens = lx.role_prefix(&simp[v..c1], Role::Action).is_some()
            && !has_role_in(lx, simp, start, k, Role::Attitude);
        // After a purpose clause (以推動…，) the measure goes on, unless a coordinator
        // starts a new one (，同時加快…).
        let purpose = lx.role_prefix(&simp[clause..k], Role::Purpose).is_some() && v == k + 1;
        let preface =
            start == clause && k - start <= 10 && lx.role_prefix(&simp[start..k], Role::Preface).is_some();
        if opens && !purpose && !preface && k > start + 1 {
            pieces.push((start, k));
            start = v;
        }
        clause = k + 1;
    }
    pieces.push((start, c1));
    pieces.retain(|(a, b)| b > a && b - a >= 2);
    pieces
}

fn trim_end(text: &[char], a: usize, mut b: usize) -> usize {
    while b > a && matches!(text[b - 1], '。' | '；' | '，' | '！' | '？' | ' ' | '\n' | '等') {
        b -= 1;
    }
    b
}

/// Mentions of `kind` inside `a..b`, outermost only (深圳前海, not also 深圳).
fn inside(mentions: &[Mention], kind: Kind, a: usize, b: usize) -> Vec<usize> {
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
        .map(|(i, _)| i)
        .collect()
}

/// What one cue says, before it becomes one proposal per measure.
struct Cue {
    subject: usize,
    proposer: usize,
    span: (usize, usize),
    strength: Strength,
    addressee: Option<usize>,
    occasion: Option<usize>,
    sentence: usize,
}

impl Cue {
    fn proposal(&self, mentions: &[Mention], text: &[char], content: (usize, usize), rule: Rule) -> Proposal {
        let direct = mentions[self.subject].kind != Kind::Pronoun;
        Proposal {
            proposer: self.proposer,
            proposer_mention: self.subject,
            cue: text[self.span.0..self.span.1].iter().collect(),
            cue_span: self.span,
            strength: self.strength,
            content,
            addressee: self.addressee,
            places: inside(mentions, Kind::Place, content.0, content.1),
            organizations: inside(mentions, Kind::Organization, content.0, content.1),
            occasion: self.occasion,
            sentence: self.sentence,
            rule,
            confidence: match (self.strength, direct) {
                (Strength::Explicit, true) => 0.8,
                (Strength::Explicit, false) => 0.7,
                (Strength::Soft, _) => 0.55,
            },
        }
    }
}

fn proposals(
    lx: &Lexicon,
    layout: &Layout,
    simp: &[char],
    sentences: &[Sentence],
    tokens: &[Token],
    mentions: &[Mention],
    antecedent: &[Option<usize>],
) -> Vec<Proposal> {
    let text = &layout.text;
    let mut out: Vec<Proposal> = Vec::new();
    // The person or organization a mention stands for.
    let agent = |mi: usize| -> Option<usize> {
        match mentions[mi].kind {
            Kind::Person | Kind::Organization => Some(mi),
            Kind::Pronoun | Kind::Post => antecedent[mi],
            _ => None,
        }
    };
    let is_object =
        |m: &Mention| m.start > 0 && lx.has_role(&simp[m.start - 1].to_string(), Role::ObjectMarker);
    let in_name = |a: usize, b: usize| {
        mentions.iter().any(|m| {
            matches!(
                m.kind,
                Kind::Organization | Kind::Place | Kind::Person | Kind::Occasion
            ) && m.start < b
                && a < m.end
        })
    };
    for (si, s) in sentences.iter().enumerate() {
        if s.kind != BlockKind::Body {
            continue;
        }
        let cues: Vec<(usize, usize, Strength)> = lx
            .find_terms(&simp[s.start..s.end])
            .into_iter()
            .filter_map(|(a, b, terms)| {
                terms.iter().find_map(|t| match t {
                    Term::Cue(i) => match lx.cues[*i].strength {
                        CueStrength::Explicit => Some((s.start + a, s.start + b, Strength::Explicit)),
                        CueStrength::Soft => Some((s.start + a, s.start + b, Strength::Soft)),
                        _ => None,
                    },
                    _ => None,
                })
            })
            .filter(|&(a, b, _)| !in_name(a, b))
            // A cue is a word of its own, not part of one (意見建議).
            .filter(|&(a, b, _)| tokens.iter().any(|t| t.start == a) && tokens.iter().any(|t| t.end == b))
            // 提出多項建議 keeps 提出; 寶貴建議 is a noun.
            .filter(|&(a, b, _)| !cue_is_noun(lx, simp, a, b))
            .collect();
        // Does the cue at `a` open a proposal of its own rather than sit inside the content
        // of the one before (認同特區政府主動提出…)? Yes after a coordinator (又建議) or
        // at the start of a short clause (，在政策取向部分提出…).
        let opens = |a: usize| -> bool {
            let cs = clause_start(text, s, a);
            let coordinated =
                (a > 0 && text[a - 1] == '，') || lx.role_prefix(&simp[cs..a], Role::Coordinator).is_some();
            let another_cue = cues.iter().any(|&(o, _, _)| o >= cs && o < a);
            coordinated
                || (a - cs <= 12
                    && cs > s.start
                    && !another_cue
                    && !has_role_in(lx, simp, cs, a, Role::Attitude))
        };
        let mut here: Vec<Proposal> = Vec::new();
        for (ci, &(a, b, strength)) in cues.iter().enumerate() {
            let cs = clause_start(text, s, a);
            if a > s.start && here.iter().any(|p| p.content.0 <= a && a < p.content.1) && !opens(a) {
                continue;
            }
            // 提出的政策: a cue in a relative clause reports the subject's proposal.
            let relative = simp.get(b) == Some(&'的');
            // A group (他們, 各界) proposes: there is no one to name.
            if has_role_in(lx, simp, cs, a, Role::Plural) {
                continue;
            }
            // A cue after another in its clause is what the first reports (希望預算案能
            // 提出…, 認同政府提出…): part of that proposal, not one of its own.
            let coordinated =
                (a > 0 && text[a - 1] == '，') || lx.role_prefix(&simp[cs..a], Role::Coordinator).is_some();
            let under = cues.iter().any(|&(o, _, _)| o >= cs && o < a)
                || has_role_in(lx, simp, cs, a, Role::Attitude);
            // (A relative clause names its own proposer: 回應了民建聯在倡議書提出的政策.)
            if !coordinated && under && !relative {
                continue;
            }
            // The proposer: the nearest person (or pronoun, or title standing for one)
            // before the cue in this sentence that is not an object; else an organization
            // right before the cue; else the author of a document that is the subject
            // (報告提出); else whoever proposed last in this sentence; else the paragraph's
            // person.
            let before: Vec<usize> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.sentence == si && m.end <= a && !is_object(m))
                .map(|(i, _)| i)
                .collect();
            let person_like = |i: usize| {
                matches!(mentions[i].kind, Kind::Person | Kind::Pronoun | Kind::Post)
                    && agent(i).is_some_and(|p| mentions[p].kind == Kind::Person)
            };
            let subject = before
                .iter()
                .rev()
                .find(|&&i| person_like(i))
                .copied()
                .or_else(|| {
                    before
                        .iter()
                        .rev()
                        .find(|&&i| mentions[i].kind == Kind::Organization && a - mentions[i].end <= 6)
                        .copied()
                })
                // An organization that opens the sentence is its subject (XX協會亦在會上發表
                // 倡議書，倡議…) when no person comes between.
                .or_else(|| {
                    let first = *before.first()?;
                    let m = &mentions[first];
                    (m.kind == Kind::Organization && m.start <= s.start + 1).then_some(first)
                })
                .or_else(|| document_author(lx, simp, sentences, mentions, &before, a))
                .or_else(|| here.last().map(|p| p.proposer_mention))
                // A sentence that starts with the cue (又建議…, 同時建議…) continues the
                // proposer of the sentence before, or else the paragraph's speaker; a cue later
                // in a subject-less sentence has no proposer to name.
                .or_else(|| {
                    let skip = lx.role_prefix(&simp[cs..a], Role::Coordinator).unwrap_or(0);
                    if a - cs > skip + 2 {
                        return None;
                    }
                    if let Some(p) = out
                        .iter()
                        .rev()
                        .find(|p| p.sentence + 1 == si && sentences[p.sentence].block == s.block)
                    {
                        return Some(p.proposer_mention);
                    }
                    (0..mentions.len())
                        .rev()
                        .filter(|&i| {
                            mentions[i].end <= s.start && sentences[mentions[i].sentence].block == s.block
                        })
                        .find(|&i| person_like(i))
                });
            let Some(subject) = subject else { continue };
            let Some(proposer) = agent(subject) else {
                continue;
            };
            let occasion = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.kind == Kind::Occasion && m.end <= a)
                .filter(|(_, m)| m.lexicon.is_some_and(|li| lx.occasions[li].1 != "document"))
                .filter(|(_, m)| sentences[m.sentence].block == s.block || m.sentence + 3 >= si)
                .map(|(i, _)| i)
                .next_back();
            let mut cue = Cue {
                subject,
                proposer,
                span: (a, b),
                strength,
                addressee: None,
                occasion,
                sentence: si,
            };
            if relative {
                // The whole sentence states the proposal.
                let c1 = trim_end(text, s.start, s.end);
                here.push(cue.proposal(mentions, text, (s.start, c1), Rule::CueRelativeClause));
                continue;
            }
            // Content: after the cue to the next cue that opens a proposal of its own, or
            // the sentence end.
            let mut c0 = b;
            while c0 < s.end && matches!(text[c0], '，' | '：' | ':' | ' ' | '了') {
                c0 += 1;
            }
            let mut c1 = s.end;
            if let Some(&(na, _, _)) = cues[ci + 1..].iter().find(|&&(na, _, _)| na > c0 && opens(na)) {
                let ncs = clause_start(text, s, na);
                c1 = if ncs > c0 { ncs } else { na };
                while c1 > c0 && matches!(text[c1 - 1], '，' | ' ') {
                    c1 -= 1;
                }
            }
            let c1 = trim_end(text, c0, c1);
            // 提交了一份關於…的提案: the object is a document, whose proposals come later.
            if mentions.iter().any(|m| {
                m.kind == Kind::Occasion
                    && m.end == c1
                    && m.lexicon.is_some_and(|li| lx.occasions[li].1 == "document")
            }) && c1 - c0 <= 30
            {
                continue;
            }
            cue.addressee = addressee(lx, simp, mentions, si, a, c0, c1);
            let mut spans: Vec<(usize, usize)> = Vec::new();
            let lead = text_of(simp, c0, (c0 + 8).min(c1));
            // 提出「……」的建議（，包括……）: the quoted text, then what it includes.
            if text.get(c0) == Some(&'「') {
                if let Some(q) = (c0..c1).find(|&i| text[i] == '」') {
                    let tail = text_of(simp, q + 1, q + 4);
                    if ["的建议", "的倡议", "的提案"].iter().any(|t| tail.starts_with(t)) {
                        spans.push((c0 + 1, q));
                        let rest = text_of(simp, q + 4, (q + 8).min(c1));
                        if let Some(k) = rest.find("包括") {
                            let from = q + 4 + rest[..k].chars().count() + 2;
                            spans.extend(split_measures(lx, text, simp, from, c1));
                        }
                    }
                }
            }
            if spans.is_empty() {
                if let Some(k) = lead.find("建议，包括").or_else(|| lead.find("意见，包括")) {
                    // 提出多項建議，包括……: the items.
                    let from = c0 + lead[..k].chars().count() + 5;
                    spans.extend(split_measures(lx, text, simp, from, c1));
                } else if lead.starts_with("多项建议") || lead.starts_with("要求") {
                    continue;
                } else {
                    spans.extend(split_measures(lx, text, simp, c0, c1));
                }
            }
            let direct = mentions[subject].sentence == si;
            for (k, &(x0, x1)) in spans.iter().enumerate() {
                let x1 = trim_end(text, x0, x1);
                if x1 <= x0 + 1 {
                    continue;
                }
                let rule = match (k, direct) {
                    (0, true) => Rule::CueSubject,
                    (0, false) => Rule::CueCarriedSubject,
                    _ => Rule::CueListedMeasure,
                };
                here.push(cue.proposal(mentions, text, (x0, x1), rule));
            }
        }
        // A clause after a proposal that ended with ；and has no cue of its own continues
        // the list: 建議A；B；C.
        if here.is_empty() && si > 0 {
            let prev = &sentences[si - 1];
            if prev.semicolon && prev.block == s.block {
                if let Some(last) = out.iter().rev().find(|p| p.sentence == si - 1).cloned() {
                    let has_subject = mentions.iter().any(|m| {
                        m.sentence == si
                            && m.start == s.start
                            && matches!(m.kind, Kind::Person | Kind::Pronoun)
                    });
                    if !has_subject {
                        let c1 = trim_end(text, s.start, s.end);
                        for (x0, x1) in split_measures(lx, text, simp, s.start, c1) {
                            here.push(Proposal {
                                content: (x0, x1),
                                places: inside(mentions, Kind::Place, x0, x1),
                                organizations: inside(mentions, Kind::Organization, x0, x1),
                                addressee: None,
                                sentence: si,
                                rule: Rule::SemicolonList,
                                confidence: last.confidence * 0.9,
                                ..last.clone()
                            });
                        }
                    }
                }
            }
        }
        out.extend(here);
    }
    out
}

/// 報告提出…: a document as subject stands for its author, the person named in the
/// sentence that last mentioned a document of that kind (李強在政府工作報告中…).
fn document_author(
    lx: &Lexicon,
    simp: &[char],
    sentences: &[Sentence],
    mentions: &[Mention],
    before: &[usize],
    cue: usize,
) -> Option<usize> {
    // The document is the subject: right before the cue, or first in the sentence.
    let doc = *before.iter().rev().find(|&&i| {
        let m = &mentions[i];
        m.kind == Kind::Occasion
            && (cue - m.end <= 6 || before.first() == Some(&i))
            && m.lexicon.is_some_and(|li| lx.occasions[li].1 == "document")
    })?;
    let name = text_of(simp, mentions[doc].start, mentions[doc].end);
    let block = sentences[mentions[doc].sentence].block;
    mentions
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, m)| m.end <= mentions[doc].start && m.kind == Kind::Occasion)
        .take_while(|(_, m)| block - sentences[m.sentence].block <= 6)
        .filter(|(_, m)| text_of(simp, m.start, m.end).ends_with(&name))
        .find_map(|(_, m)| {
            mentions
                .iter()
                .position(|p| p.sentence == m.sentence && p.kind == Kind::Person)
        })
}

/// Who a proposal is addressed to: 向X提出, 建議X…, 促請X, 由X牽頭.
fn addressee(
    lx: &Lexicon,
    simp: &[char],
    mentions: &[Mention],
    si: usize,
    cue: usize,
    c0: usize,
    c1: usize,
) -> Option<usize> {
    let orgs = || {
        mentions
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.sentence == si && m.kind == Kind::Organization)
    };
    // 向X提出
    if let Some((i, m)) = orgs().rfind(|(_, m)| m.end <= cue && cue - m.end <= 3) {
        if m.start > 0 && simp[m.start - 1] == '向' {
            return Some(i);
        }
    }
    // 建議X… / 由X牽頭 / 請X…
    let from = (c0..(c0 + 2).min(c1))
        .find(|&i| !lx.has_role(&simp[i].to_string(), Role::Preface) && simp[i] != '请')
        .unwrap_or(c0);
    orgs()
        .find(|(_, m)| m.start == from && m.end <= c1)
        .map(|(i, _)| i)
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
                let who = &a.linked.entities[a.linked.of_mention[p.proposer].unwrap()].label;
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
        let addressee = a.linked.of_mention[last.addressee.unwrap()].unwrap();
        assert_eq!(a.linked.entities[addressee].label, "香港特別行政區政府");
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
