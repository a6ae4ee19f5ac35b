/**
 * The live-update channel's credentials, checked by the same `verifyRealtimeToken` in the run's
 * real embedded broker (aedes over WebSocket, started by the test setup) and in the AWS IoT
 * custom authorizer.
 */
import type { Context, IoTCustomAuthorizerEvent } from "aws-lambda";
import { connectAsync, type MqttClient } from "mqtt";
import { ulid } from "ulid";
import { afterEach, describe, expect, inject, it } from "vitest";
import { authorizeConnection } from "@/lib/realtime/authorizer";
import {
  allUsersTopicFilter,
  issueRealtimeToken,
  realtimeKey,
  userTopic,
  verifyRealtimeToken,
} from "@/lib/realtime/token";

const { realtimeUrl, authSecret } = inject("localCloud");
const key = realtimeKey(authSecret);
const prefix = "jotboard/local";
const clients: MqttClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
});

function clientToken(userId: string, options: { ttlSeconds?: number; now?: number } = {}) {
  const topic = userTopic(prefix, userId);
  return issueRealtimeToken(
    key,
    { principal: userId, subscribe: [topic], publish: [] },
    options.ttlSeconds ?? 900,
    options.now,
  );
}

function serverToken() {
  return issueRealtimeToken(
    key,
    { principal: "server", subscribe: [], publish: [allUsersTopicFilter(prefix)] },
    900,
  );
}

async function connect(principal: string, password: string): Promise<MqttClient> {
  const client = await connectAsync(realtimeUrl, {
    clientId: `${principal}-${ulid()}`,
    username: principal,
    password,
    reconnectPeriod: 0,
  });
  clients.push(client);
  return client;
}

/**
 * The connection is refused: mqtt.js rejects with the broker's CONNACK code. (It sends a
 * password only with a username, as MQTT 3.1.1 requires; without one it just closes.)
 */
async function refusedConnect(principal: string, password: string, clientId?: string) {
  await expect(
    connectAsync(realtimeUrl, {
      clientId: clientId ?? `${principal}-${ulid()}`,
      username: principal,
      password,
      reconnectPeriod: 0,
    }),
  ).rejects.toThrow(/Not authorized/);
}

function tamper(token: string): string {
  const [payload = "", signature = ""] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { s: string[] };
  claims.s = [userTopic(prefix, ulid())];
  return `${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

describe("realtime tokens", () => {
  it("verify to their grant until they expire", () => {
    const userId = ulid();
    const now = Date.now();
    const token = clientToken(userId, { ttlSeconds: 60, now });
    expect(verifyRealtimeToken(key, token, now)).toEqual({
      principal: userId,
      subscribe: [userTopic(prefix, userId)],
      publish: [],
      expiresAt: Math.floor(now / 1000) * 1000 + 60_000,
    });
    expect(verifyRealtimeToken(key, token, now + 61_000)).toBeNull();
  });

  it("refuse a changed payload, another key's signature and garbage", () => {
    const token = clientToken(ulid());
    expect(verifyRealtimeToken(key, tamper(token))).toBeNull();
    expect(verifyRealtimeToken(realtimeKey("another secret of 32 characters!!"), token)).toBeNull();
    for (const garbage of ["", ".", "a.b", `${token}.x`, token.replace(/.$/, "")]) {
      expect(verifyRealtimeToken(key, garbage)).toBeNull();
    }
  });
});

describe("the local broker", () => {
  it("lets a client subscribe to its own topic only, and never to a wildcard", async () => {
    const userId = ulid();
    const client = await connect(userId, clientToken(userId));
    const own = await client.subscribeAsync(userTopic(prefix, userId));
    expect(own.map((grant) => grant.qos)).toEqual([0]);
    // Refused with the SUBACK failure code (0x80), which mqtt.js turns into an error.
    for (const topic of [userTopic(prefix, ulid()), allUsersTopicFilter(prefix), "#"]) {
      const refused = await client.subscribeAsync(topic).then(
        () => "granted",
        (error: Error) => error.message,
      );
      expect(refused, topic).toMatch(/Subscribe error/);
    }
    expect(client.connected).toBe(true);
  });

  it("refuses expired, tampered and foreign tokens, and another principal's client id", async () => {
    const userId = ulid();
    await refusedConnect(userId, clientToken(userId, { now: Date.now() - 901_000 }));
    await refusedConnect(userId, tamper(clientToken(userId)));
    await refusedConnect(
      userId,
      issueRealtimeToken(
        realtimeKey("x".repeat(32)),
        {
          principal: userId,
          subscribe: [userTopic(prefix, userId)],
          publish: [],
        },
        900,
      ),
    );
    await refusedConnect(userId, "not a token");
    await refusedConnect(userId, clientToken(userId), `${ulid()}-${userId}`);
  });

  it("refuses a client's publish: it is cut off and nothing reaches the topic", async () => {
    const userId = ulid();
    const topic = userTopic(prefix, userId);
    const listener = await connect(userId, clientToken(userId));
    await listener.subscribeAsync(topic);
    const received: string[] = [];
    const secondArrived = new Promise<void>((resolve) => {
      listener.on("message", (_topic, payload) => {
        received.push(payload.toString());
        if (received.includes("from the server")) resolve();
      });
    });

    // Another device of the same person tries to publish on the person's own topic.
    const publisher = await connect(userId, clientToken(userId));
    const closed = new Promise<void>((resolve) => publisher.once("close", () => resolve()));
    publisher.publish(topic, "from a client");
    await closed;

    const server = await connect("server", serverToken());
    await server.publishAsync(topic, "from the server");
    await secondArrived;
    expect(received).toEqual(["from the server"]);
  });
});

describe("the AWS IoT custom authorizer", () => {
  const arn = "arn:aws:lambda:eu-west-1:123456789012:function:authorizer";
  const event = (password: string, clientId: string): IoTCustomAuthorizerEvent => ({
    signatureVerified: false,
    protocols: ["mqtt"],
    protocolData: {
      mqtt: { username: "", password: Buffer.from(password).toString("base64"), clientId },
    },
    connectionMetadata: { id: "c1" },
  });
  const context = { invokedFunctionArn: arn } as Context;

  it("allows exactly the person's own topic and no publishing", () => {
    const userId = ulid();
    const topic = userTopic(prefix, userId);
    const result = authorizeConnection(
      event(clientToken(userId), `${userId}-abc`),
      context.invokedFunctionArn,
      authSecret,
    );
    expect(result.isAuthenticated).toBe(true);
    expect(result.principalId).toBe(userId);
    const statements = result.policyDocuments.flatMap((document) => document.Statement);
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: "iot:Connect",
        Resource: `arn:aws:iot:eu-west-1:123456789012:client/${userId}-abc`,
      },
      {
        Effect: "Allow",
        Action: "iot:Subscribe",
        Resource: [`arn:aws:iot:eu-west-1:123456789012:topicfilter/${topic}`],
      },
      {
        Effect: "Allow",
        Action: "iot:Receive",
        Resource: [`arn:aws:iot:eu-west-1:123456789012:topic/${topic}`],
      },
    ]);
    expect(result.disconnectAfterInSeconds).toBeLessThanOrEqual(900);
  });

  it("refuses expired and tampered tokens and another principal's client id", () => {
    const userId = ulid();
    const refused = [
      event(clientToken(userId, { now: Date.now() - 901_000 }), `${userId}-abc`),
      event(tamper(clientToken(userId)), `${userId}-abc`),
      event(clientToken(userId), `${ulid()}-abc`),
    ];
    for (const attempt of refused) {
      const result = authorizeConnection(attempt, arn, authSecret);
      expect(result.isAuthenticated).toBe(false);
      expect(result.policyDocuments).toEqual([]);
    }
  });
});
