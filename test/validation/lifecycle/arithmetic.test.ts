/**
 * The edges of the timing arithmetic behind the lifecycle rules: defaults (a 0 period is 10 s, an
 * unset grace period is 30 s), equality, the annotation winning over sleeps, loops being unknown.
 */
import { PRESTOP_SECONDS_ANNOTATION, SHUTDOWN_SECONDS_ANNOTATION } from '../../../src/analysis/annotations';
import { lintObjects } from '../../../src/validation/engine';
import type { Finding } from '../../../src/validation/finding';
import type { KubeObject } from '../../../src/validation/rule';
import { LIFECYCLE_RULES } from '../../../src/validation/rules/lifecycle';

type Json = Record<string, unknown>;

function deployment(container: Json, pod: Json = {}, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
        spec: { ...pod, containers: [{ name: 'app', image: 'nginx:alpine', ...container }] },
      },
    },
  };
}

function findings(rule: string, ...objects: KubeObject[]): Finding[] {
  return lintObjects(objects, { rules: LIFECYCLE_RULES }).filter(f => f.rule === `lifecycle/${rule}`);
}

const preStopSleep = (s: string) => ({ lifecycle: { preStop: { exec: { command: ['sh', '-c', `sleep ${s}; nginx -s quit`] } } } });

describe('prestop-exceeds-grace-period', () => {
  it('uses 30 s when the grace period is unset', () => {
    expect(findings('prestop-exceeds-grace-period', deployment(preStopSleep('29')))).toEqual([]);
    const [f] = findings('prestop-exceeds-grace-period', deployment(preStopSleep('30')));
    expect(f.message).toContain('uses up the pod\'s grace period of 30 s (terminationGracePeriodSeconds unset');
    expect(f.path).toBe('spec.template.spec.containers[0].lifecycle.preStop');
  });

  it('flags a preStop exactly as long as an explicit grace period, not one a second shorter', () => {
    expect(findings('prestop-exceeds-grace-period', deployment(preStopSleep('45'), { terminationGracePeriodSeconds: 45 }))).toHaveLength(1);
    expect(findings('prestop-exceeds-grace-period', deployment(preStopSleep('44'), { terminationGracePeriodSeconds: 45 }))).toEqual([]);
    // 1m is 60 s.
    expect(findings('prestop-exceeds-grace-period', deployment(preStopSleep('1m'), { terminationGracePeriodSeconds: 59 }))).toHaveLength(1);
  });

  it('lets the annotation win over the sleeps, both ways', () => {
    const annotated = (s: number) => ({ [PRESTOP_SECONDS_ANNOTATION]: JSON.stringify({ app: s }) });
    expect(findings('prestop-exceeds-grace-period', deployment(preStopSleep('45'), {}, annotated(10)))).toEqual([]);
    const [f] = findings('prestop-exceeds-grace-period', deployment(preStopSleep('5'), {}, annotated(40)));
    expect(f.message).toContain(`runs 40 s (the ${PRESTOP_SECONDS_ANNOTATION} annotation)`);
    // The same value explain's verdict sets: preStop 40 s + 5 s margin.
    expect(f.fix).toBe('set spec.template.spec.terminationGracePeriodSeconds = 45: 45 covers the preStop (40 s) and the app\'s shutdown, '
      + 'plus 5 s margin; or shorten the preStop');
  });

  it('includes the declared shutdown time in the fix', () => {
    const [f] = findings('prestop-exceeds-grace-period',
      deployment(preStopSleep('45'), {}, { [SHUTDOWN_SECONDS_ANNOTATION]: '{"app": 20}' }));
    expect(f.fix).toContain('= 70: 70 covers the preStop (45 s) and the app\'s 20 s shutdown, plus 5 s margin');
  });

  it('treats a loop as unknown', () => {
    const loop = { lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'while killall python3; do sleep 1; done'] } } } };
    expect(findings('prestop-exceeds-grace-period', deployment(loop, { terminationGracePeriodSeconds: 1 }))).toEqual([]);
  });

  it('ignores an annotation for a container that has no preStop', () => {
    expect(findings('prestop-exceeds-grace-period', deployment({}, {}, { [PRESTOP_SECONDS_ANNOTATION]: '{"app": 90}' }))).toEqual([]);
  });

  it('leaves a grace period of 0 to prestop-with-zero-grace-period', () => {
    const zero = deployment(preStopSleep('5'), { terminationGracePeriodSeconds: 0 });
    expect(findings('prestop-exceeds-grace-period', zero)).toEqual([]);
    expect(findings('prestop-with-zero-grace-period', zero)).toHaveLength(1);
  });

  it('says nothing about a grace period the API server rejects', () => {
    for (const g of [-1, '30', 2.5, null]) {
      const fs = lintObjects([deployment(preStopSleep('45'), { terminationGracePeriodSeconds: g })], { rules: LIFECYCLE_RULES });
      expect(fs.filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
      // null reads as unset (30 s); the others are left to the API-server rules.
      expect(fs.filter(f => f.rule === 'lifecycle/prestop-exceeds-grace-period')).toHaveLength(g === null ? 1 : 0);
    }
  });
});

describe('shutdown-exceeds-grace-period', () => {
  const shutdown = (s: number) => ({ [SHUTDOWN_SECONDS_ANNOTATION]: JSON.stringify({ app: s }) });

  it('fits preStop + shutdown exactly equal to the grace period', () => {
    expect(findings('shutdown-exceeds-grace-period', deployment(preStopSleep('10'), {}, shutdown(20)))).toEqual([]);
    const [f] = findings('shutdown-exceeds-grace-period', deployment(preStopSleep('10'), {}, shutdown(21)));
    expect(f.message).toContain('leaves it 20 s: it is SIGKILLed at 30 s, 1 s before it can finish');
    expect(f.fix).toBe('set spec.template.spec.terminationGracePeriodSeconds = 36: 36 covers the preStop (10 s) and the app\'s 21 s shutdown, '
      + 'plus 5 s margin; or make the app stop faster');
  });

  it('counts no preStop, and a preStop of unknown length, as 0 s', () => {
    expect(findings('shutdown-exceeds-grace-period', deployment({}, {}, shutdown(30)))).toEqual([]);
    expect(findings('shutdown-exceeds-grace-period', deployment({}, {}, shutdown(31)))).toHaveLength(1);
    const unknown = { lifecycle: { preStop: { exec: { command: ['/drain.sh'] } } } };
    expect(findings('shutdown-exceeds-grace-period', deployment(unknown, {}, shutdown(25)))).toEqual([]);
    expect(findings('shutdown-exceeds-grace-period', deployment(unknown, {}, shutdown(31)))[0].message).toContain('unknown time, counted as 0 s');
  });

  it('leaves 2 s with a grace period of 0, which the kubelet raises to 1 s', () => {
    // No preStop: SIGTERM at 0 s, SIGKILL 2 s later (the kubelet's minimum), 3 s before a 5 s shutdown ends.
    const [f] = findings('shutdown-exceeds-grace-period', deployment({}, { terminationGracePeriodSeconds: 0 }, shutdown(5)));
    expect(f.message).toContain('leaves it 2 s: it is SIGKILLed at 2 s, 3 s before it can finish');
    expect(findings('shutdown-exceeds-grace-period', deployment({}, { terminationGracePeriodSeconds: 0 }, shutdown(2)))).toEqual([]);
    // With a preStop, one finding: lifecycle/prestop-with-zero-grace-period says the hook is cut off after 1 s and the shutdown too.
    const withPreStop = deployment(preStopSleep('10'), { terminationGracePeriodSeconds: 0 }, shutdown(5));
    expect(findings('shutdown-exceeds-grace-period', withPreStop)).toEqual([]);
    const [zero] = findings('prestop-with-zero-grace-period', withPreStop);
    expect(zero.message).toContain('waits for it at most 1 s, then sends SIGTERM and SIGKILLs 2 s later, 3 s before the app\'s 5 s shutdown ends');
    expect(zero.fix).toBe('set spec.template.spec.terminationGracePeriodSeconds = 20: 20 covers the preStop (10 s) and the app\'s 5 s shutdown, '
      + 'plus 5 s margin; or remove the preStop');
  });

  it('knows the kubelet grants at least 2 s after preStop', () => {
    expect(findings('shutdown-exceeds-grace-period', deployment(preStopSleep('29'), {}, shutdown(2)))).toEqual([]);
    expect(findings('shutdown-exceeds-grace-period', deployment(preStopSleep('29'), {}, shutdown(3)))).toHaveLength(1);
  });
});

describe('probe-grace-period-below-prestop', () => {
  const withLiveness = (grace: number, preStop = '15') => deployment({
    ...preStopSleep(preStop),
    livenessProbe: { httpGet: { path: '/livez', port: 80 }, terminationGracePeriodSeconds: grace },
  });

  it('flags a probe grace period equal to the preStop, not one a second longer', () => {
    expect(findings('probe-grace-period-below-prestop', withLiveness(15))).toHaveLength(1);
    expect(findings('probe-grace-period-below-prestop', withLiveness(16))).toEqual([]);
  });

  it('checks startup probes too, never readiness', () => {
    const both = deployment({
      ...preStopSleep('15'),
      startupProbe: { httpGet: { path: '/', port: 80 }, terminationGracePeriodSeconds: 5, failureThreshold: 30 },
      readinessProbe: { httpGet: { path: '/', port: 80 }, terminationGracePeriodSeconds: 5 },
    });
    expect(findings('probe-grace-period-below-prestop', both).map(f => f.path))
      .toEqual(['spec.template.spec.containers[0].startupProbe.terminationGracePeriodSeconds']);
  });
});

describe('probe timing after defaulting', () => {
  const http = (timing: Json) => ({ httpGet: { path: '/', port: 80 }, ...timing });

  it('reads periodSeconds 0 as 10 s and failureThreshold 0 as 3', () => {
    // The same check: readiness 0 → 10 s × 3 = 30 s, liveness 10 × 3 = 30 s: no faster.
    const zero = deployment({
      readinessProbe: http({ periodSeconds: 0 }),
      livenessProbe: http({ periodSeconds: 10, failureThreshold: 0, timeoutSeconds: 2 }),
    });
    const [f] = findings('readiness-not-faster-than-liveness', zero);
    expect(f.message).toContain('reacts in 30 s (periodSeconds 10 × failureThreshold 3), no faster than liveness (30 s: 10 × 3) on the same check');
  });

  it('accepts readiness one period faster on the same check', () => {
    const same = (timing: Json) => deployment({ readinessProbe: http(timing), livenessProbe: http({ periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 }) });
    expect(findings('readiness-not-faster-than-liveness', same({ periodSeconds: 5, failureThreshold: 5 }))).toEqual([]);
    expect(findings('readiness-not-faster-than-liveness', same({ periodSeconds: 5, failureThreshold: 6 }))).toHaveLength(1);
  });

  it('issue 10, point 9: different checks at equal timing are not reported; readiness slower is', () => {
    // /readyz and /livez with the defaults on both: the 73 findings of noise on real manifests.
    const split = (readiness: Json) => deployment({
      ports: [{ name: 'http', containerPort: 8080 }],
      readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, ...readiness },
      livenessProbe: { httpGet: { path: '/livez', port: 'http' } },
    });
    expect(findings('readiness-not-faster-than-liveness', split({}))).toEqual([]);
    expect(findings('readiness-not-faster-than-liveness', split({ periodSeconds: 5, failureThreshold: 6 }))).toEqual([]);
    const [slower] = findings('readiness-not-faster-than-liveness', split({ failureThreshold: 4 }));
    expect(slower.message).toContain('reacts in 40 s (periodSeconds 10 × failureThreshold 4), slower than liveness (30 s: 10 × 3)');
  });

  it('computes the liveness startup budget with defaults, against a 30 s threshold', () => {
    const budget = (timing: Json) => findings('liveness-without-startup-probe', deployment({ livenessProbe: http(timing) }));
    expect(budget({})).toEqual([]); // 0 + 10 × 3 = 30
    expect(budget({ periodSeconds: 0, failureThreshold: 0 })).toEqual([]); // the same, spelled as 0
    expect(budget({ failureThreshold: 2 })[0].message).toContain('within 20 s of starting (initialDelaySeconds 0 + periodSeconds 10 × failureThreshold 2)');
    expect(budget({ initialDelaySeconds: 10, failureThreshold: 2 })).toEqual([]); // 10 + 20
    expect(budget({ periodSeconds: 5, initialDelaySeconds: 14 })).toHaveLength(1); // 14 + 15 = 29
  });

  it('does not ask for a startup probe when there is one, or for an init container', () => {
    const withStartup = deployment({ livenessProbe: http({ periodSeconds: 1 }), startupProbe: http({ failureThreshold: 30 }) });
    expect(findings('liveness-without-startup-probe', withStartup)).toEqual([]);
  });

  it('treats probes that differ only in spelling as the same, and initialDelaySeconds as irrelevant', () => {
    const same = deployment({
      ports: [{ name: 'http', containerPort: 8080 }],
      readinessProbe: { httpGet: { port: 'http' }, initialDelaySeconds: 5 },
      livenessProbe: { httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, periodSeconds: 0, timeoutSeconds: 1, failureThreshold: 3 },
    });
    expect(findings('liveness-same-as-readiness', same)).toHaveLength(1);
    // Reported once: not also as readiness-not-faster.
    expect(findings('readiness-not-faster-than-liveness', same)).toEqual([]);
    const otherTimeout = JSON.parse(JSON.stringify(same));
    otherTimeout.spec.template.spec.containers[0].livenessProbe.timeoutSeconds = 2;
    expect(findings('liveness-same-as-readiness', otherTimeout)).toEqual([]);
    expect(findings('readiness-not-faster-than-liveness', otherTimeout)).toHaveLength(1);
  });
});

describe('Services', () => {
  const svc = (selector: Json, namespace?: string, targetPort: unknown = 8080): KubeObject => ({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'web', ...(namespace ? { namespace } : {}) },
    spec: { selector, ports: [{ port: 80, targetPort }] },
  });
  const app = { ports: [{ name: 'http', containerPort: 8080 }] };

  it('matches the selector against the pod template labels, in the same namespace', () => {
    expect(findings('service-without-readiness', deployment(app), svc({ app: 'web' }))).toHaveLength(1);
    expect(findings('service-without-readiness', deployment(app), svc({ app: 'web', tier: 'front' }))).toEqual([]);
    expect(findings('service-without-readiness', deployment(app), svc({ app: 'other' }))).toEqual([]);
    const prod = { ...deployment(app), metadata: { name: 'web', namespace: 'prod' } };
    expect(findings('service-without-readiness', prod, svc({ app: 'web' }, 'staging'))).toEqual([]);
    expect(findings('service-without-readiness', prod, svc({ app: 'web' }, 'prod'))).toHaveLength(1);
    expect(findings('service-without-readiness', prod, svc({ app: 'web' }))).toHaveLength(1);
  });

  it('follows the target port to its container; a name nobody declares gets no traffic', () => {
    const twoContainers: KubeObject = deployment(app);
    const spec = (twoContainers.spec as Json).template as Json;
    ((spec.spec as Json).containers as Json[]).push({ name: 'metrics', image: 'exporter:1', ports: [{ name: 'metrics', containerPort: 9100 }], readinessProbe: { tcpSocket: { port: 9100 } } });
    expect(findings('service-without-readiness', twoContainers, svc({ app: 'web' }, undefined, 'http')).map(f => f.path))
      .toEqual(['spec.template.spec.containers[0]']);
    expect(findings('service-without-readiness', twoContainers, svc({ app: 'web' }, undefined, 9100))).toEqual([]);
    expect(findings('service-without-readiness', deployment(app), svc({ app: 'web' }, undefined, 'grpc'))).toEqual([]);
  });

  it('skips empty selectors and ExternalName Services', () => {
    expect(findings('service-without-readiness', deployment(app), svc({}))).toEqual([]);
    const external = svc({ app: 'web' });
    (external.spec as Json).type = 'ExternalName';
    expect(findings('service-without-readiness', deployment(app), external)).toEqual([]);
  });

  it('leaves a served container to service-without-readiness, and reports an unserved one as info', () => {
    expect(findings('serving-container-without-readiness', deployment(app), svc({ app: 'web' }))).toEqual([]);
    const [f] = findings('serving-container-without-readiness', deployment(app));
    expect(f.severity).toBe('info');
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'j', ...app }] } } } };
    expect(findings('serving-container-without-readiness', job)).toEqual([]);
  });
});

describe('ports and hosts', () => {
  it('resolves numeric strings like the kubelet, and only looks in the same container', () => {
    const sidecar = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'app', image: 'a', livenessProbe: { httpGet: { port: '8080' } }, readinessProbe: { httpGet: { port: 'admin' } } },
          { name: 'proxy', image: 'envoy', ports: [{ name: 'admin', containerPort: 9901 }] },
        ],
      },
    };
    const [f] = findings('undeclared-port-name', sidecar);
    expect(f.path).toBe('spec.containers[0].readinessProbe.httpGet.port');
    expect(f.message).toContain('container "proxy" declares it, but the kubelet looks only in this container\'s ports');
  });

  it('recognises loopback spellings, and spares hostNetwork pods', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) {
      expect(findings('localhost-host', deployment({ livenessProbe: { httpGet: { host, port: 80 } } }))).toHaveLength(1);
    }
    for (const host of ['10.0.0.1', 'example.com', 'localhost.example.com', '']) {
      expect(findings('localhost-host', deployment({ livenessProbe: { httpGet: { host, port: 80 } } }))).toEqual([]);
    }
    expect(findings('localhost-host', deployment({ livenessProbe: { httpGet: { host: 'localhost', port: 80 } } }, { hostNetwork: true }))).toEqual([]);
  });

  it('treats a postStart to an undeclared port of the only container as its own, but not another container\'s port', () => {
    const hook = (port: unknown) => ({ lifecycle: { postStart: { httpGet: { path: '/warmup', port } } } });
    expect(findings('poststart-http-own-port', deployment(hook(8080)))).toHaveLength(1);
    expect(findings('poststart-http-own-port', deployment({ ...hook(8080), lifecycle: { postStart: { httpGet: { host: 'cache.svc', port: 8080 } } } }))).toEqual([]);
    const twoApps = deployment(hook(9000));
    ((((twoApps.spec as Json).template as Json).spec as Json).containers as Json[]).push({ name: 'cache', image: 'redis', ports: [{ containerPort: 9000 }] });
    expect(findings('poststart-http-own-port', twoApps)).toEqual([]);
  });
});
