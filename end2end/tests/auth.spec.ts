import { test, expect } from "@playwright/test";
import { hydrated, signIn } from "./helpers";

test("admin creates an agent, who cannot open Users and signs out", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@demo.local");
  await expect(admin).toHaveURL(/\/$/);
  await expect(admin.getByTestId("me-name")).toHaveText("Alex Admin");

  await admin.locator('a[data-nav="/users"]').click();
  await expect(admin).toHaveURL(/\/users$/);
  await hydrated(admin);
  const form = admin.getByTestId("create-user");
  await form.locator('input[name="email"]').fill("marta@demo.local");
  await form.locator('input[name="name"]').fill("Marta Ortiz");
  await form.locator('select[name="role"]').selectOption("agent");
  await form.locator('input[name="password"]').fill("marta-password-1");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByTestId("success")).toContainText("marta@demo.local can now sign in.");
  await expect(admin.locator('[data-user="marta@demo.local"]')).toContainText("Marta Ortiz");

  // The agent, in a browser of their own.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, "marta@demo.local", "marta-password-1");
  await expect(agent).toHaveURL(/\/$/);
  await expect(agent.getByTestId("me-name")).toHaveText("Marta Ortiz");
  await expect(agent.locator('a[data-nav="/users"]')).toHaveCount(0);

  const response = await agent.goto("/users");
  expect(response?.status()).toBe(403);
  await expect(agent.getByTestId("forbidden")).toContainText("You don't have access to this page");
  await expect(agent.getByTestId("forbidden")).toContainText("Your role (Agent)");

  await hydrated(agent);
  await agent.getByRole("button", { name: "Sign out" }).click();
  await expect(agent).toHaveURL(/\/login$/);
  const after = await agent.goto("/users");
  await expect(agent).toHaveURL(/\/login\?next=\/users$/);
  expect(after?.status()).toBe(200);

  await adminContext.close();
  await agentContext.close();
});

test("a wrong password gets a clear message and the form stays usable", async ({ page }) => {
  await signIn(page, "ana@demo.local", "not-the-password");
  await expect(page.getByTestId("error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login$/);
  await page.locator('input[name="password"]').fill("still-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error")).toHaveText("Wrong email or password.");
});

test("a signed-out visit goes to login and comes back afterwards", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=\/dashboard$/);
  await hydrated(page);
  await page.locator('input[name="email"]').fill("supervisor@demo.local");
  await page.locator('input[name="password"]').fill("demo-e2e-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
});

test("the desk speaks Spanish to a Spanish browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Entra en Buzón");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await signIn(page, "luis@demo.local");
  await expect(page.locator('a[data-nav="/"]')).toHaveText("Bandeja");
  await context.close();
});

test("unknown addresses answer 404 with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});
