/**
 * Varied, valid GracefulWebService props for the synth benchmark: every option a real service
 * sets (custom probes, preStop commands, explicit grace periods, extra env, resources, postStart,
 * several writable paths) appears in some of them, deterministically from the index.
 */
import { Duration, Size } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import type { GracefulWebServiceProps } from '../graceful-web-service';
import { LifecycleHook } from '../hooks/lifecycle-hook';

const IMAGES = [
  'nginxinc/nginx-unprivileged:1.27-alpine',
  'registry.example.com/shop/api:2.14.1',
  'ghcr.io/example/orders@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'eclipse-temurin:21-jre',
];

const PRESTOP_COMMANDS: ReadonlyArray<string[] | undefined> = [
  ['nginx', '-s', 'quit'],
  undefined,
  ['/app/bin/stop', '--graceful', "it's \"done\" $HOME"],
  undefined,
];

/** Props of the i-th benchmark service (names `svc-<i>`, all valid). */
export function benchServiceProps(i: number): GracefulWebServiceProps {
  // At least the endpoint propagation (5 s): less loses requests behind the Service, and the rules say so.
  const drain = 5 + (i % 4) * 5;
  const shutdown = 10 + (i % 4) * 10;
  const preStopCommand = PRESTOP_COMMANDS[i % PRESTOP_COMMANDS.length];
  const budget = drain + (preStopCommand ? 5 : 0) + shutdown + 5;
  return {
    name: `svc-${i}`,
    image: IMAGES[i % IMAGES.length],
    port: 8000 + (i % 1000),
    replicas: 2 + (i % 4),
    portName: i % 2 === 0 ? 'http' : 'web',
    servicePort: i % 3 === 0 ? 8080 : undefined,
    healthPath: i % 2 === 0 ? '/healthz' : undefined,
    readiness: i % 5 === 0 ? { path: '/ready', period: Duration.seconds(3), failureThreshold: 2 } : undefined,
    liveness: i % 7 === 0 ? { path: '/live', failureThreshold: 4, timeout: Duration.seconds(3) } : undefined,
    startup: i % 6 === 0 ? false : i % 6 === 1 ? { maxStartupTime: Duration.minutes(3), period: Duration.seconds(5) } : undefined,
    drainDelay: Duration.seconds(drain),
    shutdownTimeout: Duration.seconds(shutdown),
    preStopCommand,
    terminationGracePeriod: i % 8 === 0 ? Duration.seconds(budget + 15) : undefined,
    postStart: i % 9 === 0 ? LifecycleHook.exec(['sh', '-c', 'date > /tmp/started']) : undefined,
    env: {
      LOG_LEVEL: plus.EnvValue.fromValue(i % 2 === 0 ? 'info' : 'debug'),
      ...(i % 3 === 0 ? { FEATURE_FLAGS: plus.EnvValue.fromValue('a,b,c'), REGION: plus.EnvValue.fromValue('eu-west-1') } : {}),
    },
    downwardApi: i % 10 === 0 ? false : i % 10 === 1 ? { resourceLimits: true, podUid: true } : undefined,
    resources: i % 4 === 0
      ? { cpu: { request: plus.Cpu.millis(250), limit: plus.Cpu.millis(1000) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) } }
      : undefined,
    securityContext: { user: 1000 + (i % 5), group: 1000 + (i % 5) },
    writablePaths: i % 3 === 0 ? ['/tmp', '/var/cache/nginx', '/var/run'] : ['/tmp'],
    podLabels: { 'team': `team-${i % 12}`, 'app.kubernetes.io/part-of': 'shop' },
    podAnnotations: i % 5 === 0 ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(8000 + (i % 1000)) } : undefined,
  };
}
