/** The price history behind historical VaR and the backtest, labelled synthetic when the book says so. */
import { lineSpec } from '../charts.js';
import { figure, section } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const history: SectionRenderer = {
  id: 'history',
  async html({ r, book }) {
    if (!book.history) return '';
    const prices = book.history.prices;
    const rows = Object.keys(prices).flatMap((n) =>
      prices[n].map((v, i) => ({ x: i - prices[n].length + 1, series: n, y: (100 * v) / prices[n][0] })),
    );
    const label = r.book.syntheticHistory
      ? '<p class="synthetic">Synthetic data: this price history was generated for the sample, it is not market data.</p>'
      : '';
    const chart = await figure(
      'history',
      lineSpec(rows, 'Price history, rebased to 100', 'observation (0 = latest)', 'index (first observation = 100)'),
      'The moves that drive historical VaR/ES, the attribution and the backtest.',
    );
    return section('history', `Price history${r.book.syntheticHistory ? ' (synthetic)' : ''}`, label + chart);
  },
};
