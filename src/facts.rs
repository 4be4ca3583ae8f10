//! Stage 4: facts from mentions — who holds which post, who proposed what.
//!
//! Positions come from title chains right before a name (港區全國人大代表、九龍社團聯會
//! 理事長徐莉): each title splits into its organization and post. Proposals come from cue
//! verbs (建議, 提出, 倡議 … and the softer 希望, 盼望): the proposer is the subject before
//! the cue (a pronoun resolved to the last named person), the content is the clause after
//! it, and the addressee, places, organizations and occasion are read from around it.

use crate::layout::{BlockKind, Layout};
use crate::lexicon::{Lexicon, Role, Term};
use crate::recognize::{Kind, Mention};
use crate::script::to_simplified;
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
    pub rule: &'static str,
    pub confidence: f32,
}

/// An organization named by a mention or known from the lexicon only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum OrgRef {
    Mention(usize),
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
pub struct Proposal {
    /// Mention index of the proposer (a person or organization; pronouns resolved).
    pub proposer: usize,
    /// Mention index of the pronoun or name that stands for the proposer here, if any.
    pub proposer_mention: usize,
    pub cue: String,
    /// `start..end` of the cue (for a continuation: of the first clause's cue).
    pub cue_span: (usize, usize),
    pub strength: Strength,
    /// `start..end` of the content.
    pub content: (usize, usize),
    pub addressee: Option<usize>,
    pub places: Vec<usize>,
    pub organizations: Vec<usize>,
    pub occasion: Option<usize>,
    pub sentence: usize,
    pub rule: &'static str,
    pub confidence: f32,
}

/// Everything the facts stage found in one document.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facts {
    pub positions: Vec<Position>,
    pub proposals: Vec<Proposal>,
    /// For each mention: the person mention a pronoun refers to.
    pub antecedent: Vec<Option<usize>>,
}

/// Extract facts from the mentions of one document.
pub fn extract(layout: &Layout, simp: &[char], sentences: &[Sentence], mentions: &[Mention]) -> Facts {
    let lx = Lexicon::get();
    let antecedent = resolve_pronouns(sentences, mentions);
    let positions = positions(lx, layout, simp, mentions);
    let proposals = proposals(lx, layout, simp, sentences, mentions, &antecedent);
    Facts {
        positions,
        proposals,
        antecedent,
    }
}

/// 他 / 她 → the last person named before, in the same block or the two before it.
fn resolve_pronouns(sentences: &[Sentence], mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut out = vec![None; mentions.len()];
    let mut last: Option<usize> = None;
    for (i, m) in mentions.iter().enumerate() {
        match m.kind {
            Kind::Person => last = Some(i),
            Kind::Pronoun => {
                out[i] = last.filter(|&p| {
                    let (a, b) = (sentences[mentions[p].sentence].block, sentences[m.sentence].block);
                    b - a <= 2
                });
            }
            _ => {}
        }
    }
    out
}

fn is_title_part(m: &Mention) -> bool {
    matches!(m.kind, Kind::Organization | Kind::Place | Kind::Modifier | Kind::Post)
}

/// Title chains before each person: components are contiguous organization, place,
/// modifier and post mentions, titles are separated by 、 or 兼.
fn positions(lx: &Lexicon, layout: &Layout, simp: &[char], mentions: &[Mention]) -> Vec<Position> {
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
                Some(k) if k > 0 && mentions[t[k - 1]].kind == Kind::Organization && mentions[t[k]].lexicon.is_none() => {
                    (Some(OrgRef::Mention(t[k - 1])), mentions[t[k]].start)
                }
                Some(k) => (Some(OrgRef::Mention(t[k])), mentions[t[role_start]].start),
                None => (
                    infer_org(lx, simp, mentions, &t[..role_start], p.start),
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
                rule: "title-chain",
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
            if q.kind != Kind::Person || q.start != mentions[prev].end + 1 || !matches!(text[mentions[prev].end], '、' | ' ') {
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
                    rule: "shared-title",
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
/// place (澳門特區行政長官 → 澳門特區政府), or after 特區 (the nearest SAR named before).
fn infer_org(lx: &Lexicon, simp: &[char], mentions: &[Mention], prefix: &[usize], before: usize) -> Option<OrgRef> {
    let place = prefix
        .iter()
        .rev()
        .find(|&&mi| mentions[mi].kind == Kind::Place)
        .and_then(|&mi| mentions[mi].lexicon)
        .or_else(|| {
            prefix
                .iter()
                .any(|&mi| mentions[mi].kind == Kind::Modifier)
                .then(|| sar_context(lx, simp, mentions, before))
                .flatten()
        })?;
    government_of(lx, place).map(OrgRef::Lexicon)
}

/// Which SAR (香港 or 澳門, as a lexicon place) the text before `before` is about.
pub fn sar_context(lx: &Lexicon, simp: &[char], mentions: &[Mention], before: usize) -> Option<usize> {
    let macao = lx.place("澳門");
    let hk = lx.place("香港");
    for m in mentions.iter().rev().filter(|m| m.end <= before) {
        let s: String = simp[m.start..m.end].iter().collect();
        if s.starts_with('澳') || (m.kind == Kind::Place && m.lexicon.is_some() && m.lexicon == macao) {
            return macao;
        }
        if s.starts_with("香港") || s.starts_with("港区") || (m.kind == Kind::Place && m.lexicon.is_some() && m.lexicon == hk) {
            return hk;
        }
    }
    hk
}

/// The government of a place from the lexicon: 香港 → 香港特別行政區政府.
pub fn government_of(lx: &Lexicon, place: usize) -> Option<usize> {
    let p = &lx.places[place];
    let mut names = vec![p.name.clone()];
    names.extend(p.aliases.iter().cloned());
    for n in &names {
        for suffix in ["特別行政區政府", "特區政府", "政府", "人民政府", "省政府", "市政府"] {
            if let Some(o) = lx.org(&format!("{n}{suffix}")) {
                return Some(o);
            }
        }
    }
    None
}

/// Is the cue at `a..b` used as a noun (多項建議, 寶貴建議, 意見建議，)?
fn cue_is_noun(lx: &Lexicon, simp: &[char], a: usize, b: usize) -> bool {
    let before_marker = (1..=a.min(3)).any(|n| lx.has_role(&simp[a - n..a].iter().collect::<String>(), Role::NounMarker));
    let next = simp.get(b).copied().unwrap_or('。');
    before_marker || matches!(next, '。' | '、' | '，' | '的' | '书' | '案' | '；')
}

fn proposals(
    lx: &Lexicon,
    layout: &Layout,
    simp: &[char],
    sentences: &[Sentence],
    mentions: &[Mention],
    antecedent: &[Option<usize>],
) -> Vec<Proposal> {
    let text = &layout.text;
    let mut out: Vec<Proposal> = Vec::new();
    // The person or organization a proposal without its own subject falls back to.
    let agent = |mi: usize| -> Option<usize> {
        match mentions[mi].kind {
            Kind::Person | Kind::Organization => Some(mi),
            Kind::Pronoun => antecedent[mi],
            _ => None,
        }
    };
    for (si, s) in sentences.iter().enumerate() {
        if s.kind != BlockKind::Body {
            continue;
        }
        let cues: Vec<(usize, usize, bool)> = lx
            .find_terms(&simp[s.start..s.end])
            .into_iter()
            .filter_map(|(a, b, terms)| {
                terms.iter().find_map(|t| match t {
                    Term::Cue(i) => Some((s.start + a, s.start + b, lx.cues[*i].explicit)),
                    _ => None,
                })
            })
            .filter(|&(a, b, _)| !cue_is_noun(lx, simp, a, b))
            .collect();
        let mut here: Vec<Proposal> = Vec::new();
        for (ci, &(a, b, explicit)) in cues.iter().enumerate() {
            let coordinated = a > s.start
                && (text[a - 1] == '，'
                    || (1..=a.min(2) - 0).any(|n| a >= s.start + n && lx.has_role(&simp[a - n..a].iter().collect::<String>(), Role::Coordinator)));
            // A cue inside the content of an earlier proposal is part of that content
            // (認同特區政府主動提出修改法例) unless it starts a further one (又建議).
            if here.iter().any(|p| p.content.0 <= a && a < p.content.1) && !coordinated {
                continue;
            }
            // Proposer: the nearest person (or pronoun) before the cue in this sentence,
            // else an organization right before it, else the last person of the paragraph.
            let before: Vec<usize> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.sentence == si && m.end <= a)
                .map(|(i, _)| i)
                .collect();
            let subject = before
                .iter()
                .rev()
                .find(|&&i| matches!(mentions[i].kind, Kind::Person | Kind::Pronoun) && agent(i).is_some())
                .copied()
                .or_else(|| {
                    before
                        .iter()
                        .rev()
                        .find(|&&i| mentions[i].kind == Kind::Organization && a - mentions[i].end <= 4)
                        .copied()
                })
                .or_else(|| here.last().map(|p| p.proposer_mention))
                .or_else(|| {
                    mentions
                        .iter()
                        .enumerate()
                        .rev()
                        .filter(|(_, m)| m.end <= s.start && sentences[m.sentence].block == s.block)
                        .find(|(i, m)| matches!(m.kind, Kind::Person | Kind::Pronoun) && agent(*i).is_some())
                        .map(|(i, _)| i)
                });
            let Some(subject) = subject else { continue };
            let Some(proposer) = agent(subject) else { continue };
            // Content: after the cue to the next coordinated cue or the sentence end.
            let mut c0 = b;
            while c0 < s.end && matches!(text[c0], '，' | '：' | ':' | ' ') {
                c0 += 1;
            }
            let mut c1 = s.end;
            for &(na, _, _) in &cues[ci + 1..] {
                let coord = text[na - 1] == '，' || lx.has_role(&simp[na - 1].to_string(), Role::Coordinator);
                if coord {
                    let mut e = na;
                    while e > c0 && (lx.has_role(&simp[e - 1].to_string(), Role::Coordinator) || matches!(text[e - 1], '，' | ' ')) {
                        e -= 1;
                    }
                    c1 = e;
                    break;
                }
            }
            while c1 > c0 && matches!(text[c1 - 1], '。' | '；' | '，' | '！' | '？' | ' ' | '\n') {
                c1 -= 1;
            }
            // 提出「……」的建議: the quoted text is the content.
            if text.get(c0) == Some(&'「') {
                if let Some(q) = (c0..c1).find(|&i| text[i] == '」') {
                    let tail: String = simp[q + 1..(q + 4).min(simp.len())].iter().collect();
                    if tail.starts_with("的建议") || tail.starts_with("的倡议") || tail.starts_with("的提案") {
                        c1 = q;
                        c0 += 1;
                    }
                }
            }
            if c1 <= c0 + 1 {
                continue;
            }
            let inside = |m: &Mention| m.start >= c0 && m.end <= c1;
            let places: Vec<usize> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.kind == Kind::Place && inside(m))
                .map(|(i, _)| i)
                .collect();
            let organizations: Vec<usize> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.kind == Kind::Organization && inside(m))
                .map(|(i, _)| i)
                .collect();
            let addressee = addressee(lx, simp, mentions, si, a, c0, c1);
            let occasion = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.kind == Kind::Occasion && m.end <= a)
                .filter(|(_, m)| m.sentence == si || sentences[m.sentence].block == s.block)
                .map(|(i, _)| i)
                .next_back();
            here.push(Proposal {
                proposer,
                proposer_mention: subject,
                cue: text[a..b].iter().collect(),
                cue_span: (a, b),
                strength: if explicit { Strength::Explicit } else { Strength::Soft },
                content: (c0, c1),
                addressee,
                places,
                organizations,
                occasion,
                sentence: si,
                rule: if mentions[subject].sentence == si { "cue-subject" } else { "cue-carried-subject" },
                confidence: if explicit { 0.8 } else { 0.6 },
            });
        }
        // A clause after a proposal that ended with ；and has no cue of its own continues
        // the list: 建議A；B；C.
        if here.is_empty() && si > 0 {
            let prev = &sentences[si - 1];
            if prev.semicolon && prev.block == s.block {
                if let Some(last) = out.iter().rev().find(|p| p.sentence == si - 1).cloned() {
                    let has_subject = mentions
                        .iter()
                        .any(|m| m.sentence == si && m.start == s.start && matches!(m.kind, Kind::Person | Kind::Pronoun));
                    if !has_subject {
                        let mut c1 = s.end;
                        while c1 > s.start && matches!(text[c1 - 1], '。' | '；' | '，' | ' ' | '\n') {
                            c1 -= 1;
                        }
                        let inside = |m: &Mention| m.start >= s.start && m.end <= c1;
                        here.push(Proposal {
                            content: (s.start, c1),
                            places: mentions.iter().enumerate().filter(|(_, m)| m.kind == Kind::Place && inside(m)).map(|(i, _)| i).collect(),
                            organizations: mentions.iter().enumerate().filter(|(_, m)| m.kind == Kind::Organization && inside(m)).map(|(i, _)| i).collect(),
                            addressee: None,
                            sentence: si,
                            rule: "semicolon-list",
                            confidence: last.confidence * 0.9,
                            ..last
                        });
                    }
                }
            }
        }
        out.extend(here);
    }
    let _ = to_simplified;
    out
}

/// Who a proposal is addressed to: 向X提出, 建議X…, 促請X, 由X牽頭.
fn addressee(lx: &Lexicon, simp: &[char], mentions: &[Mention], si: usize, cue: usize, c0: usize, c1: usize) -> Option<usize> {
    let _ = lx;
    let orgs = || {
        mentions
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.sentence == si && m.kind == Kind::Organization)
    };
    // 向X提出
    if let Some((i, _)) = orgs().filter(|(_, m)| m.end <= cue && cue - m.end <= 1).last() {
        if mentions[i].start > 0 && simp[mentions[i].start - 1] == '向' {
            return Some(i);
        }
    }
    // 建議X… / 由X牽頭
    if let Some((i, m)) = orgs().find(|(_, m)| m.start >= c0 && m.start <= c0 + 1 && m.end <= c1) {
        if m.start == c0 || simp[c0] == '由' || simp[c0] == '请' {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Strength;
    use crate::pipeline::{analyze_text, Analysis};

    fn positions(a: &Analysis) -> Vec<(String, String)> {
        a.facts
            .positions
            .iter()
            .map(|p| (a.mentions[p.person].text.clone(), a.layout.slice(p.title.0, p.title.1)))
            .collect()
    }

    fn proposals(a: &Analysis) -> Vec<(String, String)> {
        a.facts
            .proposals
            .iter()
            .map(|p| {
                let who = &a.linked.entities[a.linked.of_mention[p.proposer].unwrap()].label;
                (who.clone(), a.layout.slice(p.content.0, p.content.1))
            })
            .collect()
    }

    #[test]
    fn title_chains_split_into_positions() {
        let a = analyze_text("t.txt", "港區全國人大代表、九龍社團聯會理事長徐莉重點關注香港的發展。");
        assert_eq!(
            positions(&a),
            vec![
                ("徐莉".to_string(), "港區全國人大代表".to_string()),
                ("徐莉".to_string(), "九龍社團聯會理事長".to_string())
            ]
        );
        let a = analyze_text("t.txt", "全國政協委員兼提案委員會委員、經民聯監事委員會副主席胡劍江表示，香港要發展。");
        let titles: Vec<String> = positions(&a).into_iter().map(|(_, t)| t).collect();
        assert_eq!(titles, vec!["全國政協委員", "提案委員會委員", "經民聯監事委員會副主席"]);
    }

    #[test]
    fn proposals_with_pronouns_lists_and_addressees() {
        let a = analyze_text(
            "t.txt",
            "全國政協常委王惠貞在會上發言。她建議將醫學院進一步擴建成為大學城；建立區塊鏈平台。他建議特區政府優化上市程序。",
        );
        let p = proposals(&a);
        assert_eq!(p[0], ("王惠貞".to_string(), "將醫學院進一步擴建成為大學城".to_string()));
        assert_eq!(p[1], ("王惠貞".to_string(), "建立區塊鏈平台".to_string()));
        let last = a.facts.proposals.last().unwrap();
        let addressee = a.linked.of_mention[last.addressee.unwrap()].unwrap();
        assert_eq!(a.linked.entities[addressee].label, "香港特別行政區政府");
        assert_eq!(last.strength, Strength::Explicit);
    }

    #[test]
    fn soft_proposals_and_simplified_text() {
        let a = analyze_text("t.txt", "全国政协委员苏长荣表示，希望特区政府争取照顾香港的发展需要。");
        let p = proposals(&a);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "苏长荣");
        assert_eq!(a.facts.proposals[0].strength, Strength::Soft);
    }
}
