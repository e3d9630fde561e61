// Hardhat's well-known development keys that the off-chain services use on the local chain.
// DEVELOPMENT ONLY: these keys are public (derived from Hardhat's test mnemonic); they are valid on
// chain 31337 alone, and anyone can spend from them anywhere else.
import { ethers } from "ethers";

/** Hardhat account #17: Alto's executor (sends the bundles) on 31337. */
export const DEV_BUNDLER_EXECUTOR_KEY = "0x689af8efa8c651a91ad287602527f3af2fe9f6501a7ac4b061667b5a93e037fd";
/** Hardhat account #18: Alto's utility key (deploys its simulation contracts) on 31337. */
export const DEV_BUNDLER_UTILITY_KEY = "0xde9be858da4a475276426320d5e9262ecfc3ba460bfac56360bfa6c4c28b4ee0";
/** Hardhat account #19: the sponsor service's signing key on 31337 (LayananPaymaster's signer there). */
export const DEV_SPONSOR_KEY = "0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e";
export const DEV_SPONSOR_ADDRESS = new ethers.Wallet(DEV_SPONSOR_KEY).address;
