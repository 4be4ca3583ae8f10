//! GraphViz diagrams of who proposed what, to whom, and where, drawn with petgraph's DOT
//! writer, and rendered to SVG or PNG by Debian's graphviz when it is installed.
//!
//! A diagram shows people, organizations, places and proposals; memberships become dashed
//! edges from a person to an organization labelled with the role (roles without an
//! organization go under the person's name). Mentions, sentences, events and articles are
//! left out, and so are entities without any fact, so that a whole corpus stays readable.
//! With clusters, each article's proposals (and the entities only it names) are boxed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::Write;
use std::process::{Command, Stdio};

use petgraph::dot::{Config, Dot};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::model::{Kind, PropertyGraph, Rel};
use super::ExportError;

/// The font GraphViz is asked for: Noto Sans CJK (Debian's fonts-noto-cjk) has every
/// Chinese character in both scripts; fontconfig substitutes another font where it is
/// missing.
pub const FONT: &str = "Noto Sans CJK SC";

/// How to draw.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Box each article's proposals (and the entities only it names).
    pub clusters: bool,
    /// A title over the diagram.
    pub title: Option<String>,
    /// Nodes drawn even without edges (the entity of a neighbourhood).
    pub focus: Vec<String>,
    /// Longest proposal text shown in a node, in characters.
    pub proposal_chars: usize,
}

struct DNode {
    kind: Kind,
    label: String,
    tooltip: String,
    soft: bool,
    focus: bool,
    articles: BTreeSet<String>,
}

impl fmt::Display for DNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.label)
    }
}

struct DEdge {
    label: String,
    rel: Option<Rel>,
    /// Drawn from the target to the source with the arrow reversed, so the layout puts
    /// proposers before their proposals.
    back: bool,
    membership: bool,
}

impl fmt::Display for DEdge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.label)
    }
}

/// Escape text for a DOT double-quoted string; `\n` in `text` becomes a centred line break.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Cut `text` to `max` characters (adding …) and break it into lines of `width`.
fn short(text: &str, max: usize, width: usize) -> String {
    let chars: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let mut cut: Vec<char> = chars.iter().take(max).copied().collect();
    if chars.len() > max {
        cut.pop();
        cut.push('…');
    }
    cut.chunks(width.max(1))
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn style(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => r##"shape=ellipse, style=filled, fillcolor="#d6e4ff", color="#2f5fb3""##,
        Kind::Organization => r##"shape=box, style="filled,rounded", fillcolor="#ffe2b8", color="#b86e00""##,
        Kind::Place => r##"shape=hexagon, style=filled, fillcolor="#d3f0d8", color="#2e7d32""##,
        Kind::Proposal => r##"shape=note, style=filled, fillcolor="#fff8c2", color="#9c8600""##,
        Kind::Audience => r##"shape=box, style="filled,dashed", fillcolor="#fde2e2", color="#c62828""##,
        _ => r##"shape=box, style=filled, fillcolor="#eeeeee", color="#777777""##,
    }
}

fn edge_color(rel: Rel) -> Option<&'static str> {
    Some(match rel {
        Rel::ProposedBy => "#2f5fb3",
        Rel::AddressedTo => "#c62828",
        Rel::ConcernsPlace | Rel::ContainedIn => "#2e7d32",
        Rel::ConcernsOrganization => "#b86e00",
        _ => return None,
    })
}

/// Escape text for an HTML-like label.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The diagram's title with a legend of node colours and edge colours.
fn title_label(title: &str) -> String {
    let cell = |kind: Kind, text: &str| {
        let fill = style(kind)
            .split("fillcolor=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("#ffffff");
        format!(
            r##"<td bgcolor="{fill}" border="1" color="#999999">{}</td>"##,
            html(text)
        )
    };
    let edge = |rel: Rel| {
        format!(
            r##"<td><font color="{}">→ {}</font></td>"##,
            edge_color(rel).unwrap_or("#666666"),
            rel.short()
        )
    };
    format!(
        r##"<<table border="0" cellspacing="4" cellpadding="3"><tr><td colspan="10"><font point-size="18">{}</font></td></tr><tr>{}{}{}{}{}<td><font color="#8a8a8a">- - 職位 role</font></td>{}{}{}{}</tr></table>>"##,
        html(title),
        cell(Kind::Person, "人物 person"),
        cell(Kind::Organization, "機構 organization"),
        cell(Kind::Place, "地方 place"),
        cell(Kind::Proposal, "建議 proposal (dashed: 期望 hope)"),
        cell(Kind::Audience, "對象 audience"),
        edge(Rel::ProposedBy),
        edge(Rel::AddressedTo),
        edge(Rel::ConcernsPlace),
        edge(Rel::ConcernsOrganization),
    )
}

/// The diagram of `pg` as GraphViz DOT source.
pub fn to_dot(pg: &PropertyGraph, opts: &DotOptions) -> String {
    let g = &pg.graph;
    let max = if opts.proposal_chars == 0 {
        24
    } else {
        opts.proposal_chars
    };
    let focus: BTreeSet<&str> = opts.focus.iter().map(String::as_str).collect();

    // Memberships: roles by (person, organization), or by person alone.
    let mut roles: BTreeMap<(NodeIndex, Option<NodeIndex>), BTreeSet<String>> = BTreeMap::new();
    for m in g.node_indices().filter(|&i| g[i].kind == Kind::Membership) {
        let target = |rel: Rel| {
            g.edges_directed(m, Direction::Outgoing)
                .find(|e| e.weight().rel == rel)
                .map(|e| e.target())
        };
        if let Some(person) = target(Rel::Member) {
            roles
                .entry((person, target(Rel::InOrganization)))
                .or_default()
                .insert(g[m].name.clone());
        }
    }
    let alone: HashMap<NodeIndex, Vec<String>> = roles
        .iter()
        .filter(|((_, o), _)| o.is_none())
        .map(|((p, _), r)| (*p, r.iter().cloned().collect()))
        .collect();

    // Edges drawn, between property-graph nodes.
    let mut drawn: Vec<(NodeIndex, NodeIndex, DEdge)> = Vec::new();
    for e in g.edge_references() {
        let (s, t) = (e.source(), e.target());
        match e.weight().rel {
            Rel::ProposedBy => drawn.push((
                t,
                s,
                DEdge {
                    label: Rel::ProposedBy.short().into(),
                    rel: Some(Rel::ProposedBy),
                    back: true,
                    membership: false,
                },
            )),
            r @ (Rel::AddressedTo | Rel::ConcernsPlace | Rel::ConcernsOrganization) => drawn.push((
                s,
                t,
                DEdge {
                    label: r.short().into(),
                    rel: Some(r),
                    back: false,
                    membership: false,
                },
            )),
            _ => {}
        }
    }
    for ((p, o), r) in &roles {
        if let Some(o) = o {
            drawn.push((
                *p,
                *o,
                DEdge {
                    label: r.iter().cloned().collect::<Vec<_>>().join("、"),
                    rel: None,
                    back: false,
                    membership: true,
                },
            ));
        }
    }
    let mut keep: BTreeSet<NodeIndex> = drawn.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
    keep.extend(g.node_indices().filter(|&i| focus.contains(g[i].iri.as_str())));
    // Where places lie, between places already drawn.
    for e in g.edge_references() {
        if e.weight().rel == Rel::ContainedIn && keep.contains(&e.source()) && keep.contains(&e.target()) {
            drawn.push((
                e.source(),
                e.target(),
                DEdge {
                    label: Rel::ContainedIn.short().into(),
                    rel: Some(Rel::ContainedIn),
                    back: false,
                    membership: false,
                },
            ));
        }
    }

    let mut d: DiGraph<DNode, DEdge> = DiGraph::new();
    let mut at: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    for &i in &keep {
        let n = &g[i];
        let (label, tooltip) = match n.kind {
            Kind::Proposal => {
                let text = n.text("text").unwrap_or(&n.name);
                (
                    short(text, max, 12),
                    format!("{}：{text}", n.text("cue").unwrap_or("建議")),
                )
            }
            _ => {
                let mut label = n.name.clone();
                if let Some(r) = alone.get(&i) {
                    label.push('\n');
                    label.push_str(&r.join("、"));
                }
                (label, n.iri.clone())
            }
        };
        let node = DNode {
            kind: n.kind,
            label,
            tooltip,
            soft: n.text("strength") == Some("Soft"),
            focus: focus.contains(n.iri.as_str()),
            articles: n.articles.clone(),
        };
        at.insert(i, d.add_node(node));
    }
    drawn.sort_by_key(|(a, b, e)| (*a, *b, e.label.clone()));
    for (a, b, e) in drawn {
        d.add_edge(at[&a], at[&b], e);
    }

    let node_attrs = |_: &DiGraph<DNode, DEdge>, (_, n): (NodeIndex, &DNode)| -> String {
        let mut s = format!(
            "label=\"{}\", tooltip=\"{}\", {}",
            esc(&n.label),
            esc(&n.tooltip),
            style(n.kind)
        );
        if n.soft {
            s = s.replace("style=filled", "style=\"filled,dashed\"");
        }
        if n.focus {
            s.push_str(", penwidth=3");
        }
        s
    };
    let edge_attrs = |_: &DiGraph<DNode, DEdge>, e: petgraph::graph::EdgeReference<'_, DEdge>| -> String {
        let w = e.weight();
        let mut s = format!("label=\"{}\"", esc(&w.label));
        if w.back {
            s.push_str(", dir=back");
        }
        if w.membership {
            s.push_str(r##", style=dashed, color="#8a8a8a", fontcolor="#555555""##);
        } else if let Some(c) = w.rel.and_then(edge_color) {
            s.push_str(&format!(", color=\"{c}\", fontcolor=\"{c}\""));
            if w.rel == Some(Rel::ContainedIn) {
                s.push_str(", style=dotted");
            }
        }
        s
    };
    let body = Dot::with_attr_getters(
        &d,
        &[Config::GraphContentOnly, Config::NodeNoLabel, Config::EdgeNoLabel],
        &edge_attrs,
        &node_attrs,
    );

    let mut out = String::new();
    out.push_str("digraph zhkg {\n");
    out.push_str("    graph [rankdir=LR, nodesep=0.12, ranksep=0.5, newrank=true");
    out.push_str(&format!(", fontname=\"{FONT}\", fontsize=16, labelloc=t"));
    if let Some(t) = &opts.title {
        out.push_str(&format!(", label={}", title_label(t)));
    }
    out.push_str("]\n");
    out.push_str(&format!(
        "    node [fontname=\"{FONT}\", fontsize=11, margin=\"0.08,0.03\"]\n"
    ));
    out.push_str(&format!(
        "    edge [fontname=\"{FONT}\", fontsize=8, color=\"#666666\", fontcolor=\"#444444\", arrowsize=0.6]\n"
    ));
    out.push_str(&body.to_string());
    if opts.clusters {
        let mut by_article: BTreeMap<&str, Vec<NodeIndex>> = BTreeMap::new();
        for i in d.node_indices() {
            let n = &d[i];
            if n.articles.len() == 1 {
                by_article
                    .entry(n.articles.iter().next().expect("one article"))
                    .or_default()
                    .push(i);
            }
        }
        let titles: HashMap<&str, &str> = g
            .node_weights()
            .filter(|n| n.kind == Kind::Article)
            .filter_map(|n| Some((n.text("identifier")?, n.text("title").unwrap_or(""))))
            .collect();
        for (k, (doc, members)) in by_article.iter().enumerate() {
            let title = match titles.get(doc) {
                Some(t) if !t.is_empty() => format!("{}\n{doc}", short(t, 40, 40)),
                _ => doc.to_string(),
            };
            out.push_str(&format!(
                "    subgraph cluster_{k} {{\n        label=\"{}\"; style=\"rounded,dashed\"; color=\"#999999\"; fontsize=12\n       ",
                esc(&title)
            ));
            for m in members {
                out.push_str(&format!(" {};", m.index()));
            }
            out.push_str("\n    }\n");
        }
    }
    out.push_str("}\n");
    out
}

/// Which image `dot` renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    Svg,
    Png,
}

/// Is a font with Chinese characters installed (as fontconfig sees it)? `None` when
/// fontconfig's `fc-list` is not there to ask.
pub fn cjk_font_installed() -> Option<bool> {
    let out = Command::new("fc-list")
        .arg(":lang=zh")
        .arg("family")
        .output()
        .ok()?;
    Some(out.status.success() && !out.stdout.is_empty())
}

/// Render DOT source with GraphViz `dot`; returns the image and whatever `dot` warned.
pub fn render(dot_source: &str, image: Image) -> Result<(Vec<u8>, String), ExportError> {
    let format = match image {
        Image::Svg => "-Tsvg",
        Image::Png => "-Tpng",
    };
    let mut cmd = Command::new("dot");
    cmd.arg(format);
    if image == Image::Png {
        cmd.arg("-Gdpi=110");
    }
    let mut child = match cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ExportError::Render(
                "GraphViz `dot` is not installed, so the diagram cannot be rendered: install it (Debian/Ubuntu: `apt-get install graphviz fonts-noto-cjk`), or write the source with `--format dot` and render it elsewhere".into(),
            ))
        }
        Err(e) => return Err(ExportError::Render(format!("could not run GraphViz `dot`: {e}"))),
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let source = dot_source.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| ExportError::Render(format!("GraphViz `dot` failed: {e}")))?;
    let _ = feeder.join();
    let warnings = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if !out.status.success() {
        return Err(ExportError::Render(format!(
            "GraphViz `dot` could not render the diagram: {warnings}"
        )));
    }
    Ok((out.stdout, warnings))
}

/// The title of a diagram: what it shows and how much of it.
pub fn title(pg: &PropertyGraph, selection: &super::Selection) -> String {
    use super::Selection;
    let (nodes, _) = pg.counts();
    let n = |k: Kind| nodes.get(&k).copied().unwrap_or(0);
    let what = format!(
        "{} 項建議 proposals · {} 人 people",
        n(Kind::Proposal),
        n(Kind::Person)
    );
    match selection {
        Selection::All => format!("zhkg：{} 篇文章 articles · {what}", n(Kind::Article)),
        Selection::Document(d) => {
            let title = pg
                .graph
                .node_weights()
                .find(|a| a.kind == Kind::Article)
                .and_then(|a| a.text("title"))
                .unwrap_or("");
            format!("{title}  ({d}) · {what}")
        }
        Selection::Construct(_) => format!("zhkg CONSTRUCT · {what}"),
        Selection::Entity { name, depth } => format!("{name}（{depth} 步 steps）· {what}"),
    }
}
