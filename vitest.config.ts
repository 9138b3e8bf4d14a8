import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests run on the TypeScript sources of every workspace package (no build needed); the aliases
// mirror each package's "source" export condition, subpaths included (exact matches, so that
// `@switchboard/whatsapp/signature` does not become `…/index.ts/signature`).
const alias = [
  { find: /^@switchboard\/protocol$/, replacement: src('./packages/protocol/src/index.ts') },
  { find: /^@switchboard\/whatsapp$/, replacement: src('./packages/whatsapp/src/index.ts') },
  { find: /^@switchboard\/whatsapp\/signature$/, replacement: src('./packages/whatsapp/src/signature.ts') },
  { find: /^@switchboard\/client$/, replacement: src('./packages/client/src/index.ts') },
  { find: /^@switchboard\/react$/, replacement: src('./packages/react/src/index.ts') },
  { find: /^@switchboard\/ui$/, replacement: src('./packages/ui/src/index.ts') },
  { find: /^@switchboard\/emulator$/, replacement: src('./packages/emulator/src/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'protocol', root: src('./packages/protocol'), include: ['src/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: { name: 'whatsapp', root: src('./packages/whatsapp'), include: ['src/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: { name: 'client', root: src('./packages/client'), include: ['src/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: { name: 'ui', root: src('./packages/ui'), include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'examples',
          root: src('./examples'),
          include: ['*/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'emulator',
          root: src('./packages/emulator'),
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          root: src('./apps/server'),
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          globalSetup: [src('./apps/server/src/test-support/global-setup.ts')],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
