import { characterCount, hydrateTemplateText, TEMPLATE_LIMITS } from '@switchboard/whatsapp';
import { GraphError } from '../core/graph-error.js';
import type { StoredTemplate } from './template-registry.js';
import type { TemplateSendComponent, TemplateSendParameter } from './template-send.js';
import type { TemplateShape } from './template-shape.js';

const TEXT_PARAMETER_TYPES = new Set(['text', 'currency', 'date_time']);
/** Meta refuses text parameters with line breaks, tabs or runs of more than 4 spaces. */
const FORBIDDEN_IN_TEXT_PARAMETER = /[\n\t]| {5,}/;

const countMismatch = (label: string, given: number, expected: number) =>
  new GraphError(
    132000,
    `${label}: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
  );
const formatMismatch = (label: string, expected: string, received: string) =>
  new GraphError(
    132012,
    `${label}: Format mismatch, expected ${expected}, received ${received.toUpperCase()}`,
  );

export function checkTemplateHeader(
  template: StoredTemplate,
  shape: TemplateShape,
  sent: TemplateSendComponent | undefined,
): void {
  const given = sent?.parameters ?? [];
  const header = shape.header;
  if (!header || header.format === 'TEXT') {
    const values = fillTextComponent('header', template, header?.variables ?? [], given);
    const hydrated = hydrateTemplateText(header?.text ?? '', values);
    if (header && characterCount(hydrated) > TEMPLATE_LIMITS.headerTextMaxLength) {
      throw new GraphError(
        132005,
        `header: text is ${characterCount(hydrated)} characters once filled in; the limit is ${TEMPLATE_LIMITS.headerTextMaxLength}`,
      );
    }
    return;
  }
  if (given.length !== 1) throw countMismatch('header', given.length, 1);
  const parameter = given[0];
  if (parameter && parameter.type.toUpperCase() !== header.format) {
    throw formatMismatch('header', header.format, parameter.type);
  }
}

export function checkTemplateBody(
  template: StoredTemplate,
  shape: TemplateShape,
  sent: TemplateSendComponent | undefined,
): void {
  const given = sent?.parameters ?? [];
  const values = fillTextComponent('body', template, shape.body?.variables ?? [], given);
  if (template.category === 'AUTHENTICATION') {
    const code = given[0]?.text ?? '';
    if (characterCount(code) > TEMPLATE_LIMITS.authenticationCodeMaxLength) {
      throw new GraphError(
        131009,
        `template parameter at index 0 exceeds the maximum length in the AUTHENTICATION category (${TEMPLATE_LIMITS.authenticationCodeMaxLength} characters).`,
      );
    }
  }
  if (!shape.body) return;
  const bodyOnly = !shape.header && !shape.footer && shape.buttons.length === 0;
  const max = bodyOnly ? TEMPLATE_LIMITS.hydratedBodyOnlyMaxLength : TEMPLATE_LIMITS.hydratedBodyMaxLength;
  const hydrated = hydrateTemplateText(shape.body.text, values);
  if (characterCount(hydrated) > max) {
    throw new GraphError(
      132005,
      `body: text is ${characterCount(hydrated)} characters once filled in; the limit is ${max}`,
    );
  }
}

/**
 * Matches the parameters of a text component to its placeholders, positionally or by
 * `parameter_name` depending on the template's parameter format, and returns the values by
 * placeholder name.
 */
function fillTextComponent(
  label: string,
  template: StoredTemplate,
  variables: readonly string[],
  given: readonly TemplateSendParameter[],
): Map<string, string> {
  const named = template.parameterFormat === 'NAMED';
  for (const parameter of given) {
    if (named && parameter.name === undefined) {
      throw new GraphError(
        132012,
        `${label}: template ${template.name} uses NAMED parameters; every parameter needs a parameter_name`,
      );
    }
    if (!named && parameter.name !== undefined) {
      throw new GraphError(
        132012,
        `${label}: parameter_name "${parameter.name}" given, but template ${template.name} uses POSITIONAL parameters`,
      );
    }
  }
  if (given.length !== variables.length) throw countMismatch(label, given.length, variables.length);
  if (named) {
    const names = given.map((p) => p.name ?? '');
    const unknown = names.filter((name) => !variables.includes(name));
    if (unknown.length > 0 || new Set(names).size !== names.length) {
      throw new GraphError(
        132000,
        `${label}: parameter names (${names.join(', ')}) do not match the expected params (${variables.join(', ')})`,
      );
    }
  }
  const values = new Map<string, string>();
  given.forEach((parameter, index) => {
    if (!TEXT_PARAMETER_TYPES.has(parameter.type)) throw formatMismatch(label, 'TEXT', parameter.type);
    const text = parameter.text ?? '';
    if (FORBIDDEN_IN_TEXT_PARAMETER.test(text)) {
      throw new GraphError(
        100,
        'Param text cannot have new-line/tab characters or more than 4 consecutive spaces',
      );
    }
    values.set(named ? (parameter.name ?? '') : String(index + 1), text);
  });
  return values;
}
