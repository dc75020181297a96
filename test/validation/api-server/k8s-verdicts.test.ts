/**
 * API-server verdicts from Kubernetes' own unit tests (pkg/apis/core/validation/validation_test.go
 * and pkg/apis/apps/validation/validation_test.go), replayed through lintObjects with only the
 * api-server rules. Each row names the Go test function and case.
 *
 * The Go tests call the internal validators directly, without the defaulting the API server applies
 * first. A manifest goes through defaulting, so a few Go error cases are accepted here, and say why
 * (`defaulted`): httpGet path "/" and scheme HTTP, port protocol TCP, fieldRef apiVersion v1,
 * terminationMessagePolicy File. Likewise the Go tests run with every feature gate a case needs;
 * rows that depend on a 1.28 default gate (SidecarContainers, PodHostIPs: both off) say so (`gate`)
 * and pin the version.
 */
import { lintObjects } from '../../../src/validation/engine';
import type { JsonMap } from '../../../src/validation/pod-template';
import type { KubeObject } from '../../../src/validation/rule';
import { API_SERVER_RULES } from '../../../src/validation/rules/api-server';

interface Row {
  /** The Kubernetes test function (or validation.go function) the case comes from. */
  readonly source: string;
  readonly name: string;
  readonly spec: JsonMap;
  /** @default 'Pod' */
  readonly kind?: 'Pod' | 'Deployment';
  /** Deployment-level fields. */
  readonly deploymentSpec?: JsonMap;
  /** @default '1.28' */
  readonly k8sVersion?: string;
  /** Paths the API server rejects, relative to the pod spec (or the object, with `absolute`); none: accepted. */
  readonly reject?: readonly string[];
  /** Paths the API server accepts but drops (feature gate off by default: api-server/gated-field), relative like `reject`. */
  readonly dropped?: readonly string[];
  readonly absolute?: boolean;
  /** Why the API server accepts what the Go unit test rejects. */
  readonly defaulted?: string;
  readonly gate?: string;
}

const ctr = (extra: JsonMap = {}): JsonMap => ({ name: 'ctr', image: 'image', ...extra });
const one = (extra: JsonMap = {}): JsonMap => ({ containers: [ctr(extra)] });
const app = { name: 'app', image: 'nginx' };
const withInit = (...init: JsonMap[]): JsonMap => ({ initContainers: init, containers: [app] });
const tcp80 = { tcpSocket: { port: 80 } };
const echo = { exec: { command: ['echo'] } };
const negatives = { initialDelaySeconds: -1, timeoutSeconds: -1, periodSeconds: -1, successThreshold: -1, failureThreshold: -1, terminationGracePeriodSeconds: -1 };
const negativePaths = (p: string) => ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'].map(f => `containers[0].${p}.${f}`);
const ref = (fieldPath: string, apiVersion: string | undefined = 'v1'): JsonMap => ({ valueFrom: { fieldRef: apiVersion ? { apiVersion, fieldPath } : { fieldPath } } });
const env = (...vars: JsonMap[]): JsonMap => one({ env: vars });
const envFrom = (...items: JsonMap[]): JsonMap => one({ envFrom: items });
const divisor = (resource: string, d: string): JsonMap => env({ name: 'R', valueFrom: { resourceFieldRef: { resource, divisor: d } } });
const probe = (handler: JsonMap): JsonMap => one({ readinessProbe: handler });
const sidecar = (extra: JsonMap): JsonMap => withInit({ name: 'restartable-init', image: 'image', restartPolicy: 'Always', ...extra });
const RESTART_ALWAYS_HOOKS_AND_PROBES = {
  name: 'container-3-restart-always-with-lifecycle-hook-and-probes',
  image: 'image',
  restartPolicy: 'Always',
  lifecycle: { postStart: { exec: { command: ['echo', 'post start'] } }, preStop: { exec: { command: ['echo', 'pre stop'] } } },
  livenessProbe: { ...tcp80, successThreshold: 1 },
  readinessProbe: tcp80,
  startupProbe: { ...tcp80, successThreshold: 1 },
};

const ROWS: Row[] = [
  // ---- TestValidateProbe / Test_validateProbe (validateProbe)
  ...['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'].map((f): Row =>
    ({ source: 'TestValidateProbe', name: `successCases: ${f} 10`, spec: probe({ ...echo, [f]: 10 }) })),
  { source: 'TestValidateProbe', name: 'errorCases: {TimeoutSeconds: 10, InitialDelaySeconds: 10} without handler', spec: probe({ timeoutSeconds: 10, initialDelaySeconds: 10 }), reject: ['containers[0].readinessProbe'] },
  ...['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'].map((f): Row =>
    ({ source: 'TestValidateProbe', name: `errorCases: ${f} -10`, spec: probe({ ...echo, [f]: -10 }), reject: [`containers[0].readinessProbe.${f}`] })),
  { source: 'Test_validateProbe', name: 'empty probe: must specify a handler type', spec: probe({}), reject: ['containers[0].readinessProbe'] },
  { source: 'Test_validateProbe', name: 'exec echo', spec: probe(echo) },
  { source: 'Test_validateProbe', name: 'terminationGracePeriodSeconds -1', spec: one({ livenessProbe: { ...echo, terminationGracePeriodSeconds: -1 } }), reject: ['containers[0].livenessProbe.terminationGracePeriodSeconds'] },
  { source: 'Test_validateProbe', name: 'terminationGracePeriodSeconds 0', spec: one({ livenessProbe: { ...echo, terminationGracePeriodSeconds: 0 } }), reject: ['containers[0].livenessProbe.terminationGracePeriodSeconds'] },
  { source: 'Test_validateProbe', name: 'terminationGracePeriodSeconds 1', spec: one({ livenessProbe: { ...echo, terminationGracePeriodSeconds: 1 } }) },

  // ---- TestValidateHandler (validateHandler, as probe handlers)
  { source: 'TestValidateHandler', name: 'success: exec echo', spec: probe(echo) },
  { source: 'TestValidateHandler', name: 'success: httpGet / port 1 HTTP', spec: probe({ httpGet: { path: '/', port: 1, host: '', scheme: 'HTTP' } }) },
  { source: 'TestValidateHandler', name: 'success: httpGet /foo port 65535 host', spec: probe({ httpGet: { path: '/foo', port: 65535, host: 'host', scheme: 'HTTP' } }) },
  { source: 'TestValidateHandler', name: 'success: named port', spec: probe({ httpGet: { path: '/', port: 'port', scheme: 'HTTP' } }) },
  { source: 'TestValidateHandler', name: 'success: Host header', spec: probe({ httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'Host', value: 'foo.example.com' }] } }) },
  { source: 'TestValidateHandler', name: 'success: repeated X-Forwarded-For', spec: probe({ httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'X-Forwarded-For', value: '1.2.3.4' }, { name: 'X-Forwarded-For', value: '5.6.7.8' }] } }) },
  { source: 'TestValidateHandler', name: 'error: no handler', spec: probe({}), reject: ['containers[0].readinessProbe'] },
  { source: 'TestValidateHandler', name: 'error: exec with empty command', spec: probe({ exec: { command: [] } }), reject: ['containers[0].readinessProbe.exec.command'] },
  { source: 'TestValidateHandler', name: 'error: httpGet path "" port 0', spec: probe({ httpGet: { path: '', port: 0, host: '' } }), reject: ['containers[0].readinessProbe.httpGet.port'], defaulted: 'path "" becomes "/" and scheme HTTP; only the port is wrong' },
  { source: 'TestValidateHandler', name: 'error: port 65536', spec: probe({ httpGet: { path: '/foo', port: 65536, host: 'host' } }), reject: ['containers[0].readinessProbe.httpGet.port'] },
  { source: 'TestValidateHandler', name: 'error: port ""', spec: probe({ httpGet: { path: '', port: '', host: '' } }), reject: ['containers[0].readinessProbe.httpGet.port'] },
  { source: 'TestValidateHandler', name: 'error: header "Host:"', spec: probe({ httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'Host:', value: 'foo.example.com' }] } }), reject: ['containers[0].readinessProbe.httpGet.httpHeaders'] },
  { source: 'TestValidateHandler', name: 'error: header "X_Forwarded_For"', spec: probe({ httpGet: { path: '/', port: 'port', scheme: 'HTTP', httpHeaders: [{ name: 'X_Forwarded_For', value: 'foo.example.com' }] } }), reject: ['containers[0].readinessProbe.httpGet.httpHeaders'] },
  { source: 'validateHandler', name: 'two handlers: the second is forbidden', spec: probe({ ...echo, ...tcp80 }), reject: ['containers[0].readinessProbe.tcpSocket'] },
  { source: 'validateGRPCAction', name: 'grpc port 0', spec: one({ livenessProbe: { grpc: { port: 0 } } }), reject: ['containers[0].livenessProbe.grpc.port'] },
  { source: 'validateHTTPGetAction', name: 'scheme "https" (lower case)', spec: probe({ httpGet: { port: 80, scheme: 'https' } }), reject: ['containers[0].readinessProbe.httpGet.scheme'] },

  // ---- TestValidateContainers
  { source: 'TestValidateContainers', name: 'successCase: abc', spec: { containers: [{ name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }] } },
  { source: 'TestValidateContainers', name: 'successCase: image " " in a pod template', kind: 'Deployment', spec: { containers: [{ name: 'def', image: ' ' }] } },
  { source: 'TestValidateEphemeralContainers', name: 'whitespace padded image name (Pods check it, templates do not)', spec: { containers: [{ name: 'debug', image: ' image' }] }, reject: ['containers[0].image'] },
  { source: 'TestValidateContainers', name: 'successCase: name "123"', spec: { containers: [{ name: '123', image: 'image' }] } },
  { source: 'TestValidateContainers', name: 'successCase: life-123 preStop exec', spec: { containers: [{ name: 'life-123', image: 'image', lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } }] } },
  { source: 'TestValidateContainers', name: 'successCase: same-host-port-different-protocol', spec: { containers: [{ name: 'same-host-port-different-protocol', image: 'image', ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }] }] } },
  { source: 'TestValidateContainers', name: 'successCase: fallback-to-logs-termination-message', spec: { containers: [{ name: 'fallback-to-logs-termination-message', image: 'image', terminationMessagePolicy: 'FallbackToLogsOnError' }] } },
  { source: 'TestValidateContainers', name: 'successCase: live-123 liveness tcpSocket', spec: { containers: [{ name: 'live-123', image: 'image', livenessProbe: { ...tcp80, successThreshold: 1 } }] } },
  { source: 'TestValidateContainers', name: 'successCase: startup-123 startup tcpSocket', spec: { containers: [{ name: 'startup-123', image: 'image', startupProbe: { ...tcp80, successThreshold: 1 } }] } },
  { source: 'TestValidateContainers', name: 'zero-length name', spec: { containers: [{ name: '', image: 'image' }] }, reject: ['containers[0].name'] },
  { source: 'TestValidateContainers', name: 'zero-length-image', spec: { containers: [{ name: 'abc', image: '' }] }, reject: ['containers[0].image'] },
  { source: 'TestValidateContainers', name: 'name > 63 characters', spec: { containers: [{ name: 'a'.repeat(64), image: 'image' }] }, reject: ['containers[0].name'] },
  { source: 'TestValidateContainers', name: 'name not a DNS label', spec: { containers: [{ name: 'a.b.c', image: 'image' }] }, reject: ['containers[0].name'] },
  { source: 'TestValidateContainers', name: 'name not unique', spec: { containers: [{ name: 'abc', image: 'image' }, { name: 'abc', image: 'image' }] }, reject: ['containers[1].name'] },
  { source: 'TestValidateContainers', name: 'host port not unique', spec: { containers: [{ name: 'abc', image: 'image', ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }, { name: 'def', image: 'image', ports: [{ containerPort: 81, hostPort: 80, protocol: 'TCP' }] }] }, reject: ['containers[1].ports[0].hostPort'] },
  { source: 'TestValidateContainers', name: 'invalid env var name', spec: { containers: [{ name: 'abc', image: 'image', env: [{ name: 'ev!1' }] }] }, reject: ['containers[0].env[0].name'] },
  { source: 'TestValidateContainers', name: 'invalid lifecycle, no exec command.', spec: one({ lifecycle: { preStop: { exec: {} } } }), reject: ['containers[0].lifecycle.preStop.exec.command'] },
  { source: 'TestValidateContainers', name: 'invalid lifecycle, no http path.', spec: one({ lifecycle: { preStop: { httpGet: { port: 80, scheme: 'HTTP' } } } }), defaulted: 'httpGet.path defaults to "/"' },
  { source: 'TestValidateContainers', name: 'invalid lifecycle, no http port.', spec: one({ lifecycle: { preStop: { httpGet: { path: '/', scheme: 'HTTP' } } } }), reject: ['containers[0].lifecycle.preStop.httpGet.port'] },
  { source: 'TestValidateContainers', name: 'invalid lifecycle, no http scheme.', spec: one({ lifecycle: { preStop: { httpGet: { path: '/', port: 80 } } } }), defaulted: 'httpGet.scheme defaults to HTTP' },
  { source: 'TestValidateContainers', name: 'invalid lifecycle, no tcp socket port.', spec: one({ lifecycle: { preStop: { tcpSocket: {} } } }), reject: ['containers[0].lifecycle.preStop.tcpSocket.port'] },
  { source: 'TestValidateContainers', name: 'invalid lifecycle, zero tcp socket port.', spec: one({ lifecycle: { preStop: { tcpSocket: { port: 0 } } } }), reject: ['containers[0].lifecycle.preStop.tcpSocket.port'] },
  { source: 'TestValidateContainers', name: 'invalid lifecycle, no action.', spec: one({ lifecycle: { preStop: {} } }), reject: ['containers[0].lifecycle.preStop'] },
  { source: 'validateLifecycle', name: 'tcpSocket preStop with a port: accepted by the API (never run by the kubelet)', spec: one({ lifecycle: { preStop: tcp80 } }) },
  { source: 'TestValidateContainers', name: 'invalid readiness probe, terminationGracePeriodSeconds set.', spec: one({ readinessProbe: { ...tcp80, terminationGracePeriodSeconds: 10 } }), reject: ['containers[0].readinessProbe.terminationGracePeriodSeconds'] },
  { source: 'TestValidateContainers', name: 'invalid liveness probe, no tcp socket port.', spec: one({ livenessProbe: { tcpSocket: {}, successThreshold: 1 } }), reject: ['containers[0].livenessProbe.tcpSocket.port'] },
  { source: 'TestValidateContainers', name: 'invalid liveness probe, no action.', spec: one({ livenessProbe: { successThreshold: 1 } }), reject: ['containers[0].livenessProbe'] },
  { source: 'TestValidateContainers', name: 'invalid liveness probe, successThreshold != 1', spec: one({ livenessProbe: { ...tcp80, successThreshold: 2 } }), reject: ['containers[0].livenessProbe.successThreshold'] },
  { source: 'TestValidateContainers', name: 'invalid startup probe, successThreshold != 1', spec: one({ startupProbe: { ...tcp80, successThreshold: 2 } }), reject: ['containers[0].startupProbe.successThreshold'] },
  { source: 'TestValidateContainers', name: 'invalid liveness probe, negative numbers', spec: one({ livenessProbe: { ...tcp80, ...negatives } }), reject: negativePaths('livenessProbe') },
  { source: 'TestValidateContainers', name: 'invalid readiness probe, negative numbers', spec: one({ readinessProbe: { ...tcp80, ...negatives } }), reject: negativePaths('readinessProbe') },
  { source: 'TestValidateContainers', name: 'invalid startup probe, negative numbers', spec: one({ startupProbe: { ...tcp80, ...negatives } }), reject: negativePaths('startupProbe') },
  { source: 'TestValidateContainers', name: 'liveness successThreshold 0 (defaulted)', spec: one({ livenessProbe: { ...tcp80, successThreshold: 0, periodSeconds: 0 } }), defaulted: 'a 0 successThreshold or periodSeconds means the default (1, 10)' },
  { source: 'TestValidateContainers', name: 'invalid message termination policy', spec: one({ terminationMessagePolicy: 'Unknown' }), reject: ['containers[0].terminationMessagePolicy'] },
  { source: 'TestValidateContainers', name: 'empty message termination policy', spec: one({ terminationMessagePolicy: '' }), defaulted: 'terminationMessagePolicy defaults to File' },
  ...['Always', 'OnFailure', 'Never', 'invalid', ''].map((p): Row =>
    ({ source: 'TestValidateContainers', name: `Forbidden RestartPolicy: ${p || 'empty'}`, spec: { containers: [{ name: 'foo', image: 'image', restartPolicy: p }] }, reject: ['containers[0].restartPolicy'] })),

  // ---- TestValidateInitContainers (regular containers: [app])
  { source: 'TestValidateInitContainers', name: 'successCase: same host port, different protocol, in two init containers', spec: withInit(
    { name: 'container-1-same-host-port-different-protocol', image: 'image', ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }] },
    { name: 'container-2-same-host-port-different-protocol', image: 'image', ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }] }) },
  { source: 'TestValidateInitContainers', name: 'successCase: restart-always with lifecycle hook and probes (1.29+)', spec: withInit(RESTART_ALWAYS_HOOKS_AND_PROBES), k8sVersion: '1.29' },
  { source: 'TestValidateInitContainers', name: 'successCase: restart-always with lifecycle hook and probes, on 1.28', spec: withInit(RESTART_ALWAYS_HOOKS_AND_PROBES),
    gate: '1.28 drops restartPolicy from init containers (SidecarContainers off), then forbids the hooks and probes',
    reject: ['initContainers[0].lifecycle', 'initContainers[0].livenessProbe', 'initContainers[0].readinessProbe', 'initContainers[0].startupProbe'],
    dropped: ['initContainers[0].restartPolicy'] },
  { source: 'TestValidateInitContainers', name: 'empty name', spec: withInit({ name: '', image: 'image' }), reject: ['initContainers[0].name'] },
  { source: 'TestValidateInitContainers', name: 'name collision with regular container', spec: withInit({ name: 'app', image: 'image' }), reject: ['initContainers[0].name'] },
  { source: 'TestValidateInitContainers', name: 'invalid termination message policy', spec: withInit({ name: 'init', image: 'image', terminationMessagePolicy: 'Unknown' }), reject: ['initContainers[0].terminationMessagePolicy'] },
  { source: 'TestValidateInitContainers', name: 'duplicate names', spec: withInit({ name: 'init', image: 'image' }, { name: 'init', image: 'image' }), reject: ['initContainers[1].name'] },
  { source: 'TestValidateInitContainers', name: 'duplicate ports', spec: withInit({ name: 'abc', image: 'image', ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }, { containerPort: 8080, hostPort: 8080, protocol: 'TCP' }] }), reject: ['initContainers[0].ports[1].hostPort'] },
  { source: 'TestValidateInitContainers', name: 'uses disallowed field: Lifecycle', spec: withInit({ name: 'debug', image: 'image', lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } }), reject: ['initContainers[0].lifecycle'] },
  { source: 'TestValidateInitContainers', name: 'uses disallowed field: LivenessProbe', spec: withInit({ name: 'debug', image: 'image', livenessProbe: { ...tcp80, successThreshold: 1 } }), reject: ['initContainers[0].livenessProbe'] },
  { source: 'TestValidateInitContainers', name: 'uses disallowed field: ReadinessProbe', spec: withInit({ name: 'debug', image: 'image', readinessProbe: tcp80 }), reject: ['initContainers[0].readinessProbe'] },
  { source: 'TestValidateInitContainers', name: 'Container uses disallowed field: StartupProbe', spec: withInit({ name: 'debug', image: 'image', startupProbe: { ...tcp80, successThreshold: 1 } }), reject: ['initContainers[0].startupProbe'] },
  { source: 'TestValidateInitContainers', name: 'Disallowed field with other errors should only return a single Forbidden', spec: withInit({ name: 'debug', image: 'image', startupProbe: { ...tcp80, ...negatives } }), reject: ['initContainers[0].startupProbe'] },
  { source: 'TestValidateInitContainers', name: 'Not supported RestartPolicy: OnFailure, on 1.28', spec: withInit({ name: 'init', image: 'image', restartPolicy: 'OnFailure' }), gate: 'restartPolicy is dropped from init containers before validation', dropped: ['initContainers[0].restartPolicy'] },
  ...['OnFailure', 'Never', 'invalid', ''].map((p): Row =>
    ({ source: 'TestValidateInitContainers', name: `Not supported RestartPolicy: ${p || 'empty'} (1.29+)`, spec: withInit({ name: 'init', image: 'image', restartPolicy: p }), k8sVersion: '1.29', reject: ['initContainers[0].restartPolicy'] })),
  { source: 'TestValidateInitContainers', name: 'invalid startup probe in restartable container, successThreshold != 1', k8sVersion: '1.29', spec: sidecar({ startupProbe: { ...tcp80, successThreshold: 2 } }), reject: ['initContainers[0].startupProbe.successThreshold'] },
  { source: 'TestValidateInitContainers', name: 'invalid readiness probe, terminationGracePeriodSeconds set.', k8sVersion: '1.29', spec: sidecar({ readinessProbe: { ...tcp80, terminationGracePeriodSeconds: 10 } }), reject: ['initContainers[0].readinessProbe.terminationGracePeriodSeconds'] },
  { source: 'TestValidateInitContainers', name: 'invalid liveness probe, successThreshold != 1', k8sVersion: '1.29', spec: sidecar({ livenessProbe: { ...tcp80, successThreshold: 2 } }), reject: ['initContainers[0].livenessProbe.successThreshold'] },
  { source: 'TestValidateInitContainers', name: 'invalid lifecycle, no exec command.', k8sVersion: '1.29', spec: sidecar({ lifecycle: { preStop: { exec: {} } } }), reject: ['initContainers[0].lifecycle.preStop.exec.command'] },
  { source: 'TestValidateInitContainers', name: 'invalid lifecycle, no http path.', k8sVersion: '1.29', spec: sidecar({ lifecycle: { preStop: { httpGet: { port: 80, scheme: 'HTTP' } } } }), defaulted: 'httpGet.path defaults to "/"' },
  { source: 'TestValidateInitContainers', name: 'invalid lifecycle, no http port.', k8sVersion: '1.29', spec: sidecar({ lifecycle: { preStop: { httpGet: { path: '/', scheme: 'HTTP' } } } }), reject: ['initContainers[0].lifecycle.preStop.httpGet.port'] },
  { source: 'TestValidateInitContainers', name: 'invalid lifecycle, no tcp socket port.', k8sVersion: '1.29', spec: sidecar({ lifecycle: { preStop: { tcpSocket: {} } } }), reject: ['initContainers[0].lifecycle.preStop.tcpSocket.port'] },
  { source: 'TestValidateInitContainers', name: 'invalid lifecycle, no action.', k8sVersion: '1.29', spec: sidecar({ lifecycle: { preStop: {} } }), reject: ['initContainers[0].lifecycle.preStop'] },

  // ---- TestValidatePorts (validateContainerPorts)
  { source: 'TestValidatePorts', name: 'successCase', spec: one({ ports: [{ name: 'abc', containerPort: 80, hostPort: 80, protocol: 'TCP' }, { name: 'easy', containerPort: 82, protocol: 'TCP' }, { name: 'as', containerPort: 83, protocol: 'UDP' }, { name: 'do-re-me', containerPort: 84, protocol: 'SCTP' }, { containerPort: 85, protocol: 'TCP' }] }) },
  { source: 'TestValidatePorts', name: 'nonCanonicalCase', spec: one({ ports: [{ containerPort: 80, protocol: 'TCP' }] }) },
  { source: 'TestValidatePorts', name: 'name > 15 characters', spec: one({ ports: [{ name: 'a'.repeat(16), containerPort: 80, protocol: 'TCP' }] }), reject: ['containers[0].ports[0].name'] },
  { source: 'TestValidatePorts', name: 'name contains invalid characters', spec: one({ ports: [{ name: 'a.b.c', containerPort: 80, protocol: 'TCP' }] }), reject: ['containers[0].ports[0].name'] },
  { source: 'TestValidatePorts', name: 'name is a number', spec: one({ ports: [{ name: '80', containerPort: 80, protocol: 'TCP' }] }), reject: ['containers[0].ports[0].name'] },
  { source: 'TestValidatePorts', name: 'name not unique', spec: one({ ports: [{ name: 'abc', containerPort: 80, protocol: 'TCP' }, { name: 'abc', containerPort: 81, protocol: 'TCP' }] }), reject: ['containers[0].ports[1].name'] },
  { source: 'TestValidatePorts', name: 'zero container port', spec: one({ ports: [{ containerPort: 0, protocol: 'TCP' }] }), reject: ['containers[0].ports[0].containerPort'] },
  { source: 'TestValidatePorts', name: 'invalid container port', spec: one({ ports: [{ containerPort: 65536, protocol: 'TCP' }] }), reject: ['containers[0].ports[0].containerPort'] },
  { source: 'TestValidatePorts', name: 'invalid host port', spec: one({ ports: [{ containerPort: 80, hostPort: 65536, protocol: 'TCP' }] }), reject: ['containers[0].ports[0].hostPort'] },
  { source: 'TestValidatePorts', name: 'invalid protocol case', spec: one({ ports: [{ containerPort: 80, protocol: 'tcp' }] }), reject: ['containers[0].ports[0].protocol'] },
  { source: 'TestValidatePorts', name: 'invalid protocol', spec: one({ ports: [{ containerPort: 80, protocol: 'ICMP' }] }), reject: ['containers[0].ports[0].protocol'] },
  { source: 'TestValidatePorts', name: 'protocol required', spec: one({ ports: [{ name: 'abc', containerPort: 80 }] }), defaulted: 'protocol defaults to TCP' },
  { source: 'validatePodHostNetworkDeps', name: 'Pod with hostNetwork: hostPort must equal containerPort', spec: { hostNetwork: true, containers: [ctr({ ports: [{ containerPort: 8080, hostPort: 80 }] })] }, reject: ['containers[0].ports[0].hostPort'] },
  { source: 'validatePodHostNetworkDeps', name: 'Deployment with hostNetwork: hostPort 0 is allowed in a template', kind: 'Deployment', spec: { hostNetwork: true, containers: [ctr({ ports: [{ containerPort: 8080 }] })] } },

  // ---- TestValidateEnv (ValidateEnv, strict names as on 1.28)
  { source: 'TestValidateEnv', name: 'successCase: plain names and values', spec: env({ name: 'abc', value: 'value' }, { name: 'ABC', value: 'value' }, { name: 'AbC_123', value: 'value' }, { name: 'abc', value: '' }, { name: 'a.b.c', value: 'value' }, { name: 'a-b-c', value: 'value' }) },
  ...["metadata.annotations['key']", "metadata.labels['key']", 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs'].map((p): Row =>
    ({ source: 'TestValidateEnv', name: `successCase: fieldRef ${p}`, spec: env({ name: 'abc', ...ref(p) }) })),
  { source: 'TestValidateEnv', name: 'successCase: secretKeyRef', spec: env({ name: 'secret_value', valueFrom: { secretKeyRef: { name: 'some-secret', key: 'secret-key' } } }) },
  { source: 'TestValidateEnv', name: 'successCase: configMapKeyRef', spec: env({ name: 'ENV_VAR_1', valueFrom: { configMapKeyRef: { name: 'some-config-map', key: 'some-key' } } }) },
  { source: 'validateDownwardAPIHostIPs', name: 'status.hostIPs on 1.28', spec: env({ name: 'abc', ...ref('status.hostIPs') }), gate: 'PodHostIPs is alpha (off) in 1.28', reject: ['containers[0].env[0].valueFrom.fieldRef'] },
  { source: 'validateDownwardAPIHostIPs', name: 'status.hostIPs on 1.29', spec: env({ name: 'abc', ...ref('status.hostIPs') }), k8sVersion: '1.29' },
  { source: 'TestValidateEnv', name: 'zero-length name', spec: env({ name: '' }), reject: ['containers[0].env[0].name'] },
  { source: 'TestValidateEnv', name: 'value and valueFrom specified', spec: env({ name: 'abc', value: 'foo', ...ref('metadata.name') }), reject: ['containers[0].env[0].valueFrom'] },
  { source: 'TestValidateEnv', name: 'valueFrom without a source', spec: env({ name: 'abc', valueFrom: {} }), reject: ['containers[0].env[0].valueFrom'] },
  { source: 'TestValidateEnv', name: 'valueFrom.fieldRef and valueFrom.secretKeyRef specified', spec: env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, secretKeyRef: { name: 'a-secret', key: 'a-key' } } }), reject: ['containers[0].env[0].valueFrom'] },
  { source: 'TestValidateEnv', name: 'valueFrom.fieldRef and valueFrom.configMapKeyRef set', spec: env({ name: 'some_var_name', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, configMapKeyRef: { name: 'some-config-map', key: 'some-key' } } }), reject: ['containers[0].env[0].valueFrom'] },
  { source: 'TestValidateEnv', name: 'fieldRef, secretKeyRef and configMapKeyRef', spec: env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, secretKeyRef: { name: 'a-secret', key: 'a-key' }, configMapKeyRef: { name: 'some-config-map', key: 'some-key' } } }), reject: ['containers[0].env[0].valueFrom'] },
  { source: 'TestValidateEnv', name: 'valueFrom.secretKeyRef.name invalid', spec: env({ name: 'abc', valueFrom: { secretKeyRef: { name: '$%^&*#', key: 'a-key' } } }), reject: ['containers[0].env[0].valueFrom.secretKeyRef.name'] },
  { source: 'TestValidateEnv', name: 'valueFrom.configMapKeyRef.name invalid', spec: env({ name: 'abc', valueFrom: { configMapKeyRef: { name: '$%^&*#', key: 'some-key' } } }), reject: ['containers[0].env[0].valueFrom.configMapKeyRef.name'] },
  { source: 'TestValidateEnv', name: 'missing FieldPath on ObjectFieldSelector', spec: env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1' } } }), reject: ['containers[0].env[0].valueFrom.fieldRef.fieldPath'] },
  { source: 'TestValidateEnv', name: 'missing APIVersion on ObjectFieldSelector', spec: env({ name: 'abc', ...ref('metadata.name', undefined) }), defaulted: 'fieldRef.apiVersion defaults to v1' },
  { source: 'TestValidateEnv', name: 'invalid fieldPath', spec: env({ name: 'abc', ...ref('metadata.whoops') }), reject: ['containers[0].env[0].valueFrom.fieldRef.fieldPath'] },
  { source: 'TestValidateEnv', name: 'metadata.name with subscript', spec: env({ name: 'labels', ...ref("metadata.name['key']") }), reject: ['containers[0].env[0].valueFrom.fieldRef.fieldPath'] },
  { source: 'TestValidateEnv', name: 'metadata.labels without subscript', spec: env({ name: 'labels', ...ref('metadata.labels') }), reject: ['containers[0].env[0].valueFrom.fieldRef.fieldPath'] },
  { source: 'TestValidateEnv', name: 'metadata.annotations without subscript', spec: env({ name: 'abc', ...ref('metadata.annotations') }), reject: ['containers[0].env[0].valueFrom.fieldRef.fieldPath'] },
  { source: 'TestValidateEnv', name: 'metadata.annotations with invalid key', spec: env({ name: 'abc', ...ref("metadata.annotations['invalid~key']") }), reject: ['containers[0].env[0].valueFrom.fieldRef'] },
  { source: 'TestValidateEnv', name: 'metadata.labels with invalid key', spec: env({ name: 'abc', ...ref("metadata.labels['Www.k8s.io/test']") }), reject: ['containers[0].env[0].valueFrom.fieldRef'] },
  { source: 'TestValidateEnv', name: 'unsupported fieldPath', spec: env({ name: 'abc', ...ref('status.phase') }), reject: ['containers[0].env[0].valueFrom.fieldRef.fieldPath'] },
  ...['!"#$%&\'()', '* +,-./0123456789', ':;<>?@', '[\\]^_{}|~'].map((n): Row =>
    ({ source: 'TestValidateEnv', name: `updateErrorCase (strict names on 1.28): ${JSON.stringify(n)}`, spec: env({ name: n, value: 'value' }), reject: ['containers[0].env[0].name'] })),
  { source: 'TestLocalStorageEnvWithFeatureGate', name: 'ephemeral-storage limits and requests', spec: env(
    { name: 'ephemeral-storage-limits', valueFrom: { resourceFieldRef: { containerName: 'ctr', resource: 'limits.ephemeral-storage' } } },
    { name: 'ephemeral-storage-requests', valueFrom: { resourceFieldRef: { containerName: 'ctr', resource: 'requests.ephemeral-storage' } } }) },
  { source: 'TestHugePagesEnv', name: 'hugepages limits and requests', spec: env(
    { name: 'hugepages-limits', valueFrom: { resourceFieldRef: { containerName: 'ctr', resource: 'limits.hugepages-2Mi' } } },
    { name: 'hugepages-requests', valueFrom: { resourceFieldRef: { containerName: 'ctr', resource: 'requests.hugepages-2Mi' } } }) },

  // ---- validateContainerResourceDivisor (divisors are compared as canonical quantities)
  ...([['limits.cpu', '1m'], ['limits.cpu', '1000m'], ['requests.cpu', '0.001'], ['limits.memory', '1Mi'], ['limits.memory', '1k'], ['limits.memory', '1000'], ['requests.ephemeral-storage', '1Gi'], ['limits.hugepages-2Mi', '1Ki'], ['limits.memory', '1024Ki'], ['limits.memory', '0']] as const).map(([r, d]): Row =>
    ({ source: 'validateContainerResourceDivisor', name: `${r} divisor ${d}`, spec: divisor(r, d) })),
  ...([['limits.cpu', '2m'], ['limits.cpu', '1Ki'], ['limits.memory', '1024'], ['limits.memory', '1e3'], ['limits.memory', '1m'], ['requests.ephemeral-storage', '2Gi'], ['limits.hugepages-2Mi', '1048576']] as const).map(([r, d]): Row =>
    ({ source: 'validateContainerResourceDivisor', name: `${r} divisor ${d}`, spec: divisor(r, d), reject: ['containers[0].env[0].valueFrom.resourceFieldRef.divisor'] })),

  // ---- TestValidateEnvFrom
  { source: 'TestValidateEnvFrom', name: 'successCase', spec: envFrom({ configMapRef: { name: 'abc' } }, { prefix: 'pre_', configMapRef: { name: 'abc' } }, { prefix: 'a.b', configMapRef: { name: 'abc' } }, { secretRef: { name: 'abc' } }, { prefix: 'pre_', secretRef: { name: 'abc' } }, { prefix: 'a.b', secretRef: { name: 'abc' } }) },
  { source: 'TestValidateEnvFrom', name: 'zero-length configMapRef name', spec: envFrom({ configMapRef: { name: '' } }), reject: ['containers[0].envFrom[0].configMapRef.name'] },
  { source: 'TestValidateEnvFrom', name: 'invalid configMapRef name', spec: envFrom({ configMapRef: { name: '$' } }), reject: ['containers[0].envFrom[0].configMapRef.name'] },
  { source: 'TestValidateEnvFrom', name: 'zero-length secretRef name', spec: envFrom({ secretRef: { name: '' } }), reject: ['containers[0].envFrom[0].secretRef.name'] },
  { source: 'TestValidateEnvFrom', name: 'invalid secretRef name', spec: envFrom({ secretRef: { name: '&' } }), reject: ['containers[0].envFrom[0].secretRef.name'] },
  { source: 'TestValidateEnvFrom', name: 'no refs', spec: envFrom({}), reject: ['containers[0].envFrom'] },
  { source: 'TestValidateEnvFrom', name: 'multiple refs', spec: envFrom({ secretRef: { name: 'abc' }, configMapRef: { name: 'abc' } }), reject: ['containers[0].envFrom'] },
  { source: 'TestValidateEnvFrom', name: 'updateErrorCase: invalid prefix', spec: envFrom({ prefix: '!"#$%&\'()', secretRef: { name: 'abc' } }), reject: ['containers[0].envFrom[0].prefix'] },

  // ---- pkg/apis/apps/validation TestValidateDeployment
  { source: 'apps TestValidateDeployment', name: 'may not be 0 when `maxSurge` is 0 ("0%" and 0)', kind: 'Deployment', spec: one(), deploymentSpec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } }, absolute: true, reject: ['spec.strategy.rollingUpdate.maxUnavailable'] },
  { source: 'apps TestValidateDeployment', name: 'a valid percent string must be ("20Percent")', kind: 'Deployment', spec: one(), deploymentSpec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '20Percent' } } }, absolute: true, reject: ['spec.strategy.rollingUpdate.maxSurge'] },
  { source: 'apps TestValidateDeployment', name: 'must not be greater than 100% ("110%")', kind: 'Deployment', spec: one(), deploymentSpec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%' } } }, absolute: true, reject: ['spec.strategy.rollingUpdate.maxUnavailable'] },
  { source: 'apps TestValidateDeployment', name: 'may not be specified when strategy `type` is \'Recreate\'', kind: 'Deployment', spec: one(), deploymentSpec: { strategy: { type: 'Recreate', rollingUpdate: {} } }, absolute: true, reject: ['spec.strategy.rollingUpdate'] },
  { source: 'apps TestValidateDeployment', name: 'must be greater than minReadySeconds (600 and 600)', kind: 'Deployment', spec: one(), deploymentSpec: { progressDeadlineSeconds: 600, minReadySeconds: 600 }, absolute: true, reject: ['spec.progressDeadlineSeconds'] },
  { source: 'apps TestValidateDeployment', name: '`selector` does not match template `labels`', kind: 'Deployment', spec: one(), deploymentSpec: { selector: { matchLabels: { name: 'other' } } }, absolute: true, reject: ['spec.template.metadata.labels'] },
  { source: 'apps TestValidateDeployment', name: 'template restartPolicy OnFailure', kind: 'Deployment', spec: { ...one(), restartPolicy: 'OnFailure' }, reject: ['restartPolicy'] },
  { source: 'apps TestValidateDeployment', name: 'zero-downtime strategy maxUnavailable 0, maxSurge 1', kind: 'Deployment', spec: one(), deploymentSpec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } },
];

function objectOf(row: Row): KubeObject {
  if (row.kind === 'Deployment') {
    const labels = { app: 'verdicts' };
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'verdicts', namespace: 'default' },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: row.spec }, ...row.deploymentSpec },
    };
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'verdicts', namespace: 'default' }, spec: row.spec };
}

describe('kube-apiserver verdicts from Kubernetes validation tests', () => {
  it('has a table of at least 60 cases', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ROWS.map(r => [`${r.source} › ${r.name}${r.k8sVersion ? ` @${r.k8sVersion}` : ''}`, r] as const))('%s', (_title, row) => {
    const findings = lintObjects([objectOf(row)], { rules: API_SERVER_RULES, k8sVersion: row.k8sVersion ?? '1.28' });
    const prefix = row.absolute ? '' : row.kind === 'Deployment' ? 'spec.template.spec.' : 'spec.';
    const paths = (list: readonly string[] | undefined) => [...new Set((list ?? []).map(p => `${prefix}${p}`))].sort();
    const pathsOf = (fs: typeof findings) => [...new Set(fs.map(f => f.path))].sort();
    // Rejections and drops are different verdicts: the API server refuses the one and stores the object without the other.
    expect(pathsOf(findings.filter(f => f.rule !== 'api-server/gated-field'))).toEqual(paths(row.reject));
    expect(pathsOf(findings.filter(f => f.rule === 'api-server/gated-field'))).toEqual(paths(row.dropped));
    for (const f of findings) {
      expect(f.severity).toBe('error');
      expect(f.rule).toMatch(/^api-server\//);
    }
  });
});
