import { ReplicaLink } from "@/components/app-shell/replica-link";
import { countsSentence, type TaskCounts } from "@/lib/tasks/view";

const tabs = [
  { href: "/tasks", label: "List" },
  { href: "/tasks/board", label: "Board" },
  { href: "/tasks/trash", label: "Deleted" },
] as const;

/** The top of every tasks page: the user's counts (from the user item) and the view switch. */
export function TasksHeader({
  counts,
  current,
}: {
  /** Absent while a view drawn from the replica has not read it yet. */
  readonly counts?: TaskCounts;
  readonly current: (typeof tabs)[number]["href"];
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="min-w-0 space-y-1">
        <h1 className="text-2xl font-semibold">Tasks</h1>
        <p className="text-sm text-muted" data-testid="task-counts">
          {counts ? countsSentence(counts) : "\u00a0"}
        </p>
      </div>
      <nav
        aria-label="Task views"
        className="ml-auto flex rounded-md border border-line bg-surface p-0.5"
      >
        {tabs.map((tab) => (
          <ReplicaLink
            key={tab.href}
            href={tab.href}
            aria-current={tab.href === current ? "page" : undefined}
            className="flex min-h-11 items-center rounded px-3 text-sm aria-[current=page]:bg-canvas aria-[current=page]:font-semibold"
          >
            {tab.label}
          </ReplicaLink>
        ))}
      </nav>
    </div>
  );
}
