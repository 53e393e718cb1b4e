import { readFileSync } from 'node:fs';

/**
 * CPU milliseconds (user + system) of the child processes this process has started and waited for (verification
 * workers, card processes, a command run with spawnSync). From /proc/self/stat (cutime, cstime, in clock ticks of
 * 1/100 s on Linux); 0 where there is no /proc.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name, from the state (field 3): cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** CPU milliseconds (user + system, this process and the child processes it waited for) spent in `fn`: less sensitive than wall time to other load. */
export async function cpu(fn: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  const childrenBefore = childrenCpuMs();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 + childrenCpuMs() - childrenBefore;
}
