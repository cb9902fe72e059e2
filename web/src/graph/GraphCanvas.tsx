import { useEffect, useRef } from 'preact/hooks';
import { LARGE_PICTURE } from './layout.ts';
import type { GraphRenderer, Picture, Timings } from './renderer.ts';

let rendererModule: Promise<typeof import('./renderer.ts')> | null = null;
/**
 * Starts loading the renderer (Cytoscape.js, a third of the bundle) as its own chunk. Graph views
 * call it on mount, so that the page's first script is parsed sooner, its queries go out earlier,
 * and Cytoscape is fetched and parsed while the lineage answer is awaited.
 */
export function loadRenderer(): Promise<typeof import('./renderer.ts')> {
  return (rendererModule ??= import('./renderer.ts'));
}

declare global {
  interface Window {
    /** The drawn graph, for tests and benchmarks: Cytoscape's API (nodes, classes, positions). */
    dctxGraph?: import('cytoscape').Core;
    /** What the last full drawing cost: layout (ELK, in its worker) and render (Cytoscape). */
    dctxTimings?: Timings & { fetchMs?: number };
  }
}

export interface CanvasProps {
  /** null while the view awaits its answer: the canvas is then made (`expectLarge`) but draws nothing. */
  picture: Picture | null;
  /**
   * Set before the picture exists: make the Cytoscape instance now, for a picture this large or not
   * (`large` sets its stylesheet and viewport options), while the answer is awaited. A picture
   * that turns out otherwise gets a new instance, as without the guess.
   */
  expectLarge?: boolean;
  /** A change of this key lays the picture out from scratch; otherwise what is drawn stays put. */
  layoutKey: string;
  /** The node the last change grew from (expand): it keeps its place and the new nodes sit beside it. */
  anchor: string | null;
  classes: ReadonlyMap<string, string[]>;
  dimOthers: boolean;
  label: string;
  onSelect(id: string | null): void;
  onToggle?(id: string): void;
  onDrawn?(timings: Timings): void;
  /** A large walk drawn in its levels' columns, answering pan, zoom and click, before ELK's layout (then onDrawn). */
  onInteractive?(timings: Timings): void;
}

/** The Cytoscape canvas of a lineage picture, with an accessible name and state for tests (data-state). */
export function GraphCanvas(props: CanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<GraphRenderer | null>(null);
  const drawnKey = useRef<string | null>(null);
  /** The instance made before the picture (expectLarge), not drawn into yet; and its making. */
  const unused = useRef(false);
  const premade = useRef<Promise<void> | null>(null);
  const latest = useRef(props);
  latest.current = props;

  const make = (Renderer: typeof GraphRenderer, large: boolean): GraphRenderer => {
    const made = performance.now();
    const r = new Renderer(container.current!, large);
    // For the benchmark: Cytoscape's core and stylesheet (made ahead of the answer when expectLarge is set).
    performance.measure('cy-made', { start: made });
    renderer.current = r;
    window.dctxGraph = r.cy;
    r.cy.on('tap', (event) => latest.current.onSelect(event.target === r.cy ? null : (event.target.id() as string)));
    r.cy.on('dbltap', 'node', (event) => latest.current.onToggle?.(event.target.id() as string));
    return r;
  };

  // Made while the answer is awaited (the main thread is then idle): 25-49 ms of a 5,000-node
  // walk's path from its answer to its first frame (docs/benchmark-log.md).
  useEffect(() => {
    const expectLarge = props.expectLarge;
    if (props.picture || expectLarge === undefined) return;
    premade.current = loadRenderer().then(({ GraphRenderer: Renderer }) => {
      if (renderer.current || !container.current) return;
      make(Renderer, expectLarge);
      unused.current = true;
    });
  }, []);

  useEffect(() => {
    return () => {
      renderer.current?.destroy();
      renderer.current = null;
      if (window.dctxGraph) delete window.dctxGraph;
    };
  }, []);

  useEffect(() => {
    const picture = props.picture;
    if (!picture) return;
    const element = container.current!;
    let cancelled = false;
    const large = picture.graph.nodes.length + (picture.fields?.length ?? 0) > LARGE_PICTURE;
    element.dataset.state = 'layout';
    // For the benchmark: when the drawing starts (a plain effect: after the page's paint).
    performance.mark('graph-draw');
    const draw = async () => {
      if (drawnKey.current !== props.layoutKey || !renderer.current) {
        await premade.current;
        const { GraphRenderer: Renderer } = await loadRenderer();
        if (cancelled) return;
        let r = renderer.current;
        if (!r || !unused.current || r.large !== large) {
          r?.destroy();
          r = make(Renderer, large);
        }
        unused.current = false;
        // The classes go onto the elements as they are created, not onto drawn ones (a restyle of every element).
        r.setClasses(latest.current.classes, latest.current.dimOthers);
        let classesSet = false;
        const timings = await r.show(picture, (early) => {
          if (cancelled) return;
          // From here a change of the picture (an expansion) updates what is drawn, not redraws it.
          drawnKey.current = props.layoutKey;
          r.setClasses(latest.current.classes, latest.current.dimOthers);
          classesSet = true;
          element.dataset.state = 'interactive';
          element.dataset.nodes = String(r.cy.nodes().length);
          latest.current.onInteractive?.(early);
        });
        if (cancelled || !timings) return;
        drawnKey.current = props.layoutKey;
        latest.current.onDrawn?.(timings);
        if (classesSet) {
          element.dataset.state = 'ready';
          return;
        }
      } else {
        await renderer.current.update(picture, props.anchor);
        if (cancelled) return;
      }
      renderer.current!.setClasses(latest.current.classes, latest.current.dimOthers);
      element.dataset.state = 'ready';
      element.dataset.nodes = String(renderer.current!.cy.nodes().length);
    };
    draw().catch((error: unknown) => {
      element.dataset.state = 'error';
      console.error(error);
    });
    return () => {
      cancelled = true;
    };
  }, [props.picture, props.layoutKey]);

  useEffect(() => {
    const state = container.current?.dataset.state;
    if (state === 'ready' || state === 'interactive') renderer.current?.setClasses(props.classes, props.dimOthers);
  }, [props.classes, props.dimOthers]);

  return (
    <div class="graph-frame">
      <div ref={container} id="graph" class="graph" role="img" aria-label={props.label} data-state="layout" />
    </div>
  );
}
