import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/**
 * EVM target: "cancun", set explicitly rather than following solc's default (prague).
 * Permissioned government chains lag mainnet forks: Hyperledger Besu QBFT/IBFT networks run
 * Cancun once `cancunTime` is set in their genesis, as do Polygon PoS and the major L2s, but
 * few run Prague yet. Cancun is also the oldest fork OpenZeppelin Contracts 5.7 compiles for
 * (EIP712 -> MessageHashUtils -> Strings -> Bytes uses MCOPY), so Paris or Shanghai would mean
 * forking OpenZeppelin. Chains stuck before Cancun (GoQuorum, now end-of-life) are not supported.
 * Nothing here uses transient storage or EIP-7702.
 */
export const EVM_VERSION = "cancun";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    // The compiler comes from the npm package `solc` (wasm); nothing is downloaded.
    version: "0.8.30",
    path: require.resolve("solc/soljson.js"),
    settings: {
      evmVersion: EVM_VERSION,
      viaIR: true,
      optimizer: { enabled: true, runs: 10_000 },
    },
  },
  test: {
    solidity: {
      fuzz: { runs: 1_000 },
      invariant: { runs: 64, depth: 64, failOnRevert: false },
    },
  },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // Any public or permissioned EVM chain: `npx hardhat keystore set PUBLIC_RPC_URL` and
    // `npx hardhat keystore set DEPLOYER_PRIVATE_KEY` (or the same names as environment variables).
    public: {
      type: "http",
      chainType: "l1",
      url: configVariable("PUBLIC_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
