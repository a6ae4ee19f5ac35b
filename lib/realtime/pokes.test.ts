/**
 * Pokes after committed writes, through the one gate, on the run's real embedded MQTT broker:
 * the writer's topic gets one, nobody else's does, and a refused write sends none.
 */
import { marshall } from "@aws-sdk/util-dynamodb";
import { connectAsync, type MqttClient } from "mqtt";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { createNote } from "@/lib/db/notes-repository";
import {
  call,
  findRoute,
  newSessionUser,
  type RouteHandler,
  setUpRouteCloud,
} from "@/lib/reliability/harness";
import type { TestCloud } from "@/lib/testing/cloud";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requireUser: async () => session.user,
}));

const { realtimeUrl } = inject("localCloud");
const notes = "/app/api/notes/route.ts";
const note = "/app/api/notes/[noteId]/route.ts";
const token = "/app/api/realtime/token/route.ts";

/** A device of `user` listening on its topic with credentials from the token route. */
async function listen(routes: RouteHandler[], user: SessionUser) {
  session.user = user;
  const answer = await call(findRoute(routes, `GET ${token}`), "GET");
  expect(answer.status, answer.text).toBe(200);
  const credentials = answer.body as {
    url: string;
    clientId: string;
    token: string;
    topic: string;
  };
  expect(credentials.url).toBe(realtimeUrl);
  const client = await connectAsync(credentials.url, {
    clientId: credentials.clientId,
    username: user.userId,
    password: credentials.token,
    reconnectPeriod: 0,
  });
  await client.subscribeAsync(credentials.topic);
  const pokes: string[] = [];
  const waiters: (() => void)[] = [];
  client.on("message", (_topic, payload) => {
    pokes.push(payload.byteLength === 0 ? "poke" : payload.toString());
    for (const wake of waiters.splice(0)) wake();
  });
  /** Resolves once `count` pokes have arrived in all. */
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (pokes.length >= count ? resolve() : waiters.push(check));
      check();
    });
  return { client, pokes, topic: credentials.topic, received };
}

/**
 * A marked message through the same connection the gate's pokes use: the broker keeps one
 * connection's order, so a poke sent before it (by a write that should have sent none) would
 * arrive first.
 */
async function markOnPokeConnection(topic: string) {
  const shared = globalThis as { jotboardRealtimePublishers?: Map<string, Promise<MqttClient>> };
  const publisher = await shared.jotboardRealtimePublishers?.get(realtimeUrl);
  if (!publisher) throw new Error("no poke has been sent yet");
  await publisher.publishAsync(topic, "marker", { qos: 0 });
}

describe("pokes after writes", () => {
  let cloud: TestCloud;
  let routes: RouteHandler[];
  let alice: SessionUser;
  let bob: SessionUser;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    ({ cloud, routes } = await setUpRouteCloud());
    alice = await newSessionUser(cloud.database, "alice");
    bob = await newSessionUser(cloud.database, "bob");
  });

  afterAll(async () => {
    session.user = null;
    vi.unstubAllEnvs();
    await Promise.all(clients.map((client) => client.endAsync(true)));
  });

  it("gives each person credentials for their own topic only", async () => {
    const hers = await listen(routes, alice);
    const his = await listen(routes, bob);
    clients.push(hers.client, his.client);
    expect(hers.topic).toBe(`jotboard/local/users/${alice.userId}`);
    expect(his.topic).toBe(`jotboard/local/users/${bob.userId}`);
  });

  it("pokes the writer's topic after a route's write, and no one else's", async () => {
    const hers = await listen(routes, alice);
    const his = await listen(routes, bob);
    clients.push(hers.client, his.client);

    session.user = bob;
    const created = await call(findRoute(routes, `POST ${notes}`), "POST", {
      body: { noteId: ulid(), title: "Bob's" },
    });
    expect(created.status, created.text).toBe(201);
    await his.received(1);

    session.user = alice;
    const mine = await createNote(cloud.database, alice.userId, {
      title: "Alice's",
      content: "",
      pinned: false,
      tags: [],
    });
    const patched = await call(findRoute(routes, `PATCH ${note}`), "PATCH", {
      params: { noteId: mine.note.noteId },
      body: { version: mine.note.version, title: "Alice's, edited" },
    });
    expect(patched.status, patched.text).toBe(200);
    // One connection publishes both pokes in order: had Bob's reached her topic, it came first.
    await hers.received(1);
    expect(hers.pokes).toEqual(["poke"]);
    expect(his.pokes).toEqual(["poke"]);
  });

  it("sends no poke for a refused write or a read, then one for the next write", async () => {
    const hers = await listen(routes, alice);
    clients.push(hers.client);
    session.user = alice;
    const refused = await call(findRoute(routes, `PATCH ${note}`), "PATCH", {
      params: { noteId: ulid() },
      body: { version: 1, title: "nowhere" },
    });
    expect(refused.status).toBe(404);
    expect((await call(findRoute(routes, `GET ${notes}`), "GET")).status).toBe(200);
    await markOnPokeConnection(hers.topic);
    await hers.received(1);
    expect(hers.pokes).toEqual(["marker"]);
    const created = await call(findRoute(routes, `POST ${notes}`), "POST", {
      body: { noteId: ulid(), title: "Counted" },
    });
    expect(created.status, created.text).toBe(201);
    await hers.received(2);
    expect(hers.pokes).toEqual(["marker", "poke"]);
  });

  it("pokes after a server action that succeeded, not after one that failed", async () => {
    const hers = await listen(routes, alice);
    clients.push(hers.client);
    session.user = alice;
    const { withUser } = await import("@/lib/server/with-user");
    const failing = withUser(z.object({}), async () => ({
      ok: false,
      message: "refused",
      fieldErrors: {},
    }));
    const succeeding = withUser(z.object({}), async () => undefined);
    expect(await failing(null, new FormData())).toMatchObject({ ok: false });
    await markOnPokeConnection(hers.topic);
    expect(await succeeding(null, new FormData())).toEqual({ ok: true });
    await hers.received(2);
    expect(hers.pokes).toEqual(["marker", "poke"]);
  });

  it("pokes the owners of what TTL removed, from the expiry stream handler", async () => {
    const hers = await listen(routes, alice);
    const his = await listen(routes, bob);
    clients.push(hers.client, his.client);
    const { notes: notesExpired } = await import("@/lib/streams/expired-items-handler");
    const ttl = {
      eventName: "REMOVE",
      userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" },
    };
    await notesExpired({
      Records: [
        { ...ttl, dynamodb: { OldImage: marshall({ userId: alice.userId, noteId: ulid() }) } },
        { ...ttl, dynamodb: { OldImage: marshall({ userId: alice.userId, noteId: ulid() }) } },
        // Deleted by a person, not by TTL: the gate already poked for it.
        { eventName: "REMOVE", dynamodb: { OldImage: marshall({ userId: bob.userId }) } },
      ],
    });
    await markOnPokeConnection(hers.topic);
    await markOnPokeConnection(his.topic);
    await hers.received(2);
    await his.received(1);
    expect(hers.pokes).toEqual(["poke", "marker"]);
    expect(his.pokes).toEqual(["marker"]);
  });
});
