/** Objects the structure rules' fixtures are built from: a valid Deployment, and one edit of it at a time. */
import type { KubeObject } from '../../rule';

/** A valid apps/v1 Deployment with probes, a preStop hook, env, resources and an intOrString probe port. */
export function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          terminationGracePeriodSeconds: 45,
          containers: [{
            name: 'web',
            image: 'nginxinc/nginx-unprivileged:1.27-alpine',
            ports: [{ name: 'http', containerPort: 8080 }],
            env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: 1, memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
            livenessProbe: { httpGet: { path: '/live', port: 8080 }, initialDelaySeconds: 10 },
            lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 10; nginx -s quit'] } } },
          }],
        },
      },
    },
  };
}

/** The first container of `deployment()`-shaped objects, for one-line edits. */
export function firstContainer(object: Record<string, any>): Record<string, any> {
  return object.spec.template.spec.containers[0];
}

/** A Deployment after `edit`. */
export function editedDeployment(edit: (d: Record<string, any>) => void): KubeObject {
  const d = deployment();
  edit(d);
  return d;
}
