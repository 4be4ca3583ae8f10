//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store`, read only: `?default` (the
//! default graph), `?graph=IRI` (one named graph), neither (the whole dataset); GET and
//! HEAD. Writes (PUT, POST, DELETE, PATCH) are answered `405`.

use oxhttp::model::{Body, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode};
use oxigraph::store::Store;

use crate::http::{negotiate, not_acceptable, too_large, with_body, Capped, Params, Refusal};
use crate::sparql::{method_not_allowed, GRAPH_OFFERS};

/// Media types for the whole dataset; the first is the default.
const DATASET_OFFERS: &[(&str, RdfFormat)] = &[
    ("application/trig", RdfFormat::TriG),
    ("application/n-quads", RdfFormat::NQuads),
    (
        "application/ld+json",
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    ),
];

fn internal(e: impl std::fmt::Display) -> Refusal {
    Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
}

/// Handle a request to the graph store.
pub fn handle(
    store: &Store,
    max_response: usize,
    request: &Request<Body>,
) -> Result<Response<Body>, Refusal> {
    let method = request.method().as_str();
    if !matches!(method, "GET" | "HEAD") {
        return Err(method_not_allowed("GET, HEAD"));
    }
    let params = Params::of_url(request);
    let graph = params.one("graph")?;
    let default = params.has("default");
    if graph.is_some() && default {
        return Err(Refusal::bad_request(
            "give either `default` or `graph=IRI`, not both",
        ));
    }
    let named;
    let (selected, offers): (Option<GraphNameRef<'_>>, &[(&str, RdfFormat)]) = match graph {
        Some(iri) => {
            named = NamedNode::new(iri)
                .map_err(|e| Refusal::bad_request(format!("`graph` is not an IRI ({e}): {iri}")))?;
            if !store.contains_named_graph(named.as_ref()).map_err(internal)? {
                return Err(Refusal::new(
                    StatusCode::NOT_FOUND,
                    format!("there is no graph <{iri}> in this store"),
                ));
            }
            (Some(GraphNameRef::NamedNode(named.as_ref())), GRAPH_OFFERS)
        }
        None if default => (Some(GraphNameRef::DefaultGraph), GRAPH_OFFERS),
        None => (None, DATASET_OFFERS),
    };
    let format = negotiate(request, offers).ok_or_else(|| not_acceptable(offers))?;
    let mut out = Capped::new(max_response);
    if method == "GET" {
        let written = (|| {
            let mut ser =
                zhkg_graph::vocab::prefixed(RdfSerializer::from_format(format)).for_writer(&mut out);
            for q in store.quads_for_pattern(None, None, None, selected) {
                let q = q.map_err(std::io::Error::other)?;
                if selected.is_some() {
                    ser.serialize_triple(q.as_ref())?;
                } else {
                    ser.serialize_quad(q.as_ref())?;
                }
            }
            ser.finish().map(|_| ())
        })();
        match written {
            Ok(()) => {}
            Err(e) if Capped::is_full(&e) => {
                return Err(too_large(
                    "graph",
                    max_response,
                    "ask for one graph (`graph=IRI`), or use `zhkg export`",
                ))
            }
            Err(e) => return Err(internal(e)),
        }
    }
    Ok(with_body(StatusCode::OK, format.media_type(), out.into_inner()))
}
