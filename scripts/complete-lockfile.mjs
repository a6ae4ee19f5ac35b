// Adds lockfile entries for optional, platform-specific packages that this machine's npm
// registry does not carry (it serves Linux builds only), so `npm ci` sees the lock in sync.
// They are marked optional with their os/cpu, so npm skips them on Linux; on macOS or Windows
// npm fetches them from the public registry as usual. Run after any `npm install`.
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const platforms = [
  ["android", "android"],
  ["darwin", "darwin"],
  ["freebsd", "freebsd"],
  ["win32", "win32"],
  ["linux", "linux"],
  ["wasm32", "wasi"],
];
const cpus = [
  ["arm64", "arm64"],
  ["x64", "x64"],
  ["arm-", "arm"],
  ["ia32", "ia32"],
  ["wasm32", "wasm32"],
];

function guess(name) {
  const os = platforms.find(([marker]) => name.includes(marker))?.[1];
  const cpu = cpus.find(([marker]) => name.includes(marker))?.[1];
  const libc = name.includes("musl")
    ? ["musl"]
    : name.includes("linux") && name.includes("gnu")
      ? ["glibc"]
      : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[base] || lock.packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = guess(name);
    if (!os && !cpu) continue;
    lock.packages[`node_modules/${name}`] = {
      version: version.replace(/^[\^~=]/, ""),
      dev: entry.dev || undefined,
      optional: true,
      ...(os && os !== "wasi" && { os: [os] }),
      ...(cpu && { cpu: [cpu] }),
      ...(libc && { libc }),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
  ),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
