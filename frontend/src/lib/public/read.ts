/**
 * The public pages' reads: @layanan/core's, bound to the read-only client (no wallet code) and to
 * this deployment.
 */
import {
  checkDocument as coreCheckDocument,
  loadTransparency as coreLoadTransparency,
  type VerifyQuery,
} from "@layanan/core";
import { layanan } from "@/lib/contracts";
import { publicClient } from "@/lib/publicClient";

export class NotDeployedError extends Error {
  constructor() {
    super("Layanan's contracts are not deployed on this network");
  }
}

function need() {
  if (!layanan) throw new NotDeployedError();
  return layanan;
}

/** Asks DocumentRegistry.verify about a fingerprint (and its batch root and proof). */
export const checkDocument = (query: VerifyQuery) => coreCheckDocument(publicClient, need(), query);

/** Every agency with its figures. */
export const loadTransparency = () => coreLoadTransparency(publicClient, need());
