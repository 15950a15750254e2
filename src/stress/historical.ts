/**
 * A library of historical crypto stress events as {@link Scenario} data. Each move was read from the public page
 * named in its `source`, over the window in its `window`; they are what those pages report (mostly a pre-crash
 * level to the intraday low), not a vendor's tick data, and windows differ between events and assets — read them
 * before comparing. Assets a book does not hold are ignored by `applyScenario`.
 */
import { RiskInputError } from '../core/errors.js';
import { checkArray } from '../core/validate.js';
import type { Scenario } from './scenario.js';

/** A historical event: a scenario plus its dates (ISO, UTC). */
export interface HistoricalEvent extends Scenario {
  /** Short key, e.g. `'ftx-2022'`. */
  id: string;
  /** First and last day of the measurement window (UTC). */
  dates: [string, string];
  /** Free-text remarks: what the figure is relative to, what is not sourced. */
  note?: string;
}

const r = (from: number, to: number) => to / from - 1;

/**
 * Historical crypto stress events, oldest first. Moves are relative (−0.466 = −46.6%). Figures are rounded
 * ratios of the prices the source quotes (`to / from − 1`), so each can be checked against its page.
 */
export const HISTORICAL_EVENTS: readonly HistoricalEvent[] = Object.freeze(
  (
    [
      {
        id: 'black-thursday-2020',
        name: 'Black Thursday (12–13 Mar 2020)',
        dates: ['2020-03-12', '2020-03-13'],
        window:
          '2020-03-12 ~10:00 UTC to 2020-03-13 02:15 UTC: level before the first crash to the low after the second',
        moves: { BTC: r(7300, 3900), ETH: r(200, 90) },
        source:
          'BTC $7,300 → $3,900: BTCMEX blog, "Black Thursday: what actually happened to Bitcoin" (blog.btcmex.com/black-thursday-what-actually-happened-to-bitcoin/); ETH $200 → $90: pastorq.com/8162.html ("Ethereum fared worse, crashing from $200 to $90")',
        note: 'ETH figure from a secondary recap; BTC from an exchange blog citing Kaiko.',
      },
      {
        id: 'may-19-2021',
        name: 'May 19 2021 crash',
        dates: ['2021-05-18', '2021-05-19'],
        window: '24 hours, 18→19 May 2021 (BTC); ETH: day high to intraday low on 19 May',
        moves: { BTC: -0.27, ETH: -0.4 },
        source:
          'BTC "In the 24 hours between May 18 and May 19, Bitcoin\'s price dropped about 27 per cent": The Straits Times, 2021-05-26 (straitstimes.com/opinion/making-sense-of-the-bitcoin-crash-0); ETH "fell by more than 40%, dropping below the $2,000": roedsa.com/8135.html',
      },
      {
        id: 'terra-luna-2022',
        name: 'Terra/LUNA collapse (May 2022)',
        dates: ['2022-05-05', '2022-05-12'],
        window:
          'seven days to 2022-05-12 12:50 GMT (BTC, ETH, SOL); UST as quoted on 2022-05-14; LUNA $85 (5 May) → $0.016 (11 May)',
        moves: { BTC: -0.284, ETH: -0.335, SOL: -0.526, UST: -0.55, LUNA: r(85, 0.016) },
        source:
          'BTC −28.4%, ETH −33.5%, SOL −52.6% over seven days: Daily Times, 2022-05-12 (dailytimes.com.pk/933797/bitcoin-falls-to-28374-as-cryptos-face-worst-bloodbath/); UST $0.45 (−55%): Mint, 2022-05-14 (livemint.com, "Crypto market crash: where does the buck stop?"); LUNA $85 → $0.016: City A.M., 2022-05-12 (cityam.com/crypto-crash-gains-wiped-out-as-host-of-coins-collapse/)',
      },
      {
        id: 'steth-discount-2022',
        name: 'stETH discount (June 2022, Celsius / 3AC)',
        dates: ['2022-06-10', '2022-06-18'],
        window: 'the week Celsius suspended withdrawals (mid-June 2022): peak stETH discount to ETH',
        moves: { ETH: 0, stETH: -0.08 },
        source:
          'all-time-high stETH discount of 8% "recorded last month during the week when Celsius suspended withdrawals": CoinDesk, 2022-07-13 (coindesk.com/markets/2022/07/13/wobble-in-steth-price-shows-fear-celsius-might-dump-435m-stake/)',
        note: "The depeg component only (stETH relative to ETH, ETH held fixed); ETH's own fall that week is not sourced here — combine with an ETH move (lstDepeg).",
      },
      {
        id: 'ftx-2022',
        name: 'FTX collapse (Nov 2022)',
        dates: ['2022-11-07', '2022-11-14'],
        window: 'seven days to 2022-11-14 (CoinGecko figures quoted by the source)',
        moves: { BTC: -0.224, ETH: -0.244, SOL: -0.616 },
        source:
          'BTC −22.4%, ETH −24.4% over the week, SOL −61.6% in seven days (CoinGecko): The Financial Trends, 2022-11-15 (thefinancialtrends.com/2022/11/15/ftx-contagion-begins-to-spread)',
      },
      {
        id: 'usdc-depeg-2023',
        name: 'USDC depeg (Mar 2023, SVB)',
        dates: ['2023-03-10', '2023-03-11'],
        window: 'overnight 10→11 Mar 2023: low of USDC; DAI low over the same weekend',
        moves: { USDC: -0.13, DAI: -0.06 },
        source:
          'USDC "dropped to below 0.87 per USD overnight": CharlieDeFi, "USDC depeg! What\'s happening?" (charliedefi.com/news/usdc-depeg-whats-happening); DAI "in the range of $0.94 to $0.98": CyberPunkMetalHead, Medium, 2023-03-11 (cryptomaton.medium.com/usdc-depegs-to-0-89-as-sillicon-valley-bank-collapses-what-actually-happened-7de4d35266c5)',
        note: 'The same Medium page reports a low of $0.815 on one venue; 0.87 is the widely quoted level.',
      },
      {
        id: 'aug-5-2024',
        name: 'Yen carry-trade unwind (5 Aug 2024)',
        dates: ['2024-08-05', '2024-08-05'],
        window: 'under 5 hours on 2024-08-05: pre-fall level to intraday low',
        moves: { BTC: r(58350, 49513), ETH: r(2695, 2118) },
        source:
          'BTC $58,350 → $49,513 and ETH $2,695 → $2,118: CoinChapter via cointrolly.com/bitcoin-falls-under-53k-wiping-out-600m-in-leveraged-longs',
      },
      {
        id: 'oct-10-2025',
        name: 'Tariff-shock liquidation cascade (10 Oct 2025)',
        dates: ['2025-10-10', '2025-10-11'],
        window: 'about 24 hours from the 10 Oct 2025 tariff post: pre-fall level to low',
        moves: { BTC: r(121000, 105800), ETH: r(4368, 3574), SOL: -0.161 },
        source:
          'BTC $121K → $105.8K and ETH $4,368 → $3,574: Binance Square post 30859253002354 (binance.bh/en-NG/square/post/30859253002354); SOL −16.1% (24h): paragraph.com/@web3r2/crypto-market-crash-on-10-10-2025-overview',
        note: 'Community posts, not a data vendor; over $19B of liquidations per CoinGlass as quoted there.',
      },
    ] as HistoricalEvent[]
  ).map((e) => Object.freeze(e)),
);

/**
 * The historical events as plain scenarios (copies), optionally only those with the given ids.
 *
 * @example
 * ```ts
 * import { historicalScenarios } from 'riskcore/stress';
 * const [ftx] = historicalScenarios(['ftx-2022']);
 * console.log(ftx.moves.SOL); // -0.616
 * ```
 */
export function historicalScenarios(ids?: string[]): Scenario[] {
  if (ids !== undefined) {
    checkArray(ids, 'ids').forEach((id, i) => {
      if (!HISTORICAL_EVENTS.some((e) => e.id === id))
        throw new RiskInputError(`ids[${i}]`, `one of ${HISTORICAL_EVENTS.map((e) => `'${e.id}'`).join(', ')}`, id);
    });
  }
  const pick = ids ? HISTORICAL_EVENTS.filter((e) => ids.includes(e.id)) : HISTORICAL_EVENTS;
  return pick.map((e) => ({ name: e.name, source: e.source, window: e.window, moves: { ...e.moves } }));
}
