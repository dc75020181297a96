/**
 * seeds/003, section 6: envoy in front of an app that listens on 127.0.0.1 only (a sidecar
 * proxy; the seed calls the pattern ambassador/sidecar).
 *
 * What changes from the seed, and why:
 * - The seed's envoy starts with `sleep 5 && envoy -c ...` while a postStart `wget`s the config
 *   from the internet. postStart runs beside the entrypoint, so the sleep is a guess that loses
 *   whenever the download is slow, and the pod depends on a remote host at every start. The
 *   config is a ConfigMap mounted read-only, there before envoy starts; no sleep, no hook.
 * - The seed's config uses envoy's v2 API (`config:`, `envoy.http_connection_manager`), removed
 *   in envoy 1.18; this is the v3 form.
 * - The app listens on 127.0.0.1, which the kubelet cannot reach (it probes the pod IP), so its
 *   probes are exec probes run inside the container. Envoy's readiness goes through the proxy
 *   to the app; its liveness checks envoy alone (a direct response), so a sick app does not get
 *   the proxy restarted.
 * - Both containers sleep out a drain delay in preStop, so endpoint removal reaches kube-proxy
 *   before envoy stops (envoy exits at once on SIGTERM).
 * - Envoy runs as its UID 101 on port 8000 (non-root cannot bind 80); the Service keeps port 80.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { ProbeCheck } from '../probes/probe-check';
import { budgetSeconds, DEFAULT_MARGIN_SECONDS, type BudgetPart } from '../timing/termination-budget';
import {
  DEMOAPP_POD_SECURITY, DEMOAPP_SECURITY, demoResources, describeDemo, DemoOutcome, ENVOY_SECURITY, fallbackToLogsOnError, IMAGES, probesFor,
} from './support';

const ENVOY_PORT = 8000;
const APP_PORT = 8080;
const DRAIN_SECONDS = 5;

/** Envoy v3 static config: port 8000 → 127.0.0.1:8080, plus envoy's own health path. */
export const ENVOY_CONFIG = `static_resources:
  listeners:
    - name: ingress
      address:
        socket_address: { address: 0.0.0.0, port_value: ${ENVOY_PORT} }
      filter_chains:
        - filters:
            - name: envoy.filters.network.http_connection_manager
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                stat_prefix: ingress_http
                route_config:
                  name: local_route
                  virtual_hosts:
                    - name: local_service
                      domains: ["*"]
                      routes:
                        - match: { path: /healthz/envoy }
                          direct_response: { status: 200, body: { inline_string: "ok\\n" } }
                        - match: { prefix: / }
                          route: { cluster: local_service }
                http_filters:
                  - name: envoy.filters.http.router
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
  clusters:
    - name: local_service
      connect_timeout: 0.25s
      type: STATIC
      load_assignment:
        cluster_name: local_service
        endpoints:
          - lb_endpoints:
              - endpoint:
                  address:
                    socket_address: { address: 127.0.0.1, port_value: ${APP_PORT} }
`;

/**
 * An exec probe of the app on 127.0.0.1: busybox wget fails on HTTP errors, and `timeout 1` ends
 * it after 1 s. Not wget's `-T 1`: busybox built without FEATURE_WGET_TIMEOUT (Debian's 1.35)
 * segfaults on it (every probe would fail). `timeout SECS CMD` works with busybox 1.30+ (the
 * demoapp image's alpine) and GNU coreutils, and ends the call on any wget build.
 */
function localCheck(path: string): ProbeCheck {
  return ProbeCheck.exec(['timeout', '1', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${APP_PORT}${path}`]);
}

export function sidecarAmbassador(app: App): Chart {
  const chart = new Chart(app, 'sidecar-ambassador');
  const budget: BudgetPart[] = [
    { name: 'drainDelay', seconds: DRAIN_SECONDS, why: 'endpoint removal reaches kube-proxy before envoy stops' },
    { name: 'shutdown', seconds: 5, why: 'envoy and demoapp exit on SIGTERM' },
    { name: 'margin', seconds: DEFAULT_MARGIN_SECONDS, why: 'hook start-up and jitter' },
  ];
  const config = new plus.ConfigMap(chart, 'envoy-config', {
    metadata: { name: 'sidecar-envoy-config' },
    data: { 'envoy.yaml': ENVOY_CONFIG },
  });
  const pod = new plus.Pod(chart, 'pod', {
    metadata: { name: 'sidecar-container-demo' },
    securityContext: DEMOAPP_POD_SECURITY,
    terminationGracePeriod: Duration.seconds(budgetSeconds(budget)),
  });
  const drain = LifecycleHook.exec(['sleep', String(DRAIN_SECONDS)], { expectedDuration: Duration.seconds(DRAIN_SECONDS) }).toCdk8sPlus();

  const proxy = pod.addContainer({
    name: 'proxy',
    image: IMAGES.envoy,
    args: ['-c', '/etc/envoy/envoy.yaml'],
    ports: [{ number: ENVOY_PORT, name: 'http' }],
    securityContext: ENVOY_SECURITY,
    resources: demoResources(256),
    ...probesFor(pod, {
      check: ProbeCheck.httpGet('/healthz/envoy', { port: 'http' }),
      readiness: { check: ProbeCheck.httpGet('/readyz', { port: 'http' }) },
    }),
    lifecycle: { preStop: drain },
  });
  proxy.mount('/etc/envoy', plus.Volume.fromConfigMap(chart, 'envoy-config-volume', config), { readOnly: true });

  pod.addContainer({
    name: 'demo',
    image: IMAGES.demoapp,
    envVariables: { HOST: plus.EnvValue.fromValue('127.0.0.1'), PORT: plus.EnvValue.fromValue(String(APP_PORT)) },
    securityContext: DEMOAPP_SECURITY,
    resources: demoResources(128),
    ...probesFor(pod, {
      check: localCheck('/livez'),
      readiness: { check: localCheck('/readyz') },
    }),
    lifecycle: { preStop: drain },
  });
  fallbackToLogsOnError(pod);
  describeDemo(pod, '003', DemoOutcome.RUNS, 'envoy on :8000 proxies to demoapp on 127.0.0.1:8080; curl http://sidecar-container-demo/');

  new plus.Service(chart, 'service', {
    metadata: { name: 'sidecar-container-demo' },
    selector: pod,
    ports: [{ name: 'http', port: 80, targetPort: ENVOY_PORT }],
  });
  return chart;
}
