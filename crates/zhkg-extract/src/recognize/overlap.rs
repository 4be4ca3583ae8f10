//! Overlap resolution between candidate mentions: the flat pass keeps the longest, later
//! passes decide which nested names survive.

use super::*;

/// Keep the best of overlapping candidates: longer first, then more confident.
pub(super) fn resolve_flat(mut cands: Vec<Mention>) -> Vec<Mention> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::new();
    for m in cands {
        if taken.range(m.start..m.end).next().is_none() {
            taken.extend(m.start..m.end);
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Add `new` mentions to `base`: a new mention that overlaps nothing is added; one that
/// strictly contains base mentions for which `nested` holds is added around them; others
/// are dropped. Among overlapping new mentions the longest wins.
pub(super) fn merge(
    base: Vec<Mention>,
    new: Vec<Mention>,
    nested: impl Fn(&Mention) -> bool,
) -> Vec<Mention> {
    let mut out = base;
    for m in resolve_flat(new) {
        let ok = out
            .iter()
            .filter(|o| o.start < m.end && m.start < o.end)
            .all(|o| {
                m.start <= o.start && o.end <= m.end && (m.end - m.start) > (o.end - o.start) && nested(o)
            });
        if ok {
            out.push(m);
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out
}

/// A post or occasion word inside an organization's name is part of the name (提案委員會
/// holds 提案 and 委員).
pub(super) fn drop_posts_inside_names(mentions: &mut Vec<Mention>) {
    let names: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| matches!(m.kind, Kind::Organization | Kind::Place))
        .map(|m| (m.start, m.end))
        .collect();
    mentions.retain(|m| {
        !matches!(m.kind, Kind::Post | Kind::Occasion)
            || !names
                .iter()
                .any(|&(a, b)| a <= m.start && m.end <= b && (b - a) > (m.end - m.start))
    });
}
