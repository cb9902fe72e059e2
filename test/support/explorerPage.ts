import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Core } from 'cytoscape';
import type { Page } from 'playwright-core';

/** The page's globals these helpers read (the root tsconfig has no DOM types: tests run in Node). */
type PageGlobals = { dctxGraph?: Core; document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };

/** What the lineage canvas draws, read through Cytoscape's API (window.dctxGraph). */
export interface DrawnNode {
  id: string;
  label: string;
  classes: string[];
  x: number;
  y: number;
  /** The drawn box (label and overlay left out), in graph coordinates. */
  box: { x1: number; y1: number; x2: number; y2: number };
  parent: string | null;
}

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  classes: string[];
  label: string;
}

/** Waits until the graph canvas has laid out and drawn (data-state=ready), then reads what it drew. */
export async function drawnGraph(page: Page): Promise<{ nodes: DrawnNode[]; edges: DrawnEdge[] }> {
  await page.locator('#graph[data-state="ready"]').waitFor({ timeout: 30_000 });
  return page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).dctxGraph!;
    return {
      nodes: cy.nodes().map((n) => {
        const box = n.boundingBox({ includeLabels: false, includeOverlays: false });
        return { id: n.id(), label: String(n.data('label') ?? ''), classes: n.classes(), x: n.position().x, y: n.position().y, box: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 }, parent: n.isChild() ? n.parent().first().id() : null };
      }),
      edges: cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), classes: e.classes(), label: String(e.data('label') ?? '') })),
    };
  });
}

/** Taps a drawn element as a click would (the page's panel then shows it). */
export async function tapNode(page: Page, id: string): Promise<void> {
  // Returns nothing: emit() returns the collection, which the protocol would try to serialize whole.
  await page.evaluate((nodeId) => {
    (globalThis as unknown as PageGlobals).dctxGraph!.getElementById(nodeId).emit('tap');
  }, id);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page, as `rule: targets` lines (empty when
 * none). It is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as PageGlobals;
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Collects every CSP violation and page error a page reports, to assert there were none. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return problems;
}
