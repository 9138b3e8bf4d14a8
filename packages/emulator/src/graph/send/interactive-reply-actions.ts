import { INTERACTIVE_LIMITS } from '@switchboard/whatsapp';
import { invalidValue, paramPath, type Params } from './params.js';

/** Reply buttons: `action.buttons` holds 1–3 `{type:"reply",reply:{id,title}}` with unique ids. */
export function checkButtonAction(action: Params): void {
  action.allowOnly(['buttons']);
  const buttons = action.objects('buttons', { min: 1, max: INTERACTIVE_LIMITS.maxButtons });
  const ids = new Set<string>();
  for (const button of buttons) {
    button.allowOnly(['type', 'reply']);
    button.enumValue('type', ['reply']);
    const reply = button.object('reply').allowOnly(['id', 'title']);
    const id = reply.string('id', { max: INTERACTIVE_LIMITS.buttonIdMaxLength });
    reply.string('title', { max: INTERACTIVE_LIMITS.buttonTitleMaxLength });
    if (ids.has(id))
      throw invalidValue(reply.pathOf('id'), `repeats the button id "${id}"; ids must be unique`);
    ids.add(id);
  }
}

/**
 * A list: `action.button` opens it, `action.sections` hold at most 10 rows in total. A section
 * title is required once there is more than one section; row ids must be unique across sections.
 */
export function checkListAction(action: Params): void {
  action.allowOnly(['button', 'sections']);
  action.string('button', { max: INTERACTIVE_LIMITS.listButtonMaxLength });
  const sections = action.objects('sections', { min: 1, max: INTERACTIVE_LIMITS.maxSections });
  const ids = new Set<string>();
  for (const section of sections) {
    section.allowOnly(['title', 'rows']);
    const rule = { max: INTERACTIVE_LIMITS.sectionTitleMaxLength };
    if (sections.length > 1) section.string('title', rule);
    else section.optionalString('title', rule);
    for (const row of section.objects('rows', { min: 1 })) {
      row.allowOnly(['id', 'title', 'description']);
      const id = row.string('id', { max: INTERACTIVE_LIMITS.rowIdMaxLength });
      row.string('title', { max: INTERACTIVE_LIMITS.rowTitleMaxLength });
      row.optionalString('description', { max: INTERACTIVE_LIMITS.rowDescriptionMaxLength });
      if (ids.has(id)) throw invalidValue(row.pathOf('id'), `repeats the row id "${id}"; ids must be unique`);
      ids.add(id);
    }
  }
  if (ids.size > INTERACTIVE_LIMITS.maxRows) {
    throw invalidValue(
      paramPath(action.path, 'sections'),
      `must have at most ${INTERACTIVE_LIMITS.maxRows} rows in total; got ${ids.size}`,
    );
  }
}
