"use client";
import { createContext, useContext, type ReactNode } from "react";
import { useWrite, type Write } from "@/lib/useWrite";
import { TxStatus } from "./TxStatus";

const WriteContext = createContext<Write | null>(null);

/**
 * One useWrite shared by a whole page with several forms (the console's admin pages): one write at
 * a time for the page, and its status line beside the part that started it (send with `{ at }`).
 */
export function WriteScope({ children }: { children: ReactNode }) {
  const write = useWrite();
  return <WriteContext.Provider value={write}>{children}</WriteContext.Provider>;
}

export function useScopedWrite(): Write {
  const write = useContext(WriteContext);
  if (!write) throw new Error("useScopedWrite outside <WriteScope>");
  return write;
}

/** The page's status line, when the last write was started from the part `at`. */
export function WriteStatus({ at }: { at: string }) {
  return (
    <div aria-live="polite">
      <TxStatus write={useScopedWrite()} at={at} />
    </div>
  );
}
