//! A folder for Neo4j: node and relationship CSV files with typed headers for
//! `neo4j-admin database import full` (the fast bulk loader, `import.sh`), and a Cypher
//! script of `LOAD CSV` / `MERGE` statements (`import.cypher`) that loads the same files
//! into a running database, idempotently.
//!
//! ```text
//! nodes/Person.csv             iri:ID(Person),name:string,aliases:string[],:LABEL
//! relationships/PROPOSED_BY__Proposal__Person.csv
//!                              :START_ID(Proposal),:END_ID(Person),:TYPE
//! ```
//! Each node label has its own ID space (the label), so relationship files name the
//! labels of both ends. Lists use `;` (neo4j-admin's default array delimiter).

use std::path::Path;

use super::model::{Kind, PropertyGraph, Rel, Type, Value};
use super::{csv_header, csv_line, write_in, ExportError, FolderContents};

fn type_suffix(t: Type) -> &'static str {
    match t {
        Type::String => "string",
        Type::Double => "double",
        Type::StringList => "string[]",
    }
}

/// A list value for a `;`-delimited array field (a `;` inside an item becomes `；`).
pub(crate) fn list_field(items: &[String], sep: char, replacement: char) -> String {
    items
        .iter()
        .map(|i| i.replace(sep, &replacement.to_string()))
        .collect::<Vec<_>>()
        .join(&sep.to_string())
}

fn value_field(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Text(t) => Some(t.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::List(items) => Some(list_field(items, ';', '；')),
    }
}

/// Node file name, relationship file name.
pub fn node_file(kind: Kind) -> String {
    format!("nodes/{}.csv", kind.name())
}
pub fn rel_file(rel: Rel, from: Kind, to: Kind) -> String {
    format!("relationships/{}__{}__{}.csv", rel.name(), from.name(), to.name())
}

/// Write the Neo4j folder's files into `dir` (an empty folder, perhaps under a temporary
/// name); `folder` is the name the folder will have, which the Cypher script's paths use.
pub fn write(pg: &PropertyGraph, dir: &Path, folder: &str) -> Result<FolderContents, ExportError> {
    let g = &pg.graph;
    let mut w = FolderContents::default();
    let mut cypher = String::new();
    cypher.push_str(&format!(
        "// Load zhkg's graph into a running Neo4j (5.x) with LOAD CSV; re-running it changes nothing.\n\
         // Copy this folder into Neo4j's import directory as `{folder}`, then:\n\
         //   cypher-shell -u neo4j -p PASSWORD -f {folder}/import.cypher\n\
         // (For an empty database, `sh import.sh` with neo4j-admin is faster.)\n\n"
    ));
    let mut kinds = Vec::new();
    for kind in Kind::ALL {
        let nodes: Vec<_> = g.node_weights().filter(|n| n.kind == kind).collect();
        if nodes.is_empty() {
            continue;
        }
        kinds.push(kind);
        let mut header = vec![format!("iri:ID({})", kind.name())];
        header.extend(
            kind.columns()
                .iter()
                .map(|c| format!("{}:{}", c.name, type_suffix(c.ty))),
        );
        header.push(":LABEL".into());
        let mut text = csv_header(&header);
        for n in &nodes {
            let mut fields = vec![Some(n.iri.clone())];
            fields.extend(kind.columns().iter().map(|c| value_field(n.prop(c.name))));
            fields.push(Some(kind.name().to_string()));
            text.push_str(&csv_line(&fields));
        }
        let file = node_file(kind);
        write_in(dir, &file, text.as_bytes())?;
        w.nodes += nodes.len();
        w.files.push(file.clone());

        let label = kind.name();
        cypher.push_str(&format!(
            "CREATE CONSTRAINT zhkg_{l}_iri IF NOT EXISTS FOR (n:{label}) REQUIRE n.iri IS UNIQUE;\n",
            l = label.to_lowercase()
        ));
        let mut sets = Vec::new();
        for c in kind.columns() {
            let col = format!("row.`{}:{}`", c.name, type_suffix(c.ty));
            let value = match c.ty {
                Type::String => col,
                Type::Double => format!("toFloat({col})"),
                Type::StringList => {
                    format!("CASE WHEN {col} IS NULL OR {col} = '' THEN [] ELSE split({col}, ';') END")
                }
            };
            sets.push(format!("n.{} = {value}", c.name));
        }
        cypher.push_str(&format!(
            "LOAD CSV WITH HEADERS FROM 'file:///{folder}/{file}' AS row\n\
             MERGE (n:{label} {{iri: row.`iri:ID({label})`}})\n\
             SET {};\n\n",
            sets.join(", ")
        ));
    }

    let by_file = pg.edges_by_type();
    let mut rel_files = Vec::new();
    for ((rel, from, to), pairs) in &by_file {
        let header = vec![
            format!(":START_ID({})", from.name()),
            format!(":END_ID({})", to.name()),
            ":TYPE".to_string(),
        ];
        let mut text = csv_header(&header);
        for (a, b) in pairs {
            text.push_str(&csv_line(&[
                Some(a.clone()),
                Some(b.clone()),
                Some(rel.name().to_string()),
            ]));
        }
        let file = rel_file(*rel, *from, *to);
        write_in(dir, &file, text.as_bytes())?;
        w.relationships += pairs.len();
        w.files.push(file.clone());
        rel_files.push(file.clone());
        cypher.push_str(&format!(
            "LOAD CSV WITH HEADERS FROM 'file:///{folder}/{file}' AS row\n\
             MATCH (a:{f} {{iri: row.`:START_ID({f})`}})\n\
             MATCH (b:{t} {{iri: row.`:END_ID({t})`}})\n\
             MERGE (a)-[:{r}]->(b);\n\n",
            f = from.name(),
            t = to.name(),
            r = rel.name()
        ));
    }

    let mut sh = String::from(
        "#!/bin/sh\n\
         # Bulk-load this folder into a new Neo4j 5 database with neo4j-admin (stop Neo4j first;\n\
         # the database is replaced). Usage: sh import.sh [DATABASE]   (default: neo4j)\n\
         set -e\ncd \"$(dirname \"$0\")\"\n\
         exec neo4j-admin database import full --overwrite-destination --array-delimiter=';' \\\n",
    );
    for k in &kinds {
        sh.push_str(&format!("  --nodes={} \\\n", node_file(*k)));
    }
    for f in &rel_files {
        sh.push_str(&format!("  --relationships={f} \\\n"));
    }
    sh.push_str("  \"${1:-neo4j}\"\n");
    write_in(dir, "import.sh", sh.as_bytes())?;
    write_in(dir, "import.cypher", cypher.as_bytes())?;
    w.files.push("import.sh".into());
    w.files.push("import.cypher".into());
    Ok(w)
}
