// Contact visits end to end: a school leader records a dorm visit on a phone,
// picking the room a level at a time; a problem left empty is refused under
// its field; a photo is added to the visit and shown; one problem becomes a
// repair request the building's counsellor sees, another a follow-up that
// logistics answers and the leader is told of;
// the oversight board shows who is behind and exports it; the page reads in English.
// Usage: node visits.mjs BASE_URL SCREENSHOT_DIR
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, phone, desk, png } from "./lib.mjs";

const t = await start("visits");
const stamp = Date.now();
const lamp = `e2e 302 寝室灯管不亮 ${stamp}`;
const hours = `e2e 自习室希望延长开放时间 ${stamp}`;
const answer = `e2e 下周起开放到 23:00 ${stamp}`;

await t.run(async () => {
  console.log("leader1 (黄书记, linked to 庠园) sees their standing and records a visit");
  const leader = await t.as("leader1", phone);
  const mine = leader.locator("section[aria-labelledby=my-standing-title]");
  await mine.locator(".standing-tile").first().waitFor();
  await t.shot(leader, "leader-home");
  await mine.locator("a[href='/visits/new']").click();
  await leader.locator("#record-title").waitFor();
  // The place, a level at a time: each list is fetched when the one above is chosen.
  await leader.locator("#community option", { hasText: "庠园" }).waitFor({ state: "attached" });
  await leader.selectOption("#community", { label: "庠园" });
  await leader.locator("#building option", { hasText: "庠园1栋" }).waitFor({ state: "attached" });
  await leader.selectOption("#building", { label: "庠园1栋" });
  await leader.locator("#room option").nth(1).waitFor({ state: "attached" });
  await leader.selectOption("#room", { index: 1 });
  await leader.fill("#students_met", "6");
  await leader.fill("#note", "e2e 与寝室同学交流学习生活情况");

  console.log("a problem left empty is refused under its own field");
  await leader.getByRole("button", { name: "添加问题" }).click();
  await leader.click("form button[type=submit]");
  await leader.locator("#problem-0-text-error").filter({ hasText: "请填写此项" }).waitFor();
  await t.shot(leader, "problem-refused");
  await leader.fill("#problem-0-text", lamp);
  await leader.selectOption("#problem-0-category", "electricity");
  await leader.getByRole("button", { name: "添加问题" }).click();
  await leader.fill("#problem-1-text", hours);
  await leader.locator("input[name=problem-1-route][value=follow_up]").check();
  await leader.selectOption("#problem-1-unit", "logistics");
  await t.shot(leader, "visit-form");
  await leader.click("form button[type=submit]");

  console.log("the visit is saved; one problem is a repair request, the other a follow-up");
  await leader.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
  await leader.locator("#visit-title").filter({ hasText: "走访寝室" }).waitFor();
  const repair = leader.locator("li.problem").filter({ hasText: lamp });
  await repair.getByText("已提交").waitFor();
  const follow = leader.locator("li.problem").filter({ hasText: hours });
  await follow.getByText("待答复").waitFor();
  await t.shot(leader, "visit-saved");

  console.log("the leader adds a photo taken on the visit and looks at it");
  await leader.setInputFiles("#visit-photos", { name: "寝室走访.png", mimeType: "image/png", buffer: png });
  await leader.getByRole("button", { name: "上传照片" }).click();
  const photo = leader.locator("ul.photos li.photo");
  await photo.getByRole("button", { name: /查看 寝室走访\.png/ }).click();
  await photo.locator("img[alt='寝室走访.png']").waitFor();
  await t.shot(leader, "visit-photo");
  await repair.locator("a", { hasText: "报修工单" }).click();
  await leader.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = leader.url();
  await leader.getByText(lamp).first().waitFor();

  console.log("the building's counsellor sees the repair request, routed like any other");
  const counsellor = await t.as("counsellor1", desk);
  await counsellor.goto(requestUrl);
  await counsellor.getByText(lamp).first().waitFor();
  await t.shot(counsellor, "counsellor-sees-repair");

  console.log("logistics answers the follow-up; the leader is told and reads the answer");
  const logistics = await t.as("handler1", desk);
  await logistics.locator("section[aria-labelledby=to-answer-title] a").click();
  const item = logistics.locator("li.follow-up").filter({ hasText: hours });
  await item.locator("textarea").fill(answer);
  await item.getByRole("button", { name: "提交答复" }).click();
  await logistics.locator("li.follow-up").filter({ hasText: hours }).waitFor({ state: "detached" });
  await logistics.getByRole("tab", { name: "全部" }).click();
  await logistics.locator("li.follow-up").filter({ hasText: answer }).waitFor();
  await t.shot(logistics, "follow-up-answered");
  await leader.click("a.bell");
  await leader.locator("ul.notices li").filter({ hasText: hours }).locator("button").click();
  await leader.waitForURL(/\/follow-ups\?view=raised&id=/);
  await leader.locator("li.follow-up.focus blockquote.answer").filter({ hasText: answer }).waitFor();
  await t.shot(leader, "leader-reads-answer");

  console.log("the oversight board shows who is behind, by person, unit and community, and exports it");
  const office = await t.as("office1", desk);
  await office.click("a[href='/plan']");
  const standing = office.locator("section[aria-labelledby=standing-title]");
  await standing.locator("table.standing tbody tr").first().waitFor();
  await standing.getByRole("tab", { name: "本学期" }).click();
  await standing.locator("table.standing td", { hasText: "黄书记" }).waitFor();
  await standing.getByRole("tab", { name: "按社区" }).click();
  await standing.locator("table.standing td", { hasText: "庠园" }).waitFor();
  await t.shot(office, "board-standing");
  const [csv] = await Promise.all([
    office.waitForEvent("download"),
    standing.getByRole("button", { name: /导出 CSV/ }).click(),
  ]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  const text = readFileSync(await csv.path(), "utf8");
  assert.ok(text.startsWith("\uFEFF"), "a BOM, so Excel reads UTF-8");
  assert.ok(text.includes("黄书记"), "the leaders' rows");

  console.log("the visit reads in English");
  await leader.goBack();
  await leader.goto(t.base + "/visits");
  await leader.locator("ul.visits a").filter({ hasText: "走访寝室" }).first().click();
  await leader.click("button.lang");
  await leader.locator("#visit-title").filter({ hasText: "Dorm visit" }).waitFor();
  await leader.getByRole("heading", { name: "Problems raised" }).waitFor();
  await t.shot(leader, "visit-english");
});
