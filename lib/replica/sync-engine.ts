/**
 * Keeps this device's replica current (issue 13 §2): a first sync by snapshot pages, then pulls
 * of the changes after the cursor on a poke, on focus, when the connection returns and every
 * minute. One job at a time (a snapshot page is fetched while the one before is stored); what
 * asks meanwhile is coalesced into one more pull. The transitions are pure
 * (lib/replica/sync-machine.ts); this module runs the jobs they ask for.
 */
import { endDeviceSession } from "@/lib/offline/device-data";
import { claimForUser } from "@/lib/offline/store";
import { hasReplicaCookie, setReplicaCookie } from "@/lib/replica/cookie";
import {
  applyChanges,
  applySnapshotPage,
  markFilling,
  replicaStatus,
  startOver,
  syncPosition,
} from "@/lib/replica/store";
import {
  idleMachine,
  type SyncEvent,
  type SyncJob,
  type SyncOutcome,
  stepSync,
} from "@/lib/replica/sync-machine";
import { type ChangesAnswer, type SnapshotPage, snapshotGzipType } from "@/lib/sync/types";

export const pullIntervalMs = 60_000;
const requestTimeoutMs = 20_000;

let machine = idleMachine;
let userId: string | undefined;
/** Settles once the device is claimed for the user (another person's leftovers wiped). */
let claimed: Promise<boolean> = Promise.resolve(false);
// A stopped engine's job that ends later must not step a newer engine's machine.
let generation = 0;
let idleWaiters: (() => void)[] = [];
/** This engine has seen the replica: if it is gone later, the session ended on this device. */
let sawReplica = false;

function dispatch(event: SyncEvent) {
  const step = stepSync(machine, event);
  machine = step.state;
  if (step.run) void run(step.run, generation);
  if (!machine.running) {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

async function run(job: SyncJob, mine: number) {
  if (job === "wipe") return wipe();
  if (job === "start-over") {
    await startOver().catch(() => undefined);
    if (mine === generation) dispatch({ type: "started-over" });
    return;
  }
  let outcome: SyncOutcome | "wiped";
  try {
    outcome = await syncOnce();
  } catch {
    outcome = "failed";
  }
  if (mine !== generation) return;
  if (outcome === "wiped") return stopSync();
  if (outcome !== "unauthorized") await markReady();
  dispatch({ type: "finished", outcome });
}

type Fetched<T> = T | "unauthorized" | "refused" | "failed";

async function getJson<T>(url: string, accept?: string): Promise<Fetched<T>> {
  // A request the server never answers must not hold every later pull behind it; one whose
  // answer keeps arriving (a snapshot page of a few MB on a slow link) is not given up on.
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), requestTimeoutMs);
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), requestTimeoutMs);
  };
  try {
    const response = await fetch(url, {
      cache: "no-store",
      credentials: "same-origin",
      signal: controller.signal,
      ...(accept && { headers: { accept } }),
    });
    if (response.status === 401) return "unauthorized";
    if (response.status === 400) return "refused";
    if (!response.ok || !response.body) return "failed";
    // A snapshot page compressed by the app itself (lib/sync/compress.ts).
    const gzipped = response.headers.get("content-type") === snapshotGzipType;
    const body = gzipped
      ? response.body.pipeThrough(new DecompressionStream("gzip"))
      : response.body;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      alive();
      text += decoder.decode(chunk.value, { stream: true });
    }
    return JSON.parse(text + decoder.decode()) as T;
  } catch {
    return "failed";
  } finally {
    clearTimeout(timer);
  }
}

const snapshotUrl = (page: string | undefined) =>
  page ? `/api/sync/snapshot?page=${encodeURIComponent(page)}` : "/api/sync/snapshot";

/**
 * The next snapshot page, asked for while the last one is being stored (IndexedDB's writes and
 * the network overlap); taken only by the request for that very page.
 */
let readAhead:
  | { readonly page: string; readonly answer: Promise<Fetched<SnapshotPage>> }
  | undefined;

function snapshotRequest(page: string | undefined): Promise<Fetched<SnapshotPage>> {
  const ahead = readAhead;
  readAhead = undefined;
  if (page && ahead?.page === page) return ahead.answer;
  return getSnapshotPage(page);
}

const getSnapshotPage = (page: string | undefined) =>
  getJson<SnapshotPage>(snapshotUrl(page), `${snapshotGzipType}, application/json;q=0.5`);

/** One request: a snapshot page while the replica has no cursor, else a pull. */
async function syncOnce(): Promise<SyncOutcome | "wiped"> {
  const position = await syncPosition();
  // Signing out in another tab deleted the database under this one: its session is over too,
  // and that tab is already on its way out (a snapshot now would only meet a 401).
  if (position.state === "absent" && sawReplica) return "wiped";
  if (position.state !== "absent") sawReplica = true;
  if (position.feedCursor) {
    const answer = await getJson<ChangesAnswer>(
      `/api/sync/changes?cursor=${encodeURIComponent(position.feedCursor)}`,
    );
    if (answer === "unauthorized" || answer === "failed") return answer;
    // A cursor the server cannot read is as good as a too old one.
    if (answer === "refused" || answer.kind === "start-over") return "start-over";
    // The cursor moved while the answer was on its way (another tab, a start-over): it is old
    // news; pull again from where the replica is now.
    if (!(await applyChanges(answer.changes, answer.cursor, position.feedCursor))) return "more";
    return answer.more ? "more" : "caught-up";
  }
  if (position.state === "absent") await markFilling();
  const page = await snapshotRequest(position.snapshotPage);
  if (page === "unauthorized" || page === "failed") return page;
  // A page token the server no longer takes: the snapshot begins again.
  if (page === "refused") return "start-over";
  if (page.page) {
    const next = page.page;
    readAhead = { page: next, answer: getSnapshotPage(next) };
  }
  await applySnapshotPage(page);
  // After the last page, a pull takes what changed while the pages were read.
  return "more";
}

/** Server pages may draw from the replica once it is filled (see lib/server/page-context.ts). */
async function markReady() {
  const user = userId;
  if (!user || hasReplicaCookie(user)) return;
  if ((await replicaStatus().catch(() => undefined))?.state === "ready") setReplicaCookie(user);
}

/** The session is gone (a 401): nothing of it stays on the device; then sign-in. */
async function wipe() {
  stopSync();
  await endDeviceSession();
}

/**
 * Asks for a pull now (coalesced with one in flight); resolves once the engine is idle again.
 * Does nothing before the engine started (the app shell starts it) or after a wipe.
 */
export async function pullNow(): Promise<void> {
  const mine = generation;
  if (!(await claimed) || mine !== generation || machine.stopped) return;
  return new Promise((resolve) => {
    idleWaiters.push(resolve);
    dispatch({ type: "request" });
  });
}

/** Stops every trigger; a job in flight ends without effect on a later engine. */
let stopTriggers: (() => void) | undefined;

export function stopSync(): void {
  generation++;
  readAhead = undefined;
  stopTriggers?.();
  stopTriggers = undefined;
  userId = undefined;
  sawReplica = false;
  claimed = Promise.resolve(false);
  machine = idleMachine;
  const waiters = idleWaiters;
  idleWaiters = [];
  for (const resolve of waiters) resolve();
}

/** Starts syncing `user`'s replica (after wiping another person's leftovers); returns the stop. */
export function startSync(user: string): () => void {
  stopSync();
  const mine = generation;
  const pull = () => void pullNow();
  const onVisible = () => {
    if (document.visibilityState === "visible") pull();
  };
  window.addEventListener("focus", pull);
  window.addEventListener("online", pull);
  document.addEventListener("visibilitychange", onVisible);
  const timer = setInterval(pull, pullIntervalMs);
  stopTriggers = () => {
    window.removeEventListener("focus", pull);
    window.removeEventListener("online", pull);
    document.removeEventListener("visibilitychange", onVisible);
    clearInterval(timer);
  };
  userId = user;
  claimed = claimForUser(user).then(
    () => true,
    () => false,
  );
  pull();
  return () => {
    if (mine === generation) stopSync();
  };
}
