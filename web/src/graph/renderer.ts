import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { kindColours, kindStyle } from '../ui/kindIcon.tsx';
import type { DisplayGraph, DisplayNode } from './grouping.ts';
import { isLargeWalk, LARGE_PICTURE, layoutLayered, levelColumns, type LayoutEdge, type LayoutNode, type LayoutResult, type Point } from './layout.ts';
import { verticalClearance } from './placement.ts';
import { LABEL_FONT_SIZE, LABELLED, labelNodesInView, labelWhereTheViewStops, MIN_ZOOMED_FONT_SIZE } from './viewportLabels.ts';

/** Fields drawn inside an asset (field level). */
export interface DrawnField {
  id: string;
  parent: string;
  label: string;
}

/** A field edge drawn between two field boxes, labelled with its transformation. */
export interface DrawnFieldEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  masking: boolean;
}

export interface Picture {
  graph: DisplayGraph;
  fields?: DrawnField[];
  fieldEdges?: DrawnFieldEdge[];
}

export interface Timings {
  layoutMs: number;
  renderMs: number;
  nodes: number;
  edges: number;
}

const FIELD_COLOUR = '#94a3b8';
const ASSET = { width: 170, height: 34 };
const COMPUTATION = { width: 150, height: 26 };
const GROUP = { width: 210, height: 46 };
const FIELD = { width: 150, height: 20 };
/** The least room between an expansion's nodes and those already drawn. */
const PLACEMENT_GAP = 12;
const LARGE = LARGE_PICTURE;

function sizeOf(node: DisplayNode) {
  return node.members ? GROUP : node.computation ? COMPUTATION : ASSET;
}

/** The class that gives a node its border colour (one selector per colour drawn, not a per-element data mapper). */
function colourClass(colour: string): string {
  return `colour-${colour.replace('#', '')}`;
}

const GROUP_COLOUR = '#334155';

function style(large: boolean): StylesheetJson {
  const colours = [...kindColours(), GROUP_COLOUR];
  return [
    {
      selector: 'node',
      style: large
        ? // Past LARGE a node has no label (nor text style) until it is in view at a legible zoom
          // (viewportLabels.ts). Every property set costs each element its application and
          // Cytoscape's bounds and style-cache triggers (a `bounds` event per property and node).
          { 'border-width': 1.5, 'border-color': '#475569' }
        : { label: 'data(label)', 'font-size': LABEL_FONT_SIZE, 'text-valign': 'center', 'border-width': 1.5, 'border-color': '#475569', 'font-family': 'system-ui, sans-serif', color: '#0f172a', 'text-halign': 'center', 'text-wrap': 'ellipsis', 'text-max-width': '150px' },
    },
    // Past LARGE: Cytoscape's defaults are left unset (text-halign center, text-wrap none; its
    // sans-serif font and black text). Ellipsis measures every label again on each draw.
    ...(large ? [{ selector: `node.${LABELLED}`, style: { label: 'data(label)', 'font-size': LABEL_FONT_SIZE, 'text-valign': 'center' as const, 'min-zoomed-font-size': MIN_ZOOMED_FONT_SIZE } }] : []),
    ...colours.map((colour) => ({ selector: `node.${colourClass(colour)}`, style: { 'border-color': colour } })),
    // Sizes by class, not mapped from each element's data: a mapper is evaluated per element.
    { selector: 'node.asset', style: { shape: 'round-rectangle', 'background-color': '#f8fafc', width: ASSET.width, height: ASSET.height } },
    { selector: 'node.computation', style: { shape: 'ellipse', 'background-color': '#fef3c7', width: COMPUTATION.width, height: COMPUTATION.height, ...(large ? {} : { 'font-size': 10, 'font-style': 'italic' }) } },
    ...(large ? [{ selector: `node.computation.${LABELLED}`, style: { 'font-size': 10, 'font-style': 'italic' as const } }] : []),
    { selector: 'node.group', style: { shape: 'round-rectangle', 'background-color': '#e2e8f0', 'border-style': 'double', 'border-width': 4, 'font-weight': 'bold', 'text-max-width': '200px', width: GROUP.width, height: GROUP.height, ...(large ? { label: 'data(label)', 'text-valign': 'center' as const } : {}) } },
    { selector: 'node.expandable', style: { 'border-width': 3 } },
    // A group's count and the root's name are read at any zoom, also past LARGE (a few nodes).
    { selector: 'node.root', style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 'bold', ...(large ? { label: 'data(label)', 'text-valign': 'center' as const } : {}) } },
    { selector: 'node:selected', style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.18, 'overlay-padding': 6 } },
    { selector: 'node.has-fields', style: { 'text-valign': 'top', 'text-margin-y': 18, 'background-color': '#eff6ff', 'padding': '6px' } },
    // A field is drawn only where its asset was expanded, so it has its label from the start.
    { selector: 'node.field', style: { shape: 'round-rectangle', 'background-color': '#ffffff', 'border-color': '#94a3b8', 'border-width': 1, 'font-size': 9, width: FIELD.width, height: FIELD.height, ...(large ? { label: 'data(label)', 'text-valign': 'center' as const } : {}) } },
    {
      selector: 'edge',
      // Past LARGE, haystack lines (no control points or end points to compute: the cheapest edge
      // Cytoscape draws, and its default curve-style, so not set). A large walk is drawn in its
      // levels' columns, upstream on the left: an edge from a level to a later one runs left to
      // right, which says its direction, and has no arrowhead (3 properties fewer to apply, and
      // no arrow to draw, on 97% of a 5,000-node walk's edges); the others (`against`: to a node
      // of the same or an earlier level) have one in the middle.
      style: large
        ? { width: 1.3, 'line-color': '#64748b' }
        : { width: 1.3, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'line-color': '#64748b', 'target-arrow-color': '#64748b' },
    },
    // Dashed lines cost the canvas a lot: past LARGE, READS are told apart by colour alone.
    { selector: 'edge.READS', style: large ? { 'line-color': '#94a3b8' } : { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
    { selector: 'edge.WRITES', style: large ? { 'line-color': '#1e3a8a' } : { 'line-color': '#1e3a8a', 'target-arrow-color': '#1e3a8a' } },
    ...(large
      ? [
          { selector: 'edge.against', style: { 'mid-target-arrow-shape': 'triangle' as const, 'arrow-scale': 0.8, 'mid-target-arrow-color': '#64748b' } },
          { selector: 'edge.against.READS', style: { 'mid-target-arrow-color': '#94a3b8' } },
          { selector: 'edge.against.WRITES', style: { 'mid-target-arrow-color': '#1e3a8a' } },
        ]
      : []),
    // A class, not a data selector (`edge[count > 1]`): every edge is matched against every selector.
    { selector: 'edge.counted', style: { label: 'data(countLabel)', 'font-size': 9, width: 'mapData(count, 1, 1000, 1.5, 8)', 'text-background-color': '#fff', 'text-background-opacity': 1 } },
    {
      selector: 'edge.field-edge',
      style: { 'line-color': '#7c3aed', 'target-arrow-color': '#7c3aed', width: 1.5, label: 'data(label)', 'font-size': 8, 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.9, 'curve-style': 'bezier' },
    },
    { selector: 'edge.masking', style: { 'line-style': 'dotted', 'line-color': '#be123c', 'target-arrow-color': '#be123c' } },
    // Time travel: what the graph had at this version and no longer has.
    { selector: 'node.removed-since', style: { 'border-style': 'dashed', 'border-color': '#b91c1c', 'border-width': 3, 'background-color': '#fee2e2' } },
    { selector: 'edge.removed-since', style: { 'line-color': '#b91c1c', 'target-arrow-color': '#b91c1c', 'mid-target-arrow-color': '#b91c1c', 'line-style': 'dashed' } },
    // ...and what the latest has that this version had not: ghosts outlined green (not part of this version).
    { selector: 'node.added-since', style: { 'border-style': 'solid', 'border-color': '#15803d', 'border-width': 3, 'background-color': '#dcfce7', opacity: 0.6 } },
    { selector: 'edge.added-since', style: { 'line-color': '#15803d', 'target-arrow-color': '#15803d', 'mid-target-arrow-color': '#15803d', 'line-style': 'solid', opacity: 0.6 } },
    // Impact.
    { selector: 'node.impact-root', style: { 'background-color': '#1e293b', color: '#ffffff', 'border-color': '#0f172a' } },
    { selector: 'node.broken', style: { 'background-color': '#fecaca', 'border-color': '#b91c1c', 'border-width': 3 } },
    { selector: 'node.degraded', style: { 'background-color': '#fde68a', 'border-color': '#b45309', 'border-width': 3 } },
    { selector: 'node.unaffected', style: { opacity: 0.45 } },
    // A highlighted path (a field's lineage, an evidence path); the rest is dimmed.
    { selector: '.dim', style: { opacity: 0.22 } },
    { selector: 'node.highlight', style: { 'border-color': '#7c3aed', 'border-width': 4, opacity: 1 } },
    { selector: 'edge.highlight', style: { 'line-color': '#7c3aed', 'target-arrow-color': '#7c3aed', width: 3.5, opacity: 1 } },
  ];
}

const colourClasses = new Map<string, string>();
const classOfColour = (colour: string) => colourClasses.get(colour) ?? colourClasses.set(colour, colourClass(colour)).get(colour)!;

// One formatter: toLocaleString builds one per call (a second for 10,000 edges, measured).
const COUNT = new Intl.NumberFormat('en-US');

/**
 * The lineage canvas: Cytoscape.js draws, ELK lays out (in a worker). A new picture lays out from
 * scratch; `update` keeps every node already drawn where it is and lays out only what was added,
 * next to the node it was expanded from, so expanding or collapsing never redraws the rest.
 */
export class GraphRenderer {
  readonly cy: Core;
  private generation = 0;
  /** Resolves when the last `show` is done (a large walk: ELK's positions applied). */
  private settled: Promise<void> = Promise.resolve();
  /** The extra classes wanted (setClasses), given to elements when they are created. */
  private wanted: ReadonlyMap<string, string[]> = new Map();
  private dimOthers = false;
  /** The extra classes each drawn element has: setClasses changes only the elements whose set differs. */
  private applied = new Map<string, readonly string[]>();
  /** Past LARGE: stops labelling the nodes in view (viewportLabels.ts). */
  private readonly stopLabels: () => void;

  constructor(
    container: HTMLElement,
    /** Past LARGE elements: the cheaper style, and edges not running to a later level marked `against`. */
    readonly large: boolean,
  ) {
    this.cy = cytoscape({
      container,
      style: style(large),
      wheelSensitivity: 0.4,
      minZoom: 0.02,
      maxZoom: 3,
      textureOnViewport: large,
      // Past LARGE, edges are left out while the view moves (they come back when it stops).
      hideEdgesOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : 'auto',
      boxSelectionEnabled: false,
    });
    this.stopLabels = large ? labelWhereTheViewStops(this.cy) : () => {};
  }

  destroy(): void {
    // A layout still running in the worker must not draw into a destroyed canvas.
    this.generation++;
    this.stopLabels();
    this.cy.destroy();
  }

  /**
   * Lays out and draws a picture from scratch, then fits it to the view. A large walk is drawn at
   * once in its levels' columns (`levelColumns`), while ELK lays it out in its worker:
   * `onInteractive` is told when those nodes can be panned, zoomed and clicked, and the nodes then
   * move to ELK's positions (the view fitted again unless the user moved it meanwhile).
   */
  async show(picture: Picture, onInteractive?: (timings: Timings) => void): Promise<Timings | null> {
    const generation = ++this.generation;
    const inputStarted = performance.now();
    const layoutNodes = this.layoutNodes(picture, () => true);
    performance.measure('cy-layout-input', { start: inputStarted });
    let refining: () => void = () => {};
    this.settled = new Promise<void>((resolve) => (refining = resolve));
    try {
      if (!isLargeWalk(layoutNodes)) {
        const layout = await layoutLayered(layoutNodes, this.layoutEdges(picture, layoutNodes));
        if (generation !== this.generation) return null;
        const renderMs = await this.draw(picture, layout);
        return { layoutMs: layout.ms, renderMs, nodes: picture.graph.nodes.length, edges: picture.graph.edges.length };
      }
      const columnsStarted = performance.now();
      const columns = levelColumns(layoutNodes);
      performance.measure('cy-level-columns', { start: columnsStarted });
      const renderMs = await this.draw(picture, columns);
      if (generation !== this.generation) return null;
      onInteractive?.({ layoutMs: 0, renderMs, nodes: picture.graph.nodes.length, edges: picture.graph.edges.length });
      const fitted = { zoom: this.cy.zoom(), ...this.cy.pan() };
      // ELK starts once the first frame is drawn, not beside it: on two loaded cores the worker
      // and the main thread drawing at once made the first frame up to 4x slower (docs/benchmark-log.md).
      // Its edges too are worked out only then, off the path to the first frame.
      const layout = await layoutLayered(layoutNodes, this.layoutEdges(picture, layoutNodes));
      if (generation !== this.generation) return null;
      const started = performance.now();
      const untouched = this.cy.zoom() === fitted.zoom && this.cy.pan().x === fitted.x && this.cy.pan().y === fitted.y;
      this.cy.batch(() => {
        this.cy.nodes().positions((node) => layout.positions.get(node.id()) ?? node.position());
      });
      if (untouched) this.fitTo(layout.positions, layout.sizes, 30);
      else if (this.large) labelNodesInView(this.cy);
      await this.nextFrame(started);
      performance.measure('cy-relayout', { start: started });
      return { layoutMs: layout.ms, renderMs, nodes: picture.graph.nodes.length, edges: picture.graph.edges.length };
    } finally {
      refining();
    }
  }

  /** Adds a picture's elements at these positions, fits the view, and resolves on the first frame drawn: how long that took. */
  private async draw(picture: Picture, layout: Omit<LayoutResult, 'ms'>): Promise<number> {
    const started = performance.now();
    this.applied.clear();
    const { nodes, edges } = this.elements(picture, layout.positions);
    performance.measure('cy-elements', { start: started });
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(nodes);
    });
    // The nodes' style is worked out before their edges exist: Cytoscape walks a node's connected
    // edges for every style property it applies (to clear their style caches), 15 properties a node.
    if (nodes.length > LARGE) this.cy.nodes().forEach((node) => void node.style('width'));
    this.cy.batch(() => {
      this.cy.add(edges);
    });
    // What the render is made of, for the benchmark (bench/explorerBench.ts): elements added, fit, first frame.
    performance.measure('cy-add', { start: started });
    const fitted = performance.now();
    // The view fitted to the layout's own box: cy.fit would first compute every element's style and
    // bounds to find it, work the first frame then does again.
    this.fitTo(layout.positions, layout.sizes, 30);
    // A small graph is read, not surveyed: keep its labels legible, centred on the start.
    if (this.cy.zoom() < 0.55 && picture.graph.nodes.length < 80) {
      const box = this.cy.elements().boundingBox();
      this.cy.zoom(0.55);
      this.cy.pan({ x: 20 - box.x1 * 0.55, y: this.cy.height() / 2 - ((box.y1 + box.y2) / 2) * 0.55 });
    }
    performance.measure('cy-fit', { start: fitted });
    const framed = performance.now();
    // Every element's bounds computed for the first time tell Cytoscape they changed, and it works
    // out their rendered style again on the next frame and redraws everything: in the first frame,
    // 5,000 nodes drawn, a second full drawing (2.5 s at load 25) after the graph was interactive.
    // Computed here, that happens before the first frame, which then needs no second.
    if (nodes.length + edges.length > LARGE) this.cy.elements().boundingBox();
    const renderMs = await this.nextFrame(started);
    performance.measure('cy-frame', { start: framed });
    return renderMs;
  }

  /**
   * Draws a changed picture: removes what is gone, keeps the position of what stays, lays out only
   * the new nodes (with `anchor`, the node they grew from, which does not move) and adds them.
   */
  async update(picture: Picture, anchor: string | null): Promise<void> {
    // A large walk still moving to ELK's layout gets there first: what is added is placed beside it.
    await this.settled;
    const generation = ++this.generation;
    const wanted = new Set<string>([...picture.graph.nodes.map((n) => n.id), ...picture.graph.edges.map((e) => e.id), ...(picture.fields ?? []).map((f) => f.id), ...(picture.fieldEdges ?? []).map((e) => e.id)]);
    const existing = new Set(this.cy.elements().map((element) => element.id()));
    const added = (id: string) => !existing.has(id);
    const newNodes = [...picture.graph.nodes.filter((n) => added(n.id)).map((n) => n.id), ...(picture.fields ?? []).filter((f) => added(f.id)).map((f) => f.id)];
    let positions = new Map<string, Point>();
    if (newNodes.length > 0) {
      const near = new Set(newNodes);
      if (anchor && existing.has(anchor)) near.add(anchor);
      const layoutNodes = this.layoutNodes(picture, (id) => near.has(id));
      const layout = await layoutLayered(layoutNodes, this.layoutEdges(picture, layoutNodes));
      if (generation !== this.generation) return;
      positions = layout.positions;
      const from = anchor ? positions.get(anchor) : undefined;
      const to = anchor && existing.has(anchor) ? this.cy.getElementById(anchor).position() : this.freeSpot();
      const dx = to.x - (from?.x ?? 0);
      const dy = to.y - (from?.y ?? 0);
      // The new nodes (those drawn at the top level, with what they hold) move as a block, up or
      // down out of the way of every node that stays: nothing drawn moves, nothing new covers it.
      const parentOf = new Map((picture.fields ?? []).map((field) => [field.id, field.parent]));
      const topLevel = (id: string) => parentOf.get(id) ?? id;
      const moving = newNodes.filter((id) => added(topLevel(id)));
      const blockBoxes = moving.filter((id) => !parentOf.has(id) && positions.has(id)).map((id) => {
        const point = positions.get(id)!;
        const size = layout.sizes.get(id)!;
        return { x1: point.x + dx - size.width / 2, y1: point.y + dy - size.height / 2, x2: point.x + dx + size.width / 2, y2: point.y + dy + size.height / 2 };
      });
      const staying = this.cy.nodes().filter((node) => node.isOrphan() && wanted.has(node.id()));
      const drawnBoxes = staying.map((node) => node.boundingBox({ includeLabels: false, includeOverlays: false }));
      const clearance = verticalClearance(drawnBoxes, blockBoxes, PLACEMENT_GAP);
      const moved = new Set(moving);
      for (const [id, point] of positions) positions.set(id, { x: point.x + dx, y: point.y + dy + (moved.has(id) ? clearance : 0) });
    }
    this.cy.batch(() => {
      this.cy.elements().filter((element) => !wanted.has(element.id())).remove();
      const { nodes, edges } = this.elements(picture, positions);
      const additions = [...nodes, ...edges].filter((element) => added(element.data.id as string));
      this.cy.add(additions);
      // Data that changes in place (a group's count, a label).
      for (const node of picture.graph.nodes) {
        if (!added(node.id)) this.cy.getElementById(node.id).data('label', node.label);
      }
    });
    if (this.large) labelNodesInView(this.cy);
  }

  /**
   * Replaces the extra classes (root, impact status, time travel marks, highlights; with
   * `dimOthers`, dim on all else) of every element, and keeps them for elements created later.
   * Only elements whose extra classes change are touched: Cytoscape restyles every element a class
   * is removed from, even one that never had it (5,000 nodes: a second full restyle and redraw).
   */
  setClasses(classes: ReadonlyMap<string, string[]>, dimOthers: boolean): void {
    this.wanted = classes;
    this.dimOthers = dimOthers;
    this.cy.batch(() => {
      this.cy.elements().forEach((element) => {
        const id = element.id();
        const next = this.extraClasses(id, element.hasClass('field'));
        const previous = this.applied.get(id) ?? [];
        const gone = previous.filter((name) => !next.includes(name));
        const come = next.filter((name) => !previous.includes(name));
        if (gone.length > 0) element.removeClass(gone);
        if (come.length > 0) element.addClass(come);
        if (next.length > 0) this.applied.set(id, next);
        else this.applied.delete(id);
      });
    });
  }

  /** The extra classes an element should have now. */
  private extraClasses(id: string, field: boolean): readonly string[] {
    const names = this.wanted.get(id) ?? [];
    if (!this.dimOthers || field || names.includes('highlight') || names.includes('root')) return names;
    return [...names, 'dim'];
  }

  /** An element's classes at creation: its own and the extra ones wanted (recorded as applied). */
  private withExtra(id: string, own: string, field = false): string {
    const extra = this.extraClasses(id, field);
    if (extra.length === 0) return own;
    this.applied.set(id, extra);
    return `${own} ${extra.join(' ')}`;
  }

  private fitTo(positions: Map<string, Point>, sizes: Map<string, { width: number; height: number }>, padding: number): void {
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const [id, point] of positions) {
      const size = sizes.get(id)!;
      x1 = Math.min(x1, point.x - size.width / 2);
      y1 = Math.min(y1, point.y - size.height / 2);
      x2 = Math.max(x2, point.x + size.width / 2);
      y2 = Math.max(y2, point.y + size.height / 2);
    }
    if (!Number.isFinite(x1)) return;
    const width = this.cy.width();
    const height = this.cy.height();
    const zoom = Math.max(this.cy.minZoom(), Math.min(this.cy.maxZoom(), (width - 2 * padding) / Math.max(1, x2 - x1), (height - 2 * padding) / Math.max(1, y2 - y1)));
    this.cy.viewport({ zoom, pan: { x: width / 2 - (zoom * (x1 + x2)) / 2, y: height / 2 - (zoom * (y1 + y2)) / 2 } });
  }

  private freeSpot(): Point {
    if (this.cy.nodes().length === 0) return { x: 0, y: 0 };
    const box = this.cy.nodes().boundingBox();
    return { x: box.x1, y: box.y2 + 80 };
  }

  /** What ELK and `levelColumns` lay out: the drawn nodes `include` accepts (with the fields drawn inside them), each with its level and its rank in it. */
  private layoutNodes(picture: Picture, include: (id: string) => boolean): LayoutNode[] {
    const fieldsOf = new Map<string, LayoutNode[]>();
    for (const field of picture.fields ?? []) {
      (fieldsOf.get(field.parent) ?? fieldsOf.set(field.parent, []).get(field.parent)!).push({ id: field.id, ...FIELD });
    }
    const ranks = new Map<number, number>();
    const layoutNodes: LayoutNode[] = [];
    for (const node of picture.graph.nodes) {
      if (!include(node.id)) continue;
      const rank = ranks.get(node.level) ?? 0;
      ranks.set(node.level, rank + 1);
      const size = sizeOf(node);
      const children = fieldsOf.get(node.id);
      layoutNodes.push(children ? { id: node.id, width: size.width, height: size.height, level: node.level, rank, children } : { id: node.id, width: size.width, height: size.height, level: node.level, rank });
    }
    return layoutNodes;
  }

  /** The edges between laid-out nodes: an asset drawn with its fields is connected through them (field edges) first. */
  private layoutEdges(picture: Picture, layoutNodes: readonly LayoutNode[]): LayoutEdge[] {
    const present = new Set<string>();
    const withFields = new Set<string>();
    for (const node of layoutNodes) {
      present.add(node.id);
      if (!node.children?.length) continue;
      withFields.add(node.id);
      for (const child of node.children) present.add(child.id);
    }
    const layoutEdges: LayoutEdge[] = [];
    const later: LayoutEdge[] = [];
    for (const edge of picture.graph.edges) {
      if (!present.has(edge.source) || !present.has(edge.target)) continue;
      // An asset drawn with its fields is connected through them (field edges), not as a whole.
      (withFields.has(edge.source) || withFields.has(edge.target) ? later : layoutEdges).push({ id: edge.id, source: edge.source, target: edge.target });
    }
    for (const edge of picture.fieldEdges ?? []) {
      if (present.has(edge.source) && present.has(edge.target)) layoutEdges.push({ id: edge.id, source: edge.source, target: edge.target });
    }
    // Assets shown with fields still sit between their producers and consumers.
    for (const edge of later) layoutEdges.push(edge);
    return layoutEdges;
  }

  /** The elements to add, nodes and edges apart (the nodes are added and styled first: draw). */
  private elements(picture: Picture, positions: Map<string, Point>): { nodes: ElementDefinition[]; edges: ElementDefinition[] } {
    const withFields = new Set((picture.fields ?? []).map((field) => field.parent));
    const nodes: ElementDefinition[] = [];
    // Built in one go, not made and then spread into a copy: on a page's first drawing this runs as cold code, 5,000 nodes and 6,000 edges.
    for (const node of picture.graph.nodes) {
      const colour = node.members ? GROUP_COLOUR : kindStyle(node.kind, node.computation).colour;
      const position = withFields.has(node.id) ? undefined : positions.get(node.id);
      const element: ElementDefinition = {
        group: 'nodes',
        data: { id: node.id, label: node.label, kind: node.kind, level: node.level, colour, members: node.members?.length ?? 0, groupKey: node.groupKey },
        classes: this.withExtra(node.id, `${node.members ? 'group' : node.computation ? 'computation' : 'asset'} ${classOfColour(colour)}`),
      };
      if (position) element.position = { x: position.x, y: position.y };
      nodes.push(element);
    }
    for (const field of picture.fields ?? []) {
      const position = positions.get(field.id);
      nodes.push({ group: 'nodes', data: { id: field.id, parent: field.parent, label: field.label, colour: FIELD_COLOUR }, classes: this.withExtra(field.id, 'field', true), ...(position ? { position: { ...position } } : {}) });
    }
    const level = new Map<string, number>();
    if (this.large) for (const node of picture.graph.nodes) level.set(node.id, node.level);
    const edges: ElementDefinition[] = [];
    for (const edge of picture.graph.edges) {
      const against = this.large && !((level.get(edge.target) ?? 0) > (level.get(edge.source) ?? 0));
      const counted = edge.count > 1;
      const own = `${edge.kind}${counted ? ' counted' : ''}${against ? ' against' : ''}`;
      const data: Record<string, unknown> = { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, count: edge.count };
      if (counted) data.countLabel = `×${COUNT.format(edge.count)}`;
      edges.push({ group: 'edges', data, classes: this.withExtra(edge.id, own) });
    }
    for (const edge of picture.fieldEdges ?? []) {
      edges.push({ group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label }, classes: this.withExtra(edge.id, `field-edge${edge.masking ? ' masking' : ''}`) });
    }
    return { nodes, edges };
  }

  private nextFrame(started: number): Promise<number> {
    return new Promise((resolve) => {
      this.cy.one('render', () => requestAnimationFrame(() => resolve(performance.now() - started)));
      // A picture identical to the last frame may not render again.
      setTimeout(() => resolve(performance.now() - started), 1000);
    });
  }
}
