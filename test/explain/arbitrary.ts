/** Random workloads for the renderer properties: any shape a manifest may have, sane or not. */
import fc from 'fast-check';
import type { Json } from './fixtures';

const seconds = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 91, max: 900 }));
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,62}$/);

const probe: fc.Arbitrary<Json> = fc.record({
  httpGet: fc.constant({ path: '/healthz', port: 8080 }),
  initialDelaySeconds: seconds,
  periodSeconds: fc.integer({ min: 0, max: 60 }),
  failureThreshold: fc.integer({ min: 0, max: 40 }),
  successThreshold: fc.constant(1),
}, { requiredKeys: ['httpGet'] });

const hook: fc.Arbitrary<Json> = fc.oneof(
  seconds.map(s => ({ exec: { command: ['sleep', String(s)] } })),
  seconds.map(s => ({ exec: { command: ['sh', '-c', `sleep ${s}; exec nginx -s quit`] } })),
  fc.constant({ exec: { command: ['/usr/sbin/nginx', '-s', 'quit'] } }),
  fc.constant({ httpGet: { path: '/drain', port: 8080 } }),
  fc.constant({ tcpSocket: { port: 8080 } }),
);

const container: fc.Arbitrary<Json> = fc.record({
  name,
  image: fc.constant('example/app:1'),
  ports: fc.constant([{ containerPort: 8080 }]),
  lifecycle: fc.record({ postStart: hook, preStop: hook }, { requiredKeys: [] }),
  startupProbe: probe,
  readinessProbe: probe,
  livenessProbe: probe,
}, { requiredKeys: ['name', 'image'] });

export const workload: fc.Arbitrary<{ objects: Json[] }> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 120 }),
  containers: fc.array(container, { minLength: 0, maxLength: 4 }),
  inits: fc.array(name, { maxLength: 3 }),
  grace: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  shutdown: fc.option(seconds, { nil: undefined }),
  nacos: fc.boolean(),
  withService: fc.boolean(),
}).map(w => {
  const first = w.containers[0]?.name as string | undefined;
  const ann: Record<string, string> = {};
  if (first && w.shutdown !== undefined) ann['lifecycle.cdk8s.io/shutdown-seconds'] = JSON.stringify({ [first]: w.shutdown });
  if (first && w.nacos) ann['lifecycle.cdk8s.io/nacos'] = JSON.stringify({ container: first, deregisterWaitSeconds: 40, serverVersion: '1.x' });
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: w.name },
    spec: {
      template: {
        metadata: { labels: { app: 'x' }, annotations: ann },
        spec: {
          initContainers: w.inits.map(n => ({ name: n, image: 'busybox' })),
          containers: w.containers,
          ...(w.grace === undefined ? {} : { terminationGracePeriodSeconds: w.grace }),
        },
      },
    },
  };
  const objects: Json[] = [deployment];
  if (w.withService) objects.push({ kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' } } });
  return { objects };
});
