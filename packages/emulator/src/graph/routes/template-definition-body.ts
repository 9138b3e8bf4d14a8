import { TEMPLATE_BODY_MAX_LENGTH, TEMPLATE_LIMITS } from '@switchboard/whatsapp';
import type { TemplateDefinition } from '../../core/emulator-options.js';
import { GraphError } from '../../core/graph-error.js';
import { templateVariables } from '@switchboard/whatsapp';
import { isHttpUrl } from '../send/media-reference.js';
import { Params } from '../send/params.js';

type ParameterFormat = 'POSITIONAL' | 'NAMED';

const BUTTON_TYPES = [
  'QUICK_REPLY',
  'URL',
  'PHONE_NUMBER',
  'COPY_CODE',
  'OTP',
  'FLOW',
  'CATALOG',
  'MPM',
  'VOICE_CALL',
];
/** Buttons whose label Meta fills in itself. */
const UNLABELLED_BUTTONS = new Set(['COPY_CODE', 'OTP', 'CATALOG', 'MPM']);

const invalidTemplate = (details: string) => new GraphError(100, details);

/**
 * Reads the body of `POST /{waba-id}/message_templates` into a definition, with Meta's authoring
 * rules: a lowercase name, one BODY (its text optional only for AUTHENTICATION, where Meta writes
 * it), the component length limits, and placeholders that fit the parameter format (`{{1}}`..`{{n}}`
 * for POSITIONAL, `{{snake_case}}` for NAMED).
 */
export function readTemplateDefinition(body: unknown): TemplateDefinition {
  const request = Params.of(body, '');
  request.allowOnly([
    'name',
    'language',
    'category',
    'components',
    'parameter_format',
    'allow_category_change',
    'message_send_ttl_seconds',
  ]);
  const name = request.string('name', { max: TEMPLATE_LIMITS.nameMaxLength, limitCode: 100 });
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw invalidTemplate(
      `Param name may contain only lowercase letters, digits and underscores; got "${name}".`,
    );
  }
  const language = request.string('language');
  const category = request.enumValue('category', ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const);
  const parameterFormat: ParameterFormat = request.has('parameter_format')
    ? request.enumValue('parameter_format', ['POSITIONAL', 'NAMED'] as const)
    : 'POSITIONAL';
  request.optionalBoolean('allow_category_change');
  const components = request
    .objects('components', { min: 1 })
    .map((component) => readComponent(component, category, parameterFormat));
  if (components.filter((c) => c.type === 'BODY').length !== 1) {
    throw invalidTemplate('Param components must contain exactly one BODY component.');
  }
  return { name, language, category, parameterFormat, components };
}

function readComponent(
  component: Params,
  category: string,
  format: ParameterFormat,
): Record<string, unknown> {
  const type = component.enumValue('type', ['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
  const textRule = (max: number) => ({ max, limitCode: 100 as const });
  const auth = category === 'AUTHENTICATION';
  if (type === 'HEADER') {
    const headerFormat = component.enumValue('format', ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']);
    if (headerFormat === 'TEXT') {
      const text = component.string('text', textRule(TEMPLATE_LIMITS.headerTextMaxLength));
      checkPlaceholders(component, text, format, 1);
    }
    return { ...component.raw, type, format: headerFormat };
  }
  if (type === 'BODY' || type === 'FOOTER') {
    const max = type === 'BODY' ? TEMPLATE_BODY_MAX_LENGTH : TEMPLATE_LIMITS.footerMaxLength;
    const text = auth
      ? component.optionalString('text', textRule(max))
      : component.string('text', textRule(max));
    if (text !== undefined) checkPlaceholders(component, text, format, type === 'BODY' ? Infinity : 0);
    return { ...component.raw, type };
  }
  const buttons = component.objects('buttons', { min: 1, max: TEMPLATE_LIMITS.maxButtons }).map((button) => {
    const buttonType = button.enumValue('type', BUTTON_TYPES);
    const rule = textRule(TEMPLATE_LIMITS.buttonTextMaxLength);
    if (UNLABELLED_BUTTONS.has(buttonType)) button.optionalString('text', rule);
    else button.string('text', rule);
    if (buttonType === 'URL') {
      const url = button.string('url');
      if (!isHttpUrl(url.replace(/\{\{.*?\}\}/g, 'x'))) {
        throw invalidTemplate(`Param ${button.pathOf('url')} must be an http or https URL.`);
      }
      checkPlaceholders(button, url, 'POSITIONAL', 1);
    }
    return { ...button.raw, type: buttonType };
  });
  return { ...component.raw, type, buttons };
}

function checkPlaceholders(at: Params, text: string, format: ParameterFormat, max: number): void {
  const variables = templateVariables(text);
  if (variables.length > max) {
    throw invalidTemplate(
      `Param ${at.path} allows at most ${max} placeholder(s); found ${variables.length}.`,
    );
  }
  const positional = variables.every((v) => /^\d+$/.test(v));
  if (format === 'POSITIONAL') {
    const inOrder = [...variables].sort((a, b) => Number(a) - Number(b)).every((v, i) => v === String(i + 1));
    if (!positional || !inOrder) {
      throw invalidTemplate(
        `Param ${at.path} must number its placeholders {{1}} to {{${variables.length}}}.`,
      );
    }
  } else if (variables.some((v) => !/^[a-z0-9_]+$/.test(v) || /^\d+$/.test(v))) {
    throw invalidTemplate(
      `Param ${at.path} must name its placeholders in lowercase snake_case (NAMED format).`,
    );
  }
}
