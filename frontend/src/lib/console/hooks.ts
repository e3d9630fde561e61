"use client";
import { loadRole } from "@layanan/core";
import { useCitizen, useLayananQuery } from "@/lib/citizen/hooks";
import { queryKey } from "@/lib/queries";

/** The connected wallet's role (see @layanan/core reads/role.ts), refreshed after every directory write. */
export function useRole() {
  const { address } = useCitizen();
  return useLayananQuery(
    queryKey("role", address),
    (client, deployment) => loadRole(client, deployment, address!),
    Boolean(address),
  );
}
