// Measures the gas budget on the in-process chain: `npm run gas` prints the table and fails when a
// figure grows past the committed snapshot (gas-snapshot.json); `npm run gas:update` rewrites the snapshot after a deliberate change.
import { existsSync } from "node:fs";
import { network } from "hardhat";
import { GAS_BUDGET, GAS_SNAPSHOT_PATH, gasTable, measureGas, readGasSnapshot, writeGasSnapshot } from "./lib/gas.js";

const { ethers } = await network.create({ network: "hardhat" });
const figures = await measureGas(ethers);
const snapshot = existsSync(GAS_SNAPSHOT_PATH) ? readGasSnapshot() : undefined;
console.log(gasTable(figures, snapshot));

const update = process.env.UPDATE_GAS_SNAPSHOT === "1";
const problems = GAS_BUDGET.flatMap(({ key, ceiling }) => [
  ...(figures[key] > ceiling ? [`${key}: ${figures[key]} is over the ceiling ${ceiling}`] : []),
  ...(!update && snapshot && figures[key] > snapshot[key]
    ? [`${key}: ${figures[key]} grew past the snapshot ${snapshot[key]}`]
    : []),
]);
if (update || snapshot === undefined) {
  writeGasSnapshot(figures);
  console.log("\nWrote gas-snapshot.json.");
}
if (problems.length > 0) {
  console.error(`\n${problems.join("\n")}`);
  process.exitCode = 1;
}
