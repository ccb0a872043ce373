// What the browser tests share: a headless Chromium from apt, signing in as a
// demo account, and numbered screenshots per step.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

export const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const desk = { viewport: { width: 1280, height: 900 } };

// 1x1 PNG.
export const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64");

/// The campus date (UTC+8) `days` after `at`, as YYYY-MM-DD.
export function campusDate(at, days = 0) {
  return new Date(at.getTime() + days * 86400000 + 8 * 3600000).toISOString().slice(0, 10);
}

/// Usage: const t = await start("service"); ... await t.done(async () => { steps });
/// With E2E_CLOCK_SHIFT (seconds; the server's clock is shifted as much, see
/// scripts/e2e), each browser's clock is shifted too.
export async function start(name) {
  const [base, shots] = process.argv.slice(2);
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  let step = 0;
  const shift = Number(process.env.E2E_CLOCK_SHIFT || 0) * 1000;
  // The server's Content-Security-Policy must never block the app itself.
  const blocked = [];
  // Every page signed in, for a picture of each when a step fails.
  const pages = [];
  // What the pages said went wrong, printed when a step fails.
  const errors = [];
  const t = {
    base,
    now: () => new Date(Date.now() + shift),
    async as(username, options = phone, password = "demo1234") {
      const context = await browser.newContext({ ...options, locale: "zh-CN" });
      if (shift) await context.clock.install({ time: new Date(Date.now() + shift) });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      page.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy/i.test(m.text())) blocked.push(m.text());
        if (m.type() === "error") errors.push(`${username}: ${m.text().slice(0, 500)}`);
      });
      page.on("pageerror", (e) => errors.push(`${username}: ${e.message.slice(0, 500)}`));
      await page.goto(base + "/");
      await page.fill("#username", username);
      await page.fill("#password", password);
      await page.click("button[type=submit]");
      await page.locator("nav.nav").waitFor();
      pages.push([username, page]);
      return page;
    },
    /// A page for someone not signed in.
    async anonymous(options = phone) {
      const context = await browser.newContext({ ...options, locale: "zh-CN" });
      if (shift) await context.clock.install({ time: new Date(Date.now() + shift) });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      page.on("pageerror", (e) => errors.push(`anonymous: ${e.message.slice(0, 500)}`));
      pages.push(["anonymous", page]);
      return page;
    },
    async shot(page, label) {
      step += 1;
      const file = `${shots}/${name}-${String(step).padStart(2, "0")}-${label}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log("  screenshot", file);
    },
    async run(steps) {
      try {
        await steps();
        if (blocked.length) throw new Error(`blocked by the CSP: ${blocked.join("; ")}`);
        console.log(`e2e ${name}: all steps passed`);
      } catch (e) {
        console.error(`e2e ${name} failed:`, e);
        process.exitCode = 1;
        for (const e of errors) console.error(`  console: ${e}`);
        for (const [who, page] of pages) {
          const file = `${shots}/${name}-failed-${who}.png`;
          await page.screenshot({ path: file, fullPage: true }).catch(() => {});
          console.error(`  ${who} was at ${page.url()}; screenshot ${file}`);
        }
      } finally {
        await browser.close();
      }
    },
  };
  return t;
}
