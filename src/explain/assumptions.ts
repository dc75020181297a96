/**
 * The numbers a manifest does not contain but a timeline needs. Each is documented where it comes
 * from and can be overridden through ExplainOptions.
 */
import { KUBELET_MIN_SECONDS_AFTER_PRESTOP } from '../timing/termination-budget';
import type { Assumptions } from './model';

/**
 * How long after Terminating a pod keeps receiving new connections: the endpoints controller
 * writes the EndpointSlice, every kube-proxy resyncs its rules, ingress controllers and client
 * connection pools notice. Typically 1–5 s on a healthy cluster (seeds/002: "may take some time";
 * lifecycle-facts.md: "a short sleep in preStop is usually enough"). 5 s is also
 * GracefulWebService's default `drainDelay`, so both agree on what "enough" means.
 */
export const ENDPOINT_PROPAGATION_SECONDS = 5;

/** Nacos pushes an instance change to subscribers about 0.5 s after it (lifecycle-facts.md, Nacos). */
export const NACOS_PUSH_SECONDS = 0.5;

/** Spring Cloud LoadBalancer's default cache TTL (`spring.cloud.loadbalancer.cache.ttl`, 35 s). */
export const DEFAULT_CONSUMER_CACHE_SECONDS = 35;

/** Heartbeat (1.x) clients: an instance without beats is unhealthy after 15 s (lifecycle-facts.md). */
export const NACOS_HEARTBEAT_UNHEALTHY_SECONDS = 15;

/** Heartbeat (1.x) clients: an instance without beats is removed after 30 s. */
export const NACOS_HEARTBEAT_REMOVE_SECONDS = 30;

/**
 * Drawing width of a duration the manifest does not tell (an init container, a preStop command).
 * Never used in arithmetic: times after an unknown duration are lower bounds instead.
 */
export const NOMINAL_UNKNOWN_SECONDS = 2;

/**
 * Headroom added to a suggested grace period, the same margin GracefulWebService adds
 * (`DEFAULT_MARGIN_SECONDS`): hook start-up and scheduling jitter.
 */
export { DEFAULT_MARGIN_SECONDS as GRACE_MARGIN_SECONDS } from '../timing/termination-budget';

/** Headroom a suggested startup probe gets above the time readiness needs before it can pass. */
export const STARTUP_HEADROOM_SECONDS = 30;

export const DEFAULT_ASSUMPTIONS: Assumptions = Object.freeze({
  endpointPropagationSeconds: ENDPOINT_PROPAGATION_SECONDS,
  kubeletMinSecondsAfterPreStop: KUBELET_MIN_SECONDS_AFTER_PRESTOP,
  nacosPushSeconds: NACOS_PUSH_SECONDS,
  nominalUnknownSeconds: NOMINAL_UNKNOWN_SECONDS,
});
