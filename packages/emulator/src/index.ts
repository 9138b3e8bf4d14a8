/**
 * @switchboard/emulator: a local WhatsApp Cloud API. See the package README.
 */
export { createEmulator, DEFAULT_ACCESS_TOKEN } from './emulator.js';
export type { CreateEmulatorOptions, Emulator } from './emulator.js';
export { startEmulatorServer } from './standalone/start-emulator-server.js';
export type { EmulatorServer, StartEmulatorServerOptions } from './standalone/start-emulator-server.js';
export { buildEmulatorCommand } from './standalone/emulator-command.js';
export { cliErrorLine } from './standalone/cli-error-line.js';
export { phonePage } from './phone/phone-page.js';
export type { PhonePageOptions } from './phone/phone-page.js';
export type { EmulatorCommandHooks } from './standalone/emulator-command.js';
export { parseEmulatorCliFlags } from './standalone/emulator-cli-options.js';
export type { EmulatorCliFlags, ParsedEmulatorCli } from './standalone/emulator-cli-options.js';

export { ManualClock, systemClock } from './core/clock.js';
export type { Clock, TimerHandle } from './core/clock.js';
export type {
  BusinessNumberOptions,
  EmulatorOptions,
  SimulatedCustomerOptions,
  TemplateDefinition,
} from './core/emulator-options.js';
export { GraphError } from './core/graph-error.js';
export type { MediaStore, StoredMedia } from './core/media-store.js';
export type { GateResult, OutboundGate, SendType, ValidatedSend } from './core/outbound-gate.js';

export type { BusinessNumberView, EmulatorState, ThreadView } from './control/control-target.js';
export type { ControlErrorBody } from './control/control-errors.js';
export type { BusinessNumber } from './customers/business-numbers.js';
export type { EmulatorChange } from './customers/change-feed.js';
export type { CustomerView } from './customers/customer-directory.js';
export type { CustomerMessageInput } from './customers/customer-message-input.js';
export type { CustomerMessageResult } from './customers/customer-messages.js';
export { EmulatorInputError } from './customers/emulator-input-error.js';
export type { OutboundStatus, ThreadItem, ThreadReaction } from './customers/thread-item.js';
export type { StatusDelays } from './customers/status-progression.js';
export { defaultFaultPlan } from './faults/fault-plan.js';
export type { FaultPlan, FaultPlanPatch } from './faults/fault-plan.js';
export type { PairRateLimit } from './rules/pair-rate-limiter.js';
export { DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS } from './webhooks/retry-schedule.js';
export { WebhookVerificationError } from './webhooks/verify-webhook-target.js';
export type { HandshakeResult } from './webhooks/verify-webhook-target.js';
export type { DeliveryAttempt, DeliveryState, WebhookDeliveryView } from './webhooks/webhook-delivery.js';
