import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hydrateTemplateText, templateVariables } from './templates.js';

describe('template placeholders', () => {
  it('lists distinct placeholders in order of appearance, positional or named', () => {
    expect(templateVariables('Hi {{1}}, {{2}} and {{1}} again')).toEqual(['1', '2']);
    expect(templateVariables('Hi {{ first_name }} from {{city}}')).toEqual(['first_name', 'city']);
    expect(templateVariables('No placeholders, {single} braces')).toEqual([]);
    expect(templateVariables(undefined)).toEqual([]);
  });

  it('fills in every placeholder it has a value for and leaves the rest', () => {
    const values = new Map([['1', 'Ana']]);
    expect(hydrateTemplateText('Hi {{1}}, code {{2}}', values)).toBe('Hi Ana, code {{2}}');
  });

  it('never leaves a placeholder behind when every one has a value', () => {
    const plain = fc.string().map((text) => text.replace(/[{}]/g, ''));
    const name = fc.stringMatching(/^[a-z0-9_]{1,8}$/);
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), plain, (names, filler) => {
        const text = names.map((n) => `${filler}{{${n}}}`).join(' ');
        const values = new Map(names.map((n) => [n, filler]));
        expect(templateVariables(hydrateTemplateText(text, values))).toEqual([]);
      }),
    );
  });
});
