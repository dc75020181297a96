/**
 * seeds/001: jdd-parking-cloud-admin, a Spring Cloud service on port 8093 registered in Nacos
 * (namespace a9076f8c-…), kept receiving calls during rollouts. The article's fix works in the
 * happy case; here it is done right, and each comment says what the seed got wrong.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { NacosRegisteredApp } from '../nacos/nacos-registered-app';

const NAMESPACE = 'a9076f8c-a1c7-474c-9ea4-1112677d9af7';
/** The seed's Nacos server. */
const NACOS = '192.168.0.218:8848';

/** A JVM needs more than the demos' small requests; the startup probe gives it two minutes. */
const SPRING_RESOURCES: plus.ContainerResources = {
  cpu: { request: plus.Cpu.millis(250), limit: plus.Cpu.millis(1000) },
  memory: { request: Size.mebibytes(768), limit: Size.mebibytes(1024) },
};

/** Build Spring images with a numeric non-root USER (cdk8s-plus-28 requires `runAsNonRoot`). */
const SPRING_SECURITY: plus.ContainerSecurityContextProps = { user: 1000, group: 1000 };

export function nacosScenario(app: App): Chart {
  const chart = new Chart(app, 'nacos-parking');

  new NacosRegisteredApp(chart, 'admin', {
    name: 'jdd-parking-cloud-admin',
    // The seed rebuilt its image to ADD /tmp/preStop.sh (chmod 777), believing a preStop cannot
    // see the pod IP. An exec hook runs with the container's env, and the downward API puts
    // status.podIP there: the script now comes from a ConfigMap, the image stays as it is. This
    // image has /bin/sh and curl (the seed's script needed them too), so the app container runs
    // the hook itself.
    image: 'registry.example.com/jdd/jdd-parking-cloud-admin:1.0.0',
    // The seed hard-coded 8093 in its script; here the port reaches it through an env var.
    port: 8093,
    replicas: 2,
    resources: SPRING_RESOURCES,
    securityContext: SPRING_SECURITY,
    // The seed's grace period of 60 s left its app 15 s after `sleep 45`, half of Spring Boot's
    // default 30 s graceful shutdown: slow requests were SIGKILLed. No grace period is given here:
    // the budget sets it from what the preStop really runs (a start-up enable request still in
    // flight 3 + the Nacos call 3 + the longer of the 40 s wait and the 5 s drain, which run at the
    // same time, 40) + shutdown 30 + margin 5 = 81 s; an explicit one below it would fail the synth.
    shutdownTimeout: Duration.seconds(30),
    nacos: {
      serverAddr: NACOS,
      namespace: NAMESPACE,
      // The seed's server answered the 1.x Open API (heartbeats every 5 s, dropped after 30 s).
      serverVersion: '1.x',
      // Given, not derived from HOSTNAME as the seed suggested (strip the ReplicaSet hash and the
      // pod suffix): that guess breaks when the Deployment name is not the service name.
      serviceName: 'jdd-parking-cloud-admin',
      // The seed slept 45 s, reasoning from the 30 s heartbeat timeout. Once the instance is
      // disabled the clock that matters is the consumers' cache: Spring Cloud LoadBalancer keeps
      // the list 35 s after the ~0.5 s push. 40 s is the default; it is spelled out here.
      deregisterWait: Duration.seconds(40),
      // What else the seed got wrong, and the construct does instead:
      // - `curl -X PUT …` is a full update: it resets the weight and, on 2.x servers, answers
      //   "ok" even for a wrong ip:port, so "ok" proved nothing. The partial PATCH is used, and an
      //   unknown instance is an error.
      // - curl had no timeout: a hung Nacos held the preStop until SIGKILL. Every request has one.
      // - `[ ${result} == "ok" ]` is a bashism that dash rejects (and breaks on an empty result);
      //   the script is POSIX sh, tested under dash and busybox.
      // - On failure it exited at once: the app stopped while the Service and the consumers still
      //   routed to it. Now it serves the 40 s all the same, writes why to the container log (hook
      //   output is not logged) and exits 1 for a FailedPreStopHook event.
      // - NACOS_SERVER_ADDR is read by neither Spring Cloud Alibaba nor the Nacos client; the
      //   app and the hook share SPRING_CLOUD_NACOS_DISCOVERY_* instead.
      // - A new pod reusing the ip:port within ~60 s came up disabled; it is enabled on start,
      //   and never after its preStop began disabling.
    },
  });

  // A sibling service on a distroless JRE image: no shell, so a sidecar calls Nacos and the app
  // container waits in its preStop with a static `sleep` an init container copies in.
  new NacosRegisteredApp(chart, 'report', {
    name: 'jdd-parking-cloud-report',
    image: 'registry.example.com/jdd/jdd-parking-cloud-report:1.0.0-distroless',
    port: 8094,
    replicas: 2,
    resources: SPRING_RESOURCES,
    securityContext: { user: 65532, group: 65532 },
    nacos: {
      serverAddr: NACOS,
      namespace: NAMESPACE,
      serverVersion: '1.x',
      deregisterFrom: 'sidecar',
    },
  });

  return chart;
}
