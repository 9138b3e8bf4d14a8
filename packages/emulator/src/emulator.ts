import type { FastifyPluginAsync } from 'fastify';
import { systemClock, type Clock, type TimerHandle } from './core/clock.js';
import type { EmulatorOptions, SimulatedCustomerOptions } from './core/emulator-options.js';
import type { MediaStore } from './core/media-store.js';
import type { OutboundGate, ValidatedSend } from './core/outbound-gate.js';
import { controlPlugin } from './control/control-plugin.js';
import type { ControlTarget, EmulatorState, ThreadView } from './control/control-target.js';
import { BusinessMessages } from './customers/business-messages.js';
import { resolveBusinessNumbers, type BusinessNumber } from './customers/business-numbers.js';
import { BusinessReads } from './customers/business-reads.js';
import { ChangeFeed, type EmulatorChange } from './customers/change-feed.js';
import { CustomerDirectory, customerView, type CustomerView } from './customers/customer-directory.js';
import type { CustomerMessageInput } from './customers/customer-message-input.js';
import { CustomerMessages, type CustomerMessageResult } from './customers/customer-messages.js';
import { EmulatorInputError } from './customers/emulator-input-error.js';
import { ResettableMediaStore } from './customers/resettable-media-store.js';
import {
  DEFAULT_STATUS_DELAYS,
  StatusProgression,
  type StatusDelays,
} from './customers/status-progression.js';
import { threadItemView, type ThreadItem } from './customers/thread-item.js';
import { ThreadStore } from './customers/thread-store.js';
import { TypingIndicators } from './customers/typing-indicators.js';
import { FaultController } from './faults/fault-controller.js';
import type { FaultPlan, FaultPlanPatch } from './faults/fault-plan.js';
import { createRandom } from './faults/prng.js';
import { graphRoutes } from './graph/graph-routes.js';
import { MemoryMediaStore } from './media/memory-media-store.js';
import { phonePage } from './phone/phone-page.js';
import { CustomerServiceWindows } from './rules/customer-service-window.js';
import { DEFAULT_PAIR_RATE_LIMIT, PairRateLimiter, type PairRateLimit } from './rules/pair-rate-limiter.js';
import { PlatformGate } from './rules/platform-gate.js';
import { PlatformRules } from './rules/platform-rules.js';
import { templatePricingCategory } from './rules/pricing.js';
import { ThroughputLimiter } from './rules/throughput-limiter.js';
import { TemplateRegistry } from './templates/template-registry.js';
import {
  verifyWebhookTarget,
  WebhookVerificationError,
  type HandshakeResult,
} from './webhooks/verify-webhook-target.js';
import type { DeliveryState, WebhookDeliveryView } from './webhooks/webhook-delivery.js';
import { createWebhookPipeline } from './webhooks/webhook-pipeline.js';

/** Options of {@link createEmulator}: {@link EmulatorOptions} plus the platform's knobs. */
export interface CreateEmulatorOptions extends Omit<EmulatorOptions, 'statusDelaysMs'> {
  /** Faults injected from the start (changeable at runtime). */
  readonly faults?: FaultPlanPatch;
  /** Seed of the PRNG behind every fault decision; fix it for reproducible tests. */
  readonly seed?: number;
  /** Delays of the status progression after a send (ms); `played` counts from `read`. */
  readonly statusDelaysMs?: Partial<StatusDelays>;
  /** The pair rate limit (131056): one message per `intervalMs` on average, bursts of `burst`. */
  readonly pairRateLimit?: Partial<PairRateLimit>;
  /** The app's webhook API version; from 24 on statuses carry no `conversation`. Default 23. */
  readonly webhookVersion?: number;
  /**
   * Webhook POSTs in flight at once; default 8, concurrently as Meta sends them (a failing one is
   * retried on its own while the others go on). 1 keeps strict order per target.
   */
  readonly webhookConcurrency?: number;
  /** How long one webhook POST may take before it counts as failed (ms, wall clock). */
  readonly webhookTimeoutMs?: number;
  /** Finished deliveries kept in the log. Default 10,000. */
  readonly webhookLogLimit?: number;
  /** Perform the verification handshake in `start()` (default true when a webhook URL is set). */
  readonly verifyWebhookOnStart?: boolean;
  /**
   * When set, a failed handshake does not fail `start()`: the Graph API serves at once, the
   * handshake is tried again every this many ms (the app may not be up yet), and webhooks are
   * held until it succeeds. Unset, `start()` rejects with a `WebhookVerificationError`.
   */
  readonly handshakeRetryMs?: number;
  /** Send `user_id` (BSUID) in `contacts[]` and `recipient_user_id` in statuses. Default true. */
  readonly bsuid?: boolean;
  /** Serve the phone simulator page under `/phone` of the plugin. Default true. */
  readonly phonePage?: boolean;
  /** Interval of the control stream's `: ping` (ms). Default 15,000. */
  readonly controlPingIntervalMs?: number;
  /** Where media live; default an in-memory store. */
  readonly mediaStore?: MediaStore;
  /** Receives the emulator's own log lines (webhook failures and retries). */
  readonly onLog?: (entry: { level: 'info' | 'warn'; message: string }) => void;
}

/** The default token the Graph routes accept when none is configured. */
export const DEFAULT_ACCESS_TOKEN = 'emulator-access-token';

/**
 * A running WhatsApp Cloud API emulator: its state, its Fastify plugin (Graph routes, control API,
 * phone page) and the programmatic equivalents of the control API.
 */
export interface Emulator extends ControlTarget {
  readonly clock: Clock;
  readonly businessNumbers: readonly BusinessNumber[];
  /** What the Graph routes hand validated sends to; tests may call it directly. */
  readonly gate: OutboundGate;
  readonly media: MediaStore;
  readonly templates: TemplateRegistry;
  /** Registers the Graph routes, `/_control` and `/phone`; mount it at any prefix. */
  readonly plugin: FastifyPluginAsync;
  /** Verification handshake with the webhook URL (rejects with WebhookVerificationError), then delivery. */
  start(): Promise<void>;
  /** Stops delivery and timers, answers held responses, ends control streams. */
  close(): Promise<void>;
  /** Runs the verification handshake without starting anything. */
  verifyWebhook(): Promise<HandshakeResult>;
  /** Sets the base URL used in media download links (known only after `listen` on port 0). */
  setPublicUrl(url: string): void;
  /** What the business sent to a customer (the 'out' items of the thread). */
  received(waId: string, phoneNumberId?: string): ThreadItem[];
  webhook(id: string): WebhookDeliveryView | undefined;
  /** Sends an open webhook batch now. */
  flushWebhooks(): void;
  /** Resolves when no webhook is in flight or due (later retries excepted). */
  webhooksIdle(): Promise<void>;
}

export function createEmulator(options: CreateEmulatorOptions): Emulator {
  const clock = options.clock ?? systemClock;
  const log = (entry: { level: 'info' | 'warn'; message: string }) => {
    try {
      options.onLog?.(entry);
    } catch {
      // A failing log sink must not break delivery.
    }
  };
  const businessNumbers = resolveBusinessNumbers(options.businessNumbers);
  const findNumber = (id: string) => businessNumbers.find((n) => n.phoneNumberId === id);
  const numberOrDefault = (id: string | undefined): BusinessNumber => {
    const number = id === undefined ? businessNumbers[0] : findNumber(id);
    if (!number) throw new EmulatorInputError(`unknown business phone number id ${id}`, 404);
    return number;
  };
  const random = createRandom(options.seed ?? 0x5eed);
  const faults = new FaultController(options.faults);
  const feed = new ChangeFeed();
  const customers = new CustomerDirectory(options.customers ?? [], options.anyNumberReachable ?? true, () =>
    feed.customers(),
  );
  const threads = new ThreadStore();
  const windows = new CustomerServiceWindows(clock);
  const media = new ResettableMediaStore(options.mediaStore ?? new MemoryMediaStore(clock));
  const templates = new TemplateRegistry({ templates: options.templates ?? [] });
  const bsuid = options.bsuid ?? true;
  let publicUrl = options.publicUrl ?? 'http://127.0.0.1:4004';
  const accessTokens = [...(options.accessTokens ?? [{ token: DEFAULT_ACCESS_TOKEN }])];

  const { dispatcher, queue } = createWebhookPipeline({
    clock,
    appSecret: options.appSecret,
    faults,
    random,
    url: options.webhookUrl,
    ...(options.webhookRetryScheduleMs && { retryScheduleMs: options.webhookRetryScheduleMs }),
    ...(options.webhookTimeoutMs !== undefined && { attemptTimeoutMs: options.webhookTimeoutMs }),
    ...(options.webhookConcurrency !== undefined && { concurrency: options.webhookConcurrency }),
    ...(options.webhookLogLimit !== undefined && { logLimit: options.webhookLogLimit }),
    onError: (message) => log({ level: 'warn', message }),
  });
  const typing = new TypingIndicators(clock, feed);
  const progression = new StatusProgression({
    clock,
    sink: dispatcher,
    feed,
    faults,
    random,
    delays: { ...DEFAULT_STATUS_DELAYS, ...options.statusDelaysMs },
    autoRead: options.autoRead ?? true,
    webhookVersion: options.webhookVersion ?? 23,
    onError: (message) => log({ level: 'warn', message }),
  });
  const throughput = new ThroughputLimiter(clock, (id) => findNumber(id)?.throughputPerSecond ?? 80);
  const pairRate = new PairRateLimiter(clock, { ...DEFAULT_PAIR_RATE_LIMIT, ...options.pairRateLimit });
  const templateCategory = (send: ValidatedSend) => {
    const template = send.body.template as { name?: unknown; language?: { code?: unknown } } | undefined;
    const wabaId = findNumber(send.phoneNumberId)?.wabaId;
    if (!wabaId || typeof template?.name !== 'string' || typeof template.language?.code !== 'string')
      return undefined;
    return templatePricingCategory(templates.find(wabaId, template.name, template.language.code)?.category);
  };
  const gate = new PlatformGate({
    clock,
    faults,
    random,
    rules: new PlatformRules({
      throughput,
      pairRate,
      windows,
      reach: (w) => customers.reach(w),
      templateCategory,
    }),
    messages: new BusinessMessages({ clock, threads, typing, progression, feed, bsuid }),
    reads: new BusinessReads({ clock, threads, typing, feed }),
    businessNumber: findNumber,
  });
  const inbound = new CustomerMessages({
    clock,
    businessNumber: numberOrDefault,
    customers,
    threads,
    windows,
    media,
    sink: dispatcher,
    feed,
    bsuid,
  });

  const webhookUrl = (): string =>
    typeof options.webhookUrl === 'function' ? options.webhookUrl() : (options.webhookUrl ?? '');
  const closeListeners = new Set<() => void>();
  let started = false;
  let closed = false;

  const verifyWebhook = async (): Promise<HandshakeResult> => {
    if (options.webhookUrl === undefined) throw new Error('no webhookUrl is configured');
    return verifyWebhookTarget({ url: webhookUrl(), verifyToken: options.verifyToken ?? '' });
  };

  let handshakeTimer: TimerHandle | undefined;
  /** Tries the handshake again until it succeeds, then starts delivery (webhooks wait meanwhile). */
  const retryHandshake = (error: string, everyMs: number): void => {
    log({
      level: 'warn',
      message: `webhook ${webhookUrl()} is not verified yet (${error}); trying again every ${Math.round(everyMs / 100) / 10} s (start the app, or check the webhook URL and verify token)`,
    });
    let lastError = error;
    const attempt = () => {
      handshakeTimer = clock.setTimeout(() => {
        void verifyWebhook().then(
          (result) => {
            if (closed) return;
            if (result.ok) {
              log({ level: 'info', message: `webhook ${webhookUrl()} verified; delivering webhooks` });
              queue?.start();
              return;
            }
            if (result.error !== lastError) {
              lastError = result.error;
              log({ level: 'warn', message: `webhook ${webhookUrl()} still not verified: ${result.error}` });
            }
            attempt();
          },
          () => !closed && attempt(),
        );
      }, everyMs);
    };
    attempt();
  };

  const emulator: Emulator = {
    clock,
    businessNumbers,
    gate,
    media,
    templates,
    plugin: async (app) => {
      await app.register(
        graphRoutes({
          findNumber: (id) => {
            const n = findNumber(id);
            return n && { number: n, wabaId: n.wabaId };
          },
          hasWaba: (id) => businessNumbers.some((n) => n.wabaId === id),
          accessTokens,
          media,
          templates,
          gate,
          clock,
          publicUrl: () => publicUrl,
        }),
      );
      await app.register(
        controlPlugin({
          target: emulator,
          ...(options.controlPingIntervalMs !== undefined && {
            pingIntervalMs: options.controlPingIntervalMs,
          }),
        }),
        { prefix: '/_control' },
      );
      if (options.phonePage ?? true) {
        // app.prefix is where the host mounted this plugin, so the page finds the control API.
        await app.register(phonePage({ controlBase: `${app.prefix}/_control` }), { prefix: '/phone' });
      }
    },

    async start() {
      if (started || closed) return;
      if (options.webhookUrl !== undefined && (options.verifyWebhookOnStart ?? true)) {
        const result = await verifyWebhook();
        if (!result.ok) {
          if (options.handshakeRetryMs === undefined) throw new WebhookVerificationError(result);
          started = true;
          retryHandshake(result.error, options.handshakeRetryMs);
          return;
        }
        log({ level: 'info', message: `webhook ${webhookUrl()} verified` });
      }
      started = true;
      queue?.start();
    },

    async close() {
      if (closed) return;
      closed = true;
      if (handshakeTimer !== undefined) clock.clearTimeout(handshakeTimer);
      gate.releaseHeld();
      dispatcher.flush();
      queue?.stop();
      progression.clear();
      typing.clear();
      for (const listener of [...closeListeners]) listener();
      closeListeners.clear();
    },

    verifyWebhook,
    setPublicUrl(url) {
      publicUrl = url.replace(/\/+$/, '');
    },

    state(): EmulatorState {
      return {
        businessNumbers: businessNumbers.map(
          ({ phoneNumberId, displayPhoneNumber, verifiedName, wabaId }) => ({
            phoneNumberId,
            displayPhoneNumber,
            verifiedName,
            wabaId,
          }),
        ),
        customers: customers.list().map(customerView),
        faults: faults.plan,
      };
    },

    addCustomer(input: SimulatedCustomerOptions): CustomerView {
      try {
        return customerView(customers.upsert(input));
      } catch (err) {
        throw err instanceof RangeError ? new EmulatorInputError(err.message) : err;
      }
    },

    thread(waId: string, phoneNumberId?: string): ThreadView {
      const number = numberOrDefault(phoneNumberId);
      const customer = customers.get(waId);
      const thread = threads.get(number.phoneNumberId, waId);
      if (!customer && !thread) throw new EmulatorInputError(`no customer ${waId}`, 404);
      return {
        customer: { waId, name: customer?.name ?? waId },
        phoneNumberId: number.phoneNumberId,
        windowExpiresAt: windows.expiresAt(number.phoneNumberId, waId),
        typing: thread ? typing.isTyping(thread) : false,
        items: thread ? thread.items.map(threadItemView) : [],
      };
    },

    received(waId, phoneNumberId) {
      return emulator.thread(waId, phoneNumberId).items.filter((i) => i.direction === 'out');
    },

    customerSends(waId: string, message: CustomerMessageInput): CustomerMessageResult {
      return inbound.send(waId, message);
    },

    customerReads(waId, readOptions = {}) {
      const number = numberOrDefault(readOptions.phoneNumberId);
      if (!customers.get(waId) && !threads.get(number.phoneNumberId, waId)) {
        throw new EmulatorInputError(`no customer ${waId}`, 404);
      }
      const thread = threads.get(number.phoneNumberId, waId);
      const read = thread ? progression.readAll(thread.items.filter((i) => i.direction === 'out')) : 0;
      return { read };
    },

    faults: (): FaultPlan => faults.plan,
    setFaults: (patch) => faults.update(patch),
    webhooks: (filter: { state?: DeliveryState } = {}) => dispatcher.list(filter.state),
    webhook: (id) => dispatcher.get(id),
    releaseWebhooks: () => dispatcher.release(),
    flushWebhooks: () => dispatcher.flush(),
    webhooksIdle: () => queue?.idle() ?? Promise.resolve(),

    reset() {
      const cleared = threads.all();
      progression.clear();
      typing.clear();
      threads.clear();
      windows.clear();
      throughput.clear();
      pairRate.clear();
      dispatcher.clear();
      media.clear();
      // Open phone pages re-read what they show.
      for (const thread of cleared) feed.thread(thread.phoneNumberId, thread.waId);
      feed.customers();
    },

    subscribe: (listener: (change: EmulatorChange) => void) => feed.subscribe(listener),
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
  return emulator;
}
