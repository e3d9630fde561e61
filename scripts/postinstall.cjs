// Hardhat 3 needs Node >= 22.13; the `node` devDependency provides it (see README).
// npm running on the machine's Node 20 skips EDR's native package, whose engines field says
// node >= 22. npm runs this script with node_modules/.bin first on PATH, so it runs on Node 22:
// if EDR cannot load, run `npm install` once more on Node 22 so npm installs the native package.
const { execSync } = require("node:child_process");

if (process.env.LAYANAN_POSTINSTALL_RERUN) process.exit(0);
try {
  require("@nomicfoundation/edr");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && !String(error.message).includes("edr")) throw error;
  console.log(`[postinstall] Hardhat's native runtime did not load on Node ${process.version}; installing it.`);
  execSync("npm install --no-audit --no-fund", {
    stdio: "inherit",
    env: { ...process.env, LAYANAN_POSTINSTALL_RERUN: "1" },
  });
}
