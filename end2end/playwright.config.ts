import { defineConfig } from "@playwright/test";

// The suite runs buzon in demo mode, on a throw-away SQLite file, in Debian's Chromium (no
// browser download). BUZON_BIN picks the binary: `make test` passes the one its integration
// tests already built (docs/testing.md); by default the release build.
const buzon = process.env.BUZON_BIN ?? "target/release/buzon";
const port = process.env.E2E_PORT ?? "3310";
export const baseURL = `http://127.0.0.1:${port}`;
export const demoPassword = "demo-e2e-password";
export const simulatorURL = `http://127.0.0.1:${Number(port) + 100}`;

export default defineConfig({
  testDir: "./tests",
  // A debug wasm build on a CI machine that is also compiling: 30 s proved too tight.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf end2end/.data && exec ${buzon} demo`,
    cwd: "..",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      BUZON_ADDR: `127.0.0.1:${port}`,
      BUZON_DATA_DIR: "end2end/.data",
      BUZON_DEMO_PASSWORD: demoPassword,
      DATABASE_URL: "",
      BUZON_SIMULATOR_ADDR: `127.0.0.1:${Number(port) + 100}`,
      BUZON_SIM_CUSTOMER_EVERY: "off",
      // Most specs expect customers to land in the queue; bot.spec.ts switches the bot on.
      BUZON_DEMO_BOT: "off",
      RUST_LOG: "warn",
    },
  },
});
