/**
 * A checklist line turned into a task stays in step with it, both ways, whichever path changes
 * one of them: the task (edit, drag and drop) or the note (any save of its text).
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { createNote, getNote } from "@/lib/db/notes-repository";
import { getTask } from "@/lib/db/tasks-repository";
import { createUser } from "@/lib/db/users-repository";
import { updateNoteWithLimits } from "@/lib/notes/service";
import { createTaskWithChecks, moveTaskWithLinks, updateTaskWithChecks } from "@/lib/tasks/service";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
});

const content = ["# Trip", "- [ ] Book the train", "- [ ] pack", "- [ ] book  THE train"].join(
  "\n",
);

async function noteWithTask(description = "Book the train") {
  const db = cloud.database;
  const user = await createUser(db, {
    email: `link-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  const { note } = await createNote(db, user.userId, {
    title: "Trip",
    content,
    pinned: false,
    tags: [],
  });
  const { task } = await createTaskWithChecks(db, user.userId, {
    description,
    noteId: note.noteId,
  });
  const other = await createTaskWithChecks(db, user.userId, { description });
  return { db, userId: user.userId, note, task, unlinked: other.task };
}

const lines = async (userId: string, noteId: string) =>
  (await getNote(cloud.database, userId, noteId))?.content.split("\n");

describe("completing a task ticks its checklist lines", () => {
  it("through an edit, and reopening unticks them", async () => {
    const { db, userId, note, task } = await noteWithTask();
    const done = await updateTaskWithChecks(db, userId, task.taskId, { status: "completed" }, 1);
    expect(await lines(userId, note.noteId)).toEqual([
      "# Trip",
      "- [x] Book the train",
      "- [ ] pack",
      "- [x] book  THE train",
    ]);
    expect((await getNote(db, userId, note.noteId))?.version).toBe(2);

    await updateTaskWithChecks(db, userId, task.taskId, { status: "todo" }, done.version);
    expect(await lines(userId, note.noteId)).toEqual(content.split("\n"));
  });

  it("through a drop into Done, and other edits leave the note alone", async () => {
    const { db, userId, note, task } = await noteWithTask();
    await updateTaskWithChecks(db, userId, task.taskId, { priority: "high" }, 1);
    expect((await getNote(db, userId, note.noteId))?.version).toBe(1);
    await moveTaskWithLinks(db, userId, task.taskId, { status: "completed" });
    expect((await lines(userId, note.noteId))?.[1]).toBe("- [x] Book the train");
  });

  it("only for the task's own text", async () => {
    const { db, userId, note } = await noteWithTask();
    const { task } = await createTaskWithChecks(db, userId, {
      description: "Something else",
      noteId: note.noteId,
    });
    await updateTaskWithChecks(db, userId, task.taskId, { status: "completed" }, 1);
    expect(await lines(userId, note.noteId)).toEqual(content.split("\n"));
  });
});

describe("ticking a checklist line completes its task", () => {
  it("and unticking it reopens the task; unlinked tasks never move", async () => {
    const { db, userId, note, task, unlinked } = await noteWithTask("pack");
    const ticked = content.replace("- [ ] pack", "- [x] pack");
    const saved = await updateNoteWithLimits(db, userId, note.noteId, { content: ticked }, 1);
    const completed = await getTask(db, userId, task.taskId);
    expect(completed?.status).toBe("completed");
    expect(completed?.completedAt).not.toBeNull();
    expect((await getTask(db, userId, unlinked.taskId))?.status).toBe("todo");
    // The note is exactly what was saved: completing the task does not write it again.
    expect((await getNote(db, userId, note.noteId))?.version).toBe(saved.version);

    await updateNoteWithLimits(db, userId, note.noteId, { content }, saved.version);
    expect((await getTask(db, userId, task.taskId))?.status).toBe("todo");
  });

  it("is not fooled by a stale save, which changes nothing", async () => {
    const { db, userId, note, task } = await noteWithTask("pack");
    await updateNoteWithLimits(db, userId, note.noteId, { title: "Moved on" }, 1);
    await expect(
      updateNoteWithLimits(
        db,
        userId,
        note.noteId,
        { content: content.replace("- [ ] pack", "- [x] pack") },
        1,
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await getTask(db, userId, task.taskId))?.status).toBe("todo");
  });
});
