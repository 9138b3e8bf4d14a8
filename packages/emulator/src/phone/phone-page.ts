import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { phoneIconSvg } from './assets/phone-icon.js';
import { phoneCss } from './assets/phone-css.js';
import { renderPhoneHtml } from './assets/phone-html.js';
import { phoneScripts } from './assets/phone-scripts.js';
import { contentSecurityPolicy, normalizeControlBase } from './security.js';

export interface PhonePageOptions {
  /**
   * Where the emulator's control API lives, as a path on the same origin (`/emulator/_control`,
   * `/_control`) or an absolute http(s) URL (then it must allow this page's origin itself).
   */
  readonly controlBase: string;
  /** Shown in the tab and above the customer list; default "Switchboard phone". */
  readonly title?: string;
}

const TEXT = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
} as const;

/**
 * The phone simulator: one page where a developer types as a simulated customer and sees the
 * business's messages with their ticks. Register it under a prefix:
 *
 * @example
 * await app.register(phonePage({ controlBase: '/emulator/_control' }), { prefix: '/phone' });
 *
 * The page is static; everything it shows comes from the control API at run time, so the page
 * itself never holds customer data. Scripts and styles are served from their own routes under the
 * same prefix so that the Content-Security-Policy can forbid every inline script and style.
 */
export function phonePage(options: PhonePageOptions): FastifyPluginAsync {
  const controlBase = normalizeControlBase(options.controlBase);
  const csp = contentSecurityPolicy(controlBase);
  const title = options.title ?? 'Switchboard phone';

  return async (app) => {
    // Asset URLs are absolute from the prefix: the page answers on both `/phone` and `/phone/`,
    // and a relative `app.js` would resolve differently for the two.
    const assetBase = app.prefix;
    const html = renderPhoneHtml({ title, controlBase, assetBase });

    app.addHook('onSend', async (_request, reply, payload) => {
      securityHeaders(reply, csp);
      return payload;
    });

    app.get('/', async (_request, reply) => reply.type(TEXT.html).send(html));
    app.get('/phone.css', async (_request, reply) => reply.type(TEXT.css).send(phoneCss));
    app.get('/icon.svg', async (_request, reply) => reply.type(TEXT.svg).send(phoneIconSvg));
    for (const [name, source] of Object.entries(phoneScripts)) {
      app.get(`/${name}`, async (_request, reply) => reply.type(TEXT.js).send(source));
    }
  };
}

function securityHeaders(reply: FastifyReply, csp: string): void {
  reply.header('content-security-policy', csp);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  // The assets are a few kilobytes; always revalidating keeps a rebuilt emulator from serving a
  // page that mixes old and new modules.
  reply.header('cache-control', 'no-cache');
}
