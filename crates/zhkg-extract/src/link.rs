//! Stage 5: link mentions to entities with stable ids.
//!
//! One id per real entity across documents and runs: it is derived from the entity's
//! canonical key (its lexicon name, or its name as written, in Simplified script so both
//! scripts meet), as a readable pinyin slug plus a short hash. Aliases within a document
//! (深度求索（DeepSeek）, 本港 = 香港, 特區政府 = the SAR the text is about, 他 = the last
//! person named) resolve to the same entity.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use pinyin::ToPinyin;
use sha2::{Digest, Sha256};

use crate::facts::{Facts, MentionId, OrgRef};
use crate::lexicon::{Lexicon, Role};
use crate::pipeline::Document;
use crate::recognize::{committee_level, Kind, Mention};
use crate::rules::Rule;
use crate::script::{convert, simplified_char, to_simplified, Script};

/// [`Entity::class`] of a person the document does not name (陳太, 王某).
const UNNAMED: &str = "unnamed";

/// A person, organization or place mentioned in a document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entity {
    /// Person, organization or place.
    pub kind: Kind,
    /// Stable id, the same in every document and run (`person/huang-jin-hui-1a2b3c4d`):
    /// the graph side makes it an IRI.
    pub id: String,
    /// Preferred label, in the document's script.
    pub label: String,
    /// Every other name: as written in the document, and known aliases.
    pub aliases: BTreeSet<String>,
    /// Lexicon class hint: organization kind (government …) or place type (city …);
    /// [`UNNAMED`] for a person referred to by surname and honorific only.
    pub class: Option<String>,
    /// Id of the containing place, for places from the lexicon.
    pub parent: Option<String>,
}

impl Entity {
    /// A person the document refers to by surname and honorific only (陳太, 王某, 楊小姐),
    /// without naming them: an entity of that document alone, with a label but no name.
    pub fn is_unnamed(&self) -> bool {
        self.kind == Kind::Person && self.class.as_deref() == Some(UNNAMED)
    }
}

/// The index of an entity in [`Linked::entities`], typed so that it cannot be confused
/// with a mention's index or a lexicon row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct EntityId(pub usize);

impl EntityId {
    /// The index as a number.
    pub fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<EntityId> for [Entity] {
    type Output = Entity;
    fn index(&self, id: EntityId) -> &Entity {
        &self[id.0]
    }
}

impl std::ops::Index<EntityId> for Vec<Entity> {
    type Output = Entity;
    fn index(&self, id: EntityId) -> &Entity {
        &self[id.0]
    }
}

/// Entities of one document and, per mention, the entity it refers to.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Linked {
    /// The document's entities.
    pub entities: Vec<Entity>,
    /// Per mention (by [`MentionId`]'s index), the entity it names, if any.
    pub of_mention: Vec<Option<EntityId>>,
    /// The entity of a lexicon-only organization (by its row in `Lexicon::orgs`)
    /// referenced by a position.
    pub lexicon_orgs: HashMap<usize, EntityId>,
}

impl Linked {
    /// The entity a mention names (a pronoun or title: the entity it refers to), if any.
    pub fn entity(&self, mention: MentionId) -> Option<&Entity> {
        self.of_mention[mention.index()].map(|e| &self.entities[e])
    }

    /// The entities named by some mention or position, each once, in index order.
    pub fn used(&self) -> std::collections::BTreeSet<EntityId> {
        self.of_mention
            .iter()
            .flatten()
            .copied()
            .chain(self.lexicon_orgs.values().copied())
            .collect()
    }
}

/// ASCII slug: pinyin syllables of Chinese characters, lower-cased Latin words.
pub fn slug(text: &str) -> String {
    let simp = to_simplified(text);
    let mut parts: Vec<String> = Vec::new();
    let mut latin = String::new();
    for (c, p) in simp.chars().zip(simp.as_str().to_pinyin()) {
        if let Some(p) = p {
            if !latin.is_empty() {
                parts.push(std::mem::take(&mut latin));
            }
            parts.push(p.plain().to_string());
        } else if c.is_ascii_alphanumeric() {
            latin.push(c.to_ascii_lowercase());
        } else if !latin.is_empty() {
            parts.push(std::mem::take(&mut latin));
        }
    }
    if !latin.is_empty() {
        parts.push(latin);
    }
    let mut s = parts.join("-");
    s.truncate(60);
    s.trim_end_matches('-').to_string()
}

/// Short hex digest of a key, to make slugs unique.
pub fn short_hash(key: &str) -> String {
    let d = Sha256::digest(key.as_bytes());
    d[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// Stable id of a resource: `{kind}/{slug of label}-{hash of key}`; the key decides
/// identity, the label only makes the id readable.
pub fn mint(kind: &str, label: &str, key: &str) -> String {
    let s = slug(label);
    let h = short_hash(key);
    if s.is_empty() {
        format!("{kind}/{h}")
    } else {
        format!("{kind}/{s}-{h}")
    }
}

/// Canonical form used in keys: Simplified, no white space, Latin lower-cased, full-width
/// forms folded.
pub fn canonical(text: &str) -> String {
    to_simplified(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn kind_path(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Organization => "organization",
        _ => "place",
    }
}

struct Builder<'a> {
    lx: &'a Lexicon,
    script: Script,
    entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
}

impl Builder<'_> {
    /// The entity for a lexicon organization or place, created on first use.
    fn lexicon_entity(&mut self, kind: Kind, i: usize) -> usize {
        let (name, aliases, class, parent) = match kind {
            Kind::Organization => {
                let o = &self.lx.orgs[i];
                (o.name.clone(), o.aliases.clone(), o.kind.clone(), String::new())
            }
            _ => {
                let p = &self.lx.places[i];
                (
                    p.name.clone(),
                    p.aliases.clone(),
                    p.kind.clone(),
                    p.parent.clone(),
                )
            }
        };
        let key = format!("{}:{}", kind_path(kind), canonical(&name));
        if let Some(&e) = self.by_key.get(&key) {
            return e;
        }
        let label = convert(&name, self.script);
        let mut all: BTreeSet<String> = aliases.iter().map(|a| convert(a, self.script)).collect();
        all.remove(&label);
        let parent_id = (!parent.is_empty()).then(|| {
            let pkey = format!("place:{}", canonical(&parent));
            mint("place", &parent, &pkey)
        });
        self.entities.push(Entity {
            kind,
            id: mint(kind_path(kind), &name, &key),
            label,
            aliases: all,
            class: (!class.is_empty()).then_some(class),
            parent: parent_id,
        });
        self.by_key.insert(key, self.entities.len() - 1);
        self.entities.len() - 1
    }

    /// A person the document refers to without a name (陳太, 王某): an entity of this
    /// document only (`doc_key`), since another 陳太 elsewhere is most likely someone else.
    fn unnamed_person(&mut self, name: &str, doc_key: &str) -> usize {
        let key = format!("person:{}@{doc_key}", canonical(name));
        self.rule_entity(Kind::Person, name, key, Some(UNNAMED.to_string()))
    }

    /// The entity for a name found by a rule.
    fn named_entity(&mut self, kind: Kind, name: &str) -> usize {
        let key = format!("{}:{}", kind_path(kind), canonical(name));
        self.rule_entity(kind, name, key, None)
    }

    /// The entity of `key` for a name found by a rule, created on first use.
    fn rule_entity(&mut self, kind: Kind, name: &str, key: String, class: Option<String>) -> usize {
        if let Some(&e) = self.by_key.get(&key) {
            return e;
        }
        self.entities.push(Entity {
            kind,
            id: mint(kind_path(kind), name, &key),
            label: name.to_string(),
            aliases: BTreeSet::new(),
            class,
            parent: None,
        });
        self.by_key.insert(key, self.entities.len() - 1);
        self.entities.len() - 1
    }
}

/// How a person written by surname and honorific only (陳太, 董生, 王某) refers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Honorific {
    /// 董生: to the one person of that surname the article names, if any.
    Any { surname: usize },
    /// 羅太: to a married woman named with that surname first (羅范美芬).
    Married { surname: usize },
    /// 王某, 市民陳先生: to nobody named (an interviewee is rarely the official of the same
    /// surname the article also names).
    Placeholder,
}

/// The honorific form of a person's name, if it is one (`honorific`, `married_name` and
/// `placeholder` words of grammar.tsv after a surname).
fn honorific_form(lx: &Lexicon, name: &str) -> Option<Honorific> {
    let chars: Vec<char> = to_simplified(name).chars().collect();
    let k = lx.surname_len(&chars)?;
    let rest = &chars[k..];
    if lx.has_role_chars(rest, Role::Placeholder) {
        Some(Honorific::Placeholder)
    } else if lx.has_role_chars(rest, Role::MarriedName) {
        Some(Honorific::Married { surname: k })
    } else if lx.has_role_chars(rest, Role::Honorific) {
        Some(Honorific::Any { surname: k })
    } else {
        None
    }
}

/// The full name of the one person of the honorific's surname the article names (董志明
/// for 董生; for 羅太 a married woman's name, her husband's surname then her own: 羅范美芬).
/// None when there is none or more than one.
fn named_by_honorific<'m>(
    lx: &Lexicon,
    mentions: &'m [Mention],
    name: &str,
    form: Honorific,
) -> Option<&'m str> {
    let (k, married) = match form {
        Honorific::Any { surname } => (surname, false),
        Honorific::Married { surname } => (surname, true),
        Honorific::Placeholder => return None,
    };
    let surname: Vec<char> = to_simplified(name).chars().take(k).collect();
    let mut found: Vec<&str> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Person && honorific_form(lx, &m.text).is_none())
        .filter(|m| {
            let c: Vec<char> = to_simplified(&m.text).chars().collect();
            c.len() > k && c[..k] == surname[..] && (!married || lx.is_married_name(&c, k))
        })
        .map(|m| m.text.as_str())
        .collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// A party committee's department without the committee's 委 after the place's level
/// (碧江區委政法委 → 碧江區政法委, 寶安區委宣傳部 → 寶安區宣傳部), the way it is often
/// written again; a committee alone (仙桃市委) stays as it is.
fn without_committee(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let level = |c: char| committee_level(simplified_char(c));
    match (1..chars.len().saturating_sub(2)).find(|&i| chars[i] == '委' && level(chars[i - 1])) {
        Some(i) => chars[..i].iter().chain(&chars[i + 1..]).collect(),
        None => name.to_string(),
    }
}

/// `name` without the words bodies' names often leave out (`short_form` in grammar.tsv).
fn without_short_forms(lx: &Lexicon, name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        match lx.role_prefix(&chars[i..], Role::ShortForm) {
            Some(n) => i += n,
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// Link the mentions and facts of one document.
pub fn link(lx: &Lexicon, doc: &Document, mentions: &[Mention], facts: &Facts) -> Linked {
    let (text, script) = (doc.text(), doc.script);
    let mut b = Builder {
        lx,
        script,
        entities: Vec::new(),
        by_key: HashMap::new(),
    };
    let mut of_mention: Vec<Option<usize>> = vec![None; mentions.len()];
    // What makes an unnamed person (陳太) of this document another than one of the same
    // form elsewhere: the document's text, hashed only when such a person turns up.
    let mut doc_key: Option<String> = None;
    // Names as written, per entity, with whether the mention is a place written with
    // its parent (深圳前海), which is a fuller form than the place's own name.
    let mut written: BTreeMap<usize, Vec<(String, bool)>> = BTreeMap::new();
    // Context-dependent names: 特區政府 means the government of the SAR in context.
    let sar_gov = |at: usize| facts.sar.government(at);
    for (i, m) in mentions.iter().enumerate() {
        let contextual = m.kind == Kind::Organization && lx.has_role(&canonical(&m.text), Role::Contextual);
        let e = match m.kind {
            // An organ named in a title is part of the title, not an entity of its own.
            Kind::Organization if m.rule == Rule::OrganInTitle => None,
            // 協會 for the association named before: its entity, not a new name.
            Kind::Organization if m.rule == Rule::HeadReference => mentions[..i]
                .iter()
                .rposition(|o| o.kind == Kind::Organization && o.text.ends_with(&m.text) && o.text != m.text)
                .and_then(|j| of_mention[j]),
            // A known public body ending a longer name after a place (銅仁市|政協,
            // 西安市|發改委) is that name's head word: the place's own body, not the
            // national one. (A bank or a news agency after its city is itself.)
            Kind::Organization if is_local_head(lx, mentions, m) => None,
            // A place inside an organization's name (觀塘 in 觀塘區議會) or a facility's
            // (紅磡 in 紅磡口岸: a place named by a head word) is part of the name.
            Kind::Place
                if mentions.iter().any(|o| {
                    (o.kind == Kind::Organization || (o.kind == Kind::Place && o.rule == Rule::SuffixPlace))
                        && o.start <= m.start
                        && m.end <= o.end
                        && o.end - o.start > m.end - m.start
                }) =>
            {
                None
            }
            Kind::Organization | Kind::Place => {
                if contextual {
                    match sar_gov(m.start) {
                        Some(o) => Some(b.lexicon_entity(Kind::Organization, o)),
                        None => Some(b.named_entity(m.kind, &m.text)),
                    }
                } else {
                    Some(match m.lexicon {
                        Some(li) => b.lexicon_entity(m.kind, li),
                        None => b.named_entity(m.kind, &m.text),
                    })
                }
            }
            Kind::Person => Some(match honorific_form(lx, &m.text) {
                None => b.named_entity(Kind::Person, &m.text),
                Some(form) => match named_by_honorific(lx, mentions, &m.text, form) {
                    Some(full) => b.named_entity(Kind::Person, full),
                    None => {
                        let key =
                            doc_key.get_or_insert_with(|| short_hash(&doc.simp.iter().collect::<String>()));
                        b.unnamed_person(&m.text, key)
                    }
                },
            }),
            _ => None,
        };
        // A name that means different things in different passages (特區政府) is not a
        // name of the entity, only a way to refer to it here.
        let reference = m.rule == Rule::HeadReference;
        if let (Some(e), false) = (e, contextual || reference) {
            written
                .entry(e)
                .or_default()
                .push((m.text.clone(), m.rule == Rule::PlaceWithParent));
        }
        of_mention[i] = e;
    }
    // Each organization's name without the words names leave out, once; a department of a
    // party committee is also named without the committee's 委 (碧江區委政法委 … 碧江區政法委).
    let stripped: Vec<String> = mentions
        .iter()
        .map(|m| match m.kind {
            Kind::Organization if matches!(m.rule, Rule::PartyCommittee | Rule::LocalBody) => {
                without_committee(&without_short_forms(lx, &m.text))
            }
            Kind::Organization => without_short_forms(lx, &m.text),
            _ => String::new(),
        })
        .collect();
    // A shorter form of a body named before in full, its end (古交市人大常委會 …
    // 市人大常委會 / 人大常委會; 銅仁市湖南商會 … 湖南商會), is that body here, not a
    // national one or a new one. Three characters at least: 政府 alone may be any of them.
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.kind != Kind::Organization
            || m.rule == Rule::OrganInTitle
            || m.rule == Rule::HeadReference
            || m.text.chars().count() < 3
            || lx.has_role(&canonical(&m.text), Role::Contextual)
        {
            continue;
        }
        // Words such names leave out (人民: 汶川縣人民檢察院 … 汶川縣檢察院) do not count, but
        // what is left must still name something: three characters or more, not opened by
        // such a word (人民網 is not any 網).
        let short = &stripped[i];
        let short_ok = short.chars().count() >= 3 && short.chars().next() == m.text.chars().next();
        let fuller = |j: usize| {
            let o = &mentions[j];
            let ends = o.text.ends_with(&m.text)
                || (short_ok && stripped[j].len() >= short.len() && stripped[j].ends_with(short.as_str()));
            o.kind == Kind::Organization
                && (o.end <= m.start || o.start >= m.end)
                && o.text.len() > m.text.len()
                && ends
                && of_mention[j].is_some()
        };
        // Named in full before, else after (市湖南商會 … 銅仁市湖南商會): one body either way;
        // but a known body named alone first (外交部) is itself, not a later 俄外交部.
        let full = (0..i).rev().find(|&j| fuller(j)).or_else(|| {
            if m.lexicon.is_some() {
                return None;
            }
            let later: Vec<usize> = (i + 1..mentions.len()).filter(|&j| fuller(j)).collect();
            // Only where the later full names are of one body.
            let first = *later.first()?;
            later
                .iter()
                .all(|&j| of_mention[j] == of_mention[first])
                .then_some(first)
        });
        if let Some(j) = full {
            let e = of_mention[j];
            // (The entity it had, if no other mention names it, is not in the output.)
            if e != of_mention[i] {
                // References back to it (檢察院 after 汶川縣檢察院) follow, and so does the same
                // name found again by another rule (汶川縣檢察院|檢察長).
                let old = of_mention[i];
                for k in 0..mentions.len() {
                    let again = k != i && mentions[k].text == m.text;
                    let back = k > i && mentions[k].rule == Rule::HeadReference;
                    if (again || back) && of_mention[k] == old {
                        of_mention[k] = e;
                    }
                }
                of_mention[i] = e;
                if let Some(e) = e {
                    written.entry(e).or_default().push((m.text.clone(), false));
                }
            }
        }
    }
    // Pronouns and titles used alone (特首) refer to their antecedent's entity; a title
    // that is another form of a post (特首 for 行政長官) is also a name people use.
    for (i, a) in facts.antecedent.iter().enumerate() {
        if let Some(a) = a {
            of_mention[i] = of_mention[a.index()];
            let m = &mentions[i];
            let nickname =
                m.kind == Kind::Post && m.lexicon.is_some_and(|li| !lx.posts[li].same_as.is_empty());
            if let (true, Some(e)) = (nickname, of_mention[i]) {
                written.entry(e).or_default().push((m.text.clone(), false));
            }
        }
    }
    // The label is the fullest name the document writes (a place's own name before the
    // same place written with its parent: 北部都會區, not 香港北部都會區); known names
    // become aliases. One-character abbreviations (美) never replace a full name.
    for (e, names) in written {
        let ent = &mut b.entities[e];
        let candidates = |merged: bool| {
            names
                .iter()
                .filter(|(n, m)| *m == merged && n.chars().count() >= 2)
                .filter(|(n, _)| {
                    ent.kind != Kind::Person
                        || mentions.iter().any(|m| m.kind == Kind::Person && &m.text == n)
                })
                .max_by_key(|(n, _)| n.chars().count())
                .map(|(n, _)| n.clone())
        };
        // A known place or body keeps its usual name when the document writes it.
        let usual = names
            .iter()
            .any(|(n, _)| n == &ent.label)
            .then(|| ent.label.clone());
        if let Some(best) = usual.or_else(|| candidates(false)).or_else(|| candidates(true)) {
            if best != ent.label {
                let old = std::mem::replace(&mut ent.label, best.clone());
                ent.aliases.insert(old);
                ent.aliases.remove(&best);
            }
        }
        for (n, _) in names {
            if n != ent.label {
                ent.aliases.insert(n);
            }
        }
    }
    // Apposition: X（Y） names one entity twice (深度求索（DeepSeek）).
    merge_appositions(text, mentions, &mut of_mention, &mut b.entities);
    let mut lexicon_orgs = HashMap::new();
    for p in &facts.positions {
        if let Some(OrgRef::Lexicon(li)) = p.organization {
            let e = b.lexicon_entity(Kind::Organization, li);
            lexicon_orgs.insert(li, e);
        }
    }
    // Names in the other script are alternative labels too.
    let other = script.other();
    for e in &mut b.entities {
        let names: Vec<String> = std::iter::once(e.label.clone())
            .chain(e.aliases.iter().cloned())
            .collect();
        for n in names {
            let c = convert(&n, other);
            if c != n {
                e.aliases.insert(c);
            }
        }
    }
    Linked {
        entities: b.entities,
        of_mention: of_mention.into_iter().map(|e| e.map(EntityId)).collect(),
        lexicon_orgs: lexicon_orgs
            .into_iter()
            .map(|(li, e)| (li, EntityId(e)))
            .collect(),
    }
}

/// Is organization mention `m` a known public body (government, legislature, court) that
/// ends a longer organization's name whose other part is a place below a country's level
/// (古交市 + 人大常委會)?
/// Then it is the head word of a local body.
fn is_local_head(lx: &Lexicon, mentions: &[Mention], m: &Mention) -> bool {
    let public = m
        .lexicon
        .is_some_and(|li| matches!(lx.orgs[li].kind.as_str(), "government" | "legislature" | "court"));
    // 中國全國人大 is the national body itself: a country or a region (香港) before a
    // body may be its own jurisdiction.
    let below_country = |p: &Mention| {
        p.lexicon
            .is_none_or(|li| !matches!(lx.places[li].kind.as_str(), "country" | "bloc" | "region"))
    };
    public
        && mentions.iter().any(|o| {
            o.kind == Kind::Organization
                && o.start < m.start
                && o.end == m.end
                && mentions.iter().any(|p| {
                    p.kind == Kind::Place && p.start == o.start && p.end == m.start && below_country(p)
                })
        })
}

fn merge_appositions(text: &[char], mentions: &[Mention], of: &mut [Option<usize>], entities: &mut [Entity]) {
    let mut merges: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if text.get(m.end) != Some(&'（') && text.get(m.end) != Some(&'(') {
            continue;
        }
        let Some((j, n)) = mentions
            .iter()
            .enumerate()
            .find(|(_, n)| n.start == m.end + 1 && matches!(text.get(n.end), Some('）') | Some(')')))
        else {
            continue;
        };
        if let (Some(a), Some(bb)) = (of[i], of[j]) {
            if a != bb && entities[a].kind == entities[bb].kind && m.kind == n.kind {
                merges.insert(bb, a);
            }
        }
    }
    for (from, to) in merges {
        let names: Vec<String> = std::iter::once(entities[from].label.clone())
            .chain(entities[from].aliases.iter().cloned())
            .collect();
        entities[to].aliases.extend(names);
        for o in of.iter_mut() {
            if *o == Some(from) {
                *o = Some(to);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ascii_stable_and_script_independent() {
        let a = mint("person", "黃錦輝", &format!("person:{}", canonical("黃錦輝")));
        let b = mint("person", "黄锦辉", &format!("person:{}", canonical("黄锦辉")));
        assert_eq!(a, b);
        assert!(a.is_ascii());
        assert!(a.starts_with("person/huang-jin-hui-"), "{a}");
        assert_eq!(slug("DeepSeek （HK） Limited"), "deepseek-hk-limited");
    }

    /// The entity of the person mention written `name`, if recognized and linked.
    fn person(a: &crate::pipeline::Analysis, name: &str) -> Option<Entity> {
        let i = a
            .mentions
            .iter()
            .position(|m| m.kind == Kind::Person && m.text == name)?;
        a.linked.of_mention[i].map(|e| a.linked.entities[e].clone())
    }

    #[test]
    fn an_honorific_refers_to_the_one_person_of_that_surname_named() {
        for (text, full, short) in [
            (
                "行政長官董志明昨日表示，會研究方案。董生又指，不會加稅。",
                "董志明",
                "董生",
            ),
            (
                "行政长官董志明昨日表示，会研究方案。董生又指，不会加税。",
                "董志明",
                "董生",
            ),
            // 太: a married woman, her husband's surname before her own.
            (
                "常任秘書長羅范美芬昨日表示，不會辭職。羅太又指，工作未完。",
                "羅范美芬",
                "羅太",
            ),
            (
                "常任秘书长罗范美芬昨日表示，不会辞职。罗太又指，工作未完。",
                "罗范美芬",
                "罗太",
            ),
        ] {
            let a = crate::pipeline::analyze_text("t.txt", text);
            let (f, s) = (person(&a, full), person(&a, short));
            assert!(f.is_some() && f == s, "{text}: {f:?} {s:?}");
            assert!(f.unwrap().aliases.contains(short), "{text}");
        }
        // 羅太 is not 羅大文: a married woman is named with two surnames.
        let text = "議員羅大文昨日表示，會研究方案。羅太又指，不會搬遷。";
        let a = crate::pipeline::analyze_text("t.txt", text);
        assert_ne!(person(&a, "羅大文"), person(&a, "羅太"), "{:?}", a.mentions);
    }

    #[test]
    fn a_person_never_named_belongs_to_one_document() {
        for (text, short) in [
            ("被告王某昨日在法院受審。法官王大明表示，王某須賠償。", "王某"),
            ("受访市民陈太表示，希望政府增加资助。", "陈太"),
            ("受訪市民陳太表示，希望政府增加資助。", "陳太"),
        ] {
            let a = crate::pipeline::analyze_text("a.txt", text);
            let b = crate::pipeline::analyze_text("b.txt", &format!("{text}另外，天氣炎熱。"));
            let (x, y) = (person(&a, short), person(&b, short));
            let x = x.unwrap_or_else(|| panic!("{text}: {:?}", a.mentions));
            assert!(x.is_unnamed(), "{text}: {x:?}");
            assert_ne!(Some(x.id), y.map(|y| y.id), "{text}");
        }
        // An interviewee is not the official of the same surname.
        let text = "局长陈大文昨日视察小区。记者采访了居民陈女士。";
        let a = crate::pipeline::analyze_text("a.txt", text);
        let (x, y) = (person(&a, "陈大文"), person(&a, "陈女士"));
        assert!(
            x.is_some() && y.as_ref().is_some_and(Entity::is_unnamed),
            "{x:?} {y:?}"
        );
        let a = crate::pipeline::analyze_text("a.txt", "法官王大明表示，案件押後。");
        assert!(!person(&a, "王大明").unwrap().is_unnamed());
    }

    #[test]
    fn a_short_form_of_a_body_named_before_is_that_body() {
        for (text, full, short) in [
            (
                "昨日，安平市人大常委会召开会议。会上，人大常委会主任讲话。",
                "安平市人大常委会",
                "人大常委会",
            ),
            (
                "銅陵市福建商會昨日成立，福建商會會長陳大文表示，將支持家鄉建設。",
                "銅陵市福建商會",
                "福建商會",
            ),
            // 人民 is left out of a body's name when it is named again.
            (
                "四川省汶川县人民检察院依法提起公诉。汶川县检察院表示，将依法办理。",
                "四川省汶川县人民检察院",
                "汶川县检察院",
            ),
            (
                "四川省汶川縣人民檢察院依法提起公訴。汶川縣檢察院表示，將依法辦理。",
                "四川省汶川縣人民檢察院",
                "汶川縣檢察院",
            ),
            // …also where nothing else comes before it, and where another rule finds it
            // again (汶川縣檢察院|檢察長).
            (
                "汶川县人民检察院昨日表示，案件已受理。汶川县检察院检察长王大明说，将依法办理。",
                "汶川县人民检察院",
                "汶川县检察院",
            ),
            // A party committee's department is named again without the committee's 委.
            (
                "碧江區委政法委書記賀詩江表示，將加強管理。碧江區政法委副書記田海唐說，將繼續推進。",
                "碧江區委政法委",
                "碧江區政法委",
            ),
            // The short form first, the full name after.
            (
                "福建商會會長陳大文表示，將支持家鄉建設。銅陵市福建商會昨日舉行年會。",
                "銅陵市福建商會",
                "福建商會",
            ),
            (
                "福建商会会长陈大文表示，将支持家乡建设。铜陵市福建商会昨日举行年会。",
                "铜陵市福建商会",
                "福建商会",
            ),
        ] {
            let a = crate::pipeline::analyze_text("t.txt", text);
            let entity_of = |name: &str| {
                let i = a.mentions.iter().position(|m| m.text == name);
                i.and_then(|i| a.linked.of_mention[i])
            };
            assert!(entity_of(full).is_some(), "{text}: {:?}", a.mentions);
            for (i, m) in a.mentions.iter().enumerate().filter(|(_, m)| m.text == short) {
                assert_eq!(a.linked.of_mention[i], entity_of(full), "{text}: {m:?}");
            }
        }
        // …but what is left must still name something: 人民網 is not any 網.
        let a = crate::pipeline::analyze_text("t.txt", "中國青年網報道此事後，人民網亦有轉載。");
        let ids: Vec<_> = a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.text.ends_with('網'))
            .map(|(i, _)| a.linked.of_mention[i])
            .collect();
        assert!(ids.len() < 2 || ids[0] != ids[1], "{:?}", a.mentions);
    }

    #[test]
    fn a_public_body_after_a_city_is_that_citys_body() {
        for (text, outer, inner) in [
            ("昨日，南平市政协副主席陈大文出席会议。", "南平市政协", "政协"),
            ("昨日，南平市政協副主席陳大文出席會議。", "南平市政協", "政協"),
            ("杭州市发改委昨日公布了新的规划。", "杭州市发改委", "发改委"),
        ] {
            let a = crate::pipeline::analyze_text("t.txt", text);
            let at = |name: &str| a.mentions.iter().position(|m| m.text == name);
            let o = at(outer).unwrap_or_else(|| panic!("{text}: {:?}", a.mentions));
            assert!(a.linked.of_mention[o].is_some(), "{text}");
            if let Some(i) = at(inner) {
                assert_eq!(a.linked.of_mention[i], None, "{text}: {:?}", a.mentions);
            }
        }
        // The country's own national body stays itself.
        let a = crate::pipeline::analyze_text("t.txt", "代表团会见了中国全国人大副委员长。");
        let national = a.linked.entities.iter().position(|e| e.label == "全国人大");
        assert!(
            national.is_some_and(|e| a.linked.of_mention.contains(&Some(EntityId(e)))),
            "{:?} {:?}",
            a.mentions,
            a.linked.entities
        );
    }
}
