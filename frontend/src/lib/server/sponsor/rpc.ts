/**
 * JSON-RPC 2.0 over one HTTP body: a request or a batch (an array), answered with a response or an
 * array of responses; notifications (no `id`) get none. Framework-free, so that the route handler
 * and the tests share it.
 */

/** JSON-RPC 2.0 and EIP-1474 codes the sponsor answers with. */
export const RPC_CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** EIP-1474 "resource unavailable": the sponsor is not configured on this server. */
  unavailable: -32002,
  /** ERC-4337's bundler code for "rejected by the paymaster": the operation breaks the sponsor's policy. */
  refused: -32501,
} as const;

/** An error answered to the caller as `{ code, message, data }`. */
export class RpcError extends Error {
  override name = "RpcError";
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export type RpcId = string | number | null;

export interface RpcSuccess {
  jsonrpc: "2.0";
  id: RpcId;
  result: unknown;
}

export interface RpcFailure {
  jsonrpc: "2.0";
  id: RpcId;
  error: { code: number; message: string; data?: unknown };
}

export type RpcResponse = RpcSuccess | RpcFailure;

/** Answers one method call; throws an RpcError (any other error is answered as an internal error). */
export type RpcDispatch = (method: string, params: unknown) => Promise<unknown>;

function failure(id: RpcId, error: RpcError): RpcFailure {
  return {
    jsonrpc: "2.0",
    id,
    error: { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) },
  };
}

const isId = (value: unknown): value is RpcId =>
  value === null || typeof value === "string" || (typeof value === "number" && Number.isFinite(value));

async function answerOne(
  request: unknown,
  dispatch: RpcDispatch,
  onError: (error: unknown) => void,
): Promise<RpcResponse | undefined> {
  if (request === null || typeof request !== "object" || Array.isArray(request)) {
    return failure(null, new RpcError(RPC_CODES.invalidRequest, "Invalid request: not a JSON-RPC 2.0 request object."));
  }
  const r = request as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
  const hasId = "id" in r;
  const id: RpcId = hasId && isId(r.id) ? r.id : null;
  if (r.jsonrpc !== "2.0" || typeof r.method !== "string" || (hasId && !isId(r.id))) {
    return failure(
      id,
      new RpcError(
        RPC_CODES.invalidRequest,
        'Invalid request: a JSON-RPC 2.0 request needs "jsonrpc": "2.0", a string "method" and a string or number "id".',
      ),
    );
  }
  if (r.params !== undefined && (r.params === null || typeof r.params !== "object")) {
    return failure(
      id,
      new RpcError(RPC_CODES.invalidRequest, "Invalid request: params must be an array or an object."),
    );
  }
  let response: RpcResponse;
  try {
    response = { jsonrpc: "2.0", id, result: await dispatch(r.method, r.params) };
  } catch (error) {
    if (error instanceof RpcError) response = failure(id, error);
    else {
      onError(error);
      response = failure(id, new RpcError(RPC_CODES.internalError, "Internal error of the sponsor service."));
    }
  }
  return hasId ? response : undefined;
}

/**
 * The answer to a parsed JSON-RPC body: a response, an array of responses (a batch), or undefined
 * when there is nothing to answer (notifications only).
 */
export async function handleJsonRpc(
  body: unknown,
  dispatch: RpcDispatch,
  onError: (error: unknown) => void = () => {},
): Promise<RpcResponse | RpcResponse[] | undefined> {
  if (Array.isArray(body)) {
    if (body.length === 0) {
      return failure(null, new RpcError(RPC_CODES.invalidRequest, "Invalid request: an empty batch."));
    }
    const answers = await Promise.all(body.map((request) => answerOne(request, dispatch, onError)));
    const responses = answers.filter((answer): answer is RpcResponse => answer !== undefined);
    return responses.length === 0 ? undefined : responses;
  }
  return answerOne(body, dispatch, onError);
}

/** The same for the raw text of an HTTP body (a body that is not JSON is a parse error). */
export async function handleJsonRpcText(
  text: string,
  dispatch: RpcDispatch,
  onError?: (error: unknown) => void,
): Promise<RpcResponse | RpcResponse[] | undefined> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return failure(null, new RpcError(RPC_CODES.parseError, "Parse error: the body is not JSON."));
  }
  return handleJsonRpc(body, dispatch, onError);
}
