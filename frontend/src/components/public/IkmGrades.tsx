import { getFormatter, getTranslations } from "next-intl/server";
import styles from "./public.module.css";

const GRADES = [
  { grade: "A", from: 88.31, to: 100 },
  { grade: "B", from: 76.61, to: 88.3 },
  { grade: "C", from: 65, to: 76.6 },
  { grade: "D", from: 25, to: 64.99 },
] as const;

/** How to read the IKM: the formula and the grade intervals of PermenPANRB 14/2017 (server-rendered). */
export async function IkmGrades() {
  const t = await getTranslations("transparency.ikm");
  const format = await getFormatter();
  const n = (value: number) => format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <details className="card">
      <summary>
        <strong>{t("explainTitle")}</strong>
      </summary>
      <p>{t("explain")}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("explainTitle")}>
        <table className={styles.gradeTable}>
          <thead>
            <tr>
              <th scope="col">{t("gradeColumn")}</th>
              <th scope="col">{t("rangeColumn")}</th>
              <th scope="col">{t("meaningColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {GRADES.map((g) => (
              <tr key={g.grade}>
                <th scope="row">{g.grade}</th>
                <td>{t("range", { from: n(g.from), to: n(g.to) })}</td>
                <td>{t(`gradeLabel.${g.grade}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
