/**
 * Snowflake protocol emulator for tests: a loopback server the real snowflake-sdk connects to,
 * executing statements on DuckDB. See server.ts for the protocol, sql-rewrite.ts for the
 * (deliberately small) SQL translation and function-rewrite.ts for the Snowflake functions the
 * adapter's cross-database macros emit (TO_DATE, DATEADD, LISTAGG ... WITHIN GROUP, IFF, DIV0, ...).
 */
export { startSnowflakeEmulator } from './server.js';
export type { QueryLogEntry, SnowflakeEmulator, SnowflakeEmulatorOptions } from './server.js';
export { installNetworkGuard } from './network-guard.js';
export type { NetworkGuard } from './network-guard.js';
export { publicKeyFingerprint } from './auth.js';
