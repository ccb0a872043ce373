// 第二课堂 end to end: counsellor1 proposes an activity from the web form; a
// second one, starting in a few seconds, through the API (a form keeps whole
// minutes). league1 (团委) reviews it against the quality standard on its
// page. student1 signs up on a phone; once it runs, counsellor1's phone shows
// the rotating code (digits and a QR code) and the student opens the address
// the QR code holds: checked in, the 学时 are on the transcript. The student
// issues the transcript, downloads the PDF, and the public page at the
// address printed in it confirms the name and hours to someone not signed in.
// Usage: node activities.mjs BASE_URL SCREENSHOT_DIR
import { start, phone, desk, campusDate } from "./lib.mjs";

const t = await start("activities");
const title = `e2e 社区读书会 ${Date.now()}`;

const login = async (username) => (await api("/api/v1/auth/login", {
  method: "POST", body: { username, password: "demo1234" },
})).access_token;

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

const rfc3339 = (d) => d.toISOString().replace(/\.\d+Z$/, "Z");

await t.run(async () => {
  console.log("counsellor1 proposes an activity from the form");
  const organiser = await t.as("counsellor1", desk);
  await organiser.click("nav a[href='/activities']");
  await organiser.locator("#activities-title").waitFor();
  await organiser.click("a[href='/activities/new']");
  await organiser.locator("#propose-title").waitFor();
  await organiser.fill("#title", `${title}（下周）`);
  await organiser.selectOption("#category", "intellectual");
  await organiser.selectOption("#community", { index: 1 });
  await organiser.locator("#building option").nth(1).waitFor({ state: "attached" });
  await organiser.selectOption("#building", { index: 1 });
  await organiser.fill("#location", "一楼活动室");
  await organiser.fill("#date", campusDate(t.now(), 8));
  await t.shot(organiser, "propose-form");
  await organiser.click(".activity-form button[type=submit]");
  await organiser.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
  await organiser.locator("#activity-title ~ p.meta .state", { hasText: "待审核" }).waitFor();
  await t.shot(organiser, "proposed");

  console.log("one starting in a few seconds, through the API");
  const token = await login("counsellor1");
  const seeded = await api("/api/v1/activities?limit=1", { token });
  const starts = new Date(t.now().getTime() + 30000);
  const activity = await api("/api/v1/activities", {
    token, method: "POST",
    body: {
      title, category: "intellectual", level: "building", place_id: seeded.items[0].place.id,
      location: "一楼活动室", starts_at: rfc3339(starts),
      ends_at: rfc3339(new Date(starts.getTime() + 2 * 3600000)), capacity: 20, hours: 2,
    },
  });

  console.log("league1 (团委) reviews it against the standard");
  const league = await t.as("league1", desk);
  await league.goto(`${t.base}/activities?view=review`);
  await league.locator("li.activity a", { hasText: title }).first().waitFor();
  await league.goto(`${t.base}/activities/${activity.id}`);
  await league.locator("#review-title").waitFor();
  // Approving with a point unchecked is refused and says which.
  const points = league.locator(".review-form input[type=checkbox]");
  for (let i = 0; i < 4; i++) await points.nth(i).check();
  await league.click(".review-form button[type=submit]");
  await league.locator(".review-form .form-error", { hasText: /./ }).waitFor();
  await points.nth(4).check();
  await t.shot(league, "review");
  await league.click(".review-form button[type=submit]");
  await league.locator("#activity-title ~ p.meta .state", { hasText: "已通过" }).waitFor();
  await t.shot(league, "approved");

  console.log("student1 signs up on a phone");
  const student = await t.as("student1", phone);
  await student.click("nav a[href='/activities']");
  await student.locator("li.activity a", { hasText: title }).first().click();
  await student.waitForURL(new RegExp(`/activities/${activity.id}$`));
  await student.getByRole("button", { name: "报名", exact: true }).click();
  await student.locator("[data-testid=my-signup]", { hasText: "有名额" }).waitFor();
  await t.shot(student, "signed-up");

  console.log("it starts; the organiser's phone shows the code");
  const wait = starts.getTime() - t.now().getTime() + 1500;
  if (wait > 0) await student.waitForTimeout(wait);
  const phoneOrganiser = await t.as("counsellor1", phone);
  await phoneOrganiser.goto(`${t.base}/activities/${activity.id}`);
  await phoneOrganiser.click(`a[href='/activities/${activity.id}/code']`);
  const digits = phoneOrganiser.locator("[data-testid=code]");
  await digits.waitFor();
  await phoneOrganiser.locator(".code-qr svg").waitFor();
  const code = (await digits.textContent()).replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) throw new Error(`the code shown is ${code}`);
  await t.shot(phoneOrganiser, "code");
  // What the QR code holds: this server's check-in page with the code.
  // (Tokens last 5 seconds here: a fresh one.)
  const shown = await api(`/api/v1/activities/${activity.id}/code`, { token: await login("counsellor1") });
  if (!shown.url.startsWith(t.base) || !shown.url.includes(`/activities/${activity.id}/check-in?code=`)) {
    throw new Error(`the QR code holds ${shown.url}`);
  }

  console.log("the student opens the address of the QR code and checks in");
  await student.goto(`${t.base}/activities/${activity.id}/check-in?code=${shown.code}`);
  await student.locator("#code").waitFor();
  await t.shot(student, "check-in-form");
  await student.click(".check-in-form button[type=submit]");
  await student.locator("[data-testid=checked-in]").waitFor();
  await t.shot(student, "checked-in");
  // Once only: the same code again is refused.
  await student.goto(`${t.base}/activities/${activity.id}/check-in?code=${shown.code}`);
  await student.click(".check-in-form button[type=submit]");
  await student.locator(".check-in-form .form-error", { hasText: /./ }).waitFor();
  await phoneOrganiser.goto(`${t.base}/activities/${activity.id}`);
  await phoneOrganiser.locator("[data-testid=attendance] li").first().waitFor();
  await t.shot(phoneOrganiser, "attendance");

  console.log("the college's summary has the student's hours, and exports");
  await organiser.goto(`${t.base}/activities/summary`);
  await organiser.locator("[data-testid=gaps]").waitFor();
  await organiser.selectOption("#summary-lacking", "moral");
  await organiser.locator("table.summary tbody tr").first().waitFor();
  await t.shot(organiser, "summary");
  const [csv] = await Promise.all([
    organiser.waitForEvent("download"),
    organiser.getByRole("button", { name: "导出 CSV" }).click(),
  ]);
  if (!csv.suggestedFilename().endsWith(".csv")) throw new Error(`exported ${csv.suggestedFilename()}`);

  console.log("the transcript has the hours; issued, the PDF names the public page");
  await student.goto(`${t.base}/transcript`);
  await student.locator("table.transcript td", { hasText: title }).waitFor();
  await student.locator("button.primary", { hasText: "出具" }).click();
  const verifyCode = (await student.locator("[data-testid=verify-code]").textContent()).trim();
  await t.shot(student, "transcript-issued");
  const [download] = await Promise.all([
    student.waitForEvent("download"),
    student.click("[data-testid=download-pdf]"),
  ]);
  const pdf = await (async () => {
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    return Buffer.concat(chunks);
  })();
  if (pdf.subarray(0, 5).toString() !== "%PDF-") throw new Error("the download is not a PDF");
  const printed = pdf.toString("latin1").match(/https?:\/\/[^\s()<>]+\/verify\/([A-Z0-9]{12})/);
  if (!printed || printed[1] !== verifyCode) throw new Error(`the PDF links to ${printed && printed[0]}`);

  console.log("someone not signed in opens the address printed on it");
  const anyone = await t.anonymous(phone);
  await anyone.goto(printed[0]);
  await anyone.locator("[data-testid=verified]").waitFor();
  const name = await anyone.locator("[data-testid=verified-name]").textContent();
  const me = await student.evaluate(() => document.querySelector(".printable p.meta")?.textContent || "");
  if (!me.startsWith(name)) throw new Error(`verified ${name}, the transcript is ${me}`);
  await anyone.locator("[data-testid=verified-hours]", { hasText: /^\d+ 学时$/ }).waitFor();
  await t.shot(anyone, "verified");
  await anyone.goto(`${t.base}/verify/AAAAAAAAAAAA`);
  await anyone.locator("p.form-error", { hasText: "没有以此验证码出具的成绩单" }).waitFor();
});
