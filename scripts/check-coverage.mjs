// Reads coverage/lcov.info (written by `hardhat test --coverage`) and fails when the production
// contracts (contracts/*.sol and contracts/account/*.sol, not mocks or tests) are below the line-coverage threshold.
import { readFileSync } from "node:fs";

const THRESHOLD = 95;
const lcov = readFileSync(new URL("../coverage/lcov.info", import.meta.url), "utf8");
let found = 0;
let hit = 0;
const rows = [];
for (const record of lcov.split("end_of_record")) {
  const file = /^SF:(.+)$/m.exec(record)?.[1]?.trim();
  if (!file || !/contracts\/(account\/)?[A-Za-z]+\.sol$/.test(file)) continue;
  const lf = Number(/^LF:(\d+)$/m.exec(record)?.[1] ?? 0);
  const lh = Number(/^LH:(\d+)$/m.exec(record)?.[1] ?? 0);
  found += lf;
  hit += lh;
  rows.push(`${file.replace(/^.*contracts\//, "contracts/")}: ${lh}/${lf} lines (${((100 * lh) / lf).toFixed(2)}%)`);
}
if (rows.length === 0) {
  console.error("check-coverage: no production contracts in coverage/lcov.info");
  process.exit(1);
}
// The citizen accounts must be measured (a path change must not drop them from the figure silently).
const REQUIRED = [
  "contracts/account/CitizenAccount.sol",
  "contracts/account/CitizenAccountFactory.sol",
  "contracts/account/LayananPaymaster.sol",
];
const missing = REQUIRED.filter((path) => !rows.some((row) => row.startsWith(`${path}:`)));
if (missing.length > 0) {
  console.error(`check-coverage: not in coverage/lcov.info: ${missing.join(", ")}`);
  process.exit(1);
}
const total = (100 * hit) / found;
console.log(rows.join("\n"));
console.log(`production contracts: ${hit}/${found} lines = ${total.toFixed(2)}% (threshold ${THRESHOLD}%)`);
if (total < THRESHOLD) {
  console.error(`check-coverage: line coverage ${total.toFixed(2)}% is below ${THRESHOLD}%`);
  process.exit(1);
}
