import { GraphError } from '../core/graph-error.js';
import type { StoredTemplate } from './template-registry.js';

/** Graph's default page size for edges. */
export const DEFAULT_TEMPLATE_PAGE_SIZE = 25;

export interface TemplateListQuery {
  readonly name?: string;
  readonly language?: string;
  readonly status?: string;
  readonly category?: string;
  /** Comma-separated fields to answer (Graph's `fields`); `id` is always included. */
  readonly fields?: string;
  readonly limit: number;
  readonly after?: string;
  readonly before?: string;
}

export interface TemplateListPage {
  readonly data: readonly Record<string, unknown>[];
  readonly paging?: {
    readonly cursors: { readonly before: string; readonly after: string };
    readonly next?: string;
    readonly previous?: string;
  };
}

/**
 * One page of `GET /{waba-id}/message_templates` in Meta's shape: `data` plus `paging` with opaque
 * cursors (base64 of the first and last template id on the page) and `next`/`previous` links when
 * there is more in that direction. An empty result has no `paging`, like Graph's.
 */
export function templateListPage(
  templates: readonly StoredTemplate[],
  query: TemplateListQuery,
  pageUrl: (cursor: { after: string } | { before: string }) => string,
): TemplateListPage {
  const matching = templates.filter(
    (t) =>
      (query.name === undefined || t.name === query.name) &&
      (query.language === undefined || t.language === query.language) &&
      (query.status === undefined || t.status === query.status.toUpperCase()) &&
      (query.category === undefined || t.category === query.category.toUpperCase()),
  );
  let start = 0;
  if (query.after !== undefined) start = cursorIndex(matching, query.after, 'after') + 1;
  else if (query.before !== undefined)
    start = Math.max(0, cursorIndex(matching, query.before, 'before') - query.limit);
  const end =
    query.before !== undefined ? cursorIndex(matching, query.before, 'before') : start + query.limit;
  const page = matching.slice(start, Math.min(end, start + query.limit));
  const first = page[0];
  const last = page.at(-1);
  if (!first || !last) return { data: [] };
  const after = encodeCursor(last.id);
  const before = encodeCursor(first.id);
  return {
    data: page.map((template) => templateFields(template, query.fields)),
    paging: {
      cursors: { before, after },
      ...(start + page.length < matching.length ? { next: pageUrl({ after }) } : {}),
      ...(start > 0 ? { previous: pageUrl({ before }) } : {}),
    },
  };
}

/** A template as the list answers it, in Meta's field order. */
function templateFields(template: StoredTemplate, fields: string | undefined): Record<string, unknown> {
  const all: Record<string, unknown> = {
    name: template.name,
    parameter_format: template.parameterFormat,
    components: template.components,
    language: template.language,
    status: template.status,
    category: template.category,
    id: template.id,
  };
  if (fields === undefined) return all;
  const wanted = new Set([...fields.split(',').map((field) => field.trim()), 'id']);
  return Object.fromEntries(Object.entries(all).filter(([field]) => wanted.has(field)));
}

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

function cursorIndex(templates: readonly StoredTemplate[], cursor: string, param: string): number {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  const index = templates.findIndex((t) => t.id === id);
  if (index < 0) throw new GraphError(100, `Param ${param} is not a valid cursor for this list.`);
  return index;
}
