/**
 * The off-chain services the dApp uses, from the deployment manifest (services.*), which
 * NEXT_PUBLIC_INDEXER_URL overrides. Read at build time (next.config.ts names their origins in the
 * Content-Security-Policy) and in the browser. No indexer: every list is read from the chain in
 * windows (see @layanan/core reads/logs.ts).
 */
import { deployment } from "../generated/deployment.ts";

const fromEnv = process.env.NEXT_PUBLIC_INDEXER_URL;

/** The indexer's base URL, or null (then the dApp reads the chain only). An empty variable turns it off. */
export const INDEXER_URL: string | null =
  fromEnv !== undefined ? fromEnv.trim() || null : (deployment?.services?.indexer ?? null);
