//! Positions: the titles written before a name (港區全國人大代表、九龍社團聯會理事長徐莉),
//! each split into its organization and post.

use super::coreference::{government_of, Sar};
use super::{MentionId, OrgRef, Position};
use crate::lexicon::Lexicon;
use crate::pipeline::Document;
use crate::recognize::{Kind, Mention};
use crate::rules::Rule;

fn is_title_part(m: &Mention) -> bool {
    matches!(
        m.kind,
        Kind::Organization | Kind::Place | Kind::Modifier | Kind::Post
    )
}

/// Title chains before each person: components are contiguous organization, place,
/// modifier and post mentions, titles are separated by 、 or 兼.
pub(super) fn positions(lx: &Lexicon, doc: &Document, sar: &Sar, mentions: &[Mention]) -> Vec<Position> {
    let text = &doc.layout.text;
    let mut out = Vec::new();
    // Mentions that start at a position, outermost first.
    let ending_at = |e: usize| -> Option<usize> {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.end == e && is_title_part(m))
            .max_by_key(|(_, m)| m.end - m.start)
            .map(|(i, _)| i)
    };
    let mut titled_groups: Vec<(usize, Vec<Position>)> = Vec::new();
    for (pi, p) in mentions.iter().enumerate() {
        if p.kind != Kind::Person {
            continue;
        }
        // Walk back over the chain.
        let mut pos = p.start;
        if pos > 0 && text[pos - 1] == ' ' {
            pos -= 1;
        }
        let mut parts: Vec<usize> = Vec::new(); // mention indices, right to left
        let mut cuts: Vec<usize> = Vec::new(); // positions of separators
        loop {
            if let Some(mi) = ending_at(pos) {
                parts.push(mi);
                pos = mentions[mi].start;
                continue;
            }
            if pos > 0 && !parts.is_empty() && matches!(text[pos - 1], '、' | '兼' | ' ') {
                cuts.push(pos - 1);
                pos -= 1;
                continue;
            }
            break;
        }
        parts.reverse();
        // Split into titles at separators; a title must end with a post.
        let mut titles: Vec<Vec<usize>> = vec![Vec::new()];
        for &mi in &parts {
            let m = &mentions[mi];
            if let Some(last) = titles.last().and_then(|t| t.last()) {
                let prev_end = mentions[*last].end;
                if cuts.iter().any(|&c| c >= prev_end && c < m.start) {
                    titles.push(Vec::new());
                }
            }
            titles.last_mut().unwrap().push(mi);
        }
        let mut found = Vec::new();
        for t in titles.iter().filter(|t| !t.is_empty()) {
            let Some(post_idx) = t.iter().rposition(|&mi| mentions[mi].kind == Kind::Post) else {
                continue;
            };
            if post_idx != t.len() - 1 {
                continue;
            }
            // Consecutive posts form one role (代表召集人); an organization-internal body
            // right before the post belongs to the role (監事委員會副主席).
            let mut role_start = post_idx;
            while role_start > 0 && mentions[t[role_start - 1]].kind == Kind::Post {
                role_start -= 1;
            }
            let org_idx = t[..role_start]
                .iter()
                .rposition(|&mi| mentions[mi].kind == Kind::Organization);
            let (org, role_from) = match org_idx {
                // Two organizations in a row: the second is a body of the first.
                Some(k)
                    if k > 0
                        && mentions[t[k - 1]].kind == Kind::Organization
                        && mentions[t[k]].lexicon.is_none() =>
                {
                    (Some(OrgRef::Mention(MentionId(t[k - 1]))), mentions[t[k]].start)
                }
                Some(k) => {
                    // 經民聯監事委員會: a body named after its parent is the parent's organ;
                    // the role holds the organ (監事委員會副主席).
                    let outer = &mentions[t[k]];
                    let parent = mentions.iter().position(|m| {
                        m.kind == Kind::Organization
                            && m.lexicon.is_some()
                            && m.start == outer.start
                            && m.end < outer.end
                    });
                    match parent {
                        Some(pi) if outer.lexicon.is_none() => {
                            (Some(OrgRef::Mention(MentionId(pi))), mentions[pi].end)
                        }
                        _ => (
                            Some(OrgRef::Mention(MentionId(t[k]))),
                            mentions[t[role_start]].start,
                        ),
                    }
                }
                None => (
                    infer_org(lx, sar, mentions, &t[..role_start], p.start),
                    mentions[t[role_start]].start,
                ),
            };
            let last = &mentions[t[post_idx]];
            let title = (mentions[t[0]].start, last.end);
            found.push(Position {
                person: MentionId(pi),
                post: MentionId(t[post_idx]),
                role: text[role_from..last.end].iter().collect(),
                organization: org,
                title,
                head: last
                    .lexicon
                    .is_some_and(|i| matches!(lx.posts[i].rank.as_str(), "head" | "deputy")),
                rule: Rule::TitleChain,
                confidence: 0.85,
            });
        }
        if !found.is_empty() {
            titled_groups.push((pi, found.clone()));
            out.extend(found);
        }
    }
    // Names enumerated after a titled name share its titles: 記者 子京、康敬、黃子晉.
    for (pi, titles) in &titled_groups {
        let mut prev = *pi;
        for (qi, q) in mentions.iter().enumerate().skip(pi + 1) {
            if q.kind != Kind::Person
                || q.start != mentions[prev].end + 1
                || !matches!(text[mentions[prev].end], '、' | ' ')
            {
                if q.start > mentions[prev].end + 1 {
                    break;
                }
                continue;
            }
            if out.iter().any(|p| p.person == MentionId(qi)) {
                break;
            }
            for t in titles {
                out.push(Position {
                    person: MentionId(qi),
                    rule: Rule::SharedTitle,
                    confidence: 0.75,
                    ..t.clone()
                });
            }
            prev = qi;
        }
    }
    out
}

/// The organization a title implies without naming it: a head of government post after a
/// place (澳門特區行政長官 → 澳門特區政府), or after 特區 (the SAR of the passage).
fn infer_org(
    lx: &Lexicon,
    sar: &Sar,
    mentions: &[Mention],
    prefix: &[usize],
    before: usize,
) -> Option<OrgRef> {
    let place = prefix
        .iter()
        .rev()
        .find(|&&mi| mentions[mi].kind == Kind::Place)
        .and_then(|&mi| mentions[mi].lexicon)
        .or_else(|| {
            prefix
                .iter()
                .any(|&mi| mentions[mi].kind == Kind::Modifier)
                .then(|| sar.at(before))
                .flatten()
        })?;
    government_of(lx, place).map(OrgRef::Lexicon)
}
