//! RDF dumps: the whole dataset (N-Quads, TriG, JSON-LD keep the named graphs) or its
//! triples merged (Turtle, N-Triples, RDF/XML), prefixed and readable where the format
//! allows.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};

use crate::vocab::prefixed;

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

/// Write `quads` in `format` and return how many statements were written. Formats without
/// named graphs get the union of the graphs' triples, each triple once. Quads are written
/// in the order given (sorted by [`super::select`]), so subjects group together.
pub fn write(quads: &[Quad], format: Rdf, out: &mut dyn Write) -> std::io::Result<usize> {
    if format == Rdf::JsonLd {
        let mut expanded = Vec::new();
        let n = write_plain(quads, format, &mut expanded)?;
        let doc: serde_json::Value = serde_json::from_slice(&expanded).map_err(std::io::Error::other)?;
        serde_json::to_writer_pretty(&mut *out, &compact_json_ld(doc)).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        return Ok(n);
    }
    write_plain(quads, format, out)
}

fn write_plain(quads: &[Quad], format: Rdf, out: &mut dyn Write) -> std::io::Result<usize> {
    let mut ser = prefixed(RdfSerializer::from_format(format.format())).for_writer(out);
    let n = if format.has_graphs() {
        for q in quads {
            ser.serialize_quad(q)?;
        }
        quads.len()
    } else {
        let mut triples: Vec<Triple> = quads.iter().map(|q| Triple::from(q.clone())).collect();
        triples.sort_unstable_by_key(|t| t.to_string());
        triples.dedup();
        for t in &triples {
            ser.serialize_triple(t)?;
        }
        triples.len()
    };
    ser.finish()?;
    Ok(n)
}

/// Make oxigraph's expanded JSON-LD readable: a `@context` declaring the project's prefixes,
/// and compact IRIs (`schema:Person`) for properties, `@id`s and datatypes wherever the
/// prefix covers the IRI. The same triples come out when it is read back.
fn compact_json_ld(doc: serde_json::Value) -> serde_json::Value {
    use serde_json::{Map, Value};
    fn walk(v: Value) -> Value {
        match v {
            Value::Array(items) => Value::Array(items.into_iter().map(walk).collect()),
            Value::Object(map) => {
                let mut out = Map::new();
                for (k, v) in map {
                    let v = match (k.as_str(), v) {
                        ("@id" | "@type", Value::String(s)) => Value::String(crate::vocab::compact_iri(&s)),
                        (_, v) => walk(v),
                    };
                    let k = if k.starts_with('@') {
                        k
                    } else {
                        crate::vocab::compact_iri(&k)
                    };
                    out.insert(k, v);
                }
                Value::Object(out)
            }
            v => v,
        }
    }
    let mut context = Map::new();
    for (p, iri) in crate::vocab::PREFIXES {
        context.insert(p.to_string(), Value::String(iri.to_string()));
    }
    let graph = match walk(doc) {
        Value::Object(mut m) if m.contains_key("@graph") => m.remove("@graph").unwrap_or(Value::Null),
        v => v,
    };
    let mut top = Map::new();
    top.insert("@context".into(), Value::Object(context));
    top.insert("@graph".into(), graph);
    Value::Object(top)
}
