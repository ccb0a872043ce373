// 思政课堂 sessions end to end: leader2 announces a 我与校长有约 in 智园's
// multi-purpose room from the web form and, changing plans, cancels it; a
// second session whose applications close in a few seconds is announced
// through the API (a form keeps minutes). student1, on a phone, applies with
// a question; once applications close the host draws the places from the
// page; the student's bell and home page show the place, and the draw's
// public record marks their row; the host sees the question; English reads.
// Usage: node talks.mjs BASE_URL SCREENSHOT_DIR
import { start, phone, desk, campusDate } from "./lib.mjs";

const t = await start("talks");
const topic = `e2e 我与校长有约 ${Date.now()}`;
const question = "宿舍楼能否增设晚间自习室？";

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

// RFC 3339 for a campus (UTC+8) date and time.
const at = (day, hhmm) => `${day}T${hhmm}:00+08:00`;

await t.run(async () => {
  console.log("leader2 announces a session from the form, then cancels it");
  const host = await t.as("leader2", desk);
  await host.click("nav a[href='/talks']");
  await host.locator("#talks-title").waitFor();
  await host.click("a[href='/talks/new']");
  await host.locator("#announce-title").waitFor();
  await host.selectOption("#talk-kind", "principal_meeting");
  await host.fill("#topic", `${topic}（改期）`);
  const spaceOption = host.locator("#space_id option", { hasText: "智园社区多功能室" });
  await host.selectOption("#space_id", await spaceOption.getAttribute("value"));
  await host.fill("#talk-date", campusDate(t.now(), 12));
  await host.fill("#places", "8");
  await t.shot(host, "announce-form");
  await host.click(".talk-form button[type=submit]");
  await host.waitForURL(/\/talks\/[0-9a-f-]{36}$/);
  await host.locator("#talk-title").filter({ hasText: "（改期）" }).waitFor();
  await host.locator("code.hash").first().waitFor();
  await host.locator("details summary", { hasText: "取消活动" }).click();
  await host.fill("#cancel-reason", "校长临时出差，改期另行通知");
  host.once("dialog", (d) => d.accept());
  await host.click("details button.danger");
  await host.locator("#talk-title ~ p.meta .state", { hasText: "已取消" }).waitFor();
  await t.shot(host, "cancelled");

  console.log("a session whose applications close in a few seconds, through the API");
  const { access_token: token } = await api("/api/v1/auth/login", {
    method: "POST", body: { username: "leader2", password: "demo1234" },
  });
  const spaces = await api("/api/v1/spaces", { token });
  const room = spaces.find((s) => s.name === "智园社区多功能室");
  const day = campusDate(t.now(), 11);
  const [h] = room.opens.split(":").map(Number);
  const hh = (n) => String(n).padStart(2, "0");
  const closes = new Date(t.now().getTime() + 20000);
  const session = await api("/api/v1/talks", {
    token, method: "POST",
    body: {
      kind: "principal_meeting", topic, host_role: "school_leader", space_id: room.id,
      starts_at: at(day, `${hh(h + 1)}:00`), ends_at: at(day, `${hh(h + 2)}:00`),
      apply_by: closes.toISOString().replace(/\.\d+Z$/, "Z"), places: 5,
    },
  });

  console.log("student1 applies on a phone with a question");
  const student = await t.as("student1", phone);
  await student.click("nav a[href='/talks']");
  await student.locator("li.talk a", { hasText: topic }).click();
  await student.waitForURL(new RegExp(`/talks/${session.id}$`));
  await student.fill("#question", question);
  await t.shot(student, "apply-form");
  await student.click(".apply-form button[type=submit]");
  await student.locator("p.standing", { hasText: "已报名，报名截止后抽签" }).waitFor();
  await t.shot(student, "applied");

  console.log("applications close; the host draws from the session's page");
  const wait = closes.getTime() - t.now().getTime() + 1500;
  if (wait > 0) await host.waitForTimeout(wait);
  await host.goto(`${t.base}/talks/${session.id}`);
  await host.locator("li.application p.question", { hasText: question }).waitFor();
  const drawButton = host.getByRole("button", { name: "现在抽签" });
  // The jobs draw too (every minute): whichever comes first, the page ends drawn.
  if (await drawButton.isVisible()) await drawButton.click();
  await host.waitForTimeout(1000);
  await host.reload();
  await host.locator("#talk-title ~ p.meta .state", { hasText: "已抽签" }).waitFor();
  await t.shot(host, "drawn");

  console.log("the student's bell leads to the place; the draw's record marks their row");
  await student.locator("nav a.bell.lit").waitFor();
  await student.click("nav a.bell");
  await student.locator("ul.notices li").filter({ hasText: `您获得了“${topic}”的名额` }).locator("button").click();
  await student.waitForURL(new RegExp(`/talks/${session.id}$`));
  await student.locator("p.standing.ok", { hasText: "已获名额" }).waitFor();
  await student.locator("details.draw-record summary").click();
  await student.locator("table.draw tr.me td", { hasText: "（我）" }).waitFor();
  await t.shot(student, "placed-and-draw");
  await student.click("nav a[href='/']");
  await student.locator("section[aria-labelledby=my-talks-title] li.talk", { hasText: topic })
    .locator(".badge-text.ok").waitFor();
  await t.shot(student, "home-card");

  console.log("the session reads in English");
  await student.goto(`${t.base}/talks/${session.id}`);
  await student.click("button.lang");
  await student.locator("#draw-title", { hasText: "The draw" }).waitFor();
  await student.locator("p.standing.ok", { hasText: "Placed" }).waitFor();
  await t.shot(student, "english");
  await student.click("button.lang");
});
