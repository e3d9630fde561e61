import { type Layanan, layanan as layananOf } from "@layanan/core";
import { deployment } from "@/generated/deployment";

/** The dApp's deployment (null when the network has none), as @layanan/core's reads take it. */
export const layanan: Layanan | null = deployment && layananOf(deployment);

/** The four contracts of the current deployment (null when the network has none). */
export const contracts = layanan?.contracts ?? null;

export type Contracts = NonNullable<typeof contracts>;
