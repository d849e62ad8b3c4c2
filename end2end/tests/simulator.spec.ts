import { test, expect } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

test("a person plays a customer on the simulator's phone page", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${simulatorURL}/phone`);
  await page.locator("#c-name").fill("Marta Ortiz");
  await page.locator("#c-phone").fill("34699887766");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.locator("#who")).toHaveText("Marta Ortiz");

  await page.locator("#text").fill("Hola, ¿podéis ayudarme con un pedido?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator(".msg.out").first()).toContainText("¿podéis ayudarme con un pedido?");

  await page.locator("#attach").selectOption("image");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator(".msg.out img")).toHaveCount(1);

  // What the phone shows is what the simulator holds, and each message went to the desk.
  const state = await (await request.get(`${simulatorURL}/sim/state`)).json();
  const marta = state.customers.find((c: { name: string }) => c.name === "Marta Ortiz");
  expect(marta.chat.map((m: { content: { type: string } }) => m.content.type)).toEqual(["text", "image"]);

  // A customer without a phone or user id is refused with a reason.
  await page.locator("#c-name").fill("Nadie");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.locator("#c-error")).toContainText("needs a phone number or a user id");
  expect(errors).toEqual([]);
});

test("the admin sees the account's templates with previews", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/templates");
  await hydrated(page);
  await page.getByTestId("sync-templates").click();
  await expect(page.getByTestId("last-sync")).toContainText("Last synced");
  const order = page.locator('[data-template="order_update"]');
  await expect(order).toContainText("Hola Lucía, tu pedido A-1042 sale hoy.");
  await expect(order).toContainText("Approved");
  await expect(page.locator('[data-template="old_promo"]')).toContainText("Rejected");
  await expect(page.locator('[data-template="rebajas_verano"]')).toContainText("Pending review");
});

test("the admin checks the WhatsApp connection in Settings", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/settings");
  await hydrated(page);
  await expect(page.getByTestId("webhook")).toContainText("/webhooks/whatsapp");
  await expect(page.getByTestId("connection")).toContainText("106540352242922");
  await expect(page.getByTestId("connection")).toContainText("••••");
  await page.getByTestId("check-connection").click();
  await expect(page.getByTestId("check-result")).toContainText("Connected");
});

test("a test message from Settings reaches the customer's phone", async ({ page, request }) => {
  const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name: "Andrés Molina", wa_id: "34677889900", lang: "es", human: false },
  })).json();
  await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, { data: { type: "text", text: "Hola" } });
  await signIn(page, "admin@demo.local");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/settings");
  await hydrated(page);
  const form = page.getByTestId("test-message");
  await form.locator('input[name="to"]').fill("+34 677 88 99 00");
  await form.locator('input[name="text"]').fill("Prueba desde Buzón");
  await form.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("test-message-status")).toContainText(/Message #\d+/);
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh status" }).click();
    await expect(page.getByTestId("test-message-status")).toContainText(/delivered|read/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const state = await (await request.get(`${simulatorURL}/sim/state`)).json();
  const andres = state.customers.find((c: { name: string }) => c.name === "Andrés Molina");
  expect(andres.chat.map((m: { content: { text?: { body: string } } }) => m.content.text?.body)).toContain("Prueba desde Buzón");
});
