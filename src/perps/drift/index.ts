/** Clearing rules of drift (filled in by the venue's modules). */
export {};
