import { expect, type Page } from "@playwright/test";
import { ownAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";
import { ReplicaDevice } from "./support/replica";
import { NoteSearchBox } from "./support/search";
import { TasksPage } from "./support/tasks";

// The pages' own requests, as the tests route them (a service worker would answer some itself).
test.use({ serviceWorkers: "block" });

/** The notes list with the replica filled: search answers on the device from here on. */
async function searchOnDevice(page: Page) {
  // The first sync fills the replica before the device answers: more than a plain page test.
  test.slow();
  await page.goto("/notes");
  const search = new NoteSearchBox(page);
  // Focusing the box loads the engine; the click is also the interaction the first sync waits for.
  await search.box().click();
  await new ReplicaDevice(page).ready();
  return search;
}

test("results appear while typing, notes and tasks in one ranked list, the match highlighted", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  await notes.createViaApi({
    title: "Quarterly budget",
    content: "Numbers for the budget review.",
  });
  await notes.createViaApi({ title: "Garden", content: "Plant tomatoes; mind the budget." });
  await notes.createViaApi({ title: "Holiday", content: "Beaches." });
  await new TasksPage(page).createViaApi({ description: "Send the budget to Sam" });
  const search = await searchOnDevice(page);

  await search.type("budg");
  await expect(search.results()).toHaveCount(3);
  // The title match first; the task in the same list.
  await expect(search.results().first()).toContainText("Quarterly budget");
  await expect(search.results().filter({ hasText: "Send the budget to Sam" })).toContainText(
    "Task",
  );
  await expect(search.count()).toHaveText("3 results");
  await expect(search.marks().first()).toHaveText("budget");
  await expect(search.results().first().getByRole("link")).toHaveAttribute("href", /^\/notes\//);
  // Nothing was submitted: no Enter, no server search.
  expect(new URL(page.url()).search).toBe("");

  await search.type("budget tomatoes");
  await expect(search.results()).toHaveCount(1);
  await expect(search.results().first()).toContainText("Garden");
});

test("a typo still finds the note, #tag filters, and CJK text is found", async ({ page }) => {
  const notes = new NotesPage(page);
  await notes.createViaApi({ title: "Meeting notes", content: "Agenda and decisions." });
  await notes.createViaApi({
    title: "Plan",
    content: "Work plan for the meeting.",
    tags: ["work"],
  });
  await notes.createViaApi({ title: "周会记录", content: "我们讨论了下季度的预算和招聘计划。" });
  const search = await searchOnDevice(page);

  await search.type("meetng");
  await expect(search.results()).toHaveCount(2);
  await expect(search.results().first()).toContainText("Meeting notes");

  await search.type("#work");
  await expect(search.results()).toHaveCount(1);
  await expect(search.results().first()).toContainText("Plan");
  await search.type("meeting #work");
  await expect(search.results()).toHaveCount(1);

  await search.type("预算");
  await expect(search.results()).toHaveCount(1);
  await expect(search.results().first()).toContainText("周会记录");
  await expect(search.marks().first()).toHaveText("预算");

  await search.type("nothing-like-this");
  await expect(search.count()).toHaveText("No notes or tasks match.");
});

test("search works offline, and follows a note changed on another device", async ({
  page,
  context,
}) => {
  const notes = new NotesPage(page);
  const { noteId, version } = await notes.createViaApi({ title: "Packing list", content: "Tent" });
  const search = await searchOnDevice(page);
  await search.type("tent");
  await expect(search.results()).toHaveCount(1);

  // Another device renames it: the pull re-indexes just that note.
  const patched = await page.request.patch(`/api/notes/${noteId}`, {
    data: { version, title: "Camping gear" },
  });
  expect(patched.ok()).toBe(true);
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(search.results().first()).toContainText("Camping gear");

  await context.setOffline(true);
  await search.type("campng");
  await expect(search.results()).toHaveCount(1);
  await expect(search.results().first()).toContainText("Camping gear");
  await context.setOffline(false);
});

test("without a replica the box submits to the server's search", async ({ page, context }) => {
  await context.route("**/api/sync/**", (route) => route.abort());
  const notes = new NotesPage(page);
  await notes.createViaApi({ title: "Server only", content: "Found by the server." });
  await notes.search("server");
  await expect(page).toHaveURL(/q=server/);
  await expect(notes.cards()).toHaveCount(1);
  await expect(page.getByRole("list", { name: "Search results" })).toHaveCount(0);
});
