//! Names the lexicons know: terms found by the automaton, their short forms
//! (河套深港創新合作區), place abbreviations (粵港澳) and enumerations of places.

use super::*;

/// Lexicon terms: organizations, places, posts, occasions and title modifiers.
pub(super) fn lexicon_terms(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for (a, b, terms) in cx.lx.find_terms(&cx.simp[s.start..s.end]) {
        let (a, b) = (s.start + a, s.start + b);
        // A two-character term must be a word here, not the end of one and the start of
        // the next (增長和 holds 長和 only by accident).
        let latin = cx.text[a].is_ascii_alphanumeric();
        let post = terms.iter().all(|t| matches!(t, Term::Post(_)));
        if b - a == 2
            && !latin
            && !post
            && !on_token_boundaries(cx, a, b)
            && !glued_to_conjunction(cx, a, b)
            && !in_place_pair(cx, a, b)
        {
            continue;
        }
        // A post may be glued to the words around it (黨委書記李), but not be the start of a
        // longer word (委員|會, 主席|團): that word is a body, not a post.
        if post && prefix_of_word(cx, a, b) {
            continue;
        }
        let pick = |f: fn(&Term) -> Option<usize>| terms.iter().find_map(f);
        if let Some(i) = pick(|t| if let Term::Org(i) = t { Some(*i) } else { None }) {
            out.push(cx.mention(
                Kind::Organization,
                (a, b),
                si,
                Some(i),
                Rule::LexiconOrganization,
                0.95,
            ));
            // 入境處長, 保安局長, 外交部長: the body's head, its post written with the
            // body's last character (處長, 局長, 部長).
            if b < s.end && cx.simp[b] == '长' {
                let post: String = [cx.simp[b - 1], '长'].iter().collect();
                let pi = cx.lx.lookup(&post).iter().find_map(|t| match t {
                    Term::Post(p) => Some(*p),
                    _ => None,
                });
                if pi.is_some() {
                    out.push(cx.mention(Kind::Post, (b, b + 1), si, pi, Rule::ElidedPost, 0.85));
                }
            }
        } else if let Some(i) = pick(|t| if let Term::Place(i) = t { Some(*i) } else { None }) {
            out.push(cx.mention(Kind::Place, (a, b), si, Some(i), Rule::LexiconPlace, 0.95));
        } else if let Some(i) = pick(|t| if let Term::Post(i) = t { Some(*i) } else { None }) {
            // A composite post names its organization: 全國政協委員 = 全國政協 + 委員; but
            // the head of an office is one title (財政司司長: 司 + 司長).
            let split = cx.lx.org_prefix(&cx.simp[a..b]).and_then(|(o, n)| {
                let rest: String = cx.simp[a + n..b].iter().collect();
                // …while a member of an academy is not its head (中國工程院 + 院士).
                let head_of_office = rest.starts_with(cx.simp[a + n - 1]) && rest.ends_with('长');
                cx.lx
                    .is_post(&rest)
                    .filter(|_| !head_of_office)
                    .map(|_| (o, n, rest))
            });
            match split {
                Some((o, n, rest)) => {
                    let pi = cx.lx.lookup(&rest).iter().find_map(|t| {
                        if let Term::Post(p) = t {
                            Some(*p)
                        } else {
                            None
                        }
                    });
                    out.push(cx.mention(
                        Kind::Organization,
                        (a, a + n),
                        si,
                        Some(o),
                        Rule::CompositePostOrganization,
                        0.9,
                    ));
                    out.push(cx.mention(Kind::Post, (a + n, b), si, pi, Rule::CompositePost, 0.9));
                }
                None => out.push(cx.mention(Kind::Post, (a, b), si, Some(i), Rule::LexiconPost, 0.9)),
            }
        } else if let Some(i) = pick(|t| if let Term::Occasion(i) = t { Some(*i) } else { None }) {
            out.push(cx.mention(Kind::Occasion, (a, b), si, Some(i), Rule::LexiconOccasion, 0.9));
        } else if let Some(i) = pick(|t| if let Term::Modifier(i) = t { Some(*i) } else { None }) {
            out.push(cx.mention(Kind::Modifier, (a, b), si, Some(i), Rule::LexiconModifier, 0.9));
        }
    }
}

/// Is `a..b` the start of a dictionary word that goes on past `b`? Only a word starting at
/// `a` counts: a longer post may end inside the segmenter's word (全國政協委員|會分別).
fn prefix_of_word(cx: &Ctx, a: usize, b: usize) -> bool {
    let Some(&t) = cx.token_of.get(b) else {
        return false;
    };
    t != usize::MAX && cx.token_of[b - 1] == t && cx.tokens[t].start == a && cx.tokens[t].known
}

/// Is `a..b` one half of a word the segmenter made of two known places (上海浦東/ns,
/// 北京海淀): the other half is a known place too.
fn in_place_pair(cx: &Ctx, a: usize, b: usize) -> bool {
    let Some(&t) = cx.token_of.get(a).filter(|&&t| t != usize::MAX) else {
        return false;
    };
    let t = &cx.tokens[t];
    let place = |x: usize, y: usize| y > x + 1 && cx.lx.place_chars(&cx.simp[x..y]).is_some();
    b <= t.end && place(a, b) && ((t.start == a && place(b, t.end)) || (t.end == b && place(t.start, a)))
}

/// The segmenter sometimes glues a conjunction to a short name (新巴及|城巴): `a..b` is
/// a word if it only lacks a boundary where a conjunction of its own token's edge sits.
fn glued_to_conjunction(cx: &Ctx, a: usize, b: usize) -> bool {
    let conj = |i: usize| {
        cx.simp
            .get(i)
            .is_some_and(|c| matches!(c, '及' | '和' | '与' | '或'))
    };
    let token_end = |i: usize| i >= cx.simp.len() || cx.token_at.contains_key(&i);
    let starts = cx.token_at.contains_key(&a)
        || (a > 0
            && conj(a - 1)
            && cx.token_at.contains_key(&(a - 1))
            && cx.token_of[a - 1] == cx.token_of[a]);
    let ends = token_end(b) || (conj(b) && token_end(b + 1) && cx.token_of[b] == cx.token_of[b - 1]);
    starts && ends
}

/// Does `a..b` end with an occasion word (大會, 峰會, 論壇)?
pub(super) fn ends_with_occasion(cx: &Ctx, a: usize, b: usize) -> bool {
    (a..b.saturating_sub(1)).any(|i| {
        cx.lx
            .lookup_chars(&cx.simp[i..b])
            .iter()
            .any(|t| matches!(t, Term::Occasion(_)))
    })
}

/// A known long name written with some characters left out (河套深港創新合作區 for
/// 河套深港科技創新合作區): same first two and last two characters, the rest in order.
pub(super) fn abbreviated_names(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for i in s.start..s.end.saturating_sub(3) {
        // A name starts a token.
        if !cx.token_at.contains_key(&i) {
            continue;
        }
        let mut best: Option<(usize, Term)> = None;
        for (full, term) in cx.lx.long_names(&cx.simp[i..i + 2]) {
            let n = full.len();
            for j in (i + 4..=(i + n - 1).min(s.end)).rev() {
                let span = &cx.simp[i..j];
                if span[span.len() - 2..] != full[n - 2..] || !is_subsequence(span, full) {
                    continue;
                }
                if best.is_none_or(|(e, _)| j > e) {
                    best = Some((j, *term));
                }
                break;
            }
        }
        if let Some((j, term)) = best {
            let (kind, li) = match term {
                Term::Org(li) => (Kind::Organization, li),
                Term::Place(li) => (Kind::Place, li),
                _ => continue,
            };
            out.push(cx.mention(kind, (i, j), si, Some(li), Rule::AbbreviatedName, 0.75));
        }
    }
}

fn is_subsequence(short: &[char], long: &[char]) -> bool {
    let mut it = long.iter();
    short.iter().all(|c| it.any(|l| l == c))
}

/// A place written after its parent is one place (深圳前海 = 前海, 珠海橫琴 = 橫琴); the
/// parent stays a mention of its own inside it.
pub(super) fn merge_place_pairs(cx: &Ctx, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last() {
            let child_of_prev = prev.kind == Kind::Place
                && m.kind == Kind::Place
                && prev.end == m.start
                && prev.sentence == m.sentence
                && match (prev.lexicon, m.lexicon) {
                    (Some(pi), Some(ci)) => {
                        let parent = &cx.lx.places[ci].parent;
                        !parent.is_empty() && cx.lx.place(parent) == Some(pi)
                    }
                    _ => false,
                };
            if child_of_prev {
                let start = prev.start;
                out.push(cx.mention(
                    Kind::Place,
                    (start, m.end),
                    m.sentence,
                    m.lexicon,
                    Rule::PlaceWithParent,
                    0.9,
                ));
                continue;
            }
        }
        out.push(m);
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out
}

/// One-character abbreviations of countries and regions (美, 英, 港, 澳) count as places
/// only inside an enumeration with another place: 與美、英、歐盟等國家.
pub(super) fn enumerated_places(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for i in s.start..s.end {
            let Some(li) = cx.lx.place_chars(std::slice::from_ref(&cx.text[i])) else {
                continue;
            };
            if accepted.iter().any(|m| m.start <= i && i < m.end) {
                continue;
            }
            let sep = |j: usize| j >= s.start && j < s.end && matches!(cx.text[j], '、' | '和' | '及' | '與');
            let single = |j: usize| {
                j >= s.start && j < s.end && cx.lx.place_chars(std::slice::from_ref(&cx.text[j])).is_some()
            };
            let next_item = sep(i + 1)
                && (single(i + 2) || accepted.iter().any(|m| m.kind == Kind::Place && m.start == i + 2));
            let prev_item = i >= s.start + 2
                && sep(i - 1)
                && (single(i - 2) || accepted.iter().any(|m| m.kind == Kind::Place && m.end == i - 1));
            if next_item || prev_item {
                found.push(cx.mention(
                    Kind::Place,
                    (i, i + 1),
                    si,
                    Some(li),
                    Rule::EnumeratedAbbreviation,
                    0.7,
                ));
            }
        }
    }
    accepted.extend(found);
    accepted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
}

/// One-character abbreviations in the contexts where they name places: a run of them
/// (港深珠, 京津冀) or one right after a verb of going or governing (來港, 治澳).
pub(super) fn abbreviated_places(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    let mut found = Vec::new();
    let free = |i: usize, accepted: &[Mention]| !accepted.iter().any(|m| m.start <= i && i < m.end);
    for (si, s) in sentences.iter().enumerate() {
        let abbr = |i: usize| {
            (i >= s.start && i < s.end)
                .then(|| cx.lx.abbreviation(cx.simp[i]))
                .flatten()
        };
        let mut i = s.start;
        while i < s.end {
            let run = (i..s.end)
                .take_while(|&j| abbr(j).is_some() && free(j, accepted))
                .count();
            // A run must not be part of a longer word the segmenter knows (中美洲).
            let whole = run >= 2
                && cx.token_at.contains_key(&i)
                && (i + run == s.end || cx.token_at.contains_key(&(i + run)) || !is_han(cx.text[i + run]));
            if whole {
                for j in i..i + run {
                    let place = abbr(j).map(|a| a.place);
                    found.push(cx.mention(Kind::Place, (j, j + 1), si, place, Rule::AbbreviationRun, 0.75));
                }
                i += run;
                continue;
            }
            if let Some(ab) = abbr(i).filter(|_| free(i, accepted)) {
                let after_verb = (1..=2)
                    .any(|n| i >= s.start + n && cx.lx.has_role_chars(&cx.simp[i - n..i], Role::PlaceVerb));
                let alone = i + 1 >= s.end || !is_han(cx.text[i + 1]) || cx.token_at.contains_key(&(i + 1));
                // 美方, 中方: the side of a country in talks, as a word of its own.
                let side = cx.simp.get(i + 1) == Some(&'方')
                    && cx.token_at.contains_key(&i)
                    && (i + 2 >= s.end || cx.token_at.contains_key(&(i + 2)));
                if (ab.after_verb && after_verb && alone) || (ab.before_side && side) {
                    let rule = if side {
                        Rule::AbbreviationSide
                    } else {
                        Rule::AbbreviationAfterVerb
                    };
                    found.push(cx.mention(Kind::Place, (i, i + 1), si, Some(ab.place), rule, 0.7));
                }
            }
            i += 1;
        }
    }
    accepted.extend(found);
    accepted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
}

/// Hong Kong's and Macao's own bodies are named in articles about them. In a Simplified
/// article (the SARs' press writes Traditional and rarely names its own city) that never
/// names the SAR (香港, 本港, 港府 …), a body of the SAR's in the lexicon is dropped: its
/// generic forms (教育局, 民政局, 警方) name a mainland body of that kind there. Distinctive
/// names (民建聯) go too; the lexicon does not say which forms are generic.
pub(super) fn out_of_scope(cx: &Ctx, script: Script, mentions: &mut Vec<Mention>) {
    if script != Script::Simplified {
        return;
    }
    let text: String = cx.simp.iter().collect();
    let names_hk = ["香港", "本港", "港府", "港区", "港人", "港澳"]
        .iter()
        .any(|w| text.contains(w));
    let names_macao = ["澳门", "澳区", "港澳"].iter().any(|w| text.contains(w));
    mentions.retain(|m| {
        let Some(i) = m.lexicon.filter(|_| m.kind == Kind::Organization) else {
            return true;
        };
        match cx.lx.orgs[i].scope.as_str() {
            "HK" => names_hk,
            "MO" => names_macao,
            _ => true,
        }
    });
}

/// A place named inside a title in 《》 (《中華人民共和國刑事訴訟法》, 《中國質量報》) is part
/// of the title of a law, a book or a paper, not a place the text is about.
pub(super) fn drop_places_in_titles(cx: &Ctx, mentions: &mut Vec<Mention>) {
    let mut open: Option<usize> = None;
    let mut titles = Vec::new();
    for (i, &c) in cx.text.iter().enumerate() {
        match c {
            '《' | '〈' => open = Some(i),
            '》' | '〉' => {
                if let Some(a) = open.take() {
                    titles.push((a, i));
                }
            }
            '。' | '\n' => open = None,
            _ => {}
        }
    }
    mentions.retain(|m| m.kind != Kind::Place || !titles.iter().any(|&(a, b)| a < m.start && m.end <= b));
}

/// A place that only modifies the word after it is not a place the text is about: a
/// demonym (港人, 內地人, 香港人士; not 香港人口 or 中國人民…) or a disease named after where
/// it was found (武漢肺炎).
pub(super) fn drop_places_in_compounds(cx: &Ctx, mentions: &mut Vec<Mention>) {
    let at = |i: usize| cx.simp.get(i).copied();
    mentions.retain(|m| {
        if m.kind != Kind::Place {
            return true;
        }
        let demonym =
            at(m.end) == Some('人') && !at(m.end + 1).is_some_and(|c| "口民大员力才数工手物权".contains(c));
        let disease = ["肺炎", "流感"]
            .iter()
            .any(|w| w.chars().enumerate().all(|(k, c)| at(m.end + k) == Some(c)));
        !demonym && !disease
    });
}
