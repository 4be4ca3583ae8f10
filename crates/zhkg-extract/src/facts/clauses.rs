//! Clauses and their subjects. A sentence is cut into clauses at ，；： (and at a space the
//! layout dropped, which in one-line news text is all that separates a subheading from the
//! next sentence); each clause gets its subject, read from its start:
//!
//! - after openers (但, 昨日, 另外, adverbs and time words), a noun phrase of titles and
//!   names: `公民黨立會議員梁家傑指出` → 梁家傑, `港區全國人大代表、九龍社團聯會理事長徐莉` → 徐莉,
//!   `聯區小販發展平台、撐基層墟市聯盟等` → both;
//! - a modifier before it: `正在北京的特首梁振英` → 梁振英, and a relative clause ending the
//!   clause or standing before its verb: `曾發起萬名教師參加遊行的教協，…` → 教協;
//! - no subject written (`又建議…`, `促請…`): the clause continues the subject before;
//! - people not named (`有議員`, `立法會議員`): the clause has a subject, so it does not take
//!   the one before, but there is no one to name;
//! - a thing (`民意`, `報告`, `抗爭`): the clause's own subject, which a later clause does
//!   not go on with (`陳惜姿形容…，但抗爭未完，呼籲…` → 陳惜姿).
//!
//! The proposal and pronoun rules walk these subjects instead of guessing the nearest name.

use super::view::View;
use crate::lexicon::Role;
use crate::recognize::Kind;
use crate::rules::Rule;

/// Who the subject of a clause is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Subject {
    /// No subject written: the clause continues the subject before (又建議…, 促請…).
    Elided,
    /// Mentions naming the subject (people, organizations, pronouns, titles used alone);
    /// several for a joint subject (張大山和李小河).
    Named(Vec<usize>),
    /// A document (施政報告提出…), which stands for its author.
    Document(usize),
    /// People not named (有議員, 立法會議員, 多名議員): nobody to name, and the clause does
    /// not take the subject of the one before.
    Unnamed,
    /// A thing (民意, 報告, 抗爭, 內地): the clause's own subject, but not one that a later
    /// clause would go on with.
    Thing,
    /// The writer (我, 本人, 筆者): the author of a signed article.
    FirstPerson,
}

/// One clause of a sentence.
#[derive(Debug, Clone)]
pub(super) struct Clause {
    /// First character (after the punctuation before it).
    pub start: usize,
    /// One past the last character (the punctuation after it is not included).
    pub end: usize,
    /// It starts inside a quotation (「…」, “…”): its words are someone's quoted speech.
    pub quoted: bool,
    /// It starts a sentence or follows a dropped space (a subheading, a byline): nothing
    /// before it in the sentence is its context.
    pub fresh: bool,
    /// Its subject.
    pub subject: Subject,
    /// Where the predicate starts: after the openers and the subject.
    pub predicate: usize,
    /// A relative clause before the subject (`一直主張封關的公務員事務局前局長王永平`):
    /// `start..的`.
    pub relative: Option<(usize, usize)>,
}

/// The clauses of a document, in text order.
pub(super) struct Clauses {
    pub list: Vec<Clause>,
    /// For each sentence, the range of its clauses in `list`.
    pub of_sentence: Vec<std::ops::Range<usize>>,
    /// Per character: inside a quotation.
    quoted: Vec<bool>,
}

impl Clauses {
    /// The clause holding character `at`.
    pub fn at(&self, at: usize) -> Option<usize> {
        let k = self.list.partition_point(|c| c.start <= at);
        (k > 0 && at <= self.list[k - 1].end).then(|| k - 1)
    }

    /// Is character `at` inside a quotation?
    pub fn quoted(&self, at: usize) -> bool {
        self.quoted.get(at).copied().unwrap_or(false)
    }
}

const OPENING_QUOTES: [char; 4] = ['「', '『', '“', '‘'];
const CLOSING_QUOTES: [char; 4] = ['」', '』', '”', '’'];
/// Kinds of mention a subject noun phrase is made of.
pub(super) const NP_KINDS: [Kind; 7] = [
    Kind::Person,
    Kind::Organization,
    Kind::Place,
    Kind::Modifier,
    Kind::Post,
    Kind::Pronoun,
    Kind::Occasion,
];

/// Cut every sentence into clauses and read their subjects.
pub(super) fn analyze(v: &View) -> Clauses {
    let text = v.text;
    let mut quoted = vec![false; text.len()];
    let mut list = Vec::new();
    let mut of_sentence = Vec::new();
    // Quotations run on over sentences of a paragraph (「…。…」).
    let mut depth = 0usize;
    let mut block = usize::MAX;
    for s in v.doc.sentences.iter() {
        let first = list.len();
        if s.block != block {
            depth = 0;
            block = s.block;
        }
        for (i, q) in quoted.iter_mut().enumerate().take(s.end).skip(s.start) {
            if OPENING_QUOTES.contains(&text[i]) {
                depth += 1;
            }
            *q = depth > 0;
            if CLOSING_QUOTES.contains(&text[i]) {
                depth = depth.saturating_sub(1);
            }
        }
        let mut cs = s.start;
        let mut fresh = true;
        let mut i = s.start;
        while i <= s.end {
            let punct = i < s.end && is_clause_punct(text, i);
            // A dropped space, or a kicker or caption mark run into the text (…頭盔【本報訊】…,
            // …攀山鞋▲消防工會主席…): what follows starts afresh.
            // (Not inside parentheses: （記者 李明）.)
            let in_paren = (cs..i)
                .rev()
                .find(|&j| matches!(text[j], '（' | '(' | '）' | ')'))
                .is_some_and(|j| matches!(text[j], '（' | '('));
            let space = i > cs
                && i < s.end
                && ((v.spaced(i) && !in_paren) || matches!(text[i], '【' | '▲' | '●' | '■' | '◆'));
            if i == s.end || punct || space {
                if i > cs {
                    // (A short quoted name opening the clause, “黃河五勇士”兩名倖存者…, does
                    // not make it quoted speech.)
                    let named = OPENING_QUOTES.contains(&text[cs])
                        && (cs == s.start || !quoted[cs - 1])
                        && (cs + 1..i)
                            .find(|&j| CLOSING_QUOTES.contains(&text[j]))
                            .is_some_and(|c| c + 1 < i && c - cs <= 12);
                    let q = !named && (quoted[cs] || OPENING_QUOTES.contains(&text[cs]));
                    // 記者：白琳、彭美芳關注組本月…: the names of a byline, then a sentence.
                    let names = byline_names(v, cs, i);
                    if let Some(e) = names {
                        list.push(Clause {
                            start: cs,
                            end: e,
                            quoted: q,
                            fresh,
                            subject: Subject::Unnamed,
                            predicate: e,
                            relative: None,
                        });
                    }
                    let from = names.unwrap_or(cs);
                    if from < i {
                        let (subject, predicate, relative) = subject(v, from, i);
                        list.push(Clause {
                            start: from,
                            end: i,
                            quoted: q,
                            fresh: fresh || names.is_some(),
                            subject,
                            predicate,
                            relative,
                        });
                    }
                }
                // 記者陳大文報道：…: the story starts after its byline.
                let byline = punct
                    && matches!(text[i], '：' | ':')
                    && i >= cs + 2
                    && matches!(v.s(i - 2, i).as_str(), "报道" | "报导");
                fresh = space || byline || (punct && v.spaced(i + 1));
                cs = if punct { i + 1 } else { i };
                if space && !punct {
                    // The character at `i` starts the next clause.
                    i += 1;
                    continue;
                }
            }
            i += 1;
        }
        of_sentence.push(first..list.len());
    }
    Clauses {
        list,
        of_sentence,
        quoted,
    }
}

/// After a byline title and a colon (記者：), where the names end when text follows them in
/// the same clause (the layout ran the byline into the sentence).
fn byline_names(v: &View, cs: usize, end: usize) -> Option<usize> {
    if cs == 0 || !matches!(v.text[cs - 1], '：' | ':') {
        return None;
    }
    let title = v
        .mentions
        .iter()
        .find(|m| m.end == cs - 1 && m.kind == Kind::Post)?;
    let post = v.lx.posts.get(title.lexicon?)?;
    if post.category != "media" {
        return None;
    }
    let mut e = cs;
    while let Some(m) = v.mention_at(e, end, &[Kind::Person]) {
        e = v.mentions[m].end;
        if e < end && matches!(v.text[e], '、' | ' ') {
            e += 1;
        }
    }
    (e > cs && e < end).then_some(e)
}

/// ，；： and their ASCII forms (a comma or colon between digits is a number or a time).
fn is_clause_punct(text: &[char], i: usize) -> bool {
    match text[i] {
        '，' | '；' | '：' => true,
        ',' | ';' | ':' => {
            let digit = |j: Option<&char>| j.is_some_and(|c| c.is_ascii_digit());
            !(digit(i.checked_sub(1).and_then(|j| text.get(j))) && digit(text.get(i + 1)))
        }
        _ => false,
    }
}

/// Tags of words that may sit inside a noun phrase of titles (公民黨[立會]議員).
fn nominal(tag: &str) -> bool {
    matches!(
        tag,
        "n" | "nz" | "nt" | "ns" | "nn" | "j" | "b" | "ng" | "l" | "x" | "eng" | "vn"
    )
}

/// Skip what may open a clause before its subject: a kicker (【本報訊】), conjunctions,
/// adverbs, time words and dates.
pub(super) fn skip_openers(v: &View, a: usize, b: usize) -> usize {
    let text = v.text;
    let mut p = a;
    while p < b {
        if matches!(text[p], '【' | '（' | '(') {
            // A kicker (【本報訊】) or a parenthesized byline (（記者 李明）).
            let close = if text[p] == '【' { '】' } else { '）' };
            if let Some(q) = (p..(p + 14).min(b)).find(|&i| text[i] == close || text[i] == ')') {
                p = q + 1;
                continue;
            }
        }
        // 本報訊, 本报北京电: the paper's own dateline.
        if v.s(p, (p + 2).min(b)) == "本报" {
            if let Some(q) = (p + 2..(p + 8).min(b)).find(|&i| matches!(v.simp[i], '讯' | '电')) {
                p = q + 1;
                continue;
            }
        }
        if matches!(text[p], ' ' | '\u{3000}' | '\n' | '」' | '』' | '”' | '’') {
            p += 1;
            continue;
        }
        if v.word_with_role(p, b, Role::Negation).is_some() {
            break;
        }
        if let Some(n) = v.word_with_role(p, b, Role::Opener) {
            p += n;
            continue;
        }
        // 該份|報告建議…: a determiner before a document subject.
        if let Some(n) = v.word_with_role(p, b, Role::Determiner) {
            if v.mention_at(p + n, b, &[Kind::Occasion])
                .is_some_and(|m| v.is_document(m))
            {
                p += n;
                continue;
            }
        }
        if let Some(t) = v.token_at(p) {
            let is_cue = v.cue_strength(t.start, t.end).is_some();
            let date = t.tag == "m"
                && v.token_at(t.end)
                    .is_some_and(|n| n.word.starts_with(['年', '月', '日', '号', '时', '点']));
            if t.end <= b && !is_cue && (matches!(t.tag.as_str(), "t" | "c" | "d") || date) {
                p = t.end;
                continue;
            }
            if t.tag == "m" && t.word.ends_with(['年', '月', '日', '号']) {
                p = t.end;
                continue;
            }
        }
        break;
    }
    p
}

/// A noun phrase of mentions starting at `p`: its parts, the indexes of `parts` where a
/// new conjunct starts (after 、 和 與 及), and where it ends.
pub(super) struct Np {
    pub parts: Vec<usize>,
    pub conjuncts: Vec<usize>,
    pub end: usize,
}

/// The noun phrase of titles and names starting at `p` (before `b`), if one does.
pub(super) fn noun_phrase(v: &View, p: usize, b: usize) -> Option<Np> {
    let text = v.text;
    let mut cur = p;
    let mut parts: Vec<usize> = Vec::new();
    let mut conjuncts = vec![0];
    // Where the last mention ended: the phrase ends there, not in a common noun after it.
    let mut end = p;
    let mut gaps = 0;
    while cur < b {
        if let Some(m) = v.mention_at(cur, b, &NP_KINDS) {
            if v.mentions[m].kind == Kind::Occasion && !v.is_document(m) {
                break;
            }
            parts.push(m);
            cur = v.mentions[m].end;
            end = cur;
            continue;
        }
        // 《中國質量報》《深圳商報》等媒體: titles one after another are a list.
        if !parts.is_empty() && cur == end && text[cur] == '》' {
            let mut q = cur + 1;
            if q < b && matches!(text[q], '、' | '和' | '與' | '与' | '及') {
                q += 1;
            }
            if q < b && text[q] == '《' && v.mention_at(q + 1, b, &NP_KINDS).is_some() {
                conjuncts.push(parts.len());
                cur = q + 1;
                continue;
            }
        }
        if !parts.is_empty()
            && cur == end
            && matches!(text[cur], '、' | '兼' | '和' | '與' | '与' | '及' | '暨')
            && v.mention_at(cur + 1, b, &NP_KINDS).is_some()
        {
            if text[cur] != '兼' {
                conjuncts.push(parts.len());
            }
            cur += 1;
            continue;
        }
        // A title mention that ends inside a longer noun (委員[會]主席涂謹申): the rest of
        // that noun belongs to the phrase.
        if let Some(t) = v.token_over(cur).filter(|_| cur == end && !parts.is_empty()) {
            if gaps < 5 && nominal(&t.tag) && t.end <= b && v.mention_at(t.end, b, &NP_KINDS).is_some() {
                gaps += 1;
                cur = t.end;
                continue;
            }
        }
        // A word of a title that is not a mention (國民教育關注組[發起人]陳惜姿,
        // 公民黨[立會]議員, 負責[調查]的社工…): common nouns, up to five.
        if let Some(t) = v.token_at(cur) {
            // (A word the segmenter tagged as a verb may still name who holds the title
            // that follows: 僱主/v 代表.)
            let before_title = t.end - t.start <= 2
                && v.mention_at(t.end, b, &[Kind::Post]).is_some()
                && !v.lx.has_role(&t.word, Role::Action)
                && !v.lx.has_role(&t.word, Role::Speech);
            if gaps < 5
                && (nominal(&t.tag)
                    || v.is_modifier(&t.word)
                    || (t.tag == "a" && t.end - t.start == 1)
                    || before_title)
                && t.end <= b
                && v.cue_strength(t.start, t.end).is_none()
                && !v.lx.has_role(&t.word, Role::Unnamed)
            {
                // Stop at a mention that starts inside the word.
                let next = (cur + 1..t.end)
                    .find(|&i| v.mention_at(i, b, &NP_KINDS).is_some())
                    .unwrap_or(t.end);
                gaps += 1;
                cur = next;
                continue;
            }
        }
        break;
    }
    let mut cur = end;
    if parts.is_empty() {
        return None;
    }
    // A short parenthesis after a name: 陳文敏（圖）.
    if cur < b && matches!(text[cur], '（' | '(') {
        if let Some(q) = (cur + 1..(cur + 8).min(b)).find(|&i| matches!(text[i], '）' | ')')) {
            cur = q + 1;
        }
    }
    Some(Np {
        parts,
        conjuncts,
        end: cur,
    })
}

/// The mentions a noun phrase names as a subject: in each conjunct, its last person or
/// pronoun (after the titles); else a title used alone (特首), kept only as the phrase's
/// last word, unless it names a body's members (民主黨議員 → 民主黨); else the conjunct's
/// organization when no title follows it; a document stands for its author.
pub(super) fn np_subject(v: &View, np: &Np) -> Subject {
    let mut named = Vec::new();
    let mut document = None;
    let mut people = false;
    let bounds: Vec<usize> = np.conjuncts.iter().copied().chain([np.parts.len()]).collect();
    for w in bounds.windows(2) {
        let conj = &np.parts[w[0]..w[1]];
        let kind = |m: usize| v.mentions[m].kind;
        if let Some(&p) = conj
            .iter()
            .rev()
            .find(|&&m| matches!(kind(m), Kind::Person | Kind::Pronoun))
        {
            named.push(p);
            continue;
        }
        // A conjunction before a word that ends the phrase (媒體 as an occasion) leaves
        // an empty conjunct.
        let Some(&last) = conj.last() else {
            continue;
        };
        match kind(last) {
            Kind::Post => match members_of(v, np, conj, last) {
                Some(o) => named.push(o),
                None => {
                    people = true;
                    named.push(last)
                }
            },
            Kind::Occasion => document = Some(last),
            _ => {
                if let Some(&o) = conj.iter().find(|&&m| kind(m) == Kind::Organization) {
                    named.push(o);
                }
            }
        }
    }
    if !named.is_empty() {
        Subject::Named(named)
    } else if let Some(d) = document {
        Subject::Document(d)
    } else if people {
        Subject::Unnamed
    } else {
        Subject::Thing
    }
}

/// 民建聯議員開記招，建議…: members (議員, 代表: grammar role `members`) of a body named
/// before them, in a phrase that names no person, speak for that body. Not the body a
/// composite post names a seat in (立法會議員, 市人大代表: unnamed people), nor a body in a
/// title chain that goes on to a name (江蘇省委常委、南京市委書記張敬華).
fn members_of(v: &View, np: &Np, conj: &[usize], post: usize) -> Option<usize> {
    let p = &v.mentions[post];
    if !v.lx.has_role_chars(&v.simp[p.start..p.end], Role::Members)
        || np
            .parts
            .iter()
            .any(|&m| matches!(v.mentions[m].kind, Kind::Person | Kind::Pronoun))
    {
        return None;
    }
    conj.iter().copied().find(|&m| {
        let o = &v.mentions[m];
        o.kind == Kind::Organization
            && o.end <= p.start
            && !matches!(o.rule, Rule::CompositePostOrganization | Rule::OrganInTitle)
            && !(p.rule == Rule::CompositePost && o.end == p.start)
    })
}

/// A long title the segmenter broke (廣東省深圳市全順勞務派遣有限公司總經理張全收如是說): a
/// person right before a verb of saying, with no verb of saying or cue before them in the
/// clause, which opens with a noun.
fn speaker_in_title(v: &View, p: usize, b: usize) -> Option<usize> {
    if !v.token_at(p).is_some_and(|t| t.tag.starts_with('n')) {
        return None;
    }
    people_early_in(v, p, b, 24).find(|&m| {
        let mm = &v.mentions[m];
        v.word_with_role(mm.end, b, Role::Speech).is_some() && !speaks_in(v, p, mm.start)
    })
}

/// The people named inside the clause `p..b`, starting within `reach` characters after
/// its start, in mention order: where the two readers of broken titles look.
fn people_early_in<'a>(v: &'a View, p: usize, b: usize, reach: usize) -> impl Iterator<Item = usize> + 'a {
    (0..v.mentions.len()).filter(move |&m| {
        let mm = &v.mentions[m];
        mm.kind == Kind::Person && mm.start > p && mm.end < b && mm.start - p <= reach
    })
}

/// Is there a verb of saying or a cue in `a..b`?
fn speaks_in(v: &View, a: usize, b: usize) -> bool {
    (a..b).any(|i| v.word_with_role(i, b, Role::Speech).is_some() || v.cue_strength(i, i + 2).is_some())
}

/// 國民教育關注組發起人陳惜姿形容…: a person named right after a title, near the start of
/// a clause the noun-phrase reader could not take apart (a word of the organization's name
/// tagged as a verb), followed by its predicate, with no verb of saying or cue before.
fn titled_person(v: &View, p: usize, b: usize) -> Option<usize> {
    people_early_in(v, p, b, 16).find(|&m| {
        let mm = &v.mentions[m];
        v.mentions
            .iter()
            .any(|t| t.kind == Kind::Post && t.end == mm.start && t.start >= p)
            && predicate_follows(v, mm.end, b)
            && v.text[p..mm.start].iter().all(|&c| crate::script::is_han(c))
            && !speaks_in(v, p, mm.start)
    })
}

/// 梁認為…, 湯更指…, 許又自稱…: a one-character surname as the subject, followed by its
/// predicate, refers to the person of that surname named last (within the paragraph or the
/// three before).
fn surname_reference(v: &View, p: usize, b: usize) -> Option<usize> {
    let c = v.text[p];
    if !v.lx.is_surname(&c.to_string()) && !v.lx.is_surname(&v.simp[p].to_string()) {
        return None;
    }
    // The surname is a word of its own, or the first character of one that goes on with a
    // verb or adverb (梁又, 湯更, 邱曾): not the start of a longer name or word.
    let word = v.token_at(p).is_some_and(|t| t.end == p + 1);
    let glued = v.token_at(p).is_some_and(|t| {
        t.end == p + 2
            && matches!(
                v.simp[p + 1],
                '又' | '更' | '则' | '亦' | '续' | '也' | '再' | '并' | '曾'
            )
    });
    // (Glued, the adverb itself starts the predicate.)
    if !(glued || word && predicate_follows(v, p + 1, b)) {
        return None;
    }
    let sentences = &v.doc.sentences;
    let block = sentences
        .iter()
        .find(|s| s.start <= p && p < s.end.max(s.start + 1))?
        .block;
    v.mentions
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, m)| m.end <= p)
        .take_while(|(_, m)| block.saturating_sub(sentences[m.sentence].block) <= 3)
        .find(|(_, m)| m.kind == Kind::Person && m.text.chars().count() >= 2 && m.text.starts_with(c))
        .map(|(i, _)| i)
}

/// What may follow a subject noun phrase: its predicate (a verb, adverb, preposition, time
/// word, a cue or a verb of saying), or the end of the clause (a fronted topic).
fn predicate_follows(v: &View, at: usize, b: usize) -> bool {
    if at >= b {
        return true;
    }
    if v.word_with_role(at, b, Role::SubjectVerb).is_some()
        || v.word_with_role(at, b, Role::Speech).is_some()
        || v.word_with_role(at, b, Role::Opener).is_some()
    {
        return true;
    }
    v.token_at(at).is_some_and(|t| {
        v.cue_strength(t.start, t.end).is_some()
            || matches!(t.tag.chars().next(), Some('v' | 'd' | 'p' | 't' | 'c'))
    })
}

/// The subject of the clause `a..b`, where its predicate starts, and the relative clause
/// before the subject if there is one.
fn subject(v: &View, a: usize, b: usize) -> (Subject, usize, Option<(usize, usize)>) {
    let mut p = skip_openers(v, a, b);
    // 您與薛彥飛兩位委員提出的…: a reply's reader, then a person or body it names (not
    // 你和她…).
    if matches!(v.simp.get(p), Some('您' | '你'))
        && matches!(v.simp.get(p + 1), Some('与' | '和' | '及' | '、'))
        && v.mention_at(p + 2, b, &[Kind::Person, Kind::Organization])
            .is_some()
    {
        p += 2;
    }
    if p >= b {
        return (Subject::Elided, p, None);
    }
    if let Some(np) = noun_phrase(v, p, b) {
        if !matches!(np_subject(v, &np), Subject::Named(_)) {
            if let Some(m) = speaker_in_title(v, p, b) {
                return (Subject::Named(vec![m]), v.mentions[m].end, None);
            }
        }
        // 北京的特首梁振英, 邱少雲烈士的弟弟邱少華, “黃河五勇士”兩名倖存者的後人張大山: the
        // first phrase (with a common noun or two after its last name, maybe counted)
        // modifies the second.
        let mut de = np.end;
        for _ in 0..5 {
            if de < b && CLOSING_QUOTES.contains(&v.text[de]) {
                de += 1;
                continue;
            }
            match v
                .token_at(de)
                .filter(|t| t.end < b && (nominal(&t.tag) || matches!(t.tag.as_str(), "m" | "q" | "nr")))
            {
                Some(t) => de = t.end,
                None => break,
            }
        }
        if v.text.get(de) == Some(&'的') {
            if let Some(np2) = noun_phrase(v, de + 1, b) {
                if predicate_follows(v, np2.end, b) {
                    return (np_subject(v, &np2), np2.end, None);
                }
            }
        }
        return (np_subject(v, &np), np.end, None);
    }
    // A subject that is a common noun, a number or an existential 有 (followed by its
    // predicate): nobody to name.
    if let Some(m) = speaker_in_title(v, p, b).or_else(|| titled_person(v, p, b)) {
        return (Subject::Named(vec![m]), v.mentions[m].end, None);
    }
    // 在呂景勝看來…, 據X表示…: the one whose view it is, after a preposition.
    if v.token_at(p)
        .is_some_and(|t| matches!(t.word.as_str(), "在" | "据" | "依"))
    {
        if let Some(np) = noun_phrase(v, p + 1, b) {
            if v.word_with_role(np.end, b, Role::Speech).is_some() {
                return (np_subject(v, &np), np.end, None);
            }
        }
    }
    // 梁認為…, 湯更指…: a surname alone stands for the person of that surname named last.
    if let Some(m) = surname_reference(v, p, b) {
        return (Subject::Named(vec![m]), p + 1, None);
    }
    if let Some(n) = v.word_with_role(p, b, Role::FirstPerson) {
        return (Subject::FirstPerson, p + n, None);
    }
    if v.word_with_role(p, b, Role::Unnamed).is_some() {
        return (Subject::Unnamed, p, None);
    }
    let thing = {
        let mut q = p;
        let mut nouns = 0;
        while let Some(t) = v.token_at(q).filter(|t| t.end <= b) {
            let verbal = v.cue_strength(t.start, t.end).is_some()
                || v.lx.has_role(&t.word, Role::Speech)
                || v.lx.has_role(&t.word, Role::Action)
                || v.lx.has_role(&t.word, Role::Preface);
            if verbal
                || !matches!(
                    t.tag.as_str(),
                    "n" | "nr" | "nrt" | "nrfg" | "nz" | "ng" | "nt" | "j" | "r" | "m" | "nn" | "q"
                )
            {
                break;
            }
            nouns += 1;
            q = t.end;
        }
        nouns > 0 && q < b && predicate_follows(v, q, b)
    };
    if thing {
        return (Subject::Thing, p, None);
    }
    // 曾發起萬名教師參加遊行的教協，… / 一直主張封關的…局長王永平在…發帖: a relative clause,
    // then the subject.
    let quote = |i: usize| OPENING_QUOTES.contains(&v.text[i]) || CLOSING_QUOTES.contains(&v.text[i]);
    for d in p + 1..b {
        if quote(d) {
            break;
        }
        if v.text[d] != '的' {
            continue;
        }
        if let Some(np) = noun_phrase(v, d + 1, b) {
            let s = np_subject(v, &np);
            if matches!(s, Subject::Named(_)) && predicate_follows(v, np.end, b) {
                return (s, np.end, Some((p, d)));
            }
        }
    }
    (Subject::Elided, p, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::test_extractor;

    fn subjects(text: &str) -> Vec<String> {
        let x = test_extractor();
        let a = x.analyze_text("t.txt", text);
        let v = View::new(x.lexicon(), &a.doc, &a.mentions, text);
        analyze(&v)
            .list
            .iter()
            .map(|c| match &c.subject {
                Subject::Named(ms) => ms
                    .iter()
                    .map(|&m| a.mentions[m].text.clone())
                    .collect::<Vec<_>>()
                    .join("+"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn subjects_of_clauses() {
        // A title chain names its last person; a relative clause before the subject; a thing;
        // no subject written.
        assert_eq!(
            subjects("公民黨主席陳大文昨日表示，曾發起遊行的教協，雖然工潮未完，但仍要求加薪。"),
            ["陳大文", "教協", "Thing", "Elided"]
        );
        // A name that modifies the subject (X烈士的弟弟Y) is not the subject.
        assert_eq!(
            subjects("邱少雲烈士的弟弟邱少華向法院提起訴訟，要求被告道歉。")[0],
            "邱少華"
        );
        assert_eq!(
            subjects("邱少云烈士的弟弟邱少华向法院提起诉讼，要求被告道歉。")[0],
            "邱少华"
        );
        // A reply letter's reader, then the person named with them; not 你和她.
        assert_eq!(subjects("您與薛彥飛兩位委員提出的建議收悉。")[0], "薛彥飛");
        assert_eq!(subjects("您与薛彦飞两位委员提出的建议收悉。")[0], "薛彦飞");
        assert_ne!(subjects("你和她搶道，陳大文說。")[0], "她");
        // Unnamed people; a dropped space starts a subheading (fresh).
        assert_eq!(subjects("多名議員批評政府。"), ["Unnamed"]);
        let x = test_extractor();
        let text = "建議恢復定期賣地 測量師學會會長陳大文認為，政府應加快賣地。";
        let a = x.analyze_text("t.txt", text);
        let v = View::new(x.lexicon(), &a.doc, &a.mentions, text);
        let cl = analyze(&v);
        assert!(cl.list[1].fresh, "{:?}", cl.list);
    }

    #[test]
    fn titles_one_after_another_are_a_joint_subject() {
        assert_eq!(
            subjects("如《中國質量報》《深圳商報》等媒體建議把付費推廣認定為廣告。")[0],
            "中國質量報+深圳商報"
        );
        assert_eq!(
            subjects("如《中国质量报》、《深圳商报》等媒体建议把付费推广认定为广告。")[0],
            "中国质量报+深圳商报"
        );
    }

    #[test]
    fn members_named_by_their_body_alone_speak_for_it() {
        for (text, want) in [
            ("民建聯議員開記招，建議政府將口罩列入儲備商品。", "民建聯"),
            ("民建联议员在香港开记者会，建议政府将口罩列入储备商品。", "民建联"),
            ("工聯會代表昨日要求加薪。", "工聯會"),
            // A seat in the body the post names: unnamed members, the title alone.
            ("立法會議員要求政府交代。", "議員"),
            ("市人大代表建议加强监管。", "代表"),
        ] {
            assert_eq!(subjects(text)[0], want, "{text}");
        }
        // A title chain that goes on to a name names that person, not the body.
        let s = subjects("江蘇省委常委、南京市委書記張敬華作出批示，要求全力搶救。");
        assert!(s[0].ends_with("張敬華") && !s[0].contains("省委+"), "{s:?}");
    }

    #[test]
    fn a_conjunction_before_the_end_of_a_phrase_names_the_conjunct_before_it() {
        // 和 joins the station to a word that is no part of a noun phrase (it used to leave
        // an empty conjunct and panic).
        for text in [
            "日本电视台和社交媒体发布的画面显示，大桥严重垮塌。",
            "韓國電視台和社交媒體發布的畫面顯示，大橋嚴重倒塌。",
        ] {
            let s = subjects(text);
            assert!(!s.is_empty(), "{text}: {s:?}");
        }
    }

    /// `ZHKG_CLAUSES=file cargo test -p zhkg-extract dump_clauses -- --ignored --nocapture`
    /// prints every clause of a file with its subject: for working on the rules.
    #[test]
    #[ignore]
    fn dump_clauses() {
        let Ok(path) = std::env::var("ZHKG_CLAUSES") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let x = test_extractor();
        let a = x.analyze_text("t.txt", &text);
        let v = View::new(x.lexicon(), &a.doc, &a.mentions, &text);
        let cl = analyze(&v);
        for (si, range) in cl.of_sentence.iter().enumerate() {
            for c in &cl.list[range.clone()] {
                let subject = match &c.subject {
                    Subject::Named(ms) => ms
                        .iter()
                        .map(|&m| a.mentions[m].text.clone())
                        .collect::<Vec<_>>()
                        .join("+"),
                    other => format!("{other:?}"),
                };
                println!(
                    "[{}]{}{} {} | {} | {}",
                    si,
                    if c.fresh { "*" } else { " " },
                    if c.quoted { "q" } else { " " },
                    subject,
                    a.doc.slice(c.start, c.predicate.max(c.start)),
                    a.doc.slice(c.predicate.max(c.start).min(c.end), c.end)
                );
            }
        }
    }
}
