import { test, expect, type Browser } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

/** A customer on the simulator's phone writes to the business. */
async function customerWrites(browser: Browser, name: string, number: string, text: string) {
  const phone = await browser.newPage();
  await phone.goto(`${simulatorURL}/phone`);
  await phone.locator("#c-name").fill(name);
  await phone.locator("#c-phone").fill(number);
  await phone.getByRole("button", { name: "Add customer" }).click();
  await expect(phone.locator("#who")).toHaveText(name);
  await phone.locator("#text").fill(text);
  await phone.getByRole("button", { name: "Send" }).click();
  return phone;
}

// A supervisor finds a customer on the contacts screen, exports their data and erases them:
// the confirmation names what goes, and afterwards the customer is nowhere to be found.
test("find a contact, export their data, erase them", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1366, height: 900 });
  const phone = await customerWrites(browser, "Renata Duarte", "34699002233", "quero meu pedido 7788");

  await signIn(page, "supervisor@demo.local");
  await expect(page.getByTestId("me-name")).toBeVisible();
  await page.goto("/contacts");
  await hydrated(page);
  const search = page.getByTestId("contact-search");
  await search.fill("Renata");
  await search.press("Enter");
  const row = page.getByTestId("contacts-table").locator("tr", { hasText: "Renata Duarte" });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("+34 699 00 22 33");
  await row.getByRole("link", { name: "Renata Duarte" }).click();

  await expect(page.getByTestId("contact-name")).toHaveText("Renata Duarte");
  await hydrated(page);
  await expect(page.getByTestId("card-phone")).toHaveText("+34 699 00 22 33");
  await expect(page.getByTestId("card-conversations")).toContainText("1 message");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-contact-data").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^contact-\d+\.zip$/);

  await page.getByTestId("erase-contact").click();
  await expect(page.getByTestId("erase-what")).toContainText("1 messages in 1 conversations");
  await page.getByTestId("erase-for-good").click();
  await expect(page).toHaveURL(/\/contacts$/);
  await hydrated(page);
  await page.getByTestId("contact-search").fill("Renata");
  await page.getByTestId("contact-search").press("Enter");
  await expect(page.getByTestId("contacts-empty")).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: "test-results/contacts-1366.png", fullPage: true });
  await phone.close();
  expect(errors).toEqual([]);
});

// On a phone the contact panel is a drawer the conversation's header opens.
test("the contact drawer on a 390 px phone", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await customerWrites(browser, "Iago Souto", "34699003344", "hola, una duda");

  await signIn(page, "ana@demo.local");
  await expect(page.getByTestId("console")).toBeVisible();
  await hydrated(page);
  await page.locator('[data-view="queue"]').click();
  const row = page.locator("[data-conversation]", { hasText: "Iago Souto" });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.click();
  await expect(page.getByTestId("thread-title")).toHaveText("Iago Souto");
  await expect(page.getByTestId("contact-panel")).toBeHidden();
  await page.getByTestId("open-contact").click();
  const drawer = page.getByTestId("contact-drawer");
  await expect(drawer.getByTestId("contact-panel")).toBeVisible();
  await expect(drawer.getByTestId("contact-phone")).toContainText("+34 699 00 33 44");
  const box = await drawer.boundingBox();
  expect(box && box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/contact-drawer-390.png" });
  await page.getByTestId("close-contact").click();
  await expect(page.getByTestId("contact-panel")).toBeHidden();
  await phone.close();
  expect(errors).toEqual([]);
});
