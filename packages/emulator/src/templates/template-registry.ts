import type { TemplateDefinition } from '../core/emulator-options.js';
import { GraphError } from '../core/graph-error.js';
import { newNumericGraphId } from '../graph/graph-ids.js';
import { HELLO_WORLD_TEMPLATE } from './hello-world-template.js';

export type TemplateStatus = NonNullable<TemplateDefinition['status']>;
export type ParameterFormat = NonNullable<TemplateDefinition['parameterFormat']>;

/** A template as one WABA holds it: the definition plus its Graph id and a settled status. */
export interface StoredTemplate extends TemplateDefinition {
  readonly id: string;
  readonly status: TemplateStatus;
  readonly parameterFormat: ParameterFormat;
}

export interface TemplateRegistryOptions {
  /**
   * Templates every WABA starts with, next to Meta's `hello_world` (a definition with the same
   * name and language replaces it).
   */
  readonly templates?: readonly TemplateDefinition[];
  /** Status of templates created through the API. Meta reviews them; the emulator approves at once. */
  readonly createdStatus?: TemplateStatus;
}

/**
 * The message templates of each WhatsApp Business Account. Every WABA gets its own copy of the
 * configured templates on first use, so creating, pausing or deleting in one WABA never shows in
 * another. Templates keep creation order, which is the order `GET message_templates` pages in.
 */
export class TemplateRegistry {
  readonly #byWaba = new Map<string, StoredTemplate[]>();

  constructor(private readonly options: TemplateRegistryOptions = {}) {}

  list(wabaId: string): readonly StoredTemplate[] {
    return this.#templatesOf(wabaId);
  }

  find(wabaId: string, name: string, language: string): StoredTemplate | undefined {
    return this.#templatesOf(wabaId).find((t) => t.name === name && t.language === language);
  }

  /** Adds a template; the same name in the same language is refused as Meta refuses it. */
  create(wabaId: string, definition: TemplateDefinition): StoredTemplate {
    if (this.find(wabaId, definition.name, definition.language)) {
      throw new GraphError(
        100,
        `Content in this language already exists: ${definition.name} (${definition.language}).`,
        { subcode: 2388024 },
      );
    }
    const stored = toStored({ ...definition, status: this.options.createdStatus ?? definition.status });
    this.#templatesOf(wabaId).push(stored);
    return stored;
  }

  /** Moves a template to another status (paused by quality, disabled, approved after review). */
  setStatus(
    wabaId: string,
    name: string,
    language: string,
    status: TemplateStatus,
  ): StoredTemplate | undefined {
    const templates = this.#templatesOf(wabaId);
    const index = templates.findIndex((t) => t.name === name && t.language === language);
    const current = templates[index];
    if (!current) return undefined;
    const updated = { ...current, status };
    templates[index] = updated;
    return updated;
  }

  /** Deletes every language of `name`, or only the one with `id`; returns how many went. */
  delete(wabaId: string, name: string, id?: string): number {
    const templates = this.#templatesOf(wabaId);
    const kept = templates.filter((t) => t.name !== name || (id !== undefined && t.id !== id));
    this.#byWaba.set(wabaId, kept);
    return templates.length - kept.length;
  }

  #templatesOf(wabaId: string): StoredTemplate[] {
    let templates = this.#byWaba.get(wabaId);
    if (!templates) {
      const configured = this.options.templates ?? [];
      const replacesHelloWorld = configured.some(
        (t) => t.name === HELLO_WORLD_TEMPLATE.name && t.language === HELLO_WORLD_TEMPLATE.language,
      );
      templates = [...(replacesHelloWorld ? [] : [HELLO_WORLD_TEMPLATE]), ...configured].map(toStored);
      this.#byWaba.set(wabaId, templates);
    }
    return templates;
  }
}

function toStored(definition: TemplateDefinition): StoredTemplate {
  return {
    ...definition,
    id: newNumericGraphId(),
    status: definition.status ?? 'APPROVED',
    parameterFormat: definition.parameterFormat ?? 'POSITIONAL',
  };
}
