import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { newAccount, SignUpPage, signInViaApi } from "./support/accounts";
import { liveUpdatesReady, nextViewUpdate, whenTextAppears } from "./support/live-updates";
import { NotesPage } from "./support/notes";

/** A page of `context` at `path`, once its live-update client is listening. */
async function listeningPage(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const ready = liveUpdatesReady(page);
  await page.goto(path);
  const socket = await ready;
  // Set on this document: a reload would lose it.
  await page.evaluate(() => {
    (window as { notReloaded?: boolean }).notReloaded = true;
  });
  return { page, socket };
}

function notReloaded(page: Page) {
  return page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded === true);
}

test("a note edited on one device appears on the other's open list without a reload, and leaves its open editor's text alone", async ({
  page,
  browser,
}) => {
  // Two devices, two sign-ins and a stretch of typing: more than one page's worth of time.
  test.slow();
  const account = newAccount("live");
  await new SignUpPage(page).signUp(account);
  const deviceA = new NotesPage(page);
  const plan = await deviceA.createViaApi({ title: "Plan", content: "first" });
  const other = await deviceA.createViaApi({ title: "Other", content: "" });

  const deviceB = await browser.newContext();
  expect((await signInViaApi(deviceB.request, account.email, account.password)).ok).toBe(true);
  const { page: listB, socket: listSocket } = await listeningPage(deviceB, "/notes");
  const listOnB = new NotesPage(listB);
  await expect(listOnB.cardTitles()).toHaveText(["Other", "Plan"]);
  const { page: editorB } = await listeningPage(deviceB, `/notes/${other.noteId}`);
  const editorOnB = new NotesPage(editorB);

  // B types steadily in the other note while A edits the plan in its own editor, so the view
  // refreshes in the middle of B's typing.
  const typed = "B keeps typing through the refresh, every single word of it.";
  const editorRefreshed = nextViewUpdate(editorB);
  const typing = editorOnB.content().pressSequentially(typed, { delay: 40 });
  await page.goto(`/notes/${plan.noteId}`);
  await deviceA.title().fill("Plan, edited on A");
  await deviceA.expectSaved();

  // (In either order: B's own saves of the other note move it up too.)
  await expect(listOnB.cardTitles()).toContainText(["Plan, edited on A"]);
  await expect(listOnB.cardTitles().getByText("Plan", { exact: true })).toHaveCount(0);
  expect(await notReloaded(listB)).toBe(true);

  await editorRefreshed;
  await typing;
  expect(await notReloaded(editorB)).toBe(true);
  await expect(editorOnB.content()).toHaveValue(typed);
  await editorOnB.expectSaved();
  const stored = await (await deviceB.request.get(`/api/notes/${other.noteId}`)).json();
  expect(stored.content).toBe(typed);

  // Signing out on B ends its live-update connection.
  const closed = listSocket.waitForEvent("close");
  await listB.getByRole("button", { name: "Sign out" }).click();
  await closed;
  await deviceB.close();
});

// Not a pass/fail bound: prints how long a save on A takes to show on B (issue 13 asks ≤ 1 s p95).
test("measures save on A → shown on B over 20 edits", async ({ page, browser }) => {
  test.slow();
  const account = newAccount("latency");
  await new SignUpPage(page).signUp(account);
  let note = await new NotesPage(page).createViaApi({ title: "Edit 0", content: "" });
  const deviceB = await browser.newContext();
  expect((await signInViaApi(deviceB.request, account.email, account.password)).ok).toBe(true);
  const { page: listB } = await listeningPage(deviceB, "/notes");

  const fromSend: number[] = [];
  const fromCommit: number[] = [];
  for (let edit = 1; edit <= 20; edit++) {
    const title = `Edit ${edit}`;
    const shown = whenTextAppears(listB, title);
    const sent = Date.now();
    const response = await page.request.patch(`/api/notes/${note.noteId}`, {
      data: { version: note.version, title },
    });
    const committed = Date.now();
    expect(response.status()).toBe(200);
    note = { noteId: note.noteId, version: (await response.json()).version };
    const at = await shown;
    fromSend.push(at - sent);
    fromCommit.push(at - committed);
  }
  const percentile = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
  console.log(
    `live update A save → B shown over ${fromSend.length} edits: from send p50 ${percentile(fromSend, 0.5)} ms, p95 ${percentile(fromSend, 0.95)} ms; from the answer p50 ${percentile(fromCommit, 0.5)} ms`,
  );
  expect(await notReloaded(listB)).toBe(true);
  await deviceB.close();
});
