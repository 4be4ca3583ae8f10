//! Exports of the graph for other tools: RDF serializations, GraphViz diagrams and
//! property-graph databases.

use oxigraph::io::RdfSerializer;

/// Prefixes used when writing RDF and when shortening IRIs for display.
pub const PREFIXES: &[(&str, &str)] = &[
    ("zhkg", "https://w3id.org/zhkg/ontology#"),
    ("zid", "https://w3id.org/zhkg/id/"),
    ("schema", "http://schema.org/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    (
        "nif",
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    ),
    ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// A serializer with the project's prefixes declared (for formats that use them).
pub fn prefixed(mut ser: RdfSerializer) -> RdfSerializer {
    for (p, iri) in PREFIXES {
        ser = ser.with_prefix(*p, *iri).expect("valid prefix IRI");
    }
    ser
}

/// `http://schema.org/Person` → `schema:Person`; other IRIs unchanged.
pub fn compact_iri(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
            {
                return format!("{p}:{local}");
            }
        }
    }
    iri.to_string()
}

pub mod rdf;
