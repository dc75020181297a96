/**
 * How long a lifecycle hook is known to run, read from the manifest: `sleep N` in an exec
 * command or its `sh -c` script, or the prestop-seconds annotation. Unknown (a loop, a script
 * in a file) reads as undefined, never as a guess.
 */
import { PRESTOP_SECONDS_ANNOTATION, secondsByContainer } from './annotations';

export interface KnownDuration {
  readonly seconds: number;
  /** Where the number came from, for messages: `sleep 5 in the sh -c script`. */
  readonly source: string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/sh', '/usr/bin/bash', '/bin/busybox']);

/** Seconds of a `sleep` argument: `5`, `5s`, `1m`, `0.5`; undefined for anything else. */
export function sleepArgSeconds(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const factor = { '': 1, 's': 1, 'm': 60, 'h': 3600, 'd': 86400 }[m[2]]!;
  return Number(m[1]) * factor;
}

/**
 * Sum of the top-level sleeps in a shell script. A sleep inside a loop makes the total unknown.
 */
export function scriptSleepSeconds(script: string): number | undefined {
  if (/\b(while|until|for)\b/.test(script)) return undefined;
  let total = 0;
  let found = false;
  for (const m of script.matchAll(/(?:^|[;&|\n(]|\bthen|\bdo|\belse)\s*(?:exec\s+)?(?:\/bin\/|\/usr\/bin\/)?sleep\s+([0-9.]+[smhd]?)/g)) {
    const s = sleepArgSeconds(m[1]);
    if (s === undefined) return undefined;
    total += s;
    found = true;
  }
  return found ? total : undefined;
}

/** Known duration of an exec command: `['sleep', '5']` or `['sh', '-c', '... sleep 5 ...']`. */
export function execSleepSeconds(command: readonly unknown[]): KnownDuration | undefined {
  const words = command.filter((w): w is string => typeof w === 'string');
  if (words.length !== command.length || words.length === 0) return undefined;
  const base = words[0];
  if ((base === 'sleep' || base.endsWith('/sleep')) && words.length === 2) {
    const s = sleepArgSeconds(words[1]);
    return s === undefined ? undefined : { seconds: s, source: `\`${words.join(' ')}\`` };
  }
  const c = words.indexOf('-c');
  if (SHELLS.has(base) && c > 0 && c + 1 < words.length) {
    const s = scriptSleepSeconds(words[c + 1]);
    return s === undefined ? undefined : { seconds: s, source: 'the sleeps in its shell script' };
  }
  return undefined;
}

/**
 * Known duration of a container's preStop: the annotation wins (it is how our constructs declare
 * scripts delivered as files), else the sleeps in the exec command.
 */
export function preStopSeconds(containerName: string | undefined, preStop: unknown, podAnnotations: unknown): KnownDuration | undefined {
  if (containerName !== undefined) {
    const declared = secondsByContainer(podAnnotations, PRESTOP_SECONDS_ANNOTATION)[containerName];
    if (declared !== undefined) return { seconds: declared, source: `the ${PRESTOP_SECONDS_ANNOTATION} annotation` };
  }
  if (typeof preStop !== 'object' || preStop === null) return undefined;
  const exec = (preStop as Record<string, unknown>).exec;
  if (typeof exec !== 'object' || exec === null) return undefined;
  const command = (exec as Record<string, unknown>).command;
  return Array.isArray(command) ? execSleepSeconds(command) : undefined;
}
