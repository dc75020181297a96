/**
 * Reads a container's lifecycle hooks for the timeline: how long each runs when the manifest
 * tells (sleeps, the prestop-seconds annotation), and how long a preStop surely keeps the app
 * serving before it may run something that stops it (`nginx -s quit`).
 */
import { execShellScript, postStartSeconds, preStopSeconds, sleepArgSeconds } from '../analysis/hook-duration';
import { shellCommand } from '../hooks/shell';
import { isMap, type JsonMap } from '../validation/pod-template';

/** Commands a hook may run before its wait without stopping the app (logging, shell options). */
const HARMLESS = new Set(['echo', 'printf', ':', 'true', 'set']);

export interface HookReading {
  readonly present: boolean;
  readonly handler: 'exec' | 'httpGet' | 'sleep' | 'tcpSocket' | 'other' | 'none';
  /** The hook's whole duration when known. */
  readonly seconds: number | undefined;
  /** Where `seconds` came from, for messages. */
  readonly source: string | undefined;
  /**
   * How long the hook surely leaves the app serving: its leading sleeps, all of it when it only
   * sleeps, undefined when nothing is known.
   */
  readonly servesFor: number | undefined;
  /** True when the hook is nothing but waiting (so the app stops only at SIGTERM). */
  readonly onlyWaits: boolean;
  /** The exec command, when it is one. */
  readonly command: readonly string[] | undefined;
  /** Short human description: `sleep 5`, `nginx -s quit`, `GET :8080/drain`. */
  readonly describe: string;
}

const NONE: HookReading = {
  present: false, handler: 'none', seconds: undefined, source: undefined, servesFor: 0, onlyWaits: true, command: undefined, describe: 'none',
};

/** The shell script of `sh -c '<script>'` (also `-ec`, `busybox sh -c`), or undefined. */
export function shellScriptOf(command: readonly string[]): string | undefined {
  return execShellScript(command)?.script;
}

/**
 * Leading waits of a shell script: the sleeps before the first command that may act on the app.
 * `all` is true when the script does nothing but wait (and log).
 */
export function leadingSleeps(script: string): { seconds: number; all: boolean } | undefined {
  const segments = script.split(/;|&&|\|\||\n/).map(s => s.trim()).filter(s => s !== '' && !s.startsWith('#'));
  let seconds = 0;
  for (let i = 0; i < segments.length; i++) {
    // A loop or branch before the first command makes the order unknown; after it, it does not matter.
    if (/\b(while|until|for|if|case)\b/.test(segments[i])) return undefined;
    const words = segments[i].replace(/^exec\s+/, '').split(/\s+/);
    const base = (words[0] ?? '').replace(/^(?:\/usr)?\/bin\//, '');
    if (base === 'sleep' && words.length === 2) {
      const s = sleepArgSeconds(words[1]);
      if (s === undefined) return undefined;
      seconds += s;
    } else if (!HARMLESS.has(base)) {
      return { seconds, all: false };
    }
  }
  return { seconds, all: true };
}

function execWords(exec: unknown): string[] | undefined {
  if (!isMap(exec) || !Array.isArray(exec.command)) return undefined;
  const words = exec.command.filter((w): w is string => typeof w === 'string');
  return words.length === exec.command.length && words.length > 0 ? words : undefined;
}

function describeExec(words: readonly string[]): string {
  const script = shellScriptOf(words);
  const text = script !== undefined ? script.replace(/\s+/g, ' ').trim() : shellCommand(words);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** The handler's kind, its exec words and a description; shared by postStart and preStop. */
function readHandler(hook: JsonMap): Pick<HookReading, 'handler' | 'command' | 'describe'> & { sleepSeconds?: number } {
  const words = execWords(hook.exec);
  if (words) return { handler: 'exec', command: words, describe: describeExec(words) };
  if (isMap(hook.httpGet)) {
    const port = hook.httpGet.port;
    const path = typeof hook.httpGet.path === 'string' ? hook.httpGet.path : '/';
    return { handler: 'httpGet', command: undefined, describe: `GET :${String(port ?? '?')}${path}` };
  }
  if (isMap(hook.sleep) && typeof hook.sleep.seconds === 'number') {
    return { handler: 'sleep', command: undefined, describe: `sleep action ${hook.sleep.seconds} s`, sleepSeconds: hook.sleep.seconds };
  }
  if (isMap(hook.tcpSocket)) return { handler: 'tcpSocket', command: undefined, describe: 'tcpSocket (never run)' };
  return { handler: 'other', command: undefined, describe: 'hook' };
}

/** How the exec words leave the app serving: leading sleeps, or all of it when it only waits. */
function servingOf(words: readonly string[] | undefined): { seconds: number; all: boolean } | undefined {
  if (!words) return undefined;
  const base = words[0].replace(/^(?:\/usr)?\/bin\//, '');
  if (base === 'sleep' && words.length === 2) {
    const s = sleepArgSeconds(words[1]);
    return s === undefined ? undefined : { seconds: s, all: true };
  }
  const script = shellScriptOf(words);
  return script === undefined ? { seconds: 0, all: false } : leadingSleeps(script);
}

/** A postStart. Its duration comes from the poststart-seconds annotation or its sleeps. */
export function readPostStart(containerName: string | undefined, lifecycle: unknown, podAnnotations: unknown): HookReading {
  if (!isMap(lifecycle) || !isMap(lifecycle.postStart)) return NONE;
  const h = readHandler(lifecycle.postStart);
  if (h.handler === 'tcpSocket') return { ...NONE, handler: 'tcpSocket', describe: h.describe };
  const known = h.sleepSeconds !== undefined
    ? { seconds: h.sleepSeconds, source: 'the sleep action' }
    : postStartSeconds(containerName, lifecycle.postStart, podAnnotations);
  return {
    present: true, ...h, seconds: known?.seconds, source: known?.source,
    servesFor: undefined, onlyWaits: false,
  };
}

/**
 * A preStop. Its duration comes from the prestop-seconds annotation or its sleeps; how long it
 * keeps the app serving from its leading sleeps, else (a script in a file, declared by the
 * annotation, as our constructs do) the declared duration: such scripts wait before they return.
 */
export function readPreStop(containerName: string | undefined, lifecycle: unknown, podAnnotations: unknown): HookReading {
  if (!isMap(lifecycle) || !isMap(lifecycle.preStop)) return NONE;
  const hook = lifecycle.preStop;
  const h = readHandler(hook);
  if (h.handler === 'tcpSocket') return { ...NONE, handler: 'tcpSocket', describe: h.describe };
  const known = h.sleepSeconds !== undefined
    ? { seconds: h.sleepSeconds, source: 'the sleep action' }
    : preStopSeconds(containerName, hook, podAnnotations);
  if (h.handler === 'sleep') {
    return { present: true, ...h, seconds: known?.seconds, source: known?.source, servesFor: known?.seconds, onlyWaits: true };
  }
  const serving = servingOf(h.command);
  const declared = known !== undefined && known.source.includes('annotation');
  let servesFor: number | undefined;
  let onlyWaits = false;
  if (serving && (serving.all || serving.seconds > 0)) {
    servesFor = serving.all && known ? known.seconds : serving.seconds;
    onlyWaits = serving.all;
  } else if (declared) {
    servesFor = known.seconds;
    onlyWaits = true;
  }
  return { present: true, ...h, seconds: known?.seconds, source: known?.source, servesFor, onlyWaits };
}
