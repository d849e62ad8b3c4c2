import { expect, test, type Page } from "@playwright/test";
import { hydrated, screens, signIn } from "./helpers";

// The desk's pages carry a strict Content-Security-Policy (server/src/http/content_security.rs).
// Every screen must hydrate and work under it: any violation the browser reports fails.


/** Collects the CSP violations the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("reportViolation", (what: string) => seen.push(what));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportViolation: (w: string) => void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI} at ${location.pathname}`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content.Security.Policy/i.test(message.text())) {
      seen.push(message.text());
    }
  });
  return seen;
}

test("every screen hydrates under the Content-Security-Policy without a violation", async ({
  page,
}) => {
  // Twelve screens of a debug wasm build: ~12 s alone, over 30 s on a loaded CI machine.
  test.setTimeout(90_000);
  const violations = await watchViolations(page);
  const login = await page.goto("/login");
  const policy = login?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("script-src 'self' 'nonce-");
  expect(policy).toContain("frame-ancestors 'none'");
  await signIn(page, "admin@demo.local");
  await expect(page).toHaveURL(/\/$/);
  for (const path of screens) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.locator("main")).toBeVisible();
  }
  // The live connection (websocket) and a conversation's thread work too.
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live");
  await page.locator('[data-view="all"]').click();
  const row = page.locator("[data-conversation]", { hasText: "Jorge Blanco" });
  await row.click();
  await expect(page.getByTestId("thread").locator("[data-message]").first()).toBeVisible();
  expect(violations).toEqual([]);

  // The watch itself works: an injected inline script is blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.appendChild(script);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations[0]).toContain("script-src");
  expect(await page.evaluate(() => "__injected" in window)).toBe(false);
});

test("each page gets its own nonce", async ({ request }) => {
  const nonce = async () => {
    const page = await request.get("/login");
    const policy = page.headers()["content-security-policy"] ?? "";
    const found = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(found, policy).toBeTruthy();
    expect(await page.text()).toContain(`nonce="${found}"`);
    return found;
  };
  expect(await nonce()).not.toEqual(await nonce());
});
