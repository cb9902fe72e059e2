import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real Neo4j Community engine for tests and benchmarks: test/java/neo4j-launcher, a Maven
 * project whose main class starts the embedded DBMS (org.neo4j.test:neo4j-harness from Maven
 * Central) with Bolt on a loopback port and prints its URL. Built with `mvn -q package`
 * (dependencies cached in ~/.m2), by .ci/run and by the tests' global setup when missing or stale.
 */
export const LAUNCHER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'java', 'neo4j-launcher');
export const LAUNCHER_JAR = join(LAUNCHER_DIR, 'target', 'neo4j-launcher.jar');
const SOURCES = [join(LAUNCHER_DIR, 'pom.xml'), join(LAUNCHER_DIR, 'src', 'main', 'java', 'datacontext', 'neo4j', 'Launcher.java')];

function onPath(command: string): boolean {
  return spawnSync(command, ['-version'], { stdio: 'ignore' }).status === 0;
}

function stale(): boolean {
  if (!existsSync(LAUNCHER_JAR)) return true;
  const built = statSync(LAUNCHER_JAR).mtimeMs;
  return SOURCES.some((file) => statSync(file).mtimeMs > built);
}

/**
 * Builds the launcher when missing or older than its sources. Returns why Neo4j tests cannot run
 * (no Java, no Maven, a failed build: the build's last lines), or null when they can.
 */
export function buildLauncher(log: (line: string) => void = () => {}): string | null {
  if (!onPath('java')) return 'java is not on the PATH (apt-get install -y openjdk-17-jre-headless)';
  if (!stale()) return null;
  if (!onPath('mvn')) return 'mvn is not on the PATH (apt-get install -y maven) to build test/java/neo4j-launcher';
  log('building test/java/neo4j-launcher (mvn -q package; the first build downloads Neo4j from Maven Central)');
  const build = spawnSync('mvn', ['-q', '-B', 'package'], { cwd: LAUNCHER_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0 || !existsSync(LAUNCHER_JAR)) {
    const tail = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    return `building test/java/neo4j-launcher failed (mvn -q package, exit ${build.status}):\n${tail}`;
  }
  return null;
}

/**
 * Why Neo4j tests cannot run here (null when they can). They are skipped with this reason, except
 * under CI=true, where it throws: a green CI that ran no Neo4j test would hide it.
 */
export function neo4jUnavailable(): string | null {
  const reason = !onPath('java') ? 'java is not on the PATH' : existsSync(LAUNCHER_JAR) ? null : `${LAUNCHER_JAR} is missing (the build in the tests' global setup failed or could not run; see its output)`;
  if (reason && process.env.CI === 'true') throw new Error(`Neo4j tests cannot run: ${reason}; CI=true requires them`);
  return reason;
}

export interface Neo4jServer {
  /** bolt://127.0.0.1:PORT */
  url: string;
  port: number;
  process: ChildProcess;
  /** SIGTERM and wait for the exit (a clean shutdown). */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit (a crash: the next start on the same home recovers). */
  kill(): Promise<void>;
}

export interface LaunchOptions {
  /** The DBMS home; its data survives the process, for a restart on it. Default: a temporary one, removed on exit. */
  home?: string;
  /** Default: a free port. */
  port?: number;
  heap?: string;
  /** Neo4j's page cache in MiB (the launcher's default: 128). */
  pagecacheMb?: number;
  /** C1 only and the serial collector: starts in about half the time, runs slower (tests, not benchmarks). */
  quickStart?: boolean;
  /** How long to wait for the URL (a loaded machine takes a minute). */
  timeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a Neo4j and resolves once it accepts Bolt connections. stdin stays open: the launcher stops when it closes (this process died). */
export function startNeo4j(options: LaunchOptions = {}): Promise<Neo4jServer> {
  const args = [`-Xmx${options.heap ?? '512m'}`];
  if (options.quickStart !== false) args.push('-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1');
  args.push('-jar', LAUNCHER_JAR);
  if (options.home) args.push('--home', options.home);
  if (options.port) args.push('--port', String(options.port));
  if (options.pagecacheMb) args.push('--pagecache-mb', String(options.pagecacheMb));
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const server = (url: string): Neo4jServer => ({
    url,
    port: Number(url.split(':').pop()),
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within ${options.timeoutMs ?? 240_000} ms; stderr: ${stderr}`));
    }, options.timeoutMs ?? 240_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /bolt:\/\/127\.0\.0\.1:\d+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(server(match[0]));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the Neo4j launcher exited (${signal ?? code}) before it was ready; stderr: ${stderr}`));
    });
  });
}
