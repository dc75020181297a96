/**
 * Reads a container's lifecycle hooks for the timeline: how long each runs when the manifest
 * tells (sleeps, bounded loops, the prestop-seconds annotation), the command that stops the app
 * (`nginx -s quit`, `killall python3`) and how long the preStop surely keeps the app serving
 * before it, and whether a hook fails on every path.
 */
import { execShellScript, postStartSeconds, preStopSeconds, type KnownDuration } from '../analysis/hook-duration';
import { memoizeByText } from '../analysis/memo';
import { execEffects, type StopCommand } from '../analysis/script-effects';
import { shellCommand } from '../hooks/shell';
import { isMap, type JsonMap } from '../validation/pod-template';
import { text } from '../validation/rules/lifecycle/handlers';

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
  /** The command in it that stops the app, and when (after its sure waits). */
  readonly stop: StopCommand | undefined;
  /** The command on which every path through it fails (`exit 1`), when it always fails. */
  readonly fails: string | undefined;
}

const NONE: HookReading = {
  present: false, handler: 'none', seconds: undefined, source: undefined, servesFor: 0, onlyWaits: true, command: undefined, describe: 'none',
  stop: undefined, fails: undefined,
};

function execWords(exec: unknown): string[] | undefined {
  if (!isMap(exec) || !Array.isArray(exec.command)) return undefined;
  const words = exec.command.filter((w): w is string => typeof w === 'string');
  return words.length === exec.command.length && words.length > 0 ? words : undefined;
}

function describeExec(words: readonly string[]): string {
  const script = execShellScript(words)?.script;
  const text = script !== undefined ? script.replace(/\s+/g, ' ').trim() : shellCommand(words);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

type Handler = Pick<HookReading, 'handler' | 'command' | 'describe' | 'stop' | 'fails'> & {
  sleepSeconds?: number;
  /** The sure wait before the first command that may act on the app (exec only). */
  actsAt?: number;
}

/** The handler's kind, its exec words, a description and what its command does; shared by postStart and preStop. */
/** An exec handler, read once per distinct command (manifests repeat the same few hooks). */
const execHandler = memoizeByText((key): Handler => {
  const words = key.split('\0');
  return { handler: 'exec', command: words, describe: describeExec(words), ...execEffects(words) };
});

function readHandler(hook: JsonMap): Handler {
  const words = execWords(hook.exec);
  if (words) return execHandler(words.join('\0'));
  const none = { command: undefined, stop: undefined, fails: undefined };
  if (isMap(hook.httpGet)) {
    const port = hook.httpGet.port;
    const path = typeof hook.httpGet.path === 'string' ? hook.httpGet.path : '/';
    return { handler: 'httpGet', ...none, describe: `GET :${port === undefined ? '?' : text(port)}${path}` };
  }
  if (isMap(hook.sleep) && typeof hook.sleep.seconds === 'number') {
    return { handler: 'sleep', ...none, describe: `sleep action ${hook.sleep.seconds} s`, sleepSeconds: hook.sleep.seconds };
  }
  if (isMap(hook.tcpSocket)) return { handler: 'tcpSocket', ...none, describe: 'tcpSocket (never run)' };
  return { handler: 'other', ...none, describe: 'hook' };
}

/** A postStart. Its duration comes from the poststart-seconds annotation or its sleeps. */
export function readPostStart(containerName: string | undefined, lifecycle: unknown, podAnnotations: unknown): HookReading {
  if (!isMap(lifecycle) || !isMap(lifecycle.postStart)) return NONE;
  const h = readHandler(lifecycle.postStart);
  if (h.handler === 'tcpSocket') return { ...NONE, handler: 'tcpSocket', describe: h.describe };
  const known = h.sleepSeconds !== undefined
    ? { seconds: h.sleepSeconds, source: 'the sleep action' }
    : postStartSeconds(containerName, lifecycle.postStart, podAnnotations);
  return reading(h, known, undefined, false);
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
  if (h.handler === 'sleep') return reading(h, known, known?.seconds, true);
  const declared = known !== undefined && known.source.includes('annotation');
  let servesFor: number | undefined;
  let onlyWaits = false;
  if (h.stop) {
    servesFor = h.stop.at;
  } else if (h.handler === 'exec' && h.actsAt === undefined) {
    // Nothing but waiting, logging and calls to other services (a registry): the app serves throughout.
    servesFor = known?.seconds;
    onlyWaits = true;
  } else if (h.actsAt !== undefined && h.actsAt > 0) {
    servesFor = h.actsAt;
  } else if (declared) {
    // A script from a file, declared by the annotation as our constructs do: such scripts wait before they return.
    servesFor = known.seconds;
    onlyWaits = true;
  }
  return reading(h, known, servesFor, onlyWaits);
}

/**
 * A present hook's reading. Field by field rather than spreading the handler: Node 20's V8 builds
 * an object literal with a spread (or a rest pattern) through a slow runtime path, and the lint
 * rules read every hook of every workload.
 */
function reading(h: Handler, known: KnownDuration | undefined, servesFor: number | undefined, onlyWaits: boolean): HookReading {
  return {
    present: true, handler: h.handler, seconds: known?.seconds, source: known?.source, servesFor, onlyWaits,
    command: h.command, describe: h.describe, stop: h.stop, fails: h.fails,
  };
}
