/**
 * The city's sponsor service: an ERC-7677 paymaster web service (JSON-RPC 2.0 over POST, batches
 * too) for the citizens' passkey accounts, e.g. viem's
 * `createPaymasterClient({ transport: http("<origin>/api/sponsor") })`. The logic and the policy
 * are in src/lib/server/sponsor.
 */
import { sponsorInstance } from "@/lib/server/sponsor/instance";

export const runtime = "nodejs";

const json = (body: unknown) => Response.json(body, { headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  const text = await request.text();
  let sponsor;
  try {
    sponsor = await sponsorInstance();
  } catch (error) {
    console.error(`sponsor: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return json({
      jsonrpc: "2.0",
      id: null,
      error: {
        code: -32603,
        message: "The sponsor service cannot start; see the server's log.",
        data: { rule: "sponsorUnavailable" },
      },
    });
  }
  const answer = await sponsor.handleRpcText(text);
  return answer === undefined ? new Response(null, { status: 204 }) : json(answer);
}
