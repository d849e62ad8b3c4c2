import { test, expect, type Page, type BrowserContext } from "@playwright/test";
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

async function newCustomer(request: any, name: string, wa_id: string, human = false) {
  return await (await request.post(`${simulatorURL}/sim/customers`, {
    data: { name, wa_id, lang: "es", human },
  })).json();
}

async function customerWrites(request: any, id: number, data: object) {
  const r = await request.post(`${simulatorURL}/sim/customers/${id}/messages`, { data });
  expect(r.ok()).toBeTruthy();
}

test("two agents share the inbox live: messages, replies, ticks, media, typing and viewing", async ({ browser, request }) => {
  const ana = await browser.newContext();
  const luis = await browser.newContext();
  const a = await ana.newPage();
  const b = await luis.newPage();
  const errors: string[] = [];
  for (const p of [a, b]) p.on("pageerror", (e) => errors.push(e.message));
  await openConsole(a, "ana@demo.local");
  await openConsole(b, "luis@demo.local");

  // The demo starts with a few customers of its own (unread): count from where the title is.
  await expect(b.locator("[data-conversation]", { hasText: "Jorge Blanco" })).toBeVisible();
  await b.waitForTimeout(2_500); // view counts refresh at most every 2 s
  const unreadBefore = Number((await b.title()).match(/^\((\d+)\)/)?.[1] ?? 0);
  const customer = await newCustomer(request, "Rocío Prieto", "34611223344");
  await customerWrites(request, customer.id, { type: "text", text: "Hola, mi pedido no ha llegado" });

  // Both consoles show the new conversation without a refresh.
  const rowA = a.locator("[data-conversation]", { hasText: "Rocío Prieto" });
  const rowB = b.locator("[data-conversation]", { hasText: "Rocío Prieto" });
  await expect(rowA).toContainText("mi pedido no ha llegado");
  await expect(rowB).toContainText("mi pedido no ha llegado");
  await expect(rowB.getByTestId("unread")).toHaveText("1");
  await expect(b).toHaveTitle(new RegExp(`^\\(${unreadBefore + 1}\\) Inbox`));

  // Both open it; each sees the other viewing.
  await rowA.click();
  await rowB.click();
  await expect(a.getByTestId("thread")).toContainText("mi pedido no ha llegado");
  await expect(b.getByTestId("viewers")).toContainText("Ana García");
  await expect(a.getByTestId("viewers")).toContainText("Luis");

  // Ana types: Luis sees it.
  await a.getByTestId("composer-input").fill("Hola Rocío, lo mir");
  await expect(b.getByTestId("typing")).toContainText("Ana García is typing");

  // Ana replies: the bubble is there at once, Luis sees it live, and the ticks reach read.
  await a.getByTestId("composer-input").fill("Hola Rocío, *lo miro ahora mismo*");
  await a.getByTestId("composer-input").press("Enter");
  const replyA = a.locator("[data-message]", { hasText: "lo miro ahora mismo" });
  await expect(replyA).toBeVisible();
  await expect(b.locator("[data-message]", { hasText: "lo miro ahora mismo" })).toBeVisible();
  await expect(replyA.locator("[data-status]")).toHaveAttribute("data-status", "read", { timeout: 15_000 });
  await expect(b.locator("[data-message]", { hasText: "lo miro ahora mismo" }).locator("[data-status]")).toHaveAttribute("data-status", "read");
  await expect(replyA.locator(".font-semibold")).toHaveText("lo miro ahora mismo");

  // The customer sends a photo: it renders in both threads once fetched from WhatsApp.
  await customerWrites(request, customer.id, { type: "image" });
  await expect(a.getByTestId("image")).toBeVisible({ timeout: 15_000 });
  await expect(b.getByTestId("image")).toBeVisible({ timeout: 15_000 });
  const size = await a.getByTestId("image").evaluate((img: HTMLImageElement) => img.naturalWidth);
  expect(size).toBeGreaterThan(0);
  // Both have it open: what arrives is read at once, no unread badge comes back.
  await expect(rowB.getByTestId("unread")).toHaveCount(0);
  await expect(rowA.getByTestId("unread")).toHaveCount(0);

  // A private note stays in the desk.
  await a.getByTestId("mode-note").click();
  await a.getByTestId("composer-input").fill("Pedido A-1042, revisar con almacén");
  await a.getByTestId("send").click();
  await expect(b.locator("[data-message]", { hasText: "revisar con almacén" })).toContainText("Private note");
  const state = await (await request.get(`${simulatorURL}/sim/state`)).json();
  const rocio = state.customers.find((c: { name: string }) => c.name === "Rocío Prieto");
  expect(JSON.stringify(rocio.chat)).not.toContain("revisar con almacén");

  // Ana's reply made the conversation hers: Luis sees the assignee and the activity line.
  await expect(b.getByTestId("thread-assignee")).toContainText("Ana García");
  await expect(b.getByTestId("activity").filter({ hasText: "Assigned to Ana García" })).toHaveCount(1);
  expect(errors).toEqual([]);
  await ana.close();
  await luis.close();
});

test("a console whose websocket is cut misses nothing", async ({ browser, request }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  let blocked = false;
  const open: { close: () => Promise<void> }[] = [];
  await page.routeWebSocket(/\/ws/, (ws) => {
    if (blocked) {
      ws.close({ code: 1006 });
      return;
    }
    ws.connectToServer();
    open.push(ws);
  });
  const other = await (await browser.newContext()).newPage();
  await openConsole(page, "supervisor@demo.local");
  await openConsole(other, "ana@demo.local");

  const customer = await newCustomer(request, "Tomás Vidal", "34622334455");
  await customerWrites(request, customer.id, { type: "text", text: "Primer mensaje" });
  await expect(page.locator("[data-conversation]", { hasText: "Tomás Vidal" })).toContainText("Primer mensaje");

  // Cut the socket and keep it down while the customer writes again.
  blocked = true;
  for (const ws of open.splice(0)) await ws.close();
  await expect(page.getByTestId("link")).not.toHaveAttribute("data-state", "live");
  await customerWrites(request, customer.id, { type: "text", text: "Segundo mensaje mientras tanto" });
  await expect(other.locator("[data-conversation]", { hasText: "Tomás Vidal" })).toContainText("Segundo mensaje");

  // Back online: it resumes and shows what happened meanwhile, without a reload.
  blocked = false;
  await expect(page.getByTestId("link")).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  await expect(page.locator("[data-conversation]", { hasText: "Tomás Vidal" })).toContainText("Segundo mensaje");
  await ctx.close();
});

test("the shortcuts overlay opens with ? and keys move through the list", async ({ page, request }) => {
  const c1 = await newCustomer(request, "Elena Ruiz", "34633445566");
  await customerWrites(request, c1.id, { type: "text", text: "Una pregunta" });
  await openConsole(page, "ana@demo.local");
  await expect(page.locator("[data-conversation]", { hasText: "Elena Ruiz" })).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts")).toContainText("Next conversation");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts")).toHaveCount(0);
  await page.keyboard.press("j");
  await expect(page.getByTestId("thread-title")).toBeVisible();
  await page.keyboard.press("r");
  await expect(page.getByTestId("composer-input")).toBeFocused();
  // Search narrows the list.
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await page.keyboard.type("Elena");
  await expect(page.locator("[data-conversation]")).toHaveCount(1);
  await expect(page.locator("[data-conversation]")).toContainText("Elena Ruiz");
});

test("a failed reply is retried once: the failure says why, the old bubble says it was sent again", async ({ page, request }) => {
  const customer = await newCustomer(request, "Irene Bloqueo", "34633440202");
  await customerWrites(request, customer.id, { type: "text", text: "¿Me confirmáis la cita?" });
  await openConsole(page, "ana@demo.local");
  await page.locator("[data-conversation]", { hasText: "Irene Bloqueo" }).click();
  await expect(page.getByTestId("thread")).toContainText("¿Me confirmáis la cita?");

  // She blocked the business: WhatsApp accepts the reply, then it fails as undeliverable.
  expect((await request.post(`${simulatorURL}/sim/customers/${customer.id}/block`, { data: { blocked: true } })).ok()).toBeTruthy();
  await page.getByTestId("composer-input").fill("Sí, el jueves a las 10");
  await page.getByTestId("composer-input").press("Enter");
  const failed = page.locator("[data-message]", { hasText: "el jueves a las 10" }).first();
  // Generous deadlines: a loaded CI machine once needed more than 15 s for the send and its failure.
  await expect(failed.getByTestId("failure")).toContainText("131026", { timeout: 30_000 });

  // Unblocked, Ana retries: one new copy goes out, the failed bubble says so and offers no second retry.
  expect((await request.post(`${simulatorURL}/sim/customers/${customer.id}/block`, { data: { blocked: false } })).ok()).toBeTruthy();
  await failed.getByTestId("failure").getByRole("button", { name: "Retry" }).click();
  await expect(failed.getByTestId("retried")).toBeVisible();
  await expect(failed.getByTestId("failure").getByRole("button", { name: "Retry" })).toBeHidden();
  const copies = page.locator("[data-message]", { hasText: "el jueves a las 10" });
  await expect(copies).toHaveCount(2);
  await expect(copies.nth(1).locator("[data-status]")).toHaveAttribute("data-status", /delivered|read/, { timeout: 30_000 });
});
