/** Small manifest builders for the explain tests. */

export type Json = Record<string, unknown>;

export function deployment(containers: Json[], pod: Json = {}, template: Json = {}, name = 'web'): Json {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, ...template }, spec: { containers, ...pod } },
    },
  };
}

export function service(selector: Json, name = 'web'): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ port: 80, targetPort: 8080 }] } };
}

export function container(extra: Json = {}, name = 'app'): Json {
  return { name, image: 'example/app:1', ports: [{ containerPort: 8080 }], ...extra };
}

export const sleep = (seconds: number | string): Json => ({ exec: { command: ['sleep', String(seconds)] } });

export function annotations(values: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(values)) out[k] = JSON.stringify(v);
  return { annotations: out };
}
