import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { createNote, getNoteTitles, trashNote } from "@/lib/db/notes-repository";
import { createUser } from "@/lib/db/users-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await createTestCloud();
});

async function newUser() {
  const user = await createUser(cloud.database, {
    email: `titles-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  return user.userId;
}

const blank = { content: "", pinned: false, tags: [] as string[] };

describe("getNoteTitles on DynamoDB Local", () => {
  it("reads the titles of the user's live notes only", async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const { note: kept } = await createNote(cloud.database, alice, { ...blank, title: "Kept" });
    const { note: untitled } = await createNote(cloud.database, alice, { ...blank, title: "" });
    const { note: binned } = await createNote(cloud.database, alice, { ...blank, title: "Bin" });
    await trashNote(cloud.database, alice, binned.noteId);
    const { note: bobs } = await createNote(cloud.database, bob, { ...blank, title: "Bob's" });

    const titles = await getNoteTitles(cloud.database, alice, [
      kept.noteId,
      kept.noteId,
      untitled.noteId,
      binned.noteId,
      bobs.noteId,
      ulid(),
    ]);
    expect(titles).toEqual({ [kept.noteId]: "Kept", [untitled.noteId]: "" });
    expect(await getNoteTitles(cloud.database, alice, [])).toEqual({});
  });

  it("reads more than one BatchGet request's worth of notes", async () => {
    const userId = await newUser();
    const ids = await Promise.all(
      Array.from({ length: 130 }, async (_, index) => {
        const { note } = await createNote(cloud.database, userId, {
          ...blank,
          title: `n${index}`,
        });
        return note.noteId;
      }),
    );
    const titles = await getNoteTitles(cloud.database, userId, ids);
    expect(Object.keys(titles)).toHaveLength(130);
    expect(titles[ids[129] as string]).toBe("n129");
  });
});
