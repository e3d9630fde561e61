/**
 * Every page at a phone's and a laptop's width: a screenshot of each, written to
 * frontend/test-output/screenshots/<page>-<width>x<height>.png, and an axe check that finds no
 * serious or critical accessibility violations. One test per page: the page is loaded once at the
 * phone's width, then the window is widened (the layout is CSS and ResizeObserver driven); an axe
 * finding does not stop the remaining screenshots.
 */
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { APP_PAGES, SCREENSHOT_DIR, expect, openPage, test } from "./fixtures";

const VIEWPORTS = [
  { width: 360, height: 800 },
  { width: 1280, height: 800 },
];

for (const appPage of APP_PAGES) {
  test(`page ${appPage.name} (${appPage.path}): screenshots at 360×800 and 1280×800, no serious or critical axe violations`, async ({
    page,
    wallet,
  }) => {
    for (const [index, viewport] of VIEWPORTS.entries()) {
      await page.setViewportSize(viewport);
      if (index === 0) await openPage(page, wallet, appPage);
      else await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `${appPage.name}-${viewport.width}x${viewport.height}.png`),
        fullPage: true,
      });
      const { violations } = await new AxeBuilder({ page }).analyze();
      const found = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => {
          const targets = v.nodes.slice(0, 5).map((n) => {
            const why = n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, " ").trim()})` : "";
            return `${n.target.join(" ")}${why}`;
          });
          return `${v.impact} ${v.id}: ${v.help}\n      ${targets.join("\n      ")}`;
        });
      expect.soft(found, `axe on ${appPage.path} at ${viewport.width}px:\n${found.join("\n")}`).toEqual([]);
    }
  });
}
