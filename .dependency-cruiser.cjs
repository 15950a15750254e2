/**
 * The module graph of riskcore, enforced by `npm run check:graph` (part of `npm test`). ARCHITECTURE.md draws it.
 *
 * Layers (a module may import only the modules listed for it; `core` is the shared kernel everyone may import):
 *   core                                   — nothing
 *   greeks                                 — core
 *   montecarlo                             — core, greeks
 *   tail, var, es                          — core, montecarlo, and each other (var/es are entry points over tail)
 *   haircuts                               — core
 *   lending                                — core, haircuts
 *   netting                                — core, greeks, tail, var, perps (the Hyperliquid tier tables, held once in
 *                                            perps, are read by netting's Hyperliquid linear preset)
 *   perps                                  — core (venue clearing rules: dYdX v4, Drift v2, Hyperliquid)
 *   stress                                 — core, greeks, haircuts, lending, netting, perps, tail, var, montecarlo
 *   engine                                 — core, greeks, netting, perps (the stateful margin engine for services)
 *   montecarlo/node                        — core, greeks, montecarlo, stress (Node-only: greeks for its batch
 *                                            pricing; the worker pool also runs the protocol-risk paths of stress)
 * Across modules only a module's public `index.ts` or its friend API `internal.ts` may be imported (core excepted).
 * No import cycles, between modules or files. Browser-safe modules import no `node:` builtins.
 */
const MODULES = ['core', 'greeks', 'montecarlo', 'tail', 'var', 'es', 'haircuts', 'lending', 'netting', 'perps', 'stress', 'engine'];
const ALLOWED = {
  core: [],
  greeks: ['core'],
  montecarlo: ['core', 'greeks'],
  tail: ['core', 'montecarlo', 'var', 'es'],
  var: ['core', 'montecarlo', 'tail', 'es'],
  es: ['core', 'montecarlo', 'tail', 'var'],
  haircuts: ['core'],
  lending: ['core', 'haircuts'],
  netting: ['core', 'greeks', 'tail', 'var', 'perps'],
  perps: ['core'],
  stress: ['core', 'greeks', 'haircuts', 'lending', 'netting', 'perps', 'tail', 'var', 'montecarlo'],
  engine: ['core', 'greeks', 'netting', 'perps'],
};
const alt = (names) => names.join('|');

const layerRules = MODULES.map((m) => {
  const forbiddenTargets = MODULES.filter((x) => x !== m && !ALLOWED[m].includes(x)).concat(['distributed', 'cli']);
  return {
    name: `layer-${m}`,
    severity: 'error',
    comment: `${m} may import only: ${ALLOWED[m].join(', ') || 'nothing'} (see ARCHITECTURE.md)`,
    from: {
      path: `^src/${m}/`,
      // montecarlo/node is its own module (below); haircuts/deprecatedLending.ts holds the deprecated aliases of the
      // names that moved to riskcore/lending, the one documented exception to the layers
      pathNot: m === 'montecarlo' ? '^src/montecarlo/node/' : m === 'haircuts' ? '^src/haircuts/deprecatedLending\\.ts$' : undefined,
    },
    to: {
      path: `^src/(${alt(forbiddenTargets)})/`,
      // montecarlo/node is its own Node-only module: montecarlo's browser-safe files must not import it either
    },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle between files (and so between modules) breaks the layering and tree-shaking.',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'montecarlo-node-is-node-only',
      severity: 'error',
      comment: 'Browser-safe modules never import the Node-only pool (src/montecarlo/node).',
      from: { path: '^src/', pathNot: '^src/montecarlo/node/' },
      to: { path: '^src/montecarlo/node/' },
    },
    {
      name: 'montecarlo-node-layer',
      severity: 'error',
      comment: 'src/montecarlo/node may import only core, greeks (its batch pricing), montecarlo and stress.',
      from: { path: '^src/montecarlo/node/' },
      to: {
        path: `^src/(${alt(MODULES.filter((x) => x !== 'core' && x !== 'greeks' && x !== 'montecarlo' && x !== 'stress'))})/`,
      },
    },
    {
      name: 'public-or-friend-api-only',
      severity: 'error',
      comment:
        "Across modules, import a module's index.ts (public API) or internal.ts (friend API), never its other files.",
      from: { path: '^src/([^/]+)/' },
      to: {
        path: `^src/(${alt(MODULES.filter((x) => x !== 'core'))})/`,
        pathNot: ['^src/$1/', '^src/[^/]+/(index|internal)\\.ts$', '^src/montecarlo/node/'],
      },
    },
    {
      name: 'no-node-builtins-in-browser-safe-modules',
      severity: 'error',
      comment: 'Browser-safe modules run in browsers, Deno and Bun: no node: builtins.',
      from: { path: '^src/', pathNot: '^src/montecarlo/node/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.as\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
