// The agencies' command line: `npm run layanan -- <command> [--network <name>] [--help]`.
import { runCli } from "./lib/cli.js";

process.exitCode = await runCli(process.argv.slice(2));
