//! A folder for Kùzu (and its fork LadybugDB): `schema.cypher` creates the node and
//! relationship tables, `copy.cypher` fills them with `COPY FROM` the CSV files beside it.
//!
//! ```sh
//! cd output/kuzu && kuzu ../graph.kuzu < schema.cypher && kuzu ../graph.kuzu < copy.cypher
//! ```
//! Node tables are keyed by `iri`; relationship tables list every pair of node tables
//! they may join (PROPOSED_BY: Proposal to Person or Organization), and each pair has its
//! own CSV file. Lists are written `[a,b]`.

use std::path::Path;

use super::model::{Kind, PropertyGraph, Rel, Type, Value};
use super::{csv_header, csv_line, write_in, ExportError, FolderContents};

fn ddl_type(t: Type) -> &'static str {
    match t {
        Type::String => "STRING",
        Type::Double => "DOUBLE",
        Type::StringList => "STRING[]",
    }
}

fn value_field(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Text(t) => Some(t.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::List(items) => Some(format!(
            "[{}]",
            items
                .iter()
                .map(|i| {
                    i.chars()
                        .map(|c| match c {
                            ',' => '，',
                            '[' => '［',
                            ']' => '］',
                            c => c,
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(",")
        )),
    }
}

/// The DDL of every node and relationship table zhkg writes (whether or not the export
/// has rows for it), so that later exports can be copied into the same database.
pub fn schema() -> String {
    let mut out = String::from("// Kùzu schema of zhkg's property graph. Run once on an empty database.\n");
    for kind in Kind::ALL {
        let mut cols = vec!["iri STRING PRIMARY KEY".to_string()];
        cols.extend(
            kind.columns()
                .iter()
                .map(|c| format!("{} {}", c.name, ddl_type(c.ty))),
        );
        out.push_str(&format!(
            "CREATE NODE TABLE {}({});\n",
            kind.name(),
            cols.join(", ")
        ));
    }
    for rel in Rel::ALL {
        let pairs: Vec<String> = rel
            .pairs()
            .iter()
            .map(|(a, b)| format!("FROM {} TO {}", a.name(), b.name()))
            .collect();
        out.push_str(&format!(
            "CREATE REL TABLE {}({});\n",
            rel.name(),
            pairs.join(", ")
        ));
    }
    out
}

/// CSV file of a relationship table's pair.
pub fn rel_file(rel: Rel, from: Kind, to: Kind) -> String {
    format!("{}__{}__{}.csv", rel.name(), from.name(), to.name())
}

/// Write the Kùzu folder's files into `dir` (an empty folder).
pub fn write(pg: &PropertyGraph, dir: &Path) -> Result<FolderContents, ExportError> {
    let g = &pg.graph;
    let mut w = FolderContents::default();
    let mut copy = String::from(
        "// Fill the tables of schema.cypher; run from this folder (COPY paths are relative).\n",
    );
    for kind in Kind::ALL {
        let nodes: Vec<_> = g.node_weights().filter(|n| n.kind == kind).collect();
        if nodes.is_empty() {
            continue;
        }
        let mut header = vec!["iri".to_string()];
        header.extend(kind.columns().iter().map(|c| c.name.to_string()));
        let mut text = csv_header(&header);
        for n in &nodes {
            let mut fields = vec![Some(n.iri.clone())];
            fields.extend(kind.columns().iter().map(|c| value_field(n.prop(c.name))));
            text.push_str(&csv_line(&fields));
        }
        let file = format!("{}.csv", kind.name());
        write_in(dir, &file, text.as_bytes())?;
        copy.push_str(&format!("COPY {} FROM '{file}' (header=true);\n", kind.name()));
        w.nodes += nodes.len();
        w.files.push(file);
    }
    let by_file = pg.edges_by_type();
    for ((rel, from, to), pairs) in &by_file {
        let mut text = csv_header(&["from".into(), "to".into()]);
        for (a, b) in pairs {
            text.push_str(&csv_line(&[Some(a.clone()), Some(b.clone())]));
        }
        let file = rel_file(*rel, *from, *to);
        write_in(dir, &file, text.as_bytes())?;
        copy.push_str(&format!(
            "COPY {} FROM '{file}' (from='{}', to='{}', header=true);\n",
            rel.name(),
            from.name(),
            to.name()
        ));
        w.relationships += pairs.len();
        w.files.push(file);
    }
    write_in(dir, "schema.cypher", schema().as_bytes())?;
    write_in(dir, "copy.cypher", copy.as_bytes())?;
    w.files.push("schema.cypher".into());
    w.files.push("copy.cypher".into());
    Ok(w)
}
