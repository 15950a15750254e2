/** Robustness of the lending cascade of `riskcore/stress` (simulateLendingCascade, src/stress/lendingCascade). */
import { simulateLendingCascade } from '../../src/stress/index.js';
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
