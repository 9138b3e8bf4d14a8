import { readFileSync } from 'node:fs';

// USER_HZ: the unit of /proc/<pid>/stat times. Linux fixes it at 100 on every mainstream
// architecture regardless of the kernel's internal tick (`getconf CLK_TCK`).
const msPerTick = 10;

/**
 * CPU time (user + system, milliseconds) a process has used so far, read from /proc on Linux; null
 * elsewhere or when the process is gone. Good to the 10 ms tick, plenty over a seconds-long phase.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: split after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of the file (utime, stime) are 11 and 12 here, counting from field 3.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * msPerTick : null;
  } catch {
    return null;
  }
}
