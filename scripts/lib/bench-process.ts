// Child processes for the scale benchmark: each long-running service in its own process group
// (so the whole tree stops together), its output in a log file, and the resident memory of the
// whole group sampled from /proc.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { pollUntil, sleep } from "./poll.js";

const children: ChildProcess[] = [];

export interface Service {
  name: string;
  child: ChildProcess;
  log: string;
}

/** Starts a long-running child in its own process group, stdout and stderr appended to `log`. */
export function startService(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
  log: string,
): Service {
  const fd = openSync(log, "a");
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  children.push(child);
  return { name, child, log };
}

export function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops one service's process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopService(service: Service, graceMs = 5000): Promise<void> {
  signalGroup(service.child, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(service.child)) await sleep(100);
  if (groupAlive(service.child)) signalGroup(service.child, "SIGKILL");
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Stops every service this process started (synchronous: runs from `finally` and signal handlers). */
export function stopAllServices(): void {
  for (const child of children) signalGroup(child, "SIGTERM");
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && children.some(groupAlive)) Atomics.wait(sleepCell, 0, 0, 100);
  for (const child of children) if (groupAlive(child)) signalGroup(child, "SIGKILL");
}

export { sleep };

/** Polls `ready` every 250 ms until it answers true; fails when the service exits or time runs out. */
export async function waitFor(what: string, seconds: number, ready: () => Promise<boolean>, service?: Service) {
  const outcome = await pollUntil(ready, seconds, { alive: service && (() => alive(service.child)) });
  if (outcome === "exited")
    throw new Error(`${what} exited before it was ready; the end of its log:\n${tail(service!.log)}`);
  if (outcome === "timeout") throw new Error(`${what} was not ready within ${seconds} s.`);
}

export function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "";
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Resident memory (bytes) of every process in process group `pgid`, summed (Linux /proc). */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Samples a service's group RSS every `everyMs`; `stop()` returns the peak (bytes). */
export function sampleRss(service: Service, everyMs = 250): { stop(): number; peak(): number } {
  let peak = 0;
  const pgid = service.child.pid;
  const sample = () => {
    if (pgid !== undefined) peak = Math.max(peak, groupRss(pgid));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
    peak: () => peak,
  };
}
