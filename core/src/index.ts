/**
 * @layanan/core: what the chain means, shared by the dApp, the admin commands, the tests and the
 * indexer. Browser-safe: everything here runs in a page and in Node alike. The Node-only part
 * (the manifest on disk, fingerprints of files) is "@layanan/core/node".
 */
export * from "./contracts.ts";
export * from "./manifest.ts";
export * from "./commitment.ts";
export * from "./text.ts";
export * from "./status.ts";
export * from "./queue.ts";
export * from "./ikm.ts";
export * from "./stats.ts";
export * from "./admin.ts";
export * from "./attestation.ts";
export * from "./documents.ts";
export * from "./errors.ts";
export * from "./rpc.ts";
export * from "./reads/logs.ts";
export * from "./reads/multicall.ts";
export * from "./reads/catalogue.ts";
export * from "./reads/claims.ts";
export * from "./reads/requests.ts";
export * from "./reads/officers.ts";
export * from "./reads/role.ts";
export * from "./reads/documents.ts";
export * from "./reads/transparency.ts";
export * from "./indexer.ts";
export * from "./account.ts";
export * from "./sponsor.ts";
export * from "./userop.ts";
