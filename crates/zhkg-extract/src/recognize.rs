//! Stage 3: recognize mentions of people, organizations, places, posts and occasions.
//!
//! Rules, not lists of answers: names of public bodies and places come from the general
//! lexicons, other organizations and places from their head words (…協會, …合作區) grown
//! leftwards over the segmenter's nominal tokens, people from the titles before them
//! (全國政協委員黃錦輝), the verbs after them (岑浩輝表示), bylines and the segmenter's
//! person tags filtered by the surname list. Each mention records the rule that produced
//! it and a confidence, so users can audit and filter.

use std::collections::{BTreeSet, HashMap};

use crate::layout::BlockKind;
use crate::lexicon::{Lexicon, Role, Term};
use crate::ner::{NerLabel, NerSpan};
use crate::pipeline::Document;
use crate::rules::Rule;
use crate::script::is_han;
use crate::segment::Token;
use crate::sentence::Sentence;

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Kind {
    /// A person.
    Person,
    /// An organization.
    Organization,
    /// A place.
    Place,
    /// A post or title (委員, 行政長官).
    Post,
    /// An occasion (座談會, 全國兩會).
    Occasion,
    /// A title modifier (港區, 特區): part of a title, never an entity.
    Modifier,
    /// 他 / 她, resolved to a person by the linker.
    Pronoun,
}

/// A span of the repaired text recognized as something.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    /// What it names.
    pub kind: Kind,
    /// `start..end` index the repaired text (characters).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// The text as written (repaired: no line breaks).
    pub text: String,
    /// Index into the lexicon's organizations, places or posts when it came from there.
    pub lexicon: Option<usize>,
    /// Name of the rule that produced it.
    pub rule: Rule,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
}

/// Nominal POS tags that may continue an organization or place name leftwards.
fn nominal(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nr"
            | "nrt"
            | "nrfg"
            | "ns"
            | "nt"
            | "nz"
            | "nn"
            | "j"
            | "vn"
            | "an"
            | "b"
            | "eng"
            | "f"
            | "g"
            | "ng"
            | "l"
            | "x"
    )
}

struct Ctx<'a> {
    lx: &'a Lexicon,
    text: &'a [char],
    simp: &'a [char],
    tokens: &'a [Token],
    /// Token index by starting character.
    token_at: HashMap<usize, usize>,
    /// Token index covering each character.
    token_of: Vec<usize>,
}

impl Ctx<'_> {
    fn s(&self, a: usize, b: usize) -> String {
        self.simp[a..b].iter().collect()
    }
    /// Is the Simplified text at `a..b` exactly `word`? (No allocation: hot loops.)
    fn s_is(&self, a: usize, b: usize, word: &str) -> bool {
        self.simp[a..b].iter().copied().eq(word.chars())
    }
    fn t(&self, a: usize, b: usize) -> String {
        self.text[a..b].iter().collect()
    }
    fn role_at(&self, i: usize, end: usize, role: Role) -> Option<usize> {
        self.lx.role_prefix(&self.simp[i..end], role)
    }
    fn mention(
        &self,
        kind: Kind,
        (a, b): (usize, usize),
        sentence: usize,
        lexicon: Option<usize>,
        rule: Rule,
        confidence: f32,
    ) -> Mention {
        Mention {
            kind,
            start: a,
            end: b,
            sentence,
            text: self.t(a, b),
            lexicon,
            rule,
            confidence,
        }
    }
}

/// Recognize the mentions of one document. `simp` is the Simplified view of
/// `layout.text`; `tokens` are the segmenter's tokens over it, in order.
pub fn recognize(lx: &Lexicon, doc: &Document, names: &[NerSpan]) -> Vec<Mention> {
    let (layout, simp, sentences, tokens) = (&doc.layout, &doc.simp[..], &doc.sentences[..], &doc.tokens[..]);
    let mut token_of = vec![usize::MAX; simp.len()];
    let mut token_at = HashMap::new();
    for (i, t) in tokens.iter().enumerate() {
        token_at.insert(t.start, i);
        for slot in &mut token_of[t.start..t.end] {
            *slot = i;
        }
    }
    let cx = Ctx {
        lx,
        text: &layout.text,
        simp,
        tokens,
        token_at,
        token_of,
    };
    let mut flat: Vec<Mention> = Vec::new();
    let mut outer: Vec<Mention> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        lexicon_terms(&cx, si, s, &mut flat);
        let posts: Vec<usize> = flat
            .iter()
            .filter(|m| m.sentence == si && m.kind == Kind::Post)
            .map(|m| m.start)
            .collect();
        suffix_names(&cx, si, s, &posts, &mut outer);
        segmenter_organizations(&cx, si, s, &mut outer);
        quoted_organizations(&cx, si, s, &mut outer);
        abbreviated_names(&cx, si, s, &mut outer);
        latin_companies(&cx, si, s, &mut outer);
        pronouns(&cx, si, s, &mut flat);
    }
    let mut accepted = resolve_flat(flat);
    accepted = merge_place_pairs(&cx, accepted);
    enumerated_places(&cx, sentences, &mut accepted);
    abbreviated_places(&cx, sentences, &mut accepted);
    // Organizations and places by head word may hold places, organizations and words that
    // looked like posts (提案委員會 holds 委員): the longer name wins. People come after, so
    // 黃閣鎮 stays a town, not a Mr 黃閣.
    accepted = merge(accepted, outer, |m| {
        matches!(
            m.kind,
            Kind::Organization | Kind::Place | Kind::Modifier | Kind::Post | Kind::Occasion
        )
    });
    drop_posts_inside_names(&mut accepted);
    // People need the posts found above.
    let mut people = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        titled_people(&cx, si, s, &accepted, &mut people);
        name_before_title(&cx, si, s, &accepted, &mut people);
        if s.kind == BlockKind::Byline {
            byline_people(&cx, si, s, &accepted, &mut people);
        }
        speaker_people(&cx, si, s, &mut people);
        tagged_people(&cx, si, s, &mut people);
    }
    accepted = merge(accepted, people, |_| false);
    enumerated_people(&cx, sentences, &mut accepted);
    // The sequence model fills the gaps the rules leave: names without titles, foreign
    // names, organizations and places without known head words.
    let (model_people, model_others) = model_names(&cx, sentences, names);
    accepted = merge(accepted, model_others, |m| {
        matches!(m.kind, Kind::Organization | Kind::Place | Kind::Modifier)
    });
    accepted = merge(accepted, model_people, |_| false);
    mark_organs_in_titles(&mut accepted);
    branches(&cx, &mut accepted);
    head_references(&cx, sentences, &mut accepted);
    trim_names(&cx, &mut accepted);
    propagate_names(&cx, sentences, &mut accepted);
    accepted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    accepted
}

/// Is `a..b` a whole run of the segmenter's tokens (starts and ends on token boundaries)?
fn on_token_boundaries(cx: &Ctx, a: usize, b: usize) -> bool {
    cx.token_at.contains_key(&a)
        && (b >= cx.simp.len() || cx.token_at.contains_key(&b) || cx.token_of[b] == usize::MAX)
}

/// Lexicon terms: organizations, places, posts, occasions and title modifiers.
fn lexicon_terms(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for (a, b, terms) in cx.lx.find_terms(&cx.simp[s.start..s.end]) {
        let (a, b) = (s.start + a, s.start + b);
        // A two-character term must be a word here, not the end of one and the start of
        // the next (增長和 holds 長和 only by accident).
        let latin = cx.text[a].is_ascii_alphanumeric();
        let post = terms.iter().all(|t| matches!(t, Term::Post(_)));
        if b - a == 2 && !latin && !post && !on_token_boundaries(cx, a, b) {
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
        } else if let Some(i) = pick(|t| if let Term::Place(i) = t { Some(*i) } else { None }) {
            out.push(cx.mention(Kind::Place, (a, b), si, Some(i), Rule::LexiconPlace, 0.95));
        } else if let Some(i) = pick(|t| if let Term::Post(i) = t { Some(*i) } else { None }) {
            // A composite post names its organization: 全國政協委員 = 全國政協 + 委員; but
            // the head of an office is one title (財政司司長: 司 + 司長).
            let split = cx.lx.org_prefix(&cx.simp[a..b]).and_then(|(o, n)| {
                let rest: String = cx.simp[a + n..b].iter().collect();
                let head_of_office = rest.starts_with(cx.simp[a + n - 1]);
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

/// Does `a..b` end with an occasion word (大會, 峰會, 論壇)?
fn ends_with_occasion(cx: &Ctx, a: usize, b: usize) -> bool {
    (a..b.saturating_sub(1)).any(|i| {
        cx.lx
            .lookup(&cx.s(i, b))
            .iter()
            .any(|t| matches!(t, Term::Occasion(_)))
    })
}

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

/// Organizations and places by head word: the longest suffix ending a token (or ending
/// where a post starts inside a token: 協會|會長), grown leftwards over nominal tokens until
/// a boundary word, a verb or punctuation.
fn suffix_names(cx: &Ctx, si: usize, s: &Sentence, posts: &[usize], out: &mut Vec<Mention>) {
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
        for (kind, suffixes) in [
            (Kind::Organization, &cx.lx.org_suffixes),
            (Kind::Place, &cx.lx.place_suffixes),
        ] {
            let Some(suf) = suffixes.iter().find(|x| {
                let n = x.len;
                end >= n + s.start && cx.s_is(end - n, end, &x.simp)
            }) else {
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
                    && cx
                        .lx
                        .lookup(&cx.tokens[ti - 1].word)
                        .iter()
                        .any(|x| matches!(x, Term::Org(_) | Term::Place(_)));
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
            // The name grows leftwards from the token holding the head word's first char.
            let first = cx.token_of[suf_start].min(ti);
            let mut start = cx.tokens[first].start.min(suf_start);
            let mut k = first;
            while k > 0 {
                k -= 1;
                let t = &cx.tokens[k];
                if t.end != start || t.start < s.start {
                    break;
                }
                // A post or a cue word right before an organ's head word names the organ
                // (監事委員會, 提案委員會); further left, it ends the name (建議 | 國家發改委).
                let known = cx.lx.lookup(&t.word);
                let termlike = known
                    .iter()
                    .any(|x| matches!(x, Term::Post(_) | Term::Cue(_) | Term::Occasion(_)));
                let next_to_head = k + 1 == first && kind == Kind::Organization;
                let joins = (nominal(&t.tag) && !termlike)
                    || (termlike && next_to_head)
                    || (kind == Kind::Organization
                        && t.word == "及"
                        && k > 0
                        && nominal(&cx.tokens[k - 1].tag));
                // A verbal noun with its own object is a verb phrase (建設 | 全球…中心), not
                // part of the name; right before the head it names the body's work (研究協會).
                let verb_object = t.tag == "vn" && k + 1 != first;
                let blocked = verb_object
                    || cx.lx.has_role(&t.word, Role::Boundary)
                    || t.word.chars().any(|c| !is_han(c) && !c.is_ascii_alphanumeric())
                    || end - t.start > 18;
                if !joins || blocked {
                    break;
                }
                start = t.start;
            }
            if suf_start - start < suf.min_prefix.max(1) {
                continue;
            }
            if suf.needs_name && !has_proper_name(cx, start, suf_start, kind) {
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

/// Organizations the segmenter's dictionary knows (九三學社中央/nt): long tokens tagged as
/// organizations that are not events, places or known terms.
fn segmenter_organizations(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
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
            .any(|(_, _, ts)| ts.iter().any(|x| matches!(x, Term::Org(_) | Term::Place(_))));
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
fn head_references(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for ti in token_range(cx, s) {
            let t = &cx.tokens[ti];
            let word: String = t.word.trim_start_matches(['该', '本']).to_string();
            if word.chars().count() < 2 || accepted.iter().any(|m| m.start < t.end && t.start < m.end) {
                continue;
            }
            let is_head = cx.lx.org_suffixes.iter().any(|x| x.simp == word);
            let named_before = accepted.iter().any(|m| {
                m.kind == Kind::Organization
                    && m.end <= t.start
                    && m.end - m.start > word.chars().count()
                    && cx.s(m.start, m.end).ends_with(&word)
            });
            if is_head && named_before {
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

/// A known long name written with some characters left out (河套深港創新合作區 for
/// 河套深港科技創新合作區): same first two and last two characters, the rest in order.
fn abbreviated_names(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for i in s.start..s.end.saturating_sub(3) {
        let key: String = cx.simp[i..i + 2].iter().collect();
        let mut best: Option<(usize, Term)> = None;
        for (full, term) in cx.lx.long_names(&key) {
            let n = full.len();
            for j in (i + 4..=(i + n - 1).min(s.end)).rev() {
                let span = &cx.simp[i..j];
                if span[span.len() - 2..] != full[n - 2..] || !is_subsequence(span, full) {
                    continue;
                }
                if !cx.token_at.contains_key(&i) {
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

/// A quoted name ending with an organization head word: 「教育、科技和人才委員會」.
fn quoted_organizations(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    let mut i = s.start;
    while i < s.end {
        if cx.text[i] != '「' {
            i += 1;
            continue;
        }
        let Some(close) = (i + 1..s.end.min(i + 24)).find(|&j| cx.text[j] == '」') else {
            i += 1;
            continue;
        };
        let inner = cx.s(i + 1, close);
        let clean = inner
            .chars()
            .all(|c| is_han(c) || matches!(c, '、' | '和' | '及'));
        let suffix = cx.lx.org_suffixes.iter().find(|x| {
            let sx = &x.simp;
            inner.ends_with(sx.as_str()) && inner.chars().count() >= sx.chars().count() + x.min_prefix.max(2)
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
        i = close + 1;
    }
}

fn token_range(cx: &Ctx, s: &Sentence) -> std::ops::Range<usize> {
    let first = cx.token_of.get(s.start).copied().unwrap_or(usize::MAX);
    let last = cx
        .token_of
        .get(s.end.saturating_sub(1))
        .copied()
        .unwrap_or(usize::MAX);
    if first == usize::MAX || last == usize::MAX {
        return 0..0;
    }
    first..last + 1
}

const COMPANY_HEADS: &[&str] = &[
    "Limited",
    "Ltd",
    "Inc",
    "Corporation",
    "Corp",
    "Holdings",
    "Group",
    "LLC",
    "PLC",
];

/// Latin-script company names: `DeepSeek （HK） Limited`.
fn latin_companies(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
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
        if COMPANY_HEADS.contains(&word.as_str()) && i > s.start {
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

/// 他 / 她 as singular personal pronouns (not 他們, 其他, 他人).
fn pronouns(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for i in s.start..s.end {
        if !cx.lx.has_role(&cx.text[i].to_string(), Role::Pronoun) {
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

/// Keep the best of overlapping candidates: longer first, then more confident.
fn resolve_flat(mut cands: Vec<Mention>) -> Vec<Mention> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::new();
    for m in cands {
        if taken.range(m.start..m.end).next().is_none() {
            taken.extend(m.start..m.end);
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Add `new` mentions to `base`: a new mention that overlaps nothing is added; one that
/// strictly contains base mentions for which `nested` holds is added around them; others
/// are dropped. Among overlapping new mentions the longest wins.
fn merge(base: Vec<Mention>, new: Vec<Mention>, nested: impl Fn(&Mention) -> bool) -> Vec<Mention> {
    let mut out = base;
    for m in resolve_flat(new) {
        let ok = out
            .iter()
            .filter(|o| o.start < m.end && m.start < o.end)
            .all(|o| {
                m.start <= o.start && o.end <= m.end && (m.end - m.start) > (o.end - o.start) && nested(o)
            });
        if ok {
            out.push(m);
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out
}

/// A post or occasion word inside an organization's name is part of the name (提案委員會
/// holds 提案 and 委員).
fn drop_posts_inside_names(mentions: &mut Vec<Mention>) {
    let names: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| matches!(m.kind, Kind::Organization | Kind::Place))
        .map(|m| (m.start, m.end))
        .collect();
    mentions.retain(|m| {
        !matches!(m.kind, Kind::Post | Kind::Occasion)
            || !names
                .iter()
                .any(|&(a, b)| a <= m.start && m.end <= b && (b - a) > (m.end - m.start))
    });
}

/// 香港科技大學（廣州）: a body with a place in brackets is its branch there, another body.
fn branches(cx: &Ctx, mentions: &mut Vec<Mention>) {
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
fn mark_organs_in_titles(mentions: &mut [Mention]) {
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

/// A place written after its parent is one place (深圳前海 = 前海, 珠海橫琴 = 橫琴); the
/// parent stays a mention of its own inside it.
fn merge_place_pairs(cx: &Ctx, mentions: Vec<Mention>) -> Vec<Mention> {
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
fn enumerated_places(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for i in s.start..s.end {
            let Some(li) = cx.lx.place(&cx.text[i].to_string()) else {
                continue;
            };
            if accepted.iter().any(|m| m.start <= i && i < m.end) {
                continue;
            }
            let sep = |j: usize| j >= s.start && j < s.end && matches!(cx.text[j], '、' | '和' | '及' | '與');
            let single =
                |j: usize| j >= s.start && j < s.end && cx.lx.place(&cx.text[j].to_string()).is_some();
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
fn abbreviated_places(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
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
                let after_verb =
                    (1..=2).any(|n| i >= s.start + n && cx.lx.has_role(&cx.s(i - n, i), Role::PlaceVerb));
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

/// A personal name starting at `at`: a surname and one or two given-name characters.
/// Returns its end. Most given names have two characters; the name is cut to one when the
/// second would start a word that follows names (表示, 在, 指出), a single-character verb
/// after a name the segmenter knows (李強|作), or a dictionary word (徐莉|重點); it keeps
/// two when a word that follows names comes right after them (何子健|則, 劉欣然|、).
fn name_at(cx: &Ctx, at: usize, limit: usize) -> Option<usize> {
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
            || !cx.lx.lookup(&cx.s(third, (third + 2).min(limit))).is_empty()
    };
    let end = if two_chars { third } else { third + 1 };
    let name = cx.s(at, end);
    if cx.lx.is_not_name(&name) || !cx.lx.lookup(&name).is_empty() {
        return None;
    }
    // A common word is not a name (施政, 範疇): the segmenter knows it as something else.
    if let Some(tk) = token(at) {
        if tk.end == end && tk.known && !person_tag(tk) && tk.tag != "x" {
            return None;
        }
    }
    Some(end)
}

/// People named right before a title: 楊秀英代表, 何子健議員 (a name at a clause start or
/// after 的, then a member's or head's post).
fn name_before_title(cx: &Ctx, si: usize, s: &Sentence, accepted: &[Mention], out: &mut Vec<Mention>) {
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
fn titled_people(cx: &Ctx, si: usize, s: &Sentence, accepted: &[Mention], out: &mut Vec<Mention>) {
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

/// Names in a byline after a title: `記者 子京、康敬`, `責編 林疋 美編 曹俊蘋`.
fn byline_people(cx: &Ctx, si: usize, s: &Sentence, accepted: &[Mention], out: &mut Vec<Mention>) {
    let posts: Vec<&Mention> = accepted
        .iter()
        .filter(|m| m.sentence == si && m.kind == Kind::Post)
        .collect();
    for p in posts {
        let mut i = p.end;
        loop {
            while i < s.end && matches!(cx.text[i], ' ' | '、' | ',' | '，') {
                i += 1;
            }
            let a = i;
            while i < s.end
                && is_han(cx.text[i])
                && !accepted.iter().any(|m| m.start == i && m.kind == Kind::Post)
            {
                i += 1;
            }
            if (2..=4).contains(&(i - a))
                && !cx
                    .lx
                    .lookup(&cx.s(a, i))
                    .iter()
                    .any(|t| matches!(t, Term::Org(_) | Term::Place(_)))
            {
                out.push(cx.mention(Kind::Person, (a, i), si, None, Rule::BylineName, 0.85));
            } else {
                break;
            }
            if i >= s.end || !matches!(cx.text[i], '、' | ',' | '，') {
                break;
            }
        }
    }
}

/// A name at a clause start followed by a verb of saying: `，岑浩輝表示`.
fn speaker_people(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
    for at in s.start..s.end {
        let boundary = at == s.start
            || matches!(
                cx.text[at - 1],
                '，' | '。' | '、' | '：' | '；' | ' ' | '●' | '」'
            );
        if !boundary {
            continue;
        }
        let Some(end) = name_at(cx, at, s.end) else {
            continue;
        };
        for e in [end, end - 1] {
            if e - at < 2 {
                continue;
            }
            if cx.role_at(e, s.end, Role::SubjectVerb).is_some() && cx.token_at.contains_key(&e) {
                out.push(cx.mention(Kind::Person, (at, e), si, None, Rule::SpeakerName, 0.75));
                break;
            }
        }
    }
}

/// The segmenter's guesses of person names (words not in its dictionary), kept when the
/// word starts with a common surname and is not quoted (「雙循環」 is a slogan).
fn tagged_people(cx: &Ctx, si: usize, s: &Sentence, out: &mut Vec<Mention>) {
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
        let common = cx
            .lx
            .surname_rank(&chars[..sl].iter().collect::<String>())
            .is_some_and(|r| r < 200);
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

/// Minimum probability of a model name to be kept.
const MODEL_MIN_SCORE: f32 = 0.5;

/// The sequence model's names as candidate mentions: people apart (they may not overlap
/// anything), organizations and places (which may hold known names). The model is trained
/// on encyclopedia text and names readily; each name must also look like one here: a
/// person starts with a surname (or is a foreign name) and stands where names stand; an
/// organization or place ends with a head word, is a single name token the segmenter
/// knows, or is made only of words the segmenter does not know.
fn model_names(cx: &Ctx, sentences: &[Sentence], names: &[NerSpan]) -> (Vec<Mention>, Vec<Mention>) {
    let (mut people, mut others) = (Vec::new(), Vec::new());
    for n in names
        .iter()
        .filter(|n| n.score >= MODEL_MIN_SCORE && n.end - n.start >= 2)
    {
        let Some(si) = sentences
            .iter()
            .position(|s| s.start <= n.start && n.end <= s.end)
        else {
            continue;
        };
        let s = &sentences[si];
        let text = cx.s(n.start, n.end);
        let chars: Vec<char> = text.chars().collect();
        if !chars
            .iter()
            .all(|&c| is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '·' | '・' | '-' | ' '))
        {
            continue;
        }
        if cx.lx.is_not_name(&text) || !cx.lx.lookup(&text).is_empty() {
            continue;
        }
        let toks: Vec<&Token> = cx.tokens[token_range(cx, s)]
            .iter()
            .filter(|t| t.start < n.end && n.start < t.end)
            .collect();
        let aligned =
            toks.first().is_some_and(|t| t.start == n.start) && toks.last().is_some_and(|t| t.end == n.end);
        let single = (toks.len() == 1 && aligned).then(|| toks[0]);
        let latin = chars
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-');
        // Every word of the name is itself name-like: unknown to the dictionary, tagged as a
        // name, or a known place or organization (日本東京, 斯特拉斯堡, 九三學社).
        // The dictionary's own name tags count only on longer words or persons (its
        // 上市/ns and 新興產業/nt are common words).
        let known_name = |t: &Token| {
            cx.lx
                .lookup(&t.word)
                .iter()
                .any(|x| matches!(x, Term::Org(_) | Term::Place(_)))
        };
        let name_like = |t: &&Token| {
            !t.known
                || t.tag == "eng"
                || matches!(t.tag.as_str(), "nr" | "nrt" | "nrfg")
                || (t.tag == "ns" && t.end - t.start >= 3)
                || known_name(t)
        };
        // A model name made of two places the rules found (香港大澳) adds nothing.
        let parts = |kind: Kind| {
            cx.tokens[token_range(cx, s)]
                .iter()
                .filter(|t| t.start >= n.start && t.end <= n.end && known_name(t))
                .count()
                >= 2
                && kind == Kind::Place
        };
        let quoted = n.start > 0 && matches!(cx.text[n.start - 1], '「' | '『' | '“' | '《');
        let ok = !quoted
            && match n.label {
                NerLabel::Per => {
                    // Latin names are capitalized words (Elena, Randy Quaid), not products
                    // or acronyms (ChatGPT, HKGAI, DeepSeek Limited).
                    let camel = latin
                        && !text.split(' ').all(|w| {
                            let mut c = w.chars();
                            c.next().is_some_and(|f| f.is_ascii_uppercase())
                                && c.all(|x| x.is_ascii_lowercase())
                        });
                    let doubled = chars.len() == 2 && chars[0] == chars[1];
                    // A dictionary word is a name where names go: not before a noun (施政團隊,
                    // 施政部署) or 時, not after a determiner (各項施政).
                    let next = cx.token_at.get(&n.end).map(|&t| &cx.tokens[t]);
                    let before_noun = next.is_some_and(|t| {
                        (t.tag.starts_with('n') && !matches!(t.tag.as_str(), "nr" | "nrfg" | "nrt"))
                            || t.tag == "vn"
                            || t.word == "时"
                    }) && next.is_none_or(|t| cx.lx.is_post(&t.word).is_none());
                    let after_det = n.start > 0
                        && cx.token_of[n.start - 1] != usize::MAX
                        && matches!(cx.tokens[cx.token_of[n.start - 1]].tag.as_str(), "r" | "m" | "q");
                    let common =
                        single.is_some_and(|t| t.known && !matches!(t.tag.as_str(), "nr" | "nrfg" | "nrt"));
                    // A Chinese name is a surname and a given name that is not itself a word
                    // (白|名單); a foreign one is written with a middle dot or is a word the
                    // dictionary does not know, of three characters or more.
                    let sl = cx.lx.surname_len(&cx.simp[n.start..n.end]);
                    let given_is_word = sl.is_some_and(|k| {
                        toks.iter().any(|t| {
                            t.start == n.start + k && t.end == n.end && t.known && t.end - t.start >= 2
                        })
                    });
                    let chinese = sl.is_some() && (2..=4).contains(&chars.len()) && !given_is_word;
                    let foreign = chars.iter().any(|c| matches!(c, '·' | '・' | '‧' | '•'))
                        || (chars.len() >= 3 && toks.iter().all(|t| !t.known));
                    // …or a single word the dictionary itself knows as a name (克拉克, 諸葛亮).
                    let listed =
                        single.is_some_and(|t| t.known && matches!(t.tag.as_str(), "nr" | "nrt" | "nrfg"));
                    let shaped = if latin {
                        !camel
                    } else {
                        chinese || foreign || listed
                    };
                    shaped
                        && !doubled
                        && !common
                        && !(single.is_some_and(|t| t.known) && (before_noun || after_det))
                }
                NerLabel::Org | NerLabel::Loc => {
                    let (kind, suffixes) = if n.label == NerLabel::Org {
                        (Kind::Organization, &cx.lx.org_suffixes)
                    } else {
                        (Kind::Place, &cx.lx.place_suffixes)
                    };
                    let head = suffixes
                        .iter()
                        .find(|x| chars.len() > x.len && cx.s_is(n.end - x.len, n.end, &x.simp));
                    let headed = head.is_some_and(|x| {
                        let k = x.len;
                        // A one-character head inside a common word is no head (海岸線).
                        let in_word = k == 1
                            && cx.token_of[n.end - 1] != usize::MAX
                            && cx.tokens[cx.token_of[n.end - 1]].end
                                - cx.tokens[cx.token_of[n.end - 1]].start
                                > 1
                            && cx.tokens[cx.token_of[n.end - 1]].known;
                        !in_word && (!x.needs_name || has_proper_name(cx, n.start, n.end - k, kind))
                    });
                    let head_start = head.map_or(n.end, |x| n.end - x.len);
                    let body_names = toks
                        .iter()
                        .filter(|t| t.end <= head_start || t.start < head_start)
                        .all(name_like);
                    // Verbs, cues, posts and boundary words are not inside names (建議港鐵公司,
                    // 冀建港, 香港文匯報訊立法會…).
                    let clause_words = toks.iter().any(|t| {
                        t.tag.starts_with('v') && t.tag != "vn"
                            || cx.lx.has_role(&t.word, Role::Boundary)
                            || cx
                                .lx
                                .lookup(&t.word)
                                .iter()
                                .any(|x| matches!(x, Term::Cue(_) | Term::Post(_)))
                    });
                    !latin && aligned && !parts(kind) && !clause_words && (headed || body_names)
                }
            };
        if !ok {
            continue;
        }
        let (kind, rule) = match n.label {
            NerLabel::Per => (Kind::Person, Rule::ModelPerson),
            NerLabel::Org => (Kind::Organization, Rule::ModelOrganization),
            NerLabel::Loc => (Kind::Place, Rule::ModelPlace),
        };
        let m = cx.mention(kind, (n.start, n.end), si, None, rule, n.score * 0.8);
        if kind == Kind::Person {
            people.push(m);
        } else {
            others.push(m);
        }
    }
    (people, others)
}

/// Names listed after a name (記者劉欣然、杜家寧): a name right after a person and 、 that
/// ends where the list goes on or stops.
fn enumerated_people(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
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
            if let Some(end) = name_at(cx, at, s.end) {
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
/// cut back to the name found elsewhere in the document.
fn trim_names(cx: &Ctx, mentions: &mut [Mention]) {
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
fn propagate_names(cx: &Ctx, sentences: &[Sentence], accepted: &mut Vec<Mention>) {
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
    let mut found = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for name in &names {
            let n = name.len();
            let mut i = s.start;
            while i + n <= s.end {
                if cx.simp[i..i + n] == name[..] && !accepted.iter().any(|m| m.start < i + n && i < m.end) {
                    found.push(cx.mention(Kind::Person, (i, i + n), si, None, Rule::SameName, 0.8));
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
    }
    accepted.extend(found);
}

#[cfg(test)]
mod tests {
    use super::Kind;
    use crate::pipeline::analyze_text;
    use crate::rules::Rule;

    fn found(text: &str, kind: Kind) -> Vec<(String, Rule)> {
        let a = analyze_text("t.txt", text);
        a.mentions
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| (m.text.clone(), m.rule))
            .collect()
    }

    fn names(text: &str, kind: Kind) -> Vec<String> {
        found(text, kind).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn people_after_titles_in_both_scripts() {
        let t = found("全國政協委員黃錦輝表示，建議特區政府主動爭取。", Kind::Person);
        assert_eq!(t, vec![("黃錦輝".to_string(), Rule::TitleName)]);
        assert_eq!(
            names("全国政协委员黄锦辉表示，建议特区政府主动争取。", Kind::Person),
            vec!["黄锦辉"]
        );
        assert_eq!(
            names("創新及科技局局長孫東指出，特區政府推出計劃。", Kind::Person),
            vec!["孫東"]
        );
        assert_eq!(
            names("九龍社團聯會理事長徐莉重點關注跨境電商。", Kind::Person),
            vec!["徐莉"]
        );
    }

    #[test]
    fn bylines_and_speakers() {
        assert_eq!(
            names("●香港文匯報記者 子京、康敬、黃子晉\n", Kind::Person),
            vec!["子京", "康敬", "黃子晉"]
        );
        assert_eq!(
            names("會上，岑浩輝表示，要做好施政報告。", Kind::Person),
            vec!["岑浩輝"]
        );
    }

    #[test]
    fn organizations_by_lexicon_and_suffix() {
        let orgs = names(
            "早前，香港研究協會的民調顯示，國家發改委和海關總署也有回應。",
            Kind::Organization,
        );
        for o in ["香港研究協會", "國家發改委", "海關總署"] {
            assert!(orgs.contains(&o.to_string()), "{o} not in {orgs:?}");
        }
        let orgs = names("DeepSeek在香港設立了兩家全資子公司——DeepSeek Limited與DeepSeek （HK） Limited，為本地產業打了強心針。", Kind::Organization);
        assert!(orgs.contains(&"DeepSeek（HK）Limited".to_string()), "{orgs:?}");
    }

    #[test]
    fn places_with_parents_and_abbreviations() {
        let p = names(
            "推動香港北部都會區與深圳前海合作，又建議香港應更主動與美、英、歐盟等國家建立關係。",
            Kind::Place,
        );
        for x in ["香港北部都會區", "深圳前海", "美", "英", "歐盟"] {
            assert!(p.contains(&x.to_string()), "{x} not in {p:?}");
        }
        // Not every 美 is the United States.
        assert!(!names("香港的美食很多。", Kind::Place).contains(&"美".to_string()));
    }

    #[test]
    fn names_before_titles_and_in_parenthesized_bylines() {
        let p = names(
            "來自基層教育一線的楊秀英代表，在苗鄉執教已有二十六年。",
            Kind::Person,
        );
        assert_eq!(p, vec!["楊秀英"]);
        let p = names(
            "新华社北京3月6日电（记者刘欣然、杜家宁）十四届全国人大三次会议开幕。",
            Kind::Person,
        );
        assert_eq!(p, vec!["刘欣然", "杜家宁"]);
        // A one-character verb after a known name is not part of it.
        assert_eq!(
            names("国务院总理李强作政府工作报告。", Kind::Person),
            vec!["李强"]
        );
    }

    #[test]
    fn towns_stations_and_abbreviations_in_context() {
        let p = names("在位于黄阁镇的船舶公司，他们来港参观，再到观塘站。", Kind::Place);
        for x in ["黄阁镇", "港", "观塘站"] {
            assert!(p.contains(&x.to_string()), "{x} not in {p:?}");
        }
        assert!(!names("在位于黄阁镇的船舶公司参观。", Kind::Person).contains(&"黄阁".to_string()));
        let p = names("希望美方与中方相向而行。", Kind::Place);
        assert_eq!(p, vec!["美", "中"]);
    }

    #[test]
    fn organizations_by_compound_heads_branches_and_head_references() {
        let text = "南沙区跨境电商协会会长黄志远代表企业发言。协会倡议，在南沙建立海外仓。香港科技大学（广州）也有参与。";
        let a = crate::pipeline::analyze_text("t.txt", text);
        let orgs: Vec<(&str, Rule)> = a
            .mentions
            .iter()
            .filter(|m| m.kind == Kind::Organization)
            .map(|m| (m.text.as_str(), m.rule))
            .collect();
        assert!(
            orgs.contains(&("南沙区跨境电商协会", Rule::SuffixOrganization)),
            "{orgs:?}"
        );
        assert!(orgs.contains(&("协会", Rule::HeadReference)), "{orgs:?}");
        assert!(
            orgs.iter()
                .any(|(t, r)| *t == "香港科技大学（广州）" && *r == Rule::OrganizationBranch),
            "{orgs:?}"
        );
        // The bare head word links to the association named before.
        let ids: Vec<Option<usize>> = a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.text.ends_with("协会"))
            .map(|(i, _)| a.linked.of_mention[i])
            .collect();
        assert!(ids.len() == 2 && ids[0].is_some() && ids[0] == ids[1], "{ids:?}");
    }
}
