/**
 * Random GracefulWebService props for the property tests: mostly valid values (so a good share
 * of runs synthesizes), with invalid ones mixed in per prop: ports out of range or fractional,
 * disruption budgets and rollout limits that are no count or percentage, drain and awaitExit
 * combinations that cannot work,
 * names that are not DNS labels, negative or fractional replicas, zero, fractional and huge
 * durations, grace periods around the budget, readiness slower than liveness, preStop commands
 * full of shell metacharacters, env var names Kubernetes rejects.
 */
import { Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import fc from 'fast-check';
import type { GracefulWebServiceProps } from '../../src/graceful-web-service';

/** Valid most of the time: `weight` valid draws for each invalid one. */
function mostly<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>, weight = 25): fc.Arbitrary<T> {
  return fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

/** Characters that mean something to sh, plus quotes, newlines and non-ASCII. */
const SHELL_CHARS = [...` \t\n'"\`$\\;&|<>(){}[]*?!#~=%^,.:@+-_/`, 'é', '中', '🙂', 'x', 'Y', '0'];

/** A word made of shell metacharacters and letters (no NUL: an argv cannot hold one). */
export const shellWord = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...SHELL_CHARS), { maxLength: 12 }).map(cs => cs.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).filter(s => !s.includes('\0')) },
  { weight: 1, arbitrary: fc.constantFrom('', "'", "''", '"$HOME"', '`id`', '$(id)', "it's", '-s', 'quit', '--', '\\', '\n', '*', '~') },
);

/** A command name a shim can stand in for: no `/`, no NUL, not `.`/`..`. */
export const commandName = fc.oneof(
  fc.constantFrom('nginx', 'stop-app', 'app_ctl', 'graceful.stop'),
  fc.array(fc.constantFrom(...SHELL_CHARS.filter(c => c !== '/' && c !== '\n')), { minLength: 1, maxLength: 8 }).map(cs => cs.join('')),
).filter(n => n !== '.' && n !== '..' && n.trim() !== '' && !n.startsWith('-'));

const dns1035 = fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/);
const notDnsLabel = fc.oneof(
  fc.constantFrom('', 'Web', 'web_1', '-web', 'web-', '1web', 'a'.repeat(64), 'web.svc', 'wéb', 'web svc'),
  fc.string({ maxLength: 10 }),
);
const dns1123 = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);

const port = mostly(fc.integer({ min: 1, max: 65535 }), fc.oneof(
  fc.constantFrom(0, -1, 65536, 70000, 80.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.integer({ min: -100000, max: 200000 }),
));

const seconds = (min: number, max: number) => fc.oneof(
  { weight: 1, arbitrary: fc.constant(Duration.seconds(0)) },
  { weight: 6, arbitrary: fc.integer({ min, max }).map(s => Duration.seconds(s)) },
);
/** Whole seconds, zero often; sometimes fractional (ms, below a ms), huge or not a number. */
const duration = (ordinaryMin: number, ordinaryMax: number) => mostly(seconds(ordinaryMin, ordinaryMax), fc.oneof(
  fc.constant(Duration.seconds(0)),
  fc.integer({ min: 1, max: 99999 }).map(ms => Duration.millis(ms)),
  fc.constantFrom(Duration.seconds(2 ** 31), Duration.seconds(1e9), Duration.days(400), Duration.millis(0.5),
    Duration.seconds(Number.NaN), Duration.seconds(Number.POSITIVE_INFINITY)),
), 40);

const threshold = (max: number) => mostly(fc.integer({ min: 1, max }), fc.constantFrom(0, -1, 1.5, 2 ** 31));

const httpPath = mostly(fc.constantFrom('/', '/healthz', '/ready', '/live', '/actuator/health/readiness'), fc.constantFrom('', 'no-slash', '/with space', '/ünï', '/a?b=c'));

const envName = mostly(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/), fc.constantFrom('1ABC', 'A-B', 'WITH SPACE', '', '=', 'a=b', 'é', '.', '..', 'constructor', '__proto__'));

const env = fc.dictionary(envName, fc.string({ maxLength: 10 }), { maxKeys: 4 })
  .map(d => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, plus.EnvValue.fromValue(v)])));

const image = mostly(fc.constantFrom('nginxinc/nginx-unprivileged:1.27-alpine', 'registry.example.com/app:1.0', 'busybox'), fc.constantFrom('', ' ', 'nginx latest', '\t'));

const preStopCommand = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(commandName, fc.array(shellWord, { maxLength: 5 })).map(([c, args]) => [c, ...args]) },
  { weight: 1, arbitrary: fc.constant([] as string[]) },
);

const intOrPercent = mostly(
  fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 }).map(n => `${n}%`)),
  fc.constantFrom(-1, 1.5, '150%', 'half', '50', '%'),
);

const podDisruptionBudget = fc.oneof(
  { weight: 2, arbitrary: fc.constant(false as const) },
  { weight: 6, arbitrary: intOrPercent.map(minAvailable => ({ minAvailable })) },
  { weight: 6, arbitrary: intOrPercent.map(maxUnavailable => ({ maxUnavailable })) },
  { weight: 1, arbitrary: fc.constantFrom({}, { minAvailable: 1, maxUnavailable: 1 }) },
);

/** Unset three times in four: the props added later stay rare, so most runs still synthesize. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

const serviceType = mostly(fc.constantFrom(plus.ServiceType.CLUSTER_IP, plus.ServiceType.NODE_PORT, plus.ServiceType.LOAD_BALANCER), fc.constant(plus.ServiceType.EXTERNAL_NAME), 8);
const service = fc.oneof(
  { weight: 1, arbitrary: fc.constant(false as const) },
  { weight: 5, arbitrary: fc.record({ type: serviceType, port, nodePort: rarely(fc.integer({ min: 30000, max: 32767 })) }, { requiredKeys: ['port'] }) },
);

const absolute = mostly(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 1.5));
const strategy = fc.oneof(
  fc.constant(plus.DeploymentStrategy.recreate()),
  fc.tuple(absolute, absolute).filter(([a, b]) => a !== 0 || b !== 0).map(([surge, unavailable]) => plus.DeploymentStrategy.rollingUpdate({
    maxSurge: plus.PercentOrAbsolute.absolute(surge), maxUnavailable: plus.PercentOrAbsolute.absolute(unavailable),
  })),
  mostly(fc.integer({ min: 1, max: 100 }), fc.constant(150), 8)
    .map(p => plus.DeploymentStrategy.rollingUpdate({ maxSurge: plus.PercentOrAbsolute.percent(p), maxUnavailable: plus.PercentOrAbsolute.percent(p) })),
);

// 'sleep-action' is a Kubernetes 1.29+ field: the synth-time validation (1.28) refuses it.
const drain = mostly(fc.constantFrom('exec-sleep' as const, 'sleep-action' as const, 'none' as const), fc.constantFrom('sleep', '') as fc.Arbitrary<never>, 8);
const awaitExit = mostly(fc.constantFrom('main-process' as const, false as const, { pidFile: '/tmp/app.pid' }), fc.constant({ pidFile: 'app.pid' }), 8);

/** The props, with the budget inputs exposed so a grace period can be set around the budget. */
export const serviceProps: fc.Arbitrary<GracefulWebServiceProps> = fc.record({
  image,
  port,
  name: fc.option(mostly(dns1035, notDnsLabel), { nil: undefined }),
  replicas: fc.option(mostly(fc.integer({ min: 0, max: 50 }), fc.constantFrom(-1, 1.5, Number.NaN)), { nil: undefined }),
  containerName: fc.option(mostly(dns1123, notDnsLabel), { nil: undefined }),
  portName: fc.option(mostly(fc.constantFrom('http', 'web', 'http-alt', 'grpc'), fc.constantFrom('HTTP', 'http_1', 'a-very-long-port-name', '1234', '-x', 'x-', 'a--b', '')), { nil: undefined }),
  podDisruptionBudget: rarely(podDisruptionBudget),
  strategy: rarely(strategy),
  imagePullPolicy: rarely(fc.constantFrom(plus.ImagePullPolicy.ALWAYS, plus.ImagePullPolicy.IF_NOT_PRESENT, plus.ImagePullPolicy.NEVER)),
  drain: rarely(drain),
  awaitExit: rarely(awaitExit),
  healthPath: fc.option(httpPath, { nil: undefined }),
  readiness: fc.option(fc.record({
    path: fc.option(httpPath, { nil: undefined }),
    period: fc.option(duration(1, 10), { nil: undefined }),
    failureThreshold: fc.option(threshold(3), { nil: undefined }),
    timeout: fc.option(duration(1, 2), { nil: undefined }),
    successThreshold: fc.option(threshold(5), { nil: undefined }),
  }, { requiredKeys: [] }), { nil: undefined }),
  liveness: fc.option(fc.record({
    path: fc.option(httpPath, { nil: undefined }),
    period: fc.option(duration(10, 30), { nil: undefined }),
    failureThreshold: fc.option(threshold(6), { nil: undefined }),
    timeout: fc.option(duration(1, 5), { nil: undefined }),
    terminationGracePeriod: fc.option(duration(1, 120), { nil: undefined }),
  }, { requiredKeys: [] }), { nil: undefined }),
  startup: fc.option(fc.oneof(
    fc.constant(false as const),
    fc.record({
      path: fc.option(httpPath, { nil: undefined }),
      maxStartupTime: fc.option(duration(1, 600), { nil: undefined }),
      period: fc.option(duration(1, 10), { nil: undefined }),
      timeout: fc.option(duration(1, 5), { nil: undefined }),
    }, { requiredKeys: [] }),
  ), { nil: undefined }),
  drainDelay: fc.option(duration(0, 60), { nil: undefined }),
  preStopCommand: fc.option(preStopCommand, { nil: undefined }),
  preStopCommandTimeout: fc.option(duration(0, 60), { nil: undefined }),
  shutdownTimeout: fc.option(duration(0, 120), { nil: undefined }),
  terminationMargin: fc.option(duration(0, 10), { nil: undefined }),
  // Around typical budgets (drain 5 + shutdown 30 + margin 5 = 40 s): below and above.
  terminationGracePeriod: fc.option(duration(0, 300), { nil: undefined }),
  env: fc.option(env, { nil: undefined }),
  writablePaths: fc.option(fc.array(fc.constantFrom('/tmp', '/var/cache/nginx', '/var/run', '/data'), { maxLength: 3 }), { nil: undefined }),
}, { requiredKeys: ['image', 'port'] }).chain(props => fc.oneof(
  // The Service through the deprecated servicePort, through service, or (an error) through both.
  { weight: 8, arbitrary: fc.record({ servicePort: fc.option(port, { nil: undefined }) }, { requiredKeys: [] }) },
  { weight: 3, arbitrary: fc.record({ service }) },
  { weight: 1, arbitrary: fc.record({ service, servicePort: port }) },
).map(serviceProps => ({ ...props, ...serviceProps } as GracefulWebServiceProps)));
