import { expect } from 'vitest';
import { sendMessageBodySchema } from './send-request.js';

/** Builders and assertions shared by the send-body schema tests. */
export const long = (n: number) => 'x'.repeat(n);

/** The one issue a refused body produces: its path (dotted) and message. */
export function refusal(body: unknown): { path: string; message: string } {
  const result = sendMessageBodySchema.safeParse(body);
  expect(result.success, `expected ${JSON.stringify(body).slice(0, 200)} to be refused`).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

export function accepts(body: unknown) {
  const result = sendMessageBodySchema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  return result.data;
}

export const interactiveButtons = (buttons: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'interactive',
  interactive: { type: 'button', body: { text: 'Pick one' }, action: { buttons }, ...extra },
});
export const reply = (id: string, title = id) => ({ type: 'reply', reply: { id, title } });
export const row = (id: string, extra: Record<string, unknown> = {}) => ({ id, title: id, ...extra });
export const interactiveList = (sections: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'interactive',
  interactive: {
    type: 'list',
    body: { text: 'Choose' },
    action: { button: 'Options', sections },
    ...extra,
  },
});
export const ctaUrl = (parameters: Record<string, unknown>) => ({
  type: 'interactive',
  interactive: {
    type: 'cta_url',
    body: { text: 'Track your order' },
    action: {
      name: 'cta_url',
      parameters: { display_text: 'Track', url: 'https://shop.example/t/1', ...parameters },
    },
  },
});
export const template = (components: unknown[], name = 'order_update') => ({
  type: 'template',
  template: { name, language: { code: 'en_US' }, components },
});
export const bodyParameters = (parameters: unknown[]) => ({ type: 'body', parameters });
export const card = (extra: Record<string, unknown> = {}) => ({
  name: { formatted_name: 'John Smith' },
  ...extra,
});
