// Seeds a city's worth of service requests into one agency of a deployed, demo-seeded local chain,
// fast: transactions signed locally (viem) from many citizen keys and sent as JSON-RPC batches with
// automine off, a block mined per batch (`evm_mine`), and a gap of empty blocks (`hardhat_mine`
// with a 2 s interval) between batches, so that the history spans millions of blocks and months
// of chain time, as on a real chain. Part of the requests then move through their life the way an
// agency's queue does (in progress, completed late or on time, rejected with a reason, answered,
// cancelled, closed as duplicates, escalated when overdue, rated), each step a later batch.
import {
  decodeFunctionResult,
  encodeFunctionData,
  keccak256,
  parseEventLogs,
  toHex,
  type Hex,
  type Log,
  type PrivateKeyAccount,
  type HDAccount,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { agencyDirectoryAbi, serviceRequestsAbi, type Manifest } from "@layanan/core";
import { hex, type Rpc } from "./bench-rpc.js";

const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const CHAIN_ID = 31337;
const BLOCK_GAS_BUDGET = 55_000_000n; // of the node's 60,000,000 per block
const MAX_FEE = 100_000_000_000n; // 100 gwei: far above the base fee after the empty gaps
const PRIORITY_FEE = 1_000_000_000n;
const BALANCE = hex(10n ** 21n); // 1000 ETH per citizen and officer
const BLOCK_SECONDS = 2;

/** Gas limits per call (generous: every call is well below; the budget per block counts limits). */
const GAS = {
  submit: 170_000n,
  updateStatus: 110_000n,
  markDuplicate: 100_000n,
  respond: 100_000n,
  cancel: 80_000n,
  escalate: 90_000n,
  rate: 90_000n,
  addOfficer: 150_000n,
  addService: 250_000n,
} as const;

export interface ScaleSeedOptions {
  requests: number;
  /** Requests per batch (one block each, or more when the gas budget says so). */
  batchSize?: number;
  /** Empty blocks per request, spread as gaps between batches: 80 gives ~8M blocks for 100,000. */
  blocksPerRequest?: number;
  /** Citizens (distinct accounts); default requests / 5. */
  citizens?: number;
  officers?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface ScaleSeedResult {
  agencyId: number;
  serviceIds: number[];
  requests: number;
  transactions: number;
  /** ServiceRequests events the seeding emitted (the demo seed's few aside). */
  events: number;
  batches: number;
  firstBlock: number;
  lastBlock: number;
  firstTime: number;
  lastTime: number;
  seconds: number;
  /** Time spent signing, sending, mining and reading logs (the rest is bookkeeping). */
  phases: { sign: number; send: number; mine: number; logs: number; gap: number };
  /** Citizens ordered from most to fewest requests, with their counts. */
  citizens: { address: Hex; requests: number }[];
  /** Requests by the state the seeding left them in (the local mirror; checked against agencyStats). */
  expected: ExpectedStats;
  /** A few request ids with long timelines (rated after completion, escalated, answered). */
  richRequests: bigint[];
  officers: Hex[];
}

export interface ExpectedStats {
  submitted: number;
  open: number;
  completed: number;
  rejected: number;
  cancelled: number;
  duplicates: number;
  escalated: number;
  ratingCount: number;
}

// -------------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32), so that two runs with the same arguments seed the same city.

function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

// -------------------------------------------------------------------------------------------------
// What citizens report and what officers answer (public text: no personal data).

const PROBLEMS = [
  { text: "Jalan berlubang", service: 0 },
  { text: "Aspal retak dan bergelombang", service: 0 },
  { text: "Lampu jalan mati", service: 1 },
  { text: "Lampu penerangan jalan berkedip", service: 1 },
  { text: "Drainase tersumbat sampah", service: 2 },
  { text: "Genangan air setelah hujan", service: 2 },
  { text: "Trotoar rusak", service: 0 },
  { text: "Marka jalan pudar", service: 0 },
  { text: "Rambu lalu lintas hilang", service: 0 },
  { text: "Gorong-gorong ambles", service: 2 },
] as const;
const STREETS = [
  "Jl. Soekarno-Hatta",
  "Jl. Cibaduyut Raya",
  "Jl. Kopo",
  "Jl. Ir. H. Juanda (Dago)",
  "Jl. Asia Afrika",
  "Jl. Buah Batu",
  "Jl. Pasteur",
  "Jl. Setiabudi",
  "Jl. Gatot Subroto",
  "Jl. Ahmad Yani",
  "Jl. Cihampelas",
  "Jl. Riau",
  "Jl. Braga",
  "Jl. Antapani",
  "Jl. Terusan Jakarta",
  "Jl. Moh. Toha",
  "Jl. Kiaracondong",
  "Jl. Sukajadi",
  "Jl. Cicaheum",
  "Jl. Rancabolang",
];
const PLACES = ["dekat pasar", "depan sekolah", "dekat masjid", "di tikungan", "dekat halte", "depan puskesmas", ""];
const NOTES = {
  inProgress: [
    "Laporan diterima, tim lapangan dijadwalkan",
    "Sedang ditinjau petugas",
    "Masuk jadwal perbaikan pekan ini",
  ],
  needsInfo: ["Mohon kirim foto lokasi yang lebih jelas", "Mohon tambahkan titik koordinat lokasi"],
  completed: [
    "Perbaikan selesai, terima kasih atas laporannya",
    "Sudah diperbaiki oleh tim UPT",
    "Lampu sudah diganti",
  ],
  rejected: [
    "Lokasi di luar kewenangan Kota Bandung (jalan provinsi)",
    "Jalan lingkungan milik pengembang perumahan, bukan aset kota",
    "Laporan tidak dapat diverifikasi di lokasi",
  ],
  respond: ["Foto dan titik lokasi sudah saya lampirkan", "Lokasi tepatnya di sisi utara jalan"],
};
const EXTRA_SERVICES = [
  { code: "LAMPU_JALAN", name: "Laporan Lampu Penerangan Jalan Mati", sla: 3 * 86_400 },
  { code: "DRAINASE", name: "Laporan Drainase Tersumbat atau Banjir", sla: 5 * 86_400 },
];

// -------------------------------------------------------------------------------------------------
// Each request's life: steps an officer or the citizen takes, each `after` batches after the previous.

type StepKind =
  "inProgress" | "needsInfo" | "respond" | "complete" | "reject" | "cancel" | "duplicate" | "escalate" | "rate";
interface Step {
  kind: StepKind;
  after: number;
}

interface Tracked {
  id: bigint;
  citizen: number;
  dueAt: number;
  status: number;
  steps: Step[];
  /** May be the original of a duplicate (its plan never rejects, cancels or duplicates it). */
  original: boolean;
  steps_total: number;
}

function plan(rng: ReturnType<typeof random>, slaBatches: number): { steps: Step[]; original: boolean } {
  const r = rng.next();
  const rate = (p: number): Step[] => (rng.chance(p) ? [{ kind: "rate", after: rng.int(1, 4) }] : []);
  if (r < 0.5) {
    // Worked and completed, on time or late; a late one may be escalated first; most are rated.
    const start = rng.int(1, 3);
    const finish = rng.int(1, Math.round(slaBatches * 1.8));
    const late = start + finish > slaBatches + 1;
    const escalate = late && rng.chance(0.4);
    const steps: Step[] = [{ kind: "inProgress", after: start }];
    if (escalate) {
      const at = slaBatches + 1 - start;
      steps.push({ kind: "escalate", after: at }, { kind: "complete", after: Math.max(1, finish - at) });
    } else steps.push({ kind: "complete", after: finish });
    return { steps: [...steps, ...rate(0.65)], original: true };
  }
  if (r < 0.56) {
    // Needs more information; most citizens answer, then it is completed.
    const steps: Step[] = [
      { kind: "inProgress", after: rng.int(1, 3) },
      { kind: "needsInfo", after: rng.int(1, 4) },
    ];
    if (rng.chance(0.7)) {
      steps.push({ kind: "respond", after: rng.int(1, 4) }, { kind: "complete", after: rng.int(1, 8) }, ...rate(0.5));
    } else steps.push({ kind: "escalate", after: slaBatches + 2 });
    return { steps, original: false };
  }
  if (r < 0.64) {
    const steps: Step[] = rng.chance(0.5) ? [{ kind: "inProgress", after: rng.int(1, 3) }] : [];
    return { steps: [...steps, { kind: "reject", after: rng.int(1, 4) }, ...rate(0.3)], original: false };
  }
  if (r < 0.68) return { steps: [{ kind: "cancel", after: rng.int(1, 2) }], original: false };
  if (r < 0.74) return { steps: [{ kind: "duplicate", after: rng.int(1, 3) }, ...rate(0.2)], original: false };
  // The backlog: never finished; half are at least picked up; many get escalated once overdue.
  const steps: Step[] = rng.chance(0.5) ? [{ kind: "inProgress", after: rng.int(1, 5) }] : [];
  if (rng.chance(0.4)) steps.push({ kind: "escalate", after: slaBatches + rng.int(1, 10) });
  return { steps, original: true };
}

// -------------------------------------------------------------------------------------------------

type Account = PrivateKeyAccount | HDAccount;

interface Sender {
  account: Account;
  nonce: number;
}

interface PendingTx {
  sender: Sender;
  data: Hex;
  gas: bigint;
  to: Hex;
  /** For a submission: who and which clientRef, to learn the request id from its event. */
  submission?: { citizen: number; clientRef: Hex; dueIn: number; serviceIndex: number };
}

export async function seedScale(rpc: Rpc, manifest: Manifest, options: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const log = options.log ?? console.log;
  const started = performance.now();
  const phases = { sign: 0, send: 0, mine: 0, logs: 0, gap: 0 };
  const rng = random(options.seed ?? 20_260_101);
  const total = options.requests;
  const batchSize = options.batchSize ?? 250;
  const blocksPerRequest = options.blocksPerRequest ?? 80;
  const citizenCount = Math.max(1, options.citizens ?? Math.ceil(total / 5));
  const officerCount = options.officers ?? 8;
  const requestsAddress = manifest.contracts.ServiceRequests.address as Hex;
  const directoryAddress = manifest.contracts.AgencyDirectory.address as Hex;

  const read = async <T>(to: Hex, data: Hex, decode: (data: Hex) => T): Promise<T> =>
    decode(await rpc.call<Hex>("eth_call", [{ to, data }, "latest"]));

  // The agency: the one whose service is open to any account (no claim required).
  const serviceCount = await read(
    requestsAddress,
    encodeFunctionData({ abi: serviceRequestsAbi, functionName: "serviceCount" }),
    (d) => decodeFunctionResult({ abi: serviceRequestsAbi, functionName: "serviceCount", data: d }),
  );
  let open: { id: number; agencyId: number; sla: number } | undefined;
  for (let id = 1; id <= serviceCount && open === undefined; id++) {
    const service = await read(
      requestsAddress,
      encodeFunctionData({ abi: serviceRequestsAbi, functionName: "getService", args: [id] }),
      (d) => decodeFunctionResult({ abi: serviceRequestsAbi, functionName: "getService", data: d }),
    );
    if (service.requiredClaim === `0x${"0".repeat(64)}` && service.active) {
      open = { id, agencyId: service.agencyId, sla: service.slaSeconds };
    }
  }
  if (open === undefined) throw new Error("The demo city has no service open to any account.");
  const agency = await read(
    directoryAddress,
    encodeFunctionData({ abi: agencyDirectoryAbi, functionName: "getAgency", args: [open.agencyId] }),
    (d) => decodeFunctionResult({ abi: agencyDirectoryAbi, functionName: "getAgency", data: d }),
  );
  const devAccounts = Array.from({ length: 20 }, (_, i) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i }));
  const adminAccount = devAccounts.find((a) => a.address.toLowerCase() === agency.admin.toLowerCase());
  if (adminAccount === undefined) throw new Error(`The agency's admin ${agency.admin} is not a development account.`);

  const nonceOf = async (address: Hex) => Number(await rpc.call<Hex>("eth_getTransactionCount", [address, "pending"]));
  const admin: Sender = { account: adminAccount, nonce: await nonceOf(adminAccount.address) };
  const key = (label: string) => keccak256(toHex(`layanan-bench-${label}`));
  const officers: Sender[] = Array.from({ length: officerCount }, (_, i) => ({
    account: privateKeyToAccount(key(`officer-${i}`)),
    nonce: 0,
  }));
  const citizens: (Sender | undefined)[] = new Array(citizenCount);
  const citizenAddresses: Hex[] = new Array(citizenCount);
  const citizen = (i: number): Sender =>
    (citizens[i] ??= { account: privateKeyToAccount(key(`citizen-${i}`)), nonce: 0 });

  await rpc.call("evm_setAutomine", [false]);

  // Funds: citizens and officers never need ETH on a real deployment (sponsored); here they pay gas.
  const fund = async (addresses: Hex[]) =>
    rpc.batch(addresses.map((address) => ({ method: "hardhat_setBalance", params: [address, BALANCE] })));
  await fund(officers.map((o) => o.account.address));

  // --- sending and mining ---------------------------------------------------------------------
  let transactions = 0;
  let events = 0;
  const mineTransactions = async (txs: PendingTx[]): Promise<Log[]> => {
    const logs: Log[] = [];
    let index = 0;
    while (index < txs.length) {
      const block: PendingTx[] = [];
      let gas = 0n;
      while (index < txs.length && gas + txs[index].gas <= BLOCK_GAS_BUDGET) {
        gas += txs[index].gas;
        block.push(txs[index++]);
      }
      let t = performance.now();
      const raw = await Promise.all(
        block.map((tx) =>
          tx.sender.account.signTransaction({
            chainId: CHAIN_ID,
            type: "eip1559",
            to: tx.to,
            data: tx.data,
            nonce: tx.sender.nonce++,
            gas: tx.gas,
            maxFeePerGas: MAX_FEE,
            maxPriorityFeePerGas: PRIORITY_FEE,
          }),
        ),
      );
      phases.sign += performance.now() - t;
      t = performance.now();
      await rpc.batch(raw.map((signed) => ({ method: "eth_sendRawTransaction", params: [signed] })));
      phases.send += performance.now() - t;
      t = performance.now();
      await rpc.call("evm_mine", []);
      phases.mine += performance.now() - t;
      t = performance.now();
      const found = await rpc.call<Log[]>("eth_getLogs", [
        { address: [requestsAddress, directoryAddress], fromBlock: "latest", toBlock: "latest" },
      ]);
      const count = await rpc.call<Hex>("eth_getBlockTransactionCountByNumber", ["latest"]);
      phases.logs += performance.now() - t;
      if (Number(count) !== block.length) {
        throw new Error(`A block holds ${Number(count)} of the ${block.length} transactions sent for it.`);
      }
      // Every call the seeding makes emits exactly one event of these contracts: fewer means a revert.
      if (found.length !== block.length) {
        throw new Error(
          `${block.length - found.length} of ${block.length} transactions reverted in block ${Number(found[0]?.blockNumber ?? 0)}.`,
        );
      }
      transactions += block.length;
      logs.push(...found);
    }
    return logs;
  };
  const call = (sender: Sender, to: Hex, data: Hex, gas: bigint): PendingTx => ({ sender, to, data, gas });

  // --- more officers and services for the agency ----------------------------------------------
  const setup: PendingTx[] = [
    ...officers.map((o) =>
      call(
        admin,
        directoryAddress,
        encodeFunctionData({
          abi: agencyDirectoryAbi,
          functionName: "addOfficer",
          args: [open.agencyId, o.account.address],
        }),
        GAS.addOfficer,
      ),
    ),
    ...EXTRA_SERVICES.map((s) =>
      call(
        admin,
        requestsAddress,
        encodeFunctionData({
          abi: serviceRequestsAbi,
          functionName: "addService",
          args: [open.agencyId, toHex(s.code, { size: 32 }), s.name, s.sla, `0x${"0".repeat(64)}`, 0],
        }),
        GAS.addService,
      ),
    ),
  ];
  const setupLogs = parseEventLogs({ abi: serviceRequestsAbi, logs: await mineTransactions(setup) });
  const services = [
    { id: open.id, sla: open.sla },
    ...setupLogs.flatMap((l) =>
      l.eventName === "ServiceAdded" ? [{ id: Number(l.args.serviceId), sla: Number(l.args.slaSeconds) }] : [],
    ),
  ];
  events += setup.length;

  // --- the requests -----------------------------------------------------------------------------
  const batches = Math.ceil(total / batchSize);
  const gapBlocks = Math.max(0, Math.round(blocksPerRequest * batchSize) - 1);
  const batchSeconds = (gapBlocks + 1) * BLOCK_SECONDS;
  const slaBatchesOf = (sla: number) => Math.max(1, Math.ceil(sla / batchSeconds));
  const schedule = new Map<number, Tracked[]>();
  const later = (batch: number, request: Tracked) => {
    const list = schedule.get(batch);
    if (list) list.push(request);
    else schedule.set(batch, [request]);
  };
  const originals: bigint[] = [];
  const tracked: Tracked[] = [];
  const requestsOf = new Map<number, number>();
  const expected: ExpectedStats = {
    submitted: 0,
    open: 0,
    completed: 0,
    rejected: 0,
    cancelled: 0,
    duplicates: 0,
    escalated: 0,
    ratingCount: 0,
  };
  const richRequests: bigint[] = [];
  const funded = new Set<number>();
  let submitted = 0;
  let lastTime = Number((await rpc.call<{ timestamp: Hex }>("eth_getBlockByNumber", ["latest", false])).timestamp);
  const firstBlock = Number(await rpc.call<Hex>("eth_blockNumber")) + 1;
  const firstTime = lastTime;
  const seenAt = performance.now();
  let reported = seenAt;

  const requestCall = (sender: Sender, functionName: string, args: readonly unknown[], gas: bigint) =>
    call(sender, requestsAddress, encodeFunctionData({ abi: serviceRequestsAbi, functionName, args } as never), gas);

  for (let batch = 0; batch < batches; batch++) {
    const txs: PendingTx[] = [];
    // New requests; citizens skewed so that a few file many (index ~ u^2).
    const newFunded: Hex[] = [];
    const count = Math.min(batchSize, total - submitted);
    for (let i = 0; i < count; i++) {
      const c = Math.min(citizenCount - 1, Math.floor(citizenCount * rng.next() ** 2));
      const sender = citizen(c);
      citizenAddresses[c] = sender.account.address;
      if (!funded.has(c)) {
        funded.add(c);
        newFunded.push(sender.account.address);
      }
      const problem = rng.pick(PROBLEMS);
      const place = rng.pick(PLACES);
      const summary = rng.chance(0.03)
        ? ""
        : `${problem.text} di ${rng.pick(STREETS)} No. ${rng.int(1, 250)}${place ? `, ${place}` : ""}`;
      const service = services[Math.min(problem.service, services.length - 1)];
      const clientRef = keccak256(toHex(`ref-${batch}-${i}`));
      txs.push({
        ...requestCall(
          sender,
          "submit",
          [service.id, keccak256(toHex(`details-${batch}-${i}`)), clientRef, summary],
          GAS.submit,
        ),
        submission: { citizen: c, clientRef, dueIn: service.sla, serviceIndex: services.indexOf(service) },
      });
      requestsOf.set(c, (requestsOf.get(c) ?? 0) + 1);
    }
    submitted += count;
    if (newFunded.length > 0) await fund(newFunded);

    // Steps due in this batch.
    for (const request of schedule.get(batch) ?? []) {
      const step = request.steps.shift()!;
      const officer = rng.pick(officers);
      const owner = citizen(request.citizen);
      const next = () => {
        if (request.steps.length > 0) later(batch + request.steps[0].after, request);
      };
      switch (step.kind) {
        case "inProgress":
          txs.push(
            requestCall(officer, "updateStatus", [request.id, 2, ZERO, rng.pick(NOTES.inProgress)], GAS.updateStatus),
          );
          request.status = 2;
          break;
        case "needsInfo":
          txs.push(
            requestCall(officer, "updateStatus", [request.id, 3, ZERO, rng.pick(NOTES.needsInfo)], GAS.updateStatus),
          );
          request.status = 3;
          break;
        case "respond":
          txs.push(
            requestCall(
              owner,
              "respond",
              [request.id, keccak256(toHex(`answer-${request.id}`)), rng.pick(NOTES.respond)],
              GAS.respond,
            ),
          );
          request.status = 2;
          break;
        case "complete":
          txs.push(
            requestCall(officer, "updateStatus", [request.id, 4, ZERO, rng.pick(NOTES.completed)], GAS.updateStatus),
          );
          request.status = 4;
          expected.open--;
          expected.completed++;
          break;
        case "reject":
          txs.push(
            requestCall(officer, "updateStatus", [request.id, 5, ZERO, rng.pick(NOTES.rejected)], GAS.updateStatus),
          );
          request.status = 5;
          expected.open--;
          expected.rejected++;
          break;
        case "cancel":
          txs.push(requestCall(owner, "cancel", [request.id], GAS.cancel));
          request.status = 6;
          expected.open--;
          expected.cancelled++;
          break;
        case "duplicate": {
          // A recent earlier report of the same agency that is open or completed.
          const earlier = countBelow(originals, request.id);
          if (earlier === 0) {
            // Nothing to point to yet: it stays in the backlog.
            request.steps = [];
            break;
          }
          const original = originals[Math.max(0, earlier - 1 - rng.int(0, 200))];
          txs.push(requestCall(officer, "markDuplicate", [request.id, original], GAS.markDuplicate));
          request.status = 7;
          expected.open--;
          expected.duplicates++;
          break;
        }
        case "escalate":
          if (request.dueAt > lastTime) {
            // Not overdue yet (the gaps are approximate): try again next batch.
            request.steps.unshift({ kind: "escalate", after: 1 });
            later(batch + 1, request);
            continue;
          }
          txs.push(requestCall(owner, "escalate", [request.id], GAS.escalate));
          expected.escalated++;
          break;
        case "rate":
          txs.push(requestCall(owner, "rate", [request.id, rng.pick([4, 4, 3, 3, 3, 2, 1]), ZERO], GAS.rate));
          expected.ratingCount++;
          if (request.steps_total >= 4 && richRequests.length < 50) richRequests.push(request.id);
          break;
      }
      next();
    }
    schedule.delete(batch);

    const logs = parseEventLogs({ abi: serviceRequestsAbi, logs: await mineTransactions(txs) });
    events += logs.length;
    const byRef = new Map(txs.flatMap((tx) => (tx.submission ? [[tx.submission.clientRef, tx.submission]] : [])));
    const block = await rpc.call<{ timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
    lastTime = Number(block.timestamp);
    for (const entry of logs) {
      if (entry.eventName !== "RequestSubmitted") continue;
      const submission = byRef.get(entry.args.clientRef);
      if (submission === undefined) continue;
      const slaBatches = slaBatchesOf(submission.dueIn);
      const { steps, original } = plan(rng, slaBatches);
      const request: Tracked = {
        id: entry.args.requestId,
        citizen: submission.citizen,
        dueAt: Number(entry.args.dueAt),
        status: 1,
        steps,
        original,
        steps_total: steps.length,
      };
      tracked.push(request);
      expected.submitted++;
      expected.open++;
      if (original) originals.push(request.id);
      if (steps.length > 0) later(batch + steps[0].after, request);
    }

    // The gap: empty blocks, 2 s apart (Hardhat reserves them without building each one).
    if (batch < batches - 1 && gapBlocks > 0) {
      const t = performance.now();
      await rpc.call("hardhat_mine", [hex(gapBlocks), hex(BLOCK_SECONDS)]);
      phases.gap += performance.now() - t;
      lastTime += gapBlocks * BLOCK_SECONDS;
    }
    if (performance.now() - reported > 15_000 || batch === batches - 1) {
      reported = performance.now();
      const elapsed = (reported - seenAt) / 1000;
      log(
        `  batch ${batch + 1}/${batches}: ${submitted} requests, ${transactions} transactions in ${elapsed.toFixed(0)} s (${(transactions / elapsed).toFixed(0)} tx/s)`,
      );
    }
  }

  // A tail of real blocks, so that the indexer's view of the chain's head (and its finality depth)
  // covers built blocks with their real parent hashes.
  await rpc.batch(
    Array.from({ length: 100 }, () => ({ method: "evm_mine", params: [] })),
    100,
  );
  await rpc.call("evm_setAutomine", [true]);
  const lastBlock = Number(await rpc.call<Hex>("eth_blockNumber"));
  lastTime = Number((await rpc.call<{ timestamp: Hex }>("eth_getBlockByNumber", ["latest", false])).timestamp);

  const counted = [...requestsOf.entries()].sort((a, b) => b[1] - a[1]);
  return {
    agencyId: open.agencyId,
    serviceIds: services.map((s) => s.id),
    requests: submitted,
    transactions,
    events,
    batches,
    firstBlock,
    lastBlock,
    firstTime,
    lastTime,
    seconds: (performance.now() - started) / 1000,
    phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v / 1000])) as ScaleSeedResult["phases"],
    citizens: counted.map(([c, n]) => ({ address: citizenAddresses[c], requests: n })),
    expected,
    richRequests,
    officers: officers.map((o) => o.account.address),
  };
}

const ZERO = `0x${"0".repeat(64)}` as Hex;

/** How many of the ascending `ids` are below `id`. */
function countBelow(ids: readonly bigint[], id: bigint): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ids[middle] < id) low = middle + 1;
    else high = middle;
  }
  return low;
}
