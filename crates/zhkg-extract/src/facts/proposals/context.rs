//! Around a proposal: whom it is addressed to (向X提出, 促請X…, 建議X…, 由X牽頭, 建議…，
//! 當局應…, 去信X，要求…) and the occasion it was made at (a meeting named before the cue
//! in the passage).

use super::Ctx;
use crate::facts::view::View;
use crate::is_han;
use crate::lexicon::{CueStrength, Role};
use crate::recognize::Kind;

/// Who a proposal is addressed to: 向X提出 (before the cue), or the organization or person
/// that opens the content (促請張舉能…, 建議政府…, 由海關總署牽頭…).
pub(super) fn addressee(cx: &Ctx, si: usize, cue: usize, c0: usize, c1: usize) -> Option<usize> {
    let v = cx.v;
    let (lx, simp, mentions) = (v.lx, v.simp, v.mentions);
    let target = |m: usize| matches!(mentions[m].kind, Kind::Organization | Kind::Person);
    // 向X提出
    if let Some(i) = (0..mentions.len()).rev().find(|&i| {
        mentions[i].sentence == si && target(i) && mentions[i].end <= cue && cue - mentions[i].end <= 3
    }) {
        let m = &mentions[i];
        if m.start > 0 && simp[m.start - 1] == '向' {
            return Some(i);
        }
    }
    // 建議X… / 由X牽頭 / 請X…
    let from = (c0..(c0 + 2).min(c1))
        .find(|&i| !lx.has_role_chars(std::slice::from_ref(&simp[i]), Role::Preface) && simp[i] != '请')
        .unwrap_or(c0);
    // 要求被告洪振快…: the party's label before the name.
    let from = from + v.word_with_role(from, c1, Role::Party).unwrap_or(0);
    if let Some(m) = v.mention_at(from, c1, &[Kind::Organization, Kind::Person, Kind::Pronoun]) {
        return match mentions[m].kind {
            Kind::Pronoun => cx.agent(m),
            _ => Some(m),
        };
    }
    should_subject(cx, c0, c1).or_else(|| {
        // (Not when a group opens the content: 去信X，要求政府… asks the government.)
        audience(v, c0, c1)
            .is_none()
            .then(|| letter_to(cx, si, cue))
            .flatten()
    })
}

/// The one told what to do in a proposal's first sentence (建議除非有健康證明，政府應禁止…):
/// the body or person named right before its first should word.
fn should_subject(cx: &Ctx, c0: usize, c1: usize) -> Option<usize> {
    let v = cx.v;
    let w0 = first_should(cx, c0, c1)?;
    let start = clause_start(v, c0, w0);
    // The name opens its clause (not 各級|法院要…, a group).
    let m = (0..v.mentions.len()).rev().find(|&i| {
        let m = &v.mentions[i];
        m.end == w0
            && (m.start == start || v.word_with_role(start, m.start, Role::Opener) == Some(m.start - start))
            && matches!(m.kind, Kind::Organization | Kind::Person | Kind::Pronoun)
    })?;
    cx.agent(m)
}

/// Where the clause holding `i` starts, at `c0` at the earliest.
fn clause_start(v: &View, c0: usize, i: usize) -> usize {
    (c0..i)
        .rev()
        .find(|&k| matches!(v.text[k], '，' | ',' | '；' | '：' | '。'))
        .map_or(c0, |k| k + 1)
}

/// Where the first should word of a proposal's first sentence starts.
fn first_should(cx: &Ctx, c0: usize, c1: usize) -> Option<usize> {
    let end = (c0..c1)
        .find(|&i| matches!(cx.v.text[i], '。' | '！' | '？' | '；'))
        .unwrap_or(c1);
    super::speech::should_in(cx, c0, end).map(|w| w.0)
}

/// A group a common noun names that opens the clause of the first should word in a
/// proposal's first sentence (建議…，當局應禁止…): the one told what to do.
pub(super) fn should_audience(cx: &Ctx, c0: usize, c1: usize) -> Option<(usize, usize)> {
    let v = cx.v;
    let w0 = first_should(cx, c0, c1)?;
    group_words(v, clause_start(v, c0, w0), w0, |end| end == w0)
}

/// The recipient of a letter when the cue opens the clause after it (去信立法會主席梁君彥，
/// 要求…, 致函X，促請…): the last person or body named between the letter word and the
/// comma before the cue.
fn letter_to(cx: &Ctx, si: usize, cue: usize) -> Option<usize> {
    let v = cx.v;
    let start = v.doc.sentences[si].start;
    let comma = (cue.saturating_sub(4).max(start)..cue)
        .rev()
        .find(|&i| matches!(v.text[i], '，' | ','))?;
    if (comma + 1..cue).any(|i| !is_han(v.text[i])) {
        return None;
    }
    let after = (clause_start(v, start, comma)..comma)
        .find_map(|i| v.word_with_role(i, comma, Role::Letter).map(|n| i + n))?;
    (0..v.mentions.len()).rev().find(|&i| {
        let m = &v.mentions[i];
        m.sentence == si
            && matches!(m.kind, Kind::Organization | Kind::Person)
            && m.start >= after
            && m.end <= comma
    })
}

/// A group or body named by a common noun that opens a proposal's content and is asked to
/// act there (建議市民…參加, 促請有關部門加強…, X指出，公安機關必須…): up to four words (ten
/// characters) ending in a group head of the lexicon (市民, 部門, 機關), then a verb, an
/// adverb (積極/ad, or one the segmenter tags otherwise: 即時/c, grammar role `manner`), a
/// preposition, a time word, or what the segmenter tags an idiom or a distinguishing word
/// (結合實際/l, 主動/b), or a quote (要求運營商“提速降費”); failing that, the same after a
/// relative clause that opens the content (see `relative_clause`). A verb-noun (發展, 管理) does not count after it:
/// 行業發展規劃 is a compound, not 行業 asked to develop. `start..end` of the words.
pub(super) fn audience(v: &View, c0: usize, c1: usize) -> Option<(usize, usize)> {
    let start = if v.simp.get(c0) == Some(&'请') {
        c0 + 1
    } else {
        c0
    };
    // 要求運營商“提速降費”: what the group is asked, quoted.
    let quoted = |end: usize| end < c1 && matches!(v.text.get(end), Some('“' | '「' | '『'));
    let acts = |end: usize| {
        quoted(end)
            || v.token_at(end).filter(|n| n.end <= c1).is_some_and(|n| {
                (n.tag.starts_with('v') && n.tag != "vn")
                || n.tag.starts_with(['d', 'p', 't', 'l', 'b'])
                || n.tag == "ad"
                || v.lx.has_role(&n.word, Role::Manner)
                // 呼籲市民上街: a verb jieba's dictionary tags a place, and no place named here.
                || (n.tag == "ns" && !v.in_mention(n.start, n.end, &[Kind::Place]))
            })
    };
    group_words(v, start, c1, acts).or_else(|| {
        // 呼籲14天內曾到湖北省的市民主動聯絡…: the group after what distinguishes it.
        // Only where it is then told what to do, by a should or an adverb: a verb after it
        // may have it as its object's owner (去上海的醫院|探望, 承保…的保險公司|稱).
        let de = relative_clause(v, start, c1)?;
        let told = |end: usize| {
            quoted(end)
                || v.token_at(end).filter(|n| n.end <= c1).is_some_and(|n| {
                    matches!(n.tag.as_str(), "d" | "ad" | "b")
                        || v.cue_strength(n.start, n.end) == Some(CueStrength::Modal)
                })
        };
        group_words(v, de + 1, c1, told)
    })
}

/// Where the 的 ends a relative clause that opens a proposal's content (呼籲|曾到湖北省的|
/// 市民…): within twelve characters, in one clause, with no preposition (建議|向有需要的|
/// 市民派發…: the group is who receives), conjunction or name of a person before it.
fn relative_clause(v: &View, start: usize, c1: usize) -> Option<usize> {
    let de = (start + 2..(start + 13).min(c1)).find(|&i| v.simp[i] == '的')?;
    let mut i = start;
    while i < de {
        let t = v.token_at(i)?;
        if t.end > de
            || t.tag.starts_with(['p', 'c', 'w', 'x'])
            || t.tag == "nr"
            || !v
                .chars(t.start, t.end)
                .iter()
                .all(|&c| is_han(c) || c.is_ascii_digit())
        {
            return None;
        }
        i = t.end;
    }
    Some(de)
}

/// The shortest run of up to four words (ten characters) from `start`, before `c1`, that
/// ends in a group head of the lexicon (市民, 部門, 機關) where `then` accepts its end, and
/// holds only nouns and their modifiers, and no person's name.
pub(super) fn group_words(
    v: &View,
    start: usize,
    c1: usize,
    then: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let mut end = start;
    for _ in 0..4 {
        let t = v.token_at(end)?;
        // Nouns and their modifiers only: no verb (加強監管部門, 陳玲到公交公司), no
        // person's name, no adverb or time word (各黨支部認真組織, 今後政府).
        let other = (t.tag.starts_with('v') && t.tag != "vn" && !v.lx.has_role(&t.word, Role::GroupModifier))
            || t.tag == "nr"
            || t.tag == "ad"
            || t.tag.starts_with(['p', 'c', 'u', 'd', 'm', 't', 'w', 'x']);
        if t.end > c1 || t.end - start > 10 || other || !v.chars(t.start, t.end).iter().all(|&c| is_han(c)) {
            return None;
        }
        end = t.end;
        // (A plural suffix after the head: 家長們.)
        let head = if v.simp[end - 1] == '们' { end - 1 } else { end };
        if (2..=4.min(head - start)).any(|n| v.lx.has_role_chars(v.chars(head - n, head), Role::Group))
            && then(end)
        {
            return (!v.in_mention(start, end, &[Kind::Person, Kind::Pronoun])).then_some((start, end));
        }
    }
    None
}

/// A group a common noun names, to whom the cue at `cue` is addressed with 向 (向市民呼籲…,
/// 向有關部門提出…): the words between 向 and the cue, which `group_words` accepts.
pub(super) fn audience_asked(v: &View, cue: usize) -> Option<(usize, usize)> {
    let at = (cue.saturating_sub(11)..cue.saturating_sub(2))
        .rev()
        .find(|&i| v.simp[i] == '向')?;
    group_words(v, at + 1, cue, |end| end == cue)
}

/// The occasion a proposal at `cue` was made at: the last meeting (not a document) named
/// before it in its paragraph or the three sentences before.
pub(super) fn occasion(cx: &Ctx, si: usize, cue: usize) -> Option<usize> {
    let v = cx.v;
    let (mentions, sentences) = (v.mentions, &v.doc.sentences);
    let block = sentences[si].block;
    (0..mentions.len()).rfind(|&i| {
        let m = &mentions[i];
        m.kind == Kind::Occasion
            && m.end <= cue
            && !v.is_document(i)
            && m.lexicon.is_some()
            && (sentences[m.sentence].block == block || m.sentence + 3 >= si)
    })
}
