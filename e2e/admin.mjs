// User management end to end: an admin creates an account (a short password
// is refused in Chinese under its field), the person signs in, the admin
// resets the password and deactivates the account; the grid tree exports a
// community's residents as CSV; a connected system is created and its secret
// shown once.
// Usage: node admin.mjs BASE_URL SCREENSHOT_DIR
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, desk } from "./lib.mjs";

const t = await start("admin");
const username = `e2e${Date.now() % 1000000}`;

await t.run(async () => {
  console.log("admin creates an account");
  const admin = await t.as("admin", desk);
  await admin.click("a[href='/users']");
  await admin.locator("#users-title").waitFor();
  await admin.getByRole("button", { name: "新建账号" }).click();
  await admin.fill("#username", username);
  await admin.fill("#display_name", "测试 新同学");
  await admin.fill("#password", "short");
  await admin.click("text=创建账号");
  await admin.locator("#password-error").filter({ hasText: "密码为 8–128 位" }).waitFor();
  await t.shot(admin, "create-field-error");
  await admin.fill("#password", "first-password-1");
  await admin.selectOption("#unit", "college-economics");
  await admin.fill("#student_no", "2026990001");
  await admin.selectOption("#gender", "female");
  await admin.click("text=创建账号");
  await admin.getByText("账号已创建").waitFor();
  await admin.fill("#q", username);
  await admin.click("form.filters button[type=submit]");
  await admin.locator("tbody tr").filter({ hasText: username }).waitFor();
  assert.equal(await admin.locator("tbody tr").count(), 1);
  await t.shot(admin, "created");

  console.log("the new student signs in");
  const fresh = await t.as(username, desk, "first-password-1");
  // A new student has no bed yet, and the home page says so.
  await fresh.getByText("暂无住宿记录").first().waitFor();

  console.log("admin resets the password and deactivates the account");
  await admin.locator("tbody tr").filter({ hasText: username }).getByRole("button").click();
  await admin.fill("#new-password", "second-password-2");
  await admin.getByRole("button", { name: "重设密码" }).click();
  await admin.getByText("密码已重设").waitFor();
  await admin.locator("tbody tr").filter({ hasText: username }).getByRole("button").click();
  await admin.uncheck("#edit-active");
  await admin.getByRole("button", { name: "保存" }).click();
  await admin.getByText("账号已保存").waitFor();
  await admin.locator("tbody tr.inactive").filter({ hasText: username }).waitFor();
  await t.shot(admin, "deactivated");

  // The old session is over: the next call sends the person back to sign in.
  await fresh.reload();
  await fresh.locator("#username").waitFor();
  await t.shot(fresh, "signed-out");

  console.log("the grid tree: a community's posts, and its residents as CSV");
  await admin.click("a[href='/grid']");
  await admin.locator("ul.tree button").first().click();
  const [csv] = await Promise.all([
    admin.waitForEvent("download"),
    admin.locator(".node-detail button.file").click(),
  ]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  const text = readFileSync(await csv.path(), "utf8");
  assert.ok(text.startsWith("\uFEFF"), "a BOM, so Excel reads UTF-8");
  assert.ok(text.trim().split("\n").length > 10, "a header and the residents");
  await t.shot(admin, "grid-export");

  console.log("admin connects another campus system and sees its secret once");
  await admin.click("a[href='/users']");
  await admin.locator("#systems-title").waitFor();
  await admin.fill("#system-name", "后勤报修系统");
  await admin.selectOption("#system-unit", "logistics");
  await admin.click("text=创建并生成密钥");
  await admin.getByText("它只显示这一次").waitFor();
  await admin.locator("code").filter({ hasText: "client_secret = oss_" }).waitFor();
  await admin.locator("tbody tr").filter({ hasText: "后勤报修系统" }).waitFor();
  await t.shot(admin, "system-created");

  console.log("admin subscribes the system to events: an internal address is refused, the secret shown once");
  await admin.fill("#hook-name", "后勤报修系统");
  await admin.fill("#hook-url", "http://127.0.0.1:9000/hooks");
  await admin.click("form:has(#hook-name) button[type=submit]");
  await admin.locator("#url-error").filter({ hasText: "内网" }).waitFor();
  await admin.fill("#hook-url", "https://logistics.example.edu/hooks/onestop");
  await admin.click("form:has(#hook-name) button[type=submit]");
  await admin.locator("[data-testid=webhook-secret]").filter({ hasText: "whsec_" }).waitFor();
  const row = admin.locator("#hooks-title ~ .table-wrap tbody tr").filter({ hasText: "logistics.example.edu" });
  await row.waitFor();
  await row.getByRole("button", { name: "推送记录" }).click();
  await admin.locator("#log-title").waitFor();
  await row.getByRole("button", { name: "暂停" }).click();
  await row.getByText("（已暂停）").waitFor();
  await t.shot(admin, "webhook-subscribed");
});
