/**
 * From NacosRegisteredApp's props to what it synthesizes: the resolved settings, the timing, and
 * the env vars shared by the app (Spring relaxed binding) and the hook script. Pure: no constructs.
 */
import * as plus from 'cdk8s-plus-28';
import { ProblemList } from '../errors';
import type { GracefulWebServiceProps } from '../graceful-web-service';
import { durationSeconds } from '../prop-checks';
import { budgetSeconds, type BudgetPart } from '../timing/termination-budget';
import { NACOS_HOOK_ENV, NACOS_STATE_DIR, SPRING_NACOS_ENV } from './hook-script';
import {
  checkCluster, checkGroup, checkImage, checkNamespace, checkRange, checkSecretKey, checkServiceName, checkWeight,
} from './nacos-checks';
import {
  DEFAULT_CONSUMER_CACHE_SECONDS, DEFAULT_REQUEST_TIMEOUT_SECONDS, DEFAULT_SIDECAR_IMAGE, DEFAULT_SPRING_MAX_STARTUP_SECONDS,
  DEREGISTER_WAIT_MARGIN_SECONDS, ENABLE_INTERVAL_SECONDS, MAX_CLIENT_SHUTDOWN_WAIT_SECONDS, MAX_DEREGISTER_WAIT_SECONDS,
  MAX_REQUEST_TIMEOUT_SECONDS, type NacosDeregisterFrom, type NacosOptions, type NacosServerVersion,
} from './nacos-options';
import { checkServerAddr } from './server-addr';

/** Spring Boot's `spring.lifecycle.timeout-per-shutdown-phase` and friends, by relaxed binding. */
export const SPRING_BOOT_ENV = {
  shutdown: 'SERVER_SHUTDOWN',
  timeoutPerShutdownPhase: 'SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE',
  probes: 'MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED',
  gracefulShutdownWaitTime: 'SPRING_CLOUD_NACOS_DISCOVERY_GRACEFULSHUTDOWNWAITTIME',
} as const;

/** Env vars the construct owns: a user's `env` may not set them (set the matching prop instead). */
export const MANAGED_ENV: readonly string[] = [...Object.values(SPRING_NACOS_ENV), ...Object.values(SPRING_BOOT_ENV), ...Object.values(NACOS_HOOK_ENV)].sort();

const VERSIONS: readonly NacosServerVersion[] = ['1.x', '2.x', '3.x'];
const API_OF: Record<NacosServerVersion, string> = { '1.x': 'v1', '2.x': 'v2', '3.x': 'v3' };
const FROM: readonly NacosDeregisterFrom[] = ['app-container', 'sidecar'];

/** The resolved Nacos settings of one NacosRegisteredApp. */
export interface NacosPlan {
  /** The servers in canonical form (`host:port,host:port`), as the app and the hook read them. */
  readonly serverAddr: string;
  readonly servers: readonly string[];
  readonly namespace?: string;
  readonly group: string;
  readonly cluster: string;
  readonly serviceName: string;
  readonly serverVersion: NacosServerVersion;
  readonly deregisterFrom: NacosDeregisterFrom;
  readonly weight: number;
  readonly sidecarImage: string;
  readonly drainSeconds: number;
  readonly deregisterWaitSeconds: number;
  readonly consumerCacheSeconds: number;
  readonly requestTimeoutSeconds: number;
  /** Worst case of the HTTP calls in the preStop: every server, login included, timing out. */
  readonly requestsSeconds: number;
  /**
   * Longest the disable takes: a start-up enable request still in flight (one request timeout),
   * then the calls. The sidecar's preStop.
   */
  readonly disableSeconds: number;
  /** How long the app keeps serving once the calls are done: the longer of drain and deregister wait. */
  readonly serveSeconds: number;
  readonly clientShutdownWaitSeconds: number;
  readonly shutdownSeconds: number;
  /** Longest the disabling preStop runs: disableSeconds + serveSeconds, on success and on failure. */
  readonly preStopSeconds: number;
  readonly enableAttempts: number;
  /** Budget parts spent in the preStop. */
  readonly preStopParts: readonly BudgetPart[];
  /** Budget parts after the stop signal besides shutdownTimeout. */
  readonly extraShutdownParts: readonly BudgetPart[];
}

/** The subset of props the plan reads. */
export type NacosPlanInput = Pick<GracefulWebServiceProps, 'name' | 'port' | 'drainDelay' | 'shutdownTimeout' | 'startup' | 'env'> & {
  readonly nacos: NacosOptions;
};

/** Resolves and checks the Nacos props; problems go to `problems` (under `nacos.*`). */
export function planNacos(props: NacosPlanInput, id: string, problems: ProblemList): NacosPlan {
  const n: Partial<NacosOptions> = props.nacos ?? {};
  const servers = checkServerAddr(problems, 'nacos.serverAddr', n.serverAddr);
  checkNamespace(problems, 'nacos.namespace', n.namespace);
  checkGroup(problems, 'nacos.group', n.group);
  checkCluster(problems, 'nacos.cluster', n.cluster);
  const serviceName = n.serviceName ?? props.name ?? id;
  checkServiceName(problems, 'nacos.serviceName', serviceName,
    n.serviceName !== undefined ? undefined : props.name !== undefined ? 'the name prop' : 'the construct id');
  const serverVersion = n.serverVersion ?? '2.x';
  if (!VERSIONS.includes(serverVersion)) {
    problems.add('nacos.serverVersion', `${JSON.stringify(serverVersion)} is not a Nacos version this construct knows`, 'use \'1.x\', \'2.x\' or \'3.x\'');
  }
  const deregisterFrom = n.deregisterFrom ?? 'app-container';
  if (!FROM.includes(deregisterFrom)) {
    problems.add('nacos.deregisterFrom', `${JSON.stringify(deregisterFrom)} is not a known mode`, 'use \'app-container\' or \'sidecar\' (for images without a shell)');
  }
  const weight = n.weight ?? 1;
  checkWeight(problems, 'nacos.weight', weight);
  if (n.auth) {
    if (!n.auth.secret) problems.add('nacos.auth.secret', 'is missing', 'give the Secret holding the Nacos credentials, e.g. plus.Secret.fromSecretName(this, \'creds\', \'nacos-creds\')');
    checkSecretKey(problems, 'nacos.auth.usernameKey', n.auth.usernameKey ?? 'username');
    checkSecretKey(problems, 'nacos.auth.passwordKey', n.auth.passwordKey ?? 'password');
  }
  const sidecarImage = n.sidecar?.image ?? DEFAULT_SIDECAR_IMAGE;
  checkImage(problems, 'nacos.sidecar.image', sidecarImage);
  for (const key of Object.keys(props.env ?? {}).filter(k => MANAGED_ENV.includes(k)).sort()) {
    problems.add(`env.${key}`, 'is set by NacosRegisteredApp so that the app and its hooks agree', 'set the matching nacos.* prop (or shutdownTimeout) instead of the env var');
  }

  // Duration problems are reported by GracefulWebService for its own props; read them quietly here.
  const quiet = new ProblemList();
  const drainSeconds = durationSeconds(quiet, 'drainDelay', props.drainDelay, 5);
  const shutdownSeconds = durationSeconds(quiet, 'shutdownTimeout', props.shutdownTimeout, 30);

  const consumerCacheSeconds = durationSeconds(problems, 'nacos.consumerCacheTtl', n.consumerCacheTtl, DEFAULT_CONSUMER_CACHE_SECONDS);
  checkRange(problems, 'nacos.consumerCacheTtl', consumerCacheSeconds, 0, MAX_DEREGISTER_WAIT_SECONDS, 'no consumer cache lasts longer');
  const deregisterWaitSeconds = durationSeconds(problems, 'nacos.deregisterWait', n.deregisterWait, consumerCacheSeconds + DEREGISTER_WAIT_MARGIN_SECONDS);
  checkRange(problems, 'nacos.deregisterWait', deregisterWaitSeconds, 0, MAX_DEREGISTER_WAIT_SECONDS, 'longer than any sane grace period');
  if (deregisterWaitSeconds < consumerCacheSeconds) {
    problems.add('nacos.deregisterWait', `${deregisterWaitSeconds} s is shorter than the consumers' cache (nacos.consumerCacheTtl ${consumerCacheSeconds} s): they keep calling a stopped pod`,
      `wait at least Duration.seconds(${consumerCacheSeconds + DEREGISTER_WAIT_MARGIN_SECONDS}), or lower nacos.consumerCacheTtl if your consumers refresh faster`);
  }
  const requestTimeoutSeconds = durationSeconds(problems, 'nacos.requestTimeout', n.requestTimeout, DEFAULT_REQUEST_TIMEOUT_SECONDS);
  checkRange(problems, 'nacos.requestTimeout', requestTimeoutSeconds, 1, MAX_REQUEST_TIMEOUT_SECONDS, 'every request must end well inside the grace period');
  const clientShutdownWaitSeconds = durationSeconds(problems, 'nacos.clientShutdownWait', n.clientShutdownWait, 0);
  checkRange(problems, 'nacos.clientShutdownWait', clientShutdownWaitSeconds, 0, MAX_CLIENT_SHUTDOWN_WAIT_SECONDS, 'the preStop has already waited the consumers out');

  const callsPerServer = n.auth ? 2 : 1;
  const requestsSeconds = Math.max(1, servers.length) * callsPerServer * requestTimeoutSeconds;
  const preStopParts = nacosPreStopParts({ drainSeconds, deregisterWaitSeconds, requestTimeoutSeconds, requestsSeconds, servers: servers.length, callsPerServer });
  const disableSeconds = requestTimeoutSeconds + requestsSeconds;
  const serveSeconds = Math.max(drainSeconds, deregisterWaitSeconds);
  const preStopSeconds = budgetSeconds(preStopParts);
  const maxStartup = props.startup === false || props.startup?.maxStartupTime === undefined
    ? DEFAULT_SPRING_MAX_STARTUP_SECONDS
    : durationSeconds(quiet, 'startup.maxStartupTime', props.startup.maxStartupTime, DEFAULT_SPRING_MAX_STARTUP_SECONDS);
  // The app registers once started; keep trying a minute longer than the startup probe allows.
  const enableAttempts = Math.ceil((maxStartup + 60) / ENABLE_INTERVAL_SECONDS);

  return {
    serverAddr: servers.join(','),
    servers,
    namespace: n.namespace,
    group: n.group ?? 'DEFAULT_GROUP',
    cluster: n.cluster ?? 'DEFAULT',
    serviceName,
    serverVersion,
    deregisterFrom,
    weight,
    sidecarImage,
    drainSeconds,
    deregisterWaitSeconds,
    consumerCacheSeconds,
    requestTimeoutSeconds,
    requestsSeconds,
    disableSeconds,
    serveSeconds,
    clientShutdownWaitSeconds,
    shutdownSeconds,
    preStopSeconds,
    enableAttempts,
    preStopParts,
    extraShutdownParts: [
      { name: 'nacos.clientShutdownWait', seconds: clientShutdownWaitSeconds, why: 'Spring Cloud Alibaba\'s graceful-shutdown-wait-time after the stop signal' },
    ],
  };
}

/** What nacosPreStopParts reads. */
interface PreStopTiming {
  readonly drainSeconds: number;
  readonly deregisterWaitSeconds: number;
  readonly requestTimeoutSeconds: number;
  readonly requestsSeconds: number;
  readonly servers: number;
  readonly callsPerServer: number;
}

/**
 * The preStop as the script runs it, in order: wait for a start-up enable request in flight, send
 * the calls, then serve while the drain delay and the deregister wait both run (the same on
 * failure: consumers still hold the instance). The drain is not added to the wait: both start
 * before the app's stop, and the longer one decides.
 */
export function nacosPreStopParts(t: PreStopTiming): BudgetPart[] {
  const serve: BudgetPart = t.deregisterWaitSeconds >= t.drainSeconds
    ? {
      name: 'nacos.deregisterWait',
      seconds: t.deregisterWaitSeconds,
      why: `the app keeps serving while the push and the consumers' load-balancer caches drop the instance (drainDelay ${t.drainSeconds} s, the endpoint removal, runs within it)`,
    }
    : {
      name: 'drainDelay',
      seconds: t.drainSeconds,
      why: `the app keeps serving while endpoint removal reaches kube-proxy and ingress (nacos.deregisterWait ${t.deregisterWaitSeconds} s runs within it)`,
    };
  return [
    {
      name: 'nacos.enableInFlight',
      seconds: t.requestTimeoutSeconds,
      why: 'a start-up enable request still in flight gets its answer before the disable goes out: nacos.requestTimeout at worst',
    },
    {
      name: 'nacos.requests',
      seconds: t.requestsSeconds,
      why: `disabling the instance: ${Math.max(1, t.servers)} server(s) × ${t.callsPerServer} call(s) × nacos.requestTimeout ${t.requestTimeoutSeconds} s at worst`,
    },
    serve,
  ];
}

/**
 * The discovery settings by Spring relaxed binding: the app registers with them and the hook
 * script reads the same variables. Credentials come from the Secret, the IP from the downward API.
 */
export function sharedNacosEnv(plan: NacosPlan, port: number, auth: NacosOptions['auth']): Record<string, plus.EnvValue> {
  const env: Record<string, plus.EnvValue> = {
    [SPRING_NACOS_ENV.serverAddr]: plus.EnvValue.fromValue(plan.serverAddr),
    [SPRING_NACOS_ENV.group]: plus.EnvValue.fromValue(plan.group),
    [SPRING_NACOS_ENV.cluster]: plus.EnvValue.fromValue(plan.cluster),
    [SPRING_NACOS_ENV.service]: plus.EnvValue.fromValue(plan.serviceName),
    [SPRING_NACOS_ENV.ip]: plus.EnvValue.fromFieldRef(plus.EnvFieldPaths.POD_IP),
    [SPRING_NACOS_ENV.port]: plus.EnvValue.fromValue(String(port)),
    [SPRING_NACOS_ENV.weight]: plus.EnvValue.fromValue(String(plan.weight)),
  };
  if (plan.namespace !== undefined) env[SPRING_NACOS_ENV.namespace] = plus.EnvValue.fromValue(plan.namespace);
  if (auth?.secret) {
    env[SPRING_NACOS_ENV.username] = plus.EnvValue.fromSecretValue({ secret: auth.secret, key: auth.usernameKey ?? 'username' });
    env[SPRING_NACOS_ENV.password] = plus.EnvValue.fromSecretValue({ secret: auth.secret, key: auth.passwordKey ?? 'password' });
  }
  return sorted(env);
}

/** Spring Boot graceful shutdown, consistent with shutdownTimeout, and the actuator probe groups. */
export function springBootEnv(plan: NacosPlan): Record<string, plus.EnvValue> {
  return sorted({
    [SPRING_BOOT_ENV.shutdown]: plus.EnvValue.fromValue('graceful'),
    [SPRING_BOOT_ENV.timeoutPerShutdownPhase]: plus.EnvValue.fromValue(`${plan.shutdownSeconds}s`),
    [SPRING_BOOT_ENV.probes]: plus.EnvValue.fromValue('true'),
    [SPRING_BOOT_ENV.gracefulShutdownWaitTime]: plus.EnvValue.fromValue(String(plan.clientShutdownWaitSeconds * 1000)),
  });
}

/** The hook script's own timing. */
export function hookEnv(plan: NacosPlan): Record<string, plus.EnvValue> {
  return sorted({
    [NACOS_HOOK_ENV.api]: plus.EnvValue.fromValue(API_OF[plan.serverVersion] ?? 'v2'),
    [NACOS_HOOK_ENV.timeout]: plus.EnvValue.fromValue(String(plan.requestTimeoutSeconds)),
    [NACOS_HOOK_ENV.deregisterWait]: plus.EnvValue.fromValue(String(plan.deregisterWaitSeconds)),
    [NACOS_HOOK_ENV.drain]: plus.EnvValue.fromValue(String(plan.drainSeconds)),
    [NACOS_HOOK_ENV.enableAttempts]: plus.EnvValue.fromValue(String(plan.enableAttempts)),
    [NACOS_HOOK_ENV.enableInterval]: plus.EnvValue.fromValue(String(ENABLE_INTERVAL_SECONDS)),
    [NACOS_HOOK_ENV.state]: plus.EnvValue.fromValue(NACOS_STATE_DIR),
  });
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map(k => [k, record[k]]));
}
