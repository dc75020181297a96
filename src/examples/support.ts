/**
 * What the example scenarios share: the images they run and how each must be configured to
 * start under cdk8s-plus-28's secure defaults, small resource requests, probes built with our
 * timing rules, and labels that tell a demo from an app.
 */
import { type Chart, Size } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';
import { ProblemList } from '../errors';
import type { LifecycleHook } from '../hooks/lifecycle-hook';
import { ProbeCheck } from '../probes/probe-check';
import { toCdk8sPlusProbe } from '../probes/cdk8s-plus-interop';
import { buildProbeSet, type ProbeSetOptions } from '../probes/probe-presets';
import { fallbackToLogsOnError } from '../termination-message';

/**
 * Images, pinned. cdk8s-plus-28 sets `runAsNonRoot: true` and `readOnlyRootFilesystem: true` on
 * every container: the kubelet refuses an image whose USER is root or a name, and the image must
 * write only to mounted volumes. Each image below has its own security context next to it.
 */
export const IMAGES = {
  /** nginx built to run as UID 101 on port 8080, pid file and temp paths in /tmp, STOPSIGNAL SIGQUIT. */
  nginx: 'nginxinc/nginx-unprivileged:1.27-alpine',
  /** busybox: USER root in the image, but nothing in it needs root. */
  busybox: 'busybox:1.36',
  /** The seeds' teaching app (python on port 80, `/livez`, `/readyz`); its image runs as root. */
  demoapp: 'ikubernetes/demoapp:v1.0',
  /** Envoy; its entrypoint drops to the `envoy` user (UID 101) only when started as root. */
  envoy: 'envoyproxy/envoy:v1.31.2',
} as const;

/** nginx-unprivileged: its numeric USER, so `runAsNonRoot` can be verified by the kubelet. */
export const NGINX_SECURITY: plus.ContainerSecurityContextProps = { user: 101, group: 101 };

/** busybox as `nobody`: the image says root, but `sh`, `date` and `sleep` do not need it. */
export const BUSYBOX_SECURITY: plus.ContainerSecurityContextProps = { user: 65534, group: 65534 };

/** Envoy as its own UID 101, so the entrypoint skips its root-only `su-exec` step. */
export const ENVOY_SECURITY: plus.ContainerSecurityContextProps = { user: 101, group: 101 };

/**
 * demoapp: an explicit, deliberate exception. The image runs as root, binds port 80 and its
 * writes are undocumented, so it keeps root and a writable root filesystem; privilege escalation
 * stays off. Do not copy this for your own images: give them a numeric non-root USER.
 * The pod-level `runAsNonRoot` must be relaxed too (see DEMOAPP_POD_SECURITY).
 */
export const DEMOAPP_SECURITY: plus.ContainerSecurityContextProps = {
  ensureNonRoot: false,
  user: 0,
  readOnlyRootFilesystem: false,
};

/** Pod-level counterpart of DEMOAPP_SECURITY: cdk8s-plus-28 sets `runAsNonRoot` on the pod as well. */
export const DEMOAPP_POD_SECURITY: plus.PodSecurityContextProps = { ensureNonRoot: false };

/**
 * Small requests: cdk8s-plus-28 defaults to 1 CPU and 512 MiB per container, which would keep
 * most of these demos Pending on a laptop cluster.
 */
export function demoResources(memoryMiB = 64): plus.ContainerResources {
  return {
    cpu: { request: plus.Cpu.millis(10), limit: plus.Cpu.millis(500) },
    memory: { request: Size.mebibytes(Math.ceil(memoryMiB / 2)), limit: Size.mebibytes(memoryMiB) },
  };
}

/** Probes for a cdk8s-plus container, with the timing rules of `buildProbeSet` enforced. */
export interface ContainerProbes {
  readonly readiness: plus.Probe;
  readonly liveness: plus.Probe;
  readonly startup?: plus.Probe;
}

/**
 * Builds readiness, liveness and (unless `startup: false`) startup probes, failing with a
 * LifecycleConfigError at `scope`'s path when the timing is wrong.
 */
export function probesFor(scope: IConstruct, options: ProbeSetOptions): ContainerProbes {
  const problems = new ProblemList();
  const set = buildProbeSet(options, problems);
  problems.throwIfAny(scope.node.path);
  return {
    readiness: toCdk8sPlusProbe(set.readiness),
    liveness: toCdk8sPlusProbe(set.liveness),
    startup: set.startup ? toCdk8sPlusProbe(set.startup) : undefined,
  };
}

/** What a demo is expected to do when applied, so nobody mistakes a failing demo for a bug. */
export enum DemoOutcome {
  /** Runs and serves. */
  RUNS = 'runs',
  /** Fails on purpose, over and over: it shows what a failure looks like. */
  FAILS_ON_PURPOSE = 'fails-on-purpose',
  /** Is restarted by its liveness probe on purpose. */
  RESTARTS_ON_PURPOSE = 'restarts-on-purpose',
  /** Starts slowly on purpose. */
  SLOW_ON_PURPOSE = 'slow-on-purpose',
  /** Stays unready until you do what its note says. */
  UNREADY_UNTIL_YOU_ACT = 'unready-until-you-act',
}

/** Label on every demo workload and its pods: `kubectl get pods -l demo.lifecycle.cdk8s.io/outcome=fails-on-purpose`. */
export const DEMO_OUTCOME_LABEL = 'demo.lifecycle.cdk8s.io/outcome';
/** Label naming the seed article the scenario comes from. */
export const DEMO_SEED_LABEL = 'demo.lifecycle.cdk8s.io/seed';
/** Annotation: what the demo shows and what to try with it. */
export const DEMO_NOTE_ANNOTATION = 'demo.lifecycle.cdk8s.io/note';

/** Labels and annotates a demo workload (its own metadata and its pods'). */
export function describeDemo(workload: plus.AbstractPod, seed: string, outcome: DemoOutcome, note: string): void {
  const metadatas = workload instanceof plus.Pod ? [workload.metadata] : [workload.metadata, workload.podMetadata];
  for (const metadata of metadatas) {
    metadata.addLabel(DEMO_SEED_LABEL, seed);
    metadata.addLabel(DEMO_OUTCOME_LABEL, outcome);
  }
  workload.metadata.addAnnotation(DEMO_NOTE_ANNOTATION, note);
}

/**
 * `terminationMessagePolicy: FallbackToLogsOnError` on every container and init container of a
 * demo workload, so `kubectl describe pod` shows the last log lines of a container that failed
 * without writing /dev/termination-log (seeds/002). Call it after the last container is added.
 */
export { fallbackToLogsOnError };

/** A multi-line POSIX sh script from its lines, for `sh -c` (readable as a block in the YAML). */
export function script(...lines: string[]): string {
  return lines.join('\n');
}

/**
 * An nginx pod whose only point is its postStart hook (seeds/000's slow and failing demos): the
 * serving side is the same, so only the hook and the demo note differ.
 */
export function nginxPostStartDemoPod(chart: Chart, podName: string, postStart: LifecycleHook, outcome: DemoOutcome, note: string): plus.Pod {
  const pod = new plus.Pod(chart, 'pod', { metadata: { name: podName } });
  const probes = probesFor(pod, { check: ProbeCheck.httpGet('/', { port: 'http' }) });
  const nginx = pod.addContainer({
    ...nginxContainer(),
    ...probes,
    lifecycle: { postStart: postStart.toCdk8sPlus() },
  });
  nginx.mount('/tmp', plus.Volume.fromEmptyDir(chart, 'tmp', 'tmp'));
  fallbackToLogsOnError(pod);
  describeDemo(pod, '000', outcome, note);
  return pod;
}

/** The ikubernetes/demoapp container of seeds/003's demos: only its probes and hooks differ. */
export function demoappContainer(): plus.ContainerProps {
  return {
    name: 'demo',
    image: IMAGES.demoapp,
    ports: [{ number: 80, name: 'http' }],
    securityContext: DEMOAPP_SECURITY,
    resources: demoResources(128),
  };
}

/** The unprivileged nginx container the nginx demos serve from on 8080: only probes and hooks differ. */
export function nginxContainer(): plus.ContainerProps {
  return {
    name: 'nginx',
    image: IMAGES.nginx,
    ports: [{ number: 8080, name: 'http' }],
    securityContext: NGINX_SECURITY,
    resources: demoResources(64),
  };
}
