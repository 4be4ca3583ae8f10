//! Organizations and places the lexicons do not know, by their head words (…協會,
//! …合作區) grown leftwards over nominal tokens, the segmenter's organization tags,
//! quoted names, Latin company names, and references back (協會 for the association
//! named before), branches and organs named inside titles.

use super::*;

/// Is `a..head` a known organization whose own name already ends with `suffix`
/// (Simplified)?
fn redundant_head(cx: &Ctx, a: usize, head: usize, suffix: &str) -> bool {
    cx.lx
        .org(&cx.s(a, head))
        .is_some_and(|o| crate::script::to_simplified(&cx.lx.orgs[o].name).ends_with(suffix))
}

/// Does `a..b` hold a proper name: a known place or organization, a Latin word, or a word
/// the segmenter guessed as a name? (Its dictionary tags common words such as 上市 or 愛國
/// as places, so a dictionary word of two characters does not count.)
fn has_proper_name(cx: &Ctx, a: usize, b: usize, kind: Kind) -> bool {
    // A place is named after places (觀塘|站), not after organizations (中央|蘇區).
    let known_name =
        |x: &Term| matches!(x, Term::Place(_)) || (kind == Kind::Organization && matches!(x, Term::Org(_)));
    let mut i = a;
    while i < b {
        let ti = cx.token_of[i];
        if ti == usize::MAX {
            i += 1;
            continue;
        }
        let t = &cx.tokens[ti];
        // Before a place's head word (黃閣|鎮) a known place or person word is good enough.
        let guessed = !t.known
            || t.end - t.start >= 3
            || (kind == Kind::Place && matches!(t.tag.as_str(), "ns" | "nr"));
        if (guessed && matches!(t.tag.as_str(), "ns" | "nr" | "nrt" | "nrfg" | "nt" | "nz"))
            || t.tag == "eng"
            || cx.lx.lookup(&t.word).iter().any(known_name)
        {
            return true;
        }
        i = t.end.max(i + 1);
    }
    cx.lx
        .find_terms(&cx.simp[a..b])
        .iter()
        .any(|(_, _, ts)| ts.iter().any(known_name))
}

/// Before a head word that is a common noun of its own (科技, 資本, 財經), only a brand right
/// before it makes a name: a word the segmenter does not know, a person's or a foreign word,
/// or a known organization (騰訊|科技, 紅杉|資本, 新浪|財經). A place makes a field (上海|科技),
/// so do common words (金融|科技, 不斷完善|科技), a word that holds the head (高科技) is that
/// word, and a name that already ends with a body's head word is that body
/// (中鐵一局電務公司|科技).
pub(super) fn has_brand(cx: &Ctx, a: usize, b: usize) -> bool {
    if b <= a || cx.lx.org_heads.ending(&cx.simp[a..b]).is_some() || inside_known_word(cx, b) {
        return false;
    }
    let Some(t) = cx.token_over(b - 1) else {
        return false;
    };
    let known = cx.lx.lookup(&t.word);
    let place = t.tag == "ns" || known.iter().any(|x| matches!(x, Term::Place(_)));
    !place
        && ((!t.known && t.end - t.start >= 2)
            || matches!(t.tag.as_str(), "nr" | "nrt" | "nrfg" | "nz" | "eng")
            || known.iter().any(|x| matches!(x, Term::Org(_))))
}

/// Does a word the segmenter knows run across `at` (高|科技, 註冊|資本: a head word starting
/// at `at` is part of that word)?
fn inside_known_word(cx: &Ctx, at: usize) -> bool {
    cx.token_over(at).is_some_and(|t| t.known && t.start < at)
}

/// Other occurrences of a place's name the document already names (three characters or
/// more): the rules and the model read each sentence alone, and miss a name where the
/// segmenter glued it to the next word (棉花坪村要) or the model's context differs. An
/// occurrence must start on a word's edge and overlap no mention; it adds no entity, only
/// the place's other spans (a proposal's places). Organizations are left out: measured on
/// 6,577 articles, their other spans changed proposers about as often for worse as for better.
pub(super) fn propagate_places(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    // (Not a place inside a longer name, 北京市|公安局, which names no place of its own.)
    let inside = |m: &Mention| {
        accepted.iter().any(|o| {
            matches!(o.kind, Kind::Organization | Kind::Place)
                && o.start <= m.start
                && m.end <= o.end
                && o.end - o.start > m.end - m.start
        })
    };
    // (With the source's lexicon entry, so both link to one entity.)
    let names: BTreeSet<(Vec<char>, Option<usize>)> = accepted
        .iter()
        .filter(|m| {
            m.kind == Kind::Place
                && m.end - m.start >= 3
                && !matches!(m.rule, Rule::HeadReference | Rule::OrganInTitle)
                && !inside(m)
        })
        .map(|m| (cx.simp[m.start..m.end].to_vec(), m.lexicon))
        .collect();
    if names.is_empty() {
        return;
    }
    let mut covered = vec![false; cx.simp.len()];
    for m in accepted.iter() {
        covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
    }
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let mut i = s.start;
        while i < s.end {
            // The longest name starting here.
            let hit = names
                .iter()
                .filter(|(n, _)| {
                    i + n.len() <= s.end
                        && cx.simp[i..i + n.len()] == n[..]
                        && !covered[i..i + n.len()].contains(&true)
                })
                .max_by_key(|(n, _)| n.len());
            match hit {
                // It ends on a word's edge, or inside a word that starts inside it (村|要),
                // not inside one word with it (澳大利亞人).
                Some((n, lexicon))
                    if cx.token_at.contains_key(&i)
                        && (cx.token_at.contains_key(&(i + n.len()))
                            || cx.token_over(i + n.len() - 1).is_some_and(|t| t.start > i)) =>
                {
                    found.push(cx.mention(Kind::Place, (i, i + n.len()), si, *lexicon, Rule::SamePlace, 0.7));
                    i += n.len();
                }
                _ => i += 1,
            }
        }
    }
    accepted.extend(found);
}

/// Organizations and places by head word: the longest suffix ending a token (or ending
/// where a post starts inside a token: 協會|會長), grown leftwards over nominal tokens until
/// a boundary word, a verb or punctuation.
pub(super) fn suffix_names(cx: &Ctx, si: usize, s: &Sentence, posts: &[usize], out: &mut Vec<Mention>) {
    let mut ends: Vec<(usize, Option<usize>)> = token_range(cx, s)
        .map(|ti| (cx.tokens[ti].end, Some(ti)))
        .collect();
    ends.extend(
        posts
            .iter()
            .filter(|&&p| p > s.start && !cx.token_at.contains_key(&p))
            .map(|&p| (p, None)),
    );
    for (end, whole) in ends {
        let ti = whole.unwrap_or(cx.token_of[end - 1]);
        let tok = &cx.tokens[ti];
        // A token that already is a complete known name needs no suffix rule.
        let known = cx.lx.lookup(&tok.word);
        if whole.is_some()
            && known.iter().any(|t| {
                matches!(
                    t,
                    Term::Org(_) | Term::Place(_) | Term::Post(_) | Term::Occasion(_) | Term::Cue(_)
                )
            })
        {
            continue;
        }
        // The head word of each list the sentence so far ends with (the longest).
        let before = &cx.simp[s.start..end];
        let org = cx.lx.org_heads.ending(before).map(|i| &cx.lx.org_suffixes[i]);
        let place = cx.lx.place_heads.ending(before).map(|i| &cx.lx.place_suffixes[i]);
        // The longer head word decides the kind (數據中心 is a place, not a 中心 body).
        let head_len = |x: Option<&crate::lexicon::Suffix>| x.map_or(0, |x| x.len);
        let mut kinds = [(Kind::Organization, org), (Kind::Place, place)];
        if head_len(place) > head_len(org) {
            kinds.swap(0, 1);
        }
        for (kind, suf) in kinds {
            let Some(suf) = suf else {
                continue;
            };
            let n = suf.len;
            let suf_start = end - n;
            let len = tok.end - tok.start;
            // A common word that merely ends like a name (社會, 股市, 格局) is not one: a
            // one-character head inside a longer token counts only in a long place or
            // organization token (深圳市), since the segmenter tags some common words as
            // places (上市). A longer head inside a token makes a compound (產業協會).
            if whole.is_some()
                && n == 1
                && len > 1
                && !(len >= 3 && matches!(tok.tag.as_str(), "ns" | "nt" | "nz"))
            {
                continue;
            }
            // A long place token is a whole name already (橫瀝鎮 in 今年內在橫瀝鎮).
            if kind == Kind::Place && whole.is_some() && tok.tag == "ns" && len >= 3 && len > n {
                out.push(cx.mention(kind, (tok.start, end), si, None, Rule::SuffixPlace, 0.7));
                break;
            }
            // A one-character head that is a verb here (香港特區政府會攜手…: 會 = will) or
            // that follows a complete known organization is not a head word (a known place
            // before one makes a new place: 觀塘站).
            if whole.is_some() && n == 1 && len == 1 {
                let verbish = tok.tag.starts_with('v') || tok.tag.starts_with('d');
                let after_name = kind == Kind::Organization
                    && ti > 0
                    && cx.tokens[ti - 1].end == tok.start
                    && cx.lx.is_org_or_place(&cx.tokens[ti - 1].word);
                // 觀塘站。: after a known place and before the clause ends, a head word tagged
                // as a verb (站 = stand) is the head of a place name.
                let place_head = kind == Kind::Place
                    && ti > 0
                    && cx
                        .lx
                        .lookup(&cx.tokens[ti - 1].word)
                        .iter()
                        .any(|x| matches!(x, Term::Place(_)))
                    && (end >= s.end
                        || !is_han(cx.text[end])
                        || matches!(cx.simp[end], '的' | '和' | '及' | '与' | '、'));
                if (verbish && !place_head) || after_name {
                    continue;
                }
            }
            // A head word that is a verb here, right after a body's own head word, is the
            // body's act (四川省地震局|組織…, 市委統戰部|組織…), not a longer name (but
            // 非政府|組織). A company's branch follows its parent's head (中心|支行).
            if kind == Kind::Organization
                && n >= 2
                && tok.start == suf_start
                && tok.tag.starts_with('v')
                && suf.kind != "company"
            {
                let inner = cx.lx.org_heads.ending(&cx.simp[s.start..suf_start]);
                let negated = inner.is_some_and(|i| {
                    let at = suf_start - cx.lx.org_suffixes[i].len;
                    at > s.start && cx.simp[at - 1] == '非'
                });
                if inner.is_some() && !negated {
                    continue;
                }
            }
            // The name grows leftwards from the token holding the head word's first char.
            let first = cx.token_of[suf_start].min(ti);
            let mut start = cx.tokens[first].start.min(suf_start);
            let mut k = first;
            // Set where a place stops at its parent (碧江區|桐木坪鄉), which anchors it.
            let mut after_parent = false;
            while k > 0 {
                k -= 1;
                let t = &cx.tokens[k];
                if t.end != start || t.start < s.start {
                    break;
                }
                // A known place with its level (縣, 區, 鎮 …) before a division's own name
                // is its parent, a place of its own: 碧江區 and 桐木坪鄉, as 深圳 and 前海
                // (a facility keeps its city: 廣州市獵德污水處理廠).
                if kind == Kind::Place
                    && matches!(
                        suf.kind.as_str(),
                        "province" | "city" | "district" | "township" | "village"
                    )
                    && suf_start - start >= 2
                    && t.word.chars().last().is_some_and(|c| cx.lx.is_place_level(c))
                    && (t.end - t.start == 1
                        || t.tag == "ns"
                        || cx.lx.lookup(&t.word).iter().any(|x| matches!(x, Term::Place(_))))
                {
                    after_parent = true;
                    break;
                }
                // A post or a cue word right before an organ's head word names the organ
                // (監事委員會, 提案委員會); further left, it ends the name (建議 | 國家發改委),
                // and a cue before a government's head word is a verb (民主黨|要求|政府…).
                let known = cx.lx.lookup(&t.word);
                let termlike = known
                    .iter()
                    .any(|x| matches!(x, Term::Post(_) | Term::Cue(_) | Term::Occasion(_)));
                let next_to_head = k + 1 == first && kind == Kind::Organization;
                let joins = (nominal(&t.tag) && !termlike)
                    || (termlike
                        && next_to_head
                        && !(suf.kind == "government"
                            && known.iter().any(|x| matches!(x, Term::Cue(_)))
                            && !known.iter().any(|x| matches!(x, Term::Post(_)))))
                    || (kind == Kind::Organization
                        && t.word == "及"
                        && k > 0
                        && nominal(&cx.tokens[k - 1].tag));
                // A verbal noun with its own object is a verb phrase (建設 | 全球…中心), not
                // part of the name; right before the head it names the body's work (研究協會).
                let verb_object = t.tag == "vn" && k + 1 != first;
                // A place opens the name (觀塘|海濱, 沙田|污水處理廠): a common word before
                // it is the sentence's (選址|觀塘海濱, 重置|沙田…), unless it is a head word
                // itself (長安|銀行|商洛|分行).
                let opened = || {
                    let l = &cx.tokens[k + 1];
                    l.start == start
                        && (matches!(l.tag.as_str(), "ns" | "nr" | "nrt" | "nrfg")
                            || cx.lx.lookup(&l.word).iter().any(|x| matches!(x, Term::Place(_))))
                };
                // A noun right after a verb heads the verb's object (關閉|高鐵|西九龍口岸): it
                // may be part of the name; other common words are not.
                let object_noun = || {
                    t.tag.starts_with('n')
                        && k > 0
                        && cx.tokens[k - 1].end == t.start
                        && cx.tokens[k - 1].tag.starts_with('v')
                };
                let common = || {
                    t.known
                        && !object_noun()
                        && !matches!(t.tag.as_str(), "ns" | "nr" | "nrt" | "nrfg" | "nt" | "nz" | "eng")
                        && cx.lx.lookup(&t.word).is_empty()
                        && !cx.lx.org_heads.contains(&cx.simp[t.start..t.end])
                        && !cx.lx.place_heads.contains(&cx.simp[t.start..t.end])
                };
                if opened() && common() {
                    break;
                }
                // A place does not grow over a body (永城市公安局|新城派出所, 資訊網|…路):
                // a word ending with an organization's head word is not part of its name.
                // (The head word with the words it needs before it, 書院 being a head alone; 中東部
                // is a direction.)
                let body = kind == Kind::Place
                    && cx.lx.org_heads.ending(&cx.simp[t.start..t.end]).is_some_and(|i| {
                        t.end - t.start >= cx.lx.org_suffixes[i].len + cx.lx.org_suffixes[i].min_prefix.max(1)
                    })
                    && !cx.lx.has_role(&t.word, Role::Direction)
                    && !cx.lx.lookup(&t.word).iter().any(|x| matches!(x, Term::Place(_)));
                // The segmenter glues a preposition to an unknown word (耿利惠到|鎮安縣醫院,
                // 中外運|對宏輝|公司): the name starts after it.
                if !t.known {
                    let glued = (t.start..t.end).rev().find(|&i| cx.glued_at(i));
                    if let Some(i) = glued {
                        start = i + 1;
                        break;
                    }
                }
                let blocked = verb_object
                    || body
                    || cx.lx.has_role(&t.word, Role::Boundary)
                    || t.word.chars().any(|c| !is_han(c) && !c.is_ascii_alphanumeric())
                    || end - t.start > 18;
                if !joins || blocked {
                    if kind == Kind::Organization {
                        if let Some(p) = place_opening_verbs(cx, s, k, start, end) {
                            start = p;
                        }
                    }
                    break;
                }
                start = t.start;
            }
            // 原|杭州市人民政府: a word of tenure opening the name says what the body was.
            if kind == Kind::Organization {
                let t = &cx.tokens[cx.token_of[start]];
                if t.start == start && t.end < suf_start && cx.lx.has_role(&t.word, Role::Former) {
                    start = t.end;
                }
            }
            if suf_start - start < suf.min_prefix.max(1) {
                continue;
            }
            // A region's part (華北|中南部, 內蒙古|中東部) ends like a body but names none.
            if kind == Kind::Organization
                && (2..=3).any(|n| {
                    end >= start + n
                        && cx.token_at.contains_key(&(end - n))
                        && cx.lx.has_role_chars(&cx.simp[end - n..end], Role::Direction)
                })
            {
                continue;
            }
            let anchored = after_parent
                || (kind == Kind::Place && direction_region(cx, start, suf_start, &suf.simp))
                || if suf.needs_place {
                    cx.lx
                        .find_terms(&cx.simp[start..suf_start])
                        .iter()
                        .any(|(_, _, ts)| ts.iter().any(|x| matches!(x, Term::Place(_))))
                } else if suf.needs_brand {
                    has_brand(cx, start, suf_start)
                } else {
                    has_proper_name(cx, start, suf_start, kind)
                };
            if suf.needs_name && !anchored {
                continue;
            }
            // An event (世界婦女大會, 高峰會) is not an organization.
            if kind == Kind::Organization && ends_with_occasion(cx, start, end) {
                continue;
            }
            // 全國政協 + 委員會: a known body that already is a committee, not a sub-body.
            if kind == Kind::Organization && redundant_head(cx, start, suf_start, &suf.simp) {
                continue;
            }
            let rule = if kind == Kind::Organization {
                Rule::SuffixOrganization
            } else {
                Rule::SuffixPlace
            };
            out.push(cx.mention(kind, (start, end), si, None, rule, 0.7));
            break;
        }
    }
}

/// A part of the country named by its direction and 地區 (東部|地區, 中西部|地區, 西北|地區):
/// a region, as 華南地區 is, without a proper name before the head word.
pub(super) fn direction_region(cx: &Ctx, a: usize, head: usize, head_word: &str) -> bool {
    head_word == "地区" && head > a && cx.lx.has_role_chars(&cx.simp[a..head], Role::Direction)
}

/// The body every town, township, county or village has, named after a place the lexicons
/// do not know but the rules or the model found (石門鎮|人民政府, 桐木坪鄉|黨委): the place's
/// own government, as after a known place (杭州市人民政府, by its head word).
pub(super) fn place_bodies(cx: &Ctx, mentions: &mut Vec<Mention>) {
    let level = |c: char| matches!(c, '县' | '区' | '乡' | '镇' | '村' | '市' | '州' | '旗');
    let mut found = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.kind == Kind::Place && m.lexicon.is_none())
    {
        let a = m.end;
        if m.end - m.start < 2 || !level(cx.simp[a - 1]) || !cx.token_at.contains_key(&a) {
            continue;
        }
        // The longest body word, ending where a token ends (鎮|政府|大樓 yes, 鎮|委託 no).
        let Some(body) = (1..=LOCAL_BODY_MAX.min(cx.simp.len() - a)).rev().find(|&n| {
            cx.lx.has_role_chars(&cx.simp[a..a + n], Role::LocalBody)
                && (a + n >= cx.simp.len() || cx.token_at.contains_key(&(a + n)))
        }) else {
            continue;
        };
        // One character (委) is too weak a sign after a place no list knows.
        if body == 1 {
            continue;
        }
        found.push(cx.mention(
            Kind::Organization,
            (m.start, a + body),
            m.sentence,
            None,
            Rule::PlaceBody,
            0.7,
        ));
    }
    // The place stays a place of its own inside the body's name; the body word alone, read
    // as a reference to a body named before (人民政府), is this body.
    for f in found {
        let reference = |m: &Mention| m.rule == Rule::HeadReference && f.start <= m.start && m.end <= f.end;
        let taken = mentions
            .iter()
            .any(|m| m.kind != Kind::Place && !reference(m) && m.start < f.end && f.start < m.end);
        if !taken {
            mentions.retain(|m| !reference(m));
            mentions.push(f);
        }
    }
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
}

/// A name whose words include a verb (中國|虛擬|運營商產業聯盟, 香港|可|持續|發展公民議會,
/// 海港計劃|檢討|小組委員會): where growing the name leftwards stops at up to three verbs at
/// `k`, and a place right before them opens the phrase (nothing nominal before it),
/// the place starts the name. A verb that governs the name (成立, 支持 …) has no place
/// glued before it, so it stays out. Returns where the name starts.
fn place_opening_verbs(cx: &Ctx, s: &Sentence, k: usize, start: usize, end: usize) -> Option<usize> {
    let verbish = |t: &Token| {
        (t.tag.starts_with('v') || t.tag == "d")
            && t.end - t.start <= 2
            && cx.lx.lookup(&t.word).is_empty()
            && !cx.lx.has_role(&t.word, Role::Boundary)
    };
    let place_word =
        |t: &Token| t.tag == "ns" || cx.lx.lookup(&t.word).iter().any(|x| matches!(x, Term::Place(_)));
    // Between two names the verb governs the second (香港|舉辦|香港長沙商會).
    if place_word(&cx.tokens[cx.token_of[start]]) {
        return None;
    }
    let mut j = k;
    let mut at = start;
    for _ in 0..3 {
        let t = &cx.tokens[j];
        if t.end != at || t.start < s.start || !verbish(t) {
            return None;
        }
        at = t.start;
        if j == 0 {
            return None;
        }
        j -= 1;
        let p = &cx.tokens[j];
        let place = p.end == at && p.start >= s.start && p.end - p.start >= 2 && place_word(p);
        if place {
            let opens = j == 0
                || cx.tokens[j - 1].end != p.start
                || p.start == s.start
                || !nominal(&cx.tokens[j - 1].tag);
            return (opens && end - p.start <= 18).then_some(p.start);
        }
    }
    None
}

/// Organizations the segmenter's dictionary knows (九三學社中央/nt): long tokens tagged as
/// organizations that are not events, places or known terms.
pub(super) fn segmenter_organizations(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for ti in token_range(cx, s) {
        let t = &cx.tokens[ti];
        if t.tag != "nt" || t.end - t.start < 4 || !t.word.chars().all(is_han) {
            continue;
        }
        // The dictionary's 公共財政/nt and 新興產業/nt are not bodies: keep only names that
        // hold a known organization or place (九三學社 + 中央).
        let anchored = cx
            .lx
            .find_terms(&cx.simp[t.start..t.end])
            .iter()
            .any(|(_, _, ts)| ts.iter().any(Term::is_org_or_place));
        if !anchored {
            continue;
        }
        if !cx.lx.lookup(&t.word).is_empty() || ends_with_occasion(cx, t.start, t.end) {
            continue;
        }
        let place_like = cx.lx.place_suffixes.iter().any(|x| t.word.ends_with(&x.simp));
        if !place_like {
            out.push(cx.mention(
                Kind::Organization,
                (t.start, t.end),
                si,
                None,
                Rule::SegmenterOrganization,
                0.6,
            ));
        }
    }
}

/// A bare head word (協會, 該公司, 本會) standing for the organization with that head named
/// before: the linker resolves it.
pub(super) fn head_references(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for ti in token_range(cx, s) {
            let t = &cx.tokens[ti];
            let word = t.word.trim_start_matches(['该', '本']);
            let chars = t.end - t.start - (t.word.chars().count() - word.chars().count());
            // The head word first: it is rare, and the scans over `accepted` are not cheap.
            // A head that is a common noun of its own (科技, 資本) stands for no body.
            let head = &cx.simp[t.end - chars..t.end];
            if chars < 2
                || cx
                    .lx
                    .org_heads
                    .get(head)
                    .is_none_or(|i| cx.lx.org_suffixes[i].needs_brand)
                || accepted.iter().any(|m| m.start < t.end && t.start < m.end)
            {
                continue;
            }
            let named_before = accepted.iter().any(|m| {
                m.kind == Kind::Organization
                    && m.end <= t.start
                    && m.end - m.start > chars
                    && cx.simp[m.end - chars..m.end] == cx.simp[t.end - chars..t.end]
            });
            if named_before {
                found.push(cx.mention(
                    Kind::Organization,
                    (t.start, t.end),
                    si,
                    None,
                    Rule::HeadReference,
                    0.6,
                ));
            }
        }
    }
    accepted.extend(found);
    accepted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
}

/// A quoted name ending with an organization head word: 「教育、科技和人才委員會」; and a
/// title in 《》 ending with a head word of the press (《現代快報》, 《明報》), which the
/// marks delimit however short it is.
pub(super) fn quoted_organizations(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    let mut i = s.start;
    while i < s.end {
        let close_mark = match cx.text[i] {
            '「' => '」',
            '《' => '》',
            _ => {
                i += 1;
                continue;
            }
        };
        let title = close_mark == '》';
        let Some(close) = (i + 1..s.end.min(i + 24)).find(|&j| cx.text[j] == close_mark) else {
            i += 1;
            continue;
        };
        let inner = cx.s(i + 1, close);
        let clean = inner
            .chars()
            .all(|c| is_han(c) || (!title && matches!(c, '、' | '和' | '及')));
        let suffix = cx.lx.org_suffixes.iter().find(|x| {
            let sx = &x.simp;
            let shortest = if title { 1 } else { x.min_prefix.max(2) };
            inner.ends_with(sx.as_str())
                && inner.chars().count() >= sx.chars().count() + shortest
                && (!title || x.kind == "media")
        });
        // A quoted slogan (「支持香港建設…中心」) holds verbs; a quoted name does not.
        let verbs = cx.tokens[token_range(cx, s)]
            .iter()
            .any(|t| t.start > i && t.end <= close && t.tag.starts_with('v') && t.tag != "vn");
        let lead = cx
            .lx
            .role_prefix(&cx.simp[i + 1..close], Role::Boundary)
            .is_some()
            || cx.lx.role_prefix(&cx.simp[i + 1..close], Role::Action).is_some();
        let event = ends_with_occasion(cx, i + 1, close);
        if clean && !verbs && !lead && !event && suffix.is_some() && cx.lx.lookup(&inner).is_empty() {
            out.push(cx.mention(
                Kind::Organization,
                (i + 1, close),
                si,
                None,
                Rule::QuotedOrganization,
                0.8,
            ));
        }
        // 《炎黃春秋》雜誌社, 《財經》雜誌: a title and a media head word as the next word name
        // the publisher, title marks and all.
        if title && clean && !verbs {
            if let Some(t) = cx.token_at.get(&(close + 1)).map(|&k| &cx.tokens[k]) {
                // (A media head of two characters or more, maybe with 社: 雜誌, 雜誌社, 報社;
                // not 海|報, a poster.)
                let long_media = |e: usize| {
                    cx.lx.org_heads.ending(&cx.simp[t.start..e]).is_some_and(|k| {
                        let x = &cx.lx.org_suffixes[k];
                        x.kind == "media" && x.len >= 2
                    })
                };
                let media = long_media(t.end) || (cx.simp[t.end - 1] == '社' && long_media(t.end - 1));
                if media && t.known && t.end - t.start <= 3 {
                    out.push(cx.mention(
                        Kind::Organization,
                        (i, t.end),
                        si,
                        None,
                        Rule::QuotedOrganization,
                        0.8,
                    ));
                }
            }
        }
        i = close + 1;
    }
}

/// Latin-script company names: `DeepSeek （HK） Limited`.
pub(super) fn latin_companies(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    let text = cx.text;
    let mut i = s.start;
    while i < s.end {
        if !text[i].is_ascii_uppercase() || (i > s.start && text[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < s.end && text[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let word: String = text[i..j].iter().collect();
        if cx.lx.has_role(&word, Role::LatinCompany) && i > s.start {
            // Grow leftwards over Latin words, spaces and a bracketed qualifier.
            let mut a = i;
            while a > s.start {
                let c = text[a - 1];
                if c.is_ascii_alphanumeric() || matches!(c, ' ' | '(' | ')' | '（' | '）' | '&' | '.' | '-')
                {
                    a -= 1;
                } else {
                    break;
                }
            }
            while a < i && !text[a].is_ascii_alphanumeric() {
                a += 1;
            }
            if a < i {
                out.push(cx.mention(Kind::Organization, (a, j), si, None, Rule::LatinCompany, 0.85));
            }
        }
        i = j.max(i + 1);
    }
}

/// 香港科技大學（廣州）: a body with a place in brackets is its branch there, another body.
pub(super) fn branches(cx: &Ctx, mentions: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == Kind::Organization) {
        if !matches!(cx.text.get(m.end), Some('（' | '(')) {
            continue;
        }
        let place = mentions.iter().find(|p| {
            p.kind == Kind::Place && p.start == m.end + 1 && matches!(cx.text.get(p.end), Some('）' | ')'))
        });
        if let Some(p) = place {
            found.push(cx.mention(
                Kind::Organization,
                (m.start, p.end + 1),
                m.sentence,
                None,
                Rule::OrganizationBranch,
                0.8,
            ));
        }
    }
    for b in found {
        mentions.retain(|m| !(m.kind == Kind::Organization && m.start == b.start && m.end < b.end));
        mentions.push(b);
    }
}

/// 經民聯監事委員會副主席: a body named after a known organization and followed by a post
/// is the organization's organ, part of the title; the organization is the entity.
pub(super) fn mark_organs_in_titles(mentions: &mut [Mention]) {
    let organs: Vec<usize> = (0..mentions.len())
        .filter(|&i| {
            let m = &mentions[i];
            m.kind == Kind::Organization
                && m.lexicon.is_none()
                && mentions.iter().any(|p| {
                    p.kind == Kind::Organization && p.lexicon.is_some() && p.start == m.start && p.end < m.end
                })
                && mentions.iter().any(|p| p.kind == Kind::Post && p.start == m.end)
        })
        .collect();
    for i in organs {
        mentions[i].rule = Rule::OrganInTitle;
    }
}

/// Drops organizations found by head word or by the model that are only a class name.
pub(super) fn drop_class_names(cx: &Ctx, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| {
        m.kind != Kind::Organization
            || m.lexicon.is_some()
            || !cx.lx.has_role_chars(&cx.simp[m.start..m.end], Role::ClassBody)
    });
}

/// 部門 after a ministry's name makes departments of that kind (公安部門, 教育部門: the police,
/// the education authorities anywhere), not the ministry (公安部, 教育部); after a place,
/// that place's departments are one body (廣東省住建部門).
pub(super) fn departments(cx: &Ctx, mentions: &mut Vec<Mention>) {
    mentions.retain_mut(|m| {
        let split = m.kind == Kind::Organization
            && m.end < cx.simp.len()
            && cx.simp[m.end - 1] == '部'
            && cx.simp[m.end] == '门';
        if !split {
            return true;
        }
        let placed = cx
            .lx
            .find_terms(&cx.simp[m.start..m.end - 1])
            .iter()
            .any(|(a, b, ts)| {
                *a == 0 && *b < m.end - 1 - m.start && ts.iter().any(|t| matches!(t, Term::Place(_)))
            });
        if placed {
            m.end += 1;
            m.text = cx.t(m.start, m.end);
        }
        placed
    });
}

/// The levels of place whose party committee is the place and 委 (仙桃市委, 碧江區委),
/// Simplified.
pub(crate) fn committee_level(simplified: char) -> bool {
    matches!(simplified, '省' | '市' | '县' | '区' | '州')
}

/// The party committee of a place, written as the place and 委 (仙桃市委, 碧江區委, 廣東省委),
/// and a department of it named right after (碧江區委政法委, 寶安區委宣傳部). 委 must end its
/// word (not 委員, 委託) and the place must end with its level (省, 市, 縣, 區, 州).
pub(super) fn party_committees(cx: &Ctx, mentions: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for p in mentions.iter().filter(|m| m.kind == Kind::Place) {
        let e = p.end;
        if e + 1 >= cx.simp.len()
            || cx.simp[e] != '委'
            || !committee_level(cx.simp[e - 1])
            || cx.token_of[e] == usize::MAX
            || cx.tokens[cx.token_of[e]].end != e + 1
        {
            continue;
        }
        let end = committee_department(cx, e + 1).unwrap_or(e + 1);
        found.push(cx.mention(
            Kind::Organization,
            (p.start, end),
            p.sentence,
            None,
            Rule::PartyCommittee,
            0.8,
        ));
    }
    add_over(mentions, found, |k| k != Kind::Person);
}

/// Add each name `found` to `mentions`, in place of the mentions of the kinds it `replaces`
/// that lie inside it (the longer name wins); a name that still overlaps another mention is
/// left out. Keeps `mentions` in text order.
fn add_over(mentions: &mut Vec<Mention>, found: Vec<Mention>, replaces: impl Fn(Kind) -> bool) {
    for f in found {
        mentions.retain(|m| !(replaces(m.kind) && f.start <= m.start && m.end <= f.end));
        if mentions.iter().any(|m| m.start < f.end && f.start < m.end) {
            continue;
        }
        mentions.push(f);
    }
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
}

/// Where a department of a party committee named right after it at `at` ends: a word of
/// three characters ending with 部 or 委 that is no post (政法委 yes, 常委 no).
fn committee_department(cx: &Ctx, at: usize) -> Option<usize> {
    let t = &cx.tokens[*cx.token_at.get(&at)?];
    let post = cx.lx.lookup(&t.word).iter().any(|x| matches!(x, Term::Post(_)));
    (t.end - t.start == 3 && matches!(cx.simp[t.end - 1], '部' | '委') && !post).then_some(t.end)
}

/// The longest word the rules try as a local body (人大常委會).
const LOCAL_BODY_MAX: usize = 6;

/// A body of a kind every place has, written after the level of its place alone (省|人大常委會,
/// 市|政府, 縣|政協): the local body of the place the article is about, not the national one
/// the bare form names. The level must stand alone (not 城市|政府, 全市).
pub(super) fn local_bodies(cx: &Ctx, sentences: &[Sentence], mentions: &mut Vec<Mention>) {
    let level = |c: char| matches!(c, '省' | '市' | '县' | '区' | '州' | '乡' | '镇');
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for ti in token_range(cx, s) {
            let t = &cx.tokens[ti];
            // The level is a word of its own (市|政府) or opens one with the body (省委).
            let whole = t.end - t.start > 1
                && cx
                    .lx
                    .has_role_chars(&cx.simp[t.start + 1..t.end], Role::LocalBody);
            if !(t.end - t.start == 1 || whole) || !t.word.chars().next().is_some_and(level) {
                continue;
            }
            let a = t.start;
            // The level opens the name: not after a word that makes it a quantity or a
            // possessor (全|省, 我|市, 各|縣) or after the place itself (仙桃|市委: other rules).
            if ti > 0 && cx.tokens[ti - 1].end == a && ti > token_range(cx, s).start {
                let p = &cx.tokens[ti - 1];
                let single =
                    p.end - p.start == 1 && !matches!(p.word.as_str(), "和" | "及" | "与" | "、" | "，");
                let named = cx.lx.is_org_or_place(&p.word);
                if (single && is_han(cx.text[a - 1])) || named || p.tag.starts_with("ns") {
                    continue;
                }
            }
            // The longest body word after the level (人大常委會, not 人大).
            let Some(body) = (1..=LOCAL_BODY_MAX.min(cx.simp.len() - a - 1))
                .rev()
                .find(|&n| cx.lx.has_role_chars(&cx.simp[a + 1..a + 1 + n], Role::LocalBody))
            else {
                continue;
            };
            let mut b = a + 1 + body;
            // The body word must end where a token ends (市委|書記 yes, 市委託 no), or be
            // the body that opens a composite post (市|人大|代表).
            let opens_post = mentions.iter().any(|m| {
                m.kind == Kind::Organization
                    && m.rule == Rule::CompositePostOrganization
                    && m.start == a + 1
                    && m.end == b
            });
            if !(b >= cx.simp.len() || cx.token_at.contains_key(&b) || opens_post) {
                continue;
            }
            // The committee's department named next (縣委|組織部), as after a place's name.
            if body == 1 && cx.simp[a + 1] == '委' {
                b = committee_department(cx, b).unwrap_or(b);
            }
            found.push(cx.mention(Kind::Organization, (a, b), si, None, Rule::LocalBody, 0.8));
        }
    }
    add_over(mentions, found, |k| matches!(k, Kind::Organization | Kind::Post));
}

/// Organizations listed beside a named one (包括甲小學、乙小學及丙學校等): in a list of
/// 、/及/和/與 whose first or other item is a recognized organization, every item that ends
/// with an organization's head word and has a name before it is an organization too, and what
/// was found inside it (a place: 佐敦|道…小學) is part of it.
pub(super) fn enumerated_organizations(cx: &Ctx, sentences: &[Sentence], mentions: &mut Vec<Mention>) {
    let mut found: Vec<Mention> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        // Clauses: runs of Han characters and list separators.
        let mut i = s.start;
        while i < s.end {
            if !is_han(cx.text[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < s.end && (is_han(cx.text[j]) || cx.text[j] == '、') {
                j += 1;
            }
            // Items: split at 、 and at 及/和/與 standing as words of their own.
            let mut items: Vec<(usize, usize)> = Vec::new();
            let mut a = i;
            for k in i..=j {
                let sep = k < j
                    && (cx.text[k] == '、'
                        || (matches!(cx.simp[k], '及' | '和' | '与')
                            && cx.token_at.get(&k).is_some_and(|&t| cx.tokens[t].end == k + 1)));
                if k == j || sep {
                    if k > a {
                        items.push((a, k));
                    }
                    a = k + 1;
                }
            }
            if items.len() >= 2 {
                // The first item may open with a word that introduces the list.
                if let Some(n) = cx
                    .lx
                    .role_prefix(&cx.simp[items[0].0..items[0].1], Role::Introducer)
                {
                    items[0].0 += n;
                }
                // The last may close with 等.
                let last = items.len() - 1;
                while items[last].1 > items[last].0 && cx.simp[items[last].1 - 1] == '等' {
                    items[last].1 -= 1;
                }
                let named = items.iter().any(|&(a, b)| {
                    mentions.iter().any(|m| {
                        m.kind == Kind::Organization && m.start == a && m.end <= b && m.end - m.start >= 3
                    })
                });
                if named {
                    for &(a, b) in &items {
                        let Some(head) = cx
                            .lx
                            .org_suffixes
                            .iter()
                            .find(|x| b >= a + x.len && cx.s_is(b - x.len, b, &x.simp))
                        else {
                            continue;
                        };
                        if b - a < head.len + 2 || b - a > 12 {
                            continue;
                        }
                        // A head that is a common noun too, inside a word the segmenter knows
                        // (註冊資本, 高科技), is that word.
                        if head.needs_brand && inside_known_word(cx, b - head.len) {
                            continue;
                        }
                        // A common word that ends like a head word ends the item (決策|部署,
                        // 機關幹部, 電視台|主辦, 河北|大部, 西藏|東部): a clause or a region.
                        // (Inside a longer word only where that word ends the item and is no
                        // name: 機關幹部, not 國家安全部/nt.)
                        if (2..=3).any(|n| {
                            b >= a + n
                                && (cx.lx.has_role_chars(&cx.simp[b - n..b], Role::NotHead)
                                    || cx.lx.has_role_chars(&cx.simp[b - n..b], Role::Direction))
                                && cx.token_over(b - n).is_none_or(|t| {
                                    t.start == b - n
                                        || (t.end == b
                                            && !matches!(t.tag.as_str(), "nt" | "ns" | "nz" | "j")
                                            && !cx
                                                .lx
                                                .lookup(&t.word)
                                                .iter()
                                                .any(|x| matches!(x, Term::Org(_))))
                                })
                        }) {
                            continue;
                        }
                        // An item opens with a name, not a pronoun, preposition or adverb
                        // (該|鄉黨委, 該|建議得到…), and holds no post or person (區委|常委).
                        let Some(&t0) = cx.token_at.get(&a) else {
                            continue;
                        };
                        let t = &cx.tokens[t0];
                        let tag = t.tag.as_str();
                        // A verb opens no item before an organization found inside it.
                        let verb_before_name = tag.starts_with('v')
                            && mentions
                                .iter()
                                .any(|m| m.kind == Kind::Organization && t.end <= m.start && m.start < b);
                        // Nor does a preposition, adverb, pronoun, particle or the copula
                        // stand inside one (積極|響應|省委, 南寧糖業|多次|向|富方公司,
                        // 事件|是|藍衣社: a clause, not a name).
                        let clause_inside = cx.tokens[t0..].iter().take_while(|x| x.end <= b).any(|x| {
                            ["r", "p", "u", "ad", "l", "i"]
                                .iter()
                                .any(|y| x.tag.starts_with(y))
                                || x.word == "是"
                                || (x.tag == "d" && x.end - x.start >= 2)
                                || (x.tag.starts_with('v')
                                    && x.tag != "vn"
                                    && mentions.iter().any(|m| {
                                        m.kind == Kind::Organization && x.end <= m.start && m.end == b
                                    }))
                        });
                        if ["r", "p", "c", "d", "u", "m", "q"]
                            .iter()
                            .any(|x| tag.starts_with(x))
                            || clause_inside
                            || verb_before_name
                            || mentions.iter().any(|m| {
                                matches!(m.kind, Kind::Post | Kind::Person) && m.start < b && a < m.end
                            })
                        {
                            continue;
                        }
                        // A verb of two characters that opens the clause's first item governs
                        // the name after it (加快|定向河小學), unless too little would be
                        // left for a name (拔萃|小學).
                        // A time word opens the clause, not the name (近日|中國證監會).
                        let a = if (tag == "t" || (tag == "v" && t.known && t.end - t.start == 2))
                            && b - t.end >= head.len + 2
                        {
                            t.end
                        } else {
                            a
                        };
                        let known = mentions
                            .iter()
                            .any(|m| m.kind == Kind::Organization && m.start == a && m.end == b);
                        if !known {
                            found.push(cx.mention(
                                Kind::Organization,
                                (a, b),
                                si,
                                None,
                                Rule::EnumeratedOrganization,
                                0.7,
                            ));
                        }
                    }
                }
            }
            i = j.max(i + 1);
        }
    }
    add_over(mentions, found, |k| {
        matches!(k, Kind::Organization | Kind::Place | Kind::Post)
    });
}

/// Names listed before 等 and a class of organization (向蘇寧雲商、長城寬帶網絡、網宿科技等
/// 民營企業…, 與美特好、樂村淘等企業): each item is an organization of that class, unless it
/// is a common word (電視、報刊等…), a place or a person, or holds a verb. The class (grammar
/// role `org_class`) may follow one short modifier (民營, 知名, 多家).
pub(super) fn listed_before_class(cx: &Ctx, sentences: &[Sentence], mentions: &mut Vec<Mention>) {
    let token = |at: usize| cx.token_at.get(&at).map(|&t| &cx.tokens[t]);
    let mut found: Vec<Mention> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for k in s.start + 1..s.end {
            if cx.simp[k] != '等' || token(k).is_none_or(|t| t.end != k + 1) {
                continue;
            }
            // (Not after a noun: 傳媒、通信等|行業|公司 lists trades.)
            let class = ends_with_class(cx, token(k + 1))
                || token(k + 1).is_some_and(|m| {
                    m.end - m.start <= 3
                        && !m.tag.starts_with('v')
                        && !m.tag.starts_with('n')
                        && ends_with_class(cx, token(m.end))
                });
            if !class {
                continue;
            }
            let items = items_before(cx, s, k);
            if items.len() < 2 {
                continue;
            }
            for (a, b) in items {
                // (A name found there already, or a place or person, stays what it is.)
                let taken = mentions
                    .iter()
                    .any(|m| m.start < b && a < m.end && !matches!(m.kind, Kind::Modifier | Kind::Occasion));
                if !taken && listed_name(cx, a, b) {
                    found.push(cx.mention(
                        Kind::Organization,
                        (a, b),
                        si,
                        None,
                        Rule::ListedBeforeClass,
                        0.6,
                    ));
                }
            }
        }
    }
    add_over(mentions, found, |_| false);
}

/// Is `t` a word that is or ends with a class of organization (企業, 民營企業, 多家銀行)?
fn ends_with_class(cx: &Ctx, t: Option<&crate::segment::Token>) -> bool {
    t.is_some_and(|t| class_ends(cx, t.start, t.end))
}

/// Does `a..b` end with a class of organization (grammar role `org_class`)?
fn class_ends(cx: &Ctx, a: usize, b: usize) -> bool {
    cx.lx.role_suffix(&cx.simp[a..b], Role::OrgClass).is_some()
}

/// The items of a list ending at `k` (before 等): whole runs between 、, and the first one as
/// far left as its words are nominal (向|蘇寧雲商, 支持|貴研鉑業), last item first.
fn items_before(cx: &Ctx, s: &Sentence, k: usize) -> Vec<(usize, usize)> {
    let name_char = |c: char| is_han(c) || c.is_ascii_alphanumeric();
    let mut items = Vec::new();
    let mut b = k;
    loop {
        let mut a = b;
        while a > s.start && name_char(cx.text[a - 1]) {
            a -= 1;
        }
        if a > s.start && a < b && cx.text[a - 1] == '、' {
            items.push((a, b));
            b = a - 1;
            continue;
        }
        let mut start = b;
        while start > a {
            let Some(t) = cx.token_over(start - 1) else { break };
            if t.start < a || !nominal(&t.tag) || cx.role_at(t.start, b, Role::Introducer).is_some() {
                break;
            }
            start = t.start;
        }
        if start < b {
            items.push((start, b));
        }
        return items;
    }
}

/// Can the listed item `a..b` be an organization's name? Two to ten characters on word
/// edges, one to three words (more run into the words before), no verb, not one word the
/// dictionary tags a common noun, verb, adjective, place or person (電視, 公安; 蘇寧/ns alone is
/// a brand, but most such words are places), holding a word the dictionary calls a name or
/// does not know (網宿|科技, 蘇寧/ns|雲商: products listed before 等企業, 鋰電池, are common
/// words), and not a class itself (食品企業, 小額貸款公司).
fn listed_name(cx: &Ctx, a: usize, b: usize) -> bool {
    if !(2..=10).contains(&(b - a)) || !on_token_boundaries(cx, a, b) {
        return false;
    }
    let Some(words) = cx.tokens.get(cx.token_of[a]..=cx.token_of[b - 1]) else {
        return false;
    };
    let common = |tag: &str| {
        matches!(
            tag,
            "n" | "vn" | "v" | "a" | "an" | "ad" | "d" | "l" | "i" | "ns" | "nr" | "f" | "s" | "t"
        )
    };
    let proper = |t: &crate::segment::Token| {
        !t.known
            || matches!(
                t.tag.as_str(),
                "nr" | "nrt" | "nrfg" | "ns" | "nz" | "nt" | "j" | "eng"
            )
    };
    (1..=3).contains(&words.len())
        && !(words.len() == 1 && common(&words[0].tag))
        && !words.iter().any(|t| t.tag.starts_with('v') && t.tag != "vn")
        && words.iter().any(proper)
        && !class_ends(cx, a, b)
}

/// Text that kept its escapes as characters (a backslash and `n` where a line break was) has
/// no name starting with the escape's letter: 督察組, not n督察組.
pub(super) fn trim_escapes(cx: &Ctx, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if matches!(m.kind, Kind::Organization | Kind::Place | Kind::Person)
            && m.start > 0
            && m.end - m.start > 3
            && cx.text[m.start - 1] == '\\'
            && matches!(cx.text[m.start], 'n' | 'r' | 't')
            && is_han(cx.text[m.start + 1])
        {
            m.start += 1;
            m.text = cx.t(m.start, m.end);
        }
    }
}
