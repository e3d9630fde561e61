"use client";
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import type { TransactionReceipt } from "viem";
import { TxStatus } from "@/components/TxStatus";
import { useRefresh } from "@/lib/citizen/hooks";
import { useTx } from "@/lib/useTx";

type Tx = ReturnType<typeof useTx>;

interface Write {
  tx: Tx;
  /** True while a write runs: every button of the page waits. */
  busy: boolean;
  /**
   * Runs one write for the page part `at` (its status line shows there), then reloads every read
   * (catalogue, role, lists). Resolves true once the receipt is in.
   */
  run: (at: string, write: () => Promise<TransactionReceipt | undefined>) => Promise<boolean>;
  /** The page part whose write the status line belongs to. */
  at: string | null;
}

const WriteContext = createContext<Write | null>(null);

/**
 * One write at a time for a whole console page, with its status shown beside the part that
 * started it (so a page has a single, current status line).
 */
export function WriteProvider({ children }: { children: ReactNode }) {
  const tx = useTx();
  const refresh = useRefresh();
  const [at, setAt] = useState<string | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async (where: string, write: () => Promise<TransactionReceipt | undefined>) => {
      if (running.current) return false;
      running.current = true;
      setAt(where);
      try {
        const receipt = await write();
        if (receipt) await refresh();
        return Boolean(receipt);
      } finally {
        running.current = false;
      }
    },
    [refresh],
  );

  return <WriteContext.Provider value={{ tx, busy: tx.busy, run, at }}>{children}</WriteContext.Provider>;
}

export function useWrite(): Write {
  const write = useContext(WriteContext);
  if (!write) throw new Error("useWrite outside <WriteProvider>");
  return write;
}

/** The page's status line, when the last write was started from the part `at`. */
export function WriteStatus({ at }: { at: string }) {
  const { tx, at: current } = useWrite();
  return <div aria-live="polite">{current === at && <TxStatus state={tx.state} />}</div>;
}
