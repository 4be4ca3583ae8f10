//! The graph as a property graph: the view that diagrams, GraphML, Neo4j and Kùzu share.
//!
//! People, organizations, places, events, audiences, articles, proposals, memberships and posts are
//! nodes with typed properties; facts between them are edges. Proposals and memberships
//! stay nodes because they carry properties (text, role, confidence) and several endpoints.
//! Mentions, sentences and roles are left out: their content is in the nodes' properties.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt;

use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::vocab::{dcterms, org, prov, rdf, rdfs, schema, skos, zhkg};

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Article,
    Person,
    Organization,
    Place,
    Event,
    /// A group or body a proposal is addressed to, named by a common noun (市民, 有關部門).
    Audience,
    Proposal,
    Membership,
    Post,
}

/// Type of a property column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    String,
    Double,
    StringList,
}

/// A property column of a node kind (after the `iri` key).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
}

const fn s(name: &'static str) -> Column {
    Column {
        name,
        ty: Type::String,
    }
}
const fn d(name: &'static str) -> Column {
    Column {
        name,
        ty: Type::Double,
    }
}
const fn l(name: &'static str) -> Column {
    Column {
        name,
        ty: Type::StringList,
    }
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Article,
        Kind::Person,
        Kind::Organization,
        Kind::Place,
        Kind::Event,
        Kind::Audience,
        Kind::Proposal,
        Kind::Membership,
        Kind::Post,
    ];

    /// Node label / table name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Article => "Article",
            Kind::Person => "Person",
            Kind::Organization => "Organization",
            Kind::Place => "Place",
            Kind::Event => "Event",
            Kind::Audience => "Audience",
            Kind::Proposal => "Proposal",
            Kind::Membership => "Membership",
            Kind::Post => "Post",
        }
    }

    /// Property columns, after the `iri` key, in file order.
    pub fn columns(self) -> &'static [Column] {
        const ARTICLE: &[Column] = &[s("identifier"), s("title"), s("language")];
        const PERSON: &[Column] = &[s("name"), l("aliases")];
        const ORGANIZATION: &[Column] = &[s("name"), l("aliases"), s("kind")];
        const PLACE: &[Column] = &[s("name"), l("aliases"), s("placeType")];
        const EVENT: &[Column] = &[s("name"), s("article")];
        const PROPOSAL: &[Column] = &[
            s("text"),
            s("cue"),
            s("strength"),
            d("confidence"),
            s("rule"),
            s("article"),
        ];
        const MEMBERSHIP: &[Column] = &[s("role"), s("title"), d("confidence"), s("rule")];
        const POST: &[Column] = &[s("name"), s("role")];
        match self {
            Kind::Article => ARTICLE,
            Kind::Person => PERSON,
            Kind::Organization => ORGANIZATION,
            Kind::Place => PLACE,
            Kind::Event | Kind::Audience => EVENT,
            Kind::Proposal => PROPOSAL,
            Kind::Membership => MEMBERSHIP,
            Kind::Post => POST,
        }
    }

    /// People, organizations and places: the things articles name.
    pub fn is_entity(self) -> bool {
        matches!(self, Kind::Person | Kind::Organization | Kind::Place)
    }
}

/// Kinds of edge, with the RDF property each comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rel {
    ProposedBy,
    AddressedTo,
    ConcernsPlace,
    ConcernsOrganization,
    ProposedAt,
    FromArticle,
    Member,
    InOrganization,
    StatedIn,
    MemberOf,
    PostIn,
    HeldBy,
    ContainedIn,
    Mentions,
}

impl Rel {
    pub const ALL: [Rel; 14] = [
        Rel::ProposedBy,
        Rel::AddressedTo,
        Rel::ConcernsPlace,
        Rel::ConcernsOrganization,
        Rel::ProposedAt,
        Rel::FromArticle,
        Rel::Member,
        Rel::InOrganization,
        Rel::StatedIn,
        Rel::MemberOf,
        Rel::PostIn,
        Rel::HeldBy,
        Rel::ContainedIn,
        Rel::Mentions,
    ];

    /// Relationship type / table name.
    pub fn name(self) -> &'static str {
        match self {
            Rel::ProposedBy => "PROPOSED_BY",
            Rel::AddressedTo => "ADDRESSED_TO",
            Rel::ConcernsPlace => "CONCERNS_PLACE",
            Rel::ConcernsOrganization => "CONCERNS_ORGANIZATION",
            Rel::ProposedAt => "PROPOSED_AT",
            Rel::FromArticle => "FROM_ARTICLE",
            Rel::Member => "MEMBER",
            Rel::InOrganization => "IN_ORGANIZATION",
            Rel::StatedIn => "STATED_IN",
            Rel::MemberOf => "MEMBER_OF",
            Rel::PostIn => "POST_IN",
            Rel::HeldBy => "HELD_BY",
            Rel::ContainedIn => "CONTAINED_IN",
            Rel::Mentions => "MENTIONS",
        }
    }

    /// The RDF property, shortened (`zhkg:proposedBy`); derived edges have none.
    pub fn property(self) -> Option<&'static str> {
        Some(match self {
            Rel::ProposedBy => "zhkg:proposedBy",
            Rel::AddressedTo => "zhkg:addressedTo",
            Rel::ConcernsPlace => "zhkg:concernsPlace",
            Rel::ConcernsOrganization => "zhkg:concernsOrganization",
            Rel::ProposedAt => "zhkg:proposedAt",
            Rel::FromArticle => "prov:wasDerivedFrom",
            Rel::Member => "org:member",
            Rel::InOrganization => "org:organization",
            Rel::MemberOf => "org:memberOf",
            Rel::PostIn => "org:postIn",
            Rel::HeldBy => "org:heldBy",
            Rel::ContainedIn => "schema:containedInPlace",
            Rel::StatedIn | Rel::Mentions => return None,
        })
    }

    /// The short name for edge labels: the property's local name.
    pub fn short(self) -> &'static str {
        match self.property() {
            Some(p) => p.split(':').nth(1).unwrap_or(p),
            None => match self {
                Rel::StatedIn => "statedIn",
                _ => "mentions",
            },
        }
    }

    /// The (from, to) node kinds the edge may join.
    pub fn pairs(self) -> &'static [(Kind, Kind)] {
        use Kind::*;
        match self {
            Rel::ProposedBy => &[(Proposal, Person), (Proposal, Organization), (Proposal, Audience)],
            Rel::AddressedTo => &[
                (Proposal, Person),
                (Proposal, Organization),
                (Proposal, Place),
                (Proposal, Audience),
            ],
            Rel::ConcernsPlace => &[(Proposal, Place)],
            Rel::ConcernsOrganization => &[(Proposal, Organization)],
            Rel::ProposedAt => &[(Proposal, Event)],
            Rel::FromArticle => &[(Proposal, Article)],
            Rel::Member => &[(Membership, Person)],
            Rel::InOrganization => &[(Membership, Organization)],
            Rel::StatedIn => &[(Membership, Article)],
            Rel::MemberOf => &[(Person, Organization)],
            Rel::PostIn => &[(Post, Organization)],
            Rel::HeldBy => &[(Post, Person)],
            Rel::ContainedIn => &[(Place, Place)],
            Rel::Mentions => &[(Article, Person), (Article, Organization), (Article, Place)],
        }
    }

    fn from_property(iri: &str) -> Option<Rel> {
        Rel::ALL
            .into_iter()
            .find(|r| r.property().is_some_and(|p| crate::vocab::compact_iri(iri) == p))
    }
}

/// A property value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    List(Vec<String>),
}

impl Value {
    /// The value as plain text (lists joined with `sep`).
    pub fn text(&self, sep: &str) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Number(n) => n.to_string(),
            Value::List(v) => v.join(sep),
        }
    }
}

/// A node: its IRI, kind, display name and properties (see [`Kind::columns`]).
#[derive(Debug, Clone)]
pub struct Node {
    pub iri: String,
    pub kind: Kind,
    pub name: String,
    pub props: BTreeMap<&'static str, Value>,
    /// File names of the articles whose graphs describe the node.
    pub articles: BTreeSet<String>,
}

impl Node {
    pub fn prop(&self, name: &str) -> Option<&Value> {
        self.props.get(name)
    }
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.props.get(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name)
    }
}

/// An edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub rel: Rel,
}

impl fmt::Display for Edge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rel.short())
    }
}

/// The property graph of a set of quads.
pub struct PropertyGraph {
    pub graph: DiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
}

#[derive(Default)]
struct Info<'a> {
    types: BTreeSet<&'a str>,
    graphs: BTreeSet<Option<&'a str>>,
    literals: Vec<(&'a str, &'a oxigraph::model::Literal, &'a GraphName)>,
    links: Vec<(&'a str, &'a str)>,
}

impl<'a> Info<'a> {
    fn values(&self, p: oxigraph::model::NamedNodeRef<'static>) -> impl Iterator<Item = &'a str> + '_ {
        let p = p.as_str();
        self.literals
            .iter()
            .filter(move |(q, _, _)| *q == p)
            .map(|(_, l, _)| l.value())
    }
    fn first(&self, p: oxigraph::model::NamedNodeRef<'static>) -> Option<String> {
        self.values(p).min().map(str::to_string)
    }
    fn link(&self, p: oxigraph::model::NamedNodeRef<'static>) -> Option<&'a str> {
        self.links
            .iter()
            .filter(|(q, _)| *q == p.as_str())
            .map(|(_, o)| *o)
            .min()
    }
    /// The preferred label: the prefLabel most graphs use, then the shortest.
    fn label(&self) -> Option<String> {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for (p, l, _) in &self.literals {
            if *p == skos::PREF_LABEL.as_str() {
                *count.entry(l.value()).or_default() += 1;
            }
        }
        if let Some((label, _)) = count
            .iter()
            .min_by_key(|(label, n)| (std::cmp::Reverse(**n), label.chars().count(), **label))
        {
            return Some(label.to_string());
        }
        self.first(rdfs::LABEL)
            .or_else(|| self.first(schema::NAME))
            .or_else(|| self.first(dcterms::TITLE))
    }
    fn aliases(&self, name: &str) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .values(skos::PREF_LABEL)
            .chain(self.values(skos::ALT_LABEL))
            .chain(self.values(rdfs::LABEL))
            .filter(|a| *a != name)
            .collect();
        set.into_iter().map(str::to_string).collect()
    }
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn classify(types: &BTreeSet<&str>) -> Option<Kind> {
    let has = |t: oxigraph::model::NamedNodeRef<'static>| types.contains(t.as_str());
    Some(if has(schema::NEWS_ARTICLE) {
        Kind::Article
    } else if has(zhkg::PROPOSAL) {
        Kind::Proposal
    } else if has(zhkg::AUDIENCE) {
        Kind::Audience
    } else if has(org::MEMBERSHIP) {
        Kind::Membership
    } else if has(org::POST) {
        Kind::Post
    } else if has(schema::PERSON) {
        Kind::Person
    } else if has(org::ORGANIZATION) || has(schema::ORGANIZATION) {
        Kind::Organization
    } else if has(schema::PLACE) {
        Kind::Place
    } else if has(schema::EVENT) {
        Kind::Event
    } else {
        return None;
    })
}

impl PropertyGraph {
    /// Map quads to a property graph. The ontology and meta graphs are ignored; nodes are
    /// ordered by kind and IRI, edges by their endpoints, so output is stable.
    pub fn from_quads(quads: &[Quad]) -> Self {
        let mut info: HashMap<&str, Info<'_>> = HashMap::new();
        for q in quads {
            if !super::is_data_graph(&q.graph_name) {
                continue;
            }
            let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                continue;
            };
            let i = info.entry(s.as_str()).or_default();
            match &q.object {
                Term::NamedNode(o) if q.predicate == rdf::TYPE => {
                    i.types.insert(o.as_str());
                    i.graphs.insert(match &q.graph_name {
                        GraphName::NamedNode(n) => Some(n.as_str()),
                        _ => None,
                    });
                }
                Term::NamedNode(o) => i.links.push((q.predicate.as_str(), o.as_str())),
                Term::Literal(lit) => i.literals.push((q.predicate.as_str(), lit, &q.graph_name)),
                _ => {}
            }
        }
        // Article file names by graph.
        let mut doc_of_graph: HashMap<&str, String> = HashMap::new();
        for (s, i) in &info {
            if i.types.contains(schema::NEWS_ARTICLE.as_str()) {
                if let Some(id) = i.first(dcterms::IDENTIFIER) {
                    doc_of_graph.insert(s, id);
                }
            }
        }
        let articles_of = |i: &Info<'_>| -> BTreeSet<String> {
            i.graphs
                .iter()
                .filter_map(|g| doc_of_graph.get((*g)?).cloned())
                .collect()
        };

        let mut nodes: Vec<Node> = Vec::new();
        for (&iri, i) in &info {
            let Some(kind) = classify(&i.types) else {
                continue;
            };
            let mut props: BTreeMap<&'static str, Value> = BTreeMap::new();
            let mut put = |k: &'static str, v: Option<String>| {
                if let Some(v) = v {
                    props.insert(k, Value::Text(v));
                }
            };
            let articles = articles_of(i);
            let label = i.label();
            let name;
            match kind {
                Kind::Article => {
                    let id = i.first(dcterms::IDENTIFIER);
                    name = i.first(dcterms::TITLE).or(id.clone());
                    put("identifier", id);
                    put("title", i.first(dcterms::TITLE));
                    put("language", i.first(dcterms::LANGUAGE));
                }
                Kind::Person | Kind::Organization | Kind::Place => {
                    name = label;
                    put("name", name.clone());
                    if kind == Kind::Organization {
                        put("kind", i.first(zhkg::ORGANIZATION_KIND));
                    }
                    if kind == Kind::Place {
                        put("placeType", i.first(zhkg::PLACE_TYPE));
                    }
                    let aliases = i.aliases(name.as_deref().unwrap_or_default());
                    props.insert("aliases", Value::List(aliases));
                }
                Kind::Event | Kind::Audience => {
                    name = label;
                    put("name", name.clone());
                    put("article", articles.iter().next().cloned());
                }
                Kind::Proposal => {
                    name = i.first(zhkg::TEXT);
                    put("text", name.clone());
                    put("cue", i.first(zhkg::CUE));
                    put(
                        "strength",
                        i.link(zhkg::STRENGTH).map(|s| local_name(s).to_string()),
                    );
                    put("rule", i.first(zhkg::RULE));
                    put(
                        "article",
                        i.link(prov::WAS_DERIVED_FROM)
                            .and_then(|d| doc_of_graph.get(d).cloned())
                            .or_else(|| articles.iter().next().cloned()),
                    );
                }
                Kind::Membership | Kind::Post => {
                    let role = i
                        .link(org::ROLE)
                        .and_then(|r| info.get(r))
                        .and_then(|r| r.label());
                    name = if kind == Kind::Post { label } else { role.clone() };
                    put("role", role);
                    if kind == Kind::Post {
                        put("name", name.clone());
                    } else {
                        put("title", i.first(zhkg::TITLE_AS_WRITTEN));
                        put("rule", i.first(zhkg::RULE));
                    }
                }
            }
            if let Some(c) = i.first(zhkg::CONFIDENCE).and_then(|c| c.parse::<f64>().ok()) {
                props.insert("confidence", Value::Number(c));
            }
            props.retain(|k, _| kind.columns().iter().any(|c| c.name == *k));
            nodes.push(Node {
                iri: iri.to_string(),
                kind,
                name: name.unwrap_or_else(|| local_name(iri).to_string()),
                props,
                articles,
            });
        }
        nodes.sort_by(|a, b| (a.kind, &a.iri).cmp(&(b.kind, &b.iri)));

        let mut graph: DiGraph<Node, Edge> = DiGraph::new();
        let mut index = HashMap::new();
        for n in nodes {
            let iri = n.iri.clone();
            index.insert(iri, graph.add_node(n));
        }
        let mut edges: BTreeSet<(NodeIndex, Rel, NodeIndex)> = BTreeSet::new();
        let article_node = |doc: &str| -> Option<NodeIndex> {
            let iri = crate::rdf::document_iri(doc);
            index.get(&iri).copied()
        };
        for (&s, i) in &info {
            let Some(&from) = index.get(s) else {
                continue;
            };
            for (p, o) in &i.links {
                let (Some(rel), Some(&to)) = (Rel::from_property(p), index.get(*o)) else {
                    continue;
                };
                edges.insert((from, rel, to));
            }
            let kind = graph[from].kind;
            let derived = match kind {
                Kind::Membership => Some(Rel::StatedIn),
                k if k.is_entity() => Some(Rel::Mentions),
                _ => None,
            };
            if let Some(rel) = derived {
                for doc in &graph[from].articles {
                    if let Some(a) = article_node(doc) {
                        if rel == Rel::StatedIn {
                            edges.insert((from, rel, a));
                        } else {
                            edges.insert((a, rel, from));
                        }
                    }
                }
            }
        }
        for (from, rel, to) in edges {
            if rel.pairs().contains(&(graph[from].kind, graph[to].kind)) {
                graph.add_edge(from, to, Edge { rel });
            }
        }
        PropertyGraph { graph, index }
    }

    pub fn node(&self, iri: &str) -> Option<&Node> {
        self.index.get(iri).map(|&i| &self.graph[i])
    }

    /// How many nodes of each kind and edges of each type.
    pub fn counts(&self) -> (BTreeMap<Kind, usize>, BTreeMap<Rel, usize>) {
        let mut nodes = BTreeMap::new();
        for n in self.graph.node_weights() {
            *nodes.entry(n.kind).or_default() += 1;
        }
        let mut edges = BTreeMap::new();
        for e in self.graph.edge_weights() {
            *edges.entry(e.rel).or_default() += 1;
        }
        (nodes, edges)
    }

    /// Every edge as (source IRI, target IRI), grouped by relationship and the kinds of
    /// its ends, in a stable order: one CSV file per group for graph databases.
    pub fn edges_by_type(&self) -> BTreeMap<(Rel, Kind, Kind), Vec<(String, String)>> {
        let g = &self.graph;
        let mut out: BTreeMap<(Rel, Kind, Kind), Vec<(String, String)>> = BTreeMap::new();
        for e in g.edge_references() {
            let (a, b) = (&g[e.source()], &g[e.target()]);
            out.entry((e.weight().rel, a.kind, b.kind))
                .or_default()
                .push((a.iri.clone(), b.iri.clone()));
        }
        out
    }

    /// People, organizations and places called `name` (in either script) or with that IRI.
    pub fn find(&self, name: &str) -> Vec<NodeIndex> {
        let key = zhkg_extract::to_simplified(name.trim());
        self.graph
            .node_indices()
            .filter(|&i| {
                let n = &self.graph[i];
                n.kind.is_entity()
                    && (n.iri == name
                        || zhkg_extract::to_simplified(&n.name) == key
                        || matches!(n.prop("aliases"), Some(Value::List(v)) if v.iter().any(|a| zhkg_extract::to_simplified(a) == key)))
            })
            .collect()
    }

    /// IRIs of the nodes within `depth` edges of `start`, either direction, never passing
    /// through an article (which would join everything it mentions).
    pub fn neighbourhood(&self, start: &[NodeIndex], depth: usize) -> BTreeSet<String> {
        let mut seen: HashMap<NodeIndex, usize> = HashMap::new();
        let mut queue: VecDeque<NodeIndex> = VecDeque::new();
        for &s in start {
            seen.insert(s, 0);
            queue.push_back(s);
        }
        while let Some(n) = queue.pop_front() {
            let dist = seen[&n];
            if dist == depth {
                continue;
            }
            let next = self
                .graph
                .edges_directed(n, Direction::Outgoing)
                .map(|e| e.target())
                .chain(
                    self.graph
                        .edges_directed(n, Direction::Incoming)
                        .map(|e| e.source()),
                );
            for m in next {
                if self.graph[m].kind == Kind::Article || seen.contains_key(&m) {
                    continue;
                }
                seen.insert(m, dist + 1);
                queue.push_back(m);
            }
        }
        // A proposal is drawn with its proposer, even one step further.
        let proposers: Vec<NodeIndex> = seen
            .keys()
            .filter(|&&i| self.graph[i].kind == Kind::Proposal)
            .flat_map(|&i| self.graph.edges_directed(i, Direction::Outgoing))
            .filter(|e| e.weight().rel == Rel::ProposedBy)
            .map(|e| e.target())
            .collect();
        seen.keys()
            .copied()
            .chain(proposers)
            .map(|i| self.graph[i].iri.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_addressee_is_an_audience_node_of_its_article() {
        let text = "議員黃小明呼籲市民明日參加集會。";
        let a = zhkg_extract::Extractor::embedded().analyze_text("t.txt", text);
        let pg = PropertyGraph::from_quads(&crate::rdf::document_quads(&a));
        let g = &pg.graph;
        let audience = g
            .node_indices()
            .find(|&i| g[i].kind == Kind::Audience)
            .expect("an audience node");
        assert_eq!(g[audience].name, "市民");
        assert_eq!(g[audience].text("article"), Some("t.txt"));
        let from = g
            .edges_directed(audience, Direction::Incoming)
            .find(|e| e.weight().rel == Rel::AddressedTo)
            .map(|e| g[e.source()].kind);
        assert_eq!(from, Some(Kind::Proposal));
    }
}
