// The reform plan end to end: a cooperating unit files its monthly report
// with evidence; the lead unit sends it back with a reason; the report shows
// up in the unit's to-do; the unit keeps its roadmap; the page reads in English.
// Usage: node reform.mjs BASE_URL SCREENSHOT_DIR
import assert from "node:assert/strict";
import { start, phone, desk, png, campusDate } from "./lib.mjs";

const t = await start("reform");
const text = `e2e 已召开学院社区党建联席会 ${Date.now()}`;
const reason = `请补充参会人员名单 ${Date.now()}`;

await t.run(async () => {
  console.log("counsellor1 (经济学院, cooperating on task 1) finds the assignment from the board");
  const unit = await t.as("counsellor1", phone);
  await unit.click("a[href='/plan']");
  await unit.locator("#board-title").waitFor();
  await t.shot(unit, "board-by-task");
  // The tabs answer the arrow keys, and keep the focus.
  await unit.getByRole("tab", { name: "按任务" }).focus();
  await unit.keyboard.press("ArrowRight");
  await unit.getByRole("tab", { name: "按单位", selected: true }).waitFor();
  assert.equal(await unit.evaluate(() => document.activeElement.textContent), "按单位");
  await unit.keyboard.press("Home");
  await unit.getByRole("tab", { name: "按任务", selected: true }).waitFor();
  await unit.locator("table.board button.link").first().click();
  await unit.getByRole("tab", { name: "逐项分工" }).waitFor();
  await unit.selectOption(".filters select", "college-economics");
  // The view lives in the address: a reload (or a shared link) opens the same list.
  await unit.waitForURL(/view=assignments&task=1&unit=college-economics/);
  await unit.reload();
  await unit.getByRole("tab", { name: "逐项分工", selected: true }).waitFor();
  assert.equal(await unit.locator(".filters select").inputValue(), "college-economics");
  // The menu's plain link shows the board from the top; Back returns to the list.
  await unit.click("nav a[href='/plan']");
  await unit.getByRole("tab", { name: "按任务", selected: true }).waitFor();
  await unit.goBack();
  await unit.getByRole("tab", { name: "逐项分工", selected: true }).waitFor();
  assert.equal(await unit.locator(".filters select").inputValue(), "college-economics");
  await t.shot(unit, "board-assignments");
  await unit.locator("table.board a").first().click();
  await unit.locator("#asg-title").waitFor();
  const url = unit.url();
  assert.match(url, /\/assignments\/[0-9a-f-]{36}$/);

  console.log("it files a report: an empty text is refused under its field, then filed with evidence");
  await unit.click(".file-report summary");
  await unit.fill("#percent", "55");
  await unit.click(".file-report button[type=submit]");
  await unit.locator("#text-error").filter({ hasText: "请填写此项" }).waitFor();
  await t.shot(unit, "report-field-error");
  await unit.fill("#text", text);
  await unit.setInputFiles("#evidence", { name: "会议纪要.png", mimeType: "image/png", buffer: png });
  await unit.click(".file-report button[type=submit]");
  const report = unit.locator("article.report").filter({ hasText: text });
  await report.getByText("待审核").waitFor();
  await report.getByText("会议纪要.png").waitFor();
  await t.shot(unit, "report-filed");

  console.log("the lead unit (党群工作部) sends it back: a reason is required");
  const lead = await t.as("liaison-party-affairs", desk);
  await lead.goto(url);
  const theirs = lead.locator("article.report").filter({ hasText: text });
  await theirs.locator(".review summary").click();
  await theirs.locator("input[value=rework]").check();
  await theirs.locator("button[type=submit]").click();
  await theirs.locator(".field-error").filter({ hasText: /\S/ }).waitFor();
  await theirs.locator("textarea").fill(reason);
  await theirs.locator("button[type=submit]").click();
  await lead.locator("article.report").filter({ hasText: text }).getByText("已退回").waitFor();
  await t.shot(lead, "report-returned");

  console.log("the unit sees it in its to-do and keeps its roadmap");
  await unit.click("a[href='/plan']");
  const todo = unit.locator("section[aria-labelledby=inbox-title]");
  // Our own item, found by its reason: the demo's items may sort anywhere around it.
  const ours = todo.locator("li").filter({ hasText: reason });
  await ours.waitFor();
  await t.shot(unit, "unit-inbox");
  await ours.locator("a").filter({ hasText: "退回整改" }).click();
  await unit.locator("#asg-title").waitFor();
  assert.equal(unit.url(), url);
  await unit.fill("#ms-title-input", "e2e 完成党建联席会制度");
  await unit.fill("#ms-due", campusDate(t.now(), 120));
  await unit.click("form.inline-form button[type=submit]");
  const step = unit.locator(".milestones li").filter({ hasText: "e2e 完成党建联席会制度" });
  await step.waitFor();
  await step.getByRole("button", { name: "标记完成" }).click();
  await unit.locator(".milestones li.done").filter({ hasText: "e2e 完成党建联席会制度" }).waitFor();
  await t.shot(unit, "milestone-done");

  console.log("the page reads in English");
  await unit.click("button.lang");
  await unit.getByRole("heading", { name: "Progress reports" }).waitFor();
  await unit.locator("article.report").filter({ hasText: text }).getByText("Returned").waitFor();
  await t.shot(unit, "assignment-english");
});
