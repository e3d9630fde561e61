import assert from "node:assert/strict";
import { computeIkm, ikmGrade } from "@layanan/core";

/** The IKM (Indeks Kepuasan Masyarakat) of PermenPANRB 14/2017, as the dApp and the CLI compute it. */
describe("IKM score and grade", function () {
  it("computes mean score x 25 rounded to two decimals and grades it A-D", function () {
    // No ratings: no score.
    assert.equal(computeIkm(0n, 0n), null);
    assert.equal(computeIkm(0, 0), null);

    // The extremes of the 1..4 scale.
    assert.deepEqual(computeIkm(4n, 1n), { value: 100, hundredths: 10000, grade: "A", ratings: 1 });
    assert.deepEqual(computeIkm(1n, 1n), { value: 25, hundredths: 2500, grade: "D", ratings: 1 });

    // The demo city: two ratings, 4 and 3 -> 3.5 x 25 = 87.50, grade B.
    assert.deepEqual(computeIkm(7n, 2n), { value: 87.5, hundredths: 8750, grade: "B", ratings: 2 });

    // Mean 3 -> 75.00 (C), mean 2 -> 50.00 (D), mean 2.6 -> 65.00 (C, lower bound inclusive).
    assert.equal(computeIkm(3n, 1n)?.grade, "C");
    assert.equal(computeIkm(2n, 1n)?.grade, "D");
    assert.deepEqual(computeIkm(13n, 5n), { value: 65, hundredths: 6500, grade: "C", ratings: 5 });

    // Rounding to two decimals: 10/3 x 25 = 83.333... -> 83.33 (B); 11/3 x 25 = 91.666... -> 91.67 (A).
    assert.equal(computeIkm(10n, 3n)?.value, 83.33);
    assert.equal(computeIkm(11n, 3n)?.value, 91.67);

    // The boundaries of PermenPANRB 14/2017, in hundredths.
    const cases: Array<[number, string]> = [
      [10000, "A"],
      [8831, "A"],
      [8830, "B"],
      [7661, "B"],
      [7660, "C"],
      [6500, "C"],
      [6499, "D"],
      [2500, "D"],
    ];
    for (const [hundredths, grade] of cases) assert.equal(ikmGrade(hundredths), grade, `${hundredths / 100}`);

    // A value that rounds onto a boundary takes the grade of what is shown:
    // 17661 / 5000 x 25 = 88.305 -> shown 88.31 -> A; 17660 / 5000 x 25 = 88.30 -> B.
    assert.deepEqual(computeIkm(17661n, 5000n), { value: 88.31, hundredths: 8831, grade: "A", ratings: 5000 });
    assert.equal(computeIkm(17660n, 5000n)?.grade, "B");

    // Large counts stay exact.
    assert.equal(computeIkm(4n * 10n ** 15n, 10n ** 15n)?.value, 100);
  });
});
