import { expect } from "chai";
import { openPostgres, recordSigned, usageOf } from "../../frontend/src/lib/server/sponsor/index.ts";

// The same tables on a Postgres server: runs when LAYANAN_TEST_DATABASE_URL names one (a throwaway
// database; the schema layanan_sponsor is created there) or DATABASE_URL does (as in .ci/run); skipped
// otherwise, and said so in the test output.
describe("sponsor service: state on a Postgres server (DATABASE_URL)", function () {
  const url = process.env.LAYANAN_TEST_DATABASE_URL ?? process.env.DATABASE_URL;

  it("creates its tables idempotently and counts the quota atomically", async function () {
    if (!url) this.skip();
    const first = await openPostgres(url!);
    await first.close();
    const db = await openPostgres(url!); // the migration again: nothing to do
    try {
      const sender = `0x${Math.random().toString(16).slice(2).padEnd(40, "0")}`;
      const day = "2025-03-01";
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          recordSigned(db, { userOpHash: `${sender}${i}`, sender, calls: [], validUntil: 1, day }, 4),
        ),
      );
      expect(results.filter((r) => r !== null)).to.have.length(4);
      expect(await usageOf(db, sender, day)).to.equal(4);
    } finally {
      await db.close();
    }
  });
});
