import type { Core } from 'cytoscape';

/**
 * Labels of a large picture, given only to the nodes in view once they are legible.
 *
 * A label costs every node, when it is created, its text style applied and its text measured for
 * its bounds (about a fifth of a 5,000-node drawing, docs/benchmark-log.md), though at the zoom that
 * shows all of it no label is legible (Cytoscape draws none below `min-zoomed-font-size`). Past
 * LARGE, nodes are created without one; the class below gives it to the nodes in or near the view
 * when the view stops at a zoom where labels can be read: a few hundred nodes, not thousands.
 */
export const LABELLED = 'labelled';

/** A label's font size in graph units (assets'; computations' are smaller) and the least size on screen at which one is drawn. */
export const LABEL_FONT_SIZE = 12;
export const MIN_ZOOMED_FONT_SIZE = 7;

/** Whether labels of this font size are drawn at this zoom. */
export function labelsLegible(zoom: number, fontSize = LABEL_FONT_SIZE): boolean {
  return zoom * fontSize >= MIN_ZOOMED_FONT_SIZE;
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The view's box grown by a share of its size on each side: nodes just outside get labels before a short pan reaches them. */
export function grown(box: Box, share: number): Box {
  const dx = (box.x2 - box.x1) * share;
  const dy = (box.y2 - box.y1) * share;
  return { x1: box.x1 - dx, y1: box.y1 - dy, x2: box.x2 + dx, y2: box.y2 + dy };
}

/** The share of the view's size by which it is grown on each side for labelling. */
export const VIEW_MARGIN = 0.25;

/** Whether a node at this point is to be labelled with the view at this zoom and extent. */
export function wantsLabel(point: { x: number; y: number }, zoom: number, extent: Box): boolean {
  if (!labelsLegible(zoom)) return false;
  const box = grown(extent, VIEW_MARGIN);
  return point.x >= box.x1 && point.x <= box.x2 && point.y >= box.y1 && point.y <= box.y2;
}

/** Gives the label class to the unlabelled nodes in (or near) the view when labels are legible there; how many it labelled. */
export function labelNodesInView(cy: Core): number {
  if (cy.destroyed()) return 0;
  const zoom = cy.zoom();
  if (!labelsLegible(zoom)) return 0;
  const extent = cy.extent();
  const wanted = cy.nodes().filter((node) => !node.hasClass(LABELLED) && wantsLabel(node.position(), zoom, extent));
  if (wanted.nonempty()) wanted.addClass(LABELLED);
  return wanted.length;
}

/** Labels the nodes in view each time the view stops moving (`delayMs` after its last change); returns the stop. */
export function labelWhereTheViewStops(cy: Core, delayMs = 120): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => labelNodesInView(cy), delayMs);
  };
  cy.on('viewport', schedule);
  return () => {
    clearTimeout(timer);
    cy.off('viewport', schedule);
  };
}
