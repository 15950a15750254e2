/** Clearing rules of dydx (filled in by the venue's modules). */
export {};
