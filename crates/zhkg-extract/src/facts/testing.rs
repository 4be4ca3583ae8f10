//! Helpers for the fact rules' unit tests: what an analysis says, as plain strings.

use crate::pipeline::{analyze_text, Analysis};

/// Analyse a short text.
pub(crate) fn analyze(text: &str) -> Analysis {
    analyze_text("t.txt", text)
}

/// (proposer label, content) of every proposal.
pub(crate) fn proposals(a: &Analysis) -> Vec<(String, String)> {
    a.facts
        .proposals
        .iter()
        .map(|p| {
            let who = match p.proposer {
                super::Proposer::Named { agent, .. } => a
                    .linked
                    .entity(agent)
                    .map_or_else(|| a.mentions[agent].text.clone(), |e| e.label.clone()),
                super::Proposer::Group((s, e)) => a.doc.slice(s, e),
            };
            (who, a.doc.slice(p.content.0, p.content.1))
        })
        .collect()
}

/// Does some proposal by `who` hold `text`?
pub(crate) fn proposes(a: &Analysis, who: &str, text: &str) -> bool {
    proposals(a).iter().any(|(w, t)| w == who && t.contains(text))
}

/// (person, title as written) of every position.
pub(crate) fn positions(a: &Analysis) -> Vec<(String, String)> {
    a.facts
        .positions
        .iter()
        .map(|p| {
            (
                a.mentions[p.person].text.clone(),
                a.doc.slice(p.title.0, p.title.1),
            )
        })
        .collect()
}
