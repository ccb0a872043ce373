// Party-member points end to end: student1 (an activist of X1's branch in the
// demo) opens 党员积分 on a phone, sees the branch and the total, and claims
// a volunteer service. The branch's secretary approves it from the queue on a
// desk, looks at the branch's standings and the member's ledger; the
// student's total has grown by the rule's points. The secretary corrects it
// (a new entry); the 党工委's secretary approves the correction.
// Usage: node party.mjs BASE_URL SCREENSHOT_DIR
import { start, phone, desk, campusDate } from "./lib.mjs";

const t = await start("party");
const note = `e2e 社区图书角整理 ${Date.now()}`;

async function api(path, { token, method = "GET", body } = {}) {
  const res = await fetch(t.base + path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}
const login = async (username) => (await api("/api/v1/auth/login", {
  method: "POST", body: { username, password: "demo1234" },
})).access_token;
const points = async (page) => Number((await page.locator("[data-testid=party-total]").textContent()).match(/-?\d+/)[0]);

await t.run(async () => {
  console.log("student1 opens 党员积分 on a phone");
  const student = await t.as("student1", phone);
  await student.click("nav a[href='/party']");
  await student.locator("#party-title").waitFor();
  await student.locator("[data-testid=party-branch]", { hasText: "特设党支部" }).waitFor();
  const before = await points(student);
  await t.shot(student, "ledger");
  await student.click("a[href='/party/rules']");
  await student.locator("table.rules td", { hasText: "第二课堂（每学时）" }).waitFor();
  await t.shot(student, "rules");
  await student.goBack();
  await student.locator("#party-title").waitFor();

  console.log("and claims a volunteer service");
  await student.locator("#rule_id option").first().waitFor({ state: "attached" });
  const rule = await student.locator("#rule_id option", { hasText: "志愿服务（半天）" }).getAttribute("value");
  await student.selectOption("#rule_id", rule);
  await student.fill("#occurred_on", campusDate(t.now(), 0));
  await student.fill("#note", note);
  await student.click(".claim-form button[type=submit]");
  await student.locator("table.ledger tr", { hasText: note }).filter({ hasText: "待审核" }).waitFor();
  await t.shot(student, "claimed");

  console.log("the branch's secretary approves it from the queue");
  const mine = await api("/api/v1/party/ledger", { token: await login("student1") });
  const branch = await api(`/api/v1/party/branches/${mine.membership.branch.id}`, { token: await login("admin") });
  const secretary = await api(`/api/v1/users/${branch.branch.secretary.id}`, { token: await login("admin") });
  const desker = await t.as(secretary.username, desk);
  await desker.goto(`${t.base}/party`);
  const entry = desker.locator("[data-testid=pending-entry]", { hasText: note });
  await entry.waitFor();
  await t.shot(desker, "queue");
  await entry.locator("button.primary").click();
  await entry.waitFor({ state: "detached" });

  console.log("the branch's standings and the member's ledger");
  await desker.click(`a[href='/party/branches/${branch.branch.id}']`);
  await desker.locator("table.standings tbody tr").first().waitFor();
  await t.shot(desker, "standings");
  await desker.click(`table.standings a[href='/party/members/${mine.person.id}']`);
  await desker.locator("table.ledger tr", { hasText: note }).filter({ hasText: "已计入" }).waitFor();
  await t.shot(desker, "member-ledger");

  console.log("the student's total has grown");
  await student.reload();
  await student.locator("table.ledger tr", { hasText: note }).filter({ hasText: "已计入" }).waitFor();
  const after = await points(student);
  if (after !== before + 2) throw new Error(`total ${before} → ${after}, expected +2`);
  await t.shot(student, "approved");

  console.log("the secretary corrects it to 1: a new entry, for the 党工委 to decide");
  const row = desker.locator("table.ledger tr", { hasText: note }).filter({ hasText: "已计入" });
  await row.getByRole("button", { name: "更正" }).click();
  await row.locator("input[type=number]").fill("1");
  await row.locator("input[type=text]").fill("只整理了两小时，按细则计 1 分");
  await row.locator("form button[type=submit]").click();
  await desker.locator("table.ledger tr", { hasText: "只整理了两小时" }).filter({ hasText: "待审核" }).waitFor();
  await t.shot(desker, "correction");
  const committee = await t.as("counsellor1", desk);
  await committee.goto(`${t.base}/party`);
  const fix = committee.locator("[data-testid=pending-entry]", { hasText: "只整理了两小时" });
  await fix.locator("button.primary").click();
  await fix.waitFor({ state: "detached" });
  await student.reload();
  await student.locator("table.ledger tr", { hasText: "只整理了两小时" }).filter({ hasText: "已计入" }).waitFor();
  const corrected = await points(student);
  if (corrected !== before + 1) throw new Error(`total ${before} → ${corrected}, expected +1`);
  // The entry it corrects is still there, as it was.
  await student.locator("table.ledger tr", { hasText: note }).filter({ hasText: "+2" }).first().waitFor();
});
