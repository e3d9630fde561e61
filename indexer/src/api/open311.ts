import { Hono } from "hono";

/** The Open311 GeoReport v2 read API (API.md). */
export const open311 = new Hono();
