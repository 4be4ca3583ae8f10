//! GraphML of the whole property graph (every node and edge of [`super::model`]), written
//! with petgraph-graphml, for networkx, Gephi, yEd or Cytoscape.
//!
//! Nodes carry `type` (Person, Proposal …), `label`, `iri` and the kind's properties
//! (lists joined with `;`); edges carry `relation` (PROPOSED_BY …) and `property` (the RDF
//! property, `zhkg:proposedBy`). GraphML types every value as a string.

use std::borrow::Cow;
use std::io::Write;

use petgraph_graphml::GraphMl;

use super::model::PropertyGraph;
use super::ExportError;

/// Write `pg` as GraphML.
pub fn write(pg: &PropertyGraph, out: &mut dyn Write) -> Result<(), ExportError> {
    let io = |e| ExportError::Io("GraphML".into(), e);
    let mut buf: Vec<u8> = Vec::new();
    GraphMl::new(&pg.graph)
        .pretty_print(true)
        .export_node_weights(Box::new(|n| {
            let mut v: Vec<(Cow<'static, str>, Cow<'_, str>)> = vec![
                ("type".into(), n.kind.name().into()),
                ("label".into(), n.name.as_str().into()),
                ("iri".into(), n.iri.as_str().into()),
            ];
            for (k, val) in &n.props {
                v.push(((*k).into(), val.text(";").into()));
            }
            v
        }))
        .export_edge_weights(Box::new(|e| {
            vec![
                ("relation".into(), e.rel.name().into()),
                ("property".into(), e.rel.property().unwrap_or("").into()),
            ]
        }))
        .to_writer(&mut buf)
        .map_err(io)?;
    // petgraph-graphml declares its keys in hash order: sort them, for stable files.
    let text = String::from_utf8(buf).expect("GraphML is UTF-8");
    let mut lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| l.trim_start().starts_with("<key "));
    if let Some(first) = first {
        let end = first
            + lines[first..]
                .iter()
                .take_while(|l| l.trim_start().starts_with("<key "))
                .count();
        lines[first..end].sort_unstable();
    }
    for l in lines {
        writeln!(out, "{l}").map_err(io)?;
    }
    Ok(())
}
