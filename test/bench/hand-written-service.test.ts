/**
 * The synth benchmark's baseline is a fair one: the service hand-written in plain cdk8s-plus-28
 * renders the same manifests as GracefulWebService (Deployment, Service, PodDisruptionBudget:
 * containers, probes, lifecycle hooks, env, grace period, strategy, volumes, ports), except for
 * what cdk8s-plus-28 cannot express and what only our construct adds, each checked here.
 */
import { App, Chart } from 'cdk8s';
import { defineHandWritten, handWrittenSpec, OUR_ANNOTATIONS } from '../../src/bench/hand-written-service';
import { benchServiceProps } from '../../src/bench/service-props';
import { GracefulWebService } from '../../src/graceful-web-service';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SERVICES = 24; // every combination of the bench props' variations (they cycle with periods up to 12)
const ADDR = 'cdk8s.io/metadata.addr';

function render(define: (chart: Chart, i: number) => void): Json[] {
  const chart = new Chart(new App(), 'team');
  for (let i = 0; i < SERVICES; i++) define(chart, i);
  return chart.toJson();
}

const ours = render((chart, i) => new GracefulWebService(chart, `svc-${i}`, benchServiceProps(i)));
const byName = (objects: Json[], kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name)!;
const hand = render((chart, i) => defineHandWritten(chart, `svc-${i}`, handWrittenSpec(byName(ours, 'Deployment', `svc-${i}`), byName(ours, 'Service', `svc-${i}`))));

/** The selector label's value is a hash of the construct path, which differs by construction. */
function withoutAddr(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (k, v) => (k === ADDR ? '<addr>' : v));
}

const probes = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

describe('the hand-written cdk8s-plus-28 service of the synth benchmark', () => {
  it('renders the same objects, of the same kinds, in the same number', () => {
    expect(hand.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual(ours.map(o => `${o.kind}/${o.metadata.name}`).sort());
    expect(hand).toHaveLength(SERVICES * 3);
  });

  it.each(Array.from({ length: SERVICES }, (_, i) => i))('svc-%i: same manifests, but probes on the port number and without our annotations', i => {
    const name = `svc-${i}`;
    const [deployment, handDeployment] = [ours, hand].map(o => withoutAddr(byName(o, 'Deployment', name)) as Json);
    const container = deployment.spec.template.spec.containers[0];
    const handContainer = handDeployment.spec.template.spec.containers[0];
    const port = container.ports[0];

    // What cdk8s-plus-28 cannot say: an HTTP probe on a named port. It renders the number, and the scheme.
    for (const p of probes) {
      if (!container[p]) {
        expect(handContainer[p]).toBeUndefined();
        continue;
      }
      expect(container[p].httpGet.port).toBe(port.name);
      expect(handContainer[p].httpGet).toEqual({ ...container[p].httpGet, port: port.containerPort, scheme: 'HTTP' });
      handContainer[p].httpGet = container[p].httpGet;
    }
    // What only GracefulWebService adds: the annotations `explain` reads.
    const annotations = deployment.spec.template.metadata.annotations;
    for (const a of OUR_ANNOTATIONS) {
      expect(annotations[a]).toBeDefined();
      delete annotations[a];
    }
    if (Object.keys(annotations).length === 0) delete deployment.spec.template.metadata.annotations;

    expect(handDeployment).toEqual(deployment);
    // Spelled out, as the issue names them: the same container, hooks, grace period and strategy.
    expect(handContainer.lifecycle).toEqual(container.lifecycle);
    expect(handContainer.env).toEqual(container.env);
    expect(handDeployment.spec.template.spec.terminationGracePeriodSeconds).toBe(deployment.spec.template.spec.terminationGracePeriodSeconds);
    expect(handDeployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(withoutAddr(byName(hand, 'Service', name))).toEqual(withoutAddr(byName(ours, 'Service', name)));
    expect(withoutAddr(byName(hand, 'PodDisruptionBudget', name))).toEqual(withoutAddr(byName(ours, 'PodDisruptionBudget', name)));
  });

  it('covers what the props vary: no startup probe, a postStart, a preStop command, no downward API, explicit resources', () => {
    const containers = ours.filter(o => o.kind === 'Deployment').map(o => o.spec.template.spec.containers[0]);
    expect(containers.some(c => !c.startupProbe)).toBe(true);
    expect(containers.some(c => c.lifecycle?.postStart)).toBe(true);
    expect(containers.some(c => c.lifecycle?.preStop?.exec.command[0] === 'sh')).toBe(true);
    expect(containers.some(c => !c.env.some((e: Json) => e.valueFrom))).toBe(true);
    expect(containers.some(c => c.resources.requests.cpu === '250m')).toBe(true);
  });
});
