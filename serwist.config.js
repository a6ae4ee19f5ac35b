// @ts-check
// Builds public/sw.js after `next build` (configurator mode: works with Turbopack and precaches
// every prerendered page, the /~offline fallback among them). Run by `npm run build`.
import { serwist } from "@serwist/next/config";

export default serwist({ swSrc: "app/sw.ts", swDest: "public/sw.js" });
