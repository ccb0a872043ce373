// The service hall end to end, in a real Chromium, against a real server:
// a student files a repair with a photo; counsellor1 triages and assigns it;
// handler1 resolves it while the student's bell lights up and the
// counsellor's open page changes live; the student confirms and rates; an out-of-scope
// counsellor cannot see it; the language switch changes the page; a student
// picks a bed for a room change, then cancels it after a confirmation.
// Usage: node service.mjs BASE_URL SCREENSHOT_DIR
import assert from "node:assert/strict";
import { start, desk, png } from "./lib.mjs";

const t = await start("service");
const { base } = t;
const as = t.as, shot = t.shot;
const summary = `e2e 卫生间水龙头漏水 ${Date.now()}`;

await t.run(async () => {
  console.log("student1 files a repair with a photo");
  const student = await as("student1");
  await student.getByText("我的寝室").waitFor();
  await shot(student, "student-home");
  await student.click("a[href='/requests/new/repair']");
  await student.selectOption("#category", "water");
  await student.fill("#description", summary);
  await student.setInputFiles("#files", { name: "漏水.png", mimeType: "image/png", buffer: png });
  // An empty description is refused and named under its field first.
  await student.fill("#description", "");
  await student.click("button[type=submit]");
  await student.locator("#description-error").filter({ hasText: /\S/ }).waitFor();
  await shot(student, "student-field-error");
  await student.fill("#description", summary);
  await student.click("button[type=submit]");
  await student.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = student.url();
  await student.getByText("漏水.png").waitFor();
  await student.getByText("已提交").first().waitFor();
  await shot(student, "student-submitted");

  console.log("counsellor1 finds it in the queue, triages and assigns it");
  const counsellor = await as("counsellor1", desk);
  // Home counts the open work by state; the tile opens that tab of the queue.
  await counsellor.locator(".tiles a[href='/queue?state=submitted']").click();
  await counsellor.waitForURL(/\/queue\?state=submitted$/);
  await counsellor.getByText(summary).first().waitFor();
  await shot(counsellor, "counsellor-queue");
  // Narrowed to student1's building, the request stays; the choice survives a reload.
  await counsellor.getByLabel("楼栋").selectOption({ label: "庠园1栋" });
  await counsellor.waitForURL(/building=[0-9a-f-]{36}/);
  await counsellor.reload();
  await counsellor.getByText(summary).first().waitFor();
  // The building list may arrive after the requests: wait for the choice to show.
  await counsellor.getByLabel("楼栋").locator("option:checked").filter({ hasText: "庠园1栋" }).waitFor({ state: "attached" });
  await counsellor.getByText(summary).first().click();
  // The photo downloads with the counsellor's session (a plain link could not carry it).
  const [download] = await Promise.all([
    counsellor.waitForEvent("download"),
    counsellor.getByRole("button", { name: "下载 漏水.png" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "漏水.png");
  assert.equal((await import("node:fs")).statSync(await download.path()).size, png.length);
  await counsellor.selectOption("#priority", "high");
  await counsellor.selectOption("#unit", "logistics");
  await counsellor.click("button[data-action=triage]");
  await counsellor.locator("button[data-action=assign]").waitFor();
  // The form shows what was saved, after a reload too.
  await counsellor.reload();
  await counsellor.locator("button[data-action=assign]").waitFor();
  assert.equal(await counsellor.locator("#priority").inputValue(), "high");
  // The units arrive after the page: the saved one is chosen when they do.
  await counsellor.locator("#unit option[value=logistics]:checked").waitFor({ state: "attached" });
  await counsellor.locator("#assignee option").first().waitFor({ state: "attached" });
  await counsellor.click("button[data-action=assign]");
  await counsellor.getByText("已指派").first().waitFor();
  await shot(counsellor, "counsellor-assigned");

  console.log("student1 reads the notifications so far: the bell goes dark");
  await student.click("nav a.bell");
  await student.locator("ul.notices li").filter({ hasText: "已指派" }).first().waitFor();
  await student.getByRole("button", { name: "全部标为已读" }).click();
  await student.locator("nav a.bell:not(.lit)").waitFor();

  console.log("handler1 resolves it (deep link, survives a reload)");
  const handler = await as("handler1", desk);
  await handler.goto(requestUrl);
  await handler.reload();
  await handler.click("button[data-action=start]");
  await handler.getByText("办理中").first().waitFor();
  await handler.fill("#note", "已更换水龙头阀芯");
  await handler.click("button[data-action=resolve]");
  await handler.getByText("已办结待确认").first().waitFor();
  await shot(handler, "handler-resolved");

  console.log("live: the student's bell lights up and the counsellor's open page changes, without a reload");
  await student.locator("nav a.bell.lit").waitFor();
  await student.locator("ul.notices li.unread").filter({ hasText: "已办结待确认" }).first().waitFor();
  assert.ok(Number(await student.locator("[data-testid=unread]").innerText()) >= 1);
  await shot(student, "student-bell-lit");
  await counsellor.locator("#req-title ~ p .state").filter({ hasText: "已办结待确认" }).waitFor();

  console.log("student1 confirms and rates");
  await student.goto(requestUrl);
  await student.click("button[data-action=confirm]");
  await student.locator("button[data-action=rate]").waitFor();
  await student.click("button[data-action=rate]");
  await student.getByText("★★★★★").waitFor();
  await shot(student, "student-rated");

  console.log("counsellor2 (another community) cannot see it");
  const outsider = await as("counsellor2", desk);
  await outsider.goto(requestUrl);
  await outsider.locator("[role=alert]").filter({ hasText: /\S/ }).first().waitFor();
  await outsider.goto(base + "/queue");
  await outsider.locator("h1#queue-title").waitFor();
  await outsider.waitForTimeout(1000);
  assert.equal(await outsider.getByText(summary).count(), 0, "out-of-scope queue shows the request");
  await shot(outsider, "outsider-denied");

  console.log("the language switch changes the page");
  await student.goto(base + "/");
  await student.getByText("我的寝室").waitFor();
  await student.click("button.lang");
  await student.getByText("My room").waitFor();
  assert.equal(await student.locator("html").getAttribute("lang"), "en");
  await shot(student, "student-english");
  await student.click("button.lang");

  console.log("student1 asks for a room change, choosing building, floor, room and bed");
  await student.goto(base + "/requests/new/room_change");
  await student.locator("#room_id option").first().waitFor({ state: "attached" });
  const bed = await student.locator("#bed").inputValue();
  assert.ok(Number(bed) >= 1, "a free bed is preselected");
  await student.fill("#reason", "想和同专业同学住在一起");
  await shot(student, "student-room-picker");
  await student.click("button[type=submit]");
  await student.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  await student.getByText("调换寝室").first().waitFor();
  await shot(student, "student-room-change-filed");

  console.log("student1 changes their mind: cancelling asks first");
  let asked = "";
  student.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
  await student.click("button[data-action=cancel]");
  assert.match(asked, /撤销/);
  await student.getByText("已提交").first().waitFor();
  student.once("dialog", (d) => d.accept());
  await student.click("button[data-action=cancel]");
  await student.getByText("已撤销").first().waitFor();
  await shot(student, "student-cancelled");
});
