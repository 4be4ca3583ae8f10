//! Ingest and extraction on arbitrary bytes: decode, then every extraction stage and the
//! RDF of the document. A panic anywhere, or an offset that does not point at the text it
//! claims, is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhkg_extract::{decode, Extractor, Source};

/// Inputs larger than this are refused by decode, like files over --max-file-size.
const MAX_BYTES: u64 = 16 * 1024;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data, MAX_BYTES) else {
        return;
    };
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    let a = EXTRACTOR.get_or_init(Extractor::embedded).analyze(Source {
        name: "fuzz.txt".into(),
        path: None,
        decoded,
    });
    let original = a.original_chars();
    let l = &a.doc.layout;
    assert_eq!(l.text.len(), l.origin.len());
    assert_eq!(a.doc.simp.len(), l.text.len());
    for (i, &c) in l.text.iter().enumerate() {
        let o = l.origin[i];
        assert!(o <= original.len(), "origin {o} past the end");
        if !c.is_whitespace() {
            assert_eq!(original[o], c, "repaired char {i} does not come from offset {o}");
        }
    }
    for m in &a.mentions {
        assert!(m.start < m.end && m.end <= l.text.len(), "{m:?}");
        assert_eq!(m.text, l.slice(m.start, m.end), "{m:?}");
        let (b, e) = l.original_span(m.start, m.end);
        assert!(b < e && e <= original.len(), "{m:?}: {b}..{e}");
        // The mention's characters, in order, inside its original span; anything else
        // there is layout (white space, a line-end hyphen).
        let mut k = b;
        for i in m.start..m.end {
            let o = l.origin[i];
            assert!(o >= k && o < e, "{m:?}: origins out of order");
            for &x in &original[k..o] {
                assert!(x.is_whitespace() || x == '-', "{m:?}: {x:?} dropped from the span");
            }
            k = o + 1;
        }
    }
    let quads = zhkg_graph::rdf::document_quads(&a);
    assert!(!quads.is_empty());
});
