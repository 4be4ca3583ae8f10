//! zhkg-graph: the graph side of zhkg. Extraction results ([`zhkg_extract`]) become RDF in
//! one named graph per article ([`rdf`]), kept in an oxigraph store on disk ([`store`],
//! built by [`builder`]), queried with SPARQL ([`query`]), explained ([`explain`]),
//! exported for other tools ([`export`]) and pushed to remote stores ([`push`], feature
//! `push`).

/// `Display` and `FromStr` by the names users type, for an enum of formats with `ALL`
/// and `name()`.
macro_rules! named_formats {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                <$t>::ALL
                    .into_iter()
                    .find(|f| f.name() == s)
                    .ok_or_else(|| format!("unknown format `{s}`"))
            }
        }
    };
}

pub mod builder;
pub mod explain;
pub mod export;
#[cfg(feature = "push")]
pub mod push;
pub mod query;
pub mod rdf;
pub mod store;
pub mod vocab;
