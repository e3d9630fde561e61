/**
 * What the city paid for (the transparency page): the indexer's sponsorship figures (GET
 * /api/sponsorship) per Jakarta month and per agency service over the last twelve months, with the
 * totals since the start. The chain has no such figures in one read (they are EntryPoint events
 * summed over the whole history), so without the indexer the page says the figures need it
 * (`data` null) instead of scanning the logs. Public page: no wallet code here.
 */
import { type Catalogue, loadCatalogue, type SponsorshipDay, type SponsorshipFigures } from "@layanan/core";
import { layanan } from "@/lib/contracts";
import { publicClient } from "@/lib/publicClient";
import { fromIndexerOrChain, type Sourced } from "./source";

export interface SponsorshipRow extends SponsorshipFigures {
  /** YYYY-MM (a month) or YYYY-MM-DD (a day), Jakarta time. */
  period: string;
}

export interface ServiceSponsorship extends SponsorshipFigures {
  serviceId: number;
  agencyId: number;
  /** The service's and its agency's names from the chain's catalogue (null: operations that touched no request). */
  serviceName: string | null;
  agencyName: string | null;
}

export interface SponsorshipReport {
  /** Since the first sponsored operation. */
  totals: SponsorshipFigures;
  /** Jakarta day number the months start at (the first day of the month eleven months back). */
  from: number;
  /** Newest first, with each month's days (newest first). */
  months: (SponsorshipRow & { days: SponsorshipRow[] })[];
  /** Over the same months, most operations first. */
  services: ServiceSponsorship[];
  /** The paymaster the indexer follows (null: the deployment has no citizen accounts). */
  paymaster: `0x${string}` | null;
}

const NONE: SponsorshipFigures = { operations: 0, failed: 0, paidWei: 0n, gasUsed: 0n, accountsCreated: 0 };

const add = (a: SponsorshipFigures, b: SponsorshipFigures): SponsorshipFigures => ({
  operations: a.operations + b.operations,
  failed: a.failed + b.failed,
  paidWei: a.paidWei + b.paidWei,
  gasUsed: a.gasUsed + b.gasUsed,
  accountsCreated: a.accountsCreated + b.accountsCreated,
});

const figures = (f: SponsorshipFigures): SponsorshipFigures => add(NONE, f);

/** The Jakarta day (UTC+7) of a time, as the indexer counts them. */
export const jakartaDay = (ms: number) => Math.floor((ms / 1000 + 25_200) / 86_400);

/** The first Jakarta day of the month `back` months before the one `day` is in. */
export function monthStart(day: number, back: number): number {
  const date = new Date(day * 86_400_000);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1);
  return Math.floor(first / 86_400_000);
}

/** At most this many pages of 200 days: a year's months fit in two. */
const MAX_PAGES = 3;

/** Groups days (newest first) into months and sums the services over them. */
export function summarizeSponsorship(days: SponsorshipDay[], catalogue: Catalogue | null) {
  const months = new Map<string, SponsorshipRow & { days: SponsorshipRow[] }>();
  const services = new Map<number, ServiceSponsorship>();
  for (const day of days) {
    const period = day.date.slice(0, 7);
    const month = months.get(period) ?? { period, ...NONE, days: [] };
    months.set(period, { ...month, ...add(month, day), days: [...month.days, { period: day.date, ...figures(day) }] });
    for (const s of day.services) {
      const known = services.get(s.serviceId);
      const info = catalogue?.services.find((c) => c.id === s.serviceId);
      const agency = catalogue?.agencies.find((a) => a.id === s.agencyId);
      services.set(s.serviceId, {
        serviceId: s.serviceId,
        agencyId: s.agencyId,
        serviceName: s.serviceId === 0 ? null : (info?.name ?? null),
        agencyName: s.agencyId === 0 ? null : (agency?.name ?? null),
        ...add(known ?? NONE, s),
      });
    }
  }
  return {
    months: [...months.values()],
    services: [...services.values()].sort((a, b) => b.operations - a.operations || a.serviceId - b.serviceId),
  };
}

/**
 * The report from the indexer (`data`), or `data` null with the reason when there is no indexer or
 * it failed: these figures need it.
 */
export async function loadSponsorship(now = Date.now()): Promise<Sourced<SponsorshipReport | null>> {
  return fromIndexerOrChain<SponsorshipReport | null>(
    publicClient,
    async (ix) => {
      const from = monthStart(jakartaDay(now), 11);
      const [all, catalogue] = await Promise.all([
        ix.sponsorship({ pageSize: 1 }),
        layanan ? loadCatalogue(publicClient, layanan).catch(() => null) : Promise.resolve(null),
      ]);
      const days: SponsorshipDay[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const answer = await ix.sponsorship({ from, page, pageSize: 200 });
        days.push(...answer.items);
        if (days.length >= answer.total || answer.items.length === 0) break;
      }
      return { totals: all.totals, from, paymaster: all.paymaster, ...summarizeSponsorship(days, catalogue) };
    },
    async () => null,
  );
}
