//! Positions: who holds which post, as the text states it.
//!
//! - title chains before a name (港區全國人大代表、九龍社團聯會理事長徐莉): titles separated
//!   by 、 or 兼, each ending with a post; words of a title that are not names (寬帶發展聯盟
//!   理事長, 公安分局局長) belong to it;
//! - a title linked by 的 to the chain (港澳協調工作小組組長的人大委員長張德江);
//! - names listed after a titled name share its titles (記者 子京、康敬);
//! - bylines (記者：張三、李四; 編輯：陳娟);
//! - a title after the name and a copula (邱少明生前為特種救援隊成員).
//!
//! Each title is split into its organization (a mention in it, or one a place or modifier
//! implies: 澳門特區行政長官 → 澳門特區政府) and its post.

use super::coreference::{government_of, Sar};
use super::view::View;
use super::{MentionId, OrgRef, Position};
use crate::lexicon::{Lexicon, Role};
use crate::recognize::{Kind, Mention};
use crate::rules::Rule;

fn is_title_part(m: &Mention) -> bool {
    matches!(
        m.kind,
        Kind::Organization | Kind::Place | Kind::Modifier | Kind::Post
    )
}

/// Tags of words that may belong to a title without being a mention (寬帶[發展聯盟]理事長).
fn title_word(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nz" | "nt" | "ns" | "nn" | "j" | "b" | "vn" | "ng" | "l"
    )
}

/// A piece of a title: a mention, or a word that is not one.
#[derive(Debug, Clone, Copy)]
enum Piece {
    Mention(usize),
    Word(usize, usize),
}

impl Piece {
    fn span(self, mentions: &[Mention]) -> (usize, usize) {
        match self {
            Piece::Mention(m) => (mentions[m].start, mentions[m].end),
            Piece::Word(a, b) => (a, b),
        }
    }
}

/// The titles written right before `end`, walking back: lists of pieces, left to right,
/// each ending with a post (titles are separated by 、 or 兼).
fn titles_before(v: &View, end: usize) -> Vec<Vec<Piece>> {
    let (text, mentions) = (v.text, v.mentions);
    let ending_at = |e: usize| -> Option<usize> {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.end == e && is_title_part(m))
            .max_by_key(|(_, m)| m.end - m.start)
            .map(|(i, _)| i)
    };
    let mut pos = end;
    if pos > 0 && text[pos - 1] == ' ' {
        pos -= 1;
    }
    let mut titles: Vec<Vec<Piece>> = vec![Vec::new()]; // right to left
    let mut words = 0;
    loop {
        let cur = titles.last_mut().unwrap();
        // A subheading's space ends the title (…符合世貿規定 食物及衞生局局長高永文).
        if !cur.is_empty() && v.spaced(pos) {
            break;
        }
        if let Some(mi) = ending_at(pos) {
            cur.push(Piece::Mention(mi));
            pos = mentions[mi].start;
            continue;
        }
        // A word of the title that is not a mention, once the title has its post.
        let has_post = cur
            .iter()
            .any(|p| matches!(p, Piece::Mention(m) if mentions[*m].kind == Kind::Post));
        if has_post && words < 3 {
            if let Some(t) = v.token_ending_at(pos).filter(|t| {
                ((t.end - t.start >= 2 && title_word(&t.tag)) || v.is_modifier(&t.word))
                    && !t.word.contains('的')
                    && v.cue_strength(t.start, t.end).is_none()
                    && !v.lx.has_role(&t.word, Role::Speech)
            }) {
                cur.push(Piece::Word(t.start, t.end));
                words += 1;
                pos = t.start;
                continue;
            }
        }
        if pos > 0 && !cur.is_empty() && matches!(text[pos - 1], '、' | '兼' | ' ') {
            titles.push(Vec::new());
            words = 0;
            pos -= 1;
            continue;
        }
        break;
    }
    titles
        .into_iter()
        .map(|mut t| {
            t.reverse();
            t
        })
        .rev()
        .filter(|t| {
            // A title ends with a post and holds a mention before any word.
            matches!(t.last(), Some(Piece::Mention(m)) if mentions[*m].kind == Kind::Post)
        })
        .collect()
}

/// The position a title states for `person`.
fn position(
    v: &View,
    sar: &Sar,
    person: usize,
    t: &[Piece],
    rule: Rule,
    confidence: f32,
) -> Option<Position> {
    let (lx, text, mentions) = (v.lx, v.text, v.mentions);
    let parts: Vec<usize> = t
        .iter()
        .filter_map(|p| match p {
            Piece::Mention(m) => Some(*m),
            Piece::Word(..) => None,
        })
        .collect();
    let post_idx = parts.len() - 1;
    // Consecutive posts form one role (代表召集人); an organization-internal body
    // right before the post belongs to the role (監事委員會副主席).
    let mut role_start = post_idx;
    while role_start > 0 && mentions[parts[role_start - 1]].kind == Kind::Post {
        role_start -= 1;
    }
    let org_idx = parts[..role_start]
        .iter()
        .rposition(|&mi| mentions[mi].kind == Kind::Organization);
    let (org, role_from) = match org_idx {
        // Two organizations in a row: the second is a body of the first.
        Some(k)
            if k > 0
                && mentions[parts[k - 1]].kind == Kind::Organization
                && mentions[parts[k]].lexicon.is_none() =>
        {
            (
                Some(OrgRef::Mention(MentionId(parts[k - 1]))),
                mentions[parts[k]].start,
            )
        }
        Some(k) => {
            // 經民聯監事委員會: a body named after its parent is the parent's organ;
            // the role holds the organ (監事委員會副主席).
            let outer = &mentions[parts[k]];
            let parent = mentions.iter().position(|m| {
                m.kind == Kind::Organization
                    && m.lexicon.is_some()
                    && m.start == outer.start
                    && m.end < outer.end
            });
            match parent {
                Some(pi) if outer.lexicon.is_none() => {
                    (Some(OrgRef::Mention(MentionId(pi))), mentions[pi].end)
                }
                _ => (
                    Some(OrgRef::Mention(MentionId(parts[k]))),
                    mentions[parts[role_start]].start,
                ),
            }
        }
        // A title with words that are not names (國家互聯網應急中心副主任) names an
        // organization we do not know; only a title of names implies one.
        None if t.iter().any(|p| matches!(p, Piece::Word(..))) => (None, mentions[parts[role_start]].start),
        None => (
            infer_org(lx, sar, mentions, &parts[..role_start], mentions[person].start),
            mentions[parts[role_start]].start,
        ),
    };
    let last = &mentions[parts[post_idx]];
    // An elided post (入境處|長) takes back the character it shares with its body: 處長.
    let role_from = if last.rule == Rule::ElidedPost && role_from == last.start {
        role_from - 1
    } else {
        role_from
    };
    let title = (t.first()?.span(mentions).0, last.end);
    Some(Position {
        person: MentionId(person),
        post: MentionId(parts[post_idx]),
        role: text[role_from..last.end].iter().collect(),
        organization: org,
        title,
        head: last
            .lexicon
            .is_some_and(|i| matches!(lx.posts[i].rank.as_str(), "head" | "deputy")),
        rule,
        confidence,
    })
}

/// Positions stated in a document.
pub(super) fn positions(v: &View, sar: &Sar) -> Vec<Position> {
    let (text, mentions) = (v.text, v.mentions);
    let mut out: Vec<Position> = Vec::new();
    let mut titled_groups: Vec<(usize, Vec<Position>)> = Vec::new();
    for (pi, p) in mentions.iter().enumerate() {
        if p.kind != Kind::Person {
            continue;
        }
        let mut found: Vec<Position> = Vec::new();
        let titles = titles_before(v, p.start);
        for t in &titles {
            found.extend(position(v, sar, pi, t, Rule::TitleChain, 0.85));
        }
        // 港澳協調工作小組組長的人大委員長張德江, 做快遞員的王從義: a title linked by 的
        // to the chain or the name.
        let start = titles
            .first()
            .and_then(|t| t.first())
            .map_or(p.start, |first| first.span(mentions).0);
        if start > 0 && text[start - 1] == '的' {
            for t in titles_before(v, start - 1) {
                found.extend(position(v, sar, pi, &t, Rule::LinkedTitle, 0.7));
            }
        }
        // 習近平總書記, 薛彥飛兩位委員: a title right after the name.
        found.extend(title_after(v, sar, pi));
        found.extend(copula_title(v, sar, pi));
        if !found.is_empty() {
            titled_groups.push((pi, found.clone()));
            out.extend(found);
        }
    }
    // Names enumerated after a titled name share its titles: 記者 子京、康敬、黃子晉.
    for (pi, titles) in &titled_groups {
        let mut prev = *pi;
        for (qi, q) in mentions.iter().enumerate().skip(pi + 1) {
            let end = mentions[prev].end;
            let listed = q.start == end + 1 && matches!(text[end], '、' | ' ');
            if q.kind != Kind::Person || !listed {
                if q.start > end + 1 {
                    break;
                }
                continue;
            }
            if out.iter().any(|p| p.person == MentionId(qi)) {
                break;
            }
            for t in titles {
                out.push(Position {
                    person: MentionId(qi),
                    rule: Rule::SharedTitle,
                    confidence: 0.75,
                    ..t.clone()
                });
            }
            prev = qi;
        }
    }
    out.extend(bylines(v, &out));
    dedupe(v, out)
}

/// One position per person and post: a title that is the end of a longer one (主席 of
/// 支聯會主席) or another form of the same post (特首 for 行政長官) is the same position.
fn dedupe(v: &View, positions: Vec<Position>) -> Vec<Position> {
    let (lx, mentions) = (v.lx, v.mentions);
    let title = |p: &Position| v.s(p.title.0, p.title.1);
    let canonical = |p: &Position| {
        mentions[p.post]
            .lexicon
            .and_then(|li| lx.posts.get(li))
            .map_or_else(|| mentions[p.post].text.clone(), |e| e.canonical().to_string())
    };
    let name = |p: &Position| mentions[p.person].text.clone();
    let mut out: Vec<Position> = Vec::new();
    for p in positions {
        let same = out.iter().position(|q| {
            name(q) == name(&p)
                && canonical(q) == canonical(&p)
                && (title(q).ends_with(&title(&p))
                    || title(&p).ends_with(&title(q))
                    || title(q) == canonical(&p)
                    || title(&p) == canonical(q)
                    || mentions[q.post].text != mentions[p.post].text)
        });
        match same {
            Some(k) if title(&p).chars().count() > title(&out[k]).chars().count() => out[k] = p,
            Some(_) => {}
            None => out.push(p),
        }
    }
    out
}

/// 記者：張三、李四 / 編輯：陳娟 / 分析師：彭婉茹 彭曉月: a post, a colon (or 丨), then names.
fn bylines(v: &View, found: &[Position]) -> Vec<Position> {
    let (text, mentions) = (v.text, v.mentions);
    let mut out = Vec::new();
    // A credit line of names written without separators (記者劉洋陳晨): the recognizer
    // cut it into byline names.
    let glued_at = |at: usize| {
        v.mention_at(at, text.len(), &[Kind::Person])
            .is_some_and(|q| mentions[q].rule == Rule::BylineName)
    };
    for (i, m) in mentions.iter().enumerate() {
        let colon = matches!(text.get(m.end), Some('：' | ':' | '丨' | '|'));
        let glued = m.kind == Kind::Post
            && v.mention_at(m.end, text.len(), &[Kind::Person])
                .is_some_and(|q| glued_at(mentions[q].end));
        if m.kind != Kind::Post || !(colon || glued) {
            continue;
        }
        let mut at = if colon { m.end + 1 } else { m.end };
        while at < text.len() && text[at] == ' ' {
            at += 1;
        }
        let mut first = true;
        loop {
            let Some(q) = v.mention_at(at, text.len(), &[Kind::Person]) else {
                // A name we do not know, standing apart (記者：王家文　鄭啟源): the byline
                // goes on after it.
                let skip = (2..=4).find(|&n| {
                    at + n < text.len()
                        && (at..at + n).all(|i| crate::script::is_han(text[i]))
                        && v.gap(at + n)
                        && !v.in_mention(at, at + n, &[Kind::Post, Kind::Organization, Kind::Place])
                });
                match skip {
                    Some(n) => {
                        at += n;
                        first = false;
                        continue;
                    }
                    None => break,
                }
            };
            // After the first, a name of the byline stands apart (張婷婷 韓耀庭); one run into
            // the text is the sentence's subject (林俊謙 梁振英昨日…).
            let e = mentions[q].end;
            let apart = e >= text.len()
                || v.gap(e)
                || glued_at(e)
                || !crate::script::is_han(text[e])
                || text[e] == '、'
                || v.mention_at(e, text.len(), &[Kind::Post]).is_some();
            if !first && !apart {
                break;
            }
            if !found
                .iter()
                .any(|p| p.person == MentionId(q) && mentions[p.post].text == m.text)
            {
                out.push(Position {
                    person: MentionId(q),
                    post: MentionId(i),
                    role: m.text.clone(),
                    organization: None,
                    title: (m.start, m.end),
                    head: false,
                    rule: Rule::Byline,
                    confidence: if first { 0.8 } else { 0.7 },
                });
            }
            first = false;
            at = mentions[q].end;
            if at < text.len() && matches!(text[at], '、' | ' ') {
                at += 1;
            }
        }
    }
    out
}

/// 習近平總書記視察…, 薛彥飛兩位委員: a post right after the name (after a count of
/// people), which does not start the title of a name that follows.
fn title_after(v: &View, sar: &Sar, person: usize) -> Option<Position> {
    let (text, simp, mentions) = (v.text, v.simp, v.mentions);
    // A name read off a title before it (委員全由…) is too weak to take one after it too.
    if mentions[person].rule == Rule::TitleName {
        return None;
    }
    let mut at = mentions[person].end;
    // 兩位, 三名
    if at + 1 < text.len() && matches!(simp[at + 1], '位' | '名') && "两二三四五六七八九十".contains(simp[at])
    {
        at += 2;
    }
    let post = v.mention_at(at, text.len(), &[Kind::Post])?;
    let e = mentions[post].end;
    // Not the title of the names after it (…彭曉月編輯：彭曉月 牛佳宇).
    if v.mention_at(e, text.len(), &[Kind::Person, Kind::Post, Kind::Organization])
        .is_some()
        || matches!(text.get(e), Some('：' | ':' | '丨' | '|'))
    {
        return None;
    }
    position(v, sar, person, &[Piece::Mention(post)], Rule::TitleAfterName, 0.7)
}

/// 邱少明（50歲）生前為特種救援隊成員: a title after the name and a copula (為, 是, 任, 擔任),
/// ending the clause.
fn copula_title(v: &View, sar: &Sar, person: usize) -> Option<Position> {
    let (text, simp, mentions) = (v.text, v.simp, v.mentions);
    let n = text.len();
    let mut at = mentions[person].end;
    // A short parenthesis (（50歲）) and adverbs (生前, 現, 亦) before the copula.
    if at < n && matches!(text[at], '（' | '(') {
        at = (at + 1..(at + 8).min(n)).find(|&i| matches!(text[i], '）' | ')'))? + 1;
    }
    for _ in 0..2 {
        match v.token_at(at) {
            Some(t) if matches!(t.tag.as_str(), "d" | "t") || t.word == "生前" => at = t.end,
            _ => break,
        }
    }
    let cop = ["为", "是", "任", "出任", "担任", "现任"]
        .iter()
        .find(|w| v.token_at(at).is_some_and(|t| t.word == **w))?;
    let from = at + cop.chars().count();
    // The title: mentions and words up to a post that ends the clause.
    let mut pieces: Vec<Piece> = Vec::new();
    let mut cur = from;
    let mut words = 0;
    while cur < n {
        if let Some(m) = v.mention_at(
            cur,
            n,
            &[Kind::Organization, Kind::Place, Kind::Modifier, Kind::Post],
        ) {
            pieces.push(Piece::Mention(m));
            cur = mentions[m].end;
            if mentions[m].kind == Kind::Post
                && matches!(simp.get(cur), Some('，' | '。' | '；' | '、') | None)
            {
                break;
            }
            continue;
        }
        match v.token_at(cur) {
            Some(t) if words < 3 && title_word(&t.tag) => {
                pieces.push(Piece::Word(t.start, t.end));
                words += 1;
                cur = t.end;
            }
            _ => return None,
        }
    }
    match pieces.last() {
        Some(Piece::Mention(m)) if mentions[*m].kind == Kind::Post => {}
        _ => return None,
    }
    position(v, sar, person, &pieces, Rule::CopulaTitle, 0.7)
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

#[cfg(test)]
mod tests {
    use crate::facts::testing::{analyze, positions};
    use crate::facts::OrgRef;

    fn titles_of(text: &str, who: &str) -> Vec<String> {
        positions(&analyze(text))
            .into_iter()
            .filter(|(p, _)| p == who)
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn title_chains_split_into_positions() {
        assert_eq!(
            titles_of(
                "港區全國人大代表、九龍社團聯會理事長徐莉重點關注香港的發展。",
                "徐莉"
            ),
            ["港區全國人大代表", "九龍社團聯會理事長"]
        );
        assert_eq!(
            titles_of(
                "全國政協委員兼提案委員會委員、經民聯監事委員會副主席胡劍江表示，香港要發展。",
                "胡劍江"
            ),
            ["全國政協委員", "提案委員會委員", "經民聯監事委員會副主席"]
        );
        // 立會, Hong Kong's short form of 立法會, in a party's title chain.
        assert_eq!(
            titles_of("公民黨立會議員梁家傑指出，政府應撤回修例。", "梁家傑"),
            ["公民黨立會議員"]
        );
    }

    #[test]
    fn a_head_written_with_the_last_character_of_the_body() {
        for (text, person, org, role) in [
            ("保安局長陳大文昨日表示，會加強巡邏。", "陳大文", "保安局", "局長"),
            ("民政部长王小明昨日会见了来访的客人。", "王小明", "民政部", "部长"),
        ] {
            let a = analyze(text);
            let p = a
                .facts
                .positions
                .iter()
                .find(|p| a.mentions[p.person.index()].text == person)
                .unwrap_or_else(|| panic!("{text}: {:?}", a.facts.positions));
            assert_eq!(p.role, role, "{text}");
            let o = match p.organization {
                Some(OrgRef::Mention(m)) => a.mentions[m.index()].text.clone(),
                ref other => format!("{other:?}"),
            };
            assert_eq!(o, org, "{text}");
        }
    }

    #[test]
    fn words_of_a_title_that_are_not_names_belong_to_it() {
        // 寬帶發展聯盟 is in no lexicon: the title keeps its words whether or not the
        // name model sees an organization there, and names it only if it does.
        let a = analyze("中國工程院院士、寬帶發展聯盟理事長鄔賀銓表示，提速降費非朝夕之事。");
        let titles: Vec<String> = positions(&a).into_iter().map(|(_, t)| t).collect();
        assert_eq!(titles, ["中國工程院院士", "寬帶發展聯盟理事長"]);
        let p = a
            .facts
            .positions
            .iter()
            .find(|p| a.doc.slice(p.title.0, p.title.1) == "寬帶發展聯盟理事長");
        let org = match p.unwrap().organization {
            Some(OrgRef::Mention(m)) => Some(a.doc.slice(a.mentions[m.0].start, a.mentions[m.0].end)),
            _ => None,
        };
        let seen = a
            .mentions
            .iter()
            .any(|m| a.doc.slice(m.start, m.end) == "寬帶發展聯盟");
        assert_eq!(org.as_deref(), seen.then_some("寬帶發展聯盟"));
    }

    #[test]
    fn a_simplified_article_that_names_no_sar_gives_no_post_to_its_government() {
        let a = analyze("县委常委、常务副县长王大明出席会议。");
        let deputy = a
            .facts
            .positions
            .iter()
            .find(|p| a.doc.slice(p.title.0, p.title.1) == "常务副县长")
            .expect("a position");
        assert_eq!(deputy.organization, None);
    }

    #[test]
    fn bylines_give_their_names_the_title() {
        let a = analyze("記者：張小明、李大文\n\n【本報訊】立法會昨日開會。");
        let got = positions(&a);
        assert!(got.contains(&("張小明".into(), "記者".into())), "{got:?}");
        assert!(got.contains(&("李大文".into(), "記者".into())), "{got:?}");
        let a = analyze("来源：法制日报 编辑：陈红");
        assert!(
            positions(&a).contains(&("陈红".into(), "编辑".into())),
            "{:?}",
            positions(&a)
        );
    }

    #[test]
    fn titles_after_the_name_linked_and_after_a_copula() {
        assert_eq!(titles_of("會上，習近平總書記作重要講話。", "習近平"), ["總書記"]);
        assert_eq!(
            titles_of("在一家物流公司做快递员的王小军说，收入不高。", "王小军"),
            ["快递员"]
        );
        assert_eq!(
            titles_of("消防處證實，殉職的陳志強（45歲）生前為高空拯救隊成員。", "陳志強"),
            ["高空拯救隊成員"]
        );
    }

    #[test]
    fn one_position_per_post() {
        // 特首 and 行政長官 are one post; 主席 of 支聯會主席 is the same title.
        let a = analyze("行政長官曾蔭權昨日出席。特首曾蔭權表示滿意。");
        assert_eq!(titles_of_a(&a, "曾蔭權").len(), 1, "{:?}", positions(&a));
    }

    fn titles_of_a(a: &crate::pipeline::Analysis, who: &str) -> Vec<String> {
        positions(a)
            .into_iter()
            .filter(|(p, _)| p == who)
            .map(|(_, t)| t)
            .collect()
    }
}
