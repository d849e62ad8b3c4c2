import { test, expect, type Page } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

/** Signs in and waits for the console's live link, on the "All" view. */
async function openConsole(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page);
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live");
  await page.locator('[data-view="all"]').click();
}

async function customerWrites(request: any, name: string, wa_id: string, text: string) {
  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name, wa_id, lang: "es", human: true },
  })).json();
  const r = await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
    data: { type: "text", text },
  });
  expect(r.ok()).toBeTruthy();
}

test("a supervisor creates a label, an agent applies it from the keyboard, a colleague sees it live and filters by it", async ({ browser, request }) => {
  // Three signed-in browsers and a dozen live steps: 30 s was too tight on a loaded machine
  // (a fresh-clone run hit it while the label's deletion was being announced).
  test.setTimeout(90_000);
  const pages = await Promise.all(
    [0, 1, 2].map(async () => (await browser.newContext()).newPage()),
  );
  const [sup, ana, luis] = pages;
  const errors: string[] = [];
  for (const p of pages) p.on("pageerror", (e) => errors.push(e.message));

  // Ana and Luis have the inbox open before the label exists.
  await openConsole(ana, "ana@demo.local");
  await openConsole(luis, "luis@demo.local");
  await customerWrites(request, "Marta Devolución", "34633440101", "Quiero devolver el pedido");
  await customerWrites(request, "Pablo Otro", "34633445577", "Solo una pregunta");
  const rowA = ana.locator("[data-conversation]", { hasText: "Marta Devolución" });
  const rowL = luis.locator("[data-conversation]", { hasText: "Marta Devolución" });
  // (By name: the bot may answer meanwhile and change the preview.)
  await expect(rowA).toBeVisible();
  await expect(rowL).toBeVisible();
  await expect(luis.locator("[data-conversation]", { hasText: "Pablo Otro" })).toBeVisible();

  // The supervisor creates "Refund E2E" on the Labels screen.
  await signIn(sup, "supervisor@demo.local");
  await expect(sup).toHaveURL(/\/$/);
  await sup.goto("/labels");
  await hydrated(sup);
  await sup.getByTestId("new-label-name").fill("Refund E2E");
  await sup.locator("label", { has: sup.getByTestId("color-red") }).click();
  await expect(sup.getByTestId("color-red")).toBeChecked();
  await sup.getByTestId("new-label-description").fill("The customer wants their money back");
  await sup.getByTestId("create-label-submit").click();
  await expect(sup.getByTestId("success")).toContainText("Refund E2E");
  const definition = sup.locator('[data-testid="label-row"][data-label="Refund E2E"]');
  await expect(definition.getByTestId("label-description")).toHaveText("The customer wants their money back");
  await expect(definition.getByTestId("label-count")).toHaveText("0 conversations");
  // Names are unique whatever their case.
  await sup.getByTestId("new-label-name").fill("refund e2e");
  await sup.getByTestId("create-label-submit").click();
  await expect(sup.getByTestId("create-label").locator("..").getByTestId("error")).toContainText("already exists");

  // Ana opens the conversation and labels it with the keyboard: l, type, Enter.
  await rowA.click();
  await expect(ana.getByTestId("thread-labels")).toBeVisible();
  await ana.keyboard.press("l");
  const search = ana.getByTestId("label-search");
  await expect(search).toBeFocused();
  await search.pressSequentially("refund e2");
  const option = ana.getByTestId("label-option");
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute("data-label", "Refund E2E");
  await expect(option).toHaveAttribute("data-applied", "false");
  await search.press("Enter");
  await expect(option).toHaveAttribute("data-applied", "true");
  await search.press("Escape");
  await expect(ana.getByTestId("label-picker")).toHaveCount(0);
  await expect(ana.locator('[data-testid="thread-label"][data-label="Refund E2E"]')).toBeVisible();
  await expect(ana.getByTestId("activity").last()).toContainText("Refund E2E");

  // Luis sees the chip appear on the row live, then filters the list by the label.
  await expect(rowL.locator('[data-label="Refund E2E"]')).toBeVisible();
  await luis.getByTestId("label-filter").selectOption({ label: "Refund E2E" });
  await expect(luis.locator("[data-conversation]")).toHaveCount(1);
  await expect(luis.locator("[data-conversation]")).toContainText("Marta Devolución");

  // The Labels screen counts it; deleting asks first, saying how many carry it.
  await sup.reload();
  await hydrated(sup);
  await expect(definition.getByTestId("label-count")).toHaveText("1 conversation");
  await definition.getByTestId("delete-label").click();
  await expect(sup.getByTestId("confirm-delete")).toContainText(
    "Delete 'Refund E2E'? It is on 1 conversation; it will be removed from it.",
  );
  await sup.getByTestId("confirm-delete-button").click();
  await expect(definition).toHaveCount(0);

  // Everyone's console follows: the chip goes, and Luis's filter lets go of the label.
  await expect(ana.locator('[data-testid="thread-label"]')).toHaveCount(0);
  await expect(luis.getByTestId("label-filter")).toHaveValue("");
  await expect(luis.locator("[data-conversation]", { hasText: "Pablo Otro" })).toBeVisible();
  await expect(rowL.locator('[data-label="Refund E2E"]')).toHaveCount(0);

  expect(errors).toEqual([]);
  for (const p of pages) await p.context().close();
});
