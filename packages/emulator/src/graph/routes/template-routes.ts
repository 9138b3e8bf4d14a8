import { GraphError } from '../../core/graph-error.js';
import {
  DEFAULT_TEMPLATE_PAGE_SIZE,
  templateListPage,
  type TemplateListPage,
} from '../../templates/template-listing.js';
import { publicBaseUrl, queryOf, type GraphCall } from '../graph-call.js';
import { readTemplateDefinition } from './template-definition-body.js';

/** `GET /{waba-id}/message_templates?name&language&status&category&fields&limit&after|before`. */
export function listTemplates(call: GraphCall, wabaId: string): TemplateListPage {
  const query = queryOf(call.request);
  const text = (key: string) => (typeof query[key] === 'string' ? query[key] : undefined);
  const limitText = text('limit');
  const limit = limitText === undefined ? DEFAULT_TEMPLATE_PAGE_SIZE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1)
    throw new GraphError(100, 'Param limit must be a positive integer.');
  const base = `${publicBaseUrl(call.deps)}/${call.version ?? 'v23.0'}/${wabaId}/message_templates`;
  return templateListPage(
    call.deps.templates.list(wabaId),
    {
      name: text('name'),
      language: text('language'),
      status: text('status'),
      category: text('category'),
      fields: text('fields'),
      limit,
      after: text('after'),
      before: text('before'),
    },
    (cursor) => {
      const params = new URLSearchParams();
      for (const key of ['name', 'language', 'status', 'category', 'fields']) {
        const value = text(key);
        if (value !== undefined) params.set(key, value);
      }
      params.set('limit', String(limit));
      for (const [key, value] of Object.entries(cursor)) params.set(key, value);
      return `${base}?${params.toString()}`;
    },
  );
}

/** `POST /{waba-id}/message_templates` → `{"id","status","category"}`; approved at once by default. */
export function createTemplate(
  call: GraphCall,
  wabaId: string,
): { id: string; status: string; category: string } {
  const stored = call.deps.templates.create(wabaId, readTemplateDefinition(call.request.body));
  return { id: stored.id, status: stored.status, category: stored.category };
}

/** `DELETE /{waba-id}/message_templates?name[&hsm_id]`: every language of the name, or one id. */
export function deleteTemplates(call: GraphCall, wabaId: string): { success: true } {
  const query = queryOf(call.request);
  const name = query.name;
  if (typeof name !== 'string' || name === '')
    throw new GraphError(131008, 'The parameter name is required.');
  const id = typeof query.hsm_id === 'string' ? query.hsm_id : undefined;
  if (call.deps.templates.delete(wabaId, name, id) === 0) {
    throw new GraphError(
      100,
      `No message template named ${name}${id === undefined ? '' : ` with id ${id}`} exists.`,
    );
  }
  return { success: true };
}
