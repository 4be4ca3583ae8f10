//! zhkg-graph: the graph side of zhkg. Extraction results ([`zhkg_extract`]) become RDF in
//! one named graph per article ([`rdf`]), kept in an oxigraph store on disk ([`store`],
//! built by [`builder`]), queried with SPARQL ([`query`]), explained ([`explain`]),
//! exported for other tools ([`export`]) and pushed to remote stores ([`push`], feature
//! `push`).

pub mod builder;
pub mod explain;
pub mod export;
#[cfg(feature = "push")]
pub mod push;
pub mod query;
pub mod rdf;
pub mod store;
pub mod vocab;
