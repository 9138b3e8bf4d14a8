/*
 * Reading a template definition (Meta's authoring JSON, as `GET /{waba-id}/message_templates` lists
 * it) for what a send must supply. The gateway checks sends before queueing them and the emulator
 * refuses them as Meta would; both read definitions through these functions, each with its own
 * wording of the problems.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * The distinct placeholders of a template text in order of appearance: `["1","2"]` for positional
 * templates, `["first_name"]` for named ones. Meta requires positional ones to run 1..n, so their
 * count is the number of parameters a send must supply.
 */
export function templateVariables(text: string | undefined): string[] {
  if (text === undefined) return [];
  const seen = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) if (match[1] !== undefined) seen.add(match[1]);
  return [...seen];
}

/** The text with each placeholder replaced by its value (unknown ones are left as they are). */
export function hydrateTemplateText(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
}

export interface TemplateShape {
  /** `format` upper-cased, TEXT when the definition names none. */
  readonly header:
    | { readonly format: string; readonly text: string | undefined; readonly variables: readonly string[] }
    | undefined;
  readonly body: { readonly text: string; readonly variables: readonly string[] } | undefined;
  readonly footer: boolean;
  /**
   * The buttons of the BUTTONS component in order: `type` upper-cased (undefined when it is not a
   * string), `variables` those of a URL button's url.
   */
  readonly buttons: readonly { readonly type: string | undefined; readonly variables: readonly string[] }[];
}

/**
 * What a definition's components (HEADER, BODY, FOOTER, BUTTONS; `type` in any case) expect from a
 * send. They are loosely typed because they come from configuration, an API or a database; fields
 * of the wrong type are treated as absent.
 */
export function templateShape(components: readonly Readonly<Record<string, unknown>>[]): TemplateShape {
  const component = (type: string) =>
    components.find((c) => typeof c.type === 'string' && c.type.toUpperCase() === type);
  const header = component('HEADER');
  const body = component('BODY');
  const buttons = component('BUTTONS')?.buttons;
  const headerText = stringField(header, 'text');
  return {
    header: header && {
      format: (stringField(header, 'format') ?? 'TEXT').toUpperCase(),
      text: headerText,
      variables: templateVariables(headerText),
    },
    body: body && {
      text: stringField(body, 'text') ?? '',
      variables: templateVariables(stringField(body, 'text')),
    },
    footer: component('FOOTER') !== undefined,
    buttons: (Array.isArray(buttons) ? (buttons as unknown[]) : []).map((button) => {
      const entry = typeof button === 'object' && button !== null ? (button as Record<string, unknown>) : {};
      return {
        type: stringField(entry, 'type')?.toUpperCase(),
        variables: templateVariables(stringField(entry, 'url')),
      };
    }),
  };
}

function stringField(source: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** What a send supplies for one kind of template button, in its `button` component. */
export interface TemplateButtonParameter {
  /** The component's `sub_type`. */
  readonly subType: 'quick_reply' | 'url' | 'copy_code' | 'flow' | 'catalog' | 'mpm';
  /** The `type` of its one parameter. */
  readonly parameterType: 'payload' | 'text' | 'coupon_code' | 'action';
  /** Whether a send must supply it; a URL button needs it only when its url has a variable. */
  readonly required: boolean;
}

/**
 * Per kind of template button (Meta's template message reference): a quick reply may carry a
 * payload (else the webhook's payload is the button text); a URL button with a `{{1}}` in its url
 * needs the suffix; copy-code needs the coupon; an authentication (OTP) button the code; a
 * multi-product (MPM) button its sections. Phone-number buttons take nothing and are not listed.
 */
const TEMPLATE_BUTTON_PARAMETERS = {
  QUICK_REPLY: { subType: 'quick_reply', parameterType: 'payload', required: false },
  URL: { subType: 'url', parameterType: 'text', required: true },
  COPY_CODE: { subType: 'copy_code', parameterType: 'coupon_code', required: true },
  OTP: { subType: 'url', parameterType: 'text', required: true },
  FLOW: { subType: 'flow', parameterType: 'action', required: false },
  CATALOG: { subType: 'catalog', parameterType: 'action', required: false },
  MPM: { subType: 'mpm', parameterType: 'action', required: true },
} as const satisfies Readonly<Record<string, TemplateButtonParameter>>;

/** What a send supplies for a button of this (upper-case) type, or undefined when it takes nothing. */
export function templateButtonParameter(type: string): TemplateButtonParameter | undefined {
  return Object.hasOwn(TEMPLATE_BUTTON_PARAMETERS, type)
    ? TEMPLATE_BUTTON_PARAMETERS[type as keyof typeof TEMPLATE_BUTTON_PARAMETERS]
    : undefined;
}
