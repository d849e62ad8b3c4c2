import { test, expect, type Page, type Browser } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

// The demo starts with its bot switched off for the other specs (BUZON_DEMO_BOT=off); these
// switch it on from the Bot screen and off again at the end.

async function openConsole(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live");
}

async function switchBot(browser: Browser, on: boolean) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "admin@demo.local");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/bot");
  await hydrated(page);
  const toggle = page.getByTestId("bot-enabled");
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
  await page.getByTestId("bot-save").click();
  await expect(page.getByTestId("success")).toBeVisible();
  await expect(page.getByTestId("bot-unsaved")).toHaveCount(0);
  return page;
}

async function customer(request: import("@playwright/test").APIRequestContext, name: string, wa_id: string) {
  const c = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name, wa_id, lang: "es", human: true },
  })).json();
  return async (text: string) => {
    const sent = await request.post(`${simulatorURL}/sim/customers/${c.id}/messages`, {
      data: { type: "text", text },
    });
    expect(sent.ok()).toBeTruthy();
  };
}

test.describe.serial("the bot", () => {
  test.afterAll(async ({ browser }) => {
    await switchBot(browser, false);
  });

  test("an admin switches the bot on and tries a phrase in the test console", async ({ browser }) => {
    const admin = await switchBot(browser, true);
    const errors: string[] = [];
    admin.on("pageerror", (e) => errors.push(e.message));
    await expect(admin.getByTestId("bot-enabled-state")).toContainText("On");

    // Saved: a reload shows it on.
    await admin.reload();
    await hydrated(admin);
    await expect(admin.getByTestId("bot-enabled")).toHaveAttribute("aria-checked", "true");

    await admin.getByTestId("bot-tab-test").click();
    await admin.getByTestId("bot-trial-input").fill("¿cuanto cuesta el envio?");
    await admin.getByTestId("bot-trial-submit").click();
    await expect(admin.getByTestId("bot-trial-chat")).toContainText("gratis a partir de 50 €");
    await expect(admin.getByTestId("bot-trial-result")).toContainText("Gastos de envío");
    await expect(admin.getByTestId("bot-trial-result")).toContainText("%");

    await admin.getByTestId("bot-trial-input").fill("¿tienen zapatillas rojas?");
    await admin.getByTestId("bot-trial-submit").click();
    await expect(admin.getByTestId("bot-trial-chat")).toContainText("Zapatillas Running Roja");
    expect(errors).toEqual([]);
  });

  test("a customer asks for a person: the bot answers and the conversation reaches the queue live", async ({ browser, request }) => {
    const ana = await (await browser.newContext()).newPage();
    await openConsole(ana, "ana@demo.local");
    await ana.locator('[data-view="queue"]').click();
    const errors: string[] = [];
    ana.on("pageerror", (e) => errors.push(e.message));

    const write = await customer(request, "Marina Soto", "34688001122");
    await write("quiero hablar con un agente");

    // No refresh: it arrives in the Queue with the bot's answer and the reason.
    const row = ana.locator("[data-conversation]", { hasText: "Marina Soto" });
    await expect(row).toBeVisible();
    await row.click();
    await expect(ana.locator('[data-sender="bot"]', { hasText: "Te paso con una persona" })).toBeVisible();
    await expect(ana.getByTestId("activity").filter({ hasText: "The bot handed it to the team: the customer asked for a person" })).toBeVisible();
    await expect(ana.getByTestId("take")).toHaveText("Take");
    expect(errors).toEqual([]);
  });

  test("an agent takes over a bot conversation and the bot stays silent afterwards", async ({ browser, request }) => {
    const luis = await (await browser.newContext()).newPage();
    await openConsole(luis, "luis@demo.local");
    await luis.locator('[data-view="bot"]').click();
    const errors: string[] = [];
    luis.on("pageerror", (e) => errors.push(e.message));

    const write = await customer(request, "Óscar Lema", "34688003344");
    await write("hola");
    const row = luis.locator("[data-conversation]", { hasText: "Óscar Lema" });
    await expect(row).toBeVisible();
    await row.click();
    // The bot greeted with its menu; the console says it is the bot's.
    await expect(luis.locator('[data-sender="bot"]', { hasText: "Deportes Buzón" })).toBeVisible();
    await expect(luis.getByTestId("bot-notice")).toBeVisible();

    await luis.getByTestId("take").click();
    await expect(luis.getByTestId("activity").filter({ hasText: "Taken over from the bot" })).toBeVisible();
    await expect(luis.getByTestId("thread-assignee")).toContainText("Luis Pérez");
    await expect(luis.getByTestId("bot-notice")).toHaveCount(0);
    const botSaid = await luis.locator('[data-sender="bot"]').count();

    await write("¿a qué hora abren?");
    await expect(luis.locator('[data-sender="contact"]', { hasText: "¿a qué hora abren?" })).toBeVisible();
    // The bot would have answered within milliseconds; give it ample time to (wrongly) do so.
    await luis.waitForTimeout(1500);
    await expect(luis.locator('[data-sender="bot"]')).toHaveCount(botSaid);

    // Luis answers himself.
    await luis.getByTestId("composer-input").fill("Hola Óscar, abrimos a las 10:00.");
    await luis.getByTestId("composer-input").press("Enter");
    await expect(luis.locator('[data-sender="agent"]', { hasText: "abrimos a las 10:00" })).toBeVisible();
    expect(errors).toEqual([]);
  });
});
