//! Stage 6: the RDF of one document, as quads in the document's own named graph.
//!
//! The article is a `schema:NewsArticle` and a `nif:Context` holding the original text;
//! sentences and mentions are NIF strings with code-point offsets into it, linked to their
//! entities with `itsrdf:taIdentRef`; positions are `org:Membership`s (and `org:Post`s for
//! heads); proposals are `zhkg:Proposal`s with their evidence. Entity descriptions are
//! repeated in every graph that mentions them, so replacing one article's graph never
//! leaves another article's entities undescribed.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::vocab::{dcterms, itsrdf, nif, org, prov, rdf, rdfs, schema, skos, xsd, zhkg};
use crate::vocab::{resource_iri, ID_BASE};
use zhkg_extract::Analysis;
use zhkg_extract::BlockKind;
use zhkg_extract::Kind;
use zhkg_extract::{canonical, mint};
use zhkg_extract::{Addressee, MentionId, OrgRef, Proposer, Rule, Strength};

/// IRI of a document's node and named graph.
pub fn document_iri(name: &str) -> String {
    format!("{ID_BASE}doc/{}", percent_encode(name))
}

/// Percent-encode everything but RFC 3986's unreserved characters (a path segment or a
/// query-string value).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// IRI of an entity.
fn iri_of(e: &zhkg_extract::Entity) -> String {
    resource_iri(&e.id)
}

/// `nif:` string IRI of a span of a document (RFC 5147 fragment).
pub fn span_iri(doc: &str, begin: usize, end: usize) -> String {
    format!("{doc}#char={begin},{end}")
}

struct Out {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Out {
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }
    fn typ(&mut self, s: &NamedNode, class: NamedNodeRef<'_>) {
        self.add(s, rdf::TYPE, class.into_owned());
    }
}

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn lang(text: &str, tag: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, tag.to_ascii_lowercase())
}

fn int(v: usize) -> Literal {
    Literal::new_typed_literal(v.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

fn dec(v: f32) -> Literal {
    Literal::new_typed_literal(format!("{:.2}", v), xsd::DECIMAL)
}

/// All quads of one analysed document, in its named graph.
pub fn document_quads(a: &Analysis) -> Vec<Quad> {
    let doc_iri = document_iri(&a.source.name);
    let doc = nn(&doc_iri);
    let mut o = Out {
        graph: GraphName::NamedNode(doc.clone()),
        quads: Vec::new(),
    };
    let tag = a.doc.script.lang_tag();
    let original = a.original_chars();
    let layout = &a.doc.layout;
    // A NIF string for `a..b` of the repaired text: its class, offsets into the original
    // and the exact original text, in its sentence when given.
    let nif_span =
        |o: &mut Out, class: NamedNodeRef<'_>, a: usize, b: usize, sentence: Option<&NamedNode>| {
            let (b, e) = layout.original_span(a, b);
            let iri = nn(&span_iri(&doc_iri, b, e));
            o.typ(&iri, class);
            o.add(&iri, nif::REFERENCE_CONTEXT, doc.clone());
            o.add(&iri, nif::BEGIN_INDEX, int(b));
            o.add(&iri, nif::END_INDEX, int(e));
            let anchor: String = original[b..e].iter().collect();
            o.add(&iri, nif::ANCHOR_OF, Literal::new_simple_literal(anchor));
            if let Some(s) = sentence {
                o.add(&iri, nif::SENTENCE, s.clone());
            }
            iri
        };

    // The article and its text.
    o.typ(&doc, schema::NEWS_ARTICLE);
    o.typ(&doc, nif::CONTEXT);
    o.typ(&doc, prov::ENTITY);
    o.add(
        &doc,
        dcterms::IDENTIFIER,
        Literal::new_simple_literal(&a.source.name),
    );
    o.add(&doc, dcterms::LANGUAGE, Literal::new_simple_literal(tag));
    o.add(
        &doc,
        nif::IS_STRING,
        Literal::new_simple_literal(&a.source.decoded.text),
    );
    o.add(&doc, nif::BEGIN_INDEX, int(0));
    o.add(&doc, nif::END_INDEX, int(original.len()));
    o.add(&doc, zhkg::CONTENT_HASH, Literal::new_simple_literal(&a.hash));
    o.add(
        &doc,
        zhkg::ENCODING,
        Literal::new_simple_literal(a.source.decoded.encoding),
    );
    o.add(&doc, zhkg::EXTRACTOR, Literal::new_simple_literal(&a.extractor));
    if let Some(path) = &a.source.path {
        o.add(
            &doc,
            zhkg::SOURCE_FILE,
            Literal::new_simple_literal(path.display().to_string()),
        );
    }
    if let Some(h) = layout.blocks.iter().find(|b| b.kind == BlockKind::Headline) {
        o.add(&doc, dcterms::TITLE, lang(&layout.slice(h.start, h.end), tag));
    }

    // Sentences.
    let mut sentence_iris = Vec::with_capacity(a.doc.sentences.len());
    for s in &a.doc.sentences {
        let iri = nif_span(&mut o, nif::SENTENCE_CLASS, s.start, s.end, None);
        o.add(&iri, zhkg::TEXT, lang(&layout.slice(s.start, s.end), tag));
        o.add(&iri, zhkg::BLOCK_KIND, Literal::new_simple_literal(s.kind.name()));
        sentence_iris.push(iri);
    }

    // Entities mentioned here.
    let linked = &a.linked;
    let used = linked.used();
    for &ei in &used {
        let e = &linked.entities[ei];
        let s = nn(&iri_of(e));
        // Its type, and the predicate of its names in the article's script (below).
        let here = match e.kind {
            Kind::Person => {
                o.typ(&s, schema::PERSON);
                if e.is_unnamed() {
                    o.typ(&s, zhkg::UNNAMED_PERSON);
                }
                zhkg::PERSON_NAME
            }
            Kind::Organization => {
                o.typ(&s, org::ORGANIZATION);
                o.typ(&s, schema::ORGANIZATION);
                if let Some(c) = org_class(e.class.as_deref()) {
                    o.typ(&s, c);
                }
                if let Some(c) = &e.class {
                    o.add(&s, zhkg::ORGANIZATION_KIND, Literal::new_simple_literal(c));
                }
                zhkg::ORGANIZATION_NAME
            }
            _ => {
                o.typ(&s, schema::PLACE);
                if let Some(c) = place_class(e.class.as_deref()) {
                    o.typ(&s, c);
                }
                if let Some(c) = &e.class {
                    o.add(&s, zhkg::PLACE_TYPE, Literal::new_simple_literal(c));
                }
                if let Some(p) = &e.parent {
                    o.add(&s, schema::CONTAINED_IN_PLACE, nn(&resource_iri(p)));
                }
                zhkg::PLACE_NAME
            }
        };
        o.add(&s, skos::PREF_LABEL, lang(&e.label, tag));
        o.add(&s, rdfs::LABEL, lang(&e.label, tag));
        // The names in the article's script again, under one predicate per kind: what
        // the listing queries (people.rq …) scan, without joining types and labels.
        // (A person the article does not name has labels, but no names.)
        let named = !e.is_unnamed();
        if named {
            o.add(&s, here, lang(&e.label, tag));
        }
        for alias in &e.aliases {
            let in_script = zhkg_extract::convert(alias, a.doc.script) == *alias;
            let t = if in_script {
                tag
            } else {
                a.doc.script.other().lang_tag()
            };
            o.add(&s, skos::ALT_LABEL, lang(alias, t));
            if in_script && named {
                o.add(&s, here, lang(alias, t));
            }
        }
    }

    // Mentions.
    let mention_iri = |i: usize| -> NamedNode {
        let m = &a.mentions[i];
        let (b, e) = layout.original_span(m.start, m.end);
        nn(&span_iri(&doc_iri, b, e))
    };
    for (i, m) in a.mentions.iter().enumerate() {
        let target = match m.kind {
            Kind::Modifier => continue,
            Kind::Post if linked.of_mention[i].is_some() => {
                linked.of_mention[i].map(|e| iri_of(&linked.entities[e]))
            }
            Kind::Post => Some(role_iri(&post_role(a, i))),
            Kind::Occasion => Some(event_iri(&a.source.name, &m.text)),
            _ => linked.of_mention[i].map(|e| iri_of(&linked.entities[e])),
        };
        let iri = nif_span(
            &mut o,
            nif::PHRASE,
            m.start,
            m.end,
            Some(&sentence_iris[m.sentence]),
        );
        o.add(&iri, zhkg::RULE, Literal::new_simple_literal(m.rule.as_str()));
        o.add(&iri, zhkg::CONFIDENCE, dec(m.confidence));
        let kind = if m.kind == Kind::Post && linked.of_mention[i].is_some() {
            Kind::Person
        } else {
            m.kind
        };
        if let Some(class) = mention_class(kind) {
            o.add(&iri, itsrdf::TA_CLASS_REF, class.into_owned());
        }
        if let Some(t) = target {
            o.add(&iri, itsrdf::TA_IDENT_REF, nn(&t));
        }
        if m.kind == Kind::Post {
            let r = nn(&role_iri(&post_role(a, i)));
            o.typ(&r, org::ROLE_CLASS);
            o.typ(&r, skos::CONCEPT);
            o.add(&r, skos::PREF_LABEL, lang(&m.text, tag));
        }
        if m.kind == Kind::Occasion {
            let ev = nn(&event_iri(&a.source.name, &m.text));
            o.typ(&ev, schema::EVENT);
            o.add(&ev, skos::PREF_LABEL, lang(&m.text, tag));
        }
    }

    // Positions.
    let entity_of = |i: MentionId| linked.entity(i);
    for p in &a.facts.positions {
        let Some(person) = entity_of(p.person) else {
            continue;
        };
        let org_entity = match p.organization {
            Some(OrgRef::Mention(mi)) => entity_of(mi),
            Some(OrgRef::Lexicon(li)) => linked.lexicon_orgs.get(&li).map(|&e| &linked.entities[e]),
            None => None,
        };
        let title = layout.slice(p.title.0, p.title.1);
        let key = format!(
            "membership:{}|{}|{}",
            iri_of(person),
            org_entity.map_or(String::new(), iri_of),
            canonical(&p.role)
        );
        let ms = nn(&resource_iri(&mint("membership", &p.role, &key)));
        let role = nn(&role_iri(&p.role));
        o.typ(&ms, org::MEMBERSHIP);
        o.add(&ms, org::MEMBER, nn(&iri_of(person)));
        o.add(&ms, org::ROLE, role.clone());
        o.typ(&role, org::ROLE_CLASS);
        o.typ(&role, skos::CONCEPT);
        o.add(&role, skos::PREF_LABEL, lang(&p.role, tag));
        o.add(&ms, zhkg::TITLE_AS_WRITTEN, lang(&title, tag));
        o.add(&ms, zhkg::RULE, Literal::new_simple_literal(p.rule.as_str()));
        o.add(&ms, zhkg::CONFIDENCE, dec(p.confidence));
        let sentence = &sentence_iris[a.mentions[p.post].sentence];
        let ev = nif_span(&mut o, nif::PHRASE, p.title.0, p.title.1, Some(sentence));
        o.add(&ms, zhkg::EVIDENCE, ev);
        o.add(&ms, zhkg::EVIDENCE, mention_iri(p.person.index()));
        if let Some(oe) = org_entity {
            o.add(&ms, org::ORGANIZATION_PROP, nn(&iri_of(oe)));
            o.add(&nn(&iri_of(person)), org::MEMBER_OF, nn(&iri_of(oe)));
            // Heads of a body hold a post in it (行政長官, 局長, 理事長).
            if p.head {
                let post = nn(&resource_iri(&mint(
                    "post",
                    &p.role,
                    &format!("post:{}|{}", iri_of(oe), canonical(&p.role)),
                )));
                o.typ(&post, org::POST);
                o.add(&post, org::POST_IN, nn(&iri_of(oe)));
                o.add(&post, org::ROLE, role.clone());
                o.add(&post, org::HELD_BY, nn(&iri_of(person)));
                o.add(&post, skos::PREF_LABEL, lang(&p.role, tag));
                o.add(&nn(&iri_of(person)), org::HOLDS, post);
            }
        }
    }

    // Proposals.
    // A group named by a common noun (市民, 有關部門, 部分媒體) that proposes or is addressed:
    // a resource of this article, with the words it was read from as its mention.
    let audience = |o: &mut Out, (b, e): (usize, usize), rule: Rule| -> NamedNode {
        let label = layout.slice(b, e);
        let g = nn(&article_local_iri("audience", &a.source.name, &label));
        o.typ(&g, zhkg::AUDIENCE);
        o.typ(&g, prov::AGENT);
        o.add(&g, skos::PREF_LABEL, lang(&label, tag));
        o.add(&g, rdfs::LABEL, lang(&label, tag));
        let si = a.doc.sentences.partition_point(|s| s.end <= b);
        let span = nif_span(o, nif::PHRASE, b, e, sentence_iris.get(si));
        o.add(&span, itsrdf::TA_CLASS_REF, zhkg::AUDIENCE);
        o.add(&span, itsrdf::TA_IDENT_REF, g.clone());
        o.add(&span, zhkg::RULE, Literal::new_simple_literal(rule.as_str()));
        o.add(&span, zhkg::CONFIDENCE, dec(0.6));
        g
    };
    for p in &a.facts.proposals {
        // The proposer's node (a group's is written here), and its entity when named.
        let (proposer, own) = match p.proposer {
            Proposer::Named { agent, .. } => match entity_of(agent) {
                Some(e) => (nn(&iri_of(e)), Some(e)),
                None => continue,
            },
            Proposer::Group(span) => (audience(&mut o, span, Rule::GroupProposer), None),
        };
        let (cb, ce) = layout.original_span(p.content.0, p.content.1);
        // Joint proposers (張大山和李小河要求…) make one proposal each, with the same words:
        // those proposals' IRIs also name their proposer (the others keep the short key).
        let joint = a.facts.proposals.iter().any(|q| {
            q.content == p.content
                && q.proposer
                    .agent()
                    .and_then(entity_of)
                    .is_some_and(|e| own.is_none_or(|o| o.id != e.id))
        });
        let key = if joint {
            format!("proposal:{}|{cb}|{ce}|{}", a.source.name, proposer.as_str())
        } else {
            format!("proposal:{}|{cb}|{ce}", a.source.name)
        };
        let iri = nn(&resource_iri(&mint("proposal", &p.cue, &key)));
        o.typ(&iri, zhkg::PROPOSAL);
        o.typ(&iri, prov::ENTITY);
        o.add(&iri, zhkg::PROPOSED_BY, proposer.clone());
        o.add(
            &iri,
            zhkg::TEXT,
            lang(&layout.slice(p.content.0, p.content.1), tag),
        );
        o.add(&iri, zhkg::CUE, lang(&p.cue, tag));
        o.add(
            &iri,
            zhkg::STRENGTH,
            match p.strength {
                Strength::Explicit => zhkg::EXPLICIT.into_owned(),
                Strength::Soft => zhkg::SOFT.into_owned(),
            },
        );
        o.add(&iri, zhkg::RULE, Literal::new_simple_literal(p.rule.as_str()));
        o.add(&iri, zhkg::CONFIDENCE, dec(p.confidence));
        o.add(&iri, prov::WAS_DERIVED_FROM, doc.clone());
        match p.addressee {
            Some(Addressee::Named(m)) => {
                if let Some(ad) = entity_of(m) {
                    o.add(&iri, zhkg::ADDRESSED_TO, nn(&iri_of(ad)));
                }
            }
            Some(Addressee::Group(span)) => {
                let g = audience(&mut o, span, Rule::GroupAddressee);
                o.add(&iri, zhkg::ADDRESSED_TO, g);
            }
            None => {}
        }
        for &pl in &p.places {
            if let Some(e) = entity_of(pl) {
                o.add(&iri, zhkg::CONCERNS_PLACE, nn(&iri_of(e)));
            }
        }
        for &oi in &p.organizations {
            if let Some(e) = entity_of(oi) {
                o.add(&iri, zhkg::CONCERNS_ORGANIZATION, nn(&iri_of(e)));
            }
        }
        if let Some(oc) = p.occasion {
            o.add(
                &iri,
                zhkg::PROPOSED_AT,
                nn(&event_iri(&a.source.name, &a.mentions[oc].text)),
            );
        }
        let ev = nif_span(
            &mut o,
            nif::PHRASE,
            p.content.0,
            p.content.1,
            Some(&sentence_iris[p.sentence]),
        );
        o.add(&iri, zhkg::EVIDENCE, ev);
        if let Some(m) = p.proposer.mention() {
            o.add(&iri, zhkg::EVIDENCE, mention_iri(m.index()));
        }
    }
    o.quads.sort_by_cached_key(|q| q.to_string());
    o.quads.dedup();
    o.quads
}

/// The role a post mention names; in a title chain, the whole role (代表召集人).
fn post_role(a: &Analysis, mention: usize) -> String {
    a.facts
        .positions
        .iter()
        .find(|p| p.post == MentionId(mention))
        .map(|p| p.role.clone())
        .unwrap_or_else(|| a.mentions[mention].text.clone())
}

pub fn role_iri(role: &str) -> String {
    resource_iri(&mint("role", role, &format!("role:{}", canonical(role))))
}

/// The IRI of something that belongs to one article and is known by its label there
/// (an `event`, an `audience`): the same label elsewhere is another one.
fn article_local_iri(kind: &str, doc: &str, label: &str) -> String {
    resource_iri(&mint(kind, label, &format!("{kind}:{doc}|{}", canonical(label))))
}

fn event_iri(doc: &str, label: &str) -> String {
    article_local_iri("event", doc, label)
}

fn mention_class(kind: Kind) -> Option<NamedNodeRef<'static>> {
    match kind {
        Kind::Person | Kind::Pronoun => Some(schema::PERSON),
        Kind::Organization => Some(schema::ORGANIZATION),
        Kind::Place => Some(schema::PLACE),
        Kind::Post => Some(org::ROLE_CLASS),
        Kind::Occasion => Some(schema::EVENT),
        Kind::Modifier => None,
    }
}

fn org_class(kind: Option<&str>) -> Option<NamedNodeRef<'static>> {
    Some(match kind? {
        "government" | "legislature" | "court" | "military" => schema::GOVERNMENT_ORGANIZATION,
        "media" => schema::NEWS_MEDIA_ORGANIZATION,
        "university" => schema::EDUCATIONAL_ORGANIZATION,
        "company" => schema::CORPORATION,
        "party" => schema::POLITICAL_PARTY,
        _ => return None,
    })
}

fn place_class(kind: Option<&str>) -> Option<NamedNodeRef<'static>> {
    Some(match kind? {
        "country" => schema::COUNTRY,
        "city" => schema::CITY,
        "province" | "district" | "region" | "zone" => schema::ADMINISTRATIVE_AREA,
        "landmark" => schema::LANDMARKS_OR_HISTORICAL_BUILDINGS,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The proposals of an article: (IRI, proposer IRI).
    fn proposals(text: &str) -> Vec<(String, String)> {
        let a = zhkg_extract::Extractor::embedded().analyze_text("t.txt", text);
        let quads = document_quads(&a);
        let mut out: Vec<(String, String)> = quads
            .iter()
            .filter(|q| q.predicate.as_str() == zhkg::PROPOSED_BY.as_str())
            .map(|q| (q.subject.to_string(), q.object.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn joint_proposers_make_one_proposal_each() {
        for text in [
            "如《中國質量報》《深圳商報》等媒體建議把所有付費推廣認定為廣告。",
            "如《中国质量报》《深圳商报》等媒体建议把所有付费推广认定为广告。",
        ] {
            let p = proposals(text);
            assert_eq!(p.len(), 2, "{text}: {p:?}");
            assert_ne!(p[0].0, p[1].0, "{text}: {p:?}");
            assert_ne!(p[0].1, p[1].1, "{text}: {p:?}");
        }
        // One proposer: the short key, as before.
        let p = proposals("民建聯昨日開記招，建議政府將口罩列入儲備商品。");
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn a_group_addressee_is_an_audience_of_its_article_with_its_span() {
        let text = "全國政協委員陳大文建議有關部門加強監管網上平台。";
        let a = zhkg_extract::Extractor::embedded().analyze_text("t.txt", text);
        let quads = document_quads(&a);
        let object = |s: &str, p: NamedNodeRef<'_>| {
            quads
                .iter()
                .find(|q| q.subject.to_string() == s && q.predicate == p)
                .map(|q| q.object.to_string())
        };
        let to = quads
            .iter()
            .find(|q| q.predicate == zhkg::ADDRESSED_TO)
            .map(|q| q.object.to_string())
            .expect("addressed");
        let typed = |c: NamedNodeRef<'_>| {
            quads
                .iter()
                .any(|q| q.subject.to_string() == to && q.predicate == rdf::TYPE && q.object == c.into())
        };
        assert!(typed(zhkg::AUDIENCE) && typed(prov::AGENT), "{to}");
        assert_eq!(
            object(&to, skos::PREF_LABEL).as_deref(),
            Some("\"有關部門\"@zh-hant")
        );
        // Its mention: the words it was read from.
        let span = quads
            .iter()
            .find(|q| q.predicate == itsrdf::TA_IDENT_REF && q.object.to_string() == to)
            .map(|q| q.subject.to_string())
            .expect("a mention");
        assert_eq!(object(&span, nif::ANCHOR_OF).as_deref(), Some("\"有關部門\""));
        assert_eq!(object(&span, zhkg::RULE).as_deref(), Some("\"group-addressee\""));
    }

    #[test]
    fn a_group_proposer_is_an_audience_of_its_article() {
        let a = zhkg_extract::Extractor::embedded()
            .analyze_text("t.txt", "部分媒體建議加強對無良醫療機構的治理。");
        let quads = document_quads(&a);
        let by = quads
            .iter()
            .find(|q| q.predicate == zhkg::PROPOSED_BY)
            .map(|q| q.object.to_string())
            .expect("a proposal with its proposer");
        let has = |p: NamedNodeRef<'_>, o: &str| {
            quads
                .iter()
                .any(|q| q.subject.to_string() == by && q.predicate == p && q.object.to_string() == o)
        };
        assert!(has(rdf::TYPE, &zhkg::AUDIENCE.to_string()), "{by}");
        assert!(has(skos::PREF_LABEL, "\"部分媒體\"@zh-hant"), "{by}");
        let rule = quads
            .iter()
            .any(|q| q.predicate == zhkg::RULE && q.object.to_string() == "\"group-proposer\"");
        assert!(rule, "the group's mention names its rule");
    }
}
