/** The framework version, written into artifacts and part of every cache key. */
export const STRATA_VERSION = '0.1.0';
