// Starts a throw-away sasaeai server for the browser tests.
//
// The binary comes from $SASAEAI_BIN (default: build/src/sasaeai under the repo root). Each
// start gets a fresh SQLite database in its own temp directory, serves the demo city on a free
// loopback port (--port 0) and is only handed back once /healthz answers "ok". Under
// scripts/with-postgres (SASAEAI_TEST_DATABASE set) each start gets a fresh database of that
// PostgreSQL server instead, read through its replica when there is one, dropped when it stops.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const LISTEN_RE = /sasaeai listening on (http:\/\/[^\s/]+\/)/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

function binaryPath() {
  const fromEnv = process.env.SASAEAI_BIN;
  if (fromEnv) return path.resolve(repoRoot, fromEnv);
  return path.join(repoRoot, 'build', 'src', 'sasaeai');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const execFileP = promisify(execFile);
let databases = 0;

// A new, empty database on the test PostgreSQL server: { url, drop }.
async function freshPostgresDatabase() {
  const server = process.env.SASAEAI_TEST_DATABASE;
  const psql = process.env.SASAEAI_TEST_PSQL || 'psql';
  const name = `browser_${process.pid}_${++databases}`;
  const sql = (statement) => execFileP(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', server, '-c', statement]);
  await sql(`CREATE DATABASE ${name}`);
  const named = (url) => url.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);
  return {
    url: named(server),
    // The replica's copy of it: the server reads there whenever the replica has caught up.
    replica: process.env.SASAEAI_TEST_READ_DATABASE ? named(process.env.SASAEAI_TEST_READ_DATABASE) : null,
    drop: () => sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

// `args`: more options for `serve` (e.g. ['--tiles', 'none']).
export async function startServer({ args = [] } = {}) {
  const bin = binaryPath();
  try {
    await access(bin, fsConstants.X_OK);
  } catch {
    throw new Error(`sasaeai binary not found or not executable: ${bin} (build it, or set SASAEAI_BIN)`);
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'sasaeai-browser-'));
  const postgres = process.env.SASAEAI_TEST_DATABASE ? await freshPostgresDatabase() : null;
  const db = postgres ? postgres.url : path.join(dir, 'browser.db');
  const log = []; // last lines of stdout/stderr, for error messages
  const remember = (line) => {
    log.push(line);
    if (log.length > 200) log.shift();
  };

  const replica = postgres && postgres.replica ? ['--read-database', postgres.replica] : [];
  const child = spawn(bin, ['--db', db, ...replica, 'serve', '--demo', '--port', '0', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If this test process goes away without running the after() hook, take the server with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  exited.then(() => { hasExited = true; });

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!hasExited) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await rm(dir, { recursive: true, force: true });
    if (postgres) await postgres.drop();
  };

  try {
    const baseURL = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not log its address within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      child.once('error', (err) => { clearTimeout(timer); reject(err); });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited before listening (code ${code}, signal ${signal})`));
      });
      // Both streams are read to the end so the server never blocks on a full pipe.
      readline.createInterface({ input: child.stderr }).on('line', remember);
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        remember(line);
        const m = LISTEN_RE.exec(line);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
    });

    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (hasExited) throw new Error('server exited while waiting for /healthz');
      try {
        const res = await fetch(new URL('healthz', baseURL));
        if (res.ok && (await res.text()).trim() === 'ok') break;
      } catch {
        // not accepting connections yet
      }
      if (Date.now() > deadline) throw new Error(`/healthz did not answer "ok" within ${START_TIMEOUT_MS} ms`);
      await sleep(100);
    }
    return { baseURL, db, log, stop };
  } catch (err) {
    await stop();
    err.message += `\n--- server output ---\n${log.join('\n')}`;
    throw err;
  }
}
