import { test, expect, type Page } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

async function openConsole(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live");
}

async function openDashboard(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await hydrated(page);
  await expect(page.getByTestId("dash-link")).toHaveAttribute("data-state", "live");
}

const count = async (page: Page, testid: string) =>
  Number((await page.getByTestId(testid).textContent())!.trim());

test("the dashboard follows the shift live: a customer writes, an agent takes it, the supervisor sets her away", async ({ browser, request }) => {
  const boss = await (await browser.newContext()).newPage();
  const ana = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  for (const p of [boss, ana]) p.on("pageerror", (e) => errors.push(e.message));
  await openConsole(ana, "ana@demo.local");
  await openDashboard(boss, "supervisor@demo.local");

  const anaRow = boss.locator('tr[data-testid^="dash-agent-"]', { hasText: "Ana García" });
  await expect(anaRow).toHaveAttribute("data-presence", "online");
  const openBefore = Number((await anaRow.getByTestId("dash-agent-open").textContent())!.split("/")[0]);
  const queueBefore = await count(boss, "dash-queue-length");

  // A customer writes: the queue grows on the dashboard without a reload.
  const stamp = Date.now().toString().slice(-7);
  const name = `Dash Live ${stamp}`;
  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name, wa_id: `3469${stamp}1`, lang: "es", human: true },
  })).json();
  await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
    data: { type: "text", text: "¿Me atiende alguien?" },
  });
  const queued = boss.getByTestId("dash-queue-row").filter({ hasText: name });
  await expect(queued).toBeVisible();
  await expect(queued).toContainText("¿Me atiende alguien?");
  await expect(boss.getByTestId("dash-queue-length")).toHaveText(String(queueBefore + 1));
  await expect(boss.getByTestId("dash-longest-wait")).toContainText(/longest wait/);

  // Ana takes it in her console: it leaves the queue and lands on her desk, live.
  await ana.locator('[data-view="queue"]').click();
  await ana.locator("[data-conversation]", { hasText: name }).click();
  await ana.getByTestId("take").click();
  await expect(ana.getByTestId("thread-assignee")).toContainText("Ana García");
  await expect(queued).toHaveCount(0);
  await expect(boss.getByTestId("dash-queue-length")).toHaveText(String(queueBefore));
  await expect(anaRow.getByTestId("dash-agent-open")).toHaveText(new RegExp(`^${openBefore + 1}/`));
  await expect(anaRow).toContainText(name);

  // The supervisor sets her away: the dashboard and her own console say so, and it holds
  // when she moves the mouse.
  await anaRow.getByTestId("dash-set-away").click();
  await expect(anaRow).toHaveAttribute("data-presence", "away");
  await expect(anaRow.getByTestId("dash-set-away")).toBeHidden();
  await expect(ana.getByTestId("my-presence")).toContainText("Away");
  await ana.mouse.move(200, 200);
  await ana.mouse.move(400, 300);
  await expect(ana.getByTestId("my-presence")).toContainText("Away");

  // She comes back herself: everyone sees her online again.
  await ana.getByTestId("my-presence").click();
  await expect(ana.getByTestId("my-presence")).toContainText("Online");
  await expect(anaRow).toHaveAttribute("data-presence", "online");
  expect(errors).toEqual([]);
});

test("a supervisor takes and assigns from the dashboard's queue", async ({ browser, request }) => {
  const boss = await (await browser.newContext()).newPage();
  await openDashboard(boss, "supervisor@demo.local");
  const stamp = Date.now().toString().slice(-7);
  const names = [`Dash Take ${stamp}`, `Dash Give ${stamp}`];
  for (const [i, name] of names.entries()) {
    const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
      data: { name, wa_id: `3468${stamp}${i}`, lang: "en", human: true },
    })).json();
    await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
      data: { type: "text", text: "Hello?" },
    });
  }
  const [takeName, giveName] = names;
  await boss.getByTestId("dash-queue-row").filter({ hasText: takeName }).getByTestId("dash-take").click();
  // It is on the supervisor's own desk now.
  await expect(boss.getByTestId("dash-queue-row").filter({ hasText: takeName })).toHaveCount(0);
  const me = boss.locator('tr[data-testid^="dash-agent-"]', { hasText: "Sofía Supervisor" });
  await expect(me).toContainText(takeName);

  const row = boss.getByTestId("dash-queue-row").filter({ hasText: giveName });
  await row.getByTestId("dash-assign").click();
  await row.getByTestId("dash-assign-menu").locator("[data-assignee]", { hasText: "Luis Pérez" }).click();
  await expect(row).toHaveCount(0);
  const luis = boss.locator('tr[data-testid^="dash-agent-"]', { hasText: "Luis Pérez" });
  await expect(luis).toContainText(giveName);

  // Reassign from Luis's desk back to the queue.
  const chip = luis.locator('[data-testid^="dash-conv-"]', { hasText: giveName });
  await chip.click();
  await luis.getByTestId("dash-to-queue").click();
  await expect(boss.getByTestId("dash-queue-row").filter({ hasText: giveName })).toBeVisible();
  await expect(luis).not.toContainText(giveName);
});

test("agents may not open the dashboard nor set colleagues away", async ({ browser }) => {
  const ana = await (await browser.newContext()).newPage();
  await signIn(ana, "ana@demo.local");
  await expect(ana).toHaveURL(/\/$/);
  await ana.goto("/dashboard");
  await expect(ana.getByTestId("forbidden")).toBeVisible();
  const refused = await ana.request.post("/api/reports/away", { form: { user_id: "1" } });
  expect(refused.status()).toBe(403);
  const snapshot = await ana.request.post("/api/reports/dashboard");
  expect(snapshot.status()).toBe(403);
});
