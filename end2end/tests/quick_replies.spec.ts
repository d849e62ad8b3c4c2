import { test, expect, type Page } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

async function newCustomer(request: any, name: string, wa_id: string) {
  return await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name, wa_id, lang: "en", human: true },
  })).json();
}

async function customerWrites(request: any, id: number, data: object) {
  const r = await request.post(`${simulatorURL}/sim/customers/${id}/messages`, { data });
  expect(r.ok()).toBeTruthy();
}

async function openQuickReplies(page: Page) {
  await page.goto("/quick-replies");
  await hydrated(page);
  await expect(page.getByTestId("quick-reply-form")).toBeVisible();
}

test("an agent keeps a personal quick reply and inserts it with the customer's name filled", async ({ browser, request }) => {
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, "ana@demo.local");
  await expect(page).toHaveURL(/\/$/);

  // Agents open the screen: the shared replies are read-only, and new ones are her own.
  await page.locator('a[data-nav="/quick-replies"]').click();
  await expect(page).toHaveURL(/\/quick-replies$/);
  await hydrated(page);
  const shared = page.getByTestId("quick-replies-shared");
  await expect(shared.locator('[data-testid="quick-reply"][data-shortcut="hola"]')).toBeVisible();
  await expect(shared.getByTestId("qr-edit")).toHaveCount(0);
  await expect(page.getByTestId("qr-scope")).toHaveCount(0);

  // A bad shortcut is explained before anything is saved.
  await page.getByTestId("qr-shortcut").fill("track order");
  await page.getByTestId("qr-title").fill("Where is my order");
  await page.getByTestId("qr-body").fill("Hi {{contact.first_name}}!");
  await page.getByTestId("qr-save").click();
  await expect(page.getByTestId("error")).toContainText("Shortcut doesn't look right");

  // The preview fills the variables with a sample customer and names the unknown one.
  await page.getByTestId("qr-shortcut").fill("track-order");
  await page.getByTestId("qr-body").fill("Hi {{contact.first_name}}, your tracking number is {{contact.tracking_number}}.");
  await expect(page.getByTestId("qr-preview-text")).toHaveText("Hi Grace, your tracking number is {{contact.tracking_number}}.");
  await expect(page.getByTestId("qr-preview-unfilled")).toContainText("{{contact.tracking_number}}");
  await page.getByTestId("qr-save").click();
  await expect(page.getByTestId("success")).toContainText("/track-order");
  const mine = page.getByTestId("quick-replies-mine");
  await expect(mine.locator('[data-testid="quick-reply"][data-shortcut="track-order"]')).toContainText("Where is my order");

  // A customer writes; Ana opens the conversation from the console.
  const customer = await newCustomer(request, "Nora Quintero", "447700900456");
  await customerWrites(request, customer.id, { type: "text", text: "Where is my parcel?" });
  await page.locator('a[data-nav="/"]').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live");
  await page.locator('[data-view="all"]').click();
  await page.locator("[data-conversation]", { hasText: "Nora Quintero" }).click();
  await expect(page.getByTestId("thread")).toContainText("Where is my parcel?");

  // "/" plus part of the shortcut opens the menu on her reply; Enter inserts it.
  const box = page.getByTestId("composer-input");
  await expect(page.getByTestId("quick-reply-hint")).toBeVisible();
  await box.click();
  await box.pressSequentially("/track");
  const menu = page.getByTestId("quick-reply-menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId("quick-reply-option").first()).toHaveAttribute("data-shortcut", "track-order");
  await box.press("Enter");
  await expect(menu).toBeHidden();
  await expect(box).toHaveValue("Hi Nora, your tracking number is {{contact.tracking_number}}.");
  await expect(box).toBeFocused();
  const unfilled = page.getByTestId("unfilled-variables");
  await expect(unfilled).toContainText("Fill in before sending:");
  await expect(unfilled).toContainText("{{contact.tracking_number}}");
  // Enter chose the reply; nothing was sent.
  await expect(page.locator("[data-message]", { hasText: "your tracking number" })).toHaveCount(0);

  // Escape closes the menu and leaves the text as typed.
  await box.pressSequentially(" /zzz");
  await expect(menu).toBeVisible();
  await expect(page.getByTestId("quick-reply-none")).toBeVisible();
  await box.press("Escape");
  await expect(menu).toBeHidden();
  await expect(box).toHaveValue("Hi Nora, your tracking number is {{contact.tracking_number}}. /zzz");

  // Once the agent writes the value in, the note goes away.
  await box.fill("Hi Nora, your tracking number is TRK-99.");
  await expect(unfilled).toBeHidden();
  await expect(page.getByTestId("quick-reply-hint")).toBeVisible();
  expect(errors).toEqual([]);
});

test("a supervisor adds a shared quick reply that agents can use but not change", async ({ browser }) => {
  const sofia = await (await browser.newContext()).newPage();
  await signIn(sofia, "supervisor@demo.local");
  await expect(sofia).toHaveURL(/\/$/);
  await openQuickReplies(sofia);
  await sofia.getByTestId("qr-scope").selectOption("shared");
  await sofia.getByTestId("qr-shortcut").fill("/Opening-Hours");
  await sofia.getByTestId("qr-title").fill("Opening hours");
  await sofia.getByTestId("qr-body").fill("We're open 9:00-18:00, {{contact.first_name}}.");
  await sofia.getByTestId("qr-save").click();
  const row = sofia.getByTestId("quick-replies-shared").locator('[data-shortcut="opening-hours"]');
  await expect(row).toContainText("Opening hours");
  await expect(row.getByTestId("qr-edit")).toBeVisible();

  const ana = await (await browser.newContext()).newPage();
  await signIn(ana, "ana@demo.local");
  await expect(ana).toHaveURL(/\/$/);
  await openQuickReplies(ana);
  const seen = ana.getByTestId("quick-replies-shared").locator('[data-shortcut="opening-hours"]');
  await expect(seen).toBeVisible();
  await expect(seen.getByTestId("qr-edit")).toHaveCount(0);
  // Ana's personal reply from the first test is hers alone: not even a supervisor sees it.
  await sofia.reload();
  await hydrated(sofia);
  await expect(row).toBeVisible();
  await expect(sofia.locator('[data-shortcut="track-order"]')).toHaveCount(0);

  // Deleting asks first.
  sofia.once("dialog", (d) => d.accept());
  await row.getByTestId("qr-delete").click();
  await expect(sofia.getByTestId("success")).toContainText("/opening-hours");
  await expect(row).toHaveCount(0);
});
