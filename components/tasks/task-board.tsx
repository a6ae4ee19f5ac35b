"use client";

import {
  type ComponentType,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  useEffect,
  useRef,
  useState,
} from "react";
import { CardBody, CardHandle, CardList, ColumnFrame } from "@/components/tasks/board-parts";
import type { DragBoardProps } from "@/components/tasks/task-board-dnd";
import { type BoardPages, type Columns, columnCount } from "@/lib/tasks/board-reducer";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/constants";
import type { TaskCard } from "@/lib/tasks/types";
import { useTaskBoard } from "@/lib/tasks/use-task-board";

interface TaskBoardProps {
  readonly initial: BoardPages;
  /** The server's counters (of tasks not all on the board yet). */
  readonly counts: Readonly<Record<TaskStatus, number>>;
  readonly noteTitles: Readonly<Record<string, string>>;
  /** Every live task in the device's replica, once it is ready: the board follows it. */
  readonly source?: Columns;
}

/** A press on a handle made before the drag layer arrived: handed to it once it is there. */
type PendingPress =
  | { readonly kind: "key"; readonly taskId: string; readonly key: string; readonly code: string }
  | {
      readonly kind: "pointer";
      readonly taskId: string;
      readonly down: PointerEventInit;
      /** Where the pointer is now (it may have moved while the layer loaded). */
      at: { clientX: number; clientY: number };
      stop: () => void;
    };

let dragLayer: ComponentType<DragBoardProps> | undefined;
let loadingLayer: Promise<ComponentType<DragBoardProps>> | undefined;

/** dnd-kit and the sortable cards, fetched once per tab (a failed fetch is tried again). */
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

const liftKeys = ["Space", "Enter"];

/**
 * The board: three columns (from the device's replica, else the server's ByStatus index), drag
 * and drop by pointer (mouse, pen, touch on the handle) and keyboard. A drop shows at once and is
 * persisted by useTaskBoard; a refused one is put back with a spoken message.
 *
 * First paint and hydration draw plain cards: the drag layer (dnd-kit, task-board-dnd.tsx) loads
 * on the first sign of intent — a pointer over the board, focus inside it, a touch — and a press
 * on a handle made before it arrives is replayed on it, so the first drag is never lost.
 */
export function TaskBoard({ initial, counts, noteTitles, source }: TaskBoardProps) {
  const board = useTaskBoard(initial, source);
  const { columns, cursors, notice, loading } = board;
  const [DragLayer, setDragLayer] = useState(() => dragLayer);
  const pending = useRef<PendingPress | undefined>(undefined);
  const focused = useRef<string | undefined>(undefined);

  const wantDrag = () => {
    if (DragLayer) return;
    void loadDragLayer().then(
      (layer) => {
        // The plain handle with focus is replaced by the sortable one: focus follows (below).
        focused.current ??=
          document.activeElement instanceof HTMLElement
            ? document.activeElement.dataset.dragHandle
            : undefined;
        setDragLayer(() => layer);
      },
      () => undefined,
    );
  };

  // Intent: a pointer over the board, focus inside it, a touch (whichever comes first).
  const container = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: wantDrag only reads refs and state setters.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // For tests and debugging: whether drags are live yet (set here, after hydration).
    element.dataset.dragLayer = DragLayer ? "ready" : "on-intent";
    if (DragLayer) return;
    const intents = ["pointerover", "focusin", "touchstart"] as const;
    for (const intent of intents)
      element.addEventListener(intent, wantDrag, { once: true, passive: true });
    return () => {
      for (const intent of intents) element.removeEventListener(intent, wantDrag);
    };
  }, [DragLayer]);

  const handle = (taskId: string) =>
    document.querySelector<HTMLElement>(`[data-drag-handle="${CSS.escape(taskId)}"]`);

  // Rendering the swap: the plain handle that has focus now is the one to give it back to (it
  // may have got it after the layer arrived). Read before the commit removes it.
  const handedOver = useRef(false);
  if (DragLayer && !handedOver.current && typeof document !== "undefined") {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.dataset.dragHandle)
      focused.current = active.dataset.dragHandle;
  }

  /** The sortable cards replaced the plain ones: focus follows to the same card's handle. */
  const giveBackFocus = () => {
    handedOver.current = true;
    const focusedId = focused.current;
    focused.current = undefined;
    if (focusedId) handle(focusedId)?.focus();
  };

  /** The sortable cards are in place: replay a press made before they were. */
  const handOver = () => {
    const press = pending.current;
    pending.current = undefined;
    if (!press) return;
    const target = handle(press.taskId);
    if (!target) return;
    if (press.kind === "key") {
      target.focus();
      const { key, code } = press;
      target.dispatchEvent(
        new KeyboardEvent("keydown", { key, code, bubbles: true, cancelable: true }),
      );
      return;
    }
    press.stop();
    target.dispatchEvent(new PointerEvent("pointerdown", press.down));
    const { clientX, clientY } = press.at;
    if (clientX === press.down.clientX && clientY === press.down.clientY) return;
    // The pointer moved while the layer loaded: retrace the way in steps, a frame apart, as a
    // hand would (one jump would land by the dragged card's corners, maybe past the column
    // the pointer is over).
    const from = { x: press.down.clientX ?? clientX, y: press.down.clientY ?? clientY };
    const steps = 10;
    let step = 0;
    const move = () => {
      step++;
      document.dispatchEvent(
        new PointerEvent("pointermove", {
          ...press.down,
          clientX: from.x + ((clientX - from.x) * step) / steps,
          clientY: from.y + ((clientY - from.y) * step) / steps,
          cancelable: true,
        }),
      );
      if (step < steps) requestAnimationFrame(move);
    };
    move();
  };

  const pressKey = (taskId: string, event: KeyboardEvent<HTMLButtonElement>) => {
    if (!liftKeys.includes(event.code)) return;
    event.preventDefault();
    pending.current = { kind: "key", taskId, key: event.key, code: event.code };
    wantDrag();
  };

  const pressPointer = (taskId: string, event: ReactPointerEvent<HTMLButtonElement>) => {
    if (!event.isPrimary || event.button !== 0) return;
    const down: PointerEventInit = {
      clientX: event.clientX,
      clientY: event.clientY,
      screenX: event.screenX,
      screenY: event.screenY,
      pointerId: event.pointerId,
      pointerType: event.pointerType,
      isPrimary: true,
      button: 0,
      buttons: 1,
      bubbles: true,
      cancelable: true,
    };
    const track = (moved: PointerEvent) => {
      if (pending.current?.kind === "pointer")
        pending.current.at = { clientX: moved.clientX, clientY: moved.clientY };
    };
    // Released before the layer arrived: a click, nothing to replay.
    const release = () => {
      stop();
      pending.current = undefined;
    };
    const stop = () => {
      document.removeEventListener("pointermove", track);
      document.removeEventListener("pointerup", release);
      document.removeEventListener("pointercancel", release);
    };
    document.addEventListener("pointermove", track);
    document.addEventListener("pointerup", release);
    document.addEventListener("pointercancel", release);
    pending.current = {
      kind: "pointer",
      taskId,
      down,
      at: { clientX: event.clientX, clientY: event.clientY },
      stop,
    };
    wantDrag();
  };

  return (
    <div ref={container} className="space-y-3">
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm ${notice?.tone === "error" ? "text-danger" : "text-muted"}`}
      >
        {notice?.text}
      </p>
      {DragLayer ? (
        <DragLayer
          board={board}
          counts={counts}
          noteTitles={noteTitles}
          onCommitted={giveBackFocus}
          onMounted={handOver}
        />
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
                {columns[status].map((task: TaskCard) => (
                  <li key={task.taskId} data-task-id={task.taskId}>
                    <CardBody
                      task={task}
                      noteTitles={noteTitles}
                      handle={
                        <CardHandle
                          task={task}
                          onKeyDown={(event) => pressKey(task.taskId, event)}
                          onPointerDown={(event) => pressPointer(task.taskId, event)}
                        />
                      }
                    />
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
