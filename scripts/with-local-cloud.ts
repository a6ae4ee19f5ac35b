/**
 * Runs a command (`next dev`, `next start`, a benchmark) with the embedded local cloud up and
 * the app's environment pointed at it; stops every child when the command ends or on Ctrl-C.
 *
 *   tsx scripts/with-local-cloud.ts [--ephemeral] -- <command> [args...]
 *
 * Persistent by default: data under `.data/` (or JOTBOARD_DATA_DIR), on ports 8000, 4568 and
 * 1884 for the MQTT broker, 1025 for the mail catcher (JOTBOARD_DYNAMODB_PORT, JOTBOARD_S3_PORT,
 * JOTBOARD_REALTIME_PORT, JOTBOARD_SMTP_PORT); mails land in `.data/mail/`. `--ephemeral` keeps everything in memory on free
 * ports (or the ports those variables name), for test runs. With JOTBOARD_CLOUD=aws the
 * command runs against AWS unchanged.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type LocalCloud, LocalCloudError, startLocalCloud } from "./local-cloud";

function parseArgs(argv: string[]) {
  const separator = argv.indexOf("--");
  const flags = separator === -1 ? [] : argv.slice(0, separator);
  const command = separator === -1 ? argv : argv.slice(separator + 1);
  if (command.length === 0) {
    throw new LocalCloudError("usage: with-local-cloud [--ephemeral] -- <command> [args...]");
  }
  return { ephemeral: flags.includes("--ephemeral"), command };
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new LocalCloudError(`${name} must be a port number, got "${raw}".`);
  }
  return value;
}

/** A development secret kept with the local data, so sessions survive restarts. */
function developmentAuthSecret(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString("base64url");
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<number> {
  const { ephemeral, command } = parseArgs(process.argv.slice(2));
  const [executable, ...args] = command as [string, ...string[]];

  // Handle signals from the start: a Ctrl-C while the cloud boots must still stop it.
  let stopRequested: NodeJS.Signals | undefined;
  let onSignal = (signal: NodeJS.Signals) => {
    stopRequested = signal;
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, (received) => onSignal(received));
  }

  let cloud: LocalCloud | undefined;
  let childEnv: NodeJS.ProcessEnv = process.env;
  if (process.env.JOTBOARD_CLOUD !== "aws") {
    const dataDir = ephemeral ? undefined : path.resolve(process.env.JOTBOARD_DATA_DIR ?? ".data");
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const appPort = process.env.PORT ?? "3000";
    const authSecret = process.env.AUTH_SECRET ?? developmentAuthSecret(dataDir);
    cloud = await startLocalCloud({
      dataDir,
      dynamoPort: port("JOTBOARD_DYNAMODB_PORT", ephemeral ? 0 : 8000),
      s3Port: port("JOTBOARD_S3_PORT", ephemeral ? 0 : 4568),
      realtimePort: port("JOTBOARD_REALTIME_PORT", ephemeral ? 0 : 1884),
      smtpPort: port("JOTBOARD_SMTP_PORT", ephemeral ? 0 : 1025),
      logMail: (line) => console.log(line),
      authSecret,
      tablePrefix: process.env.JOTBOARD_TABLE_PREFIX ?? "jotboard-",
      bucket: process.env.JOTBOARD_BUCKET ?? "jotboard-attachments",
      allowedOrigins: [`http://localhost:${appPort}`, `http://127.0.0.1:${appPort}`],
    });
    childEnv = {
      ...process.env,
      ...cloud.env,
      AUTH_SECRET: authSecret,
      // Links in mails point here, never at whatever Host a request claimed.
      JOTBOARD_APP_URL: process.env.JOTBOARD_APP_URL ?? `http://localhost:${appPort}`,
    };
    console.log(
      `local cloud: DynamoDB ${cloud.dynamoEndpoint}, S3 ${cloud.s3Endpoint}, MQTT ${cloud.realtimeUrl}, mail ${cloud.smtpUrl}${dataDir ? `, data in ${path.relative(process.cwd(), dataDir) || "."}` : " (in memory)"}`,
    );
  }

  if (stopRequested) {
    await cloud?.stop();
    return 130;
  }

  const child = spawn(executable, args, { stdio: "inherit", env: childEnv });
  onSignal = (signal) => {
    if (stopRequested) return;
    stopRequested = signal;
    if (child.exitCode === null) child.kill(signal);
  };

  const code = await new Promise<number>((resolve) => {
    child.once("error", (error) => {
      console.error(`could not start "${executable}": ${error.message}`);
      resolve(127);
    });
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 130 : 1)));
  });
  await cloud?.stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof LocalCloudError ? error.message : error);
    process.exit(1);
  },
);
