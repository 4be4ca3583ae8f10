//! zhkg-extract: from Chinese news text to people, organizations, places, positions and
//! proposals, with the source span of every fact. It knows nothing of RDF or stores
//! (that is `zhkg-graph`).
//!
//! ```
//! use zhkg_extract::{Extractor, Kind};
//!
//! // Lexicons, segmenter and name model: build once, share between threads.
//! let extractor = Extractor::embedded();
//! let a = extractor.analyze_text(
//!     "a.txt",
//!     "【本報訊】全國政協委員黃錦輝建議特區政府在北部都會區設立大學城。",
//! );
//! let people: Vec<&str> = a.mentions.iter().filter(|m| m.kind == Kind::Person).map(|m| m.text.as_str()).collect();
//! assert_eq!(people, ["黃錦輝"]);
//! let p = &a.facts.proposals[0];
//! let who = p.proposer.mention().map(|m| a.mentions[m].text.as_str());
//! println!("{who:?} proposed: {}", a.doc.slice(p.content.0, p.content.1));
//! ```
//!
//! The pipeline runs one way (see `ARCHITECTURE.md`): bytes are decoded ([`decode`]),
//! the layout of PDF-extracted text repaired ([`Layout`]: text plus a map back to the
//! original offsets), the text cut into sentences and tokens on its Simplified view
//! ([`Document`]), names found by the sequence model ([`NerModel`]) and the rules
//! ([`Mention`]), facts read from the mentions ([`Facts`]: [`Position`]s and
//! [`Proposal`]s) and mentions linked to entities ([`Linked`]). [`Extractor::analyze`]
//! runs it all on one document and returns an [`Analysis`].
//!
//! Everything the stages know besides the text comes from the [`Extractor`]: the built-in
//! lexicons and model ([`Extractor::embedded`]) or the built-in ones plus a folder of the
//! user's lexicon files ([`Extractor::with_lexicon_folder`]).

#![deny(missing_docs)]

mod corpus;
mod decode;
mod facts;
mod layout;
mod lexicon;
mod link;
pub mod ner;
mod pipeline;
mod recognize;
mod report;
mod rules;
mod script;
mod segment;
mod sentence;

pub use corpus::{discover, document_name, read, Problem};
pub use decode::{decode, DecodeError, Decoded, DEFAULT_MAX_BYTES};
pub use facts::{Addressee, Facts, MentionId, OrgRef, Position, Proposal, Proposer, Sar, Strength};
pub use layout::{Block, BlockKind, Layout, WordOracle};
pub use lexicon::{
    Abbreviation, CueEntry, CueStrength, Lexicon, LexiconError, OrgEntry, PlaceEntry, PostEntry, Role,
    Suffix, Term, FILES as LEXICON_FILES,
};
pub use link::{canonical, mint, slug, Entity, EntityId, Linked};
pub use ner::{NerLabel, NerModel, NerSpan};
pub use pipeline::{Analysis, Document, Extractor, Source, Stage};
pub use recognize::{Kind, Mention};
pub use report::{to_json, write_text};
pub use rules::Rule;
pub use script::{convert, detect as detect_script, is_han, to_simplified, to_traditional, Script};
pub use segment::{Segmenter, Token};
pub use sentence::Sentence;
