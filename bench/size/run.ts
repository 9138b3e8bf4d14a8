/**
 * Bundle sizes (docs/benchmarks.md): each package's browser entry bundled by esbuild, minified and
 * gzipped, beside `@supabase/realtime-js` and `centrifuge` bundled the same way in the same run.
 * The hooks are measured on their own, with React and the client left out (what they add to an
 * app that has both). One JSON object on stdout; exit code 1 when a target is missed.
 *
 *   npm run size
 */
import { bundleSize as measure } from '../common/bundle-size.js';

// Everything a package exports, so nothing is shaken out that an app could use.
const all = (pkg: string) => `export * from '${pkg}';`;

const [client, hooks, supabase, centrifuge] = await Promise.all([
  measure(all('@switchboard/client')),
  measure(all('@switchboard/react'), ['react', 'react-dom', '@switchboard/client', '@switchboard/protocol']),
  measure(`export { RealtimeClient } from '@supabase/realtime-js';`),
  measure(`export { Centrifuge } from 'centrifuge';`),
]);

const targets = { clientKiB: 6, hooksKiB: 2 };
const met = { client: client.gzip <= targets.clientKiB, hooks: hooks.gzip <= targets.hooksKiB };
console.log(
  JSON.stringify(
    {
      unit: 'KiB (esbuild --minify, gzip -9)',
      '@switchboard/client': client,
      '@switchboard/react (React and the client external)': hooks,
      '@supabase/realtime-js': supabase,
      centrifuge,
      ratios: {
        clientVsSupabaseRealtime: Math.round((client.gzip / supabase.gzip) * 100) / 100,
        clientVsCentrifuge: Math.round((client.gzip / centrifuge.gzip) * 100) / 100,
      },
      targets,
      met,
    },
    null,
    2,
  ),
);
if (!met.client || !met.hooks) process.exitCode = 1;
