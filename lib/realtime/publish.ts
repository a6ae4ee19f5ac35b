import { randomBytes } from "node:crypto";
import type { IoTDataPlaneClient } from "@aws-sdk/client-iot-data-plane";
import type { MqttClient } from "mqtt";
import { env, type RealtimeConfig } from "@/lib/env";
import {
  allUsersTopicFilter,
  issueRealtimeToken,
  realtimeKey,
  userTopic,
} from "@/lib/realtime/token";

/**
 * Pokes a person's devices after a change of theirs committed: an empty message on their topic,
 * which tells them to pull (a lost poke costs only latency). Locally it goes through the embedded
 * broker on a server credential; on AWS through IoT Core's Publish (the `sst.aws.Realtime` link
 * grants it). Never throws: the write it follows has already happened. No `server-only`: the
 * TTL-expiry Lambda pokes too.
 */
export async function publishPoke(userId: string): Promise<void> {
  const config = env().realtime;
  if (!config) return;
  const topic = userTopic(config.topicPrefix, userId);
  try {
    await withTimeout(
      config.kind === "local" ? publishLocally(config, topic) : publishOnAws(config, topic),
      pokeTimeoutMs,
    );
  } catch (error) {
    console.error(`live update: the poke to ${topic} was not sent`, error);
  }
}

// A poke is worth little next to the write's answer: do not hold the answer for long.
const pokeTimeoutMs = 1_500;
const serverTokenTtlSeconds = 24 * 60 * 60;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// One connection per broker and process, kept across Next's module reloads and test files.
const shared = globalThis as typeof globalThis & {
  jotboardRealtimePublishers?: Map<string, Promise<MqttClient>>;
  jotboardIotClient?: IoTDataPlaneClient;
};

async function publishLocally(
  config: Extract<RealtimeConfig, { kind: "local" }>,
  topic: string,
): Promise<void> {
  shared.jotboardRealtimePublishers ??= new Map();
  const publishers = shared.jotboardRealtimePublishers;
  let connecting = publishers.get(config.url);
  if (!connecting) {
    connecting = connectPublisher(config);
    publishers.set(config.url, connecting);
    connecting.catch(() => publishers.delete(config.url));
  }
  const client = await connecting;
  // While the broker is away the client reconnects by itself; this poke is simply lost.
  if (!client.connected) throw new Error("the local broker is not connected");
  await client.publishAsync(topic, "", { qos: 0 });
}

async function connectPublisher(
  config: Extract<RealtimeConfig, { kind: "local" }>,
): Promise<MqttClient> {
  const { connectAsync } = await import("mqtt");
  const serverToken = () =>
    issueRealtimeToken(
      realtimeKey(config.secret),
      { principal: "server", subscribe: [], publish: [allUsersTopicFilter(config.topicPrefix)] },
      serverTokenTtlSeconds,
    );
  const client = await connectAsync(config.url, {
    clientId: `server-${randomBytes(6).toString("hex")}`,
    username: "server",
    password: serverToken(),
    reconnectPeriod: 1_000,
    connectTimeout: pokeTimeoutMs,
    queueQoSZero: false,
  });
  // Each reconnect signs in afresh (the broker ends a connection when its token expires).
  client.on("close", () => {
    client.options.password = serverToken();
  });
  return client;
}

async function publishOnAws(
  config: Extract<RealtimeConfig, { kind: "aws" }>,
  topic: string,
): Promise<void> {
  const { IoTDataPlaneClient, PublishCommand } = await import("@aws-sdk/client-iot-data-plane");
  shared.jotboardIotClient ??= new IoTDataPlaneClient({
    region: env().region,
    endpoint: `https://${config.endpoint}`,
  });
  await shared.jotboardIotClient.send(new PublishCommand({ topic, qos: 0 }));
}
