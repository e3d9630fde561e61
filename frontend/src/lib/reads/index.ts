/**
 * The dApp's reads in one place: for each, whether it comes from the indexer or the chain (see
 * source.ts), and how a single record is checked against the chain. The wallet pages' hooks take
 * wagmi's client (client.ts); the public pages import source.ts alone (no wallet code there).
 */
export * from "./source";
export * from "./client";
export * from "./requests";
export * from "./claims";
