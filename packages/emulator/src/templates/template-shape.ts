import type { TemplateDefinition } from '../core/emulator-options.js';
import { templateVariables } from './template-variables.js';

export interface TemplateShape {
  readonly header:
    | { readonly format: string; readonly text: string | undefined; readonly variables: readonly string[] }
    | undefined;
  readonly body: { readonly text: string; readonly variables: readonly string[] } | undefined;
  readonly footer: boolean;
  /** The buttons of the BUTTONS component in order; `variables` are those of a URL button's url. */
  readonly buttons: readonly { readonly type: string; readonly variables: readonly string[] }[];
}

/**
 * What a definition expects from a send. Definitions are Meta's authoring JSON (`type` HEADER,
 * BODY, FOOTER, BUTTONS, any case), loosely typed because they come from configuration or the
 * create endpoint; fields of the wrong type are treated as absent.
 */
export function templateShape(definition: TemplateDefinition): TemplateShape {
  const component = (type: string) =>
    definition.components.find((c) => typeof c.type === 'string' && c.type.toUpperCase() === type);
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
        type: (stringField(entry, 'type') ?? '').toUpperCase(),
        variables: templateVariables(stringField(entry, 'url')),
      };
    }),
  };
}

function stringField(source: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' ? value : undefined;
}
