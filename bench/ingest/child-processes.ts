import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from here so `--import tsx` and workspace packages resolve. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** How every TypeScript child is started: sources directly, as `npm run bench:ingest` does. */
export const tsxExecArgv = ['--conditions=source', '--import', 'tsx'];

const running = new Set<ChildProcess>();

// However the parent ends (error, Ctrl-C), take the children with it so no server keeps a port.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

/**
 * Forks a file with an IPC channel; its stdout goes to our stderr. A string is relative to
 * bench/ingest; pass `new URL(file, import.meta.url)` for a file elsewhere.
 */
export function forkBenchChild(file: string | URL, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    cwd: repoRoot,
    execArgv: tsxExecArgv,
    env: { ...process.env, ...env },
    // stdout → our stderr (fd 2): our stdout carries only the final JSON.
    stdio: ['ignore', 2, 'inherit', 'ipc'],
  });
  return track(child);
}

/** Registers a child started elsewhere so it is killed when the parent exits. */
export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** The first IPC message of the given type, or a rejection on timeout or early exit. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown): void => {
      if (typeof message === 'object' && message !== null && (message as T).type === type) {
        cleanup();
        resolve(message as T);
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`child exited (code ${code}) before sending '${type}'`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no '${type}' from child within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Asks a child to stop (SIGTERM or IPC disconnect), then kills it if it has not exited in time. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit') as Promise<[number | null]>;
  if (child.connected) child.disconnect();
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const [code] = await exited;
  clearTimeout(timer);
  return code;
}
