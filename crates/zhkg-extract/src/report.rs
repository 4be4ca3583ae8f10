//! Human-readable and JSON reports of one document's analysis (`zhkg extract`): what was
//! found, where, and by which rule — for auditing rules and for users who want to see why.

use std::io::Write;

use serde_json::{json, Value};

use crate::facts::{Addressee, MentionId, OrgRef, Proposer};
use crate::pipeline::Analysis;

fn entity_label(a: &Analysis, mention: MentionId) -> String {
    a.linked
        .entity(mention)
        .map(|e| e.label.clone())
        .unwrap_or_else(|| a.mentions[mention].text.clone())
}

fn proposer_label(a: &Analysis, p: Proposer) -> String {
    match p {
        Proposer::Named { agent, .. } => entity_label(a, agent),
        Proposer::Group((s, e)) => a.doc.layout.slice(s, e),
    }
}

fn addressee_label(a: &Analysis, ad: Addressee) -> String {
    match ad {
        Addressee::Named(m) => entity_label(a, m),
        Addressee::Group((s, e)) => a.doc.layout.slice(s, e),
    }
}

fn org_label(a: &Analysis, org: Option<OrgRef>) -> Option<String> {
    match org? {
        OrgRef::Mention(m) => Some(entity_label(a, m)),
        OrgRef::Lexicon(li) => a
            .linked
            .lexicon_orgs
            .get(&li)
            .map(|&e| a.linked.entities[e].label.clone()),
    }
}

/// The analysis as JSON: mentions (with original offsets), entities, positions, proposals.
pub fn to_json(a: &Analysis) -> Value {
    let span = |s: usize, e: usize| {
        let (b, e2) = a.doc.layout.original_span(s, e);
        json!([b, e2])
    };
    json!({
        "document": a.source.name,
        "script": a.doc.script.lang_tag(),
        "encoding": a.source.decoded.encoding,
        "mentions": a.mentions.iter().enumerate().map(|(i, m)| json!({
            "text": m.text, "kind": m.kind, "span": span(m.start, m.end),
            "rule": m.rule, "confidence": m.confidence,
            "entity": a.linked.of_mention[i].map(|e| a.linked.entities[e].id.clone()),
        })).collect::<Vec<_>>(),
        "model_names": a.names.iter().map(|n| json!({
            "text": a.doc.slice(n.start, n.end), "label": n.label.as_str(),
            "span": span(n.start, n.end), "score": n.score,
        })).collect::<Vec<_>>(),
        // The entities the store gets: those a mention or a position names.
        "entities": a.linked.used().into_iter().map(|e| &a.linked.entities[e]).collect::<Vec<_>>(),
        "positions": a.facts.positions.iter().map(|p| json!({
            "person": entity_label(a, p.person),
            "title": a.doc.layout.slice(p.title.0, p.title.1),
            "role": p.role,
            "organization": org_label(a, p.organization),
            "span": span(p.title.0, p.title.1),
            "rule": p.rule, "confidence": p.confidence,
        })).collect::<Vec<_>>(),
        "proposals": a.facts.proposals.iter().map(|p| json!({
            "proposer": proposer_label(a, p.proposer),
            "cue": p.cue,
            "strength": p.strength,
            "text": a.doc.layout.slice(p.content.0, p.content.1),
            "span": span(p.content.0, p.content.1),
            "addressee": p.addressee.map(|ad| addressee_label(a, ad)),
            "places": p.places.iter().map(|&m| entity_label(a, m)).collect::<Vec<_>>(),
            "organizations": p.organizations.iter().map(|&m| entity_label(a, m)).collect::<Vec<_>>(),
            "occasion": p.occasion.map(|m| a.mentions[m].text.clone()),
            "rule": p.rule, "confidence": p.confidence,
        })).collect::<Vec<_>>(),
    })
}

/// The analysis as text: each sentence with its mentions, then positions and proposals.
pub fn write_text(a: &Analysis, tokens: bool, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# {} ({}, {})",
        a.source.name,
        a.doc.script.lang_tag(),
        a.source.decoded.encoding
    )?;
    for (si, s) in a.doc.sentences.iter().enumerate() {
        let (b, e) = a.doc.layout.original_span(s.start, s.end);
        writeln!(
            out,
            "\n[{si}] {} {b}..{e}: {}",
            s.kind.name(),
            a.doc.layout.slice(s.start, s.end)
        )?;
        if tokens {
            let toks: Vec<String> = a
                .doc
                .tokens
                .iter()
                .filter(|t| t.start >= s.start && t.end <= s.end)
                .map(|t| format!("{}/{}", a.doc.layout.slice(t.start, t.end), t.tag))
                .collect();
            writeln!(out, "    tokens: {}", toks.join(" "))?;
        }
        for (i, m) in a.mentions.iter().enumerate().filter(|(_, m)| m.sentence == si) {
            let target = a.linked.of_mention[i]
                .map(|e| format!(" → {}", a.linked.entities[e].label))
                .unwrap_or_default();
            writeln!(
                out,
                "    {:?} {}{target}  ({}, {:.2})",
                m.kind, m.text, m.rule, m.confidence
            )?;
        }
    }
    writeln!(out, "\n## positions")?;
    for p in &a.facts.positions {
        writeln!(
            out,
            "  {}: {} [role {}; organization {}] ({})",
            entity_label(a, p.person),
            a.doc.layout.slice(p.title.0, p.title.1),
            p.role,
            org_label(a, p.organization).unwrap_or_else(|| "?".into()),
            p.rule
        )?;
    }
    writeln!(out, "\n## proposals")?;
    for p in &a.facts.proposals {
        let places: Vec<String> = p.places.iter().map(|&m| entity_label(a, m)).collect();
        writeln!(
            out,
            "  {} {} ({:?}, {}): {}\n      to: {}  places: {}  at: {}",
            proposer_label(a, p.proposer),
            p.cue,
            p.strength,
            p.rule,
            a.doc.layout.slice(p.content.0, p.content.1),
            p.addressee
                .map(|ad| addressee_label(a, ad))
                .unwrap_or_else(|| "-".into()),
            if places.is_empty() {
                "-".into()
            } else {
                places.join("、")
            },
            p.occasion
                .map(|m| a.mentions[m].text.clone())
                .unwrap_or_else(|| "-".into()),
        )?;
    }
    Ok(())
}
