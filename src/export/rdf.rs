//! RDF dumps: the whole dataset (N-Quads, TriG) or its triples merged (Turtle, N-Triples,
//! RDF/XML, JSON-LD), prefixed and readable where the format allows.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Triple};
use oxigraph::store::Store;

use super::prefixed;

/// RDF formats zhkg writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rdf {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
}

impl Rdf {
    pub fn format(self) -> RdfFormat {
        match self {
            Rdf::Turtle => RdfFormat::Turtle,
            Rdf::NTriples => RdfFormat::NTriples,
            Rdf::NQuads => RdfFormat::NQuads,
            Rdf::TriG => RdfFormat::TriG,
            Rdf::RdfXml => RdfFormat::RdfXml,
            Rdf::JsonLd => RdfFormat::JsonLd {
                profile: Default::default(),
            },
        }
    }

    /// Can the format hold named graphs?
    pub fn has_graphs(self) -> bool {
        matches!(self, Rdf::NQuads | Rdf::TriG | Rdf::JsonLd)
    }
}

/// Write the store (or one named graph of it) in `format`. Formats without named graphs
/// get the union of the graphs' triples, each triple once.
pub fn write(
    store: &Store,
    format: Rdf,
    graph: Option<NamedNodeRef<'_>>,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut ser = prefixed(RdfSerializer::from_format(format.format())).for_writer(out);
    let mut n = 0;
    match graph {
        Some(g) => {
            for q in store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g))) {
                let q = q.map_err(std::io::Error::other)?;
                if format.has_graphs() {
                    ser.serialize_quad(&q)?;
                } else {
                    ser.serialize_triple(&Triple::from(q))?;
                }
                n += 1;
            }
        }
        None if format.has_graphs() => {
            for q in store.iter() {
                ser.serialize_quad(&q.map_err(std::io::Error::other)?)?;
                n += 1;
            }
        }
        None => {
            let mut triples: Vec<Triple> = Vec::new();
            for q in store.iter() {
                triples.push(q.map_err(std::io::Error::other)?.into());
            }
            triples.sort_unstable_by_key(|t| t.to_string());
            triples.dedup();
            for t in &triples {
                ser.serialize_triple(t)?;
            }
            n = triples.len();
        }
    }
    ser.finish()?;
    Ok(n)
}
