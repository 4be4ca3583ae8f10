//! IRIs of the vocabularies the graph uses. Every term here is declared in
//! `ontology/zhkg.ttl` (a test checks it), which documents what each one means.

use oxigraph::model::NamedNodeRef;

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)*
        /// Every term of this vocabulary, for the ontology check.
        #[allow(dead_code)]
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

pub const ZHKG_NS: &str = "https://w3id.org/zhkg/ontology#";
/// The ontology's own graph in the store.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/zhkg/ontology";
/// Store bookkeeping: format version, build activities.
pub const META_GRAPH: &str = "https://w3id.org/zhkg/id/graph/meta";

pub mod zhkg {
    use super::*;
    terms!("https://w3id.org/zhkg/ontology#";
        PROPOSAL = "Proposal",
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
    );
}

pub mod rdf {
    use super::*;
    terms!("http://www.w3.org/1999/02/22-rdf-syntax-ns#"; TYPE = "type");
}

pub mod rdfs {
    use super::*;
    terms!("http://www.w3.org/2000/01/rdf-schema#"; LABEL = "label", COMMENT = "comment");
}

pub mod skos {
    use super::*;
    terms!("http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept", PREF_LABEL = "prefLabel", ALT_LABEL = "altLabel");
}

pub mod schema {
    use super::*;
    terms!("http://schema.org/";
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

pub mod org {
    use super::*;
    terms!("http://www.w3.org/ns/org#";
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

pub mod prov {
    use super::*;
    terms!("http://www.w3.org/ns/prov#";
        ENTITY = "Entity",
        ACTIVITY = "Activity",
        SOFTWARE_AGENT = "SoftwareAgent",
        WAS_DERIVED_FROM = "wasDerivedFrom",
        WAS_GENERATED_BY = "wasGeneratedBy",
        WAS_ASSOCIATED_WITH = "wasAssociatedWith",
        USED = "used",
        STARTED_AT_TIME = "startedAtTime",
        ENDED_AT_TIME = "endedAtTime",
    );
}

pub mod nif {
    use super::*;
    terms!("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
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

pub mod itsrdf {
    use super::*;
    terms!("http://www.w3.org/2005/11/its/rdf#"; TA_IDENT_REF = "taIdentRef", TA_CLASS_REF = "taClassRef");
}

pub mod dcterms {
    use super::*;
    terms!("http://purl.org/dc/terms/";
        IDENTIFIER = "identifier", TITLE = "title", LANGUAGE = "language", SOURCE = "source");
}

pub mod xsd {
    use super::*;
    terms!("http://www.w3.org/2001/XMLSchema#";
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
