/** The sponsor service (ERC-7677) for the route handler app/api/sponsor and the tests. */
export * from "./config.ts";
export * from "./day.ts";
export * from "./db.ts";
export * from "./rpc.ts";
export * from "./service.ts";
