import { forkBenchChild, nextMessage, stopChild } from './child-processes.js';
import type { LoadConfig, LoadPhase, LoadResult } from './load-protocol.js';
import { processCpuMs } from './process-cpu.js';

export interface MeasuredLoad {
  result: LoadResult;
  /**
   * CPU the target process used during the measurement window, as a share of one core (null off
   * Linux). Near 100 means the single-threaded server was saturated; well below it means it was
   * waiting (on fsync, say) or the load generator could not keep up.
   */
  targetCpuPercent: number | null;
}

/** Runs one load phase (warm-up plus measurement) from a fresh load-generator process. */
export async function runLoad(config: LoadConfig, targetPid: number | undefined): Promise<MeasuredLoad> {
  const generator = forkBenchChild('./load-generator.ts');
  const samples: Partial<Record<LoadPhase['phase'], { at: number; cpuMs: number | null }>> = {};
  generator.on('message', (message: LoadPhase | LoadResult) => {
    if (message.type === 'phase') samples[message.phase] = { at: Date.now(), cpuMs: processCpuMs(targetPid) };
  });
  try {
    generator.send(config);
    // Generous on top of the phase itself: startup (tsx) plus in-flight requests finishing.
    const limitMs = config.warmupMs + config.durationMs + config.requestTimeoutMs + 30_000;
    const result = await nextMessage<LoadResult>(generator, 'result', limitMs);
    const start = samples.measuring;
    const end = samples.stopped;
    const targetCpuPercent =
      start?.cpuMs != null && end?.cpuMs != null && end.at > start.at
        ? ((end.cpuMs - start.cpuMs) / (end.at - start.at)) * 100
        : null;
    return { result, targetCpuPercent };
  } finally {
    await stopChild(generator, 2000);
  }
}
