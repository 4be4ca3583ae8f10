//! Lexicons: the general knowledge the recognizer starts from.
//!
//! Every list lives in a data file under `ontology/lexicon/` (see its README for formats,
//! sources and licences) and is compiled into the binary, so zhkg runs anywhere without
//! its source tree. Entries are written in Traditional script; each is indexed under its
//! character-for-character Simplified form too, and look-ups take either script.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::script::to_simplified;

macro_rules! data {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/lexicon/", $name))
    };
}

/// A known organization: full name, short forms, kind and jurisdiction.
#[derive(Debug, Clone)]
pub struct OrgEntry {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: String,
    pub scope: String,
}

/// A known place.
#[derive(Debug, Clone)]
pub struct PlaceEntry {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: String,
    pub parent: String,
}

/// A post or title a person holds (委員, 局長, 記者 …).
#[derive(Debug, Clone)]
pub struct PostEntry {
    pub post: String,
    pub rank: String,
    pub category: String,
    /// The usual form of this post (特首 → 行政長官), empty when it is the usual form.
    pub same_as: String,
}

impl PostEntry {
    /// The post's usual form.
    pub fn canonical(&self) -> &str {
        if self.same_as.is_empty() {
            &self.post
        } else {
            &self.same_as
        }
    }
}

/// A head word that ends a name of some class (…委員會, …區).
#[derive(Debug, Clone)]
pub struct Suffix {
    pub suffix: String,
    /// `suffix` in Simplified script, as the recognizer matches it against the text.
    pub simp: String,
    /// Length in characters.
    pub len: usize,
    pub kind: String,
    pub min_prefix: usize,
    /// The part before the suffix must hold a proper name (國際金融中心 is not a name).
    pub needs_name: bool,
}

/// A proposal cue (建議, 希望 …) and how strong a proposal it signals.
#[derive(Debug, Clone)]
pub struct CueEntry {
    pub cue: String,
    pub strength: CueStrength,
}

/// How strongly a cue signals a proposal (see `cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStrength {
    Explicit,
    Soft,
    /// 應, 須, 要: a "should" whose proposer must come from context.
    Modal,
    /// 認為, 相信: a view, never a proposal on its own.
    Opinion,
}

/// What a term of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    Org(usize),
    Place(usize),
    Post(usize),
    Cue(usize),
    Occasion(usize),
    Modifier(usize),
}

/// A one-character abbreviation of a place and the contexts it names the place in: in a
/// run of abbreviations (粵港澳) always; after a verb (來港) or before 方 (美方) if marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abbreviation {
    pub place: usize,
    pub after_verb: bool,
    pub before_side: bool,
}

/// The role a closed-class word plays for the rules (see `grammar.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    AfterName,
    Boundary,
    Pronoun,
    Coordinator,
    NounMarker,
    Action,
    Purpose,
    Preface,
    Attitude,
    Plural,
    ObjectMarker,
    PlaceVerb,
    SubjectVerb,
}

/// All lexicons, indexed by Simplified form.
pub struct Lexicon {
    pub orgs: Vec<OrgEntry>,
    pub places: Vec<PlaceEntry>,
    pub posts: Vec<PostEntry>,
    pub cues: Vec<CueEntry>,
    /// Occasions (座談會) and documents (施政報告) with their kind (meeting, document …).
    pub occasions: Vec<(String, String)>,
    pub modifiers: Vec<String>,
    pub org_suffixes: Vec<Suffix>,
    pub place_suffixes: Vec<Suffix>,
    /// Surname → rank in the list (most common first).
    surnames: HashMap<String, usize>,
    not_names: HashMap<String, ()>,
    /// One-character place abbreviations (Simplified) → where they may stand.
    abbreviations: HashMap<char, Abbreviation>,
    /// Closed-class words by Simplified form → their roles (see grammar.tsv).
    grammar: HashMap<String, Vec<Role>>,
    terms: HashMap<String, Vec<Term>>,
    /// Long names (six characters or more, Simplified) by their first two characters, for
    /// abbreviated mentions (河套深港創新合作區 for 河套深港科技創新合作區).
    long_names: HashMap<String, Vec<(Vec<char>, Term)>>,
    /// Terms by Simplified key in the order of `matcher`'s patterns.
    patterns: Vec<String>,
    matcher: AhoCorasick,
}

/// Rows of a TSV data file: `#` comments and blank lines skipped, columns padded.
fn rows(text: &str, columns: usize) -> impl Iterator<Item = Vec<String>> + '_ {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |l| {
            let mut cols: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
            cols.resize(columns.max(cols.len()), String::new());
            cols
        })
}

fn list(col: &str) -> Vec<String> {
    col.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::embedded)
    }

    fn embedded() -> Lexicon {
        let orgs: Vec<OrgEntry> = rows(data!("organizations.tsv"), 4)
            .map(|c| OrgEntry {
                name: c[0].clone(),
                aliases: list(&c[1]),
                kind: c[2].clone(),
                scope: c[3].clone(),
            })
            .collect();
        let places: Vec<PlaceEntry> = rows(data!("places.tsv"), 4)
            .map(|c| PlaceEntry {
                name: c[0].clone(),
                aliases: list(&c[1]),
                kind: c[2].clone(),
                parent: c[3].clone(),
            })
            .collect();
        let posts: Vec<PostEntry> = rows(data!("posts.tsv"), 4)
            .map(|c| PostEntry {
                post: c[0].clone(),
                rank: c[1].clone(),
                category: c[2].clone(),
                same_as: c[3].clone(),
            })
            .collect();
        let cues: Vec<CueEntry> = rows(data!("cues.tsv"), 3)
            .map(|c| CueEntry {
                cue: c[0].clone(),
                strength: match c[1].as_str() {
                    "explicit" => CueStrength::Explicit,
                    "soft" => CueStrength::Soft,
                    "modal" => CueStrength::Modal,
                    _ => CueStrength::Opinion,
                },
            })
            .collect();
        let occasions: Vec<(String, String)> = rows(data!("occasions.tsv"), 2)
            .map(|c| (c[0].clone(), c[1].clone()))
            .collect();
        let modifiers: Vec<String> = rows(data!("title_modifiers.tsv"), 2)
            .map(|c| c[0].clone())
            .collect();
        let suffixes = |text: &str| -> Vec<Suffix> {
            let mut v: Vec<Suffix> = rows(text, 4)
                .map(|c| Suffix {
                    suffix: c[0].clone(),
                    simp: crate::script::to_simplified(&c[0]),
                    len: c[0].chars().count(),
                    kind: c[1].clone(),
                    min_prefix: c[2].parse().unwrap_or(1),
                    needs_name: c[3] != "any",
                })
                .collect();
            // Longest suffix first, so 委員會 wins over 會.
            v.sort_by_key(|s| std::cmp::Reverse(s.suffix.chars().count()));
            v
        };
        let org_suffixes = suffixes(data!("org_suffixes.tsv"));
        let place_suffixes = suffixes(data!("place_suffixes.tsv"));
        let keyed = |text: &str| -> HashMap<String, ()> {
            rows(text, 1)
                .flat_map(|c| [to_simplified(&c[0]), c[0].clone()])
                .map(|k| (k, ()))
                .collect()
        };
        let mut surnames: HashMap<String, usize> = HashMap::new();
        for (rank, c) in rows(data!("surnames.tsv"), 1).enumerate() {
            for k in [to_simplified(&c[0]), c[0].clone()] {
                surnames.entry(k).or_insert(rank);
            }
        }
        let not_names = keyed(data!("not_names.tsv"));
        let mut grammar: HashMap<String, Vec<Role>> = HashMap::new();
        for c in rows(data!("grammar.tsv"), 2) {
            let role = match c[1].as_str() {
                "after_name" => Role::AfterName,
                "boundary" => Role::Boundary,
                "pronoun" => Role::Pronoun,
                "coordinator" => Role::Coordinator,
                "noun_marker" => Role::NounMarker,
                "action" => Role::Action,
                "purpose" => Role::Purpose,
                "preface" => Role::Preface,
                "attitude" => Role::Attitude,
                "plural" => Role::Plural,
                "object_marker" => Role::ObjectMarker,
                "place_verb" => Role::PlaceVerb,
                "subject_verb" => Role::SubjectVerb,
                _ => continue,
            };
            grammar.entry(to_simplified(&c[0])).or_default().push(role);
        }

        let mut terms: HashMap<String, Vec<Term>> = HashMap::new();
        let mut add = |name: &str, t: Term| {
            if name.is_empty() {
                return;
            }
            let v = terms.entry(to_simplified(name)).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        for (i, o) in orgs.iter().enumerate() {
            add(&o.name, Term::Org(i));
            o.aliases.iter().for_each(|a| add(a, Term::Org(i)));
        }
        for (i, p) in places.iter().enumerate() {
            add(&p.name, Term::Place(i));
            p.aliases.iter().for_each(|a| add(a, Term::Place(i)));
        }
        posts
            .iter()
            .enumerate()
            .for_each(|(i, p)| add(&p.post, Term::Post(i)));
        cues.iter()
            .enumerate()
            .for_each(|(i, c)| add(&c.cue, Term::Cue(i)));
        occasions
            .iter()
            .enumerate()
            .for_each(|(i, (o, _))| add(o, Term::Occasion(i)));
        modifiers
            .iter()
            .enumerate()
            .for_each(|(i, m)| add(m, Term::Modifier(i)));

        let mut abbreviations: HashMap<char, Abbreviation> = HashMap::new();
        for c in rows(data!("abbreviations.tsv"), 3) {
            let place = places
                .iter()
                .position(|p| p.name == c[1] || p.aliases.contains(&c[1]));
            let ch = to_simplified(&c[0]).chars().next();
            let has = |w: &str| c[2].split_whitespace().any(|x| x == w);
            if let (Some(place), Some(ch)) = (place, ch) {
                let ab = Abbreviation {
                    place,
                    after_verb: has("verb"),
                    before_side: has("side"),
                };
                abbreviations.insert(ch, ab);
            }
        }
        let mut long_names: HashMap<String, Vec<(Vec<char>, Term)>> = HashMap::new();
        for (key, ts) in &terms {
            let chars: Vec<char> = key.chars().collect();
            if chars.len() >= 6 {
                for t in ts.iter().filter(|t| matches!(t, Term::Org(_) | Term::Place(_))) {
                    long_names
                        .entry(chars[..2].iter().collect())
                        .or_default()
                        .push((chars.clone(), *t));
                }
            }
        }
        // `terms` iterates in no fixed order: sort so that every run resolves alike.
        for v in long_names.values_mut() {
            v.sort();
        }
        // Single characters (美, 港) are too ambiguous to match blindly in running text;
        // the recognizer asks for them explicitly where the context allows.
        let mut patterns: Vec<String> = terms.keys().filter(|k| k.chars().count() >= 2).cloned().collect();
        patterns.sort();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("lexicon patterns build an automaton");
        Lexicon {
            orgs,
            places,
            posts,
            cues,
            occasions,
            modifiers,
            org_suffixes,
            place_suffixes,
            surnames,
            not_names,
            grammar,
            abbreviations,
            terms,
            long_names,
            patterns,
            matcher,
        }
    }

    /// What `text` (either script) is in the lexicon, if anything.
    pub fn lookup(&self, text: &str) -> &[Term] {
        self.terms
            .get(&to_simplified(text))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Leftmost-longest matches of lexicon terms of two or more characters in a Simplified
    /// text, as `(start, end, key)` in characters.
    pub fn find_terms<'a>(&'a self, simplified: &'a [char]) -> Vec<(usize, usize, &'a [Term])> {
        let s: String = simplified.iter().collect();
        // Byte → char index map for the match positions.
        let mut char_at = vec![0usize; s.len() + 1];
        let mut ci = 0;
        for (bi, ch) in s.char_indices() {
            for k in 0..ch.len_utf8() {
                char_at[bi + k] = ci;
            }
            ci += 1;
        }
        char_at[s.len()] = ci;
        self.matcher
            .find_iter(&s)
            .map(|m| {
                let key = &self.patterns[m.pattern().as_usize()];
                (char_at[m.start()], char_at[m.end()], self.terms[key].as_slice())
            })
            .collect()
    }

    /// Does the closed-class word `s` (either script) play `role`?
    pub fn has_role(&self, s: &str, role: Role) -> bool {
        self.grammar
            .get(&to_simplified(s))
            .is_some_and(|r| r.contains(&role))
    }

    /// Length of the longest word with `role` that `text` starts with (up to 4 characters).
    pub fn role_prefix(&self, text: &[char], role: Role) -> Option<usize> {
        (1..=text.len().min(4))
            .rev()
            .find(|&n| self.has_role(&text[..n].iter().collect::<String>(), role))
    }

    /// The place a one-character abbreviation (Simplified) stands for, and where it may
    /// stand (see `abbreviations.tsv`).
    pub fn abbreviation(&self, c: char) -> Option<Abbreviation> {
        self.abbreviations.get(&c).copied()
    }

    /// Known long names (Simplified) starting with these two characters.
    pub fn long_names(&self, first_two: &str) -> &[(Vec<char>, Term)] {
        self.long_names.get(first_two).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn is_surname(&self, s: &str) -> bool {
        self.surnames.contains_key(s)
    }

    /// Rank of a surname in the list, most common first.
    pub fn surname_rank(&self, s: &str) -> Option<usize> {
        self.surnames.get(s).copied()
    }

    /// Words the segmenter tags as names that are not names (常用詞).
    pub fn is_not_name(&self, s: &str) -> bool {
        self.not_names.contains_key(s) || self.not_names.contains_key(&to_simplified(s))
    }

    /// Length of the surname that `name` starts with: compound (歐陽) before single.
    pub fn surname_len(&self, name: &[char]) -> Option<usize> {
        [2, 1]
            .into_iter()
            .find(|&n| name.len() > n && self.is_surname(&name[..n].iter().collect::<String>()))
    }

    pub fn is_post(&self, s: &str) -> Option<&PostEntry> {
        self.lookup(s).iter().find_map(|t| match t {
            Term::Post(i) => Some(&self.posts[*i]),
            _ => None,
        })
    }

    pub fn org(&self, s: &str) -> Option<usize> {
        self.lookup(s).iter().find_map(|t| match t {
            Term::Org(i) => Some(*i),
            _ => None,
        })
    }

    pub fn place(&self, s: &str) -> Option<usize> {
        self.lookup(s).iter().find_map(|t| match t {
            Term::Place(i) => Some(*i),
            _ => None,
        })
    }

    /// Does `text` end with a post (記者, 局長 …)? Used on bylines.
    pub fn ends_with_post(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        (1..=chars.len().min(8)).any(|n| {
            let tail: String = chars[chars.len() - n..].iter().collect();
            self.is_post(&tail).is_some()
        })
    }

    /// The organization whose name or alias `text` starts with, longest first, with the
    /// length of that prefix: splits composite posts (全國政協委員 → 全國政協 + 委員).
    pub fn org_prefix(&self, text: &[char]) -> Option<(usize, usize)> {
        (2..text.len())
            .rev()
            .find_map(|n| self.org(&text[..n].iter().collect::<String>()).map(|o| (o, n)))
    }

    /// Every term for the segmenter's user dictionary: (Simplified word, POS tag).
    pub fn user_words(&self) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for (key, ts) in &self.terms {
            if key.chars().count() < 2 {
                continue;
            }
            let tag = match ts[0] {
                Term::Org(_) => "nt",
                Term::Place(_) => "ns",
                Term::Post(_) => "nn",
                Term::Cue(_) => "v",
                Term::Occasion(_) => "n",
                Term::Modifier(_) => "b",
            };
            out.push((key.clone(), tag));
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_in_both_scripts() {
        let lx = Lexicon::get();
        assert!(lx.orgs.len() > 100 && lx.places.len() > 300 && lx.posts.len() > 50);
        assert!(lx.is_surname("黃") && lx.is_surname("黄") && lx.is_surname("歐陽"));
        assert!(lx.surname_rank("陳").unwrap() < 50);
        let post = lx.is_post("特首").unwrap();
        assert_eq!(post.canonical(), "行政長官");
        let composite: Vec<char> = "全國政協委員".chars().collect();
        let (o, n) = lx.org_prefix(&composite).unwrap();
        assert_eq!(
            (lx.orgs[o].aliases.contains(&"全國政協".to_string()), n),
            (true, 4)
        );
        assert!(lx.org("全國政協").is_some() && lx.org("全国政协").is_some());
        assert!(lx.place("深圳").is_some());
        assert!(lx.is_post("局長").is_some() && lx.is_post("局长").is_some());
        assert!(lx.ends_with_post("香港文匯報記者"));
        assert_eq!(lx.surname_len(&"歐陽震華".chars().collect::<Vec<_>>()), Some(2));
    }

    #[test]
    fn finds_longest_terms() {
        let lx = Lexicon::get();
        let text: Vec<char> = to_simplified("港區全國人大代表在立法會發言").chars().collect();
        let found: Vec<String> = lx
            .find_terms(&text)
            .iter()
            .map(|(s, e, _)| text[*s..*e].iter().collect())
            .collect();
        assert!(found.contains(&"全国人大代表".to_string()), "{found:?}");
        assert!(found.contains(&"立法会".to_string()), "{found:?}");
    }
}
