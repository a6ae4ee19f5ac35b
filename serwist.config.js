// @ts-check
// Builds public/sw.js after `next build` (configurator mode: works with Turbopack). Every page
// renders per request (CSP nonces), so the offline fallback is precached by name; its cached
// response keeps the CSP header whose nonce matches its HTML. Run by `npm run build`.
import { randomUUID } from "node:crypto";
import { serwist } from "@serwist/next/config";

export default serwist({
  swSrc: "app/sw.ts",
  swDest: "public/sw.js",
  additionalPrecacheEntries: [{ url: "/~offline", revision: randomUUID() }],
});
