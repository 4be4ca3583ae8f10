//! The proposer: the subject of the cue's clause, or of the nearest clause before it in the
//! sentence that has one (a subject carries over commas: `教協，在下月…，促請當局…`). A
//! title chain names its last person (`A委員、B公司董事長C` → C); a pronoun or a title used
//! alone stands for its antecedent; a document (報告提出) for its author. A clause whose
//! subject names nobody (有議員, 立法會議員) stops the search: that proposal has no one to
//! name.

use super::Ctx;
use crate::facts::clauses::Subject;
use crate::facts::text::text_of;
use crate::lexicon::Role;
use crate::recognize::{Kind, Mention};

/// Who proposes at some point of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    /// `agent` (a person or organization), written here as `subject` (a name, pronoun or title).
    Agent { subject: usize, agent: usize },
    /// A subject is written, but names nobody.
    Nobody,
    /// No clause of the sentence before this point has a subject.
    Elided,
}

/// The subjects a clause names, as agents.
pub(super) fn of_subject(cx: &Ctx, subject: &Subject, at: usize) -> Who {
    match subject {
        Subject::Elided => Who::Elided,
        Subject::Unnamed | Subject::Thing => Who::Nobody,
        Subject::FirstPerson => match cx.author {
            Some(a) => Who::Agent { subject: a, agent: a },
            None => Who::Nobody,
        },
        Subject::Named(ms) => ms
            .iter()
            .find_map(|&m| cx.agent(m).map(|agent| Who::Agent { subject: m, agent }))
            .unwrap_or(Who::Nobody),
        Subject::Document(d) => match document_author(cx, *d, at) {
            Some(p) => Who::Agent {
                subject: *d,
                agent: p,
            },
            None => Who::Nobody,
        },
    }
}

/// Every agent a clause's subject names (a joint subject names several).
pub(super) fn all_of_subject(cx: &Ctx, subject: &Subject) -> Vec<(usize, usize)> {
    match subject {
        Subject::Named(ms) => ms.iter().filter_map(|&m| Some((m, cx.agent(m)?))).collect(),
        _ => Vec::new(),
    }
}

/// The proposer of a cue at `at` in sentence `si`: the subject of its clause (when written
/// before `at`), else of the nearest clause before it in the sentence, not crossing a
/// dropped space (a subheading) and not looking into quotations.
pub(super) fn before(cx: &Ctx, si: usize, at: usize) -> (Who, Option<usize>) {
    let cl = cx.cl;
    let range = cl.of_sentence[si].clone();
    let Some(k) = cl.at(at).filter(|k| range.contains(k)) else {
        return (Who::Elided, None);
    };
    for j in (range.start..=k).rev() {
        let c = &cl.list[j];
        if j < k && cl.list[j + 1].fresh {
            break;
        }
        if c.quoted || (j == k && c.predicate > at) {
            if c.fresh {
                break;
            }
            continue;
        }
        // A thing as subject of an earlier clause (…，但抗爭未完，呼籲…) does not take over
        // the topic; in the cue's own clause it is what proposes (報告建議…).
        if j < k && c.subject == Subject::Thing {
            if c.fresh {
                break;
            }
            continue;
        }
        match of_subject(cx, &c.subject, at) {
            Who::Elided => {}
            Who::Agent { agent, .. } if j < k && cx.v.mentions[agent].kind == Kind::Organization => {
                // 唐家璇則強調，中央是一片好心，希望…: an organization inside what a person
                // says is the topic of the statement; the speaker proposes.
                // (Not the organization as well: no clause of a joint subject.)
                if let Some(sp) = speaker_before(cx, range.start, j) {
                    return (sp, None);
                }
                return (of_subject(cx, &c.subject, at), Some(j));
            }
            who => return (who, Some(j)),
        }
        if c.fresh {
            break;
        }
    }
    (Who::Elided, None)
}

/// The author of a signed article (文|陳光中, 作者：陳光中): the person named right after
/// the byline word.
pub(super) fn author(v: &crate::facts::view::View) -> Option<usize> {
    named_after(v, Role::Byline)
}

/// The person a commentary is signed by: named right after a commentator's title
/// (評論員, 特約評論員: grammar.tsv `commentator`).
pub(super) fn commentator(v: &crate::facts::view::View) -> Option<usize> {
    named_after(v, Role::Commentator)
}

/// The first person named right after a word with `role` (past spaces).
fn named_after(v: &crate::facts::view::View, role: Role) -> Option<usize> {
    (0..v.text.len()).find_map(|i| {
        let n = (2..=5).find(|&n| v.lx.has_role_chars(v.chars(i, i + n), role))?;
        let mut p = i + n;
        while p < v.text.len() && matches!(v.text[p], ' ' | '\u{3000}') {
            p += 1;
        }
        v.mention_at(p, v.text.len(), &[Kind::Person])
    })
}

/// A person or organization who speaks (表示, 強調, 指出, 稱 …) in one of the clauses
/// `from..to`, not across a subheading.
fn speaker_before(cx: &Ctx, from: usize, to: usize) -> Option<Who> {
    let (v, cl) = (cx.v, cx.cl);
    for i in (from..to).rev() {
        let c = &cl.list[i];
        if cl.list[i + 1].fresh {
            return None;
        }
        if c.quoted {
            continue;
        }
        let who = of_subject(cx, &c.subject, c.end);
        if let Who::Agent { .. } = who {
            let speaks = (c.predicate..c.end).any(|p| v.word_with_role(p, c.end, Role::Speech).is_some());
            if speaks {
                return Some(who);
            }
        }
    }
    None
}

/// 報告提出…: a document as subject stands for its author: the person or body written
/// before it with 的 (辦事處的報告), else the person named in the sentence that last
/// mentioned a document of that kind (李強在政府工作報告中…).
fn document_author(cx: &Ctx, doc: usize, at: usize) -> Option<usize> {
    let v = cx.v;
    let (mentions, sentences) = (v.mentions, &v.doc.sentences);
    let d = &mentions[doc];
    let name = text_of(v.simp, d.start, d.end);
    let block = sentences[d.sentence].block;
    // 古物古蹟辦事處(五年前)的報告: a document written after its owner and 的, with at
    // most a time between them, is the owner's.
    let after_de = |m: &Mention| m.start >= 2 && v.simp[m.start - 1] == '的';
    let owner = |m: &Mention| {
        after_de(m).then_some(())?;
        let of = m.start - 1;
        let time =
            |c: char| c.is_ascii_digit() || "〇零一二两三四五六七八九十百年月日前后去今上个半周".contains(c);
        mentions.iter().position(|p| {
            matches!(p.kind, Kind::Person | Kind::Organization)
                && p.end <= of
                && of - p.end <= 6
                && v.simp[p.end..of].iter().all(|&c| time(c))
        })
    };
    let earlier = || {
        mentions
            .iter()
            .rev()
            .filter(|m| m.end <= at.min(d.end) && m.kind == Kind::Occasion)
            .take_while(|m| block - sentences[m.sentence].block <= 6)
            .filter(|m| text_of(v.simp, m.start, m.end).ends_with(&name))
    };
    // A document owned by someone not recognized (辦事處的報告; not 作的報告, made by the
    // clause's subject, nor 今年的報告) is not the next person's.
    let possessed = |m: &Mention| {
        after_de(m)
            && v.token_ending_at(m.start - 1)
                .is_some_and(|t| t.tag.starts_with('n'))
    };
    let named = earlier().find_map(owner).or_else(|| {
        if earlier().any(possessed) {
            return None;
        }
        earlier().find_map(|m| {
            mentions
                .iter()
                .position(|p| p.sentence == m.sentence && p.kind == Kind::Person)
        })
    });
    // 施政報告 is the Chief Executive's: the one the article names (特首 → its holder).
    named.or_else(|| {
        name.ends_with("施政报告").then_some(())?;
        mentions.iter().enumerate().find_map(|(i, m)| {
            let t = text_of(v.simp, m.start, m.end);
            if m.kind != Kind::Post || !(t == "特首" || t == "行政长官") {
                return None;
            }
            // Used alone (its holder), or as the title of the name that follows.
            cx.antecedent[i].map(|a| a.index()).or_else(|| {
                mentions
                    .iter()
                    .position(|p| p.kind == Kind::Person && p.start == m.end)
            })
        })
    })
}
