import { UserError } from "./manifest.js";

/** Parsed command line: positional words and `--name value` / `--flag` options. */
export interface Args {
  positional: string[];
  options: Map<string, string | true>;
}

/** Options that never take a value. */
const BOOLEAN_OPTIONS = new Set(["help", "fresh", "json", "yes", "public", "check"]);

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "-h") {
      options.set("help", true);
    } else if (word.startsWith("--")) {
      const [name, inline] = word.slice(2).split(/=(.*)/s, 2);
      if (BOOLEAN_OPTIONS.has(name)) options.set(name, true);
      else if (inline !== undefined) options.set(name, inline);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) throw new UserError(`Option --${name} needs a value.`);
        options.set(name, value);
        i++;
      }
    } else positional.push(word);
  }
  return { positional, options };
}

export function option(args: Args, name: string): string | undefined {
  const value = args.options.get(name);
  return value === true ? undefined : value;
}

export function requireOption(args: Args, name: string, what: string): string {
  const value = option(args, name);
  if (value === undefined) throw new UserError(`Missing --${name} (${what}).`);
  return value;
}

/** "3d", "24h", "90m", "45s" or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*([dhms]?)$/.exec(text.trim());
  if (!match) throw new UserError(`"${text}" is not a duration (use e.g. 3d, 24h, 90m or seconds).`);
  const unit = { d: 86_400, h: 3_600, m: 60, s: 1, "": 1 }[match[2] as "d" | "h" | "m" | "s" | ""];
  return Number(match[1]) * unit;
}

/**
 * An expiry: an ISO date ("2030-12-31"), a duration from `now` ("365d"), or unix seconds.
 * Returns unix seconds; "never" or "0" gives 0.
 */
export function parseExpiry(text: string | undefined, now: number): number {
  if (text === undefined || text === "never" || text === "0") return 0;
  if (/^\d+[dhms]$/.test(text)) return now + parseDuration(text);
  if (/^\d{9,}$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UserError(`"${text}" is not a date (use e.g. 2030-12-31, 365d or unix seconds).`);
  return Math.floor(ms / 1000);
}

export function parseInteger(text: string, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UserError(`${what} must be a whole number from ${min} to ${max}, got "${text}".`);
  }
  return Number(text);
}
