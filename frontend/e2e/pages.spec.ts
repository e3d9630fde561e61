/**
 * Every page at a phone's and a laptop's width: a screenshot of each (frontend/test-output/screenshots/)
 * and an axe check that finds no serious or critical accessibility violations.
 */
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { APP_PAGES, SCREENSHOT_DIR, expect, openPage, test } from "./fixtures";

const VIEWPORTS = [
  { width: 360, height: 800 },
  { width: 1280, height: 800 },
];

for (const appPage of APP_PAGES) {
  test.describe(`page ${appPage.name} (${appPage.path})`, () => {
    test("screenshots at 360×800 and 1280×800", async ({ page, wallet }) => {
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await openPage(page, wallet, appPage);
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `${appPage.name}-${viewport.width}x${viewport.height}.png`),
          fullPage: true,
        });
      }
    });

    test("no serious or critical axe violations", async ({ page, wallet }) => {
      const found: string[] = [];
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await openPage(page, wallet, appPage);
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const v of violations) {
          if (v.impact !== "serious" && v.impact !== "critical") continue;
          const targets = v.nodes
            .slice(0, 5)
            .map(
              (n) =>
                `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, " ").trim()})` : ""}`,
            );
          found.push(`[${viewport.width}px] ${v.impact} ${v.id}: ${v.help}\n      ${targets.join("\n      ")}`);
        }
      }
      expect(found, `axe on ${appPage.path}:\n${found.join("\n")}`).toEqual([]);
    });
  });
}
