import { describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '../core/emulator-options.js';
import { TemplateRegistry } from './template-registry.js';

const promo: TemplateDefinition = {
  name: 'promo',
  language: 'en_US',
  category: 'MARKETING',
  components: [{ type: 'BODY', text: 'Sale {{1}}' }],
};

describe('TemplateRegistry', () => {
  it('gives every WABA Meta’s hello_world, approved, with its real texts', () => {
    const hello = new TemplateRegistry().find('waba', 'hello_world', 'en_US');
    expect(hello).toMatchObject({ category: 'UTILITY', status: 'APPROVED', parameterFormat: 'POSITIONAL' });
    expect(hello?.id).toMatch(/^\d{15,16}$/);
    expect(hello?.components).toEqual([
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      {
        type: 'BODY',
        text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
      },
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
    ]);
  });

  it('adds configured templates after hello_world, and lets one replace it', () => {
    expect(new TemplateRegistry({ templates: [promo] }).list('w').map((t) => t.name)).toEqual([
      'hello_world',
      'promo',
    ]);
    const custom = { ...promo, name: 'hello_world' };
    const registry = new TemplateRegistry({ templates: [custom] });
    expect(registry.list('w')).toHaveLength(1);
    expect(registry.find('w', 'hello_world', 'en_US')?.category).toBe('MARKETING');
  });

  it('keeps each WABA’s templates to itself', () => {
    const registry = new TemplateRegistry();
    registry.create('a', promo);
    registry.setStatus('a', 'hello_world', 'en_US', 'PAUSED');
    expect(registry.find('b', 'promo', 'en_US')).toBeUndefined();
    expect(registry.find('b', 'hello_world', 'en_US')?.status).toBe('APPROVED');
    expect(registry.find('a', 'hello_world', 'en_US')?.status).toBe('PAUSED');
  });

  it('refuses the same name and language twice (100, subcode 2388024), allows another language', () => {
    const registry = new TemplateRegistry();
    registry.create('w', promo);
    expect(() => registry.create('w', promo)).toThrow(
      expect.objectContaining({ code: 100, subcode: 2388024 }) as Error,
    );
    expect(registry.create('w', { ...promo, language: 'pt_BR' }).language).toBe('pt_BR');
  });

  it('approves created templates unless told to leave them pending', () => {
    expect(new TemplateRegistry().create('w', promo).status).toBe('APPROVED');
    expect(new TemplateRegistry({ createdStatus: 'PENDING' }).create('w', promo).status).toBe('PENDING');
  });

  it('deletes every language of a name, or one by id', () => {
    const registry = new TemplateRegistry();
    const english = registry.create('w', promo);
    registry.create('w', { ...promo, language: 'pt_BR' });
    registry.create('w', { ...promo, language: 'es' });
    expect(registry.delete('w', 'promo', english.id)).toBe(1);
    expect(registry.delete('w', 'promo')).toBe(2);
    expect(registry.delete('w', 'promo')).toBe(0);
    expect(registry.list('w').map((t) => t.name)).toEqual(['hello_world']);
  });
});
