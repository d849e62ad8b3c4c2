import { test, expect } from "@playwright/test";
import { simulatorURL } from "../playwright.config";
import { hydrated, signIn } from "./helpers";

// A supervisor builds a segment by label, launches a campaign, and watches its funnel move
// live; the customer answers on the phone page and the answer shows in the console after
// the campaign's message, marked with the campaign's name.
test("a supervisor launches a campaign to a labelled segment and watches it live", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1366, height: 900 });

  // A customer on the phone page opts in to promotions (START).
  const phone = await browser.newPage();
  await phone.goto(`${simulatorURL}/phone`);
  await phone.locator("#c-name").fill("Irene Campaña");
  await phone.locator("#c-phone").fill("919810012377");
  await phone.getByRole("button", { name: "Add customer" }).click();
  await expect(phone.locator("#who")).toHaveText("Irene Campaña");
  await phone.locator("#text").fill("START");
  await phone.getByRole("button", { name: "Send" }).click();

  // The supervisor creates a label and puts it on her conversation.
  await signIn(page, "supervisor@demo.local");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/labels");
  await hydrated(page);
  await page.getByTestId("new-label-name").fill("Campaign E2E");
  await page.getByTestId("create-label-submit").click();
  await expect(page.getByTestId("success")).toContainText("Campaign E2E");
  await page.goto("/");
  await hydrated(page);
  await page.locator('[data-view="all"]').click();
  const row = page.locator("[data-conversation]", { hasText: "Irene Campaña" });
  await row.click();
  await expect(page.getByTestId("thread-labels")).toBeVisible();
  await page.keyboard.press("l");
  await page.getByTestId("label-search").pressSequentially("Campaign E2");
  await page.getByTestId("label-search").press("Enter");
  await page.getByTestId("label-search").press("Escape");
  await expect(page.locator('[data-testid="thread-label"][data-label="Campaign E2E"]')).toBeVisible();
  await expect(page.getByTestId("consent-state")).toHaveAttribute("data-consent", "opted_in", { timeout: 15_000 });

  // The campaign: the segment by label, counted live.
  await page.goto("/campaigns");
  await hydrated(page);
  await page.getByTestId("new-campaign").click();
  await page.getByTestId("campaign-name-input").fill("E2E Winter");
  await page.getByTestId("label-rule-Campaign E2E").selectOption("any");
  await expect(page.getByTestId("segment-count")).toHaveText("1 contact", { timeout: 10_000 });
  await page.getByTestId("template-select").selectOption("we_miss_you|en_US");
  await page.getByTestId("replies-queue").check();
  await page.getByTestId("preview-show").click();
  await expect(page.getByTestId("preview-bubble")).toContainText("Hi Irene! It has been a while.");
  await page.getByTestId("review-button").click();
  await expect(page.getByTestId("review-recipients")).toHaveText("1");
  await page.screenshot({ path: "test-results/campaign-editor-1366.png", fullPage: true });
  await page.getByTestId("launch").click();

  // The funnel moves live: sent, delivered.
  await expect(page.getByTestId("campaign-name")).toHaveText("E2E Winter");
  await expect(page.getByTestId("count-delivered")).toContainText("1", { timeout: 20_000 });

  // The customer gets it and answers on the phone.
  await expect(phone.locator(".msg").filter({ hasText: "It has been a while" })).toBeVisible({ timeout: 15_000 });
  await phone.locator("#text").fill("Do you have it in blue?");
  await phone.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("count-replied")).toContainText("1", { timeout: 20_000 });
  await page.screenshot({ path: "test-results/campaign-funnel-1366.png", fullPage: true });

  // In the console the answer follows the campaign's message, marked with its name.
  await page.goto("/");
  await hydrated(page);
  await page.locator('[data-view="all"]').click();
  await page.locator("[data-conversation]", { hasText: "Irene Campaña" }).click();
  const thread = page.getByTestId("thread");
  await expect(thread.getByTestId("campaign-bubble")).toContainText("E2E Winter");
  await expect(thread.getByText("Do you have it in blue?")).toBeVisible();
  expect(errors).toEqual([]);
});

// A supervisor uploads a CSV list: rows are checked (one rejected with its reason), the
// list becomes the audience, a column fills the template, and the customer on the phone
// page gets their own value.
test("a supervisor sends a campaign to an uploaded CSV list", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await browser.newPage();
  await phone.goto(`${simulatorURL}/phone`);
  await phone.locator("#c-name").fill("Lola Lista");
  await phone.locator("#c-phone").fill("919810012388");
  await phone.getByRole("button", { name: "Add customer" }).click();
  await expect(phone.locator("#who")).toHaveText("Lola Lista");

  await signIn(page, "supervisor@demo.local");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/campaigns");
  await hydrated(page);
  await page.getByTestId("new-campaign").click();
  await page.getByTestId("campaign-name-input").fill("E2E List");
  await page.getByTestId("audience-from-list").check();
  await page.getByTestId("list-opted-in").check();
  await page.getByTestId("list-file").setInputFiles({
    name: "vip.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("phone,name,coupon\n+919810012388,Lola Lista,LOLA25\nnot a number,Nobody,X\n"),
  });
  await expect(page.getByTestId("list-summary")).toContainText("Accepted: 1 · new contacts: 1 · rejected rows: 1");
  await expect(page.getByTestId("list-rejected")).toContainText("The phone is not a phone number");
  await expect(page.getByTestId("segment-count")).toHaveText("1 contact", { timeout: 10_000 });
  await page.getByTestId("template-select").selectOption("we_miss_you|en_US");
  await page.getByTestId("slot-body.1").locator("select").selectOption("column");
  await page.getByTestId("slot-body.1").locator("input").first().fill("coupon");
  await page.getByTestId("slot-body.1").locator("input").first().press("Tab");
  await page.getByTestId("preview-show").click();
  await expect(page.getByTestId("preview-bubble")).toContainText("Hi LOLA25!");
  await page.getByTestId("review-button").click();
  await expect(page.getByTestId("review-recipients")).toHaveText("1");
  await page.screenshot({ path: "test-results/campaign-list-390.png", fullPage: true });
  await page.getByTestId("launch").click();
  await expect(page.getByTestId("campaign-name")).toHaveText("E2E List");
  await expect(phone.locator(".msg").filter({ hasText: "Hi LOLA25!" })).toBeVisible({ timeout: 20_000 });
  expect(errors).toEqual([]);
});
