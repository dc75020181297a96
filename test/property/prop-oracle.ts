/**
 * An independent statement of which GracefulWebService props are invalid, written from the
 * Kubernetes rules and the construct's documented contract, not from its code: the property test
 * checks the construct reports at least these.
 */
import type { Duration } from 'cdk8s';
import type { GracefulWebServiceProps } from '../../src/graceful-web-service';

const isPort = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= 65535);
const dns1035 = (s: string) => s.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(s);
const dns1123 = (s: string) => s.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s);

/** IANA_SVC_NAME (validation.go): at most 15 of [a-z0-9-], a letter, no `-` at either end, no `--`. */
const ianaServiceName = (s: string) => s.length >= 1 && s.length <= 15 && /^[a-z0-9-]+$/.test(s) && /[a-z]/.test(s)
  && !s.startsWith('-') && !s.endsWith('-') && !s.includes('--');
/** IsEnvVarName on 1.28: `[-._a-zA-Z][-._a-zA-Z0-9]*`, and not `.`, `..` or `..`-prefixed. */
const envVarName = (s: string) => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s) && s !== '.' && !s.startsWith('..');

/** Whole seconds of a duration as the construct must count it (fractions round up). */
function secs(d: Duration | undefined, fallback: number): number {
  return d === undefined ? fallback : Math.ceil(d.toMilliseconds({ integral: false }) / 1000);
}

/** Props (dotted paths) that must be reported as invalid. */
export function invalidProps(p: GracefulWebServiceProps): string[] {
  const bad: string[] = [];
  if (!isPort(p.port)) bad.push('port');
  if (!isPort(p.servicePort)) bad.push('servicePort');
  if (p.name !== undefined && !dns1035(p.name)) bad.push('name');
  if (p.containerName !== undefined && !dns1123(p.containerName)) bad.push('containerName');
  if (p.replicas !== undefined && !(Number.isInteger(p.replicas) && p.replicas >= 0)) bad.push('replicas');
  if (!p.image || /\s/.test(p.image)) bad.push('image');
  if (p.preStopCommand !== undefined && p.preStopCommand.length === 0) bad.push('preStopCommand');
  if (p.portName !== undefined && !ianaServiceName(p.portName)) bad.push('portName');
  // Each path becomes a volumeMount; validation.go refuses a mountPath twice ("must be unique").
  if (p.writablePaths && new Set(p.writablePaths).size !== p.writablePaths.length) bad.push('writablePaths');
  if (p.writablePaths?.some(path => !path.startsWith('/'))) bad.push('writablePaths');

  // The Service: one place for it, a port, a node port only where one is allocated, pods selected.
  const service = p.service === false ? undefined : p.service;
  if (p.service !== undefined && (p.servicePort !== undefined || p.serviceType !== undefined)) bad.push(p.servicePort !== undefined ? 'servicePort' : 'serviceType');
  if (service && !isPort(service.port)) bad.push('service.port');
  const type = service?.type ?? p.serviceType ?? 'ClusterIP';
  if (p.service !== false && type === 'ExternalName') bad.push(service?.type !== undefined ? 'service.type' : 'serviceType');
  if (service?.nodePort !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') bad.push('service.nodePort');

  // policy/v1: exactly one of minAvailable and maxUnavailable, each a count or 0%–100%.
  if (p.podDisruptionBudget) {
    const set = (['minAvailable', 'maxUnavailable'] as const).filter(k => p.podDisruptionBudget && p.podDisruptionBudget[k] !== undefined);
    if (set.length !== 1) bad.push('podDisruptionBudget');
    for (const k of set) {
      const v = p.podDisruptionBudget[k]!;
      const ok = typeof v === 'number' ? Number.isInteger(v) && v >= 0 : /^\d+%$/.test(v) && Number(v.slice(0, -1)) <= 100;
      if (!ok) bad.push(`podDisruptionBudget.${k}`);
    }
  }

  // A rolling update's limits: counts >= 0, maxUnavailable at most 100%.
  const rolling = (p.strategy as unknown as { _toKube(): { rollingUpdate?: Record<string, { value: number | string }> } } | undefined)?._toKube().rollingUpdate;
  for (const [k, { value }] of Object.entries(rolling ?? {})) {
    const ok = typeof value === 'number' ? Number.isInteger(value) && value >= 0 : k === 'maxSurge' || Number(value.slice(0, -1)) <= 100;
    if (!ok) bad.push(`strategy.${k}`);
  }

  // drain and awaitExit: the combinations that cannot run as written.
  const hasCommand = (p.preStopCommand?.length ?? 0) > 0;
  if (p.drain !== undefined && !['exec-sleep', 'sleep-action', 'none'].includes(p.drain)) bad.push('drain');
  if (p.drain === 'sleep-action' && hasCommand) bad.push('drain');
  if (p.drain === 'none' && p.drainDelay !== undefined && p.drainDelay.toMilliseconds({ integral: false }) !== 0) bad.push('drainDelay');
  // A command that stops the app before endpoint removal (≈5 s) has reached every kube-proxy, behind the Service.
  const drained = p.drain === 'none' ? 0 : p.drainDelay === undefined ? 5 : p.drainDelay.toMilliseconds({ integral: false }) / 1000;
  if (hasCommand && p.service !== false && drained < 5) bad.push(p.drain === 'none' ? 'drain' : 'drainDelay');
  if (p.awaitExit !== undefined && p.awaitExit !== false) {
    if (!hasCommand) bad.push('awaitExit');
    else if (p.awaitExit !== 'main-process' && !p.awaitExit.pidFile.startsWith('/')) bad.push('awaitExit.pidFile');
  }
  const drainCounted = p.drain !== 'none';

  const wholeSeconds: Array<[string, Duration | undefined]> = [
    ...(drainCounted ? [['drainDelay', p.drainDelay] as [string, Duration | undefined]] : []),
    ['shutdownTimeout', p.shutdownTimeout], ['terminationMargin', p.terminationMargin],
    ['terminationGracePeriod', p.terminationGracePeriod],
    ...(p.preStopCommand?.length ? [['preStopCommandTimeout', p.preStopCommandTimeout] as [string, Duration | undefined]] : []),
  ];
  for (const [prop, d] of wholeSeconds) {
    if (d !== undefined && d.toMilliseconds({ integral: false }) % 1000 !== 0) bad.push(prop);
  }

  // The grace period is compared with the budget only when every part of it is a usable number.
  const partsUsable = wholeSeconds.every(([, d]) => d === undefined || d.toMilliseconds({ integral: false }) % 1000 === 0);
  if (p.terminationGracePeriod !== undefined && partsUsable) {
    const budget = (drainCounted ? secs(p.drainDelay, 5) : 0) + (p.preStopCommand?.length ? secs(p.preStopCommandTimeout, 5) : 0)
      + secs(p.shutdownTimeout, 30) + secs(p.terminationMargin, 5);
    if (secs(p.terminationGracePeriod, 0) < budget) bad.push('terminationGracePeriod');
  }

  // With a preStop, the grace period must outlast it: the kubelet leaves the app at least 2 s.
  // A preStop that runs the stop command waits out the shutdown itself: only the margin is left.
  const hasPreStop = (drainCounted && secs(p.drainDelay, 5) > 0) || hasCommand;
  const waits = hasCommand && p.awaitExit !== false;
  const left = (waits ? 0 : secs(p.shutdownTimeout, 30)) + secs(p.terminationMargin, 5);
  if (partsUsable && hasPreStop && left < 2) bad.push('terminationMargin');

  // Readiness must react faster than liveness (period × failureThreshold), when both are sane.
  const r = p.readiness ?? {};
  const l = p.liveness ?? {};
  const rWindow = secs(r.period, 5) * (r.failureThreshold ?? 2);
  const lWindow = secs(l.period, 10) * (l.failureThreshold ?? 3);
  const sane = [secs(r.period, 5), secs(l.period, 10), r.failureThreshold ?? 2, l.failureThreshold ?? 3].every(n => Number.isInteger(n) && n >= 1);
  if (sane && rWindow >= lWindow) bad.push('readiness');
  return bad;
}

/** A prop the construct passes through unchecked, and the field its bad value lands in. */
export interface PassThrough {
  readonly prop: string;
  /** Part of the field path the synth-time finding names, e.g. `.env[`. */
  readonly field: string;
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * Props the construct passes through unchecked, so that only the synth-time rules catch them
 * (their message names the field path, not the prop). A LifecycleConfigError thrown for other
 * props need not list these.
 */
export function invalidPassThroughProps(p: GracefulWebServiceProps): PassThrough[] {
  const out: PassThrough[] = [];
  if (Object.keys(p.env ?? {}).some(n => !envVarName(n))) out.push({ prop: 'env', field: '.env[' });
  // The sleep action is a 1.29+ field; the synth-time validation targets 1.28.
  const drainSeconds = p.drainDelay === undefined ? 5 : p.drainDelay.toMilliseconds({ integral: false }) / 1000;
  if (p.drain === 'sleep-action' && !p.preStopCommand?.length && drainSeconds > 0) out.push({ prop: 'drain', field: 'lifecycle.preStop' });
  // Probe timings are int32 fields: the construct checks the lower bounds only.
  const int32 = (prop: string, field: string, value: number | undefined) => {
    if (value !== undefined && value > INT32_MAX) out.push({ prop, field });
  };
  const r = p.readiness ?? {};
  const l = p.liveness ?? {};
  int32('readiness.period', 'readinessProbe.periodSeconds', secs(r.period, 5));
  int32('readiness.timeout', 'readinessProbe.timeoutSeconds', secs(r.timeout, 1));
  int32('readiness.failureThreshold', 'readinessProbe.failureThreshold', r.failureThreshold);
  int32('readiness.successThreshold', 'readinessProbe.successThreshold', r.successThreshold);
  int32('liveness.period', 'livenessProbe.periodSeconds', secs(l.period, 10));
  int32('liveness.timeout', 'livenessProbe.timeoutSeconds', secs(l.timeout, 2));
  int32('liveness.failureThreshold', 'livenessProbe.failureThreshold', l.failureThreshold);
  if (p.startup) {
    const period = secs(p.startup.period, 2);
    int32('startup.period', 'startupProbe.periodSeconds', period);
    int32('startup.timeout', 'startupProbe.timeoutSeconds', secs(p.startup.timeout, 1));
    int32('startup.maxStartupTime', 'startupProbe.failureThreshold', Math.ceil(secs(p.startup.maxStartupTime, 60) / Math.max(1, period)));
  }
  return out;
}

/** Every prop a problem may name: the props interface's keys, and the probe options' fields. */
export const KNOWN_PROPS = new Set([
  'image', 'port', 'name', 'replicas', 'containerName', 'portName', 'servicePort', 'serviceType', 'command', 'args',
  'healthPath', 'readiness', 'liveness', 'startup', 'drainDelay', 'preStopCommand', 'preStopCommandTimeout',
  'shutdownTimeout', 'terminationMargin', 'terminationGracePeriod', 'postStart', 'env', 'downwardApi', 'resources',
  'securityContext', 'writablePaths', 'podLabels', 'podAnnotations', 'service', 'podDisruptionBudget', 'strategy', 'imagePullPolicy',
  'drain', 'awaitExit',
]);
