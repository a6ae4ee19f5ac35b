import { describe, expect, it } from "vitest";
import {
  announcement,
  initialPaletteState,
  isSettled,
  matchCommands,
  type PaletteAction,
  type PaletteState,
  paletteCommands,
  paletteOptions,
  paletteReducer,
} from "@/components/palette/palette-state";
import type { SearchHit } from "@/lib/search/types";

function hit(id: string, title: string, kind: SearchHit["kind"] = "note"): SearchHit {
  return {
    kind,
    id,
    title,
    href: kind === "note" ? `/notes/${id}` : `/tasks?task=${id}`,
    snippet: "",
    highlights: [],
    score: 1,
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

const run = (actions: readonly PaletteAction[], from = initialPaletteState()): PaletteState =>
  actions.reduce(paletteReducer, from);

const activeKey = (state: PaletteState) => paletteOptions(state)[state.active]?.key;

describe("palette state", () => {
  it("starts with every command and the first one active", () => {
    const state = initialPaletteState();
    expect(paletteOptions(state).map((option) => option.key)).toEqual(
      paletteCommands.map((command) => `command-${command.id}`),
    );
    expect(state.active).toBe(0);
  });

  it("wraps around at both ends of the options", () => {
    const count = paletteCommands.length;
    expect(run([{ type: "move", by: -1 }]).active).toBe(count - 1);
    expect(
      run([
        { type: "move", by: -1 },
        { type: "move", by: 1 },
      ]).active,
    ).toBe(0);
    const last = run([{ type: "last" }]);
    expect(last.active).toBe(count - 1);
    expect(paletteReducer(last, { type: "move", by: 1 }).active).toBe(0);
    expect(
      run([
        { type: "move", by: 1 },
        { type: "move", by: 1 },
      ]).active,
    ).toBe(2);
  });

  it("filters commands by any of their words", () => {
    expect(matchCommands("board").map((command) => command.id)).toEqual(["go-board"]);
    expect(matchCommands("go ta").map((command) => command.id)).toEqual(["go-tasks"]);
    expect(matchCommands("LOG OUT").map((command) => command.id)).toEqual(["sign-out"]);
    expect(matchCommands("   ")).toBe(paletteCommands);
  });

  it("puts notes and tasks above commands once the query's results arrive", () => {
    const typed = run([{ type: "typed", query: "new" }]);
    expect(isSettled(typed)).toBe(false);
    const answered = paletteReducer(typed, {
      type: "results",
      query: "new",
      hits: [hit("N1", "New ideas"), hit("T1", "Renew passport", "task")],
    });
    expect(paletteOptions(answered).map((option) => option.key)).toEqual([
      "note-N1",
      "task-T1",
      "command-new-note",
      "command-new-task",
    ]);
    expect(activeKey(answered)).toBe("note-N1");
    expect(isSettled(answered)).toBe(true);
  });

  it("drops results of a query the person has since changed", () => {
    const state = run([
      { type: "typed", query: "pla" },
      { type: "typed", query: "plan" },
      { type: "results", query: "pla", hits: [hit("N1", "Plain")] },
    ]);
    expect(state.hits).toEqual([]);
    expect(isSettled(state)).toBe(false);
  });

  it("keeps the active option when the library changes under the same query", () => {
    const moved = run([
      { type: "typed", query: "plan" },
      { type: "results", query: "plan", hits: [hit("N1", "Plan a"), hit("N2", "Plan b")] },
      { type: "move", by: 1 },
    ]);
    expect(activeKey(moved)).toBe("note-N2");
    const hits = [hit("N3", "Plan c"), hit("N1", "Plan a"), hit("N2", "Plan b")];
    const refreshed = paletteReducer(moved, {
      type: "results",
      query: "plan",
      hits,
      refresh: true,
    });
    expect(activeKey(refreshed)).toBe("note-N2");
    const gone = paletteReducer(moved, {
      type: "results",
      query: "plan",
      hits: [hit("N1", "Plan a")],
      refresh: true,
    });
    expect(activeKey(gone)).toBe("note-N1");
    // A new query's first answer starts at the top, wherever the arrow was.
    expect(activeKey(paletteReducer(moved, { type: "results", query: "plan", hits }))).toBe(
      "note-N3",
    );
  });

  it("keeps the active option within the options as they change", () => {
    const moved = run([
      { type: "typed", query: "go" },
      { type: "results", query: "go", hits: [hit("N1", "Go on")] },
      { type: "last" },
    ]);
    expect(activeKey(moved)).toBe("command-go-board");
    const none = run(
      [
        { type: "typed", query: "zzzz" },
        { type: "results", query: "zzzz", hits: [] },
      ],
      moved,
    );
    expect(paletteOptions(none)).toHaveLength(0);
    expect(none.active).toBe(-1);
    expect(paletteReducer(none, { type: "move", by: 1 }).active).toBe(-1);
    expect(run([{ type: "point", index: 3 }]).active).toBe(3);
    expect(run([{ type: "point", index: 99 }]).active).toBe(paletteCommands.length - 1);
  });

  it("shows no hits for an empty query", () => {
    const state = run([
      { type: "typed", query: "x" },
      { type: "results", query: "x", hits: [hit("N1", "x")] },
      { type: "typed", query: "" },
    ]);
    expect(paletteOptions(state).every((option) => option.kind === "command")).toBe(true);
  });

  it("announces counts once the results answer the query", () => {
    expect(announcement(initialPaletteState())).toBe(`${paletteCommands.length} commands`);
    const typed = run([{ type: "typed", query: "board" }]);
    expect(announcement(typed)).toBe("");
    expect(
      announcement(
        paletteReducer(typed, { type: "results", query: "board", hits: [hit("N1", "Board")] }),
      ),
    ).toBe("1 note or task, 1 command");
    expect(
      announcement(
        run([
          { type: "typed", query: "zzzz" },
          { type: "results", query: "zzzz", hits: [] },
        ]),
      ),
    ).toBe("No matches");
  });

  it("still offers commands when the library cannot be searched", () => {
    const state = run([{ type: "typed", query: "set" }, { type: "search-unavailable" }]);
    expect(isSettled(state)).toBe(true);
    expect(paletteOptions(state).map((option) => option.key)).toEqual(["command-settings"]);
    expect(announcement(state)).toMatch(/^1 command \(notes and tasks can be searched/);
  });
});
