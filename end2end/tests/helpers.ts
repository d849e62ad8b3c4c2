import { expect, type Page } from "@playwright/test";
import { demoPassword } from "../playwright.config";

export { demoPassword };

/** Waits until the wasm has hydrated the page; clicks before that would be lost. */
export async function hydrated(page: Page) {
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}

export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto("/login");
  await hydrated(page);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole("button", { name: /^(Sign in|Entrar)$/ }).click();
}

/** Every screen of the desk an admin can open (the CSP and language walks visit them all). */
export const screens = [
  "/",
  "/dashboard",
  "/reports",
  "/campaigns",
  "/contacts",
  "/labels",
  "/quick-replies",
  "/templates",
  "/bot",
  "/settings",
  "/settings/integrations",
  "/settings/costs",
  "/settings/contacts",
  "/users",
  "/audit",
  "/account",
];
