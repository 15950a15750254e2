/** Robustness of the lending cascade of `riskcore/stress` (simulateLendingCascade, src/stress/lendingCascade). */
import { simulateLendingCascade, simulateProtocolRisk } from '../../src/stress/index.js';
import type { LendingRiskContext } from '../../src/stress/index.js';
import { caseOf, drawArb } from '../stress/lendingCascade/arbs.js';
import type { ProtocolName } from '../stress/lendingCascade/arbs.js';
import { robustnessSuite } from './suite.js';
import type { Spec } from './harness.js';

// records keyed by user data (asset names): no fixed fields to misspell
const userKeyed = (site: string) =>
  /^1\.(moves|oracle|depth|prices)$/.test(site) || /^0\.\d+\.(supplies|borrows|collateral)$/.test(site);

// cross-references: an asset removed from (or renamed in) the market is reported where a position or the context
// names it; a price with more decimals than priceDecimals at the price; a liquidation threshold or LTV pushed
// below the borrowing LTV at the borrowing LTV, whose bound it is (Aave: raised, at the bonus: LT·(1 + bonus) ≤ 1)
const accept = (site: string, p: string) =>
  (/^1\.(market|vault)\.(reserves|assets|collaterals)(\.\d+(\.asset)?)?$/.test(site) &&
    /^positions\[\d+\]\.(supplies|borrows|collateral)\.\w+$|^context\.(moves|oracle|depth|prices)\.\w+$/.test(p)) ||
  (site === '1.market.priceDecimals' && /^context\.prices\.\w+$/.test(p)) ||
  (/^1\.market\.reserves\.\d+\.liquidationThreshold$/.test(site) &&
    /^context\.market\.reserves\[\d+\]\.(ltv|liquidationBonus)$/.test(p)) ||
  (/^1\.vault\.collaterals\.\d+\.liquidationLTV$/.test(site) &&
    /^context\.vault\.collaterals\[\d+\]\.borrowLTV$/.test(p));

const PROTOCOLS: ProtocolName[] = ['aave-v3', 'compound-v3', 'morpho-blue', 'euler-v2'];

for (const protocol of PROTOCOLS) {
  const spec: Spec = {
    name: 'simulateLendingCascade',
    names: ['positions', 'context'],
    numRuns: 15,
    // two positions, two rounds: every field of every input shape is swept
    args: drawArb(0.8, 1.2).map((d) => {
      const c = caseOf(protocol, { ...d, sizes: d.sizes.slice(0, 2) }, 2);
      return [c.positions, c.context];
    }),
    skipKeys: userKeyed,
    accept,
  };
  robustnessSuite(`riskcore/stress lending cascade on ${protocol}`, { simulateLendingCascade }, [spec]);
}

// simulateProtocolRisk in its lending form: two positions, two paths of two steps, Morpho Blue and Aave
const riskMarkets = {
  'morpho-blue': { assets: { collateral: { vol: 1 } } },
  'aave-v3': { assets: { WETH: { vol: 1 }, USDC: { vol: 0.01 } } },
} as const;
for (const protocol of ['morpho-blue', 'aave-v3'] as const) {
  const spec: Spec = {
    name: 'simulateProtocolRisk',
    names: ['protocol', 'market', 'options'],
    numRuns: 8,
    args: drawArb(0.8, 1.2).map((d) => {
      const c = caseOf(protocol, { ...d, sizes: d.sizes.slice(0, 2) }, 2);
      const { rounds: _r, moves: _m, ...lending } = c.context;
      return [
        { positions: c.positions, lending: lending as LendingRiskContext },
        riskMarkets[protocol],
        { paths: 2, steps: 2, dt: 1 / 365, seed: 5, batches: 2, detail: 1 },
      ];
    }),
    // the lending context's asset-keyed records and the market's assets (keyed by the protocol's asset names)
    skipKeys: (site) =>
      /^1\.assets$/.test(site) ||
      /^0\.lending\.(moves|oracle|depth|prices)$/.test(site) ||
      /^0\.positions\.\d+\.(supplies|borrows|collateral)$/.test(site),
    // as above, one level down (protocol.positions, protocol.lending); the market's dynamics are per movable asset
    accept: (site, p) =>
      accept(
        site.replace(/^0\.positions/, '0').replace(/^0\.lending/, '1'),
        p.replace(/^protocol\.(lending|positions)/, (_, k) => (k === 'lending' ? 'context' : 'positions')),
      ),
  };
  robustnessSuite(`riskcore/stress protocol risk on ${protocol} rules`, { simulateProtocolRisk }, [spec]);
}
