import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const debianChromium = "/usr/bin/chromium";
const howToGetOne =
  "Install one (Debian/Ubuntu: apt-get install -y chromium; elsewhere: npx playwright install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary.";

/**
 * The Chromium the e2e tests drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's, else
 * Playwright's own download. Throws, never skips, when there is none.
 */
export function resolveChromium(): string {
  const override = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (override) {
    if (!existsSync(override)) {
      throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${override} does not exist. ${howToGetOne}`);
    }
    return override;
  }
  if (existsSync(debianChromium)) return debianChromium;
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(`No Chromium found for the end-to-end tests. ${howToGetOne}`);
}

/** Keeps Chromium off the network this machine does not have (and quiet on one that does). */
export const chromiumArgs = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
