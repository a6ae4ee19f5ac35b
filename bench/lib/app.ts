/**
 * The production app under test: `next start` behind the local-cloud launcher on fixed free
 * ports (so this process can seed the same DynamoDB Local), started and stopped here; and a
 * signed-in session over HTTP, as Auth.js's own clients do it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { log } from "./report";

const root = path.resolve(import.meta.dirname, "..", "..");

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no free port");
  return address.port;
}

export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a command in its own process group and waits until `readyPath` answers 2xx. */
export async function startServer(
  command: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    url: string;
    readyPath: string;
    timeoutMs: number;
  },
): Promise<RunningServer> {
  const [executable, ...args] = command as [string, ...string[]];
  const child = spawn(executable, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The launcher forwards SIGTERM to its command and then stops its local cloud.
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${command.join(" ")} exited early (${child.exitCode}):\n${output}`);
    }
    try {
      const response = await fetch(`${options.url}${options.readyPath}`);
      if (response.ok) return { url: options.url, child, output: () => output, stop };
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${command.join(" ")} did not become ready:\n${output}`);
}

export interface AppUnderTest extends RunningServer {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly tablePrefix: string;
  readonly bucket: string;
}

/** `tsx scripts/with-local-cloud.ts --ephemeral -- next start` on free ports. */
export async function startApp(): Promise<AppUnderTest> {
  const [appPort, dynamoPort, s3Port] = [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${appPort}`;
  const server = await startServer(
    [
      process.execPath,
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "scripts/with-local-cloud.ts",
      "--ephemeral",
      "--",
      path.join(root, "node_modules/.bin/next"),
      "start",
      "--port",
      String(appPort),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(appPort),
        JOTBOARD_DYNAMODB_PORT: String(dynamoPort),
        JOTBOARD_S3_PORT: String(s3Port),
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        // The load runs one person's writes at hundreds a second: measure the app, not the limit.
        JOTBOARD_RATE_LIMIT_SCALE: "1000",
        // Each DynamoDB request's consumed capacity on stdout (bench/lib/app-capacity.ts).
        JOTBOARD_CAPACITY_LOG: "1",
      },
      url,
      readyPath: "/api/health",
      timeoutMs: 120_000,
    },
  );
  log(`app: ${url} (DynamoDB Local :${dynamoPort}, S3 :${s3Port})`);
  return {
    ...server,
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    tablePrefix: "jotboard-",
    bucket: "jotboard-attachments",
  };
}

/** The app's own Argon2id parameters (lib/auth/password.ts), for seeding a user directly. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] as string);
}

/** GET /api/auth/csrf, then POST the credentials: returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const location = response.headers.get("location") ?? "";
  const session = cookiesOf(response).filter((cookie) => cookie.includes("session-token"));
  if (response.status !== 302 || location.includes("error=") || session.length === 0) {
    throw new Error(`sign-in failed: ${response.status} ${location}`);
  }
  return [...jar, ...session].join("; ");
}
