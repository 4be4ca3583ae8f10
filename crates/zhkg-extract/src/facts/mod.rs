//! Stage 4: facts from mentions — who holds which post, who proposed what.
//!
//! | module | concern |
//! |---|---|
//! | [`positions`] | title chains before names (港區全國人大代表、九龍社團聯會理事長徐莉), bylines |
//! | [`coreference`] | the SAR a passage is about, titles used alone (特首), pronouns (他, 她) |
//! | [`clauses`] | clauses of each sentence and their subjects, which proposers and pronouns are read from |
//! | [`proposals`] | proposal frames: cue → proposer → content → items, with addressee, places and occasion |
//!
//! Every fact names its mentions by [`MentionId`] and carries the [`Rule`] that made it.

use std::ops::Index;

use crate::lexicon::Lexicon;
use crate::pipeline::Document;
use crate::recognize::Mention;
use crate::rules::Rule;

mod clauses;
mod coreference;
mod positions;
mod proposals;
#[cfg(test)]
mod testing;
mod text;
mod view;

pub use coreference::Sar;

/// The index of a mention in [`crate::Analysis::mentions`], typed so that facts cannot
/// confuse it with a character offset, a sentence or an entity index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct MentionId(pub usize);

impl MentionId {
    /// The index as a number.
    pub fn index(self) -> usize {
        self.0
    }
}

impl Index<MentionId> for [Mention] {
    type Output = Mention;
    fn index(&self, id: MentionId) -> &Mention {
        &self[id.0]
    }
}

impl Index<MentionId> for Vec<Mention> {
    type Output = Mention;
    fn index(&self, id: MentionId) -> &Mention {
        &self[id.0]
    }
}

/// One title held by a person, as written before their name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Position {
    /// The person.
    pub person: MentionId,
    /// The (last) post in the title.
    pub post: MentionId,
    /// The post as a role: `委員`, `代表召集人`, `監事委員會副主席`.
    pub role: String,
    /// Organization: a mention in the title, or one inferred from a place or modifier.
    pub organization: Option<OrgRef>,
    /// The whole title as written, `start..end` in the repaired text.
    pub title: (usize, usize),
    /// The post heads (or deputy-heads) its organization (局長, 行政長官, 副主席), so
    /// it is a post of that organization, held by the person.
    pub head: bool,
    /// The rule that produced it (see `zhkg explain`).
    pub rule: Rule,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
}

/// An organization named by a mention or known from the lexicon only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum OrgRef {
    /// An organization mentioned in the text.
    Mention(MentionId),
    /// A known organization of the lexicon not named in the text (index into `Lexicon::orgs`).
    Lexicon(usize),
}

/// How firmly something was proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Strength {
    /// 建議, 提出, 倡議 …
    Explicit,
    /// 希望, 盼望, 期望 …: hopes and wishes.
    Soft,
}

/// Whom a proposal asks to act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Addressee {
    /// A person or organization the document names (促請張舉能…, 向特區政府提出…).
    Named(MentionId),
    /// A group or body named by a common noun (建議市民…, 促請有關部門…): `start..end` of
    /// the words, which are its name in this document only.
    Group((usize, usize)),
}

impl Addressee {
    /// The mention, when the addressee is named.
    pub fn mention(self) -> Option<MentionId> {
        match self {
            Addressee::Named(m) => Some(m),
            Addressee::Group(_) => None,
        }
    }
}

/// Who made a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Proposer {
    /// A person or organization the document names.
    Named {
        /// The proposer's mention (pronouns and titles resolved).
        agent: MentionId,
        /// The pronoun, title or name that stands for the proposer here.
        mention: MentionId,
    },
    /// A group a common noun names (專家, 部分媒體, 多名議員): `start..end` of the words,
    /// which are its name in this document only.
    Group((usize, usize)),
}

impl Proposer {
    /// The proposer's mention, when the proposer is named.
    pub fn agent(self) -> Option<MentionId> {
        match self {
            Proposer::Named { agent, .. } => Some(agent),
            Proposer::Group(_) => None,
        }
    }

    /// The pronoun, title or name that stands for a named proposer here.
    pub fn mention(self) -> Option<MentionId> {
        match self {
            Proposer::Named { mention, .. } => Some(mention),
            Proposer::Group(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
/// One proposal: who proposed what, to whom, where, with the spans it was read from.
pub struct Proposal {
    /// The proposer.
    pub proposer: Proposer,
    /// The cue word as written (建議, 提出 …).
    pub cue: String,
    /// `start..end` of the cue (for a continuation: of the first clause's cue).
    pub cue_span: (usize, usize),
    /// Explicit (建議, 提出) or soft (希望, an editorial "should").
    pub strength: Strength,
    /// `start..end` of the content.
    pub content: (usize, usize),
    /// Whom the proposal is addressed to.
    pub addressee: Option<Addressee>,
    /// The places the proposal concerns.
    pub places: Vec<MentionId>,
    /// The organizations the proposal concerns (other than the addressee).
    pub organizations: Vec<MentionId>,
    /// The occasion (會議, 施政報告 …) it was made at.
    pub occasion: Option<MentionId>,
    /// The sentence holding the cue.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: Rule,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
}

impl Proposal {
    /// Where the proposal starts in the text: its cue, or its content when that comes
    /// first (an item of a list, a should-clause whose speaker is named after it).
    pub fn start(&self) -> usize {
        self.cue_span.0.min(self.content.0)
    }
}

/// Everything the facts stage found in one document.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facts {
    /// Titles held, as written before names.
    pub positions: Vec<Position>,
    /// Proposals, in text order.
    pub proposals: Vec<Proposal>,
    /// For each mention: the person mention a pronoun (他, 她) or a title used alone (特首)
    /// refers to.
    pub antecedent: Vec<Option<MentionId>>,
    /// Which SAR each passage is about (特區政府 is its government).
    pub sar: Sar,
}

/// Extract facts from the mentions of one document; `original` is the text the document
/// was built from (its spaces, which layout repair drops, still mark subheadings).
pub fn extract(lx: &Lexicon, doc: &Document, mentions: &[Mention], original: &str) -> Facts {
    let view = view::View::new(lx, doc, mentions, original);
    let clauses = clauses::analyze(&view);
    let sar = Sar::new(lx, doc, mentions);
    let positions = positions::positions(&view, &sar);
    let mut antecedent = coreference::title_references(lx, &sar, &doc.simp, mentions, &positions);
    coreference::resolve_pronouns(&view, &clauses, &mut antecedent);
    let proposals = proposals::proposals(&view, &clauses, &antecedent);
    Facts {
        positions,
        proposals,
        antecedent,
        sar,
    }
}
