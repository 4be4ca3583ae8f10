//! zhkg turns Chinese news text into a knowledge graph: who proposed what, to whom, and
//! where.
//!
//! The pipeline runs one way, one module per stage (see `ARCHITECTURE.md`):
//!
//! | stage | module | produces |
//! |---|---|---|
//! | bytes → text | [`decode`] | [`decode::Decoded`] |
//! | layout repair | [`layout`] | [`layout::Layout`] (text + offset map + blocks) |
//! | sentences | [`sentence`] | [`sentence::Sentence`] |
//! | script view, tokens | [`script`], [`segment`] | Simplified view, [`segment::Token`] |
//! | mentions | [`recognize`] | [`recognize::Mention`] |
//! | facts | [`facts`] | [`facts::Position`], [`facts::Proposal`] |
//! | entities | [`link`] | [`link::Entity`] with stable IRIs |
//! | RDF | [`rdf`] | quads in the article's named graph |
//! | store | [`store`] | the on-disk oxigraph store |
//! | query, export, push | [`query`], [`export`], [`push`] | results, files for other tools, remote stores |
//! | explain | [`explain`] | why an entity is in the store: mentions, rules, facts |
//!
//! [`pipeline::analyze`] runs the extraction stages on one document; [`builder::build`]
//! runs them over a corpus into a store.

pub mod builder;
pub mod corpus;
pub mod decode;
pub mod explain;
pub mod export;
pub mod facts;
pub mod layout;
pub mod lexicon;
pub mod link;
pub mod ner;
pub mod pipeline;
pub mod push;
pub mod query;
pub mod rdf;
pub mod recognize;
pub mod report;
pub mod script;
pub mod segment;
pub mod sentence;
pub mod store;
pub mod vocab;
