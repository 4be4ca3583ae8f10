//! `zhkg explain NAME`: why the store holds an entity (or a group proposals are addressed
//! to) — every mention with the rule that
//! found it and its source sentence, the positions and proposals it takes part in, each
//! with its rule, confidence and evidence. Read from the store with SPARQL, so it explains
//! what was built, not what the current code would extract.

use std::collections::BTreeMap;
use std::io::Write;

use oxigraph::store::Store;

use zhkg_extract::{to_simplified, to_traditional};

use crate::query::{string_literal, QueryError, RunOptions};

/// A name as written and in both scripts, without repeats (國務院 → 國務院, 国务院).
pub fn script_forms(name: &str) -> Vec<String> {
    [name.to_string(), to_traditional(name), to_simplified(name)]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn rows(store: &Store, query: &str) -> Result<Vec<BTreeMap<String, String>>, QueryError> {
    let query = format!("{}{query}", crate::vocab::sparql_prologue());
    crate::query::select_rows(store, &query, &RunOptions::default())
}

/// Write the explanation of every entity (or audience) one of whose names is `name`
/// (either script).
/// Returns how many entities matched.
pub fn explain(store: &Store, name: &str, out: &mut dyn Write) -> Result<usize, QueryError> {
    let values = script_forms(name)
        .iter()
        .map(|f| string_literal(f))
        .collect::<Vec<_>>()
        .join(" ");
    let entities = rows(
        store,
        &format!(
            "SELECT DISTINCT ?e ?type WHERE {{
               VALUES ?n {{ {values} }}
               GRAPH ?g {{ ?e skos:prefLabel|skos:altLabel ?l ; a ?type }}
               FILTER(STR(?l) = ?n)
               FILTER(?type IN (schema:Person, schema:Organization, schema:Place, zhkg:Audience))
             }} ORDER BY ?e"
        ),
    )?;
    for ent in &entities {
        let e = &ent["e"];
        let kind = ent["type"].rsplit(['/', '#']).next().unwrap_or("").to_lowercase();
        let names = rows(
            store,
            &format!("SELECT DISTINCT ?l WHERE {{ GRAPH ?g {{ <{e}> skos:prefLabel|skos:altLabel ?l }} }} ORDER BY ?l"),
        )?;
        let names: Vec<&str> = names.iter().map(|r| r["l"].as_str()).collect();
        writeln!(out, "{name} ({kind}) <{e}>")?;
        writeln!(out, "  names: {}", names.join(", "))?;
        let mentions = rows(
            store,
            &format!(
                "SELECT ?doc ?b ?e2 ?a ?rule ?c ?s WHERE {{ GRAPH ?g {{ ?g dcterms:identifier ?doc .
                   ?m itsrdf:taIdentRef <{e}> ; nif:beginIndex ?b ; nif:endIndex ?e2 ; nif:anchorOf ?a ;
                      zhkg:rule ?rule ; zhkg:confidence ?c ; nif:sentence/zhkg:text ?s }} }}
                 ORDER BY ?doc ?b"
            ),
        )?;
        writeln!(out, "  mentions ({}):", mentions.len())?;
        for m in &mentions {
            writeln!(
                out,
                "    {} {}..{} {} [{} {}] {}",
                m["doc"],
                m["b"],
                m["e2"],
                m["a"].replace('\n', "⏎"),
                m["rule"],
                m["c"],
                m["s"]
            )?;
        }
        let positions = rows(
            store,
            &format!(
                "SELECT ?doc ?title ?org ?rule ?c WHERE {{ GRAPH ?g {{ ?g dcterms:identifier ?doc .
                   ?ms org:member <{e}> ; zhkg:titleAsWritten ?title ; zhkg:rule ?rule ; zhkg:confidence ?c .
                   OPTIONAL {{ ?ms org:organization/skos:prefLabel ?org }} }} }} ORDER BY ?doc ?title"
            ),
        )?;
        if !positions.is_empty() {
            writeln!(out, "  positions:")?;
            for p in &positions {
                let org = p
                    .get("org")
                    .filter(|o| !o.is_empty())
                    .map(|o| format!(" → {o}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "    {} {}{org} [{} {}]",
                    p["doc"], p["title"], p["rule"], p["c"]
                )?;
            }
        }
        let proposals = rows(
            store,
            &format!(
                "SELECT ?doc ?role ?cue ?t ?rule ?c ?s WHERE {{ GRAPH ?g {{ ?g dcterms:identifier ?doc .
                   ?p a zhkg:Proposal ; zhkg:text ?t ; zhkg:cue ?cue ; zhkg:rule ?rule ; zhkg:confidence ?c ;
                      zhkg:strength ?s .
                   {{ ?p zhkg:proposedBy <{e}> BIND(\"proposer\" AS ?role) }}
                   UNION {{ ?p zhkg:addressedTo <{e}> BIND(\"addressee\" AS ?role) }}
                   UNION {{ ?p zhkg:concernsPlace <{e}> BIND(\"place\" AS ?role) }}
                   UNION {{ ?p zhkg:concernsOrganization <{e}> BIND(\"organization\" AS ?role) }} }} }}
                 ORDER BY ?doc ?role ?t"
            ),
        )?;
        if !proposals.is_empty() {
            writeln!(out, "  proposals:")?;
            for p in &proposals {
                let strength = p["s"].rsplit('#').next().unwrap_or("").to_lowercase();
                writeln!(
                    out,
                    "    {} as {}: [{} {}] {} [{} {}]",
                    p["doc"], p["role"], strength, p["cue"], p["t"], p["rule"], p["c"]
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(entities.len())
}
