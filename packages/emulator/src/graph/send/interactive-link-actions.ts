import {
  INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH,
  INTERACTIVE_FLOW_CTA_MAX_LENGTH,
} from '@switchboard/whatsapp';
import { GraphError } from '../../core/graph-error.js';
import { isHttpUrl } from './media-reference.js';
import { invalidValue, type Params } from './params.js';

/** `action:{"name":"cta_url","parameters":{"display_text","url"}}`: one button that opens a URL. */
export function checkCtaUrlAction(action: Params): void {
  action.allowOnly(['name', 'parameters']);
  action.enumValue('name', ['cta_url']);
  const parameters = action.object('parameters').allowOnly(['display_text', 'url']);
  parameters.string('display_text', { max: INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH });
  const url = parameters.string('url');
  if (!isHttpUrl(url)) throw invalidValue(parameters.pathOf('url'), 'must be a valid http or https URL');
}

/**
 * `action:{"name":"flow","parameters":{…}}`: opens a WhatsApp Flow, named by exactly one of
 * `flow_id` and `flow_name`. Message version "3" is the only one Meta documents.
 */
export function checkFlowAction(action: Params): void {
  action.allowOnly(['name', 'parameters']);
  action.enumValue('name', ['flow']);
  const parameters = action
    .object('parameters')
    .allowOnly([
      'flow_message_version',
      'flow_token',
      'flow_id',
      'flow_name',
      'flow_cta',
      'flow_action',
      'flow_action_payload',
      'mode',
    ]);
  parameters.enumValue('flow_message_version', ['3']);
  parameters.optionalString('flow_token');
  const byId = parameters.optionalString('flow_id');
  const byName = parameters.optionalString('flow_name');
  if (byId === undefined && byName === undefined) {
    throw new GraphError(
      131008,
      `The parameter ${parameters.pathOf('flow_id')} or ${parameters.pathOf('flow_name')} is required.`,
    );
  }
  if (byId !== undefined && byName !== undefined) {
    throw new GraphError(100, `Param ${parameters.path} must have either flow_id or flow_name, not both.`);
  }
  parameters.string('flow_cta', { max: INTERACTIVE_FLOW_CTA_MAX_LENGTH });
  if (parameters.has('flow_action')) parameters.enumValue('flow_action', ['navigate', 'data_exchange']);
  if (parameters.has('mode')) parameters.enumValue('mode', ['draft', 'published']);
  const payload = parameters.optionalObject('flow_action_payload')?.allowOnly(['screen', 'data']);
  payload?.string('screen');
  payload?.optionalObject('data');
}

/** `action:{"name":"send_location"}`: asks the customer to share their location. */
export function checkLocationRequestAction(action: Params): void {
  action.allowOnly(['name']);
  action.enumValue('name', ['send_location']);
}
