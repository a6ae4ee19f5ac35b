/**
 * A small labelled relevance set (issue 14, measured): a library of notes and tasks like a
 * person's, and queries each with the record that must come first. Used by
 * lib/search/relevance.test.ts and the bench's "search" section.
 */
import type { Note } from "@/lib/notes/types";
import { noteDoc, type SearchDoc, taskDoc } from "@/lib/search/documents";
import type { LibrarySearch } from "@/lib/search/types";
import type { Task } from "@/lib/tasks/types";

interface Entry {
  readonly key: string;
  readonly title: string;
  readonly text: string;
  readonly tags?: readonly string[];
  readonly kind?: "task";
  readonly daysAgo?: number;
}

const library: readonly Entry[] = [
  {
    key: "budget",
    title: "Budget 2027",
    text: "Rent, groceries, the car loan and savings. Review the quarterly numbers with Sam.",
    tags: ["money"],
  },
  {
    key: "groceries",
    title: "Groceries",
    text: "Milk, eggs, bread, tomatoes, basil, olive oil. Budget about 60 a week.",
  },
  {
    key: "trip",
    title: "Trip to Lisbon",
    text: "Flights on the 12th, hotel near Alfama, tram 28, pastéis de nata in Belém.",
    tags: ["travel"],
  },
  {
    key: "japan",
    title: "Japan itinerary",
    text: "Tokyo three nights, Kyoto two, the Shinkansen between them. Rail pass?",
    tags: ["travel"],
  },
  {
    key: "standup",
    title: "Standup notes",
    text: "Yesterday: fixed the login bug. Today: search ranking. Blocked: nothing.",
    tags: ["work"],
  },
  {
    key: "retro",
    title: "Sprint retrospective",
    text: "What went well: deploys. What to improve: flaky tests, slow reviews.",
    tags: ["work"],
  },
  {
    key: "recipe",
    title: "Pancake recipe",
    text: "Flour, milk, two eggs, a pinch of salt. Rest the batter for ten minutes.",
  },
  {
    key: "books",
    title: "Books to read",
    text: "The Pragmatic Programmer, Designing Data-Intensive Applications, Dune.",
  },
  {
    key: "garden",
    title: "Garden plan",
    text: "Tomatoes along the fence, basil in pots, compost in the far corner.",
  },
  {
    key: "meeting",
    title: "Meeting with the landlord",
    text: "The boiler, the lease renewal and the rent increase from March.",
  },
  { key: "dentist", title: "Dentist", text: "Appointment Tuesday 9:30, bring the insurance card." },
  {
    key: "ideas",
    title: "App ideas",
    text: "A habit tracker with streaks; a shared shopping list; offline first.",
    tags: ["ideas"],
  },
  {
    key: "passwords",
    title: "Wi-Fi at the cabin",
    text: "Network cabin-guest, ask Maria for the code.",
  },
  {
    key: "kubernetes",
    title: "Kubernetes cheatsheet",
    text: "kubectl get pods, kubectl describe, rollout restart deployment.",
  },
  {
    key: "birthday",
    title: "Birthday gifts",
    text: "Mum: a scarf. Leo: a puzzle. Ana: concert tickets.",
  },
  { key: "zh", title: "周会记录", text: "我们讨论了下季度的预算和招聘计划。" },
  { key: "ja", title: "会議メモ", text: "東京オフィスの移転について議事録をまとめました。" },
  { key: "ko", title: "회의 메모", text: "다음 분기 예산과 채용 계획을 논의했다." },
  { key: "old-twin", title: "Weekly review", text: "Inbox zero, plan the week.", daysAgo: 30 },
  { key: "new-twin", title: "Weekly review", text: "Inbox zero, plan the week.", daysAgo: 1 },
  { key: "call-plumber", title: "Call the plumber about the boiler", text: "", kind: "task" },
  {
    key: "renew-passport",
    title: "Renew passport",
    text: "Photo booth at the station first.",
    kind: "task",
  },
  { key: "taxes", title: "File the taxes", text: "Receipts are in the blue folder.", kind: "task" },
];

/** Each query and the key of the record that must come first. */
export const relevanceQueries: readonly { readonly query: string; readonly first: string }[] = [
  { query: "budget", first: "budget" },
  { query: "groceries", first: "groceries" },
  { query: "lisbon", first: "trip" },
  { query: "kyoto", first: "japan" },
  { query: "standup", first: "standup" },
  { query: "retro", first: "retro" },
  { query: "pancakes", first: "recipe" },
  { query: "garden", first: "garden" },
  { query: "tomatoes basil", first: "garden" },
  { query: "landlord", first: "meeting" },
  { query: "dentist", first: "dentist" },
  { query: "wifi", first: "passwords" },
  { query: "kubectl", first: "kubernetes" },
  { query: "birthday", first: "birthday" },
  { query: "plumber", first: "call-plumber" },
  { query: "passport", first: "renew-passport" },
  { query: "taxes", first: "taxes" },
  // Typos and words being typed.
  { query: "itinerery", first: "japan" },
  { query: "retrospectve", first: "retro" },
  { query: "kuber", first: "kubernetes" },
  { query: "lisb", first: "trip" },
  // Title above body: "rent" is in the budget's body and the landlord meeting's body;
  // "boiler" in the plumber task's title beats the meeting's body.
  { query: "boiler", first: "call-plumber" },
  // Tags and filters.
  { query: "#travel tokyo", first: "japan" },
  { query: "is:task receipts", first: "taxes" },
  // CJK.
  { query: "预算", first: "zh" },
  { query: "議事録", first: "ja" },
  { query: "예산", first: "ko" },
  // The same words: the more recent first.
  { query: "weekly review", first: "new-twin" },
];

const now = Date.parse("2026-06-01T00:00:00.000Z");

function idOf(index: number): string {
  return `01JREL${String(index).padStart(20, "0")}`;
}

/** The library as index documents, and which record id each key names. */
export function relevanceLibrary(): { docs: SearchDoc[]; idOf: Map<string, string> } {
  const ids = new Map<string, string>();
  const docs = library.map((entry, index) => {
    const id = idOf(index);
    ids.set(entry.key, id);
    const at = new Date(now - (entry.daysAgo ?? 10 + index) * 86_400_000).toISOString();
    if (entry.kind === "task") {
      const task: Task = {
        taskId: id,
        description: entry.title,
        details: entry.text,
        status: "todo",
        priority: "medium",
        dueDate: null,
        position: "a0",
        noteId: null,
        completedAt: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
        deletedAt: null,
      };
      return taskDoc(task) as SearchDoc;
    }
    const note: Note = {
      noteId: id,
      title: entry.title,
      content: entry.text,
      pinned: false,
      tags: entry.tags ?? [],
      attachments: [],
      remoteImages: false,
      createdAt: at,
      updatedAt: at,
      version: 1,
      deletedAt: null,
    };
    return noteDoc(note) as SearchDoc;
  });
  return { docs, idOf: ids };
}

/** Which queries put their expected record first, and the share that do. */
export function relevanceShare(
  search: LibrarySearch,
  ids: Map<string, string>,
): { share: number; missed: string[] } {
  const missed = relevanceQueries
    .filter(({ query, first }) => search.search(query).hits[0]?.id !== ids.get(first))
    .map(({ query }) => query);
  return { share: 1 - missed.length / relevanceQueries.length, missed };
}
