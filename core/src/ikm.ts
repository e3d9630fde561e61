/**
 * The public satisfaction index (Indeks Kepuasan Masyarakat, IKM) of an agency, as the dApp shows it:
 * IKM = mean score × 25 on the 1–4 scale of PermenPANRB 14/2017, so 25.00–100.00, with its grade:
 *
 *   A (Sangat Baik)  88.31 – 100.00
 *   B (Baik)         76.61 –  88.30
 *   C (Kurang Baik)  65.00 –  76.60
 *   D (Tidak Baik)   25.00 –  64.99
 *
 * Pure (no imports): the dApp, the admin commands and the indexer show the same figure. The grade is read from
 * the value rounded to two decimals, the precision the regulation's intervals use and the one shown,
 * so a reader never sees "88.31" next to a B. The rounding is exact (integer arithmetic).
 */

export type IkmGrade = "A" | "B" | "C" | "D";

export interface Ikm {
  /** The IKM rounded to two decimals, e.g. 87.5. */
  value: number;
  /** The same in hundredths, exact: 8750 for 87.50. */
  hundredths: number;
  grade: IkmGrade;
  /** How many ratings the score is computed from. */
  ratings: number;
}

/** Grade boundaries in hundredths (lower bound inclusive), highest first. */
const GRADES: ReadonlyArray<readonly [number, IkmGrade]> = [
  [8831, "A"],
  [7661, "B"],
  [6500, "C"],
  [0, "D"],
];

/** The grade of an IKM given in hundredths (8831 = 88.31). */
export function ikmGrade(hundredths: number): IkmGrade {
  for (const [lower, grade] of GRADES) if (hundredths >= lower) return grade;
  return "D";
}

/**
 * The IKM from an agency's `ratingSum` and `ratingCount` (AgencyStats), or null when nobody has rated
 * yet ("belum ada penilaian"). Accepts bigint (as viem returns uint64) or number.
 */
export function computeIkm(ratingSum: bigint | number, ratingCount: bigint | number): Ikm | null {
  const sum = BigInt(ratingSum);
  const count = BigInt(ratingCount);
  if (count <= 0n) return null;
  // round half up of sum / count * 25 * 100 = sum * 2500 / count
  const hundredths = Number((sum * 5000n + count) / (2n * count));
  return { value: hundredths / 100, hundredths, grade: ikmGrade(hundredths), ratings: Number(count) };
}
