import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createNote, trashNote } from "@/lib/db/notes-repository";
import { createUser } from "@/lib/db/users-repository";
import { findNotes, isInTrash } from "@/lib/notes/service";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
  // Searches count against the person's limit, which reads its scale from the environment.
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
});

async function newUser() {
  const user = await createUser(cloud.database, {
    email: `find-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  return user.userId;
}

async function note(userId: string, title: string, fields: { content?: string; tags?: string[] }) {
  const { note } = await createNote(cloud.database, userId, {
    title,
    content: fields.content ?? "",
    pinned: false,
    tags: fields.tags ?? [],
  });
  return note;
}

const titles = (page: { items: readonly { title: string }[] }) =>
  page.items.map((card) => card.title).sort();

describe("findNotes", () => {
  it("reads #tag in the query as a tag filter, alone or with words and ?tag=", async () => {
    const userId = await newUser();
    await note(userId, "Quarterly plan", { tags: ["work", "plans"] });
    await note(userId, "Work diary", { content: "too much work today" });
    await note(userId, "Holiday plan", { tags: ["home", "plans"] });
    const other = await newUser();
    await note(other, "Someone else's work", { tags: ["work"] });

    const find = (q: string, tag?: string) => findNotes(cloud.database, userId, { q, tag });
    expect(titles(await find("#work"))).toEqual(["Quarterly plan"]);
    expect(titles(await find("#WORK quarterly"))).toEqual(["Quarterly plan"]);
    expect(titles(await find("#work holiday"))).toEqual([]);
    expect(titles(await find("#plans"))).toEqual(["Holiday plan", "Quarterly plan"]);
    expect(titles(await find("#plans #home"))).toEqual(["Holiday plan"]);
    expect(titles(await find("#plans", "work"))).toEqual(["Quarterly plan"]);
    expect(titles(await find("work"))).toEqual(["Quarterly plan", "Work diary"]);
  });

  it("finds every word in any case in title, text or tags, a page at a time", async () => {
    const userId = await newUser();
    await note(userId, "Meeting NOTES", { content: "agenda" });
    await note(userId, "Plain", { content: "The quarterly MEETING went fine" });
    await note(userId, "Tagged", { content: "nothing to see", tags: ["meetings"] });
    await note(userId, "Elsewhere", { content: "no match" });
    await note(userId, "Mixed", { content: "A Meeting about the Agenda" });

    const first = await findNotes(cloud.database, userId, { q: "MEETING", limit: 2 });
    expect(first.items.map((card) => card.title)).toEqual(["Mixed", "Tagged"]);
    const rest = await findNotes(cloud.database, userId, {
      q: "MEETING",
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(rest.items.map((card) => card.title)).toEqual(["Plain", "Meeting NOTES"]);
    expect(titles(await findNotes(cloud.database, userId, { q: "meeting agenda" }))).toEqual([
      "Meeting NOTES",
      "Mixed",
    ]);
    expect(titles(await findNotes(cloud.database, userId, { q: "meeting #meetings" }))).toEqual([
      "Tagged",
    ]);
  });

  it("answers a shorter page when asked, for a picker's suggestions", async () => {
    const userId = await newUser();
    for (const title of ["one", "two", "three"]) await note(userId, title, {});
    const page = await findNotes(cloud.database, userId, { limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeDefined();
  });

  it("tells whether a note of this user is in the trash now", async () => {
    const userId = await newUser();
    const binned = await note(userId, "binned", {});
    const live = await note(userId, "live", {});
    await trashNote(cloud.database, userId, binned.noteId);
    expect(await isInTrash(cloud.database, userId, binned.noteId)).toBe(true);
    expect(await isInTrash(cloud.database, userId, live.noteId)).toBe(false);
    expect(await isInTrash(cloud.database, await newUser(), binned.noteId)).toBe(false);
    expect(await isInTrash(cloud.database, userId, ulid())).toBe(false);
  });
});
