import type * as z from "zod/mini";
import type * as schemas from "@/lib/api/schemas";
import type { Note, NoteCard, Page } from "@/lib/notes/types";
import type { Task, TaskPage } from "@/lib/tasks/types";

/**
 * What the browser checks the API's answers with, named here and built on first use: the
 * zod/mini schemas (lib/api/schemas.ts) and zod's core (~28 KB gzip) load with the first answer
 * read, not with every signed-in page (issue 13, weight). Every answer is still checked; only
 * when the schemas arrive changes. An answer needs the network, so does the chunk: it loads
 * while online (and the service worker precaches it for later).
 */
export type AnswerSchema<T> = () => Promise<z.ZodMiniType<T>>;

const load = () => import("@/lib/api/schemas");

export const noteAnswer: AnswerSchema<Note> = async () => (await load()).noteSchema;
export const notePageAnswer: AnswerSchema<Page<NoteCard>> = async () =>
  (await load()).notePageSchema;
export const taskAnswer: AnswerSchema<Task> = async () => (await load()).taskSchema;
export const taskPageAnswer: AnswerSchema<TaskPage> = async () => (await load()).taskPageSchema;
export const uploadGrantAnswer: AnswerSchema<
  z.output<typeof schemas.uploadGrantSchema>
> = async () => (await load()).uploadGrantSchema;
export const trashBatchAnswer: AnswerSchema<z.output<typeof schemas.trashBatchSchema>> = async () =>
  (await load()).trashBatchSchema;

/** What a change (POST, PATCH, DELETE) answers on success, by its route. */
export function changeAnswer(url: string): AnswerSchema<unknown> {
  return async () => (await load()).changeAnswerSchema(url);
}

/** The value as `schema` reads it, or undefined when it does not match (or cannot be checked). */
export async function checkAnswer<T>(
  schema: AnswerSchema<T>,
  value: unknown,
): Promise<{ readonly data: T } | undefined> {
  try {
    const parsed = (await schema()).safeParse(value);
    return parsed.success ? { data: parsed.data } : undefined;
  } catch {
    // The schemas could not load (the connection went between the answer and the chunk): an
    // answer that cannot be checked is not used.
    return undefined;
  }
}

export type ErrorBody = z.output<typeof schemas.errorBodySchema>;

/** A refusal's body (`errorResponse` in lib/server/with-user.ts); {} when it has another shape. */
export async function readRefusal(body: unknown): Promise<ErrorBody> {
  return (await checkAnswer(async () => (await load()).errorBodySchema, body))?.data ?? {};
}
