/** Node kinds of the model (docs/model): each asset kind and computations get a glyph and a colour. */
const ICONS: Record<string, { glyph: string; colour: string }> = {
  TABLE: { glyph: '▦', colour: '#2563eb' },
  VIEW: { glyph: '◫', colour: '#0891b2' },
  STREAM: { glyph: '≋', colour: '#7c3aed' },
  KV_TABLE: { glyph: '▣', colour: '#4f46e5' },
  FILE: { glyph: '▤', colour: '#64748b' },
  FEATURE: { glyph: 'ƒ', colour: '#059669' },
  MODEL: { glyph: '◈', colour: '#db2777' },
  RULE: { glyph: '⚑', colour: '#dc2626' },
  SERVICE: { glyph: '⛭', colour: '#ea580c' },
  EVENT: { glyph: '⚡', colour: '#ca8a04' },
  GRAPH: { glyph: '⋈', colour: '#0d9488' },
  DATASET: { glyph: '▥', colour: '#475569' },
};
const COMPUTATION = { glyph: '⚙', colour: '#b45309' };
const OTHER = { glyph: '●', colour: '#475569' };

/** Every colour `kindStyle` gives: the graph's stylesheet has one selector per colour. */
export function kindColours(): string[] {
  return [...new Set([...Object.values(ICONS).map((icon) => icon.colour), COMPUTATION.colour, OTHER.colour])];
}

export function kindStyle(kind: string, isComputation: boolean): { glyph: string; colour: string } {
  return ICONS[kind] ?? (isComputation ? COMPUTATION : OTHER);
}

export function isComputationKind(typename: string | undefined, id: string): boolean {
  return typename === 'Computation' || (typename === undefined && id.startsWith('c'));
}

/** The kind as a glyph with its name for assistive technology and as a tooltip. */
export function KindIcon({ kind, computation }: { kind: string; computation: boolean }) {
  const style = kindStyle(kind, computation);
  return (
    <span class={`kind-icon ${computation ? 'kind-computation' : 'kind-asset'}`} data-kind={kind} title={kind} role="img" aria-label={kind}>
      <span aria-hidden="true" class={`kind-glyph kind-${kind.toLowerCase()}`}>
        {style.glyph}
      </span>
    </span>
  );
}
