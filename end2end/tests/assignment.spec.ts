import { test, expect, type Page } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

async function openConsole(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live");
}

test("two agents race to take a queued conversation: one gets it, the other is told who", async ({ browser, request }) => {
  const pages: Page[] = [];
  for (const email of ["ana@demo.local", "luis@demo.local"]) {
    const page = await (await browser.newContext()).newPage();
    await openConsole(page, email);
    await page.locator('[data-view="queue"]').click();
    pages.push(page);
  }
  const [ana, luis] = pages;
  const errors: string[] = [];
  for (const p of pages) p.on("pageerror", (e) => errors.push(e.message));

  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name: "Carmen Ruiz", wa_id: "34699112233", lang: "es", human: true },
  })).json();
  await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
    data: { type: "text", text: "¿Alguien me atiende?" },
  });

  // It waits in the queue of both; both open it.
  for (const page of pages) {
    const row = page.locator("[data-conversation]", { hasText: "Carmen Ruiz" });
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByTestId("take")).toBeVisible();
  }

  // Both press Take at the same moment. (Dispatched directly: once a colleague has it, an
  // agent's Take button is hidden, and Playwright's checks before a click take longer than
  // the winner's live update. A click already on its way still reaches the server.)
  await Promise.all(pages.map((p) => p.getByTestId("take").evaluate((b: HTMLElement) => b.click())));

  // Exactly one has it; both consoles agree who.
  await expect(ana.getByTestId("thread-assignee")).toBeVisible();
  const owner = (await ana.getByTestId("thread-assignee").textContent())!.replace("→", "").trim();
  expect(["Ana García", "Luis Pérez"]).toContain(owner);
  await expect(luis.getByTestId("thread-assignee")).toContainText(owner);
  const [winner, loser] = owner === "Ana García" ? [ana, luis] : [luis, ana];
  await expect(loser.getByRole("alert").filter({ hasText: `${owner} took this conversation a moment before you` })).toBeVisible();
  await expect(winner.getByTestId("take")).toBeHidden();
  // An agent cannot take a colleague's conversation, so the loser is not offered Take.
  await expect(loser.getByTestId("take")).toBeHidden();
  for (const page of pages) {
    await expect(page.getByTestId("activity").filter({ hasText: "Assigned to" })).toHaveCount(1);
    // It left the queue.
    await expect(page.locator("[data-conversation]", { hasText: "Carmen Ruiz" })).toHaveCount(0);
  }

  // The other may only add a note to the customer's conversation.
  await expect(loser.getByTestId("owner-only")).toContainText(`assigned to ${owner}`);
  await expect(loser.getByTestId("composer-input")).toBeHidden();
  expect(errors).toEqual([]);
});

test("a supervisor assigns with presence and load in view; an agent snoozes", async ({ browser, request }) => {
  const boss = await (await browser.newContext()).newPage();
  const luis = await (await browser.newContext()).newPage();
  await openConsole(boss, "supervisor@demo.local");
  await openConsole(luis, "luis@demo.local");

  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name: "Pablo Núñez", wa_id: "34699445566", lang: "es", human: true },
  })).json();
  await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
    data: { type: "text", text: "Necesito cambiar la dirección" },
  });
  await boss.locator('[data-view="queue"]').click();
  await boss.locator("[data-conversation]", { hasText: "Pablo Núñez" }).click();
  await boss.getByTestId("assign").click();
  const menu = boss.getByTestId("assign-menu");
  const luisItem = menu.locator("[data-assignee]", { hasText: "Luis Pérez" });
  // Luis is online in his console, with his load against his capacity.
  await expect(luisItem.locator("span.rounded-full")).toHaveClass(/bg-emerald-500/);
  await expect(luisItem.getByTestId("load")).toHaveText(/^\d+\/\d+/);
  await luisItem.click();
  await expect(boss.getByTestId("thread-assignee")).toContainText("Luis Pérez");

  // It is in Luis's "Mine" at once; he snoozes it for an hour.
  await luis.locator('[data-view="mine"]').click();
  const row = luis.locator("[data-conversation]", { hasText: "Pablo Núñez" });
  await expect(row).toBeVisible();
  await row.click();
  await luis.getByTestId("snooze").click();
  await luis.getByTestId("snooze-menu").getByText("For 1 hour").click();
  await expect(luis.getByTestId("thread-status")).toContainText("Snoozed");
  await expect(luis.getByTestId("activity").filter({ hasText: "Snoozed until" })).toHaveCount(1);
  await expect(row).toHaveCount(0);

  // The customer writes again: it is back in Mine, open.
  await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
    data: { type: "text", text: "¿Hola?" },
  });
  await expect(row).toBeVisible();
  await expect(luis.getByTestId("thread-status")).toContainText("Open");
});
