//! Proposals: around every cue word (建議, 提出, 促請 …) a frame of proposer, content,
//! items, addressee, places and occasion.

use super::text::{clause_start, has_role_in, inside, text_of, trim_end};
use super::{MentionId, Proposal, Strength};
use crate::layout::BlockKind;
use crate::lexicon::{CueStrength, Lexicon, Role, Term};
use crate::pipeline::Document;
use crate::recognize::{Kind, Mention};
use crate::rules::Rule;
use crate::sentence::Sentence;

/// Is the cue at `a..b` used as a noun (多項建議, 寶貴建議, 所提建議的)?
fn cue_is_noun(lx: &Lexicon, simp: &[char], a: usize, b: usize) -> bool {
    let before_marker = (1..=a.min(3)).any(|n| lx.has_role(&text_of(simp, a - n, a), Role::NounMarker));
    let next = simp.get(b).copied().unwrap_or('。');
    before_marker || matches!(next, '。' | '、' | '书' | '案' | '；' | '」')
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
            proposer: MentionId(self.proposer),
            proposer_mention: MentionId(self.subject),
            cue: text[self.span.0..self.span.1].iter().collect(),
            cue_span: self.span,
            strength: self.strength,
            content,
            addressee: self.addressee.map(MentionId),
            places: inside(mentions, Kind::Place, content.0, content.1),
            organizations: inside(mentions, Kind::Organization, content.0, content.1),
            occasion: self.occasion.map(MentionId),
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

pub(super) fn proposals(
    lx: &Lexicon,
    doc: &Document,
    mentions: &[Mention],
    antecedent: &[Option<MentionId>],
) -> Vec<Proposal> {
    let (text, simp, sentences, tokens) = (
        &doc.layout.text,
        &doc.simp[..],
        &doc.sentences[..],
        &doc.tokens[..],
    );
    let mut out: Vec<Proposal> = Vec::new();
    // The person or organization a mention stands for.
    let agent = |mi: usize| -> Option<usize> {
        match mentions[mi].kind {
            Kind::Person | Kind::Organization => Some(mi),
            Kind::Pronoun | Kind::Post => antecedent[mi].map(MentionId::index),
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
                .or_else(|| here.last().map(|p| p.proposer_mention.0))
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
                        return Some(p.proposer_mention.0);
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
