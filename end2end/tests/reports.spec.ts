import { test, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

async function openReports(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/reports");
  await hydrated(page);
  await expect(page.getByTestId("report-range")).toBeVisible();
}

/** Shows today's report and waits until it is the one on screen. */
async function today(page: Page) {
  await page.getByTestId("quick-today").click();
  const date = await page.getByTestId("report-to").inputValue();
  expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId("report-range")).toHaveAttribute("data-from", date);
  await expect(page.getByTestId("report-range")).toHaveAttribute("data-to", date);
  return date;
}

const created = async (page: Page) =>
  Number((await page.getByTestId("report-created").getByTestId("value").textContent())!.trim());

test("a supervisor sees today's conversations in the report and exports them as CSV", async ({ browser, request }) => {
  const boss = await (await browser.newContext()).newPage();
  await openReports(boss, "supervisor@demo.local");
  await expect(boss.getByTestId("report-timezone")).toContainText(/Days and times in \S+/);
  const date = await today(boss);
  const before = await created(boss);

  // A new customer writes and Ana answers.
  const stamp = Date.now().toString().slice(-7);
  const name = `Report ${stamp}`;
  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name, wa_id: `3467${stamp}1`, lang: "en", human: true },
  })).json();
  await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
    data: { type: "text", text: "Is my order on its way?" },
  });
  const ana = await (await browser.newContext()).newPage();
  await signIn(ana, "ana@demo.local");
  await expect(ana.getByTestId("link")).toHaveAttribute("data-state", "live");
  await ana.locator('[data-view="queue"]').click();
  await ana.locator("[data-conversation]", { hasText: name }).click();
  await ana.getByTestId("take").click();
  await ana.getByTestId("composer-input").fill("Yes, it arrives tomorrow.");
  await ana.getByTestId("send").click();
  await expect(ana.getByTestId("thread-assignee")).toContainText("Ana García");

  // Today's report counts it, and Ana's reply.
  await boss.reload();
  await hydrated(boss);
  await today(boss);
  await expect(boss.getByTestId("report-created").getByTestId("value")).toHaveText(String(before + 1));
  const anaRow = boss.getByTestId("report-agent").filter({ hasText: "Ana García" });
  await expect(anaRow).toBeVisible();
  await expect(boss.getByTestId("report-first-response").getByTestId("median")).not.toHaveText("—");
  await expect(boss.getByTestId("report-settings")).toHaveCount(0);

  // The per-day table as CSV: a header and today's row with the same figure.
  const [download] = await Promise.all([
    boss.waitForEvent("download"),
    boss.getByTestId("export-days").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`buzon-days-${date}-${date}.csv`);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toMatch(/^Date,Created,/);
  expect(lines[1]).toMatch(new RegExp(`^${date},${before + 1},`));

  // Ana's row exports too.
  const [agents] = await Promise.all([
    boss.waitForEvent("download"),
    boss.getByTestId("export-agents").click(),
  ]);
  expect(readFileSync((await agents.path())!, "utf8")).toContain("Ana García");
});

test("the week's messages cost what WhatsApp charged, by sender, exported as CSV", async ({ browser }) => {
  const boss = await (await browser.newContext()).newPage();
  await openReports(boss, "supervisor@demo.local");
  // The demo's week: each message estimated when sent and priced from Meta's statuses with
  // the sample card (a marketing template a day to Spain at 0.0615 USD).
  const costs = boss.getByTestId("report-costs");
  await expect(costs.getByTestId("costs-charged")).toContainText("USD");
  await expect(costs.getByTestId("costs-charged")).not.toHaveText(/^0[.,]00 USD$/);
  await expect(costs.getByTestId("cost-row")).toHaveCount(7);

  await costs.getByTestId("costs-group").selectOption("costs-by-sender");
  await expect(costs.getByTestId("cost-row").filter({ hasText: "Ana García" })).toBeVisible();
  const [download] = await Promise.all([
    boss.waitForEvent("download"),
    costs.getByTestId("export-costs").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^buzon-costs-by-sender-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await download.path())!, "utf8").trim().split("\r\n");
  expect(lines[0]).toBe(
    "Sender,Messages,Billed,Estimated (USD),Without estimate,Charged (USD),Not priced by WhatsApp yet,No rate on the card",
  );
  expect(lines.some((l) => l.startsWith("Ana García,"))).toBe(true);
  expect(lines[lines.length - 1]).toMatch(/^total,\d+,\d+,/);
});

test("dates that make no period are refused in words", async ({ browser }) => {
  const boss = await (await browser.newContext()).newPage();
  await openReports(boss, "supervisor@demo.local");
  await boss.getByTestId("report-from").fill("2026-03-10");
  await boss.getByTestId("report-to").fill("2026-03-01");
  await boss.getByTestId("report-show").click();
  await expect(boss.getByRole("alert")).toContainText("The end date is before the start date");
});

test("an admin sets the report time zone: an unknown one is refused, a real one is used", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await openReports(admin, "admin@demo.local");
  const panel = admin.getByTestId("report-settings");
  await expect(panel).toBeVisible();
  const original = await panel.getByTestId("settings-timezone").inputValue();

  await panel.getByTestId("settings-timezone").fill("Mars/Olympus_Mons");
  await panel.getByTestId("settings-save").click();
  await expect(panel.getByRole("alert")).toContainText('"Mars/Olympus_Mons" is not a time zone');

  await panel.getByTestId("settings-timezone").fill("Europe/Madrid");
  await panel.getByTestId("settings-save").click();
  await expect(admin.getByTestId("success")).toContainText("Reports now use Europe/Madrid");
  await expect(admin.getByTestId("report-timezone")).toContainText("Europe/Madrid");
  await admin.reload();
  await hydrated(admin);
  await expect(admin.getByTestId("settings-timezone")).toHaveValue("Europe/Madrid");
  // Prices live on Settings → Costs.
  await expect(panel.getByTestId("settings-costs-link")).toHaveAttribute("href", "/settings/costs");

  // Put it back for the other specs.
  await admin.getByTestId("settings-timezone").fill(original);
  await admin.getByTestId("settings-save").click();
  await expect(admin.getByTestId("success")).toBeVisible();
});
