import { defaultFaultPlan, faultPlanPatchSchema, type FaultPlan, type FaultPlanPatch } from './fault-plan.js';

/**
 * Holds the current {@link FaultPlan}. Parts of the emulator read `plan` at the moment they decide
 * (a send, a new webhook), so a change applies to what happens next, never retroactively.
 */
export class FaultController {
  #plan: FaultPlan;
  readonly #listeners = new Set<(plan: FaultPlan, previous: FaultPlan) => void>();

  constructor(initial: FaultPlanPatch = {}) {
    this.#plan = Object.freeze({ ...defaultFaultPlan, ...faultPlanPatchSchema.parse(initial) });
  }

  get plan(): FaultPlan {
    return this.#plan;
  }

  /** Applies a partial update (validated; throws a ZodError on bad input) and returns the new plan. */
  update(patch: FaultPlanPatch): FaultPlan {
    const previous = this.#plan;
    this.#plan = Object.freeze({ ...previous, ...faultPlanPatchSchema.parse(patch) });
    for (const listener of this.#listeners) listener(this.#plan, previous);
    return this.#plan;
  }

  onChange(listener: (plan: FaultPlan, previous: FaultPlan) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
