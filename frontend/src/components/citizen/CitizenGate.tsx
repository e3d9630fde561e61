"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ConnectPrompt, type GatePurpose } from "@/components/ConnectPrompt";
import { Loading } from "@/components/Loading";
import { useCitizen } from "@/lib/citizen/hooks";

/** Renders its children with the connected address, or asks to connect. */
export function CitizenGate({
  purpose,
  children,
}: {
  purpose: GatePurpose;
  children: (address: `0x${string}`) => ReactNode;
}) {
  const tErrors = useTranslations("errors");
  const { address, connecting, deployed } = useCitizen();
  if (!deployed) return <p className="error">{tErrors("notDeployed")}</p>;
  if (connecting) return <Loading />;
  if (!address) return <ConnectPrompt purpose={purpose} />;
  return <>{children(address)}</>;
}
