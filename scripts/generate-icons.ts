/**
 * Renders the Jotboard mark to the PNG icons the manifest and iOS need, with Chromium, so the
 * artwork has one source (the SVG below). Run: npx tsx scripts/generate-icons.ts
 */
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumArgs, resolveChromium } from "../e2e/chromium";

const accent = "#4f46e5";

/** The mark: a rounded tile with a J and a small check, drawn on a 512 unit grid. */
function markSvg({ maskable }: { maskable: boolean }): string {
  // Maskable icons are cropped to a circle of 80%: keep the glyph inside that safe zone.
  const scale = maskable ? 0.62 : 0.78;
  const offset = (512 - 512 * scale) / 2;
  const tile = maskable
    ? `<rect width="512" height="512" fill="${accent}"/>`
    : `<rect width="512" height="512" rx="112" fill="${accent}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${tile}
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <path d="M300 96h72v208c0 70-52 118-124 118s-124-48-124-112h72c0 28 22 46 52 46s52-20 52-52z" fill="#fff"/>
    <path d="M330 392l40 40 88-96" fill="none" stroke="#a5b4fc" stroke-width="28" stroke-linecap="round" stroke-linejoin="round"/>
  </g></svg>`;
}

const outputs = [
  { file: "public/icons/icon-192.png", size: 192, maskable: false },
  { file: "public/icons/icon-512.png", size: 512, maskable: false },
  { file: "public/icons/maskable-192.png", size: 192, maskable: true },
  { file: "public/icons/maskable-512.png", size: 512, maskable: true },
  { file: "public/icons/apple-touch-icon.png", size: 180, maskable: true },
];

mkdirSync("public/icons", { recursive: true });
const browser = await chromium.launch({ executablePath: resolveChromium(), args: chromiumArgs });
const page = await browser.newPage();
for (const { file, size, maskable } of outputs) {
  await page.setViewportSize({ width: size, height: size });
  const svg = markSvg({ maskable }).replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({
    path: file,
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  console.log(`wrote ${file}`);
}
await browser.close();
