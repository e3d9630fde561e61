import { headers } from "next/headers";
import type { ReactNode } from "react";
import { cookieToInitialState } from "wagmi";
import { WalletProviders } from "@/components/WalletProviders";
import { makeWagmiConfig } from "@/lib/wagmi";

/** The citizen's pages: the only ones that load wallet code. */
export default async function CitizenLayout({ children }: { children: ReactNode }) {
  const initialState = cookieToInitialState(makeWagmiConfig(), (await headers()).get("cookie"));
  return <WalletProviders initialState={initialState}>{children}</WalletProviders>;
}
