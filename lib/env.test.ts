import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const local = {
  JOTBOARD_DYNAMODB_ENDPOINT: "http://127.0.0.1:8000",
  JOTBOARD_S3_ENDPOINT: "http://127.0.0.1:4568",
};

describe("parseEnv", () => {
  it("defaults to the local cloud and names its endpoints", () => {
    const parsed = parseEnv(local);
    expect(parsed.cloud).toBe("local");
    expect(parsed.dynamoEndpoint).toBe("http://127.0.0.1:8000");
    expect(parsed.tablePrefix).toBe("jotboard-");
  });

  it("turns live updates on with a broker (and, locally, a secret to sign with), else off", () => {
    const secret = "x".repeat(32);
    const broker = { JOTBOARD_REALTIME_URL: "ws://127.0.0.1:1884" };
    expect(parseEnv({ ...local, ...broker, AUTH_SECRET: secret }).realtime).toEqual({
      kind: "local",
      url: "ws://127.0.0.1:1884",
      topicPrefix: "jotboard/local",
      secret,
    });
    expect(parseEnv({ ...local, ...broker }).realtime).toBeUndefined();
    expect(parseEnv({ ...local, AUTH_SECRET: secret }).realtime).toBeUndefined();
    const iot = {
      JOTBOARD_CLOUD: "aws",
      JOTBOARD_REALTIME_ENDPOINT: "abc-ats.iot.eu-west-1.amazonaws.com",
      JOTBOARD_REALTIME_AUTHORIZER: "RealtimeAuthorizer",
      JOTBOARD_REALTIME_TOPIC_PREFIX: "jotboard/prod",
    };
    // The expiry Lambdas publish without the secret; only the app signs tokens.
    expect(parseEnv(iot).realtime).toEqual({
      kind: "aws",
      endpoint: "abc-ats.iot.eu-west-1.amazonaws.com",
      authorizer: "RealtimeAuthorizer",
      topicPrefix: "jotboard/prod",
      secret: undefined,
    });
    expect(() => parseEnv({ ...iot, JOTBOARD_REALTIME_TOPIC_PREFIX: "a/+/b" })).toThrow(/topic/);
  });

  it("takes the app's address and its passkey origins from either setting", () => {
    const site = "https://jotboard.example";
    // One address is enough on AWS: mail links and passkeys use the same site.
    expect(parseEnv({ JOTBOARD_CLOUD: "aws", JOTBOARD_APP_URL: `${site}/` })).toMatchObject({
      appUrl: site,
      origins: [site],
    });
    // Locally the launcher names one port; passkeys keep working on any localhost port.
    expect(parseEnv({ ...local, JOTBOARD_APP_URL: "http://localhost:3000" }).origins).toBe(
      undefined,
    );
    expect(
      parseEnv({ ...local, JOTBOARD_ORIGINS: `${site}, https://www.jotboard.example` }),
    ).toMatchObject({ appUrl: site, origins: [site, "https://www.jotboard.example"] });
    // Both set: each as given.
    expect(
      parseEnv({
        ...local,
        JOTBOARD_APP_URL: "https://app.jotboard.example",
        JOTBOARD_ORIGINS: site,
      }),
    ).toMatchObject({ appUrl: "https://app.jotboard.example", origins: [site] });
    const neither = parseEnv(local);
    expect(neither.appUrl).toBeUndefined();
    expect(neither.origins).toBeUndefined();
  });

  it("explains how to start the local cloud when its endpoints are missing", () => {
    expect(() => parseEnv({})).toThrow(/npm run dev/);
  });

  it("switches to AWS when SST links resources, ignoring local endpoints", () => {
    const parsed = parseEnv({
      ...local,
      SST_RESOURCE_App: '{"name":"jotboard"}',
      AUTH_SECRET: "x".repeat(32),
    });
    expect(parsed.cloud).toBe("aws");
    expect(parsed.dynamoEndpoint).toBeUndefined();
  });

  it("requires AUTH_SECRET in production on AWS", () => {
    expect(() => parseEnv({ JOTBOARD_CLOUD: "aws", NODE_ENV: "production" })).toThrow(
      /AUTH_SECRET/,
    );
  });

  it("rejects a short secret and a malformed endpoint", () => {
    expect(() => parseEnv({ ...local, AUTH_SECRET: "short" })).toThrow(/32 characters/);
    expect(() => parseEnv({ ...local, JOTBOARD_S3_ENDPOINT: "not a url" })).toThrow(
      /JOTBOARD_S3_ENDPOINT/,
    );
  });
});
