/** Downward-API env vars, as rendered into a container. */
import { Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { downwardApiEnv, type DownwardApiEnvOptions } from '../../src/downward-api';

function rendered(options?: DownwardApiEnvOptions): unknown[] {
  const chart = Testing.chart();
  new plus.Pod(chart, 'pod').addContainer({ image: 'x', envVariables: downwardApiEnv(options) });
  return (Testing.synth(chart)[0] as any).spec.containers[0].env ?? [];
}

const field = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });

test('the four defaults come from fieldRef', () => {
  expect(rendered()).toEqual([
    field('POD_NAME', 'metadata.name'),
    field('POD_NAMESPACE', 'metadata.namespace'),
    field('POD_IP', 'status.podIP'),
    field('NODE_NAME', 'spec.nodeName'),
  ]);
});

test('opt-ins add POD_UID, SERVICE_ACCOUNT, HOST_IP and the resource limits', () => {
  expect(rendered({ podName: false, podNamespace: false, nodeName: false, podUid: true, serviceAccount: true, hostIp: true, resourceLimits: true })).toEqual([
    field('POD_IP', 'status.podIP'),
    field('POD_UID', 'metadata.uid'),
    field('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
    field('HOST_IP', 'status.hostIP'),
    { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
    { name: 'MEMORY_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
  ]);
});

test('everything off gives no env', () => {
  expect(Object.keys(downwardApiEnv({ podName: false, podNamespace: false, podIp: false, nodeName: false }))).toEqual([]);
});

test('every field path is one the API server allows in env (validation.go)', () => {
  const allowed = new Set(['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs']);
  const all = rendered({ podUid: true, serviceAccount: true, hostIp: true }) as any[];
  for (const entry of all) expect(allowed.has(entry.valueFrom.fieldRef.fieldPath)).toBe(true);
});
