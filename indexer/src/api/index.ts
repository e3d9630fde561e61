/**
 * The indexer's HTTP API (see ../../API.md): the dApp's and the CLI's lists, citizen accounts and
 * sponsorship figures under /api, Ponder's GraphQL under /graphql, and the Open311 GeoReport v2
 * read API under /open311/v2.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { graphql } from "ponder";
import { accounts } from "./accounts.ts";
import { lists } from "./lists.ts";
import { open311 } from "./open311.ts";

const app = new Hono();
app.use("*", cors({ origin: "*", allowMethods: ["GET", "POST", "OPTIONS"] }));
app.use("/graphql", graphql({ db, schema }));
app.route("/api", lists);
app.route("/api", accounts);
app.route("/open311/v2", open311);
export default app;
