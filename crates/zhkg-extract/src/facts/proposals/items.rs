//! Items: the proposals a content lists, one proposal each with the same proposer.
//!
//! - a header announcing a list (`四項減壓建議：A、B、C及D`, `多項建議，包括…`) is dropped,
//!   and a counted list of 、 is cut when the count matches;
//! - enumerators open items: 一是/二是, 第一/第二, 一、二、, 1. 2., ①②, （一）, 首先/其次;
//! - a clause opened by a word of the next item (…，又…, …，或…, …，至於…, …，包括…);
//! - a clause opened by an action verb (…合作機制，引進…，打造…), unless the clause before is a
//!   purpose clause (讓…，推動…) or a short preface (由海關總署牽頭，建立…).

use super::Ctx;
use crate::facts::text::{has_role_in, trim_end};
use crate::lexicon::{CueStrength, Role};

/// One item of a content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Item {
    pub span: (usize, usize),
    /// The ordinal of the enumerator that opens it (二是 → 2), if any.
    pub ordinal: Option<u32>,
}

const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CIRCLED: [char; 10] = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

fn numeral(c: char) -> Option<u32> {
    NUMERALS
        .iter()
        .position(|&n| n == c)
        .map(|i| i as u32 + 1)
        .or_else(|| c.to_digit(10))
        .or_else(|| {
            let f = c as u32;
            (0xFF10..=0xFF19).contains(&f).then(|| f - 0xFF10)
        })
}

/// An enumerator at `i` (一是, 第二，, 三、, 4., ⑤, （六）, 首先, 其次): its ordinal and length.
pub(super) fn enumerator(cx: &Ctx, i: usize, end: usize) -> Option<(u32, usize)> {
    let s = cx.v.simp;
    let at = |k: usize| if i + k < end { Some(s[i + k]) } else { None };
    let c0 = at(0)?;
    if let Some(k) = CIRCLED.iter().position(|&c| c == c0) {
        return Some((k as u32 + 1, 1));
    }
    if c0 == '第' {
        let n = numeral(at(1)?)?;
        return match at(2)? {
            '，' | '、' | '：' | ':' | '是' => Some((n, 3)),
            '点' | '条' | '项' if matches!(at(3), Some('，' | '：' | ':' | '是')) => Some((n, 4)),
            _ => None,
        };
    }
    if matches!(c0, '（' | '(') {
        let n = numeral(at(1)?)?;
        return matches!(at(2)?, '）' | ')').then_some((n, 3));
    }
    if let Some(n) = numeral(c0) {
        // 十 alone is not a list of more than ten.
        return match at(1)? {
            '是' if NUMERALS.contains(&c0) => Some((n, 2)),
            '、' if NUMERALS.contains(&c0) => Some((n, 2)),
            '.' | '．' | '、' if c0.is_ascii_digit() || !NUMERALS.contains(&c0) => {
                // 1.5 is a number, not an item.
                (!at(2).is_some_and(|c| c.is_ascii_digit())).then_some((n, 2))
            }
            _ => None,
        };
    }
    let word: String = (0..2).filter_map(at).collect();
    match word.as_str() {
        "首先" => Some((1, 2)),
        "其次" => Some((2, 2)),
        "再次" => Some((3, 2)),
        _ => None,
    }
}

/// A chinese count before a classifier (四項, 6招, 兩點), for headers of lists.
fn count(cx: &Ctx, a: usize, b: usize) -> Option<u32> {
    let s = cx.v.simp;
    (a..b.saturating_sub(1)).find_map(|i| {
        let n = match s[i] {
            '两' | '兩' => 2,
            c => numeral(c)?,
        };
        matches!(s[i + 1], '项' | '招' | '点' | '个' | '条' | '大').then_some(n)
    })
}

/// Is `a..b` a header that announces a list rather than an item (四項減壓建議, 以6招開拓土地,
/// 多項措施)?
fn is_header(cx: &Ctx, a: usize, b: usize) -> bool {
    // Any clause of it may announce the list (「補鑊」措施，以6招開拓土地).
    if let Some(k) = (a..b).find(|&i| matches!(cx.v.text[i], '，' | ',')) {
        return is_header(cx, a, k) || is_header(cx, k + 1, b);
    }
    let t = cx.v.s(a, b);
    let t = t.trim_start_matches('以');
    // A count at its start (四項…, 以6招…), not an article number (將第三十四條…修改為).
    let counted = count(cx, a, (a + 7).min(b)).is_some() && !t.starts_with(['将', '把', '第']);
    b - a <= 16
        && (counted
            || t.starts_with("多项")
            || t.starts_with("以下")
            || ends_with_noun(cx, a, b, Role::ProposalNoun)
            || ends_with_noun(cx, a, b, Role::MeasureNoun))
}

/// Does `a..b`, past closing quotes, end with a noun of `role` (建議: `proposal_noun`, 措施:
/// `measure_noun`)?
fn ends_with_noun(cx: &Ctx, a: usize, mut b: usize, role: Role) -> bool {
    while b > a && matches!(cx.v.text[b - 1], '」' | '”') {
        b -= 1;
    }
    cx.v.lx.role_suffix(&cx.v.simp[a..b], role).is_some()
}

/// Split the content `c0..c1` into items.
pub(super) fn split(cx: &Ctx, c0: usize, c1: usize) -> Vec<Item> {
    split_with(cx, c0, c1, true)
}

/// Split the content `c0..c1` into items; `measures`: also where a clause opens with an
/// action verb (a speaker's should-clause is one directive however many verbs it has).
pub(super) fn split_with(cx: &Ctx, c0: usize, c1: usize, measures: bool) -> Vec<Item> {
    let v = cx.v;
    let text = v.text;
    let mut c0 = c0;
    // A header announcing the list: 四項減壓建議：…, 多項建議，包括…
    let mut counted = None;
    if let Some(colon) = (c0..c1.min(c0 + 17)).find(|&i| matches!(text[i], '：' | ':')) {
        if is_header(cx, c0, colon) {
            counted = count(cx, c0, colon);
            c0 = colon + 1;
        }
    }
    if let Some(k) = (c0..c1.min(c0 + 17)).find(|&i| text[i] == '，') {
        if v.s(k + 1, k + 3) == "包括" && is_header(cx, c0, k) {
            counted = count(cx, c0, k);
            c0 = k + 3;
        }
    }
    if c0 >= c1 {
        return Vec::new();
    }
    // A counted list of 、: 推行小班教學、停止殺校政策、讓教師帶薪進修及增加常額教師職位
    // (its last item may follow a comma and 以及).
    if let Some(n) = counted {
        let commas: Vec<usize> = (c0..c1).filter(|&i| text[i] == '，').collect();
        let before_last = |i: usize| {
            ["及", "以及", "和", "与"]
                .iter()
                .any(|w| v.s(i + 1, c1).starts_with(w))
        };
        if commas.len() <= 1 && commas.iter().all(|&i| before_last(i)) {
            let mut pieces: Vec<(usize, usize)> = Vec::new();
            let mut start = c0;
            for (i, &ch) in text.iter().enumerate().take(c1).skip(c0) {
                if ch == '、' || ch == '，' {
                    pieces.push((start, i));
                    start = i + 1;
                }
            }
            // The last piece joined by 及/和/與/以及 (unless a comma already parted it).
            let last = (start..c1).filter(|_| commas.is_empty()).find(|&i| {
                i > start + 1 && matches!(v.simp[i], '及' | '和' | '与') && v.token_at(i).is_some()
            });
            match last {
                Some(j) => {
                    let end = if v.s(j - 1, j + 1) == "以及" { j - 1 } else { j };
                    pieces.push((start, end));
                    pieces.push((j + 1, c1));
                }
                None => pieces.push((start, c1)),
            }
            if pieces.len() as u32 == n {
                return pieces
                    .into_iter()
                    .map(|span| Item { span, ordinal: None })
                    .collect();
            }
        }
    }
    // Enumerators open items.
    let mut marks: Vec<(usize, usize, Option<u32>)> = Vec::new(); // (item start, content start, ordinal)
    let mut i = c0;
    while i < c1 {
        let at_clause_start = i == c0 || matches!(text[i - 1], '，' | '；' | '。' | '：' | ':' | '\n' | ' ');
        if at_clause_start {
            if let Some((n, len)) = enumerator(cx, i, c1) {
                marks.push((i, i + len, Some(n)));
                i += len;
                continue;
            }
        }
        i += 1;
    }
    let mut pieces: Vec<(usize, usize, Option<u32>)> = Vec::new();
    if marks.first().is_none_or(|m| m.0 > c0) {
        pieces.push((c0, marks.first().map_or(c1, |m| m.0), None));
    }
    for (k, &(_, from, n)) in marks.iter().enumerate() {
        let to = marks.get(k + 1).map_or(c1, |m| m.0);
        pieces.push((from, to, n));
    }
    let mut out = Vec::new();
    for (a, b, n) in pieces {
        let b = trim_end(text, a, b);
        // An enumerated item is one item, however many measures it names.
        let sub = split_clauses(cx, a, b, measures && n.is_none());
        for (k, span) in sub.into_iter().enumerate() {
            out.push(Item {
                span,
                ordinal: if k == 0 { n } else { None },
            });
        }
    }
    out.retain(|it| it.span.1 > it.span.0 + 1 && !names_proposals(cx, it.span.0, it.span.1));
    out
}

/// Does an item only name proposals instead of stating one (一些實質性建議, 相關建議，為有關
/// 部門提供參考, 具體的意見和建議)? Its first clause is a short noun phrase, determined (一些,
/// 相關 …, or with 的), of a word for proposals.
fn names_proposals(cx: &Ctx, a: usize, b: usize) -> bool {
    let e = (a..b).find(|&i| matches!(cx.v.text[i], '，' | ',')).unwrap_or(b);
    let v = cx.v;
    let determined =
        v.lx.role_prefix(&v.simp[a..e], Role::ProposalDeterminer)
            .is_some()
            || v.simp[a..e].contains(&'的');
    e - a <= 16 && determined && ends_with_noun(cx, a, e, Role::ProposalNoun)
}

/// Cut a piece at clauses that open the next item (…，又…, …，或…) or a further measure
/// (…，建立…); a header before 包括 is dropped.
fn split_clauses(cx: &Ctx, c0: usize, c1: usize, measures: bool) -> Vec<(usize, usize)> {
    let v = cx.v;
    let (lx, text, simp) = (v.lx, v.text, v.simp);
    let mut pieces = Vec::new();
    let mut start = c0;
    let mut clause = c0;
    for k in c0..c1 {
        if !matches!(text[k], '，' | '；') {
            continue;
        }
        let mut next = k + 1;
        // (A one-character opener the segmenter glued to the verb after it: 或作/v 檢討.)
        let item_word = v.word_with_role(next, c1, Role::NextItem).or_else(|| {
            let t = v.token_at(next)?;
            (t.end - t.start == 2
                && t.tag.starts_with('v')
                && lx.has_role_chars(&simp[next..next + 1], Role::NextItem))
            .then_some(1)
        });
        if let Some(n) = lx.role_prefix(&simp[next..c1], Role::Coordinator) {
            next += n;
        }
        // What follows 認同／支持… is the item agreed with, however many clauses it has.
        let action = measures
            && lx.role_prefix(&simp[next..c1], Role::Action).is_some()
            && !has_role_in(lx, simp, start, k, Role::Attitude);
        // After a purpose clause (以推動…，) the measure goes on, unless a coordinator
        // starts a new one (，同時加快…).
        let purpose = lx.role_prefix(&simp[clause..k], Role::Purpose).is_some() && next == k + 1;
        let preface =
            start == clause && k - start <= 10 && lx.role_prefix(&simp[start..k], Role::Preface).is_some();
        // After a clause that frames the next (提案時，亦要…; 在…的同時，嚴格…) the item goes on.
        let framing = ["时", "时候", "同时", "后", "之后", "前", "之前", "中", "下", "上"]
            .iter()
            .any(|w| v.s(clause, k).ends_with(w));
        // 如果…，則要… (a should or another cue asking for something) opens a further demand;
        // 如果…，就可以… (a possibility) gives the last one's benefit.
        let conditional = item_word.is_some_and(|n| {
            let w = &simp[next..next + n];
            (n >= 2 && lx.has_role_chars(w, Role::Foretell)) || (w.len() == 2 && w[0] == '若')
        });
        let asks = || {
            let e = (next..c1).find(|&i| matches!(text[i], '。' | '；')).unwrap_or(c1);
            v.tokens_over(next, e).any(|t| {
                matches!(
                    v.cue_strength(t.start, t.end),
                    Some(CueStrength::Explicit | CueStrength::Soft | CueStrength::Modal)
                )
            })
        };
        let item_word = item_word.filter(|_| !conditional || asks());
        let opens = !framing && (item_word.is_some() || (action && !purpose && !preface));
        if opens && k > start + 1 {
            let includes = v.s(k + 1, k + 3) == "包括";
            if !(includes && is_header(cx, start, k)) {
                pieces.push((start, k));
            }
            start = if includes { k + 3 } else { k + 1 };
        }
        clause = k + 1;
    }
    pieces.push((start, c1));
    pieces
        .into_iter()
        .map(|(a, b)| (a, trim_end(text, a, b)))
        .filter(|(a, b)| b > a && b - a >= 2)
        .collect()
}
