/**
 * seeds/001's scenario in the example app: jdd-parking-cloud-admin on port 8093 in namespace
 * a9076f8c-…, synthesized without lint findings.
 */
import { Testing } from 'cdk8s';
import { LifecycleValidation, NACOS_ANNOTATION } from '../../src';
import { nacosScenario } from '../../src/examples/nacos-scenario';

type Json = Record<string, any>;

test('the seed\'s service, done right, passes synth-time validation', () => {
  const app = Testing.app();
  const findings: string[] = [];
  // Before the constructs: they enable validation themselves, and later options would be refused.
  LifecycleValidation.enable(app, { onWarning: m => findings.push(m) });
  const chart = nacosScenario(app);
  expect(() => app.synth()).not.toThrow();
  expect(findings).toEqual([]);

  const objects = Testing.synth(chart) as Json[];
  const admin = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'jdd-parking-cloud-admin')!;
  const pod = admin.spec.template.spec;
  const c = pod.containers[0];
  const env = Object.fromEntries(c.env.filter((e: Json) => e.value !== undefined).map((e: Json) => [e.name, e.value]));
  expect(c.ports).toEqual([{ containerPort: 8093, name: 'http' }]);
  expect(env.SPRING_CLOUD_NACOS_DISCOVERY_NAMESPACE).toBe('a9076f8c-a1c7-474c-9ea4-1112677d9af7');
  expect(env.SPRING_CLOUD_NACOS_DISCOVERY_SERVICE).toBe('jdd-parking-cloud-admin');
  expect(env.SPRING_CLOUD_NACOS_DISCOVERY_PORT).toBe('8093');
  expect(env.NACOS_HOOK_API).toBe('v1');
  expect(c.lifecycle.preStop.exec.command).toEqual(['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh', 'prestop']);
  // The seed's 60 s was too short for its own 45 s wait plus Spring Boot's 30 s shutdown.
  // 3 (an enable in flight) + 3 (the call) + 40 (the wait; the 5 s drain runs within it) + 30 + 5.
  expect(pod.terminationGracePeriodSeconds).toBe(81);
  expect(JSON.parse(admin.spec.template.metadata.annotations[NACOS_ANNOTATION]).deregisterWaitSeconds).toBe(40);

  const report = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'jdd-parking-cloud-report')!;
  expect(report.spec.template.spec.containers.map((x: Json) => x.name)).toEqual(['app', 'nacos-lifecycle']);
  expect(report.spec.template.spec.containers[0].lifecycle.preStop.exec.command[0]).toBe('/nacos-lifecycle/bin/sleep');
});
