import { test, expect, type Page } from "@playwright/test";
import * as crypto from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A webhook receiver on a loopback port: records every request and answers 204. */
async function receiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((done) => server.close(() => done()));
  return { received, url: `http://127.0.0.1:${port}/buzon-hook`, close };
}

async function openIntegrations(page: Page) {
  await signIn(page, "admin@demo.local");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/settings/integrations");
  await hydrated(page);
}

test("an admin creates a token (shown once), uses it on the API, gets signed webhook deliveries in the log, and revokes it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const hook = await receiver();
  try {
    await openIntegrations(page);
    await expect(page.getByTestId("api-base-url")).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    await expect(page.getByTestId("openapi-link")).toHaveAttribute("href", "/api/v1/openapi.json");

    // A write token, shown once.
    await page.getByTestId("token-name").fill("E2E CRM");
    await page.getByTestId("token-scope").selectOption("write");
    await page.getByTestId("create-token-submit").click();
    await expect(page.getByTestId("new-token-box")).toContainText("won't be shown again");
    const token = await page.getByTestId("new-token").inputValue();
    expect(token).toMatch(/^bzn_[A-Za-z0-9]{32}$/);
    const row = page.locator('[data-testid="token-row"][data-token="E2E CRM"]');
    await expect(row.getByTestId("token-prefix")).toHaveText(`${token.slice(0, 12)}…`);
    await expect(row).toContainText("Write");
    await expect(row).toContainText("Alex Admin");

    // After a reload only the prefix is left.
    await page.reload();
    await hydrated(page);
    await expect(row.getByTestId("token-prefix")).toHaveText(`${token.slice(0, 12)}…`);
    await expect(page.getByTestId("new-token-box")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    const auth = { Authorization: `Bearer ${token}` };
    const listed = await request.get("/api/v1/conversations", { headers: auth });
    expect(listed.status()).toBe(200);
    expect(Array.isArray((await listed.json()).data)).toBeTruthy();

    // An endpoint on a loopback address is refused until private addresses are allowed.
    await page.getByTestId("add-endpoint").click();
    const form = page.getByTestId("webhook-form");
    await form.getByTestId("webhook-url").fill(hook.url);
    await form.getByTestId("webhook-description").fill("E2E receiver");
    await form.getByTestId("webhook-submit").click();
    await expect(form.getByTestId("error")).toContainText("private or local network address");
    await expect(page.getByTestId("endpoint-row")).toHaveCount(0);
    await form.getByTestId("webhook-allow-private").check();
    await form.getByTestId("webhook-submit").click();
    await expect(page.getByTestId("new-secret-box")).toContainText("X-Buzon-Signature");
    const secret = await page.getByTestId("new-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = page.locator(`[data-testid="endpoint-row"][data-url="${hook.url}"]`);
    await expect(endpoint.getByTestId("badge-private")).toBeVisible();
    await expect(endpoint.getByTestId("endpoint-events")).toContainText("message.created");

    // A customer writes; a note through the API is a message.created event.
    const customer = await (await request.post(`${simulatorURL}/sim/customers`, {
      data: { name: "Webhook Wanda", wa_id: "34655001122", lang: "en", human: true },
    })).json();
    expect((await request.post(`${simulatorURL}/sim/customers/${customer.id}/messages`, {
      data: { type: "text", text: "Is my order on its way?" },
    })).ok()).toBeTruthy();
    let conversationId: number | undefined;
    await expect(async () => {
      const list = await (await request.get("/api/v1/conversations?limit=100", { headers: auth })).json();
      conversationId = list.data.find((c: any) => c.contact.wa_id === "34655001122")?.id;
      expect(conversationId).toBeDefined();
    }).toPass({ timeout: 15_000 });
    const note = await request.post(`/api/v1/conversations/${conversationId}/messages`, {
      headers: auth,
      data: { type: "note", text: "E2E webhook note" },
    });
    expect(note.status()).toBe(201);

    // It arrives at the receiver, signed with the secret shown once.
    let arrived: Received | undefined;
    await expect.poll(() => {
      arrived = hook.received.find((r) => {
        const body = JSON.parse(r.body);
        return body.type === "message.created" && body.data?.message?.text === "E2E webhook note";
      });
      return arrived !== undefined;
    }, { timeout: 30_000 }).toBe(true);
    expect(arrived!.headers["x-buzon-event"]).toBe("message.created");
    const signature = String(arrived!.headers["x-buzon-signature"]);
    const { t, v1 } = Object.fromEntries(signature.split(",").map((p) => p.split("=", 2)));
    const expected = crypto.createHmac("sha256", secret).update(`${t}.${arrived!.body}`).digest("hex");
    expect(v1).toBe(expected);

    // The delivery log shows it delivered.
    const deliveryId = String(arrived!.headers["x-buzon-delivery"]);
    await endpoint.getByTestId("show-deliveries").click();
    const delivered = endpoint.locator(`[data-testid="delivery-row"][data-delivery="${deliveryId}"]`);
    await expect(async () => {
      await endpoint.getByTestId("refresh-deliveries").click();
      await expect(delivered).toHaveAttribute("data-state", "delivered", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(delivered.getByTestId("delivery-status")).toHaveText("204");
    await expect(delivered).toHaveAttribute("data-attempts", "1");
    await expect(delivered).toHaveAttribute("data-event", "message.created");

    // Revoked: the API refuses the token at once.
    await row.getByTestId("revoke-token").click();
    await expect(page.getByTestId("confirm")).toContainText("E2E CRM");
    await page.getByTestId("confirm-button").click();
    await expect(row).toHaveAttribute("data-revoked", "true");
    await expect(row.getByTestId("token-status")).toContainText("Revoked");
    const refused = await request.get("/api/v1/conversations", { headers: auth });
    expect(refused.status()).toBe(401);

    // Deleting the endpoint takes it off the list.
    await endpoint.getByTestId("delete-endpoint").click();
    await page.getByTestId("confirm-button").click();
    await expect(page.getByTestId("endpoint-row")).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await hook.close();
  }
});

test("supervisors and agents may not open Integrations nor call its server functions", async ({ browser }) => {
  for (const email of ["supervisor@demo.local", "ana@demo.local"]) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('a[data-nav="/settings/integrations"]')).toHaveCount(0);
    const response = await page.goto("/settings/integrations");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    const screen = await page.request.post("/api/integrations/screen");
    expect(screen.status()).toBe(403);
    const create = await page.request.post("/api/integrations/tokens/create", {
      form: { name: "sneaky", scope: "admin" },
    });
    expect(create.status()).toBe(403);
  }
});
