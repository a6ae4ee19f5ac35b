/** Reading one note and moving it through the trash, as the routes, actions and pages do. */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { getNote } from "@/lib/db/notes-repository";
import { createUser, getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import {
  createNoteWithLimits,
  findNotes,
  moveNoteToTrash,
  requireNote,
  restoreNoteFromTrash,
} from "@/lib/notes/service";
import { createTaskWithChecks, tasksLinkedToNote } from "@/lib/tasks/service";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
});

async function userWithNote() {
  const user = await createUser(cloud.database, {
    email: `trash-${ulid().toLowerCase()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  const { note } = await createNoteWithLimits(cloud.database, user.userId, {
    title: "Plans",
    content: "secret",
    pinned: false,
    tags: [],
  });
  return { userId: user.userId, note };
}

async function noteCounts(userId: string) {
  const counts = (await getUser(cloud.database, userId))?.counts;
  return { live: counts?.notes, trashed: counts?.trashedNotes };
}

describe("requireNote", () => {
  it("reads a live note, a trashed one only when asked, and answers 404 otherwise", async () => {
    const db = cloud.database;
    const { userId, note } = await userWithNote();
    expect(await requireNote(db, userId, note.noteId)).toMatchObject({ content: "secret" });
    await moveNoteToTrash(db, userId, note.noteId);
    await expect(requireNote(db, userId, note.noteId)).rejects.toMatchObject({
      code: "not_found",
      message: "This note does not exist.",
    });
    expect(await requireNote(db, userId, note.noteId, { includeTrashed: true })).toMatchObject({
      noteId: note.noteId,
      deletedAt: expect.any(String),
    });
  });

  it("answers another user's note exactly like a missing one", async () => {
    const db = cloud.database;
    const alice = await userWithNote();
    const bob = await userWithNote();
    const theirs = await requireNote(db, bob.userId, alice.note.noteId).catch((error) => error);
    const missing = await requireNote(db, bob.userId, ulid()).catch((error) => error);
    expect(theirs).toBeInstanceOf(AppError);
    expect({ code: theirs.code, message: theirs.message }).toEqual({
      code: missing.code,
      message: missing.message,
    });
  });
});

describe("the notes trash", () => {
  it("trashes at the current version only, restores, and keeps the counters", async () => {
    const db = cloud.database;
    const { userId, note } = await userWithNote();
    await expect(
      moveNoteToTrash(db, userId, note.noteId, { expectedVersion: note.version + 1 }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await noteCounts(userId)).toEqual({ live: 1, trashed: 0 });

    const trashed = await moveNoteToTrash(db, userId, note.noteId, {
      expectedVersion: note.version,
    });
    expect(trashed.deletedAt).toEqual(expect.any(String));
    // A replay of the same request is a no-op.
    expect((await moveNoteToTrash(db, userId, note.noteId)).deletedAt).toBe(trashed.deletedAt);
    expect(await noteCounts(userId)).toEqual({ live: 0, trashed: 1 });
    const trash = await findNotes(db, userId, { trash: true, limit: 100 });
    expect(trash.items.map((card) => card.noteId)).toEqual([note.noteId]);

    expect((await restoreNoteFromTrash(db, userId, note.noteId)).deletedAt).toBeFalsy();
    expect((await restoreNoteFromTrash(db, userId, note.noteId)).deletedAt).toBeFalsy();
    expect(await noteCounts(userId)).toEqual({ live: 1, trashed: 0 });
  });

  it("refuses another user's note and leaves it as it was", async () => {
    const db = cloud.database;
    const alice = await userWithNote();
    const bob = await userWithNote();
    for (const operation of [moveNoteToTrash, restoreNoteFromTrash]) {
      await expect(operation(db, bob.userId, alice.note.noteId)).rejects.toMatchObject({
        code: "not_found",
      });
    }
    expect(await getNote(db, alice.userId, alice.note.noteId)).toEqual(alice.note);
  });
});

describe("a note's linked tasks", () => {
  it("lists the tasks made from this user's note, none of another user's", async () => {
    const db = cloud.database;
    const { userId, note } = await userWithNote();
    const { task } = await createTaskWithChecks(db, userId, {
      description: "Book it",
      noteId: note.noteId,
    });
    expect((await tasksLinkedToNote(db, userId, note.noteId)).map((card) => card.taskId)).toEqual([
      task.taskId,
    ]);
    const bob = await userWithNote();
    expect(await tasksLinkedToNote(db, bob.userId, note.noteId)).toEqual([]);
  });
});
