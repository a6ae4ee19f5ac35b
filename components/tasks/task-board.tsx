"use client";

import { type ComponentType, useEffect, useRef, useState } from "react";
import { CardBody, CardList, ColumnFrame } from "@/components/tasks/board-parts";
import type { DragBoardProps } from "@/components/tasks/task-board-dnd";
import { afterPageLoad } from "@/lib/client/after-page-load";
import { type BoardPages, type Columns, columnCount } from "@/lib/tasks/board-reducer";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/constants";
import { useTaskBoard } from "@/lib/tasks/use-task-board";

interface TaskBoardProps {
  readonly initial: BoardPages;
  /** The server's counters (of tasks not all on the board yet). */
  readonly counts: Readonly<Record<TaskStatus, number>>;
  readonly noteTitles: Readonly<Record<string, string>>;
  /** Every live task in the device's replica, once it is ready: the board follows it. */
  readonly source?: Columns;
}

let dragLayer: ComponentType<DragBoardProps> | undefined;
let loadingLayer: Promise<ComponentType<DragBoardProps>> | undefined;

/** dnd-kit and the sortable cards, fetched once per tab; a failed fetch is not kept. */
function loadDragLayer(): Promise<ComponentType<DragBoardProps>> {
  loadingLayer ??= import("@/components/tasks/task-board-dnd").then(
    (module) => {
      dragLayer = module.DragBoard;
      return module.DragBoard;
    },
    (error: unknown) => {
      loadingLayer = undefined;
      throw error;
    },
  );
  return loadingLayer;
}

/**
 * Whether fetching the layer can work now: online, or under the service worker, which holds
 * every chunk of the app once it controls the page. Offline without it, a fetch would fail, and
 * the bundler keeps a chunk's failed load for the tab's life: wait for the connection instead.
 */
function canFetchLayer(): boolean {
  return navigator.onLine || Boolean(navigator.serviceWorker?.controller);
}

/** What starts the drag layer's fetch on the board: a pointer over it, focus in it, a touch. */
const intents = ["pointerover", "focusin", "touchstart"] as const;

/**
 * The board: three columns (from the device's replica, else the server's ByStatus index), drag
 * and drop by pointer (mouse, pen, touch on the handle) and keyboard. A drop shows at once and is
 * persisted by useTaskBoard; a refused one is put back with a spoken message.
 *
 * First paint and hydration draw the cards without handles: the drag layer (dnd-kit,
 * task-board-dnd.tsx, ~20 KB gzip) loads at the first sign of intent on the board, at the first
 * interaction anywhere, or 5 s after the page's load (lib/client/after-page-load.ts), and the
 * handles appear with it. Nothing pressed before is replayed: there is no handle to press until
 * a drag can start.
 */
export function TaskBoard({ initial, counts, noteTitles, source }: TaskBoardProps) {
  const board = useTaskBoard(initial, source);
  const { columns, cursors, notice, loading } = board;
  const [DragLayer, setDragLayer] = useState(() => dragLayer);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (DragLayer) return;
    const element = container.current;
    let active = true;
    let fetching = false;
    const want = () => {
      if (fetching || !canFetchLayer()) return;
      fetching = true;
      void loadDragLayer().then(
        (layer) => active && setDragLayer(() => layer),
        // Tried again at the next intent, or when the connection comes back.
        () => {
          fetching = false;
        },
      );
    };
    for (const intent of intents) element?.addEventListener(intent, want, { passive: true });
    window.addEventListener("online", want);
    const cancel = afterPageLoad(want);
    return () => {
      active = false;
      for (const intent of intents) element?.removeEventListener(intent, want);
      window.removeEventListener("online", want);
      cancel();
    };
  }, [DragLayer]);

  return (
    // data-drag-layer: whether cards can be dragged yet (tests and debugging read it).
    <div ref={container} className="space-y-3" data-drag-layer={DragLayer ? "ready" : "waiting"}>
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm ${notice?.tone === "error" ? "text-danger" : "text-muted"}`}
      >
        {notice?.text}
      </p>
      {DragLayer ? (
        <DragLayer board={board} counts={counts} noteTitles={noteTitles} />
      ) : (
        <div className="grid gap-4 md:grid-cols-3">
          {taskStatuses.map((status) => (
            <ColumnFrame
              key={status}
              status={status}
              count={columnCount(board, status, counts[status])}
              hasMore={Boolean(cursors[status])}
              loading={loading === status}
              onLoadMore={() => board.loadMore(status)}
            >
              <CardList status={status} empty={columns[status].length === 0}>
                {columns[status].map((task) => (
                  <li key={task.taskId} data-task-id={task.taskId}>
                    <CardBody task={task} noteTitles={noteTitles} />
                  </li>
                ))}
              </CardList>
            </ColumnFrame>
          ))}
        </div>
      )}
    </div>
  );
}
