/** Clearing rules of hyperliquid (filled in by the venue's modules). */
export {};
