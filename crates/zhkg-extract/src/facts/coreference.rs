//! Who a word refers to: the SAR a passage is about (特區政府 is its government), titles
//! used alone for their holder (特首 → the 行政長官 named in the article), and pronouns
//! (他, 她) for the person the passage is about.

use std::collections::BTreeSet;

use super::clauses::{Clauses, Subject};
use super::view::View;
use super::{MentionId, OrgRef, Position};
use crate::layout::BlockKind;
use crate::lexicon::{Lexicon, Role};
use crate::pipeline::Document;
use crate::recognize::{Kind, Mention};
use crate::rules::Rule;
use crate::script::Script;

/// Which special administrative region a passage is about: 香港 or 澳門 (lexicon places),
/// read once from the mentions that name one explicitly (香港, 本港, 港區 …; 澳門, 澳區 …);
/// a Traditional article that names none is about Hong Kong.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Sar {
    /// The lexicon's government of each SAR place (香港 → 香港特別行政區政府).
    governments: Vec<(usize, usize)>,
    /// Per mention, in order: where it ends, its block, and the SAR it names, if any.
    marks: Vec<(usize, usize, Option<Option<usize>>)>,
    /// The SAR the document names most (Hong Kong on a tie; none in a Simplified article
    /// that names neither).
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
        // Hong Kong's press may never write 香港; a Simplified article that names neither
        // SAR is about neither (常務副縣長 is no post of the Hong Kong government).
        let majority = if m > h {
            macao
        } else if h > 0 || doc.script != Script::Simplified {
            hk
        } else {
            None
        };
        Sar {
            governments,
            marks,
            majority,
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
pub(super) fn title_references(
    lx: &Lexicon,
    sar: &Sar,
    simp: &[char],
    mentions: &[Mention],
    positions: &[Position],
) -> Vec<Option<MentionId>> {
    let mut out = vec![None; mentions.len()];
    let canonical = |mi: MentionId| -> Option<String> {
        let e = lx.posts.get(mentions[mi].lexicon?)?;
        Some(e.canonical().to_string())
    };
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != Kind::Post || positions.iter().any(|p| p.post == MentionId(i)) {
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
        // Any other title used alone as the subject of a verb of saying (裁判官亦指, 教授
        // 表示) stands for the one person the article has named with it before.
        let says = || {
            let after = |a: usize| &simp[a.min(simp.len())..(a + 2).min(simp.len())];
            let adverb = simp
                .get(m.end)
                .is_some_and(|c| matches!(c, '亦' | '又' | '则' | '更' | '也' | '还' | '就'));
            [m.end, m.end + usize::from(adverb)].iter().any(|&a| {
                lx.role_prefix(after(a), Role::Speech).is_some()
                    || lx.role_prefix(after(a), Role::SubjectVerb).is_some()
            })
        };
        let head = post.rank == "head" && (!post.same_as.is_empty() || subject);
        if !head && !says() {
            continue;
        }
        let c = post.canonical().to_string();
        // 張教授呼籲…: a surname alone before the title (after a clause break) says whose.
        let surname = m
            .start
            .checked_sub(1)
            .filter(|&p| {
                lx.surname_len(&simp[p..m.end]) == Some(1)
                    && (p == 0 || !crate::script::is_han(simp[p - 1]))
                    && !mentions.iter().any(|o| o.start <= p && p < o.end)
            })
            .map(|p| simp[p]);
        let mut holders: Vec<&Position> = positions
            .iter()
            .filter(|p| canonical(p.post).as_deref() == Some(c.as_str()))
            .filter(|p| head || mentions[p.person].start < m.start)
            .filter(|p| surname.is_none_or(|c| simp.get(mentions[p.person].start) == Some(&c)))
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

/// 他 / 她 → the person the passage is about: the subject of the first clause of the
/// sentence that has a person as subject (before the pronoun), else of the nearest sentence
/// before that has one (in the same block or the two before it). A person named as an
/// object (除胡漢清外, 向X) or quoted inside someone's statement does not become the topic.
/// When no clause subject names a person, the first person named in the nearest sentence
/// that names one. The reporters of a byline write the story; they are not in it.
pub(super) fn resolve_pronouns(v: &View, cl: &Clauses, out: &mut [Option<MentionId>]) {
    let (mentions, sentences) = (v.mentions, &v.doc.sentences);
    let person = |k: usize, out: &[Option<MentionId>]| -> Option<MentionId> {
        match mentions[k].kind {
            Kind::Person if mentions[k].rule == Rule::BylineName => None,
            Kind::Person => Some(MentionId(k)),
            Kind::Post | Kind::Pronoun => out[k],
            _ => None,
        }
    };
    for i in 0..mentions.len() {
        if mentions[i].kind != Kind::Pronoun {
            continue;
        }
        let m = &mentions[i];
        let block = sentences[m.sentence].block;
        let mut found = None;
        for si in (0..=m.sentence).rev() {
            if block - sentences[si].block > 2 {
                break;
            }
            // A headline or a caption is no antecedent: a page pulled out of a PDF puts them
            // between the paragraphs of a story, which names its people again.
            if sentences[si].kind != BlockKind::Body {
                continue;
            }
            // The first person subject after the last fresh start (a kicker or subheading run
            // into the sentence begins another passage).
            let mut first = None;
            // The person subject of the clause right before the pronoun's.
            let mut last = None;
            for c in &cl.list[cl.of_sentence[si].clone()] {
                if c.start >= m.start {
                    break;
                }
                if c.fresh {
                    first = None;
                }
                last = match &c.subject {
                    Subject::Named(ms) if !c.quoted && c.end < m.start => {
                        ms.iter().find_map(|&x| person(x, out))
                    }
                    _ => None,
                };
                if c.quoted || first.is_some() {
                    continue;
                }
                if let Subject::Named(ms) = &c.subject {
                    first = ms.iter().find_map(|&x| person(x, out));
                } else if c.subject == Subject::Elided {
                    first = speaking_name(v, c.start, c.end.min(m.start));
                }
            }
            // X指，Y曾…，他亦…: a pronoun that is its clause's subject, right after a clause
            // with another person as subject, in what the first one reports, is that person.
            let subject_here = cl
                .at(m.start)
                .is_some_and(|k| matches!(&cl.list[k].subject, Subject::Named(ms) if ms.contains(&i)));
            if si == m.sentence && first.is_some() && subject_here && last.is_some() && last != first {
                first = last;
            }
            if first.is_some() {
                found = first;
                break;
            }
        }
        if found.is_none() {
            for j in (0..i).rev() {
                let mj = &mentions[j];
                if block - sentences[mj.sentence].block > 2 {
                    break;
                }
                if person(j, out).is_none() || sentences[mj.sentence].kind != BlockKind::Body {
                    continue;
                }
                // The first person of that sentence.
                found = (0..=j)
                    .filter(|&k| mentions[k].sentence == mj.sentence)
                    .find_map(|k| person(k, out));
                break;
            }
        }
        out[i] = found;
    }
}

/// 四五行動成員梁國雄則呼籲…: in a clause whose subject could not be read, a person named
/// right before a verb of saying or a cue (past one adverb), not after a preposition.
fn speaking_name(v: &View, a: usize, b: usize) -> Option<MentionId> {
    v.mentions.iter().enumerate().find_map(|(i, m)| {
        if m.kind != Kind::Person || m.start < a || m.end >= b {
            return None;
        }
        let adverb = matches!(v.simp[m.end], '则' | '又' | '亦' | '更' | '也' | '昨' | '今');
        let at = m.end + usize::from(adverb);
        let says = v.word_with_role(at, b, Role::Speech).is_some()
            || (at + 2 <= b && v.cue_strength(at, at + 2).is_some());
        let object = v
            .token_ending_at(m.start)
            .is_some_and(|t| t.tag == "p" || v.lx.has_role(&t.word, Role::ObjectMarker));
        (says && !object).then_some(MentionId(i))
    })
}

/// The government of a place from the lexicon: 香港 → 香港特別行政區政府.
pub(super) fn government_of(lx: &Lexicon, place: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use crate::facts::testing::{analyze, proposals, proposes};

    #[test]
    fn sar_governments_by_context_and_titles_used_alone() {
        let a = analyze(
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
    }

    #[test]
    fn pronouns_refer_to_subjects_not_to_objects() {
        // 胡大明 is named inside 除…外, not as a subject: 他 is the subject before.
        let a = analyze(
            "新民主同盟議員范小強批評，胡大明的說法嚇政府。除胡大明外，內地亦有輿論批評限制，他促請議員支持修例。",
        );
        assert!(proposes(&a, "范小強", "議員支持修例"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_caption_between_paragraphs_is_no_antecedent() {
        for (text, who) in [
            (
                "關注組成員梁少玲指，家長街站派出範本。\n\n●社工系學生吳珊瑤\n\n她呼籲家長保持警惕。",
                "梁少玲",
            ),
            (
                "关注组成员梁少玲指，家长街站派出范本。\n\n●社工系学生吴珊瑶\n\n她呼吁家长保持警惕。",
                "梁少玲",
            ),
        ] {
            let a = analyze(text);
            let proposers: Vec<String> = proposals(&a).into_iter().map(|(w, _)| w).collect();
            assert_eq!(proposers, [who], "{text}");
        }
    }

    #[test]
    fn a_title_inside_a_longer_noun_keeps_its_holder_as_subject() {
        // 委員[會]主席: the title mention ends inside the noun 委員會.
        let a =
            analyze("房屋署署長黃志強表示會研究。委員會主席陳大文指出，由於問題嚴重，他建議當局修改法例。");
        assert!(proposes(&a, "陳大文", "修改法例"), "{:?}", proposals(&a));
        let a =
            analyze("住建局局长黄志强表示会研究。委员会主席陈大文指出，由于问题严重，他建议当局修改法规。");
        assert!(proposes(&a, "陈大文", "修改法规"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_title_used_alone_as_a_speaker_is_the_one_named_with_it() {
        let a = analyze("死因裁判官陳大文昨日作出總結。裁判官亦指，現有裝備不足，建議消防處添置頭盔。");
        assert!(proposes(&a, "陳大文", "添置頭盔"), "{:?}", proposals(&a));
        let a = analyze("死因裁判官陈大文昨日作出总结。裁判官亦指，现有装备不足，建议消防处添置头盔。");
        assert!(proposes(&a, "陈大文", "添置头盔"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_pronoun_refers_to_a_speaker_whose_clause_subject_was_not_read() {
        let a = analyze(
            "工黨主席李大明將提出動議。昨日，四五行動成員梁國雄則呼籲市民參加遊行。他又提出「議員總辭」作為遊行口號。",
        );
        assert!(proposes(&a, "梁國雄", "議員總辭"), "{:?}", proposals(&a));
        let a = analyze(
            "工党主席李大明将提出动议。昨日，四五行动成员梁国雄则呼吁市民参加游行。他又提出“议员总辞”作为游行口号。",
        );
        assert!(proposes(&a, "梁国雄", "议员总辞"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_pronoun_does_not_refer_to_a_reporter_of_the_byline() {
        let a = analyze("記者：雷子樂　陳沛冰\n\n他昨日建議政府增加長者生活津貼的撥款。");
        assert!(
            proposals(&a)
                .iter()
                .all(|(who, _)| who != "陳沛冰" && who != "雷子樂"),
            "{:?}",
            proposals(&a)
        );
    }

    #[test]
    fn a_surname_alone_refers_to_the_person_named_last() {
        let a = analyze("攀山教練梁志豪認為警告牌有用。梁建議當局應加強宣傳。");
        assert!(proposes(&a, "梁志豪", "加強宣傳"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_pronoun_after_another_persons_clause_in_reported_speech_is_that_person() {
        // 裁判官指，黃曾…，他亦建議…: 他 is 黃, the subject of the clause before it, not the
        // one who reports.
        for (text, who, what) in [
            ("死因裁判官陳嘉明昨日作出裁決。死者黃志強生前為潛水隊隊員。裁判官指，黃曾接受潛水訓練，他亦自行建議帶隊下水。", "黃志強", "帶隊下水"),
            ("死因裁判官陈嘉明昨日作出裁决。死者黄志强生前为潜水队队员。裁判官指，黄曾接受潜水训练，他亦自行建议带队下水。", "黄志强", "带队下水"),
        ] {
            let a = analyze(text);
            assert!(proposes(&a, who, what), "{text}: {:?}", proposals(&a));
        }
        // With nobody else's clause between, the one who speaks.
        let a = analyze("死因裁判官陳嘉明昨日作出裁決。裁判官指，他建議水警購置救生設備。");
        assert!(proposes(&a, "陳嘉明", "水警購置救生設備"), "{:?}", proposals(&a));
    }

    #[test]
    fn a_surname_before_a_title_used_alone_names_which_holder() {
        for text in [
            "北京師範大學教授劉明建議完善立法。張教授呼籲社會各界關注留守兒童。",
            "北京师范大学教授刘明建议完善立法。张教授呼吁社会各界关注留守儿童。",
        ] {
            let a = analyze(text);
            let p = proposals(&a);
            assert!(p.iter().all(|(_, t)| !t.contains("留守")), "{text}: {p:?}");
        }
        // The holder of that surname.
        let a = analyze("北京師範大學教授劉明建議完善立法。劉教授又呼籲社會各界關注留守兒童。");
        assert!(proposes(&a, "劉明", "留守兒童"), "{:?}", proposals(&a));
    }
}
