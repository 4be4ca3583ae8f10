//! Stage 6: the RDF of one document, as quads in the document's own named graph.
//!
//! The article is a `schema:NewsArticle` and a `nif:Context` holding the original text;
//! sentences and mentions are NIF strings with code-point offsets into it, linked to their
//! entities with `itsrdf:taIdentRef`; positions are `org:Membership`s (and `org:Post`s for
//! heads); proposals are `zhkg:Proposal`s with their evidence. Entity descriptions are
//! repeated in every graph that mentions them, so replacing one article's graph never
//! leaves another article's entities undescribed.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::facts::{OrgRef, Strength};
use crate::layout::BlockKind;
use crate::link::{canonical, mint, ID_BASE};
use crate::pipeline::Analysis;
use crate::recognize::Kind;
use crate::vocab::{dcterms, itsrdf, nif, org, prov, rdf, rdfs, schema, skos, xsd, zhkg};

/// IRI of a document's node and named graph.
pub fn document_iri(name: &str) -> String {
    let mut out = format!("{ID_BASE}doc/");
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

/// Version string recorded on each document: rebuilding is skipped only when the content
/// and the extractor are both unchanged.
pub fn extractor_id() -> String {
    format!("zhkg {}", env!("CARGO_PKG_VERSION"))
}

/// All quads of one analysed document, in its named graph.
pub fn document_quads(a: &Analysis) -> Vec<Quad> {
    let doc_iri = document_iri(&a.source.name);
    let doc = nn(&doc_iri);
    let mut o = Out {
        graph: GraphName::NamedNode(doc.clone()),
        quads: Vec::new(),
    };
    let tag = a.script.lang_tag();
    let original = a.original_chars();
    let layout = &a.layout;
    let orig_slice = |b: usize, e: usize| -> String { original[b..e].iter().collect() };

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
    o.add(&doc, zhkg::EXTRACTOR, Literal::new_simple_literal(extractor_id()));
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
    let mut sentence_iris = Vec::with_capacity(a.sentences.len());
    for s in &a.sentences {
        let (b, e) = layout.original_span(s.start, s.end);
        let iri = nn(&span_iri(&doc_iri, b, e));
        o.typ(&iri, nif::SENTENCE_CLASS);
        o.add(&iri, nif::REFERENCE_CONTEXT, doc.clone());
        o.add(&iri, nif::BEGIN_INDEX, int(b));
        o.add(&iri, nif::END_INDEX, int(e));
        o.add(
            &iri,
            nif::ANCHOR_OF,
            Literal::new_simple_literal(orig_slice(b, e)),
        );
        o.add(&iri, zhkg::TEXT, lang(&layout.slice(s.start, s.end), tag));
        o.add(&iri, zhkg::BLOCK_KIND, Literal::new_simple_literal(s.kind.name()));
        sentence_iris.push(iri);
    }

    // Entities mentioned here.
    let linked = &a.linked;
    let used: std::collections::BTreeSet<usize> = linked
        .of_mention
        .iter()
        .flatten()
        .copied()
        .chain(linked.lexicon_orgs.values().copied())
        .collect();
    for &ei in &used {
        let e = &linked.entities[ei];
        let s = nn(&e.iri);
        match e.kind {
            Kind::Person => o.typ(&s, schema::PERSON),
            Kind::Organization => {
                o.typ(&s, org::ORGANIZATION);
                o.typ(&s, schema::ORGANIZATION);
                if let Some(c) = org_class(e.class.as_deref()) {
                    o.typ(&s, c);
                }
                if let Some(c) = &e.class {
                    o.add(&s, zhkg::ORGANIZATION_KIND, Literal::new_simple_literal(c));
                }
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
                    o.add(&s, schema::CONTAINED_IN_PLACE, nn(p));
                }
            }
        }
        o.add(&s, skos::PREF_LABEL, lang(&e.label, tag));
        o.add(&s, rdfs::LABEL, lang(&e.label, tag));
        for alias in &e.aliases {
            let t = if crate::script::convert(alias, a.script) == *alias {
                tag
            } else {
                a.script.other().lang_tag()
            };
            o.add(&s, skos::ALT_LABEL, lang(alias, t));
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
                linked.of_mention[i].map(|e| linked.entities[e].iri.clone())
            }
            Kind::Post => Some(role_iri(&post_role(a, i))),
            Kind::Occasion => Some(event_iri(&a.source.name, &m.text)),
            _ => linked.of_mention[i].map(|e| linked.entities[e].iri.clone()),
        };
        let (b, e) = layout.original_span(m.start, m.end);
        let iri = mention_iri(i);
        o.typ(&iri, nif::PHRASE);
        o.add(&iri, nif::REFERENCE_CONTEXT, doc.clone());
        o.add(&iri, nif::BEGIN_INDEX, int(b));
        o.add(&iri, nif::END_INDEX, int(e));
        o.add(
            &iri,
            nif::ANCHOR_OF,
            Literal::new_simple_literal(orig_slice(b, e)),
        );
        o.add(&iri, nif::SENTENCE, sentence_iris[m.sentence].clone());
        o.add(&iri, zhkg::RULE, Literal::new_simple_literal(m.rule));
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
    let entity_of = |i: usize| linked.of_mention[i].map(|e| &linked.entities[e]);
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
            person.iri,
            org_entity.map_or("", |e| e.iri.as_str()),
            canonical(&p.role)
        );
        let ms = nn(&mint("membership", &p.role, &key));
        let role = nn(&role_iri(&p.role));
        o.typ(&ms, org::MEMBERSHIP);
        o.add(&ms, org::MEMBER, nn(&person.iri));
        o.add(&ms, org::ROLE, role.clone());
        o.typ(&role, org::ROLE_CLASS);
        o.typ(&role, skos::CONCEPT);
        o.add(&role, skos::PREF_LABEL, lang(&p.role, tag));
        o.add(&ms, zhkg::TITLE_AS_WRITTEN, lang(&title, tag));
        o.add(&ms, zhkg::RULE, Literal::new_simple_literal(p.rule));
        o.add(&ms, zhkg::CONFIDENCE, dec(p.confidence));
        let (tb, te) = layout.original_span(p.title.0, p.title.1);
        let ev = nn(&span_iri(&doc_iri, tb, te));
        o.typ(&ev, nif::PHRASE);
        o.add(&ev, nif::REFERENCE_CONTEXT, doc.clone());
        o.add(&ev, nif::BEGIN_INDEX, int(tb));
        o.add(&ev, nif::END_INDEX, int(te));
        o.add(
            &ev,
            nif::ANCHOR_OF,
            Literal::new_simple_literal(orig_slice(tb, te)),
        );
        o.add(
            &ev,
            nif::SENTENCE,
            sentence_iris[a.mentions[p.post].sentence].clone(),
        );
        o.add(&ms, zhkg::EVIDENCE, ev);
        o.add(&ms, zhkg::EVIDENCE, mention_iri(p.person));
        if let Some(oe) = org_entity {
            o.add(&ms, org::ORGANIZATION_PROP, nn(&oe.iri));
            o.add(&nn(&person.iri), org::MEMBER_OF, nn(&oe.iri));
            // Heads of a body hold a post in it (行政長官, 局長, 理事長).
            let rank = a.mentions[p.post]
                .lexicon
                .map(|i| crate::lexicon::Lexicon::get().posts[i].rank.as_str());
            if rank == Some("head") || rank == Some("deputy") {
                let post = nn(&mint(
                    "post",
                    &p.role,
                    &format!("post:{}|{}", oe.iri, canonical(&p.role)),
                ));
                o.typ(&post, org::POST);
                o.add(&post, org::POST_IN, nn(&oe.iri));
                o.add(&post, org::ROLE, role.clone());
                o.add(&post, org::HELD_BY, nn(&person.iri));
                o.add(&post, skos::PREF_LABEL, lang(&p.role, tag));
                o.add(&nn(&person.iri), org::HOLDS, post);
            }
        }
    }

    // Proposals.
    for p in &a.facts.proposals {
        let Some(proposer) = entity_of(p.proposer) else {
            continue;
        };
        let (cb, ce) = layout.original_span(p.content.0, p.content.1);
        let iri = nn(&mint(
            "proposal",
            &p.cue,
            &format!("proposal:{}|{cb}|{ce}", a.source.name),
        ));
        o.typ(&iri, zhkg::PROPOSAL);
        o.typ(&iri, prov::ENTITY);
        o.add(&iri, zhkg::PROPOSED_BY, nn(&proposer.iri));
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
        o.add(&iri, zhkg::RULE, Literal::new_simple_literal(p.rule));
        o.add(&iri, zhkg::CONFIDENCE, dec(p.confidence));
        o.add(&iri, prov::WAS_DERIVED_FROM, doc.clone());
        if let Some(ad) = p.addressee.and_then(entity_of) {
            o.add(&iri, zhkg::ADDRESSED_TO, nn(&ad.iri));
        }
        for &pl in &p.places {
            if let Some(e) = entity_of(pl) {
                o.add(&iri, zhkg::CONCERNS_PLACE, nn(&e.iri));
            }
        }
        for &oi in &p.organizations {
            if let Some(e) = entity_of(oi) {
                o.add(&iri, zhkg::CONCERNS_ORGANIZATION, nn(&e.iri));
            }
        }
        if let Some(oc) = p.occasion {
            o.add(
                &iri,
                zhkg::PROPOSED_AT,
                nn(&event_iri(&a.source.name, &a.mentions[oc].text)),
            );
        }
        let ev = nn(&span_iri(&doc_iri, cb, ce));
        o.typ(&ev, nif::PHRASE);
        o.add(&ev, nif::REFERENCE_CONTEXT, doc.clone());
        o.add(&ev, nif::BEGIN_INDEX, int(cb));
        o.add(&ev, nif::END_INDEX, int(ce));
        o.add(
            &ev,
            nif::ANCHOR_OF,
            Literal::new_simple_literal(orig_slice(cb, ce)),
        );
        o.add(&ev, nif::SENTENCE, sentence_iris[p.sentence].clone());
        o.add(&iri, zhkg::EVIDENCE, ev);
        o.add(&iri, zhkg::EVIDENCE, mention_iri(p.proposer_mention));
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
        .find(|p| p.post == mention)
        .map(|p| p.role.clone())
        .unwrap_or_else(|| a.mentions[mention].text.clone())
}

pub fn role_iri(role: &str) -> String {
    mint("role", role, &format!("role:{}", canonical(role)))
}

fn event_iri(doc: &str, label: &str) -> String {
    mint("event", label, &format!("event:{doc}|{}", canonical(label)))
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
