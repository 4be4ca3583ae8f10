//! A small JSON API for the page, where SPARQL alone is awkward: finding entities (and the
//! groups that propose or are addressed: 市民, 有關部門) by any name in either script, by
//! pinyin or by a fragment (`/api/search`), an entity's or a proposal's neighbourhood with
//! per-type limits (`/api/node`), an entity's mentions
//! (`/api/mentions`), the article behind a fact or mention with its evidence spans
//! (`/api/source`), and the ready queries (`/api/queries`).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use oxhttp::model::{Body, Request, Response, StatusCode};
use oxigraph::model::NamedNode;
use oxigraph::store::Store;
use serde_json::{json, Value};
use zhkg_graph::explain::script_forms;
use zhkg_graph::query::{select_rows, string_literal, QueryError, RunOptions};

use crate::http::{json as json_response, Params, Refusal};

type Row = BTreeMap<String, String>;

/// Answers the API's requests from one store.
pub struct Api<'a> {
    pub store: &'a Store,
    pub timeout: Option<Duration>,
}

/// The ready queries of `queries/`, compiled in: (file name, text).
pub const QUERIES: &[(&str, &str)] = &[
    (
        "who-proposed-what.rq",
        include_str!("../../../queries/who-proposed-what.rq"),
    ),
    (
        "proposals-by-place.rq",
        include_str!("../../../queries/proposals-by-place.rq"),
    ),
    (
        "proposals-addressed-to.rq",
        include_str!("../../../queries/proposals-addressed-to.rq"),
    ),
    (
        "people-and-positions.rq",
        include_str!("../../../queries/people-and-positions.rq"),
    ),
    (
        "members-of-organization.rq",
        include_str!("../../../queries/members-of-organization.rq"),
    ),
    ("positions.rq", include_str!("../../../queries/positions.rq")),
    ("people.rq", include_str!("../../../queries/people.rq")),
    (
        "organizations.rq",
        include_str!("../../../queries/organizations.rq"),
    ),
    ("places.rq", include_str!("../../../queries/places.rq")),
    ("mentions.rq", include_str!("../../../queries/mentions.rq")),
];

/// Kinds of nodes the page draws, by class IRI.
const NODE_TYPES: &[(&str, &str)] = &[
    ("http://schema.org/Person", "Person"),
    ("http://schema.org/Organization", "Organization"),
    ("http://schema.org/Place", "Place"),
    ("http://schema.org/Event", "Event"),
    ("https://w3id.org/zhkg/ontology#Audience", "Audience"),
    ("https://w3id.org/zhkg/ontology#Proposal", "Proposal"),
    ("http://www.w3.org/ns/org#Membership", "Membership"),
];

/// Edges from a proposal, by property: (local name, label for the page).
const PROPOSAL_LINKS: &[(&str, &str)] = &[
    ("proposedBy", "提出 proposed by"),
    ("addressedTo", "向 addressed to"),
    ("concernsPlace", "地點 place"),
    ("concernsOrganization", "機構 organization"),
    ("proposedAt", "場合 occasion"),
];

const DEFAULT_LIMIT: usize = 12;
const MAX_LIMIT: usize = 200;

fn iri_param(params: &Params, name: &str) -> Result<NamedNode, Refusal> {
    let v = params
        .one(name)?
        .ok_or_else(|| Refusal::bad_request(format!("give `{name}=IRI`")))?;
    NamedNode::new(v).map_err(|e| Refusal::bad_request(format!("`{name}` is not an IRI ({e}): {v}")))
}

fn limit_param(params: &Params) -> Result<usize, Refusal> {
    match params.one("limit")? {
        None => Ok(DEFAULT_LIMIT),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                Refusal::bad_request(format!("`limit` is a number from 1 to {MAX_LIMIT}, not {v}"))
            }),
    }
}

/// `Fēng Qīng` → `fengqing`: a query in pinyin (tone marks, spaces, hyphens and case
/// ignored) as the entity IRIs spell it; `None` unless it is Latin letters only.
pub fn pinyin_key(q: &str) -> Option<String> {
    const TONES: &[(&str, char)] = &[
        ("āáǎà", 'a'),
        ("ēéěè", 'e'),
        ("īíǐì", 'i'),
        ("ōóǒò", 'o'),
        ("ūúǔù", 'u'),
        ("ǖǘǚǜü", 'v'),
    ];
    let mut out = String::new();
    for c in q.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() {
            out.push(c);
        } else if let Some((_, base)) = TONES.iter().find(|(marked, _)| marked.contains(c)) {
            out.push(*base);
        } else if !matches!(c, ' ' | '-' | '\'' | '’' | '·') {
            return None;
        }
    }
    (out.len() >= 2).then_some(out)
}

impl Api<'_> {
    fn rows(&self, query: &str) -> Result<Vec<Row>, Refusal> {
        let query = format!("{}{query}", zhkg_graph::vocab::sparql_prologue());
        select_rows(self.store, &query, &RunOptions::with_timeout(self.timeout)).map_err(|e| {
            let status = match e {
                QueryError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            Refusal::new(status, e.to_string())
        })
    }

    /// Dispatch `/api/<name>`.
    pub fn handle(&self, name: &str, request: &Request<Body>) -> Result<Response<Body>, Refusal> {
        if !matches!(request.method().as_str(), "GET" | "HEAD") {
            return Err(crate::sparql::method_not_allowed("GET, HEAD"));
        }
        let params = Params::of_url(request);
        let value = match name {
            "queries" => Ok(queries()),
            "search" => self.search(&params),
            "node" => self.node(&iri_param(&params, "iri")?, limit_param(&params)?),
            "mentions" => self.mentions(&iri_param(&params, "iri")?),
            "source" => self.source(&iri_param(&params, "iri")?),
            _ => Err(Refusal::new(
                StatusCode::NOT_FOUND,
                format!("no API call /api/{name} (there are queries, search, node, mentions, source)"),
            )),
        }?;
        Ok(json_response(&value))
    }

    /// Entities any of whose names matches `q` in either script, as a whole, at its start
    /// or inside, or whose pinyin does; best matches first.
    fn search(&self, params: &Params) -> Result<Value, Refusal> {
        let q = params.one("q")?.unwrap_or("").trim().to_string();
        if q.is_empty() {
            return Err(Refusal::bad_request(
                "give `q=` a name, part of one, or its pinyin",
            ));
        }
        let limit = if params.has("limit") {
            limit_param(params)?
        } else {
            20
        };
        let forms: Vec<String> = script_forms(&q.to_lowercase())
            .iter()
            .map(|f| string_literal(f))
            .collect();
        let any = |test: &str| {
            forms
                .iter()
                .map(|f| test.replace("F", f))
                .collect::<Vec<_>>()
                .join(" || ")
        };
        let pinyin = pinyin_key(&q).map(|p| string_literal(&p));
        let pinyin_test = pinyin
            .as_ref()
            .map_or("false".to_string(), |p| format!("CONTAINS(?py, {p})"));
        let pinyin_exact = pinyin
            .as_ref()
            .map_or("false".to_string(), |p| format!("?py = {p}"));
        let found = self.rows(&format!(
            "SELECT ?e (MAX(?s) AS ?score) WHERE {{
               GRAPH ?g {{ ?e a ?type ; skos:prefLabel|skos:altLabel ?n .
                 FILTER(?type IN (schema:Person, schema:Organization, schema:Place, zhkg:Audience)) }}
               BIND(LCASE(STR(?n)) AS ?ln)
               BIND(REPLACE(REPLACE(STR(?e), \"^.*/|-[0-9a-f]{{8}}$\", \"\"), \"-\", \"\") AS ?py)
               BIND(IF({exact} || {pinyin_exact}, 3, IF({prefix}, 2, IF({inside} || {pinyin_test}, 1, 0))) AS ?s)
               FILTER(?s > 0)
             }} GROUP BY ?e ORDER BY DESC(?score) ?e LIMIT {limit}",
            exact = any("?ln = F"),
            prefix = any("STRSTARTS(?ln, F)"),
            inside = any("CONTAINS(?ln, F)"),
        ))?;
        let scores: BTreeMap<String, u32> = found
            .iter()
            .map(|r| (r["e"].clone(), r["score"].parse().unwrap_or(0)))
            .collect();
        let mut nodes = self.describe(scores.keys().cloned().collect())?;
        nodes.sort_by_key(|n| {
            let label = n["label"].as_str().unwrap_or("").to_string();
            let score = scores.get(n["id"].as_str().unwrap_or("")).copied().unwrap_or(0);
            (std::cmp::Reverse(score), label.chars().count(), label)
        });
        for n in &mut nodes {
            let id = n["id"].as_str().unwrap_or("").to_string();
            n["score"] = json!(scores.get(&id).copied().unwrap_or(0));
        }
        Ok(json!({ "query": q, "results": nodes }))
    }

    /// Type, label and every name of each IRI (entities, proposals, memberships).
    fn describe(&self, iris: BTreeSet<String>) -> Result<Vec<Value>, Refusal> {
        if iris.is_empty() {
            return Ok(Vec::new());
        }
        let values: Vec<String> = iris.iter().map(|i| format!("<{i}>")).collect();
        let types: Vec<String> = NODE_TYPES.iter().map(|(t, _)| format!("<{t}>")).collect();
        let rows = self.rows(&format!(
            "SELECT ?x ?type ?name ?pref ?text ?role WHERE {{
               VALUES ?x {{ {} }}
               GRAPH ?g {{
                 ?x a ?type . FILTER(?type IN ({}))
                 OPTIONAL {{ ?x skos:prefLabel ?pref }}
                 OPTIONAL {{ ?x skos:altLabel ?name }}
                 OPTIONAL {{ ?x zhkg:text ?text }}
                 OPTIONAL {{ ?x zhkg:titleAsWritten ?role }}
               }}
             }}",
            values.join(" "),
            types.join(", ")
        ))?;
        let mut by: BTreeMap<String, (String, BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
        for r in rows {
            let kind = NODE_TYPES
                .iter()
                .find(|(t, _)| *t == r["type"])
                .map_or("", |(_, k)| *k);
            let entry = by.entry(r["x"].clone()).or_default();
            entry.0 = kind.to_string();
            for key in ["pref", "text", "role"] {
                if !r[key].is_empty() {
                    entry.1.insert(r[key].clone());
                }
            }
            for key in ["pref", "name"] {
                if !r[key].is_empty() {
                    entry.2.insert(r[key].clone());
                }
            }
        }
        Ok(by
            .into_iter()
            .map(|(id, (kind, labels, names))| {
                // The shortest preferred label (the name as most often written), stable.
                let label = labels
                    .iter()
                    .min_by_key(|l| (l.chars().count(), (*l).clone()))
                    .cloned()
                    .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(&id).to_string());
                json!({ "id": id, "type": kind, "label": label, "names": names })
            })
            .collect())
    }

    /// The node and its neighbours: for an entity, the proposals it takes part in (with
    /// all their participants) and its memberships; for a proposal, its participants; at
    /// most `limit` proposals and `limit` memberships, with counts of the rest.
    fn node(&self, iri: &NamedNode, limit: usize) -> Result<Value, Refusal> {
        let center = self.describe(BTreeSet::from([iri.as_str().to_string()]))?;
        let Some(center) = center.into_iter().next() else {
            return Err(Refusal::new(
                StatusCode::NOT_FOUND,
                format!("nothing in the store is described as {iri}"),
            ));
        };
        let mut edges: Vec<Value> = Vec::new();
        let mut others: BTreeSet<String> = BTreeSet::new();
        let mut hidden = serde_json::Map::new();
        let links: Vec<String> = PROPOSAL_LINKS.iter().map(|(p, _)| format!("zhkg:{p}")).collect();
        let proposals: Vec<String> = if center["type"] == "Proposal" {
            vec![iri.as_str().to_string()]
        } else {
            let all = self.rows(&format!(
                "SELECT DISTINCT ?p WHERE {{ GRAPH ?g {{ ?p ?link {iri} . FILTER(?link IN ({})) }} }} ORDER BY ?p",
                links.join(", ")
            ))?;
            if all.len() > limit {
                hidden.insert("Proposal".into(), json!(all.len() - limit));
            }
            all.into_iter().take(limit).map(|r| r["p"].clone()).collect()
        };
        if !proposals.is_empty() {
            let values: Vec<String> = proposals.iter().map(|p| format!("<{p}>")).collect();
            let rows = self.rows(&format!(
                "SELECT DISTINCT ?p ?link ?x WHERE {{ VALUES ?p {{ {} }}
                   GRAPH ?g {{ ?p ?link ?x . FILTER(?link IN ({})) }} }} ORDER BY ?p ?link ?x",
                values.join(" "),
                links.join(", ")
            ))?;
            for r in rows {
                let local = r["link"].rsplit('#').next().unwrap_or("");
                let label = PROPOSAL_LINKS
                    .iter()
                    .find(|(p, _)| *p == local)
                    .map_or(local, |(_, l)| *l);
                edges.push(json!({
                    "id": format!("{} {local} {}", r["p"], r["x"]),
                    "source": r["p"], "target": r["x"], "label": label, "kind": local, "fact": r["p"],
                }));
                others.insert(r["p"].clone());
                others.insert(r["x"].clone());
            }
        }
        if center["type"] != "Proposal" {
            let all = self.rows(&format!(
                "SELECT ?m ?person ?org (MIN(STR(?title)) AS ?role) WHERE {{ GRAPH ?g {{
                   ?m a org:Membership ; org:member ?person ; zhkg:titleAsWritten ?title .
                   OPTIONAL {{ ?m org:organization ?org }}
                   FILTER(?person = {iri} || ?org = {iri}) }} }}
                 GROUP BY ?m ?person ?org ORDER BY ?m"
            ))?;
            if all.len() > limit {
                hidden.insert("Membership".into(), json!(all.len() - limit));
            }
            for r in all.into_iter().take(limit) {
                // A membership in an organization is an edge labelled with the role; one
                // without an organization is a node of its own, labelled with the title.
                let target = if r["org"].is_empty() {
                    others.insert(r["m"].clone());
                    r["m"].clone()
                } else {
                    r["org"].clone()
                };
                others.insert(r["person"].clone());
                others.insert(target.clone());
                edges.push(json!({
                    "id": format!("{} member", r["m"]),
                    "source": r["person"], "target": target, "label": r["role"], "kind": "memberOf", "fact": r["m"],
                }));
            }
        }
        others.insert(iri.as_str().to_string());
        let nodes = self.describe(others)?;
        Ok(json!({ "center": center, "nodes": nodes, "edges": edges, "hidden": hidden }))
    }

    /// Every mention of an entity: article, offsets, text as written, rule, confidence,
    /// sentence.
    fn mentions(&self, iri: &NamedNode) -> Result<Value, Refusal> {
        let rows = self.rows(&format!(
            "SELECT ?m ?doc ?begin ?end ?anchor ?rule ?confidence ?sentence WHERE {{ GRAPH ?g {{
               ?g dcterms:identifier ?doc .
               ?m itsrdf:taIdentRef {iri} ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
                  zhkg:rule ?rule ; zhkg:confidence ?confidence .
               OPTIONAL {{ ?m nif:sentence/zhkg:text ?sentence }} }} }}
             ORDER BY ?doc ?begin LIMIT 500"
        ))?;
        Ok(json!({ "iri": iri.as_str(), "mentions": rows_json(rows) }))
    }

    /// The articles behind a fact (its evidence spans) or a mention (its own span): each
    /// article's text, with the rule and confidence recorded there.
    fn source(&self, iri: &NamedNode) -> Result<Value, Refusal> {
        let spans = self.rows(&format!(
            "SELECT ?g ?doc ?rule ?confidence ?span ?begin ?end ?anchor WHERE {{ GRAPH ?g {{
               ?g dcterms:identifier ?doc .
               {iri} zhkg:rule ?rule ; zhkg:confidence ?confidence .
               {{ {iri} zhkg:evidence ?span }} UNION {{ {iri} nif:anchorOf ?self BIND({iri} AS ?span) }}
               ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor . }} }}
             ORDER BY ?doc ?begin"
        ))?;
        if spans.is_empty() {
            return Err(Refusal::new(
                StatusCode::NOT_FOUND,
                format!("{iri} is not a fact or mention with evidence in this store"),
            ));
        }
        let mut sources: Vec<Value> = Vec::new();
        let mut by_graph: BTreeMap<String, Vec<Row>> = BTreeMap::new();
        for r in spans {
            by_graph.entry(r["g"].clone()).or_default().push(r);
        }
        for (g, rows) in by_graph {
            let text = self.rows(&format!(
                "SELECT ?text ?title WHERE {{ GRAPH <{g}> {{ <{g}> nif:isString ?text .
                   OPTIONAL {{ <{g}> dcterms:title ?title }} }} }} LIMIT 1"
            ))?;
            let first = &rows[0];
            let text = text.into_iter().next().unwrap_or_default();
            sources.push(json!({
                "doc": first["doc"],
                "graph": g,
                "title": text.get("title").cloned().unwrap_or_default(),
                "text": text.get("text").cloned().unwrap_or_default(),
                "rule": first["rule"],
                "confidence": first["confidence"],
                "spans": rows.iter().map(|r| json!({
                    "iri": r["span"],
                    "begin": r["begin"].parse::<u64>().unwrap_or(0),
                    "end": r["end"].parse::<u64>().unwrap_or(0),
                    "anchor": r["anchor"],
                })).collect::<Vec<_>>(),
            }));
        }
        let about = self.describe(BTreeSet::from([iri.as_str().to_string()]))?;
        Ok(json!({ "iri": iri.as_str(), "about": about.into_iter().next(), "sources": sources }))
    }
}

fn rows_json(rows: Vec<Row>) -> Vec<Value> {
    rows.into_iter()
        .map(|r| Value::Object(r.into_iter().map(|(k, v)| (k, Value::String(v))).collect()))
        .collect()
}

/// The ready queries with their first comment line as a title.
fn queries() -> Value {
    Value::Array(
        QUERIES
            .iter()
            .map(|(file, text)| {
                let title = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix('#'))
                    .unwrap_or(file)
                    .trim();
                json!({ "file": file, "title": title, "text": text })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_keys_ignore_tones_case_and_spaces() {
        assert_eq!(pinyin_key("Huáng Jǐnhuī").as_deref(), Some("huangjinhui"));
        assert_eq!(pinyin_key("huang-jin-hui").as_deref(), Some("huangjinhui"));
        assert_eq!(pinyin_key("lǚ").as_deref(), Some("lv"));
        assert_eq!(pinyin_key("黃錦輝"), None);
        assert_eq!(pinyin_key("a"), None);
        assert_eq!(pinyin_key("x1"), None);
    }

    #[test]
    fn every_ready_query_is_compiled_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rq"))
            .collect();
        on_disk.sort();
        let mut compiled: Vec<String> = QUERIES.iter().map(|(f, _)| f.to_string()).collect();
        compiled.sort();
        assert_eq!(compiled, on_disk, "add the new query to QUERIES in api.rs");
        for (file, text) in QUERIES {
            zhkg_graph::query::check(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
    }
}
