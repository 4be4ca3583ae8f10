//! People: named after titles (委員黃錦輝) or before them, in bylines, before verbs of
//! saying, from the segmenter's person tags filtered by the surname list, in lists after
//! a named person, and every other occurrence of a name found; pronouns.

use super::*;

/// 他 / 她 as singular personal pronouns (not 他們, 其他, 他人).
pub(super) fn pronouns(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for i in s.start..s.end {
        if !cx
            .lx
            .has_role_chars(std::slice::from_ref(&cx.text[i]), Role::Pronoun)
        {
            continue;
        }
        let next = cx.simp.get(i + 1).copied().unwrap_or(' ');
        let prev = if i > 0 { cx.simp[i - 1] } else { ' ' };
        if matches!(next, '们' | '人' | '国' | '日' | '方' | '处' | '乡' | '者')
            || matches!(prev, '其' | '吉' | '利' | '无')
        {
            continue;
        }
        out.push(cx.mention(Kind::Pronoun, (i, i + 1), si, None, Rule::Pronoun, 0.8));
    }
}

/// A personal name starting at `at`: a surname and one or two given-name characters.
/// Returns its end. Most given names have two characters; the name is cut to one when the
/// second would start a word that follows names (表示, 在, 指出), a single-character verb
/// after a name the segmenter knows (李強|作), or a dictionary word (徐莉|重點); it keeps
/// two when a word that follows names comes right after them (何子健|則, 劉欣然|、).
fn name_at(cx: &Ctx, at: usize, limit: usize) -> Option<usize> {
    name_at_with(cx, at, limit, false)
}

/// [`name_at`]; `titled`: right after a title, a word the segmenter knows as a place may
/// be a person's name (院士|鍾南山/ns|提出).
fn name_at_with(cx: &Ctx, at: usize, limit: usize, titled: bool) -> Option<usize> {
    let sl = cx.lx.surname_len(&cx.simp[at..limit.min(cx.simp.len())])?;
    let token = |i: usize| cx.token_at.get(&i).map(|&t| &cx.tokens[t]);
    let person_tag = |t: &Token| matches!(t.tag.as_str(), "nr" | "nrfg" | "nrt");
    // The surname must not be a function word here (從不同, 和籌組).
    if let Some(tk) = token(at) {
        let function = matches!(
            tk.tag.as_str(),
            "p" | "c" | "d" | "u" | "uj" | "ul" | "uz" | "y" | "e" | "o"
        );
        if function || (tk.end - tk.start > 3 && !person_tag(tk)) {
            return None;
        }
    }
    let g = at + sl;
    let han = |i: usize| i < limit && is_han(cx.text[i]);
    let follows_name = |i: usize| i >= limit || !han(i) || cx.role_at(i, limit, Role::AfterName).is_some();
    if !han(g) || cx.role_at(g, limit, Role::AfterName).is_some_and(|n| n > 1) {
        return None;
    }
    let third = g + 1;
    let two_chars = if follows_name(third) {
        true
    } else if follows_name(third + 1) {
        false
    } else {
        let known_name = token(at).is_some_and(|t| person_tag(t) && t.end == third);
        let verb_after = token(third).is_some_and(|t| {
            t.end == third + 1 && matches!(t.tag.chars().next(), Some('v' | 'p' | 'd' | 'c'))
        });
        let word_after = token(third).is_some_and(|t| t.known && t.end - t.start >= 2 && !person_tag(t));
        (known_name && verb_after)
            || word_after
            || !cx
                .lx
                .lookup_chars(&cx.simp[third..(third + 2).min(limit)])
                .is_empty()
    };
    let end = if two_chars { third } else { third + 1 };
    // Where the model found a personal name here, its length wins (a rule cannot tell
    // 葉曾翠卿 from 葉曾翠, or 高永文 from 高永文則).
    let end = match cx.model_person_end.get(&at) {
        Some(&e) if e <= limit && (at..e).all(han) => e,
        _ => end,
    };
    let name = cx.s(at, end);
    if cx.lx.is_not_name(&name) || !cx.lx.lookup(&name).is_empty() {
        return None;
    }
    // A common word is not a name (施政, 範疇): the segmenter knows it as something else.
    if let Some(tk) = token(at) {
        if tk.end == end && tk.known && !person_tag(tk) && tk.tag != "x" && !(titled && tk.tag == "ns") {
            return None;
        }
    }
    Some(end)
}

/// People named right before a title: 楊秀英代表, 何子健議員 (a name at a clause start or
/// after 的, then a member's or head's post).
pub(super) fn name_before_title(
    cx: &Ctx,
    si: usize,
    s: &Sentence,
    accepted: &[Mention],
    out: &mut Vec<Mention>,
) {
    for p in accepted
        .iter()
        .filter(|m| m.sentence == si && m.kind == Kind::Post)
    {
        for len in [3, 2, 4] {
            let Some(at) = p.start.checked_sub(len).filter(|&a| a >= s.start) else {
                continue;
            };
            let boundary = at == s.start
                || matches!(
                    cx.text[at - 1],
                    '，' | '。' | '、' | '：' | '；' | ' ' | '的' | '」' | '（' | '和' | '與'
                );
            if boundary && name_at(cx, at, p.start) == Some(p.start) {
                out.push(cx.mention(Kind::Person, (at, p.start), si, None, Rule::NameTitle, 0.8));
                break;
            }
        }
    }
}

/// People named right after a post: 全國政協委員黃錦輝, 國務院總理李強.
pub(super) fn titled_people(cx: &Ctx, si: usize, s: &Sentence, accepted: &[Mention], out: &mut Vec<Mention>) {
    for p in accepted
        .iter()
        .filter(|m| m.sentence == si && m.kind == Kind::Post)
    {
        let mut at = p.end;
        if at < s.end && cx.text[at] == ' ' {
            at += 1;
        }
        if at >= s.end || accepted.iter().any(|m| m.start == at && m.kind != Kind::Pronoun) {
            continue;
        }
        if let Some(end) = name_at(cx, at, s.end) {
            out.push(cx.mention(Kind::Person, (at, end), si, None, Rule::TitleName, 0.9));
        }
    }
}

/// Names in a byline after a title: `記者 子京、康敬`, `責編 林疋 美編 曹俊蘋`, `記者：謝明明　呂浩然`.
/// In a byline block any post opens one; inside running text (where flattened articles
/// put their bylines) a media post with a colon or a space does (記者：…, 記者 陳明 賁騰),
/// and its names run until a
/// word too long to be a name (the next sentence: `記者：王家文　鄭啟源 梁…表示`).
pub(super) fn byline_people(cx: &Ctx, si: usize, s: &Sentence, accepted: &[Mention], out: &mut Vec<Mention>) {
    let in_byline = s.kind == BlockKind::Byline;
    let posts: Vec<&Mention> = accepted
        .iter()
        .filter(|m| m.sentence == si && m.kind == Kind::Post)
        .filter(|m| {
            in_byline
                || ((matches!(cx.text.get(m.end), Some('：' | ':' | '丨' | '|'))
                    || cx.spaced.get(m.end) == Some(&true))
                    && m.lexicon.is_some_and(|i| cx.lx.posts[i].category == "media"))
        })
        .collect();
    let separator = |c: char| matches!(c, ' ' | '\u{3000}' | '、' | ',' | '，' | '：' | ':' | '丨' | '|');
    for p in posts {
        let mut i = p.end;
        loop {
            while i < s.end && separator(cx.text[i]) {
                i += 1;
            }
            let a = i;
            while i < s.end
                && is_han(cx.text[i])
                && !(i > a && cx.gap_before[i])
                && !accepted.iter().any(|m| m.start == i && m.kind == Kind::Post)
            {
                i += 1;
            }
            // A run of four glued to a common word (石林|來源 before the next credit) is a
            // name of two: a one-character surname, one character, then the word.
            let glued_word = |t: &usize| {
                let w = &cx.tokens[*t];
                w.end == i && w.known && !w.tag.starts_with("nr")
            };
            if i - a == 4
                && cx.lx.surname_len(&cx.simp[a..i]) == Some(1)
                && cx.token_at.get(&(a + 2)).is_some_and(glued_word)
            {
                i = a + 2;
            }
            let known = cx.lx.is_org_or_place_chars(&cx.simp[a..i]);
            // Outside a byline block a name starts with a surname.
            let surname = in_byline || cx.lx.surname_len(&cx.simp[a..i]).is_some();
            if (2..=4).contains(&(i - a)) && !known && surname {
                out.push(cx.mention(Kind::Person, (a, i), si, None, Rule::BylineName, 0.85));
            } else {
                break;
            }
            if i >= s.end || !(separator(cx.text[i]) || cx.gap_before[i]) {
                break;
            }
        }
    }
}

/// A name at a clause start followed by a verb of saying: `，岑浩輝表示`; or right after
/// a body or a title (公民黨譚文傑表示), where the two rules together are evidence enough
/// without the model.
pub(super) fn speaker_people(
    cx: &Ctx,
    si: usize,
    s: &Sentence,
    accepted: &[Mention],
    out: &mut Vec<Mention>,
) {
    for at in s.start..s.end {
        let boundary = at == s.start
            || matches!(
                cx.text[at - 1],
                '，' | '。' | '、' | '：' | '；' | ' ' | '●' | '」'
            );
        let titled = !boundary
            && accepted
                .iter()
                .any(|m| m.end == at && matches!(m.kind, Kind::Organization | Kind::Post));
        if !boundary && !titled {
            continue;
        }
        let rule = if titled {
            Rule::TitledSpeaker
        } else {
            Rule::SpeakerName
        };
        let Some(end) = name_at_with(cx, at, s.end, titled) else {
            continue;
        };
        for e in [end, end - 1] {
            if e - at < 2 {
                continue;
            }
            if cx.role_at(e, s.end, Role::SubjectVerb).is_some() && cx.token_at.contains_key(&e) {
                // Without a boundary, a surname inside a word the dictionary knows
                // (微信|公眾|號) starts no name.
                let word = cx.token_at.get(&at).is_some_and(|&t| {
                    let t = &cx.tokens[t];
                    t.known
                        && t.end - t.start >= 2
                        && !matches!(t.tag.as_str(), "nr" | "nrfg" | "nrt")
                        && !(titled && t.tag == "ns" && t.end == e)
                });
                if titled && word {
                    break;
                }
                out.push(cx.mention(Kind::Person, (at, e), si, None, rule, 0.75));
                break;
            }
        }
    }
}

/// The segmenter's guesses of person names (words not in its dictionary), kept when the
/// word starts with a common surname and is not quoted (「雙循環」 is a slogan).
pub(super) fn tagged_people(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for ti in token_range(cx, s) {
        let t = &cx.tokens[ti];
        let n = t.end - t.start;
        if !matches!(t.tag.as_str(), "nr" | "nrfg") || !(2..=4).contains(&n) || !t.word.chars().all(is_han) {
            continue;
        }
        let chars: Vec<char> = t.word.chars().collect();
        let Some(sl) = cx.lx.surname_len(&chars) else {
            continue;
        };
        let common = cx.lx.surname_rank_chars(&chars[..sl]).is_some_and(|r| r < 200);
        let quoted = t.start > 0 && matches!(cx.text[t.start - 1], '「' | '『' | '“');
        // A guess needs a name's place in the sentence: after a boundary, or before a word
        // that follows names (安老院|舍 is neither).
        let before_ok = t.start == s.start
            || matches!(
                cx.text[t.start - 1],
                '，' | '。' | '、' | '：' | '；' | ' ' | '的' | '和' | '與' | '（' | '」'
            );
        let after_ok = cx.role_at(t.end, s.end, Role::AfterName).is_some() || t.end >= s.end;
        if !(before_ok || after_ok) {
            continue;
        }
        // A dictionary word tagged as a name is mostly a common word (施政, 寶貴); only a
        // word the segmenter guessed is a name candidate.
        if t.known || !common || quoted || cx.lx.is_not_name(&t.word) || !cx.lx.lookup(&t.word).is_empty() {
            continue;
        }
        // Before a place's head word it names the place (陸興|小區, 楊金|片區).
        if cx.place_head_at(t.end) {
            continue;
        }
        out.push(cx.mention(
            Kind::Person,
            (t.start, t.end),
            si,
            None,
            Rule::SegmenterPerson,
            0.6,
        ));
    }
}

/// Names listed after a name (記者劉欣然、杜家寧): a name right after a person and 、 that
/// ends where the list goes on or stops.
pub(super) fn enumerated_people(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    loop {
        let mut found = Vec::new();
        for m in accepted.iter().filter(|m| m.kind == Kind::Person) {
            let s = &sentences[m.sentence];
            let at = m.end + 1;
            if at >= s.end
                || cx.text[m.end] != '、'
                || accepted.iter().any(|o| o.start < at + 2 && at < o.end)
            {
                continue;
            }
            // Between names and 、 a surname and one or two characters are a name even where
            // the segmenter reads a word (黃之鋒、向來、周庭: 向來 "always").
            let listed = || {
                let sl = cx.lx.surname_len(&cx.simp[at..s.end])?;
                (at + sl + 1..=at + sl + 2).find(|&e| {
                    e + 1 < s.end
                        && (at..e).all(|i| is_han(cx.text[i]))
                        && matches!(cx.text[e], '、' | '等')
                        && cx.lx.lookup_chars(&cx.simp[at..e]).is_empty()
                        && !cx.lx.is_not_name(&cx.s(at, e))
                        && cx.token_at.get(&at).is_none_or(|&t| {
                            let t = &cx.tokens[t];
                            t.end != e || !matches!(t.tag.as_str(), "r" | "n" | "m" | "q")
                        })
                })
            };
            if let Some(end) = name_at(cx, at, s.end).or_else(listed) {
                let closes =
                    end >= s.end || matches!(cx.text[end], '、' | '）' | ')' | ' ' | '，' | '等' | '和');
                if closes {
                    found.push(cx.mention(
                        Kind::Person,
                        (at, end),
                        m.sentence,
                        None,
                        Rule::EnumeratedName,
                        0.75,
                    ));
                }
            }
        }
        if found.is_empty() {
            break;
        }
        accepted.extend(found);
        accepted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }
}

/// A name that runs one character into the next word (徐莉倡, 岑浩輝籲 in headlines) is
/// cut back to the name found elsewhere in the document; a name of four characters or
/// more ending with a word that follows names (高永文|則, where jieba and the model both
/// read one word) loses it.
pub(super) fn trim_names(cx: &Ctx, mentions: &mut [Mention]) {
    for m in mentions.iter_mut().filter(|m| m.kind == Kind::Person) {
        let end = m.end;
        if m.end - m.start >= 4 && cx.role_at(m.end - 1, m.end, Role::AfterName) == Some(1) {
            m.end -= 1;
        }
        // A photo credit (吳濤攝) ends where the text goes on with no word: 攝 is no given name.
        let word_after = cx.text.get(m.end).is_some_and(|&c| is_han(c));
        if m.end - m.start == 3 && !word_after && cx.role_at(m.end - 1, m.end, Role::Credit) == Some(1) {
            m.end -= 1;
        }
        if m.end != end {
            m.text = cx.t(m.start, m.end);
        }
    }
    // A name written elsewhere in the document, then a word that follows names (與劉杰|間),
    // is that name, whoever found it: jieba and the model both read 劉杰間 as one name.
    let all: BTreeSet<Vec<char>> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Person)
        .map(|m| cx.simp[m.start..m.end].to_vec())
        .collect();
    for m in mentions
        .iter_mut()
        .filter(|m| m.kind == Kind::Person && m.end - m.start >= 3)
    {
        let name = &cx.simp[m.start..m.end];
        // A four-character name whose first three, a surname and a given name, are a name
        // found elsewhere and written elsewhere without the fourth (鄒正宇作|等級醫院評審報告
        // beside 鄒正宇院長): the segmenter glued a verb to it.
        let glued_verb = |k: &Vec<char>| {
            name.len() == 4
                && k.len() == 3
                && name.iter().all(|&c| is_han(c))
                && cx.lx.surname_len(name) == Some(1)
                && cx.simp.windows(4).any(|w| w[..3] == k[..] && w[3] != name[3])
        };
        if let Some(k) = all.iter().find(|k| {
            k.len() >= 2
                && k.len() < name.len()
                && name.starts_with(k)
                && (glued_verb(k)
                    || cx.role_at(m.start + k.len(), m.end, Role::AfterName) == Some(name.len() - k.len()))
        }) {
            m.end = m.start + k.len();
            m.text = cx.t(m.start, m.end);
        }
    }
    // 羅太|應知所去留: a surname and 太 glued to the next word is 羅太 where the document
    // names a married woman of that surname (羅范美芬, her husband's surname first).
    let married: Vec<Vec<char>> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Person)
        .map(|m| cx.simp[m.start..m.end].to_vec())
        .filter(|n| cx.lx.surname_len(n) == Some(1) && cx.lx.is_married_name(n, 1))
        .collect();
    for m in mentions
        .iter_mut()
        .filter(|m| m.kind == Kind::Person && m.end - m.start == 3)
    {
        let name = &cx.simp[m.start..m.end];
        if cx.lx.has_role_chars(&name[1..2], Role::MarriedName) && married.iter().any(|n| n[0] == name[0]) {
            m.end -= 1;
            m.text = cx.t(m.start, m.end);
        }
    }
    let strong: BTreeSet<Vec<char>> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Person && m.rule != Rule::SegmenterPerson)
        .map(|m| cx.simp[m.start..m.end].to_vec())
        .collect();
    for m in mentions
        .iter_mut()
        .filter(|m| m.kind == Kind::Person && m.rule == Rule::SegmenterPerson)
    {
        let name = &cx.simp[m.start..m.end];
        if strong.contains(name) {
            continue;
        }
        if let Some(k) = strong
            .iter()
            .find(|k| k.len() < name.len() && name.starts_with(k))
        {
            m.end = m.start + k.len();
            m.text = cx.t(m.start, m.end);
        }
    }
}

/// Every other occurrence in the document of a person's name found by a rule is a
/// mention of that name too.
pub(super) fn propagate_names(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    let names: BTreeSet<Vec<char>> = accepted
        .iter()
        .filter(|m| m.kind == Kind::Person && m.end - m.start >= 2)
        .map(|m| cx.simp[m.start..m.end].to_vec())
        .collect();
    // A shorter name inside a longer one (李家 in 李家超) is the longer one's fragment.
    let names: Vec<Vec<char>> = names
        .iter()
        .filter(|n| !names.iter().any(|o| o.len() > n.len() && o.starts_with(n)))
        .cloned()
        .collect();
    accepted.retain(|m| {
        m.kind != Kind::Person
            || names.iter().any(|n| cx.simp[m.start..m.end] == n[..])
            || m.end - m.start < 2
    });
    // Each name's occurrences, left to right without overlapping each other, that no
    // mention overlaps. One pass over the text: the names by first character, where each
    // name may next match, and which characters mentions cover.
    let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
    for (k, name) in names.iter().enumerate() {
        by_first.entry(name[0]).or_default().push(k);
    }
    let mut covered = vec![false; cx.simp.len()];
    for m in accepted.iter() {
        covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
    }
    // (An empty mention covers no character but still overlaps a span around it.)
    let empty: Vec<usize> = accepted
        .iter()
        .filter(|m| m.start == m.end)
        .map(|m| m.start)
        .collect();
    let free = |a: usize, b: usize| !covered[a..b].contains(&true) && !empty.iter().any(|&p| a < p && p < b);
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let mut next = vec![s.start; names.len()];
        for i in s.start..s.end {
            for &k in by_first.get(&cx.simp[i]).map(Vec::as_slice).unwrap_or(&[]) {
                let n = names[k].len();
                if i >= next[k] && i + n <= s.end && cx.simp[i..i + n] == names[k][..] && free(i, i + n) {
                    found.push(cx.mention(Kind::Person, (i, i + n), si, None, Rule::SameName, 0.8));
                    next[k] = i + n;
                }
            }
        }
    }
    // (In another order than a scan per name: the caller sorts the mentions.)
    accepted.extend(found);
}

/// A name that ends with a word for a home or family (`household` in grammar.tsv: 孟大德家,
/// 娜娜家的花園) is the person's household: the person is the name before it, and a surname
/// before it alone (魯家一家人, 崔家圍子) is a family or part of a place, not a person.
pub(super) fn households(cx: &Ctx, mentions: &mut Vec<Mention>) {
    mentions.retain_mut(|m| {
        if m.kind != Kind::Person || m.end - m.start < 2 || m.rule == Rule::BylineName {
            return true;
        }
        if cx.role_at(m.end - 1, m.end, Role::Household) != Some(1) {
            return true;
        }
        let rest = m.end - 1 - m.start;
        if cx.lx.surname_len(&cx.simp[m.start..m.end]) == Some(rest) {
            return false;
        }
        if rest >= 2 {
            m.end -= 1;
            m.text = cx.t(m.start, m.end);
        }
        true
    });
}

/// A surname alone stands for a person named before (梁 for 梁念豪); written before a word
/// that follows names (梁|續稱, 邱|曾), it reads as a two-character name to jieba and the
/// model alike. Such a "name" is dropped: the person is the one named before, which the
/// facts resolve from the surname.
pub(super) fn drop_surname_references(cx: &Ctx, mentions: &mut Vec<Mention>) {
    let mut full: Vec<(usize, char)> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Person && m.end - m.start >= 3)
        .map(|m| (m.start, cx.simp[m.start]))
        .collect();
    full.sort_unstable();
    mentions.retain(|m| {
        if m.kind != Kind::Person || m.end - m.start != 2 || m.rule == Rule::BylineName {
            return true;
        }
        let named_before = full.iter().any(|&(at, c)| at < m.start && c == cx.simp[m.start]);
        !(named_before && cx.role_at(m.start + 1, m.end, Role::AfterName) == Some(1))
    });
}

/// A credit line whose names are written without separators (記者劉洋陳晨王海濤, as
/// mainland sites flatten them): a media post opening its sentence, then only Han
/// characters to its end. The run is cut into names that each start with a surname,
/// choosing the cut that most names the model or the segmenter also read, and only when
/// the whole run is names.
pub(super) fn glued_byline(cx: &Ctx, si: usize, s: &Sentence, accepted: &[Mention], out: &mut Vec<Mention>) {
    let Some(p) = accepted.iter().find(|m| {
        m.sentence == si
            && m.kind == Kind::Post
            && m.start == s.start
            && m.lexicon.is_some_and(|i| cx.lx.posts[i].category == "media")
    }) else {
        return;
    };
    let mut end = s.end;
    while end > p.end && !is_han(cx.text[end - 1]) {
        end -= 1;
    }
    let (a, n) = (p.end, end - p.end);
    // At least two names, at most eight.
    if !(4..=24).contains(&n)
        || !(a..end).all(|i| is_han(cx.text[i]))
        || (end..s.end).any(|i| is_han(cx.text[i]))
    {
        return;
    }
    let read_as_name = |x: usize, y: usize| {
        cx.model_person_end.get(&x) == Some(&y)
            || cx.token_at.get(&x).is_some_and(|&t| {
                cx.tokens[t].end == y && matches!(cx.tokens[t].tag.as_str(), "nr" | "nrfg" | "nrt")
            })
    };
    // best[k]: the most names read by the model or the segmenter in a cut of a..a+k, and
    // where its last name starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for k in 0..n {
        let Some((score, _)) = best[k] else { continue };
        let x = a + k;
        let Some(sl) = cx.lx.surname_len(&cx.simp[x..end]) else {
            continue;
        };
        for len in sl + 1..=sl + 2 {
            let y = x + len;
            if y > end
                || cx
                    .lx
                    .lookup_chars(&cx.simp[x..y])
                    .iter()
                    .any(|t| matches!(t, Term::Org(_) | Term::Place(_) | Term::Post(_)))
            {
                continue;
            }
            let s2 = score + usize::from(read_as_name(x, y));
            if best[y - a].is_none_or(|(b, _)| s2 > b) {
                best[y - a] = Some((s2, k));
            }
        }
    }
    let Some((score, _)) = best[n] else { return };
    let mut names = Vec::new();
    let mut k = n;
    while k > 0 {
        let Some((_, from)) = best[k] else { return };
        names.push((a + from, a + k));
        k = from;
    }
    // Most names must be read as names by the model or the segmenter.
    if names.len() < 2 || score * 2 <= names.len() {
        return;
    }
    for (x, y) in names.into_iter().rev() {
        out.push(cx.mention(Kind::Person, (x, y), si, None, Rule::BylineName, 0.85));
    }
}
