/**
 * `npm run example:case-page`: Switchboard in demo mode (the built-in emulator as WhatsApp), the
 * example's token backend and the page (Vite) on one port. With SWITCHBOARD_URL and
 * SWITCHBOARD_API_KEY set, it uses that Switchboard instead of starting one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as createVite } from 'vite';
import { tokenBackend } from './token-backend.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../..');

export interface Example {
  url: string;
  switchboardUrl: string;
  close(): Promise<void>;
}

export async function startExample(
  options: { port?: number; switchboardPort?: number } = {},
): Promise<Example> {
  let switchboardUrl = process.env.SWITCHBOARD_URL?.replace(/\/+$/, '');
  let apiKey = process.env.SWITCHBOARD_API_KEY;
  let child: ChildProcess | null = null;
  if (!switchboardUrl) {
    const port = options.switchboardPort ?? 8080;
    apiKey = 'example-api-key-0123456789';
    switchboardUrl = `http://127.0.0.1:${port}`;
    // Demo mode: no provider credentials; any localhost page may call it (CORS).
    child = spawn(process.execPath, [join(root, 'apps/server/dist/cli.js'), 'start'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SWITCHBOARD_API_KEY: apiKey,
        SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-example-')),
        LOG_LEVEL: 'warn',
        // The case page shows one new case: no demo history in the way.
        SWITCHBOARD_DEMO_HISTORY: 'off',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth(switchboardUrl);
  }
  if (!apiKey)
    throw new Error('Set SWITCHBOARD_API_KEY with SWITCHBOARD_URL (the backend mints tokens with it).');
  const vite = await createVite({
    root: here,
    configFile: false,
    logLevel: 'warn',
    server: { middlewareMode: true },
    appType: 'spa',
    define: { __SWITCHBOARD_URL__: JSON.stringify(switchboardUrl) },
  });
  const tokens = tokenBackend({ switchboardUrl, apiKey, agent: 'sales-anna', cases: ['CASE-1001'] });
  const http = createServer((request, response) => {
    tokens(request, response).then(
      (handled) => handled || vite.middlewares(request, response),
      (error: unknown) => {
        response.writeHead(500).end(String(error));
      },
    );
  });
  const port = options.port ?? 5173;
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url,
    switchboardUrl,
    async close() {
      await vite.close();
      await new Promise((resolve) => http.close(resolve));
      child?.kill('SIGTERM');
    },
  };
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Switchboard did not start at ${url} (is port 8080 free? npm install builds it first)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const example = await startExample();
  console.log(`Case page:       ${example.url}`);
  console.log(
    `Customer phone:  ${example.switchboardUrl}/phone (write as Anna Weber, answer on the case page)`,
  );
  const stop = () => void example.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
