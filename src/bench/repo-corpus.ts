/**
 * A generated tree of manifest files shaped like the repositories people point `lint` at
 * (operator install bundles, CRD directories, kube-prometheus' jsonnet output, rendered Helm
 * charts, documentation examples), for the lint benchmark's real-content stage. Nothing is copied
 * from a real repository: the shapes are reproduced by code, deterministically from a seed.
 *
 * What makes real content differ from the uniform synthetic corpus, and is reproduced here:
 * - CRDs whose `openAPIV3Schema` runs to hundreds of KB (recursive JSONSchemaProps, the same
 *   embedded pod and container schemas repeated, `x-kubernetes-preserve-unknown-fields`
 *   subtrees), with descriptions written as go-yaml writes them (plain and single-quoted scalars
 *   folded over several lines at 80 columns) or as newer controller-gen does (`|-` blocks);
 * - ConfigMaps carrying Grafana dashboards (JSON text in `|-` block scalars), in a ConfigMapList;
 * - Helm output: `---` and `# Source:` before every document, empty documents, quoted keys and
 *   values;
 * - flow style: `args: ["--a", "--b"]`, `{app: web}` maps, flow collections over several lines,
 *   and whole documents written as JSON;
 * - `kind: List`, comments, occasional anchors and aliases, and a few files with CRLF endings;
 * - many small files (one object each) next to a few large ones.
 */
import { stringify } from 'yaml';
import { prng } from './lint-corpus';

type Json = Record<string, unknown>;

/** One generated file: a path relative to the corpus root and its text. */
export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

export interface RepoCorpus {
  readonly files: readonly CorpusFile[];
  /** Kubernetes objects in all files (List items counted one by one). */
  readonly objects: number;
  readonly bytes: number;
  /** Files of each shape: `crd`, `bundle`, `helm`, `dashboards`, `json`, `flow`, `example`, ... */
  readonly byShape: Readonly<Record<string, number>>;
}

export interface RepoCorpusOptions {
  /** Repository-like groups of files; the default gives about 950 files, 2,600 objects and 28 MB. @default 12 */
  readonly repos?: number;
  /** @default 7 */
  readonly seed?: number;
}

const WORDS = (
  'the of a to is in that for resource field object specified name value when if not be this by are must '
  + 'used set controller pod container which will should default may defines with from cluster selector '
  + 'namespace label status condition replicas deployment template spec service port protocol secret key '
  + 'reference annotation volume mount path probe period seconds timeout threshold policy rule strategy '
  + 'configuration endpoint certificate issuer route target weight metric alert query interval scrape '
  + 'https://kubernetes.io/docs/concepts/workloads/pods/ (optional) e.g. "IfNotPresent" `kubectl` one-of'
).split(' ');

/** Keeps the generation's random choices in one place. */
class Gen {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = prng(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  sentence(min: number, max: number): string {
    const n = this.int(min, max);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(this.pick(WORDS));
    const s = words.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  }

  /** A field description: often long enough to fold, sometimes several lines, sometimes with `: `. */
  description(): string {
    const r = this.random();
    if (r < 0.45) return this.sentence(4, 12);
    if (r < 0.8) return this.sentence(14, 40);
    if (r < 0.9) return `${this.sentence(6, 14)} Default: ${this.pick(['"Always"', '30s', 'false', '{}'])} (see: ${this.pick(WORDS)})`;
    return [this.sentence(8, 20), this.sentence(8, 20), `More info: ${this.pick(WORDS)}`].join('\n');
  }

  identifier(): string {
    return `${this.pick(['pod', 'tls', 'http', 'route', 'match', 'retry', 'source', 'sync', 'alert', 'scrape', 'relabel', 'storage', 'web', 'tenant'])}`
      + `${this.pick(['Config', 'Spec', 'Selector', 'Policy', 'Ref', 'Endpoint', 'Timeout', 'Rules', 'Template', 'Status', 'Name', 'Labels', ''])}`
      + `${this.chance(0.3) ? this.int(1, 9) : ''}`;
  }
}

// ---------------------------------------------------------------------------------------------
// CRDs

/** A recursive JSONSchemaProps of about `nodes` schema nodes. */
function schemaTree(g: Gen, nodes: number, depth: number, shared: readonly Json[]): Json {
  if (nodes <= 1 || depth > 9) return leafSchema(g);
  // Operator CRDs embed the same big Kubernetes schemas (pod templates, containers) many times.
  if (depth > 1 && shared.length > 0 && g.chance(0.04)) return structuredClone(g.pick(shared));
  if (g.chance(0.05)) return { 'description': g.description(), 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true };
  if (g.chance(0.12)) {
    return { description: g.description(), items: schemaTree(g, nodes - 1, depth + 1, shared), type: 'array', ...(g.chance(0.3) ? { 'x-kubernetes-list-type': 'atomic' } : {}) };
  }
  const fields = Math.min(nodes - 1, g.int(2, 14));
  const properties: Json = {};
  let left = nodes - 1;
  for (let i = 0; i < fields; i++) {
    const share = i === fields - 1 ? left : Math.max(1, Math.floor(left * g.random() * 0.6));
    left -= share;
    let name = g.identifier();
    while (name in properties) name = `${name}X`;
    properties[name] = schemaTree(g, Math.max(1, share), depth + 1, shared);
    if (left <= 0) break;
  }
  const names = Object.keys(properties).sort();
  const out: Json = { description: g.description(), properties: Object.fromEntries(names.map(n => [n, properties[n]])) };
  if (g.chance(0.3)) out.required = names.slice(0, g.int(1, Math.min(3, names.length)));
  out.type = 'object';
  if (g.chance(0.1)) out['x-kubernetes-map-type'] = 'atomic';
  return out;
}

function leafSchema(g: Gen): Json {
  switch (g.int(0, 7)) {
    case 0: return { description: g.description(), format: 'int32', type: 'integer' };
    case 1: return { description: g.description(), type: 'boolean' };
    case 2: return { 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'description': g.description(), 'pattern': '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$', 'x-kubernetes-int-or-string': true };
    case 3: return { description: g.description(), enum: ['Always', 'Never', 'IfNotPresent'], type: 'string' };
    case 4: return { additionalProperties: { type: 'string' }, description: g.description(), type: 'object' };
    case 5: return { description: g.description(), items: { type: 'string' }, type: 'array' };
    default: return { description: g.description(), type: 'string' };
  }
}

/** A pod-template-like schema, embedded repeatedly in an operator's CRDs. */
function sharedSchemas(g: Gen): Json[] {
  return [schemaTree(g, 120, 3, []), schemaTree(g, 60, 3, []), schemaTree(g, 25, 4, [])];
}

function crd(g: Gen, group: string, kind: string, nodes: number, shared: readonly Json[]): Json {
  const plural = `${kind.toLowerCase()}s`;
  const versions = g.chance(0.25) ? ['v1alpha1', 'v1beta1'] : ['v1'];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      annotations: { 'controller-gen.kubebuilder.io/version': 'v0.16.1', ...(g.chance(0.5) ? { 'operator.example.io/version': '0.78.2' } : {}) },
      labels: { 'app.kubernetes.io/part-of': group.split('.')[0] },
      name: `${plural}.${group}`,
    },
    spec: {
      group,
      names: { categories: ['all'], kind, listKind: `${kind}List`, plural, shortNames: [kind.slice(0, 3).toLowerCase()], singular: kind.toLowerCase() },
      scope: g.pick(['Namespaced', 'Namespaced', 'Cluster']),
      versions: versions.map((name, k) => ({
        additionalPrinterColumns: [
          { jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: 'Ready', type: 'string' },
          { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
        ],
        name,
        schema: {
          openAPIV3Schema: {
            description: g.description(),
            properties: {
              apiVersion: { description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources', type: 'string' },
              kind: { description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds', type: 'string' },
              metadata: { type: 'object' },
              spec: schemaTree(g, Math.floor(nodes * 0.8 / versions.length), 1, shared),
              status: schemaTree(g, Math.floor(nodes * 0.2 / versions.length), 1, []),
            },
            required: ['spec'],
            type: 'object',
          },
        },
        served: true,
        storage: k === versions.length - 1,
        subresources: { status: {} },
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Workloads and the objects around them

function labels(app: string, helm: boolean): Json {
  return helm
    ? { 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': 'release', 'app.kubernetes.io/version': '1.11.2', 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': `${app}-4.11.2` }
    : { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'platform' };
}

function container(g: Gen, app: string): Json {
  const port = g.pick([8080, 8443, 9090, 3000, 10254]);
  return {
    name: app,
    image: `registry.example.com/${app}:v${g.int(1, 3)}.${g.int(0, 30)}.${g.int(0, 9)}`,
    imagePullPolicy: 'IfNotPresent',
    args: [`--port=${port}`, `--metrics-bind-address=:${port + 1}`, '--leader-elect', `--log-level=${g.pick(['info', 'debug'])}`],
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
    ],
    ports: [{ containerPort: port, name: 'http', protocol: 'TCP' }, { containerPort: port + 1, name: 'metrics', protocol: 'TCP' }],
    livenessProbe: { httpGet: { path: '/healthz', port: port + 2, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 5 },
    readinessProbe: { httpGet: { path: '/readyz', port: port + 2, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    ...(g.chance(0.3) ? { lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } } } : {}),
    resources: { requests: { cpu: `${g.int(1, 5) * 50}m`, memory: `${g.int(1, 8) * 64}Mi` }, ...(g.chance(0.5) ? { limits: { memory: '1Gi' } } : {}) },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
    volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }, { mountPath: '/etc/config', name: 'config', readOnly: true }],
  };
}

function workload(g: Gen, app: string, ns: string, helm: boolean): Json {
  const kind = g.pick(['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet']);
  const selector = { matchLabels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': 'release' } };
  const spec: Json = {
    ...(kind === 'DaemonSet' ? {} : { replicas: g.int(1, 3) }),
    ...(kind === 'StatefulSet' ? { serviceName: app } : {}),
    revisionHistoryLimit: 10,
    selector,
    template: {
      metadata: { labels: { ...labels(app, helm), ...selector.matchLabels }, ...(helm ? { annotations: { 'checksum/config': 'f'.repeat(8) + '0123456789abcdef'.repeat(3) + 'cafe0123' } } : {}) },
      spec: {
        serviceAccountName: app,
        terminationGracePeriodSeconds: g.pick([30, 60, 300]),
        securityContext: { fsGroup: 65532 },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        ...(g.chance(0.3) ? { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] } : {}),
        containers: [container(g, app), ...(g.chance(0.3) ? [{ name: 'kube-rbac-proxy', image: 'quay.io/brancz/kube-rbac-proxy:v0.18.0', args: ['--secure-listen-address=0.0.0.0:8443', '--upstream=http://127.0.0.1:8080/'], ports: [{ containerPort: 8443, name: 'https' }] }] : [])],
        volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'config', configMap: { name: `${app}-config` } }],
      },
    },
  };
  if (kind === 'Deployment') spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } };
  return { apiVersion: 'apps/v1', kind, metadata: { name: app, namespace: ns, labels: labels(app, helm) }, spec };
}

function supporting(g: Gen, app: string, ns: string, helm: boolean): Json[] {
  const meta = (name: string, namespaced = true) => ({ name, ...(namespaced ? { namespace: ns } : {}), labels: labels(app, helm) });
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const out: Json[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(app), automountServiceAccountToken: true },
    { apiVersion: 'v1', kind: 'Service', metadata: meta(app), spec: { type: 'ClusterIP', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }], selector: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': 'release' } } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(app, false),
      rules: Array.from({ length: g.int(4, 14) }, () => ({ apiGroups: [g.pick(['', 'apps', 'batch', 'networking.k8s.io', 'monitoring.coreos.com', 'argoproj.io'])], resources: [g.pick(['pods', 'services', 'configmaps', 'secrets', 'events', 'ingresses', 'leases']), g.pick(['endpoints', 'deployments', 'jobs'])], verbs: verbs.slice(0, g.int(2, verbs.length)) })),
    },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(app, false), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: app }, subjects: [{ kind: 'ServiceAccount', name: app, namespace: ns }] },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${app}-config`), data: configData(g) },
  ];
  if (g.chance(0.4)) out.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(app), spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': 'release' } } } });
  if (g.chance(0.3)) {
    out.push({
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: meta(app, false),
      webhooks: [{ name: `validate.${app}.example.io`, admissionReviewVersions: ['v1'], sideEffects: 'None', failurePolicy: 'Fail', clientConfig: { caBundle: base64ish(g, 1500), service: { name: app, namespace: ns, path: '/validate' } }, rules: [{ apiGroups: ['example.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['*'] }] }],
    });
  }
  if (g.chance(0.3)) out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { ...meta(app), annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' } }, spec: { ingressClassName: 'nginx', rules: [{ host: `${app}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { name: 'http' } } } }] } }], tls: [{ hosts: [`${app}.example.com`], secretName: `${app}-tls` }] } });
  return out;
}

function configData(g: Gen): Json {
  const r = g.random();
  if (r < 0.35) return { 'log-level': 'info', 'timeout': '30s', 'enable-metrics': 'true', 'retries': '3' };
  if (r < 0.7) {
    const rules = Array.from({ length: g.int(3, 20) }, (_, k) => `  - alert: ${g.identifier()}${k}\n    expr: |\n      sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{job="kubelet", container!=""}[5m])) > ${g.int(1, 9)}\n    for: ${g.int(1, 15)}m\n    labels:\n      severity: ${g.pick(['warning', 'critical'])}\n    annotations:\n      summary: ${g.sentence(5, 12)}\n`).join('');
    return { 'rules.yaml': `groups:\n- name: ${g.identifier()}\n  rules:\n${rules}` };
  }
  return { 'nginx.conf': `worker_processes auto;\nevents {\n  worker_connections 1024;\n}\nhttp {\n${Array.from({ length: g.int(3, 30) }, (_, k) => `  server {\n    listen ${8000 + k};\n    location / {\n      proxy_pass http://127.0.0.1:${9000 + k};\n    }\n  }\n`).join('')}}\n`, 'use-forwarded-headers': 'true' };
}

function base64ish(g: Gen, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(g.random() * 64)];
  return `${s}==`;
}

/** A Grafana dashboard: the JSON kube-prometheus puts in its dashboard ConfigMaps. */
function dashboard(g: Gen, panels: number): string {
  return JSON.stringify({
    annotations: { list: [{ builtIn: 1, datasource: '-- Grafana --', enable: true, hide: true, name: 'Annotations & Alerts', type: 'dashboard' }] },
    editable: true,
    panels: Array.from({ length: panels }, (_, k) => ({
      datasource: { type: 'prometheus', uid: '${datasource}' },
      description: g.sentence(6, 20),
      fieldConfig: { defaults: { unit: g.pick(['bytes', 'percentunit', 's', 'reqps']), thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] } }, overrides: [] },
      gridPos: { h: 8, w: 12, x: (k % 2) * 12, y: Math.floor(k / 2) * 8 },
      id: k + 1,
      targets: [{ expr: `sum(rate(${g.pick(['apiserver_request_total', 'container_cpu_usage_seconds_total', 'node_network_receive_bytes_total'])}{cluster="$cluster", namespace=~"$namespace"}[$__rate_interval])) by (${g.pick(['pod', 'code', 'verb'])})`, legendFormat: '{{pod}}', refId: 'A' }],
      title: g.sentence(2, 5).slice(0, -1),
      type: g.pick(['timeseries', 'stat', 'table', 'gauge']),
    })),
    schemaVersion: 39,
    tags: ['kubernetes-mixin'],
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }, { name: 'cluster', type: 'query', query: 'label_values(up{job="kubelet"}, cluster)' }] },
    time: { from: 'now-1h', to: 'now' },
    title: g.sentence(2, 4).slice(0, -1),
    uid: base64ish(g, 30).replace(/[+/=]/g, 'x'),
  }, null, 4);
}

// ---------------------------------------------------------------------------------------------
// Writing: the styles of the tools that produce these files

/** go-yaml v2 (kubectl, controller-gen before 0.14, Helm): compact sequences, 80-column folding, single quotes. */
function goYaml(doc: unknown): string {
  return stringify(doc, { indentSeq: false, lineWidth: 80, minContentWidth: 20, singleQuote: true, aliasDuplicateObjects: false });
}

/** controller-gen 0.14+ and many hand-written files: indented sequences, long lines kept, `|-` for multi-line text. */
function modernYaml(doc: unknown): string {
  return stringify(doc, { indentSeq: true, lineWidth: 0, aliasDuplicateObjects: false });
}

function documents(docs: readonly unknown[], write: (d: unknown) => string): string {
  return docs.map(d => `---\n${write(d)}`).join('');
}

/** `helm template` output: every document after `---` and a `# Source:` comment; templates that render empty are empty documents. */
function helmOutput(g: Gen, chart: string, docs: ReadonlyArray<{ template: string; doc: unknown }>): string {
  let out = '';
  for (const { template, doc } of docs) {
    if (g.chance(0.15)) out += `---\n# Source: ${chart}/templates/${g.identifier()}.yaml\n`; // an empty render
    out += `---\n# Source: ${chart}/templates/${template}\n${goYaml(doc)}`;
  }
  return out;
}

/**
 * A workload written by hand with flow style where people use it: args, command and label maps in
 * brackets and braces, a flow sequence over several lines, a comment or two, an anchor reused.
 */
function handWritten(g: Gen, app: string): string {
  const port = g.pick([80, 8080, 9000]);
  const anchor = g.chance(0.2);
  return `# ${g.sentence(5, 12)}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels: ${anchor ? '&labels ' : ''}{app: ${app}, version: v${g.int(1, 3)}}
spec:
  replicas: ${g.int(1, 4)}
  selector:
    matchLabels: ${anchor ? '*labels' : `{app: ${app}, version: v1}`}
  template:
    metadata:
      labels: {app: ${app}, version: v1}
      annotations: {"sidecar.istio.io/inject": "true", prometheus.io/port: "${port}"}
    spec:
      containers:
      - name: ${app}
        image: "docker.io/example/${app}:1.${g.int(0, 20)}.0"
        command: ["/bin/sh", "-c"]
        args: ["exec /app --port=${port} --log-level=info"]   # the shell execs: signals reach the app
        ports:
        - containerPort: ${port}
        env: [{name: MODE, value: "production"}, {name: WORKERS, value: "${g.int(1, 8)}"}]
        resources:
          requests: {cpu: 100m, memory: 128Mi}
        readinessProbe:
          httpGet: {path: /ready, port: ${port}}
          periodSeconds: 5
        lifecycle:
          preStop:
            exec:
              command: [
                "sh", "-c",
                "sleep 5"
              ]
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
  labels: {app: ${app}, service: ${app}}
spec:
  ports: [{port: ${port}, name: http}]
  selector: {app: ${app}}
`;
}

/** A documentation example: one small object, comments, sometimes CRLF line endings. */
function example(g: Gen, k: number): { text: string; objects: number; json: boolean } {
  const app = `example-${k}`;
  const r = g.random();
  let doc: Json;
  if (r < 0.3) {
    doc = { apiVersion: 'v1', kind: 'Pod', metadata: { name: app, labels: { app } }, spec: { containers: [{ name: 'app', image: g.pick(['nginx:1.27', 'busybox:1.36', 'registry.k8s.io/e2e-test-images/agnhost:2.39']), ports: [{ containerPort: 80 }], ...(g.chance(0.5) ? { command: ['sh', '-c', 'echo The app is running! && sleep 3600'] } : {}) }] } };
  } else if (r < 0.5) {
    doc = { apiVersion: 'v1', kind: 'Service', metadata: { name: app }, spec: { selector: { app }, ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] } };
  } else if (r < 0.65) {
    doc = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: app }, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }], restartPolicy: 'Never' } }, backoffLimit: 4 } };
  } else if (r < 0.8) {
    doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: app }, data: { 'player_initial_lives': '3', 'ui_properties_file_name': 'user-interface.properties', 'game.properties': 'enemy.types=aliens,monsters\nplayer.maximum-lives=5\n' } };
  } else {
    const d = workload(g, app, 'default', false);
    doc = d;
  }
  if (g.chance(0.1)) {
    return { text: `${JSON.stringify(doc, null, 2)}\n`, objects: 1, json: true };
  }
  let text = `# ${g.sentence(4, 10)}\n${modernYaml(doc)}`;
  if (g.chance(0.08)) text = text.replace(/\n/g, '\r\n');
  return { text, objects: 1, json: false };
}

const GROUPS = ['monitoring.example.io', 'argoproj.example.io', 'cert-manager.example.io', 'networking.mesh.example.io', 'policy.example.io', 'gateway.example.io'];
const KINDS = ['Application', 'Prometheus', 'Alertmanager', 'ServiceMonitor', 'PodMonitor', 'Certificate', 'Issuer', 'VirtualService', 'DestinationRule', 'Rollout', 'Workflow', 'ScrapeConfig', 'Probe', 'ThanosRuler', 'Gateway', 'HTTPRoute'];

export function generateRepoCorpus(options: RepoCorpusOptions = {}): RepoCorpus {
  const repos = options.repos ?? 12;
  const g = new Gen(options.seed ?? 7);
  const files: CorpusFile[] = [];
  const byShape: Record<string, number> = {};
  let objects = 0;
  const add = (shape: string, path: string, text: string, count: number) => {
    files.push({ path, text });
    byShape[shape] = (byShape[shape] ?? 0) + 1;
    objects += count;
  };

  for (let r = 0; r < repos; r++) {
    const repo = `repo-${String(r).padStart(2, '0')}`;
    const group = GROUPS[r % GROUPS.length];
    const ns = `${repo}-system`;
    const shared = sharedSchemas(g);
    const modern = r % 2 === 0;

    // An operator: its CRDs one per file, its other objects one per file, and an install bundle of everything.
    const crds = Array.from({ length: g.int(3, 6) }, (_, k) => crd(g, group, `${KINDS[(r * 3 + k) % KINDS.length]}${k > 3 ? k : ''}`, g.pick([60, 150, 300, 700, 1500]), shared));
    const apps = Array.from({ length: g.int(4, 6) }, (_, k) => `${repo}-${['controller', 'server', 'repo-server', 'webhook', 'dex', 'redis'][k]}`);
    const rest = apps.flatMap(app => [workload(g, app, ns, false), ...supporting(g, app, ns, false)]);
    const write = modern ? modernYaml : goYaml;
    for (const c of crds) add('crd', `${repo}/config/crd/${String((c.metadata as Json).name)}.yaml`, write(c), 1);
    for (const o of rest) add('object', `${repo}/config/base/${String(o.kind).toLowerCase()}-${String((o.metadata as Json).name)}.yaml`, write(o), 1);
    add('bundle', `${repo}/install.yaml`, `# This is an auto-generated file. DO NOT EDIT\n${documents([...crds, ...rest], write)}`, crds.length + rest.length);

    // kube-prometheus-like jsonnet output: one object per file, and dashboards in a ConfigMapList.
    if (r % 3 === 0) {
      const dashboards = Array.from({ length: g.int(6, 14) }, (_, k) => ({
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { labels: { 'app.kubernetes.io/component': 'grafana', 'grafana_dashboard': '1' }, name: `grafana-dashboard-${k}`, namespace: 'monitoring' },
        data: { [`dashboard-${k}.json`]: dashboard(g, g.int(8, 60)) },
      }));
      add('dashboards', `${repo}/manifests/grafana-dashboardDefinitions.yaml`, goYaml({ apiVersion: 'v1', kind: 'ConfigMapList', items: dashboards }), dashboards.length);
      for (let k = 0; k < 12; k++) {
        const app = `${repo}-exporter-${k}`;
        for (const o of [workload(g, app, 'monitoring', false), ...supporting(g, app, 'monitoring', false).slice(0, 3)]) {
          add('object', `${repo}/manifests/${app}-${String(o.kind).charAt(0).toLowerCase()}${String(o.kind).slice(1)}.yaml`, goYaml(o), 1);
        }
      }
    }

    // A rendered Helm chart.
    const chart = `${repo}-chart`;
    const rendered = apps.flatMap(app => [workload(g, app, ns, true), ...supporting(g, app, ns, true)])
      .map(doc => ({ template: `${String(doc.kind).toLowerCase()}.yaml`, doc }));
    add('helm', `${repo}/rendered/${chart}.yaml`, helmOutput(g, chart, rendered), rendered.length);

    // `kubectl get -o json` output and a List.
    const listed = apps.slice(0, 2).map(app => workload(g, app, ns, false));
    add('json', `${repo}/snapshots/workloads.json`, `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: listed, metadata: { resourceVersion: '' } }, null, 4)}\n`, listed.length);
    add('list', `${repo}/snapshots/services.yaml`, goYaml({ apiVersion: 'v1', kind: 'List', items: supporting(g, apps[0], ns, false).slice(1, 2) }), 1);

    // Hand-written samples with flow style, and many small documentation examples.
    for (let k = 0; k < 4; k++) add('flow', `${repo}/samples/${apps[k % apps.length]}-${k}.yaml`, handWritten(g, `${repo}-sample-${k}`), 2);
    for (let k = 0; k < 22; k++) {
      const e = example(g, r * 100 + k);
      add('example', `${repo}/examples/example-${k}.${e.json ? 'json' : 'yaml'}`, e.text, e.objects);
    }
  }
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  return { files, objects, bytes, byShape };
}
