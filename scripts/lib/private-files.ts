import { closeSync, fchmodSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Files that hold personal data, salts or keys (receipts, local/citizens.json, the demo accounts)
 * are readable by their owner only: 0600, in folders created 0700.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates a folder (and its missing parents) with owner-only access; an existing folder is left as it is. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Writes a file readable and writable by its owner only, creating its folder (0700) when missing.
 * The mode given to `open` applies only to a new file (and the umask may narrow it), so it is set
 * again on the open file, before any data is written: an existing file gets 0600 too.
 */
export function writePrivateFile(file: string, data: string): void {
  makePrivateDir(path.dirname(file));
  const fd = openSync(file, "w", PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** Writes a value as pretty-printed JSON (2 spaces, final newline) to a private file. */
export function writePrivateJson(file: string, value: unknown): void {
  writePrivateFile(file, JSON.stringify(value, null, 2) + "\n");
}
