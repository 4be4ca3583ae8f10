//! Cues: the words that introduce a proposal (建議, 提出, 促請, 呼籲 … and the softer
//! 希望), found where they are verbs of the narrative: whole words, not inside a name, not
//! used as nouns (多項建議, 建議書), not denied (不會要求) and not inside someone's quotation.

use super::Ctx;
use crate::facts::Strength;
use crate::lexicon::{CueStrength, Role, Term};
use crate::recognize::Kind;

/// A cue word in a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cue {
    /// `start..end` of the word.
    pub a: usize,
    pub b: usize,
    pub strength: Strength,
}

/// The cues of sentence `si`, in text order.
pub(super) fn find(cx: &Ctx, si: usize) -> Vec<Cue> {
    let v = cx.v;
    let s = &v.doc.sentences[si];
    let mut terms = v.lx.find_terms(&v.simp[s.start..s.end]);
    // One-character cues (籲, 促: a headline's 呼籲, 促請), which the lexicon's matcher leaves
    // out: between a name (and maybe 昨, 又) and the body asked (李卓人昨籲政府…, 譚國僑促
    // 當局…), where the segmenter reads them as a word or glued to 昨 (the filter below).
    for i in s.start..s.end {
        let one = v.lx.lookup_chars(&v.simp[i..i + 1]);
        if !one.iter().any(|t| matches!(t, Term::Cue(_)))
            || v.token_ending_at(i + 1).is_none_or(|t| t.end - t.start > 2)
        {
            continue;
        }
        let named = |e: usize| {
            v.mentions
                .iter()
                .any(|m| m.end == e && matches!(m.kind, Kind::Person | Kind::Organization))
        };
        let after_name =
            named(i) || (i > s.start && v.lx.has_role_chars(&v.simp[i - 1..i], Role::Opener) && named(i - 1));
        let asks = v.mention_at(i + 1, s.end, &[Kind::Organization]).is_some()
            || v.word_with_role(i + 1, s.end, Role::Addressee).is_some();
        if after_name && asks {
            terms.push((i - s.start, i - s.start + 1, one));
        }
    }
    terms.sort_by_key(|&(a, _, _)| a);
    terms
        .into_iter()
        .filter_map(|(a, b, terms)| {
            let strength = terms.iter().find_map(|t| match t {
                Term::Cue(i) => match v.lx.cues[*i].strength {
                    CueStrength::Explicit => Some(Strength::Explicit),
                    CueStrength::Soft => Some(Strength::Soft),
                    _ => None,
                },
                _ => None,
            })?;
            Some(Cue {
                a: s.start + a,
                b: s.start + b,
                strength,
            })
        })
        .filter(|c| {
            !v.in_mention(
                c.a,
                c.b,
                &[Kind::Organization, Kind::Place, Kind::Person, Kind::Occasion],
            )
        })
        // A cue is a word of its own, not part of one (意見建議), but the segmenter may glue
        // a one-character time word or adverb to it (昨籲, 又促).
        .filter(|c| v.is_word(c.a, c.b) || glued_opener(cx, c.a, c.b))
        .filter(|c| !is_noun(cx, c.a, c.b))
        .filter(|c| !denied(cx, c.a))
        .filter(|c| !permitted(cx, c.a))
        // 是希望借…: a hope after the copula is a motive someone explains, not a proposal.
        .filter(|c| !(c.strength == Strength::Soft && v.token_ending_at(c.a).is_some_and(|t| t.word == "是")))
        .filter(|c| !ongoing(cx, c.b))
        // In a case, 主張 is what a party claims (原告主張…, 其主張的費用), not a proposal.
        .filter(|c| !(v.lx.has_role_chars(&v.simp[c.a..c.b], Role::Claim) && reports_case(cx)))
        // 向要求救援的行山人士…: after a preposition the cue is inside a noun phrase (not
        // after 由, nor after 除: 王大明除建議…外，還建議…).
        .filter(|c| {
            !v.token_ending_at(c.a)
                .is_some_and(|t| t.tag == "p" && t.word != "由" && !after_besides(cx, c.a))
        })
        .filter(|c| !cx.cl.quoted(c.a))
        .filter(|c| !in_title(cx, c.a, c.b))
        .filter(|c| !unnamed_agent(cx, c.a))
        .filter(|c| !thing_subject(cx, c.a, c.b))
        .collect()
}

/// Does the cue at `a` follow a preposition of addition (除, 除了: grammar role `besides`),
/// even one the segmenter glued to the name before it (胡志偉除|要求…外)?
pub(super) fn after_besides(cx: &Ctx, a: usize) -> bool {
    let v = cx.v;
    v.lx.role_suffix(&v.simp[a.saturating_sub(2)..a], Role::Besides)
        .is_some()
}

/// Does the cue at `a` follow a noun that a relative clause ends in (百度將醫療廣告遷移至
/// 移動端的做法|提醒監管部門)? Its subject is that noun phrase, a thing,
/// not the name the relative clause opens with; a group of people (的受訪者|希望) or a
/// post asks for itself. Only a cue with its object after it: 蘇莉的上訴請求：… heads a list.
fn thing_subject(cx: &Ctx, a: usize, b: usize) -> bool {
    let v = cx.v;
    // A cue before a colon names a list (蘇莉的上訴請求：1、…), whoever's it is.
    if v.text.get(b).is_none_or(|&c| !crate::script::is_han(c)) {
        return false;
    }
    let Some(t) = v.token_ending_at(a) else {
        return false;
    };
    t.start > 0
        && v.simp[t.start - 1] == '的'
        && !matches!(t.tag.chars().next(), Some('d' | 'p' | 'c' | 'u' | 'r'))
        && t.end - t.start >= 2
        && !v.in_mention(
            t.start,
            t.end,
            &[
                Kind::Organization,
                Kind::Person,
                Kind::Place,
                Kind::Post,
                Kind::Pronoun,
            ],
        )
        && !v.lx.has_role(&t.word, Role::Group)
        // 穆登克以各大城市市長的名義|要求…: the noun ends a preposition's object.
        && !(t.start.saturating_sub(16)..t.start - 1)
            .rev()
            .take_while(|&i| crate::script::is_han(v.text[i]))
            .any(|i| {
                // 以 as a word, or glued to a name the segmenter does not know (穆登克以).
                v.simp[i] == '以' && v.token_over(i).is_some_and(|p| p.word == "以" || !p.known)
            })
}

/// Does the article report a case: does it name a party (原告, 被告, 本院: grammar.tsv
/// `party`)? Read only for a cue that is a claim there (主張), once per article.
pub(super) fn reports_case(cx: &Ctx) -> bool {
    let v = cx.v;
    *cx.case
        .get_or_init(|| (0..v.simp.len()).any(|i| v.word_with_role(i, v.simp.len(), Role::Party).is_some()))
}

/// Is the cue `a..b` the end of a word that starts with a one-character time word or
/// adverb (昨|籲, 又|促)?
fn glued_opener(cx: &Ctx, a: usize, b: usize) -> bool {
    let v = cx.v;
    a > 0
        && v.token_ending_at(b).is_some_and(|t| t.start + 1 == a)
        && v.lx.has_role_chars(&v.simp[a - 1..a], Role::Opener)
}

/// Is the cue at `a` passive with an agent nobody names (女生被欺凌者要求…, 被消費者呼籲…)?
/// The clause's subject is then who is asked, and the one who asks is not named.
fn unnamed_agent(cx: &Ctx, a: usize) -> bool {
    let v = cx.v;
    let Some(p) = (a.saturating_sub(6)..a)
        .rev()
        .take_while(|&i| crate::script::is_han(v.simp[i]))
        .find(|&i| v.simp[i] == '被' && v.token_at(i).is_some_and(|t| t.word == "被"))
    else {
        return false;
    };
    p + 1 < a && !v.in_mention(p + 1, a, &[Kind::Person, Kind::Organization, Kind::Pronoun])
}

/// Is `a..b` inside a book or document title (《…技術要求》, 《關於…的建議》)? A title names
/// a text; its words say nothing about who proposes.
fn in_title(cx: &Ctx, a: usize, b: usize) -> bool {
    let t = cx.v.text;
    let open = (a.saturating_sub(40)..a)
        .rev()
        .map(|i| t[i])
        .find(|&c| matches!(c, '《' | '》' | '。' | '\n'));
    open == Some('《')
        && t[b..(b + 40).min(t.len())]
            .iter()
            .take_while(|&&c| c != '《' && c != '。')
            .any(|&c| c == '》')
}

/// Is there a word of the `according` role (按照, 根據; what a law states: 訂明, 規定) before
/// `a` in its clause, or one before a colon earlier in its sentence (刑訴法規定：證人…，應當
/// 給予補助: the rule is quoted to the sentence's end)? Then what follows names a
/// requirement, not a proposal.
pub(super) fn after_according(cx: &Ctx, a: usize) -> bool {
    let v = cx.v;
    let Some(k) = cx.cl.at(a) else {
        return false;
    };
    let start = cx.cl.list[k].start;
    if (start..a).any(|i| v.word_with_role(i, a, Role::According).is_some()) {
        return true;
    }
    let sentence_start = cx
        .cl
        .of_sentence
        .iter()
        .find(|r| r.contains(&k))
        .map_or(start, |r| cx.cl.list[r.start].start);
    (sentence_start..start).any(|i| {
        v.word_with_role(i, start, Role::According)
            .is_some_and(|n| matches!(v.text.get(i + n), Some('：' | ':')))
    })
}

/// Is the cue at `a..b` used as a noun (多項建議, 寶貴建議, 所提建議的, 建議書)?
pub(super) fn is_noun(cx: &Ctx, a: usize, b: usize) -> bool {
    let v = cx.v;
    let before_marker = (1..=a.min(3)).any(|n| v.lx.has_role_chars(v.chars(a - n, a), Role::NounMarker));
    let next = v.simp.get(b).copied().unwrap_or('。');
    // 按照省人大要求，…: after "according to" in its clause the cue names a requirement.
    let according = after_according(cx, a);
    // 重要指示精神, 建議內容: a noun after the cue is what it qualifies.
    let head = v
        .word_with_role(b, (b + 2).min(v.simp.len()), Role::CueHead)
        .is_some();
    // 基本要求是…: a cue followed by the copula is its subject (but 要求是否…).
    let copula = v.token_at(b).is_some_and(|t| t.word == "是");
    // 辯護的基本要求，…: a cue ending its clause after a 的-phrase is a noun.
    let after_de = matches!(next, '，' | ',') && (a.saturating_sub(4)..a).any(|i| v.simp[i] == '的');
    before_marker
        || according
        || head
        || copula
        || after_de
        || matches!(next, '。' | '、' | '书' | '案' | '；' | '」' | '”')
}

/// Is the cue ending at `b` followed by the durative 着 (希望着…, 期盼着…)? It tells a state
/// of mind in a story, not a proposal made.
fn ongoing(cx: &Ctx, b: usize) -> bool {
    let v = cx.v;
    v.token_at(b)
        .is_some_and(|t| t.end == b + 1 && matches!(v.simp[b], '着' | '著'))
}

/// Is the cue at `a` right after a word of possibility (可以要求, 可提出, 可能敦促: cues.tsv
/// `possibility`, 可, 可能)? It tells what someone may do, a right or a guess, not what they
/// ask.
fn permitted(cx: &Ctx, a: usize) -> bool {
    let v = cx.v;
    v.token_ending_at(a).is_some_and(|t| {
        matches!(t.word.as_str(), "可" | "可能")
            || v.cue_strength(t.start, t.end) == Some(CueStrength::Possibility)
    })
}

/// Is the cue at `a` denied (不會要求, 沒有提出, 並未建議)? A negation in the two words
/// before it.
fn denied(cx: &Ctx, a: usize) -> bool {
    let v = cx.v;
    let mut at = a;
    for _ in 0..2 {
        let Some(t) = v.token_ending_at(at) else {
            return false;
        };
        if v.lx.has_role(&t.word, Role::Negation) {
            return true;
        }
        // Look past one auxiliary (不會要求, 不再建議): only words of one character.
        if t.end - t.start > 1 {
            return false;
        }
        at = t.start;
    }
    false
}
