import { test, expect } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

// The desk writes first: an agent starts a conversation with a number nobody has written to,
// the customer's phone receives the template, the customer answers STOP, and from then on the
// contact panel says so and marketing templates are refused with the reason.
test("an agent writes first to a new number; STOP ends marketing", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1366, height: 900 });

  // Someone with WhatsApp (on the simulator) who never wrote to the business.
  const phone = await browser.newPage();
  await phone.goto(`${simulatorURL}/phone`);
  await phone.locator("#c-name").fill("Valeria Ríos");
  await phone.locator("#c-phone").fill("34699001122");
  await phone.getByRole("button", { name: "Add customer" }).click();
  await expect(phone.locator("#who")).toHaveText("Valeria Ríos");

  await signIn(page, "ana@demo.local");
  await expect(page.getByTestId("console")).toBeVisible();
  await hydrated(page);
  // The keyboard shortcut opens the dialog.
  await page.keyboard.press("c");
  const dialog = page.getByTestId("new-conversation");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("recipient-country").selectOption("ES");
  await dialog.getByTestId("recipient-search").fill("699 00 11 22");
  await expect(dialog.getByTestId("write-to-number")).toContainText("+34 699 00 11 22");
  await dialog.getByTestId("write-to-number").click();
  // A new number: outside any window, so the template picker.
  await expect(dialog.getByTestId("new-window-closed")).toBeVisible();
  await dialog.locator('[data-testid="picker-template"][data-name="seguimiento_consulta"]').click();
  await dialog.locator('[data-testid="picker-field"][data-key="body.1"]').fill("Valeria");
  await expect(dialog.getByTestId("picker-preview")).toContainText("Hola Valeria, retomamos tu consulta");
  await dialog.getByTestId("picker-send").click();

  // The conversation opens, assigned to Ana, with the template in the thread.
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("thread").getByText("Hola Valeria, retomamos tu consulta")).toBeVisible();
  await expect(page.getByTestId("contact-phone")).toContainText("+34 699 00 11 22");

  // The customer's phone shows it.
  await expect(phone.locator(".msg").filter({ hasText: "retomamos tu consulta" })).toBeVisible({ timeout: 15_000 });

  // The customer answers STOP.
  await phone.locator("#text").fill("STOP");
  await phone.getByRole("button", { name: "Send" }).click();

  // The contact panel shows the opt-out and where it came from.
  await expect(page.getByTestId("consent-state")).toHaveAttribute("data-consent", "opted_out", { timeout: 15_000 });
  await expect(page.getByTestId("consent-entry").first()).toContainText("keyword");
  // The desk confirmed it to the customer (inside the window), in the business's language (Spanish): one word says nothing about the customer's.
  await expect(phone.locator(".msg").filter({ hasText: "ya no recibirás promociones" })).toBeVisible({ timeout: 15_000 });

  // A marketing template is refused, with the reason.
  await page.getByTestId("mode-template").click();
  const marketing = page.locator('[data-testid="picker-template"][data-name="we_miss_you"]');
  await expect(marketing).toBeDisabled();
  await expect(marketing).toContainText("stopped marketing");
  expect(errors).toEqual([]);
});
