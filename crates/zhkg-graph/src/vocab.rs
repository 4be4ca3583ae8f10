//! IRIs of the vocabularies the graph uses. Every term here is declared in
//! `ontology/zhkg.ttl` (a test checks it), which documents what each one means.

use oxigraph::io::RdfSerializer;
use oxigraph::model::NamedNodeRef;

/// One vocabulary: its usual prefix, its namespace and the terms the graph uses, each
/// named once here.
macro_rules! terms {
    ($prefix:literal, $ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        /// The usual prefix of this vocabulary.
        pub const PREFIX: &str = $prefix;
        /// The namespace IRI.
        pub const NS: &str = $ns;
        $(
            #[doc = concat!("`", $prefix, ":", $local, "`")]
            pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
        /// Every term of this vocabulary, for the ontology check.
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// Base of every resource IRI zhkg mints: articles, people, proposals …
pub const ID_BASE: &str = "https://w3id.org/zhkg/id/";
/// The ontology's own graph in the store.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/zhkg/ontology";
/// Store bookkeeping: format version, build activities.
pub const META_GRAPH: &str = "https://w3id.org/zhkg/id/graph/meta";

/// Terms of `zhkg:`.
pub mod zhkg {
    use super::*;
    terms!("zhkg", "https://w3id.org/zhkg/ontology#";
        PROPOSAL = "Proposal",
        AUDIENCE = "Audience",
        UNNAMED_PERSON = "UnnamedPerson",
        PROPOSED_BY = "proposedBy",
        ADDRESSED_TO = "addressedTo",
        CONCERNS_PLACE = "concernsPlace",
        CONCERNS_ORGANIZATION = "concernsOrganization",
        PROPOSED_AT = "proposedAt",
        TEXT = "text",
        CUE = "cue",
        STRENGTH = "strength",
        EXPLICIT = "Explicit",
        SOFT = "Soft",
        EVIDENCE = "evidence",
        CONFIDENCE = "confidence",
        RULE = "rule",
        TITLE_AS_WRITTEN = "titleAsWritten",
        CONTENT_HASH = "contentHash",
        ENCODING = "encoding",
        EXTRACTOR = "extractor",
        BLOCK_KIND = "blockKind",
        FORMAT_VERSION = "formatVersion",
        SOURCE_FILE = "sourceFile",
        ORGANIZATION_KIND = "organizationKind",
        PLACE_TYPE = "placeType",
        PERSON_NAME = "personName",
        ORGANIZATION_NAME = "organizationName",
        PLACE_NAME = "placeName",
    );
}

/// Terms of `rdf:`.
pub mod rdf {
    use super::*;
    terms!("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"; TYPE = "type");
}

/// Terms of `rdfs:`.
pub mod rdfs {
    use super::*;
    terms!("rdfs", "http://www.w3.org/2000/01/rdf-schema#"; LABEL = "label", COMMENT = "comment");
}

/// Terms of `skos:`.
pub mod skos {
    use super::*;
    terms!("skos", "http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept", PREF_LABEL = "prefLabel", ALT_LABEL = "altLabel");
}

/// Terms of `schema:`.
pub mod schema {
    use super::*;
    terms!("schema", "http://schema.org/";
        PERSON = "Person",
        ORGANIZATION = "Organization",
        GOVERNMENT_ORGANIZATION = "GovernmentOrganization",
        NEWS_MEDIA_ORGANIZATION = "NewsMediaOrganization",
        EDUCATIONAL_ORGANIZATION = "EducationalOrganization",
        CORPORATION = "Corporation",
        POLITICAL_PARTY = "PoliticalParty",
        PLACE = "Place",
        COUNTRY = "Country",
        CITY = "City",
        ADMINISTRATIVE_AREA = "AdministrativeArea",
        LANDMARKS_OR_HISTORICAL_BUILDINGS = "LandmarksOrHistoricalBuildings",
        NEWS_ARTICLE = "NewsArticle",
        EVENT = "Event",
        NAME = "name",
        CONTAINED_IN_PLACE = "containedInPlace",
        PUBLISHER = "publisher",
    );
}

/// Terms of `org:`.
pub mod org {
    use super::*;
    terms!("org", "http://www.w3.org/ns/org#";
        ORGANIZATION = "Organization",
        MEMBERSHIP = "Membership",
        MEMBER = "member",
        ORGANIZATION_PROP = "organization",
        ROLE = "role",
        ROLE_CLASS = "Role",
        MEMBER_OF = "memberOf",
        POST = "Post",
        POST_IN = "postIn",
        HELD_BY = "heldBy",
        HOLDS = "holds",
    );
}

/// Terms of `prov:`.
pub mod prov {
    use super::*;
    terms!("prov", "http://www.w3.org/ns/prov#";
        ENTITY = "Entity",
        ACTIVITY = "Activity",
        AGENT = "Agent",
        SOFTWARE_AGENT = "SoftwareAgent",
        WAS_DERIVED_FROM = "wasDerivedFrom",
        WAS_GENERATED_BY = "wasGeneratedBy",
        WAS_ASSOCIATED_WITH = "wasAssociatedWith",
        USED = "used",
        STARTED_AT_TIME = "startedAtTime",
        ENDED_AT_TIME = "endedAtTime",
    );
}

/// Terms of `nif:`.
pub mod nif {
    use super::*;
    terms!("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        CONTEXT = "Context",
        PHRASE = "Phrase",
        SENTENCE_CLASS = "Sentence",
        RFC5147_STRING = "RFC5147String",
        BEGIN_INDEX = "beginIndex",
        END_INDEX = "endIndex",
        ANCHOR_OF = "anchorOf",
        REFERENCE_CONTEXT = "referenceContext",
        IS_STRING = "isString",
        SENTENCE = "sentence",
    );
}

/// Terms of `itsrdf:`.
pub mod itsrdf {
    use super::*;
    terms!("itsrdf", "http://www.w3.org/2005/11/its/rdf#"; TA_IDENT_REF = "taIdentRef", TA_CLASS_REF = "taClassRef");
}

/// Terms of `dcterms:`.
pub mod dcterms {
    use super::*;
    terms!("dcterms", "http://purl.org/dc/terms/";
        IDENTIFIER = "identifier", TITLE = "title", LANGUAGE = "language", SOURCE = "source");
}

/// Terms of `xsd:`.
pub mod xsd {
    use super::*;
    terms!("xsd", "http://www.w3.org/2001/XMLSchema#";
        NON_NEGATIVE_INTEGER = "nonNegativeInteger", DECIMAL = "decimal", DATE_TIME = "dateTime");
}

/// Every vocabulary term the graph may use, for the ontology check.
pub fn all_terms() -> Vec<NamedNodeRef<'static>> {
    [
        zhkg::ALL,
        rdf::ALL,
        rdfs::ALL,
        skos::ALL,
        schema::ALL,
        org::ALL,
        prov::ALL,
        nif::ALL,
        itsrdf::ALL,
        dcterms::ALL,
    ]
    .concat()
}

pub mod foaf {
    //! FOAF: only its prefix (the ontology file uses it).
    use super::*;
    terms!("foaf", "http://xmlns.com/foaf/0.1/";);
}

pub mod owl {
    //! OWL: only its prefix (the ontology file uses it).
    use super::*;
    terms!("owl", "http://www.w3.org/2002/07/owl#";);
}

/// Prefixes used when writing RDF, in SPARQL prologues and when shortening IRIs for
/// display: one table, built from the vocabularies above.
pub const PREFIXES: &[(&str, &str)] = &[
    (zhkg::PREFIX, zhkg::NS),
    ("zid", ID_BASE),
    (schema::PREFIX, schema::NS),
    (org::PREFIX, org::NS),
    (prov::PREFIX, prov::NS),
    (nif::PREFIX, nif::NS),
    (itsrdf::PREFIX, itsrdf::NS),
    (skos::PREFIX, skos::NS),
    (dcterms::PREFIX, dcterms::NS),
    (foaf::PREFIX, foaf::NS),
    (owl::PREFIX, owl::NS),
    (rdfs::PREFIX, rdfs::NS),
    (rdf::PREFIX, rdf::NS),
    (xsd::PREFIX, xsd::NS),
];

/// `PREFIX p: <ns>` lines for every prefix, to put before a SPARQL query.
pub fn sparql_prologue() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

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

/// The IRI of a resource zhkg minted, from its id (`person/huang-jin-hui-1a2b3c4d`).
pub fn resource_iri(id: &str) -> String {
    format!("{ID_BASE}{id}")
}
