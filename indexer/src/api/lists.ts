import { Hono } from "hono";

/** The dApp's and the CLI's lists (API.md). */
export const lists = new Hono();
