import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_ACCESS_TOKEN } from './emulator.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const packageRoot = fileURLToPath(new URL('../', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  // Only if the test failed before stopping it.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Resolves with the base URL once the banner's first line is out, or rejects with what was printed. */
function banner(emulator: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)\n/.exec(output);
      if (match) {
        emulator.stdout?.off('data', onData);
        resolve(match[1]!);
      }
    };
    emulator.stdout?.on('data', onData);
    emulator.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    emulator.once('exit', (code) => reject(new Error(`exited with ${code} before the banner:\n${output}`)));
  });
}

it('the package bin points at the built CLI entry', () => {
  const manifest = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {
    bin: Record<string, string>;
  };
  const bin = manifest.bin['switchboard-emulator'];
  expect(bin).toBe('./bin/switchboard-emulator.js');
  const script = readFileSync(`${packageRoot}${bin}`, 'utf8');
  expect(script.startsWith('#!/usr/bin/env node\n')).toBe(true);
  // dist/cli.js is what tsc emits for src/cli.ts (rootDir src, outDir dist).
  expect(script).toContain("import '../dist/cli.js';");
  expect(existsSync(`${packageRoot}src/cli.ts`)).toBe(true);
});

it('runs as a program: banner, Graph and control API, then a clean exit on SIGTERM', async () => {
  // From sources, as every test runs; the bin runs the same file compiled.
  child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/emulator/src/cli.ts', '--port', '0'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await banner(child);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const number = await fetch(`${url}/v23.0/100000000000001`, {
    headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` },
  });
  expect(number.status).toBe(200);
  expect(((await number.json()) as { id: string }).id).toBe('100000000000001');

  const state = await fetch(`${url}/_control/state`);
  expect(state.status).toBe(200);
  const body = (await state.json()) as { businessNumbers: { phoneNumberId: string }[] };
  expect(body.businessNumbers[0]?.phoneNumberId).toBe('100000000000001');

  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill('SIGTERM');
  expect(await exited).toEqual([0, null]);
});
