import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A section's goals, checked against the figures it measured in this run: bench/run.ts prints
 * (and writes into RESULTS.md) what was met and, for each miss, by how much and why — computed,
 * never hand-written. A section calls `checkGoal` once per goal, where it has the figure.
 */
export interface GoalCheck {
  /** What is measured, e.g. "board: JavaScript per page". */
  readonly what: string;
  /** The measured figure; undefined when it could not be measured (then `why` says why). */
  readonly measured: number | undefined;
  readonly comparison: "≤" | "≥";
  readonly target: number;
  /** e.g. "KB gzip", "ms", "×". */
  readonly unit?: string;
  /** For a miss: what the run's own figures say caused it (audits, the slowest step, …). */
  readonly why?: string;
}

export interface GoalResult extends GoalCheck {
  readonly met: boolean;
}

const current = new AsyncLocalStorage<GoalResult[]>();

/** Records one goal of the running section (outside a section it is ignored). */
export function checkGoal(check: GoalCheck): boolean {
  const met =
    check.measured !== undefined &&
    Number.isFinite(check.measured) &&
    (check.comparison === "≤" ? check.measured <= check.target : check.measured >= check.target);
  current.getStore()?.push({ ...check, met });
  return met;
}

/** Runs a section, collecting the goals it checks (also those checked before it failed). */
export async function withGoals<T>(
  work: () => Promise<T>,
): Promise<{ goals: GoalResult[]; result: PromiseSettledResult<T> }> {
  const goals: GoalResult[] = [];
  const result = await current.run(goals, () =>
    work().then(
      (value): PromiseSettledResult<T> => ({ status: "fulfilled", value }),
      (reason: unknown): PromiseSettledResult<T> => ({ status: "rejected", reason }),
    ),
  );
  return { goals, result };
}

function figure(value: number, unit?: string): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  return unit === "×" ? `${shown}×` : unit ? `${shown} ${unit}` : shown;
}

/** One line per goal: the misses first, each with its distance to the target and its cause. */
export function goalLines(goals: readonly GoalResult[]): string[] {
  if (goals.length === 0) return ["Goals: none registered for this section."];
  const missed = goals.filter((goal) => !goal.met);
  const met = goals.filter((goal) => goal.met);
  const lines = [
    missed.length === 0
      ? `**Goals: all ${goals.length} met** (computed from this run's figures).`
      : `**What missed and why** (computed from this run's figures; ${met.length} of ${goals.length} goals met):`,
    "",
  ];
  for (const goal of missed) {
    const target = `${goal.comparison} ${figure(goal.target, goal.unit)}`;
    if (goal.measured === undefined || !Number.isFinite(goal.measured)) {
      lines.push(
        `- ✗ ${goal.what}: not measured (goal ${target})${goal.why ? `: ${goal.why}` : ""}`,
      );
      continue;
    }
    const off = Math.abs(goal.measured - goal.target);
    const share =
      goal.target !== 0 ? ` (${((off / Math.abs(goal.target)) * 100).toFixed(0)}%)` : "";
    lines.push(
      `- ✗ ${goal.what}: ${figure(goal.measured, goal.unit)}, goal ${target}: ${goal.comparison === "≤" ? "over" : "short"} by ${figure(off, goal.unit)}${share}${goal.why ? `. Why: ${goal.why}` : ""}`,
    );
  }
  for (const goal of met)
    lines.push(
      `- ✓ ${goal.what}: ${figure(goal.measured as number, goal.unit)} (goal ${goal.comparison} ${figure(goal.target, goal.unit)})`,
    );
  return lines;
}
