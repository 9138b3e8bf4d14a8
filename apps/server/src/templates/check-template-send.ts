import type { SendMessageBody } from '@switchboard/protocol';
import { templateButtonParameter, templateShape as componentsShape } from '@switchboard/whatsapp';
import type { StoredTemplate } from '../store/store.js';

/** The `template` object of a template send body (Cloud API field names). */
export type TemplateSendObject = Extract<SendMessageBody, { type: 'template' }>['template'];
type SendComponent = NonNullable<TemplateSendObject['components']>[number];
type SendParameter = SendComponent['parameters'][number];
type SendButton = Extract<SendComponent, { type: 'button' }>;

/** The name and language a send asked for, as the problems name them. */
export interface TemplateRef {
  name: string;
  language: string;
}

/**
 * What a template send must supply, checked against the synced template before anything is queued
 * (product.md §4.5), so a mismatch is a `400` naming the problem instead of a message that WhatsApp
 * fails later with 132000 (parameter count), 132012 (parameter format) or 132001 (not found, not
 * approved). Returns one sentence per problem, each naming the component and what was expected
 * and given; an empty list means the send fits the template.
 *
 * The definition's components are Meta's, as `GET /{waba-id}/message_templates` lists them (HEADER
 * with a `format`, BODY, FOOTER, BUTTONS); placeholders are `{{1}}…{{n}}` for POSITIONAL templates
 * and `{{first_name}}` for NAMED ones. The checks follow Meta's template message reference
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates). Not
 * checked here: text lengths once filled in (132005), which Meta still reports on its own.
 */
export function checkTemplateSend(
  definition: StoredTemplate | null,
  send: TemplateSendObject,
  ref: TemplateRef,
): string[] {
  const what = `template ${ref.name} (${ref.language})`;
  if (!definition) {
    return [
      `${what} is not synced for this channel: check the name and language, or run POST /v1/templates/sync if it was created or approved recently`,
    ];
  }
  const problems: string[] = [];
  if (definition.name !== send.name) {
    problems.push(`template name: expected ${definition.name} (the synced template's), given ${send.name}`);
  }
  if (definition.language !== send.language.code) {
    problems.push(
      `template language: expected ${definition.language} (the synced template's), given ${send.language.code}`,
    );
  }
  const status = definition.status.toUpperCase();
  if (status !== 'APPROVED') {
    problems.push(
      `${what} is ${status}${statusHints[status] ?? ''}; only APPROVED templates can be sent (if that changed since the last sync, run POST /v1/templates/sync)`,
    );
  }
  const shape = templateShape(definition);
  const sent = send.components ?? [];
  const sentHeader = sent.find((c) => c.type === 'header');
  const sentBody = sent.find((c) => c.type === 'body');
  const sentButtons = sent.filter((c): c is SendButton => c.type === 'button');
  problems.push(...checkHeader(shape, sentHeader?.parameters));
  problems.push(...checkBody(shape, sentBody?.parameters));
  problems.push(...checkButtons(shape, sentButtons));
  return problems;
}

const statusHints: Record<string, string> = {
  PENDING: ' (still in review)',
  REJECTED: ' (rejected in review)',
  PAUSED: ' (paused for low quality)',
  DISABLED: ' (disabled)',
};

interface TemplateShape {
  named: boolean;
  header: { format: string; variables: readonly string[] } | undefined;
  body: { variables: readonly string[] } | undefined;
  /** The buttons of the BUTTONS component in order; `variables` are those of a URL button's url. */
  buttons: { type: string; variables: readonly string[] }[];
}

type Loose = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the stored components expect (packages/whatsapp); fields of the wrong type count as absent. */
function templateShape(definition: StoredTemplate): TemplateShape {
  const { header, body, buttons } = componentsShape(definition.components.filter(isObject));
  // Meta lists `parameter_format`; without it, names that are not numbers can only be NAMED.
  const format = definition.parameterFormat?.toUpperCase();
  const all = [...(header?.variables ?? []), ...(body?.variables ?? [])];
  const named = format ? format === 'NAMED' : all.some((v) => !/^\d+$/.test(v));
  return {
    named,
    header,
    body,
    buttons: buttons.map((button) => ({ type: button.type ?? 'UNKNOWN', variables: button.variables })),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const placeholders = (variables: readonly string[]) => variables.map((v) => `{{${v}}}`).join(', ');
const nameOf = (parameter: SendParameter): string | undefined =>
  'parameter_name' in parameter ? parameter.parameter_name : undefined;
const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

function checkHeader(shape: TemplateShape, given: readonly SendParameter[] | undefined): string[] {
  const header = shape.header;
  if (!header) {
    return given ? [`header: the template has no header; remove the header component`] : [];
  }
  if (header.format === 'TEXT') {
    if (header.variables.length === 0 && given) {
      return [
        `header: the template's TEXT header has no variables; expected no header component, given ${plural(given.length, 'parameter')}`,
      ];
    }
    return checkTextParameters('header', header.variables, given ?? [], shape.named, ['text']);
  }
  // IMAGE, VIDEO, DOCUMENT and LOCATION headers take their content from the send, every time.
  const expected = header.format.toLowerCase();
  const wanted = `${article(expected)} parameter`;
  if (!given || given.length === 0) {
    return [`header: the template has ${article(header.format)} header; expected ${wanted}, given none`];
  }
  if (given.length !== 1) return [`header: expected 1 parameter (${wanted}), given ${given.length}`];
  const type = given[0]?.type ?? '';
  return type === expected
    ? []
    : [
        `header: the template has ${article(header.format)} header; expected ${wanted}, given ${article(type)} parameter`,
      ];
}

function checkBody(shape: TemplateShape, given: readonly SendParameter[] | undefined): string[] {
  if (!shape.body) return given ? ['body: the template has no body; remove the body component'] : [];
  if (shape.body.variables.length === 0 && given) {
    return [
      `body: the template's body has no variables; expected no body component, given ${plural(given.length, 'parameter')}`,
    ];
  }
  return checkTextParameters('body', shape.body.variables, given ?? [], shape.named, [
    'text',
    'currency',
    'date_time',
  ]);
}

/** Parameters that fill placeholders: by position for POSITIONAL templates, by name for NAMED ones. */
function checkTextParameters(
  label: string,
  variables: readonly string[],
  given: readonly SendParameter[],
  named: boolean,
  types: readonly string[],
): string[] {
  const problems: string[] = [];
  const names = given.map(nameOf);
  if (named) {
    const unnamed = names.filter((name) => name === undefined).length;
    if (unnamed > 0) {
      problems.push(
        `${label}: the template uses NAMED parameters, so every parameter needs a parameter_name; expected ${placeholders(variables)}, given ${plural(unnamed, 'parameter')} without one`,
      );
    } else {
      const givenNames = names as string[];
      const missing = variables.filter((v) => !givenNames.includes(v));
      const unknown = givenNames.filter((n) => !variables.includes(n));
      const repeated = givenNames.filter((n, i) => givenNames.indexOf(n) !== i);
      if (missing.length + unknown.length + repeated.length > 0) {
        const notes = [
          missing.length > 0 && `missing ${missing.join(', ')}`,
          unknown.length > 0 && `unknown ${[...new Set(unknown)].join(', ')}`,
          repeated.length > 0 && `repeated ${[...new Set(repeated)].join(', ')}`,
        ].filter(Boolean);
        problems.push(
          `${label}: expected the parameters ${variables.length > 0 ? placeholders(variables) : 'none'}, given ${givenNames.length > 0 ? givenNames.join(', ') : 'none'} (${notes.join('; ')})`,
        );
      }
    }
  } else {
    const withName = names.filter((name) => name !== undefined);
    if (withName.length > 0) {
      problems.push(
        `${label}: the template uses POSITIONAL parameters ({{1}}, {{2}}, …), so parameter_name is not allowed; given ${withName.join(', ')}`,
      );
    }
    if (given.length !== variables.length) {
      const expected = variables.length > 0 ? ` (${placeholders(variables)})` : '';
      problems.push(
        `${label}: expected ${plural(variables.length, 'parameter')}${expected}, given ${given.length}`,
      );
    }
  }
  given.forEach((parameter, i) => {
    if (!types.includes(parameter.type)) {
      problems.push(
        `${label}: parameter ${i + 1} must be of type ${types.join(' or ')}, given ${parameter.type}`,
      );
    }
  });
  return problems;
}

interface ButtonRule {
  subType: string;
  parameterType: string;
  required: boolean;
  /** What the parameter is for, in a problem's words. */
  purpose: string | undefined;
}

/** What each kind of button's parameter is for, in a problem's words (URL's names its variables). */
const purposes: Readonly<Record<string, string>> = {
  COPY_CODE: 'the code',
  OTP: 'the one-time code',
  MPM: 'the product sections',
};

/**
 * What a send supplies per kind of template button (packages/whatsapp `templateButtonParameter`);
 * a URL button without a variable in its url takes nothing, like a phone-number button. FLOW,
 * CATALOG and MPM buttons need sub_types this API does not send yet.
 */
function ruleFor(button: { type: string; variables: readonly string[] }): ButtonRule | undefined {
  const parameter = templateButtonParameter(button.type);
  if (!parameter) return undefined;
  if (button.type === 'URL') {
    if (button.variables.length === 0) return undefined;
    return { ...parameter, purpose: `the URL suffix for ${placeholders(button.variables)}` };
  }
  return { ...parameter, purpose: Object.hasOwn(purposes, button.type) ? purposes[button.type] : undefined };
}

function checkButtons(shape: TemplateShape, sent: readonly SendButton[]): string[] {
  const problems: string[] = [];
  const byIndex = new Map(sent.map((button) => [Number(button.index), button]));
  const count = shape.buttons.length;
  for (const index of byIndex.keys()) {
    if (index >= count) {
      const range = count > 0 ? ` (index 0–${count - 1})` : '';
      problems.push(
        `button at index ${index}: the template has ${plural(count, 'button')}${range}; remove this button component`,
      );
    }
  }
  shape.buttons.forEach((defined, index) => {
    const label = `button at index ${index} (${defined.type})`;
    const rule = ruleFor(defined);
    const button = byIndex.get(index);
    if (!rule) {
      if (button) problems.push(`${label}: takes no parameters; remove this button component`);
      return;
    }
    const wanted = `one ${rule.parameterType} parameter${rule.purpose ? ` (${rule.purpose})` : ''}`;
    if (!button) {
      if (rule.required) {
        problems.push(
          `${label}: expected a button component with sub_type ${rule.subType}, index ${index} and ${wanted}, given none`,
        );
      }
      return;
    }
    if (button.sub_type !== rule.subType) {
      problems.push(`${label}: expected sub_type ${rule.subType}, given ${button.sub_type}`);
      return;
    }
    if (button.parameters.length !== 1) {
      problems.push(`${label}: expected ${wanted}, given ${plural(button.parameters.length, 'parameter')}`);
      return;
    }
    const type = button.parameters[0]?.type;
    if (type !== rule.parameterType)
      problems.push(`${label}: expected ${wanted}, given ${article(type ?? 'unknown')} parameter`);
  });
  return problems;
}
