import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "@/lib/db/client";
import { createStorageClient } from "@/lib/storage/client";

const tsxCli = path.resolve("node_modules/tsx/dist/cli.mjs");
const launcher = path.resolve("scripts/with-local-cloud.ts");
const idleChild = ["node", "-e", "console.log('child-ready'); setInterval(() => {}, 1000)"];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

async function isPortFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** PIDs of DynamoDB Local JVMs serving the given port, read from /proc. */
function dynamoLocalPids(port: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return args.some((arg) => arg.endsWith("DynamoDBLocal.jar")) && args.includes(String(port));
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface Launch {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  waitFor(text: string): Promise<void>;
}

function launch(args: string[], env: Record<string, string>): Launch {
  // Its own process group, so a test can signal the whole group as a terminal's Ctrl-C does.
  const child = spawn(process.execPath, [tsxCli, launcher, ...args], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) waiter.resolve();
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
  return {
    child,
    exited,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.includes(text)) return resolve();
        waiters.push({ text, resolve });
        exited.then(({ code }) =>
          reject(new Error(`launcher exited (${code}) before "${text}": ${stderr}`)),
        );
      }),
  };
}

describe("with-local-cloud (the engine of npm run dev / npm start)", () => {
  const dataDirs: string[] = [];
  const blockers: Server[] = [];
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    for (const blocker of blockers) blocker.close();
  });

  async function persistentEnv() {
    const dataDir = mkdtempSync(path.join(tmpdir(), "jotboard-data-"));
    dataDirs.push(dataDir);
    return {
      JOTBOARD_DATA_DIR: dataDir,
      JOTBOARD_DYNAMODB_PORT: String(await freePort()),
      JOTBOARD_S3_PORT: String(await freePort()),
      JOTBOARD_REALTIME_PORT: String(await freePort()),
      JOTBOARD_SMTP_PORT: String(await freePort()),
    };
  }

  it("Ctrl-C stops every child: no Java process or port is left behind", async () => {
    const env = await persistentEnv();
    const dynamoPort = Number(env.JOTBOARD_DYNAMODB_PORT);
    const run = launch(["--", ...idleChild], env);
    await run.waitFor("child-ready");
    expect(dynamoLocalPids(dynamoPort)).toHaveLength(1);

    process.kill(-(run.child.pid as number), "SIGINT");
    await run.exited;

    expect(dynamoLocalPids(dynamoPort)).toEqual([]);
    expect(await isPortFree(dynamoPort)).toBe(true);
    expect(await isPortFree(Number(env.JOTBOARD_S3_PORT))).toBe(true);
    expect(await isPortFree(Number(env.JOTBOARD_REALTIME_PORT))).toBe(true);
    expect(await isPortFree(Number(env.JOTBOARD_SMTP_PORT))).toBe(true);
  });

  it("SIGTERM to the launcher alone still stops DynamoDB Local and the app", async () => {
    const env = await persistentEnv();
    const dynamoPort = Number(env.JOTBOARD_DYNAMODB_PORT);
    const run = launch(["--", ...idleChild], env);
    await run.waitFor("child-ready");

    run.child.kill("SIGTERM");
    await run.exited;

    expect(dynamoLocalPids(dynamoPort)).toEqual([]);
    expect(await isPortFree(dynamoPort)).toBe(true);
  });

  it("keeps data across a restart, and creating tables again is harmless", async () => {
    const env = await persistentEnv();
    const dynamoEndpoint = `http://127.0.0.1:${env.JOTBOARD_DYNAMODB_PORT}`;
    const s3Endpoint = `http://127.0.0.1:${env.JOTBOARD_S3_PORT}`;
    const db = createDocumentClient({ region: "us-east-1", endpoint: dynamoEndpoint });
    const s3 = createStorageClient({ region: "us-east-1", endpoint: s3Endpoint });

    const first = launch(["--", ...idleChild], env);
    await first.waitFor("child-ready");
    await db.send(
      new PutCommand({ TableName: "jotboard-Users", Item: { userId: "u1", kind: "probe" } }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: "jotboard-attachments", Key: "private/u1/f", Body: "kept" }),
    );
    process.kill(-(first.child.pid as number), "SIGINT");
    await first.exited;

    const second = launch(["--", ...idleChild], env);
    await second.waitFor("child-ready");
    const item = await db.send(
      new GetCommand({ TableName: "jotboard-Users", Key: { userId: "u1" } }),
    );
    const object = await s3.send(
      new GetObjectCommand({ Bucket: "jotboard-attachments", Key: "private/u1/f" }),
    );
    process.kill(-(second.child.pid as number), "SIGINT");
    await second.exited;

    expect(item.Item).toEqual({ userId: "u1", kind: "probe" });
    expect(await object.Body?.transformToString()).toBe("kept");
    db.destroy();
    s3.destroy();
  });

  it("a busy port gives one actionable line, not a stack", async () => {
    const env = await persistentEnv();
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) =>
      blocker.listen(Number(env.JOTBOARD_DYNAMODB_PORT), "127.0.0.1", resolve),
    );

    const { code, stderr } = await launch(["--", ...idleChild], env).exited;

    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^Port \d+ \(DynamoDB Local\) is already in use: .*JOTBOARD_DYNAMODB_PORT/,
      ),
    ]);
  });

  it("a missing Java gives one actionable line, not a stack", async () => {
    const env = await persistentEnv();
    // A PATH holding node and nothing else (node may share /usr/bin with java).
    const binDir = mkdtempSync(path.join(tmpdir(), "jotboard-bin-"));
    dataDirs.push(binDir);
    symlinkSync(process.execPath, path.join(binDir, "node"));
    const { code, stderr } = await launch(["--", ...idleChild], {
      ...env,
      PATH: binDir,
      JAVA_HOME: "",
    }).exited;

    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Java 17\+ is needed for DynamoDB Local .*install/),
    ]);
  });
});
