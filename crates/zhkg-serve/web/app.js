// zhkg's page: a SPARQL editor with the ready queries, an entity graph to expand, and the
// source text of every fact. Talks only to this server (/sparql and /api/…).
'use strict';

const $ = (id) => document.getElementById(id);

const TYPES = {
  Person: { color: '#d95f02', label: '人物 Person', shape: 'ellipse' },
  Organization: { color: '#1b9e77', label: '機構 Organization', shape: 'round-rectangle' },
  Place: { color: '#7570b3', label: '地點 Place', shape: 'diamond' },
  Event: { color: '#e7298a', label: '場合 Event', shape: 'hexagon' },
  Audience: { color: '#a6761d', label: '對象 Audience', shape: 'barrel' },
  Proposal: { color: '#66a61e', label: '建議 Proposal', shape: 'round-tag' },
  Membership: { color: '#e6ab02', label: '職位 Position', shape: 'rectangle' },
};

const PREFIXES = [
  ['zid', 'https://w3id.org/zhkg/id/'],
  ['zhkg', 'https://w3id.org/zhkg/ontology#'],
  ['schema', 'http://schema.org/'],
  ['org', 'http://www.w3.org/ns/org#'],
  ['skos', 'http://www.w3.org/2004/02/skos/core#'],
  ['nif', 'http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#'],
  ['xsd', 'http://www.w3.org/2001/XMLSchema#'],
];

let cy = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick') e.addEventListener('click', v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await r.text();
  if (!r.ok) throw new Error(text || r.statusText);
  return JSON.parse(text);
}

function compact(iri) {
  for (const [p, ns] of PREFIXES) if (iri.startsWith(ns)) return p + ':' + iri.slice(ns.length);
  return iri;
}

function short(text, n) {
  const chars = Array.from(text || '');
  return chars.length > n ? chars.slice(0, n).join('') + '…' : chars.join('');
}

// ---- tabs -------------------------------------------------------------------------

function showTab(name) {
  for (const p of document.querySelectorAll('.panel')) p.hidden = p.id !== name;
  for (const t of document.querySelectorAll('.tab')) t.setAttribute('aria-selected', String(t.dataset.tab === name));
  if (name === 'graph' && cy) cy.resize();
}

// ---- query ------------------------------------------------------------------------

async function loadQueries() {
  const box = $('ready-queries');
  const queries = await getJSON('/api/queries');
  for (const q of queries) {
    box.append(el('button', {
      class: 'ready-query', 'data-file': q.file, title: q.title,
      onclick: () => { $('editor').value = q.text; runQuery(); },
    }, q.file.replace(/\.rq$/, '')));
  }
  if (!$('editor').value && queries.length) $('editor').value = queries[0].text;
}

async function runQuery() {
  const query = $('editor').value;
  const status = $('status');
  status.className = '';
  status.textContent = '執行中 Running…';
  $('results').replaceChildren();
  const link = location.pathname + '#query=' + encodeURIComponent(query);
  history.replaceState(null, '', link);
  $('share').href = link;
  const started = performance.now();
  let r;
  try {
    r = await fetch('/sparql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/sparql-query',
        Accept: 'application/sparql-results+json, text/turtle;q=0.9',
      },
      body: query,
    });
  } catch (e) {
    status.className = 'error';
    status.textContent = String(e);
    return;
  }
  const text = await r.text();
  const ms = Math.round(performance.now() - started);
  if (!r.ok) {
    status.className = 'error';
    status.textContent = `HTTP ${r.status}: ${text}`;
    return;
  }
  if ((r.headers.get('content-type') || '').includes('json')) {
    const json = JSON.parse(text);
    if ('boolean' in json) {
      $('results').append(el('p', {}, json.boolean ? '是 yes (true)' : '否 no (false)'));
      status.textContent = `${ms} ms`;
    } else {
      $('results').append(resultsTable(json));
      status.textContent = `${json.results.bindings.length} 行 rows · ${ms} ms`;
    }
  } else {
    $('results').append(el('pre', { class: 'rdf' }, text));
    status.textContent = `${ms} ms`;
  }
}

function resultsTable(json) {
  const vars = json.head.vars;
  const table = el('table', { class: 'results', id: 'results-table' });
  table.append(el('thead', {}, el('tr', {}, ...vars.map((v) => el('th', {}, '?' + v)))));
  const body = el('tbody');
  for (const b of json.results.bindings) {
    body.append(el('tr', {}, ...vars.map((v) => el('td', {}, cell(b[v])))));
  }
  table.append(body);
  return table;
}

function cell(term) {
  if (!term) return '';
  if (term.type === 'uri') {
    if (term.value.startsWith('https://w3id.org/zhkg/id/')) {
      return el('a', { href: '#node=' + encodeURIComponent(term.value), title: '在圖中打開 open in the graph',
        onclick: (e) => { e.preventDefault(); openNode(term.value); } }, compact(term.value));
    }
    return compact(term.value);
  }
  return term.value;
}

// ---- graph ------------------------------------------------------------------------

function initGraph() {
  cy = cytoscape({
    container: $('cy'),
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', shape: 'data(shape)', label: 'data(display)',
        'font-size': 11, 'text-wrap': 'wrap', 'text-max-width': 130, 'text-valign': 'bottom',
        'text-margin-y': 3, width: 26, height: 26, color: '#222',
        'font-family': '"WenQuanYi Micro Hei", "Noto Sans CJK TC", sans-serif',
      } },
      { selector: 'node[type = "Proposal"]', style: { width: 34, height: 22 } },
      { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#333' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#2d6cdf' } },
      { selector: 'edge', style: {
        width: 1.5, 'line-color': '#999', 'target-arrow-color': '#999', 'target-arrow-shape': 'triangle',
        'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, color: '#555',
        'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8,
        'font-family': '"WenQuanYi Micro Hei", "Noto Sans CJK TC", sans-serif',
      } },
      { selector: 'edge[kind = "memberOf"]', style: { 'line-style': 'dashed', 'line-color': '#c9a227' } },
      { selector: '.filtered', style: { display: 'none' } },
    ],
  });
  cy.on('tap', 'node', (e) => { expand(e.target.id()); showDetails(e.target.id()); });
  cy.on('tap', 'edge', (e) => showSource(e.target.data('fact')));
  const filters = $('filters');
  for (const [type, t] of Object.entries(TYPES)) {
    const box = el('input', { type: 'checkbox', 'data-type': type });
    box.checked = true;
    box.addEventListener('change', applyFilters);
    filters.append(el('label', {}, box, el('span', { class: 'swatch', style: `background:${t.color}` }), t.label));
  }
}

function applyFilters() {
  const shown = new Set();
  for (const box of document.querySelectorAll('#filters input')) if (box.checked) shown.add(box.dataset.type);
  cy.nodes().forEach((n) => n.toggleClass('filtered', !shown.has(n.data('type'))));
}

function display(node) {
  const base = node.type === 'Proposal' ? short(node.label, 18) : short(node.label, 24);
  const hidden = Object.values(node.hidden || {}).reduce((a, b) => a + b, 0);
  return hidden ? `${base}\n(+${hidden} 未顯示 hidden)` : base;
}

function addNode(n, near) {
  const existing = cy.getElementById(n.id);
  if (existing.nonempty()) return existing;
  const t = TYPES[n.type] || { color: '#888', shape: 'ellipse' };
  const pos = near ? { x: near.x + (Math.random() - 0.5) * 160, y: near.y + (Math.random() - 0.5) * 160 } : { x: 0, y: 0 };
  return cy.add({ group: 'nodes', data: { ...n, color: t.color, shape: t.shape, display: display(n) }, position: pos });
}

async function expand(iri) {
  const limit = Math.max(1, Math.min(200, parseInt($('limit').value, 10) || 12));
  let d;
  try {
    d = await getJSON(`/api/node?iri=${encodeURIComponent(iri)}&limit=${limit}`);
  } catch (e) {
    $('details').replaceChildren(el('p', { class: 'error' }, String(e.message || e)));
    return;
  }
  const first = cy.nodes().length === 0;
  const center = addNode(d.center);
  const near = center.position();
  cy.batch(() => {
    for (const n of d.nodes) addNode(n, near);
    for (const e of d.edges) {
      if (cy.getElementById(e.id).empty()) cy.add({ group: 'edges', data: e });
    }
    center.data('hidden', d.hidden);
    center.data('display', display({ ...center.data(), hidden: d.hidden }));
    center.addClass('expanded');
  });
  applyFilters();
  cy.layout({
    name: 'cose', animate: false, randomize: first, fit: true, padding: 30, numIter: 1500,
    nodeRepulsion: () => 400000, idealEdgeLength: () => 110, edgeElasticity: () => 100, nodeOverlap: 20,
  }).run();
  document.body.dataset.expanded = String(cy.nodes('.expanded').length);
}

async function showDetails(iri) {
  const n = cy.getElementById(iri).data();
  const box = $('details');
  const t = TYPES[n.type] || {};
  const parts = [el('h3', {}, n.label), el('p', {}, el('span', { class: 'swatch', style: `background:${t.color}` }), t.label || n.type)];
  if (n.names && n.names.length) parts.push(el('p', {}, '名稱 Names: ' + n.names.join('、')));
  const hidden = Object.entries(n.hidden || {});
  if (hidden.length) {
    parts.push(el('p', { class: 'muted' }, '未顯示 Hidden: ' + hidden.map(([k, v]) => `${v} ${(TYPES[k] || {}).label || k}`).join(', ') +
      ' — 提高每類上限再點擊 raise the limit and click again'));
  }
  parts.push(el('p', { class: 'muted' }, el('code', {}, compact(iri))));
  if (n.type === 'Proposal' || n.type === 'Membership') {
    parts.push(el('button', { class: 'primary', id: 'show-source', onclick: () => showSource(iri) }, '原文 Show source'));
  }
  box.replaceChildren(...parts);
  if (['Person', 'Organization', 'Place'].includes(n.type)) {
    const d = await getJSON('/api/mentions?iri=' + encodeURIComponent(iri));
    const list = el('ul', { id: 'mentions' });
    for (const m of d.mentions) {
      list.append(el('li', { class: 'mention', 'data-iri': m.m, 'data-anchor': m.anchor, onclick: () => showSource(m.m) },
        el('b', {}, m.anchor), ` ${m.doc} ${m.begin}–${m.end} · ${m.rule} · ${m.confidence}`));
    }
    box.append(el('h4', {}, `提及 Mentions (${d.mentions.length})`), list);
  }
}

async function openNode(iri) {
  showTab('graph');
  await expand(iri);
  await showDetails(iri);
}

async function search() {
  const q = $('search').value.trim();
  const list = $('search-results');
  list.replaceChildren();
  if (!q) return;
  let d;
  try {
    d = await getJSON('/api/search?q=' + encodeURIComponent(q));
  } catch (e) {
    list.append(el('li', { class: 'error' }, String(e.message || e)));
    return;
  }
  if (!d.results.length) list.append(el('li', { class: 'muted' }, '找不到 Nothing found'));
  for (const r of d.results) {
    const t = TYPES[r.type] || {};
    list.append(el('li', { class: 'hit', 'data-iri': r.id, onclick: () => openNode(r.id) },
      el('span', { class: 'swatch', style: `background:${t.color}` }), r.label,
      el('span', { class: 'names' }, r.names.filter((x) => x !== r.label).join('、'))));
  }
}

// ---- export -----------------------------------------------------------------------

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function xml(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function toSVG() {
  const shown = cy.elements(':visible');
  const bb = shown.boundingBox();
  const pad = 20;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${bb.x1 - pad} ${bb.y1 - pad} ${bb.w + 2 * pad} ${bb.h + 2 * pad}" font-family="WenQuanYi Micro Hei, Noto Sans CJK TC, sans-serif">`,
    `<rect x="${bb.x1 - pad}" y="${bb.y1 - pad}" width="${bb.w + 2 * pad}" height="${bb.h + 2 * pad}" fill="#fff"/>`];
  shown.edges().forEach((e) => {
    const s = e.source().position(), t = e.target().position();
    const dash = e.data('kind') === 'memberOf' ? ' stroke-dasharray="5,3"' : '';
    out.push(`<line x1="${s.x}" y1="${s.y}" x2="${t.x}" y2="${t.y}" stroke="#999" stroke-width="1.5"${dash}/>`);
    out.push(`<text x="${(s.x + t.x) / 2}" y="${(s.y + t.y) / 2}" font-size="9" fill="#555" text-anchor="middle">${xml(e.data('label') || '')}</text>`);
  });
  shown.nodes().forEach((n) => {
    const p = n.position();
    out.push(`<circle cx="${p.x}" cy="${p.y}" r="13" fill="${n.data('color')}"/>`);
    (n.data('display') || '').split('\n').forEach((line, i) => {
      out.push(`<text x="${p.x}" y="${p.y + 27 + i * 13}" font-size="11" text-anchor="middle">${xml(line)}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n');
}

// ---- source -----------------------------------------------------------------------

// Offsets are code points; JavaScript strings count UTF-16 units, so work on Array.from.
function highlighted(text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  spans.forEach((s) => { cuts.add(s.begin); cuts.add(s.end); });
  const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  const box = el('div', { class: 'text' });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join('');
    const covering = spans.map((s, k) => (s.begin <= a && b <= s.end ? k : -1)).filter((k) => k >= 0);
    if (covering.length) {
      box.append(el('mark', { class: 'evidence', 'data-spans': covering.join(' '), title: covering.map((k) => spans[k].iri).join('\n') }, piece));
    } else {
      box.append(piece);
    }
  }
  return box;
}

async function showSource(iri) {
  if (!iri) return;
  const view = $('source-view');
  let d;
  try {
    d = await getJSON('/api/source?iri=' + encodeURIComponent(iri));
  } catch (e) {
    view.replaceChildren(el('p', { class: 'error' }, String(e.message || e)));
    showTab('source');
    return;
  }
  const parts = [];
  const about = d.about ? `${(TYPES[d.about.type] || {}).label || d.about.type}: ${d.about.label}` : compact(iri);
  parts.push(el('h2', {}, about));
  for (const s of d.sources) {
    const box = el('div', { class: 'source', 'data-doc': s.doc });
    box.append(
      el('h3', {}, s.title ? `${s.title} (${s.doc})` : s.doc),
      el('p', { class: 'meta' }, '規則 Rule: ', el('code', { class: 'rule' }, s.rule), ' · 置信度 Confidence: ',
        el('code', { class: 'confidence' }, s.confidence), ' · 證據 Evidence: ',
        s.spans.map((x) => `${x.begin}–${x.end}「${x.anchor}」`).join(' ')),
      highlighted(s.text, s.spans));
    parts.push(box);
  }
  view.replaceChildren(...parts);
  document.body.dataset.source = iri;
  showTab('source');
  const first = view.querySelector('mark.evidence');
  if (first) { first.classList.add('current'); first.scrollIntoView({ block: 'center' }); }
}

// ---- start ------------------------------------------------------------------------

function fromHash() {
  const h = location.hash.slice(1);
  const params = new URLSearchParams(h);
  if (params.has('query')) {
    $('editor').value = params.get('query');
    showTab('query');
    runQuery();
  } else if (params.has('node')) {
    openNode(params.get('node'));
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  $('endpoint').textContent = location.origin + '/sparql';
  for (const t of document.querySelectorAll('.tab')) t.addEventListener('click', () => showTab(t.dataset.tab));
  $('run').addEventListener('click', runQuery);
  $('editor').addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runQuery(); } });
  $('search-go').addEventListener('click', search);
  $('search').addEventListener('keydown', (e) => { if (e.key === 'Enter') search(); });
  $('export-png').addEventListener('click', () => download(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'zhkg-graph.png'));
  $('export-svg').addEventListener('click', () => download(new Blob([toSVG()], { type: 'image/svg+xml' }), 'zhkg-graph.svg'));
  $('fit').addEventListener('click', () => cy.fit(undefined, 30));
  $('clear').addEventListener('click', () => { cy.elements().remove(); $('details').replaceChildren(); });
  showTab('query');
  initGraph();
  try {
    await loadQueries();
  } catch (e) {
    $('status').className = 'error';
    $('status').textContent = String(e.message || e);
  }
  fromHash();
  document.body.dataset.ready = 'true';
});
