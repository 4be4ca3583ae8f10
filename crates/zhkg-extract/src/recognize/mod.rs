//! Stage 3: recognize mentions of people, organizations, places, posts and occasions.
//!
//! Rules, not lists of answers: names of public bodies and places come from the general
//! lexicons, other organizations and places from their head words (…協會, …合作區) grown
//! leftwards over the segmenter's nominal tokens, people from the titles before them
//! (全國政協委員黃錦輝), the verbs after them (岑浩輝表示), bylines and the segmenter's
//! person tags filtered by the surname list. Each mention records the rule that produced
//! it and a confidence, so users can audit and filter.
//!
//! The passes run in order ([`recognize`]), one file per concern:
//!
//! | pass | file | finds |
//! |---|---|---|
//! | lexicon | `lexicon.rs` | known names, posts, occasions, cues; short forms; place abbreviations |
//! | head words | `organizations.rs` | organizations and places by head word, segmenter tags, quotes, Latin names |
//! | overlap | `overlap.rs` | which of overlapping candidates survive |
//! | people | `people.rs` | people by titles, bylines, verbs of saying, segmenter tags; pronouns |
//! | model | `model.rs` | the sequence model's names, where they pass the gate; names it reads one character short |
//! | spaces | `spaces.rs` | no organization or place runs across a space inside a line; credit-line names end at one |
//! | after | `organizations.rs`, `people.rs` | branches, organs in titles, references back, trimmed and propagated names |

use std::collections::{BTreeSet, HashMap};

use crate::layout::BlockKind;
use crate::lexicon::{Lexicon, Role, Term};
use crate::ner::{NerLabel, NerSpan};
use crate::pipeline::Document;
use crate::rules::Rule;
use crate::script::{is_han, Script};
use crate::segment::{Token, TokenSlots};
use crate::sentence::Sentence;

mod lexicon;
mod model;
mod organizations;

pub(crate) use organizations::committee_level;
mod overlap;
mod people;
mod spaces;
#[cfg(test)]
mod tests;

use lexicon::{
    abbreviated_names, abbreviated_places, drop_places_in_compounds, drop_places_in_titles,
    ends_with_occasion, enumerated_places, lexicon_terms, merge_place_pairs, out_of_scope,
};
use model::{agree_with_model, headed_names_agree, lengthen_names, model_names};
use organizations::{
    branches, departments, drop_class_names, enumerated_organizations, head_references, latin_companies,
    listed_before_class, local_bodies, mark_organs_in_titles, party_committees, place_bodies,
    propagate_places, quoted_organizations, segmenter_organizations, suffix_names, trim_escapes,
};
use overlap::{drop_posts_inside_names, merge, resolve_flat};
use people::{
    byline_people, drop_surname_references, enumerated_people, glued_byline, households, name_before_title,
    pronouns, propagate_names, speaker_people, tagged_people, titled_people, trim_names,
};
use spaces::{end_names_at_spaces, split_at_spaces, split_names_at_spaces};

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
    token_at: TokenSlots,
    /// Token index covering each character.
    token_of: Vec<usize>,
    /// The original text had something (a space, a line break) between this character and
    /// the one before, which layout repair closed up: bylines separate names that way.
    gap_before: Vec<bool>,
    /// White space within a line stood before this character ([`Layout::spaced`]).
    spaced: &'a [bool],
    /// Where the model's personal name starting at a character ends: the model, trained
    /// on news, knows better than a rule how long a name after a title is (葉曾翠卿, not 葉曾翠).
    model_person_end: HashMap<usize, usize>,
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
    /// The segmenter's word covering character `i`, if any.
    fn token_over(&self, i: usize) -> Option<&Token> {
        self.tokens.get(*self.token_of.get(i)?)
    }
    /// Is character `i` a preposition the segmenter may glue to an unknown word (`glued` in
    /// grammar.tsv: 耿利惠到, 對宏輝)?
    fn glued_at(&self, i: usize) -> bool {
        self.lx.has_role_chars(&self.simp[i..i + 1], Role::Glued)
    }
    /// Does a segmenter word that is a place's head word (片區, 小區) start at `i`?
    fn place_head_at(&self, i: usize) -> bool {
        self.token_at.get(&i).is_some_and(|&u| {
            self.lx
                .place_heads
                .contains(&self.simp[self.tokens[u].start..self.tokens[u].end])
        })
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
    let names = &split_names_at_spaces(layout, names);
    let names = &lengthen_names(lx, doc, names);
    let mut token_of = vec![usize::MAX; simp.len()];
    let token_at = TokenSlots::by_start(tokens, simp.len());
    for (i, t) in tokens.iter().enumerate() {
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
        gap_before: (0..layout.text.len())
            .map(|i| i > 0 && layout.origin[i] > layout.origin[i - 1] + 1)
            .collect(),
        spaced: &layout.spaced,
        model_person_end: names
            .iter()
            .filter(|n| n.label == NerLabel::Per && n.score >= 0.5 && (2..=4).contains(&(n.end - n.start)))
            .map(|n| (n.start, n.end))
            .collect(),
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
    split_at_spaces(&cx, &mut outer);
    headed_names_agree(&cx, names, &mut outer);
    out_of_scope(&cx, doc.script, &mut flat);
    drop_places_in_titles(&cx, &mut flat);
    drop_places_in_compounds(&cx, &mut flat);
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
        byline_people(&cx, si, s, &accepted, &mut people);
        glued_byline(&cx, si, s, &accepted, &mut people);
        speaker_people(&cx, si, s, &accepted, &mut people);
        tagged_people(&cx, si, s, &mut people);
    }
    agree_with_model(&cx, names, &mut people);
    accepted = merge(accepted, people, |_| false);
    enumerated_people(&cx, sentences, &mut accepted);
    // The sequence model fills the gaps the rules leave: names without titles, foreign
    // names, organizations and places without known head words.
    let mut model = model_names(&cx, sentences, names);
    split_at_spaces(&cx, &mut model.others);
    accepted = merge(accepted, model.others, |m| {
        matches!(m.kind, Kind::Organization | Kind::Place | Kind::Modifier)
    });
    accepted = merge(accepted, model.people, |_| false);
    accepted = merge(accepted, model.chains, |_| false);
    end_names_at_spaces(&cx, &mut accepted);
    trim_escapes(&cx, &mut accepted);
    drop_class_names(&cx, &mut accepted);
    local_bodies(&cx, sentences, &mut accepted);
    party_committees(&cx, &mut accepted);
    enumerated_organizations(&cx, sentences, &mut accepted);
    listed_before_class(&cx, sentences, &mut accepted);
    mark_organs_in_titles(&mut accepted);
    branches(&cx, &mut accepted);
    head_references(&cx, sentences, &mut accepted);
    trim_names(&cx, &mut accepted);
    households(&cx, &mut accepted);
    drop_surname_references(&cx, &mut accepted);
    propagate_names(&cx, sentences, &mut accepted);
    propagate_places(&cx, sentences, &mut accepted);
    place_bodies(&cx, &mut accepted);
    departments(&cx, &mut accepted);
    accepted.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    accepted
}

/// Is `a..b` a whole run of the segmenter's tokens (starts and ends on token boundaries)?
fn on_token_boundaries(cx: &Ctx, a: usize, b: usize) -> bool {
    cx.token_at.contains_key(&a)
        && (b >= cx.simp.len() || cx.token_at.contains_key(&b) || cx.token_of[b] == usize::MAX)
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
