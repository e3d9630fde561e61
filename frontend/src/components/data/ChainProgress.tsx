"use client";
import { useTranslations } from "next-intl";

/** How far back a list read from the chain has got: "back to block X (deployed at block Y)". */
export function ChainProgress({ chain }: { chain: { scannedFrom: bigint; deployBlock: bigint; complete: boolean } }) {
  const t = useTranslations("lists.chain");
  return (
    <span
      className="note"
      data-testid="chain-progress"
      data-scanned-from={chain.scannedFrom.toString()}
      data-complete={chain.complete}
    >
      {chain.complete
        ? t("complete", { deploy: chain.deployBlock.toString() })
        : t("progress", { from: chain.scannedFrom.toString(), deploy: chain.deployBlock.toString() })}
    </span>
  );
}
