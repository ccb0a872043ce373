// A session outlives its access tokens: with tokens that expire every few
// seconds (scripts/e2e sets ONESTOP_ACCESS_TOKEN_TTL=5), a counsellor works
// the queue for a minute — tabs, filters, reloads, each loading several lists
// at once — and is never sent back to sign-in. One refresh runs at a time:
// each refresh token is presented once (the server forgives a repeat only
// within seconds, for answers lost to a reload, and ends the login after).
// Usage: node session.mjs BASE_URL SCREENSHOT_DIR
import assert from "node:assert/strict";
import { start, desk } from "./lib.mjs";

const t = await start("session");

await t.run(async () => {
  const page = await t.as("counsellor1", desk);
  const refreshes = [];
  const presented = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/v1/auth/refresh")) presented.push(JSON.parse(r.postData()).refresh_token);
  });
  page.on("response", (r) => {
    if (r.url().endsWith("/api/v1/auth/refresh")) refreshes.push(r.status());
  });
  await page.click("a[href='/queue']");
  await page.locator("#queue-title").waitFor();
  const until = Date.now() + 60_000;
  let round = 0;
  while (Date.now() < until) {
    // Past the access token's lifetime, then a step that loads several lists at once.
    await page.waitForTimeout(6_000);
    round += 1;
    switch (round % 4) {
      case 0: // the staff home: open requests by state and the unit's to-do
        await page.click("nav a[href='/']");
        break;
      case 1: // the queue: its list, its counts and the building list together
        await page.click("nav a[href='/queue']");
        await page.locator("#queue-title").waitFor();
        break;
      case 2:
        await page.getByRole("tab").nth(1 + (round % 3)).click();
        break;
      case 3:
        await page.reload();
        break;
    }
    await page.waitForLoadState("networkidle");
    await page.locator("nav.nav").waitFor();
    assert.equal(await page.locator("#username").count(), 0, `signed out in round ${round}`);
  }
  await t.shot(page, "queue-after-a-minute");
  assert.ok(refreshes.length >= 5, `the token was refreshed (${refreshes.length} times)`);
  assert.deepEqual(refreshes.filter((s) => s !== 200), [], "every refresh succeeded");
  assert.equal(new Set(presented).size, presented.length, "no refresh token was sent twice");
});
