import { expect, test, type Page } from "@playwright/test";
import { baseURL, demoPassword } from "../playwright.config";
import { hydrated, screens, signIn } from "./helpers";

// Every screen in every language, wide and narrow (docs/i18n.md): no untranslated key shows
// (the runtime writes a missing one as ⟦key⟧; the build refuses most before that), the page
// says its language, and no text spills out of its box or makes the page scroll sideways.

const languages = [
  { code: "en", button: "English", title: "Inbox" },
  { code: "es", button: "Español", title: "Bandeja" },
  { code: "pt-BR", button: "Português (Brasil)", title: "Caixa de entrada" },
];


const widths = [1366, 390];

/** Texts wider than their own box (spilling out, not scrolled or cut with an ellipsis). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    const scrolls = (el: Element | null): boolean => {
      for (let at = el; at; at = at.parentElement) {
        const x = getComputedStyle(at).overflowX;
        if (x === "auto" || x === "scroll") return true;
      }
      return false;
    };
    if (root.scrollWidth > window.innerWidth + 1) {
      // Name the widest boxes that stick out (not inside something that scrolls itself).
      const culprits = Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((e) => !scrolls(e.parentElement))
        .slice(-3)
        .concat(
          Array.from(document.querySelectorAll("body *"))
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 4),
        )
        .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}">`);
      found.push(
        `the page scrolls sideways (${root.scrollWidth}px > ${window.innerWidth}px): ${culprits.join(" ")}`,
      );
    }
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      if (!(el instanceof HTMLElement) || el.offsetParent === null) continue;
      const ownText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "",
      );
      if (!ownText || el.clientWidth === 0) continue;
      const style = getComputedStyle(el);
      if (style.textOverflow === "ellipsis" || style.display === "inline") continue;
      if (el.scrollWidth > el.clientWidth + 1 && !scrolls(el)) {
        found.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? "").trim().slice(0, 60)}"`);
      }
    }
    return found;
  });
}

async function chooseLanguage(page: Page, button: string) {
  await page.goto("/account");
  await hydrated(page);
  await page.getByRole("button", { name: button, exact: true }).click();
}

test.describe("every screen in every language", () => {
  test.afterAll(async ({ request }) => {
    // Back to English for the other specs, whatever happened above.
    const reply = await request.post("/api/login", {
      form: { email: "admin@demo.local", password: demoPassword },
      headers: { Origin: baseURL },
    });
    expect(reply.status()).toBeLessThan(400);
    const reset = await request.post("/api/account/language", {
      form: { language: "en" },
      headers: { Origin: baseURL },
    });
    expect(reset.status()).toBeLessThan(400);
  });

  for (const lang of languages) {
    test(`${lang.code}: translated, and nothing overflows at ${widths.join(" and ")} px`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await signIn(page, "admin@demo.local");
      await expect(page).toHaveURL(/\/$/);
      await chooseLanguage(page, lang.button);
      await expect(page.locator("html")).toHaveAttribute("lang", lang.code);
      const problems: string[] = [];
      for (const width of widths) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of screens) {
          await page.goto(path);
          await hydrated(page);
          await expect(page.locator("html")).toHaveAttribute("lang", lang.code);
          const text = await page.locator("body").innerText();
          if (text.includes("⟦")) {
            problems.push(`${path} @${width}: untranslated ${text.match(/⟦[^⟧]*⟧/)?.[0]}`);
          }
          for (const spill of await overflowing(page)) {
            problems.push(`${path} @${width}: ${spill}`);
          }
        }
      }
      await page.goto("/");
      await hydrated(page);
      await expect(page.getByRole("heading", { name: lang.title }).first()).toBeVisible();
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
});
