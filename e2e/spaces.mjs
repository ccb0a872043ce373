// Community spaces end to end: a student on a phone opens 庠园党员之家, books
// tomorrow's 10:00–11:00 and is told it waits for approval; a second student
// asking for an overlapping slot is refused in words; 庠园's office approves
// it from 待审批; the student's bell leads to the booking, now booked, which
// they then cancel from 我的预约; the calendar reads in English.
// Usage: node spaces.mjs BASE_URL SCREENSHOT_DIR
import { start, phone, desk } from "./lib.mjs";

const t = await start("spaces");
const purpose = `e2e 学生党支部学习 ${Date.now()}`;

await t.run(async () => {
  console.log("student1 opens the party members' home and books tomorrow 10:00–11:00");
  const student = await t.as("student1", phone);
  await student.click("a[href='/spaces']");
  await student.locator("ul.spaces a", { hasText: "庠园党员之家" }).click();
  await student.locator("#space-title").filter({ hasText: "庠园党员之家" }).waitFor();
  await student.getByRole("button", { name: "下一段" }).click();
  await student.waitForURL(/\?day=\d{4}-\d{2}-\d{2}$/);
  const day = new URL(student.url()).searchParams.get("day");
  await student.locator("#book-date").waitFor();
  await student.selectOption("#starts_at", "10:00");
  await student.selectOption("#ends_at", "11:00");
  await student.fill("#purpose", purpose);
  await student.fill("#attendees", "12");
  await t.shot(student, "book-form");
  await student.click(".book-form button[type=submit]");
  await student.locator("p.ok").filter({ hasText: "等待社区办公室审批" }).waitFor();
  const mine = student.locator("li.booking").filter({ hasText: purpose });
  await mine.getByText("待审批").waitFor();
  await t.shot(student, "booked-pending");

  console.log("student2 asks for an overlapping slot and is refused in words");
  const other = await t.as("student2", phone);
  await other.goto(`${student.url()}`);
  await other.locator("#purpose").waitFor();
  await other.selectOption("#starts_at", "10:30");
  await other.selectOption("#ends_at", "11:30");
  await other.fill("#purpose", "e2e 撞车的预约");
  await other.click(".book-form button[type=submit]");
  await other.locator(".book-form .form-error").filter({ hasText: "这个时段已被预约" }).waitFor();
  await t.shot(other, "overlap-refused");

  console.log("庠园's office approves it from 待审批");
  const office = await t.as("office1", desk);
  await office.click("a[href='/spaces']");
  await office.getByRole("tab", { name: "待审批" }).click();
  const waiting = office.locator("li.booking").filter({ hasText: purpose });
  await t.shot(office, "to-decide");
  await waiting.getByRole("button", { name: "批准", exact: true }).click();
  await waiting.waitFor({ state: "detached" });

  console.log("the student's bell leads to the booking, now booked; they cancel it");
  await student.click("a.bell");
  await student.locator("ul.notices li").filter({ hasText: "批准了您预约的庠园党员之家" }).locator("button").click();
  await student.waitForURL(new RegExp(`/spaces/[0-9a-f-]{36}\\?day=${day}`));
  await student.locator("li.booking").filter({ hasText: purpose }).getByText("已预约").waitFor();
  await student.click("a[href='/spaces']");
  await student.getByRole("tab", { name: "我的预约" }).click();
  const booked = student.locator("li.booking").filter({ hasText: purpose });
  await booked.getByRole("button", { name: "取消预约" }).click();
  await booked.getByText("已取消").waitFor();
  await t.shot(student, "cancelled");

  console.log("the community calendar reads in English");
  await student.getByRole("tab", { name: "社区日历" }).click();
  await student.locator(".agenda-day").first().waitFor();
  await student.click("button.lang");
  await student.getByRole("tab", { name: "Community calendar" }).waitFor();
  await t.shot(student, "calendar-english");
});
