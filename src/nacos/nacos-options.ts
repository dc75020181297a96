import type { Duration } from 'cdk8s';
import type * as plus from 'cdk8s-plus-28';

/** The Nacos server's major version: it decides which Open API disables the instance. */
export type NacosServerVersion = '1.x' | '2.x' | '3.x';

/**
 * Which container calls Nacos:
 * - `app-container`: the app's image runs the hook script (it needs `/bin/sh`, `sleep` and curl,
 *   GNU wget or busybox `nc`);
 * - `sidecar`: a small sidecar runs it, and the app container needs no shell at all (distroless).
 */
export type NacosDeregisterFrom = 'app-container' | 'sidecar';

/** Nacos credentials, from a Kubernetes Secret: never literal. */
export interface NacosAuth {
  /** The Secret, e.g. `plus.Secret.fromSecretName(this, 'nacos-creds', 'nacos-creds')`. */
  readonly secret: plus.ISecret;
  /** @default 'username' */
  readonly usernameKey?: string;
  /** @default 'password' */
  readonly passwordKey?: string;
}

/** The sidecar of `deregisterFrom: 'sidecar'`. */
export interface NacosSidecarOptions {
  /**
   * Image of the sidecar and of its init container. It must have `/bin/sh`, an HTTP client (curl,
   * GNU wget or busybox `nc`) and a statically linked `/bin/busybox`: the init container copies it
   * into the pod as the app container's `sleep`, so that a shell-less image can wait in its preStop.
   * @default 'busybox:1.36.1-musl' (static, with `nc` and `timeout`)
   */
  readonly image?: string;
  /** @default - 10m/16Mi requested, 100m/32Mi limit */
  readonly resources?: plus.ContainerResources;
}

/** Where and how the app registers in Nacos. */
export interface NacosOptions {
  /**
   * `host:port` of the Nacos server, or several comma-separated for a cluster
   * (`nacos-0.nacos:8848,nacos-1.nacos:8848`); the hook tries each until one answers. Read as the
   * Nacos client reads `server-addr`: `;` also separates, spaces around entries, an `http://`
   * prefix and a trailing `/` are dropped, a missing port is 8848; the app and the hook get it in
   * that canonical form. Hosts are RFC 1123 names, IPv4 addresses or IPv6 addresses in brackets
   * (`[fd00::10]:8848`); loopback addresses (the pod itself), `https://`, paths, empty and repeated
   * entries are synth errors naming the entry.
   */
  readonly serverAddr: string;
  /** Namespace id (not its display name). @default - `public` */
  readonly namespace?: string;
  /** @default 'DEFAULT_GROUP' */
  readonly group?: string;
  /** @default 'DEFAULT' */
  readonly cluster?: string;
  /**
   * The Nacos service name. The construct sets it on the app as well
   * (`SPRING_CLOUD_NACOS_DISCOVERY_SERVICE`), so app and hook always agree; set it to the app's
   * `spring.application.name` to keep the name consumers already use. seeds/001 derived it from
   * `HOSTNAME` by stripping two suffixes, which breaks as soon as the Deployment name differs
   * from the service name or the pod is not from a ReplicaSet.
   * @default - the `name` prop, else the construct id
   */
  readonly serviceName?: string;
  /** @default '2.x' */
  readonly serverVersion?: NacosServerVersion;
  /** Log in first and pass the token. Auth is off on a Nacos server by default (on in 3.x). @default - no login */
  readonly auth?: NacosAuth;
  /**
   * How long the app keeps serving after its instance is disabled: the server pushes the change in
   * about 0.5 s, then consumers' load balancers drop the instance when their cache expires
   * (`consumerCacheTtl`).
   * @default - consumerCacheTtl + 5 s (40 s)
   */
  readonly deregisterWait?: Duration;
  /**
   * How long consumers cache the instance list: Spring Cloud LoadBalancer's
   * `spring.cloud.loadbalancer.cache.ttl` (35 s), Ribbon's `ServerListRefreshInterval` (30 s).
   * `deregisterWait` may not be shorter.
   * @default Duration.seconds(35)
   */
  readonly consumerCacheTtl?: Duration;
  /** @default 'app-container' */
  readonly deregisterFrom?: NacosDeregisterFrom;
  /** @default - see NacosSidecarOptions */
  readonly sidecar?: NacosSidecarOptions;
  /**
   * Longest one HTTP request to Nacos may take (connect and reply). The termination budget counts
   * it once per server (twice with auth), plus once for a start-up enable request the preStop may
   * have to let finish (`nacos.enableInFlight`).
   * @default Duration.seconds(3)
   */
  readonly requestTimeout?: Duration;
  /**
   * The instance's weight, set on the app (`SPRING_CLOUD_NACOS_DISCOVERY_WEIGHT`) and sent with
   * every update: the 2.x PATCH requires one and the 3.x partial update resets a missing one to 1.
   * @default 1
   */
  readonly weight?: number;
  /**
   * Spring Cloud Alibaba 2023.0.3.3+ deregisters on `ContextClosedEvent`, then sleeps
   * `spring.cloud.nacos.discovery.graceful-shutdown-wait-time` (10 s by default) before the web
   * server stops. The preStop has already waited the consumers out, so this defaults to 0; older
   * versions ignore the setting. Counted in the termination budget.
   * @default Duration.seconds(0)
   */
  readonly clientShutdownWait?: Duration;
}

export const DEFAULT_SIDECAR_IMAGE = 'busybox:1.36.1-musl';
export const DEFAULT_CONSUMER_CACHE_SECONDS = 35;
/** Beyond the cache TTL: the push (~0.5 s), the client's processing of it, whole seconds. */
export const DEREGISTER_WAIT_MARGIN_SECONDS = 5;
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 3;
/** Longer than this is no longer a wait but a stuck rollout. */
export const MAX_DEREGISTER_WAIT_SECONDS = 300;
export const MAX_REQUEST_TIMEOUT_SECONDS = 30;
export const MAX_CLIENT_SHUTDOWN_WAIT_SECONDS = 120;
/** Spring Boot apps with Nacos often take a minute to start; the startup probe allows this. */
export const DEFAULT_SPRING_MAX_STARTUP_SECONDS = 120;
/** Seconds between two start-up enable attempts. */
export const ENABLE_INTERVAL_SECONDS = 5;
