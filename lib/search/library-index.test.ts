import { beforeEach, describe, expect, it } from "vitest";
import { noteDoc, noteDocId, taskDoc, taskDocId } from "@/lib/search/documents";
import { LibraryIndex } from "@/lib/search/library-index";
import { aNote, aTask } from "@/lib/search/testing/records";

const ids = (index: LibraryIndex, query: string) => index.search(query).hits.map((hit) => hit.id);

describe("LibraryIndex", () => {
  let index: LibraryIndex;
  const budget = aNote({
    title: "Budget 2027",
    content: "The quarterly budget for the garden project and its meeting notes.",
    tags: ["work", "money"],
    pinned: true,
    attachments: [{ attachmentId: "a", name: "b.pdf", size: 1, contentType: "x", key: "k" }],
  });
  const garden = aNote({ title: "Garden", content: "Tomatoes, basil and a meeting with Ann." });
  const call = aTask({ description: "Call the plumber\nabout the sink", details: "Meeting at 9" });
  const done = aTask({ description: "Pay the budget invoice", status: "completed" });

  beforeEach(async () => {
    index = new LibraryIndex();
    await index.addAll(
      [noteDoc(budget), noteDoc(garden), taskDoc(call), taskDoc(done)].filter(
        (d) => d !== undefined,
      ),
    );
  });

  it("finds notes and tasks in one list, the title above the body", () => {
    const hits = index.search("budget").hits;
    expect(hits.map((hit) => hit.id)).toEqual([budget.noteId, done.taskId]);
    expect(hits[0]).toMatchObject({ kind: "note", href: `/notes/${budget.noteId}`, pinned: true });
    expect(hits[1]).toMatchObject({ kind: "task", href: `/tasks?task=${done.taskId}` });
    expect(ids(index, "meeting")).toEqual(expect.arrayContaining([garden.noteId, call.taskId]));
  });

  it("matches a word as it is typed (prefix) and with a typo (fuzzy)", () => {
    expect(ids(index, "tomat")).toEqual([garden.noteId]);
    expect(ids(index, "plumbr")).toEqual([call.taskId]);
    expect(ids(index, "quartely")).toEqual([budget.noteId]);
  });

  it("needs every word", () => {
    expect(ids(index, "meeting basil")).toEqual([garden.noteId]);
  });

  it("shows a task by its first line", () => {
    expect(index.search("plumber").hits[0]?.title).toBe("Call the plumber");
  });

  it("applies #tag and the filters", () => {
    expect(ids(index, "#work")).toEqual([budget.noteId]);
    expect(ids(index, "#wo")).toEqual([budget.noteId]);
    expect(ids(index, "#wo ")).toEqual([]);
    expect(ids(index, "meeting #work")).toEqual([budget.noteId]);
    expect(ids(index, "is:pinned")).toEqual([budget.noteId]);
    expect(ids(index, "has:file")).toEqual([budget.noteId]);
    expect(ids(index, "budget is:task")).toEqual([done.taskId]);
    expect(ids(index, "is:done")).toEqual([done.taskId]);
    expect(ids(index, "meeting is:task")).toEqual([call.taskId]);
  });

  it("answers nothing to an empty query", () => {
    expect(index.search("  ").hits).toEqual([]);
  });

  it("highlights the matched words in the snippet", () => {
    const hit = index.search("tomatoes meet").hits[0];
    expect(hit?.id).toBe(garden.noteId);
    const marked = hit?.highlights.map(([start, end]) => hit.snippet.slice(start, end));
    expect(marked).toEqual(["Tomatoes", "meeting"]);
  });

  it("breaks a tie with the more recent note", async () => {
    const older = aNote({ title: "Twin", updatedAt: "2026-02-01T00:00:00.000Z" });
    const newer = aNote({ title: "Twin", updatedAt: "2026-03-01T00:00:00.000Z" });
    await index.addAll([noteDoc(older), noteDoc(newer)].filter((d) => d !== undefined));
    expect(ids(index, "twin")).toEqual([newer.noteId, older.noteId]);
  });

  it("takes in a changed, a new and a trashed record without a rebuild", () => {
    index.put(noteDocId(garden.noteId), noteDoc({ ...garden, title: "Orchard", version: 2 }));
    expect(ids(index, "orchard")).toEqual([garden.noteId]);
    expect(ids(index, "garden")).toEqual([budget.noteId]);
    const fresh = aNote({ title: "Zeppelin" });
    index.put(noteDocId(fresh.noteId), noteDoc(fresh));
    expect(ids(index, "zeppelin")).toEqual([fresh.noteId]);
    index.put(noteDocId(budget.noteId), noteDoc({ ...budget, deletedAt: "2026-01-02T00:00:00Z" }));
    expect(ids(index, "budget")).toEqual([done.taskId]);
    index.put(taskDocId(done.taskId), undefined);
    expect(ids(index, "budget")).toEqual([]);
    expect(index.size).toBe(3);
  });

  it("leaves trashed records out from the start", async () => {
    const trashed = aNote({ title: "Secret", deletedAt: "2026-01-02T00:00:00.000Z" });
    expect(noteDoc(trashed)).toBeUndefined();
    expect(taskDoc(aTask({ deletedAt: "2026-01-02T00:00:00.000Z" }))).toBeUndefined();
  });

  it("finds Chinese, Japanese and Korean text", async () => {
    const zh = aNote({ title: "周会", content: "我们明天开会议记录整理好" });
    const ja = aNote({ title: "メモ", content: "東京タワーの会議の議事録を書きました" });
    const ko = aNote({ title: "메모", content: "회의록을 작성했다" });
    await index.addAll([noteDoc(zh), noteDoc(ja), noteDoc(ko)].filter((d) => d !== undefined));
    expect(ids(index, "会议记录")).toEqual([zh.noteId]);
    expect(ids(index, "議事録")).toEqual([ja.noteId]);
    expect(ids(index, "회의록")).toEqual([ko.noteId]);
    const hit = index.search("議事録").hits[0];
    const marked = hit?.highlights.map(([start, end]) => hit.snippet.slice(start, end));
    expect(marked).toEqual(["議事録"]);
  });

  it("loads a saved index that answers as the built one", () => {
    const all = [noteDoc(budget), noteDoc(garden), taskDoc(call), taskDoc(done)].filter(
      (d) => d !== undefined,
    );
    const loaded = LibraryIndex.fromJSON(index.toJSON(), all);
    expect(ids(loaded, "meeting")).toEqual(ids(index, "meeting"));
  });
});
