/** Magnitude bounds shared by the closed-form methods, so that every figure they return is finite. Internal. */

/** Largest accepted horizon, in periods of the input moments (mean × h, variance × h). */
export const MAX_HORIZON = 1e6;
