import fc from "fast-check";
import { expect, it } from "vitest";
import {
  impactOf,
  type ImpactMode,
  type ImpactOptions,
  type ImpactReport,
} from "../../graph-model/analyses/impact.js";
import { nodeId } from "../../graph-model/ids.js";
import { GraphIndex } from "../../graph-model/index/graphIndex.js";
import type { Changeset, NodeAssertion } from "../../graph-model/model.js";
import { Neo4jImpact } from "../../graph-model/neo4j/neo4jImpact.js";
import { Neo4jProjection } from "../../graph-model/neo4j/neo4jProjection.js";
import { changesetArb } from "../support/changesetArb.js";
import {
  describeEachEngine,
  resetStore,
  useStore,
} from "../support/engines.js";
import {
  describeWithNeo4j,
  emptyNeo4j,
  useNeo4j,
} from "../support/neo4jSuite.js";

// A real store and Neo4j per run: kept modest (FC_RUNS raises it).
const RUNS = Number(process.env.FC_RUNS ?? 8);

// changesetArb's universe: assets t0..t4 and jobs job0..job2 in one namespace.
const NS = "hive://warehouse";
const ASSETS = [0, 1, 2, 3, 4].map((i) => nodeId("ASSET", NS, `t${i}`));
const NODES = [
  ...ASSETS,
  ...[0, 1, 2].map((i) => nodeId("COMPUTATION", NS, `job${i}`)),
  nodeId("ASSET", NS, "never_created"),
];

/**
 * What makes the impact rules differ from plain reachability, laid over changesetArb's
 * changesets: assets that are rules (read OPTIONAL by a service), services, retired rules and
 * evaluations (they pass nothing on), and computations declaring inputs optional or required.
 */
const semanticsArb = fc.record({
  rules: fc.array(fc.tuple(fc.nat(4), fc.boolean()), { maxLength: 3 }),
  computations: fc.array(
    fc.tuple(
      fc.nat(2),
      fc.constantFrom("SERVICE_CALL", "RULE_EVALUATION", "BATCH_JOB"),
      fc.boolean()
    ),
    { maxLength: 3 }
  ),
  declarations: fc.array(fc.tuple(fc.nat(2), fc.nat(4), fc.boolean()), {
    maxLength: 3,
  }),
});

type Semantics = typeof semanticsArb extends fc.Arbitrary<infer T> ? T : never;

function withSemantics(changeset: Changeset, s: Semantics): Changeset {
  const named = (list: NodeAssertion[] | undefined, name: string) =>
    list?.find((n) => n.name === name);
  const assets = changeset.assets?.map((a) => ({
    ...a,
    definition: { ...a.definition },
  }));
  const computations = changeset.computations?.map((c) => ({
    ...c,
    definition: { ...c.definition },
  }));
  for (const [i, retired] of s.rules) {
    const asset = named(assets, `t${i}`);
    if (!asset) continue;
    asset.kind = "RULE";
    asset.definition = {
      ...asset.definition,
      properties: { status: retired ? "retired" : "active" },
    };
  }
  for (const [i, kind, retired] of s.computations) {
    const computation = named(computations, `job${i}`);
    if (!computation) continue;
    computation.kind = kind;
    if (retired)
      computation.definition = {
        ...computation.definition,
        properties: {
          ...(computation.definition?.properties ?? {}),
          status: "retired",
        },
      };
  }
  for (const [i, input, optional] of s.declarations) {
    const computation = named(computations, `job${i}`);
    if (!computation) continue;
    const declared = {
      [optional ? "optional" : "required"]: [
        { namespace: NS, name: `t${input}` },
      ],
    };
    computation.definition = {
      ...computation.definition,
      properties: {
        ...(computation.definition?.properties ?? {}),
        inputSemantics: declared,
      },
    };
  }
  return { ...changeset, assets, computations };
}

const queryArb = fc.record({
  versionPick: fc.nat(20),
  mode: fc.constantFrom<ImpactMode>("DELETE", "CUTOFF", "SCHEMA_CHANGE"),
  ids: fc.subarray(NODES, { maxLength: 3 }),
  fields: fc.array(
    fc.record({
      id: fc.constantFrom(...ASSETS),
      field: fc.constantFrom("", "id", "amount", "phone", "no_such_field"),
    }),
    { maxLength: 2 }
  ),
  traffic: fc.array(
    fc.tuple(fc.constantFrom(...NODES), fc.integer({ min: 0, max: 1000 })),
    { maxLength: 4 }
  ),
  limit: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
});

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The report without the order of nodes within a distance (node integers in the index, ids in the fetched subgraph). */
function comparable(report: ImpactReport) {
  const sorted = (list: ImpactReport["broken"]) =>
    [...list].sort((a, b) => a.distance - b.distance || byText(a.id, b.id));
  return {
    ...report,
    broken: sorted(report.broken),
    degraded: sorted(report.degraded),
    inactive: sorted(report.inactive),
  };
}

/** Either the report or the error the analysis refused with (an unknown field is refused by both alike). */
async function outcome(
  answer: () => ImpactReport | Promise<ImpactReport>
): Promise<ImpactReport | { refused: string }> {
  try {
    return await answer();
  } catch (error) {
    return { refused: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describeWithNeo4j(
  "impact from Neo4j, property-tested against the index",
  () => {
    const neo4j = useNeo4j();

    describeEachEngine("over random changeset sequences", (engine) => {
      const shared = useStore(engine);

      it(
        "at random versions, for random deletes, cut-offs and field changes, equals the index node for node, with the same evidence, as do two indexes numbering nodes differently",
        { timeout: 900_000 },
        async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.array(fc.tuple(changesetArb, semanticsArb), {
                minLength: 1,
                maxLength: 7,
              }),
              fc.array(queryArb, { minLength: 1, maxLength: 6 }),
              async (changesets, queries) => {
                const store = shared.store();
                await resetStore(store);
                await emptyNeo4j(neo4j.driver());
                // Two indexes holding the same facts under different node numbers (and so edge orders): one
                // grown version by version as the changesets commit, one loaded (and laid out) at the end.
                const grown = await GraphIndex.load(store);
                for (const [changeset, semantics] of changesets)
                  await store.apply(withSemantics(changeset, semantics));
                await grown.waitFor(await store.currentVersion());
                await new Neo4jProjection(
                  neo4j.driver(),
                  store.db,
                  undefined
                ).catchUp();
                const index = await GraphIndex.load(store);
                try {
                  const fromNeo4j = new Neo4jImpact(neo4j.driver(), undefined);
                  for (const q of queries) {
                    const options: ImpactOptions = {
                      ids: q.ids,
                      mode: q.mode,
                      fields: q.fields,
                      asOf: q.versionPick % (index.version + 1),
                      traffic: new Map(q.traffic),
                      trafficUnit: "uses/day",
                    };
                    const expected = await outcome(() =>
                      impactOf(index, options)
                    );
                    const actual = await outcome(() =>
                      fromNeo4j.impact(options)
                    );
                    const alsoExpected = await outcome(() =>
                      impactOf(grown, options)
                    );
                    if (
                      "refused" in expected ||
                      "refused" in actual ||
                      "refused" in alsoExpected
                    ) {
                      expect(actual).toEqual(expected);
                      expect(alsoExpected).toEqual(expected);
                      continue;
                    }
                    expect(comparable(actual)).toEqual(comparable(expected));
                    expect(comparable(alsoExpected)).toEqual(
                      comparable(expected)
                    );
                    if (q.limit === undefined) continue;
                    // A cut lists as many of each, nearest first, and says truncated alike; which of one distance depends on the order each holds nodes in.
                    const cutExpected = impactOf(index, {
                      ...options,
                      limit: q.limit,
                    });
                    const cutActual = await fromNeo4j.impact({
                      ...options,
                      limit: q.limit,
                    });
                    const shape = (r: ImpactReport) => ({
                      truncated: r.truncated,
                      summary: r.summary,
                      distances: [r.broken, r.degraded, r.inactive].map(
                        (list) => list.map((n) => n.distance)
                      ),
                    });
                    expect(shape(cutActual)).toEqual(shape(cutExpected));
                    const full = new Map(
                      [
                        ...expected.broken,
                        ...expected.degraded,
                        ...expected.inactive,
                      ].map((n) => [n.id, n])
                    );
                    for (const n of [
                      ...cutActual.broken,
                      ...cutActual.degraded,
                      ...cutActual.inactive,
                    ])
                      expect(n).toEqual(full.get(n.id));
                  }
                } finally {
                  grown.close();
                  index.close();
                }
              }
            ),
            { numRuns: RUNS }
          );
        }
      );
    });
  }
);
