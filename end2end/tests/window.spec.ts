import { test, expect, type Page } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

/** Signs in and waits for the console's live link. */
async function openConsole(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live");
  await page.locator('[data-view="all"]').click();
}

async function customerWrites(request: any, id: number, data: object) {
  const r = await request.post(`${simulatorURL}/sim/customers/${id}/messages`, { data });
  expect(r.ok()).toBeTruthy();
}

// The customer's history puts the deadline a few seconds ahead: the window closes while the
// agents watch, with no page reload and no test hook in the desk.
const SECONDS_LEFT = 20;

test("the window closes live: text, then templates only, until the customer writes again", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const ana = await (await browser.newContext()).newPage();
  const luis = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  for (const p of [ana, luis]) p.on("pageerror", (e) => errors.push(e.message));
  await openConsole(ana, "ana@demo.local");
  await openConsole(luis, "luis@demo.local");

  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name: "Inés Roca", wa_id: "34655667788", lang: "es", human: true },
  })).json();
  await customerWrites(request, customer.id, {
    type: "text",
    text: "Hola, ¿me confirmáis la cita?",
    ago_seconds: 24 * 3600 - SECONDS_LEFT,
  });

  for (const page of [ana, luis]) {
    const row = page.locator("[data-conversation]", { hasText: "Inés Roca" });
    // Under the warning threshold: amber, ticking by the second.
    await expect(row.getByTestId("window-badge")).toHaveAttribute("data-window", "closing");
    await row.click();
    await expect(page.getByTestId("window-countdown")).toHaveAttribute("data-window", "closing");
    await expect(page.getByTestId("window-warning")).toBeVisible();
  }
  const first = await ana.getByTestId("window-countdown").textContent();
  await expect(ana.getByTestId("window-countdown")).not.toHaveText(first!, { timeout: 3_000 });

  // Inside the window Ana answers with text.
  await ana.getByTestId("composer-input").fill("Hola Inés, te lo miro");
  await ana.getByTestId("composer-input").press("Enter");
  await expect(ana.locator("[data-message]", { hasText: "te lo miro" })).toBeVisible();
  await expect(luis.locator("[data-message]", { hasText: "te lo miro" })).toBeVisible();

  // Her reply made the conversation Ana's: Luis may only add notes.
  await expect(luis.getByTestId("thread-assignee")).toContainText("Ana García");
  await expect(luis.getByTestId("owner-only")).toContainText("assigned to Ana García");
  await expect(luis.getByTestId("composer-input")).toBeHidden();

  // At the deadline the text box is replaced by the template picker.
  await expect(ana.getByTestId("template-picker")).toBeVisible({ timeout: (SECONDS_LEFT + 10) * 1000 });
  await expect(ana.getByTestId("composer-input")).toBeHidden();
  await expect(ana.getByTestId("window-closed")).toBeVisible();
  await expect(ana.getByTestId("mode-reply")).toHaveCount(0);
  await expect(ana.getByTestId("picker-close")).toHaveCount(0);
  for (const page of [ana, luis]) {
    await expect(page.getByTestId("window-countdown")).toHaveAttribute("data-window", "closed");
  }

  // Ana finds a template by its text, sees it pre-filled with the customer's first name and
  // previewed as WhatsApp shows it, and sends it.
  await ana.getByTestId("picker-search").fill("retomamos");
  await expect(ana.getByTestId("picker-template")).toHaveCount(1);
  await ana.locator('[data-testid="picker-template"][data-name="seguimiento_consulta"]').click();
  const field = ana.locator('[data-testid="picker-field"][data-key="body.1"]');
  await expect(field).toHaveValue("Inés");
  await expect(ana.getByTestId("picker-preview")).toContainText("Hola Inés, retomamos tu consulta");
  await field.fill("");
  await ana.getByTestId("picker-send").click();
  await expect(ana.getByTestId("picker-problem")).toContainText("{{1}}");
  await field.fill("Inés");
  await ana.getByTestId("picker-send").click();
  const sent = ana.locator('[data-message] [data-testid="template"][data-name="seguimiento_consulta"]');
  await expect(sent).toContainText("Hola Inés, retomamos tu consulta");
  await expect(luis.locator('[data-message] [data-testid="template"]')).toContainText("Hola Inés");
  // The picker stays: the window is still closed.
  await expect(ana.getByTestId("template-picker")).toBeVisible();

  // The customer answers: the text box comes back at once.
  await customerWrites(request, customer.id, { type: "text", text: "Sí, el jueves" });
  await expect(ana.getByTestId("composer-input")).toBeVisible();
  await expect(ana.getByTestId("template-picker")).toBeHidden();
  for (const page of [ana, luis]) {
    await expect(page.getByTestId("window-countdown")).toHaveAttribute("data-window", "open");
  }
  // The template reached the customer's phone with the value filled in.
  const state = await (await request.get(`${simulatorURL}/sim/state`)).json();
  const ines = state.customers.find((c: { name: string }) => c.name === "Inés Roca");
  const template = ines.chat.find((m: any) => m.from_business && m.content.template);
  expect(template.content.template.name).toBe("seguimiento_consulta");
  expect(template.content.template.components[0].parameters[0].text).toBe("Inés");
  expect(errors).toEqual([]);
});

test("inside the window an agent may still choose a template, and the list filters by window", async ({ page, request }) => {
  await openConsole(page, "ana@demo.local");
  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name: "Óscar Gil", wa_id: "34688990011", lang: "es", human: true },
  })).json();
  await customerWrites(request, customer.id, { type: "text", text: "Buenas", ago_seconds: 24 * 3600 - 1800 });
  await page.getByTestId("window-filter").selectOption("closing_soon");
  const row = page.locator("[data-conversation]", { hasText: "Óscar Gil" });
  await expect(row).toBeVisible();
  await page.getByTestId("window-filter").selectOption("closed");
  await expect(row).toHaveCount(0);
  await page.getByTestId("window-filter").selectOption("");
  await row.click();
  await page.getByTestId("mode-template").click();
  await expect(page.getByTestId("template-picker")).toBeVisible();
  // Templates are grouped by category; only approved ones are offered.
  await expect(page.locator('[data-testid="picker-template"][data-name="order_update"]')).toBeVisible();
  await expect(page.locator('[data-testid="picker-template"][data-name="survey_link"]')).toHaveCount(0);
  await page.getByTestId("picker-close").click();
  await expect(page.getByTestId("composer-input")).toBeVisible();
});
