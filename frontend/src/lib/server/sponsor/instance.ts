/**
 * The server's one sponsor, opened on the first request and kept across requests (and across the
 * dev server's reloads: one PGlite instance per folder). Next.js only: reads the generated
 * deployment module and the dApp's RPC URL.
 */
import { deployment } from "@/generated/deployment";
import { RPC_URL } from "@/lib/chain";
import { type SponsorDeployment, sponsorFromEnvironment } from "./config.ts";
import type { SponsorEndpoint } from "./service.ts";

const KEY = Symbol.for("layanan.sponsor");
type Holder = { [KEY]?: Promise<SponsorEndpoint> };

/** The deployment module's accounts (null until the citizen accounts are deployed). */
function sponsorDeployment(): SponsorDeployment | null {
  const d = deployment as unknown as (SponsorDeployment & { accounts?: SponsorDeployment["accounts"] }) | null;
  if (d === null) return null;
  return {
    chainId: d.chainId,
    addresses: { serviceRequests: d.addresses.serviceRequests },
    accounts: d.accounts ?? null,
  };
}

export function sponsorInstance(): Promise<SponsorEndpoint> {
  const holder = globalThis as Holder;
  if (holder[KEY] === undefined) {
    const opening = sponsorFromEnvironment({
      env: process.env,
      deployment: sponsorDeployment(),
      rpcUrl: process.env.LAYANAN_RPC_URL?.trim() || RPC_URL,
    });
    holder[KEY] = opening;
    // A failure to open (e.g. the database) is retried on the next request.
    opening.catch(() => {
      if (holder[KEY] === opening) delete holder[KEY];
    });
  }
  return holder[KEY];
}
