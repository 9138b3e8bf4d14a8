import Fastify, { type FastifyInstance } from 'fastify';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneScripts } from './assets/phone-scripts.js';
import { phonePage, type PhonePageOptions } from './phone-page.js';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function mount(options: PhonePageOptions, prefix = '/phone'): Promise<FastifyInstance> {
  app = Fastify();
  await app.register(phonePage(options), { prefix });
  await app.ready();
  return app;
}

function attribute(html: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];
}

describe('phonePage routes', () => {
  it('serves the page at the prefix, with and without a trailing slash', async () => {
    const server = await mount({ controlBase: '/emulator/_control' });
    for (const url of ['/phone', '/phone/']) {
      const res = await server.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<!doctype html>');
      expect(res.body).toContain('<title>Switchboard phone</title>');
      expect(attribute(res.body, 'data-control-base')).toBe('/emulator/_control');
    }
  });

  it('points the page at its assets under the prefix and serves each of them', async () => {
    const server = await mount({ controlBase: '/_control' }, '/sim/phone');
    const page = await server.inject('/sim/phone');
    expect(page.body).toContain('<script type="module" src="/sim/phone/app.js"></script>');
    expect(page.body).toContain('href="/sim/phone/phone.css"');

    const css = await server.inject('/sim/phone/phone.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('.bubble');
    const icon = await server.inject('/sim/phone/icon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    for (const name of Object.keys(phoneScripts)) {
      const js = await server.inject(`/sim/phone/${name}`);
      expect(js.statusCode, name).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.body).toBe(phoneScripts[name]);
    }
  });

  it('works registered without a prefix (the standalone emulator may serve it at the root)', async () => {
    const server = await mount({ controlBase: '/_control' }, '');
    const page = await server.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('src="/app.js"');
    expect((await server.inject('/app.js')).statusCode).toBe(200);
  });

  it('answers unknown asset names with 404', async () => {
    const server = await mount({ controlBase: '/_control' });
    expect((await server.inject('/phone/evil.js')).statusCode).toBe(404);
  });

  it('uses the given title, escaped', async () => {
    const server = await mount({ controlBase: '/_control', title: 'Acme <b>&</b> "phone"' });
    const res = await server.inject('/phone');
    expect(res.body).toContain('<title>Acme &lt;b&gt;&amp;&lt;/b&gt; &quot;phone&quot;</title>');
    expect(res.body).not.toContain('<b>');
  });
});

describe('phonePage security', () => {
  it('sends a strict CSP and nosniff on the page and on every asset', async () => {
    const server = await mount({ controlBase: '/_control' });
    for (const url of ['/phone', '/phone/phone.css', '/phone/app.js', '/phone/icon.svg']) {
      const res = await server.inject(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("require-trusted-types-for 'script'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
  });

  it('has no inline script or style in the page', async () => {
    const server = await mount({ controlBase: '/_control' });
    const { body } = await server.inject('/phone');
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(body).not.toMatch(/<style/);
    expect(body).not.toMatch(/\sstyle=/);
    expect(body).not.toMatch(/\son[a-z]+=/);
  });

  it('escapes the control base into the data attribute', async () => {
    const hostile = '/x"><script>alert(1)</script><a b=\'c';
    const server = await mount({ controlBase: hostile });
    const { body } = await server.inject('/phone');
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(attribute(body, 'data-control-base')).toBe(
      '/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a b=&#39;c',
    );
  });

  it('drops a trailing slash from the control base', async () => {
    const server = await mount({ controlBase: '/_control/' });
    expect(attribute((await server.inject('/phone')).body, 'data-control-base')).toBe('/_control');
  });

  it('allows an absolute control API origin in connect-src', async () => {
    const server = await mount({ controlBase: 'http://127.0.0.1:4010/_control' });
    const res = await server.inject('/phone');
    expect(res.headers['content-security-policy']).toContain("connect-src 'self' http://127.0.0.1:4010;");
    expect(attribute(res.body, 'data-control-base')).toBe('http://127.0.0.1:4010/_control');
  });

  it.each(['', '_control', '//evil.example/_control', 'javascript:alert(1)', 'ftp://host/x'])(
    'rejects the control base %j when the plugin is created',
    (controlBase) => {
      expect(() => phonePage({ controlBase })).toThrow(/controlBase/);
    },
  );
});

describe('phone page scripts', () => {
  it.each(Object.keys(phoneScripts))('%s is a syntactically valid ES module', (name) => {
    const out = ts.transpileModule(phoneScripts[name]!, {
      fileName: name,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, allowJs: true },
    });
    const errors = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  it('imports only sibling modules that the plugin serves', () => {
    for (const [name, source] of Object.entries(phoneScripts)) {
      for (const [, target] of source.matchAll(/^import .* from '([^']+)';$/gm)) {
        expect(target, name).toMatch(/^\.\/[a-z-]+\.js$/);
        expect(Object.keys(phoneScripts), `${name} imports ${target}`).toContain(target!.slice(2));
      }
    }
  });

  it('never hands data to an HTML parser', () => {
    for (const [name, source] of Object.entries(phoneScripts)) {
      expect(source, name).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
    }
  });
});
