// Measures the gas budget on in-process chains: `npm run gas` prints the table and fails when a
// figure grows past the committed snapshot (gas-snapshot.json); `npm run gas:update` rewrites the
// snapshot and bench/gas-accounts.md (the citizen accounts' table) after a deliberate change.
import { existsSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import {
  GAS_BUDGET,
  GAS_SNAPSHOT_PATH,
  accountsGasTable,
  gasTable,
  measureAllGas,
  readGasSnapshot,
  writeGasSnapshot,
} from "./lib/gas.js";

const ACCOUNTS_TABLE_PATH = new URL("../bench/gas-accounts.md", import.meta.url);

const figures = await measureAllGas(network);
const snapshot = existsSync(GAS_SNAPSHOT_PATH) ? readGasSnapshot() : undefined;
console.log(gasTable(figures, snapshot));
console.log(`\n${accountsGasTable(figures)}`);

const update = process.env.UPDATE_GAS_SNAPSHOT === "1";
const problems = GAS_BUDGET.flatMap(({ key, ceiling }) => [
  ...(figures[key] > ceiling ? [`${key}: ${figures[key]} is over the ceiling ${ceiling}`] : []),
  ...(!update && snapshot?.[key] !== undefined && figures[key] > snapshot[key]
    ? [`${key}: ${figures[key]} grew past the snapshot ${snapshot[key]}`]
    : []),
]);
if (update || snapshot === undefined) {
  writeGasSnapshot(figures);
  writeFileSync(ACCOUNTS_TABLE_PATH, accountsGasTable(figures));
  console.log("\nWrote gas-snapshot.json and bench/gas-accounts.md.");
}
if (problems.length > 0) {
  console.error(`\n${problems.join("\n")}`);
  process.exitCode = 1;
}
