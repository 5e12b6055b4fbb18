// Join graphs drawn with Cytoscape.js, loaded only by the pages that draw one (a dynamic import:
// Cytoscape is about 400 KB and the other pages never fetch it).
//
// Each drawn table also gets a real link laid over it (a.graph-node), so that a table of the graph
// can be reached with the keyboard (Tab, then Enter), read by a screen reader, and followed by a
// plain click; the canvas itself stays a picture.

import type cytoscape from 'cytoscape';
import { clear, el } from './dom';

export interface GraphNode {
  id: string;
  /** What the node links to (a table page). */
  href: string;
  /** The text read for the link. */
  title: string;
  /** The colour group (the table's product). */
  group: string;
  centre?: boolean;
}

export interface GraphEdge {
  source: string;
  target: string;
  label?: string;
  /** What a click on the edge opens (the join path between its tables). */
  href?: string;
}

/** Where the nodes go for a canvas of a given width, and how high the canvas is then. */
export type Layout = (width: number) => { positions: Map<string, { x: number; y: number }>; height: number };

export interface GraphOptions {
  label: string;
  /** Every group in a stable order (the catalog's products), so that a product keeps its colour from page to page. */
  groups?: string[];
  /** Run again when the canvas changes width (a narrower window). */
  layout: Layout;
}

// Colours that keep a 4.5:1 contrast with the dark label text on their light fill.
const PALETTE = [
  ['#dbeafe', '#1d4ed8'], ['#dcfce7', '#15803d'], ['#fef3c7', '#b45309'], ['#fce7f3', '#be185d'],
  ['#ede9fe', '#6d28d9'], ['#cffafe', '#0e7490'], ['#fee2e2', '#b91c1c'], ['#ccfbf1', '#0f766e'],
  ['#ecfccb', '#4d7c0f'], ['#f3f4f6', '#4b5563'], ['#ffedd5', '#c2410c'], ['#f5d0fe', '#a21caf'],
];

/** The colours of each group, in the order the groups are first met. */
export function groupColours(groups: string[]): Map<string, { fill: string; stroke: string }> {
  const colours = new Map<string, { fill: string; stroke: string }>();
  for (const g of groups) {
    if (!colours.has(g)) {
      const [fill, stroke] = PALETTE[colours.size % PALETTE.length];
      colours.set(g, { fill, stroke });
    }
  }
  return colours;
}

/** Draws the graph into `box` (emptied first) with a legend of the groups; resolves once laid out. */
export async function drawGraph(box: HTMLElement, nodes: GraphNode[], edges: GraphEdge[], options: GraphOptions,
  legendTitle: string): Promise<cytoscape.Core> {
  const { default: cytoscape } = await import('cytoscape');
  allowCytoscapeUnderCsp();
  clear(box);
  const canvas = el('div', { class: 'graph-canvas' });
  const links = el('div', { class: 'graph-links' });
  const stage = el('div', { class: 'graph-stage', role: 'group', 'aria-label': options.label }, canvas, links);
  const present = new Set(nodes.map((n) => n.group));
  const colours = groupColours([...(options.groups ?? []), ...nodes.map((n) => n.group)]);
  for (const g of [...colours.keys()]) if (!present.has(g)) colours.delete(g);
  box.append(stage, legend(colours, legendTitle));

  let width = canvas.clientWidth || 900;
  let laid = options.layout(width);
  canvas.style.height = `${laid.height}px`;
  const cy = cytoscape({
    container: canvas,
    elements: [
      ...nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, label: n.id, w: n.id.length * 7.2 + 18, fill: colours.get(n.group)!.fill, stroke: colours.get(n.group)!.stroke },
        classes: n.centre ? 'centre' : '',
        position: { ...(laid.positions.get(n.id) ?? { x: 0, y: 0 }) },
      })),
      ...edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.source, target: e.target, label: e.label ?? '' } })),
    ],
    style: [
      { selector: 'node', style: {
        shape: 'round-rectangle', label: 'data(label)', width: 'data(w)', height: 24, 'font-size': 12,
        'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace', 'text-valign': 'center', 'text-halign': 'center',
        'background-color': 'data(fill)', 'border-width': 1.5, 'border-color': 'data(stroke)', color: '#1d2733',
      } },
      { selector: 'node.centre', style: { 'border-width': 3.5, 'font-weight': 'bold', height: 30 } },
      { selector: 'edge', style: {
        'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5, 'line-color': '#7b8da3',
        'target-arrow-color': '#7b8da3', label: 'data(label)', 'font-size': 10, color: '#3b4a5c',
        'text-background-color': '#ffffff', 'text-background-opacity': 1, 'text-background-padding': '2px',
      } },
      { selector: 'edge:active, edge.hover', style: { 'line-color': '#0b5fa5', 'target-arrow-color': '#0b5fa5', width: 3 } },
    ],
    layout: { name: 'preset', fit: true, padding: 24 },
    autoungrabify: true,
    boxSelectionEnabled: false,
    userZoomingEnabled: false,
    maxZoom: 1.4,
  });

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const anchors = new Map<string, HTMLAnchorElement>();
  for (const n of nodes) {
    const a = el('a', { class: 'graph-node', href: n.href, 'data-id': n.id, title: n.title, 'aria-label': n.title });
    anchors.set(n.id, a);
    links.append(a);
  }
  const place = (): void => {
    cy.nodes().forEach((node) => {
      const a = anchors.get(node.id());
      if (!a) return;
      const b = node.renderedBoundingBox({ includeLabels: false });
      a.style.left = `${b.x1}px`;
      a.style.top = `${b.y1}px`;
      a.style.width = `${b.w}px`;
      a.style.height = `${b.h}px`;
    });
  };
  cy.on('viewport resize', place);
  place();
  // A narrower or wider window lays the graph out again for the new width.
  const observer = new ResizeObserver(() => {
    if (!canvas.isConnected) { observer.disconnect(); return; }
    if (canvas.clientWidth === width || canvas.clientWidth === 0) return;
    width = canvas.clientWidth;
    laid = options.layout(width);
    canvas.style.height = `${laid.height}px`;
    cy.resize();
    cy.nodes().positions((node) => ({ ...(laid.positions.get(node.id()) ?? { x: 0, y: 0 }) }));
    cy.fit(undefined, 24);
    place();
  });
  observer.observe(canvas);
  cy.on('tap', 'edge', (event) => {
    const edge = edges[Number(String(event.target.id()).slice(1))];
    if (edge?.href) location.hash = edge.href;
  });
  cy.on('mouseover', 'edge', (event) => { event.target.addClass('hover'); canvas.style.cursor = 'pointer'; });
  cy.on('mouseout', 'edge', (event) => { event.target.removeClass('hover'); canvas.style.cursor = ''; });
  cy.on('tap', 'node', (event) => {
    const n = byId.get(event.target.id());
    if (n) location.hash = n.href;
  });
  stage.append(zoomButtons(cy));
  return cy;
}

/**
 * Cytoscape adds a <style> element for its container's class unless an element with its id is
 * already there; the Content-Security-Policy refuses inline styles, so the page carries the rule in
 * style.css (.__________cytoscape_container) and this placeholder stops the insertion.
 */
function allowCytoscapeUnderCsp(): void {
  const id = '__________cytoscape_stylesheet';
  if (!document.getElementById(id)) document.head.append(el('meta', { id, name: 'cytoscape-style', content: 'style.css' }));
}

function zoomButtons(cy: cytoscape.Core): HTMLElement {
  const zoom = (factor: number): void => {
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const button = (text: string, label: string, action: () => void): HTMLButtonElement => {
    const b = el('button', { type: 'button', class: 'secondary', 'aria-label': label, title: label }, text);
    b.addEventListener('click', action);
    return b;
  };
  return el('div', { class: 'graph-zoom' },
    button('+', 'Zoom +', () => zoom(1.25)), button('−', 'Zoom −', () => zoom(0.8)), button('⤢', 'Fit', () => cy.fit(undefined, 30)));
}

function legend(colours: Map<string, { fill: string; stroke: string }>, title: string): HTMLElement {
  const list = el('ul', { class: 'legend', 'aria-label': title });
  for (const [group, c] of colours) {
    const swatch = el('span', { class: 'swatch' });
    // CSSOM, not a style attribute: the Content-Security-Policy refuses inline styles
    swatch.style.background = c.fill;
    swatch.style.borderColor = c.stroke;
    list.append(el('li', {}, swatch, group));
  }
  return list;
}

/** Hops from the centre node (breadth-first, either direction); unreachable nodes get the largest. */
function distances(nodes: GraphNode[], edges: GraphEdge[]): Map<string, number> {
  const centre = nodes.find((n) => n.centre)?.id ?? nodes[0]?.id;
  const around = new Map<string, string[]>();
  for (const e of edges) {
    around.set(e.source, [...(around.get(e.source) ?? []), e.target]);
    around.set(e.target, [...(around.get(e.target) ?? []), e.source]);
  }
  const out = new Map<string, number>();
  if (!centre) return out;
  out.set(centre, 0);
  const queue = [centre];
  while (queue.length) {
    const id = queue.shift()!;
    for (const next of around.get(id) ?? []) {
      if (!out.has(next)) { out.set(next, out.get(id)! + 1); queue.push(next); }
    }
  }
  const far = Math.max(0, ...out.values()) + 1;
  for (const n of nodes) if (!out.has(n.id)) out.set(n.id, far);
  return out;
}

// A node's footprint when laying out: about a label's width across, a row's height down.
const SLOT_W = 118;
const SLOT_H = 34;

/**
 * The centre in the middle and each further distance on a wider ellipse filling the canvas. Nodes
 * are spread evenly in "label space" (a step across costs a label's width, a step down a row's
 * height), so that the long names at the top and bottom of a ring do not overlap while the sides
 * stay dense. A ring is ordered by product, the outer ones by the angle of their inner neighbour,
 * so that joins cross little.
 */
export function ringLayout(nodes: GraphNode[], edges: GraphEdge[]): Layout {
  const levels = distances(nodes, edges);
  const height = nodes.length > 30 ? 640 : nodes.length > 12 ? 480 : nodes.length > 4 ? 360 : 240;
  return (width) => ({ positions: ringPositions(nodes, edges, levels, width, height), height });
}

function ringPositions(nodes: GraphNode[], edges: GraphEdge[], levels: Map<string, number>, width: number,
  height: number): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const deepest = Math.max(1, ...levels.values());
  const around = new Map<string, string[]>();
  for (const e of edges) {
    around.set(e.source, [...(around.get(e.source) ?? []), e.target]);
    around.set(e.target, [...(around.get(e.target) ?? []), e.source]);
  }
  const angle = new Map<string, number>();
  for (let level = 0; level <= deepest; level++) {
    const ring = nodes.filter((n) => (levels.get(n.id) ?? 0) === level);
    if (level === 0) {
      ring.forEach((n) => { out.set(n.id, { x: 0, y: 0 }); angle.set(n.id, 0); });
      continue;
    }
    const parentAngle = (n: GraphNode): number => {
      const inner = (around.get(n.id) ?? []).filter((o) => (levels.get(o) ?? 0) === level - 1 && angle.has(o));
      return inner.length ? angle.get(inner[0])! : 0;
    };
    ring.sort((a, b) => (level === 1 ? a.group.localeCompare(b.group) : parentAngle(a) - parentAngle(b)) || a.id.localeCompare(b.id));
    const rx = ((width / 2) - SLOT_W / 2 - 10) * (level / deepest);
    const ry = ((height / 2) - SLOT_H / 2 - 10) * (level / deepest);
    spread(ring.length, rx, ry).forEach((p, i) => {
      out.set(ring[i].id, { x: p.x, y: p.y });
      angle.set(ring[i].id, p.angle);
    });
  }
  return out;
}

/** `count` points on the ellipse (rx, ry), at equal distances in label space, starting on the left. */
function spread(count: number, rx: number, ry: number): { x: number; y: number; angle: number }[] {
  const samples = 720;
  const cost: number[] = [0];
  const point = (i: number) => {
    const a = Math.PI + (2 * Math.PI * i) / samples;
    return { x: rx * Math.cos(a), y: ry * Math.sin(a), angle: (2 * Math.PI * i) / samples };
  };
  for (let i = 1; i <= samples; i++) {
    const p = point(i - 1), q = point(i);
    cost.push(cost[i - 1] + Math.hypot((q.x - p.x) / SLOT_W, (q.y - p.y) / SLOT_H));
  }
  const total = cost[samples] || 1;
  const out: { x: number; y: number; angle: number }[] = [];
  let i = 0;
  for (let k = 0; k < count; k++) {
    const wanted = (total * k) / count;
    while (i < samples && cost[i] < wanted) i++;
    out.push(point(i));
  }
  return out;
}
