"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider, type State } from "wagmi";
import { deployment } from "@/generated/deployment";
import { announceDevWallet } from "@/lib/devWallet";
import { makeWagmiConfig } from "@/lib/wagmi";
import { ConnectBar } from "./ConnectBar";
import { RoleLink } from "./console/RoleLink";

/** wagmi and TanStack Query, for the pages that need a wallet (never the public ones). */
export function WalletProviders({ children, initialState }: { children: ReactNode; initialState?: State }) {
  const [config] = useState(() => {
    // Announce the development wallet before wagmi asks for EIP-6963 providers (chain 31337 only).
    announceDevWallet(deployment?.demoAccounts ?? []);
    return makeWagmiConfig();
  });
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1 } } }),
  );
  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>
        <ConnectBar />
        <RoleLink />
        {children}
      </QueryClientProvider>
    </WagmiProvider>
  );
}
