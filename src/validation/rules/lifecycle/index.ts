/**
 * The lifecycle rules: what the seeds and the kubelet teach about hooks, probes and termination,
 * beyond what the API server checks. One rule per file; they share one parsed view per object
 * (pod-view.ts) so that running them all stays cheap, and the rules that report what `explain`
 * draws as a verdict read its verdicts (timeline-verdicts.ts) so the two never disagree.
 */
import type { Rule } from '../../rule';
import { hostPathScratchVolume } from './hostpath-scratch-volume';
import { livenessSameAsReadiness } from './liveness-same-as-readiness';
import { livenessKillsSlowStart } from './liveness-kills-slow-start';
import { livenessWithoutStartupProbe } from './liveness-without-startup-probe';
import { localhostHost } from './localhost-host';
import { nacosConsumersAfterStop } from './nacos-consumers-after-stop';
import { pdbBlocksEviction } from './pdb-blocks-eviction';
import { postStartAlwaysFails } from './poststart-always-fails';
import { postStartHttpOwnPort } from './poststart-http-own-port';
import { preStopExceedsGracePeriod } from './prestop-exceeds-grace-period';
import { preStopWithZeroGracePeriod } from './prestop-with-zero-grace-period';
import { probeGracePeriodBelowPreStop } from './probe-grace-period-below-prestop';
import { readinessNotFasterThanLiveness } from './readiness-not-faster-than-liveness';
import { serviceWithoutReadiness } from './service-without-readiness';
import { servingContainerWithoutReadiness } from './serving-container-without-readiness';
import { shellBashism } from './shell-bashism';
import { shutdownExceedsGracePeriod } from './shutdown-exceeds-grace-period';
import { slowPostStart } from './slow-poststart';
import { tcpSocketHook } from './tcp-socket-hook';
import { trafficAfterStop } from './traffic-after-stop';
import { undeclaredPortName } from './undeclared-port-name';
import { unexpandedEnvReference } from './unexpanded-env-reference';

export const LIFECYCLE_RULES: readonly Rule[] = [
  // Hooks
  tcpSocketHook,
  localhostHost,
  undeclaredPortName,
  postStartHttpOwnPort,
  slowPostStart,
  postStartAlwaysFails,
  unexpandedEnvReference,
  shellBashism,
  // Termination
  trafficAfterStop,
  preStopExceedsGracePeriod,
  shutdownExceedsGracePeriod,
  preStopWithZeroGracePeriod,
  probeGracePeriodBelowPreStop,
  nacosConsumersAfterStop,
  // Probes and traffic
  livenessKillsSlowStart,
  livenessWithoutStartupProbe,
  readinessNotFasterThanLiveness,
  livenessSameAsReadiness,
  serviceWithoutReadiness,
  servingContainerWithoutReadiness,
  // Volumes
  hostPathScratchVolume,
  // Disruptions
  pdbBlocksEviction,
];
