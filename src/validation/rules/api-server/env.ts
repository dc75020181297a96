/** api-server/env: `env` and `envFrom` as ValidateEnv and ValidateEnvFrom check them. */
import type { Violation } from '../../finding';
import { child, index } from '../../field-path';
import { isMap, type JsonMap } from '../../pod-template';
import type { Rule, RuleContext } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { forbidden, invalid, notSupported, required } from './field-error';
import { ENV_FILES, POD_HOST_IPS, RELAXED_ENVIRONMENT_VARIABLE_VALIDATION } from '../../feature-gates';
import { isConfigMapKey, isDns1123Subdomain, isEnvVarName, isQualifiedName, isRelaxedEnvVarName, nameIsDnsSubdomain } from './k8s-formats';
import { canonicalQuantity, QUANTITY_SYNTAX_ERROR } from './quantity';
import { eachMap, gateOn, podView } from './pod-view';

/** validEnvDownwardAPIFieldPathExpressions (sorted, as sets.List prints them). */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const ENV_FIELD_PATH_SET = new Set(ENV_FIELD_PATHS);
/** What ConvertDownwardAPIFieldLabel (pkg/apis/core/pods/helpers.go) accepts for v1 before the env check. */
const CONVERTIBLE = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);

const RESOURCES = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const RESOURCE_SET = new Set(RESOURCES);
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];

const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);
const BYTE_DIVISOR_LIST = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";

const ENV_NAME_FIX = 'env var names are letters, digits, "_", "-" and ".", not starting with a digit (any printable ASCII but "=" from Kubernetes 1.32)';
const RELAXED_ENV_NAME_FIX = 'env var names are printable ASCII characters other than "=", and not empty';

/** The env name check of the target version: strict, or relaxed once RelaxedEnvironmentVariableValidation is on (1.32). */
interface EnvNames {
  readonly check: (name: string) => readonly string[];
  readonly fix: string;
}

function envNames(context: RuleContext): EnvNames {
  return gateOn(RELAXED_ENVIRONMENT_VARIABLE_VALIDATION, context)
    ? { check: isRelaxedEnvVarName, fix: RELAXED_ENV_NAME_FIX }
    : { check: isEnvVarName, fix: ENV_NAME_FIX };
}

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']` → [path, key]. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const inner = fieldPath.slice(0, -2);
  const at = inner.indexOf("['");
  if (at <= 0) return undefined;
  return [inner.slice(0, at), inner.slice(at + 2)];
}

function checkFieldRef(ref: JsonMap, path: string, context: RuleContext, out: Violation[], note?: string): void {
  // apiVersion is defaulted to "v1" (SetDefaults_ObjectFieldSelector).
  const apiVersion = typeof ref.apiVersion === 'string' && ref.apiVersion !== '' ? ref.apiVersion : 'v1';
  const fieldPath = typeof ref.fieldPath === 'string' ? ref.fieldPath : '';
  const fpPath = child(path, 'fieldPath');
  if (fieldPath === '') {
    out.push(required(fpPath, undefined, 'set fieldPath, e.g. metadata.name or status.podIP', note));
    return;
  }
  if (apiVersion !== 'v1') {
    out.push(invalid(fpPath, fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`, 'use apiVersion: v1 (or leave it out)', note));
    return;
  }
  const sub = splitSubscript(fieldPath);
  if (sub) {
    const [base, key] = sub;
    if (base === 'metadata.annotations') {
      for (const msg of isQualifiedName(key.toLowerCase())) out.push(invalid(path, key, msg, 'use a valid annotation key inside [\'...\']', note));
    } else if (base === 'metadata.labels') {
      for (const msg of isQualifiedName(key)) out.push(invalid(path, key, msg, 'use a valid label key inside [\'...\']', note));
    } else {
      out.push(invalid(fpPath, fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`, 'only metadata.labels[\'k\'] and metadata.annotations[\'k\'] take a subscript', note));
    }
    return;
  }
  if (!CONVERTIBLE.has(fieldPath) && fieldPath !== 'spec.host') {
    out.push(invalid(fpPath, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`, `use one of ${ENV_FIELD_PATHS.join(', ')}`, note));
    return;
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!ENV_FIELD_PATH_SET.has(internal)) {
    out.push(notSupported(fpPath, internal, ENV_FIELD_PATHS,
      internal === 'metadata.labels' || internal === 'metadata.annotations'
        ? `env takes one key: ${internal}['key'] (the whole map is for downwardAPI volumes only)`
        : undefined, note));
    return;
  }
  // PodHostIPs is alpha (off) in 1.28, beta (on) from 1.29.
  if (fieldPath === 'status.hostIPs' && !gateOn(POD_HOST_IPS, context)) {
    out.push(forbidden(path, "may not be set when feature gate 'PodHostIPs' is not enabled", 'use status.hostIP on 1.28', note));
  }
}

function checkDivisor(resource: string, divisor: unknown, path: string, out: Violation[], note?: string): void {
  if (divisor === undefined || divisor === null) return;
  if (typeof divisor !== 'string' && typeof divisor !== 'number') return;
  const canonical = canonicalQuantity(divisor);
  const at = child(path, 'divisor');
  if (canonical === undefined) {
    out.push(invalid(at, divisor, QUANTITY_SYNTAX_ERROR, 'write the divisor as a quantity such as 1m or 1Mi', note));
    return;
  }
  if (canonical === '0') return; // a zero divisor is "unset"
  let allowed: Set<string> | undefined;
  let msg = '';
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    allowed = CPU_DIVISORS;
    msg = "only divisor's values 1m and 1 are supported with the cpu resource";
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    allowed = BYTE_DIVISORS;
    msg = `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the memory resource`;
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    allowed = BYTE_DIVISORS;
    msg = `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the local ephemeral storage resource`;
  } else if (HUGEPAGES_PREFIXES.some(p => resource.startsWith(p))) {
    allowed = BYTE_DIVISORS;
    msg = `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the hugepages resource`;
  }
  if (allowed && !allowed.has(canonical)) {
    out.push(invalid(at, resource, msg, `the divisor ${JSON.stringify(String(divisor))} reads as ${canonical}: use one of the listed values (1Mi or 1024Ki, not 1048576: a plain number stays decimal)`, note));
  }
}

function checkResourceFieldRef(ref: JsonMap, path: string, out: Violation[], note?: string): void {
  const resource = typeof ref.resource === 'string' ? ref.resource : '';
  if (resource === '') {
    out.push(required(child(path, 'resource'), undefined, 'set resource, e.g. limits.memory', note));
  } else if (!RESOURCE_SET.has(resource) && !HUGEPAGES_PREFIXES.some(p => resource.startsWith(p))) {
    out.push(notSupported(child(path, 'resource'), resource, RESOURCES, 'use limits.* or requests.* of cpu, memory, ephemeral-storage or hugepages-<size>', note));
  }
  checkDivisor(resource, ref.divisor, path, out, note);
}

function checkKeySelector(ref: JsonMap, path: string, out: Violation[], note?: string): void {
  const name = typeof ref.name === 'string' ? ref.name : '';
  for (const msg of isDns1123Subdomain(name)) out.push(invalid(child(path, 'name'), name, msg, 'name the ConfigMap or Secret (a DNS-1123 subdomain)', note));
  const key = typeof ref.key === 'string' ? ref.key : '';
  if (key === '') out.push(required(child(path, 'key'), undefined, 'name the key to read', note));
  else for (const msg of isConfigMapKey(key)) out.push(invalid(child(path, 'key'), key, msg, undefined, note));
}

function checkEnvVar(ev: JsonMap, path: string, context: RuleContext, names: EnvNames, out: Violation[], note?: string): void {
  const name = typeof ev.name === 'string' ? ev.name : '';
  if (name === '') out.push(required(child(path, 'name'), undefined, 'give the variable a name', note));
  else for (const msg of names.check(name)) out.push(invalid(child(path, 'name'), name, msg, names.fix, note));

  const from = ev.valueFrom;
  if (!isMap(from)) return;
  const at = child(path, 'valueFrom');
  let sources = 0;
  if (isMap(from.fieldRef)) {
    sources++;
    checkFieldRef(from.fieldRef, child(at, 'fieldRef'), context, out, note);
  }
  if (isMap(from.resourceFieldRef)) {
    sources++;
    checkResourceFieldRef(from.resourceFieldRef, child(at, 'resourceFieldRef'), out, note);
  }
  if (isMap(from.configMapKeyRef)) {
    sources++;
    checkKeySelector(from.configMapKeyRef, child(at, 'configMapKeyRef'), out, note);
  }
  if (isMap(from.secretKeyRef)) {
    sources++;
    checkKeySelector(from.secretKeyRef, child(at, 'secretKeyRef'), out, note);
  }
  // EnvFiles (1.35, on): a fifth source. On 1.34 the API server drops it first (api-server/gated-field).
  const fileKeyRef = gateOn(ENV_FILES, context);
  if (fileKeyRef && isMap(from.fileKeyRef)) sources++;
  const value = typeof ev.value === 'string' ? ev.value : '';
  if (sources === 0) {
    const list = fileKeyRef ? '`fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`' : '`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`';
    out.push(invalid(at, '', `must specify one of: ${list}`, 'give valueFrom exactly one source, or use value', note));
  } else if (value.length !== 0) {
    out.push(invalid(at, '', 'may not be specified when `value` is not empty', 'keep either value or valueFrom', note));
  } else if (sources > 1) {
    out.push(invalid(at, '', 'may not have more than one field specified at a time', `keep one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef${fileKeyRef ? ', fileKeyRef' : ''}`, note));
  }
}

function checkEnvFrom(items: unknown, path: string, names: EnvNames, out: Violation[], note?: string): void {
  eachMap(items, (ev, i) => {
    const at = index(path, i);
    const prefix = typeof ev.prefix === 'string' ? ev.prefix : '';
    if (prefix.length > 0) for (const msg of names.check(prefix)) out.push(invalid(child(at, 'prefix'), prefix, msg, names.fix, note));
    let sources = 0;
    for (const field of ['configMapRef', 'secretRef'] as const) {
      const ref = ev[field];
      if (!isMap(ref)) continue;
      sources++;
      const name = typeof ref.name === 'string' ? ref.name : '';
      const namePath = child(child(at, field), 'name');
      if (name === '') out.push(required(namePath, undefined, 'name the ConfigMap or Secret', note));
      else for (const msg of nameIsDnsSubdomain(name, true)) out.push(invalid(namePath, name, msg, undefined, note));
    }
    // validation.go reports these two at `envFrom`, not at the item.
    if (sources === 0) out.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`', `give envFrom[${i}] a configMapRef or a secretRef`, note));
    else if (sources > 1) out.push(invalid(path, '', 'may not have more than one field specified at a time', `split envFrom[${i}] into one item per source`, note));
  });
}

const downward = (fieldPath: string) => ({ valueFrom: { fieldRef: { fieldPath } } });

export const envRule: Rule = {
  id: 'api-server/env',
  category: 'api-server',
  severity: 'error',
  summary: 'Env vars have valid names and exactly one value source; downward-API field paths, resources and divisors are ones the API server allows.',
  docs: 'ValidateEnv and ValidateEnvFrom (validation.go) require env names matching [-._a-zA-Z][-._a-zA-Z0-9]* that are not ".", ".." or "..x" (IsEnvVarName) up to 1.31; from 1.32, where RelaxedEnvironmentVariableValidation is on by default (alpha in 1.30, beta 1.32, GA 1.34), any printable ASCII but "=" (IsRelaxedEnvVarName, https://github.com/kubernetes/kubernetes/blob/v1.32.0/pkg/apis/core/validation/validation.go); envFrom prefixes likewise, at most one of value and valueFrom, and a valueFrom with exactly one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef (or, from 1.35 where EnvFiles is on by default, fileKeyRef; on 1.34 the alpha gate is off and the API server drops fileKeyRef, leaving valueFrom without a source). fieldRef.fieldPath must be one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs, or metadata.labels[\'k\'] / metadata.annotations[\'k\'] with a valid key (the whole maps only work in downwardAPI volumes); status.hostIPs is in the list but forbidden on 1.28, where the PodHostIPs gate is alpha and off (beta and on from 1.29). apiVersion defaults to v1. resourceFieldRef.resource is limits.* or requests.* of cpu, memory, ephemeral-storage or hugepages-<size>, and a divisor must canonicalise to 1m or 1 for cpu and to 1, 1k...1E or 1Ki...1Ei for the others (validateContainerResourceDivisor compares Quantity.String(), so 1024 or 1000Ki are refused). configMapKeyRef/secretKeyRef need a DNS-1123 subdomain name and a valid key; envFrom items need exactly one of configMapRef or secretRef with a name.',
  fix: 'Give each env var a valid name and either value or one valueFrom source, using a downward-API field path, resource and divisor the API server supports.',
  fixtures: {
    good: [
      deployment({ containers: [container({
        env: [
          { name: 'POD_NAME', ...downward('metadata.name') },
          { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
          { name: 'APP_VERSION', ...downward("metadata.labels['app.kubernetes.io/version']") },
          { name: 'MEMORY_LIMIT_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
          { name: 'CPU_MILLIS', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1000u' } } },
          { name: 'spring.profiles.active', value: 'prod' },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        ],
        envFrom: [{ configMapRef: { name: 'web-config' }, prefix: 'CFG_' }],
      })] }),
    ],
    bad: [
      deployment({ containers: [container({ env: [{ name: '1ST_VAR', value: 'x' }] })] }),
      pod({ containers: [container({ env: [{ name: 'POD_NAME', value: 'x', ...downward('metadata.name') }] })] }),
      pod({ containers: [container({ env: [{ name: 'LABELS', ...downward('metadata.labels') }] })] }),
      pod({ containers: [container({ env: [{ name: 'PHASE', ...downward('status.phase') }] })] }),
      pod({ containers: [container({ env: [{ name: 'HOST_IPS', ...downward('status.hostIPs') }] })] }),
      pod({ containers: [container({ env: [{ name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1024' } } }] })] }),
      pod({ containers: [container({ env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }] })] }),
      pod({ containers: [container({ envFrom: [{}] })] }),
    ],
  },
  check(object, context) {
    const view = podView(object);
    if (!view) return [];
    const out: Violation[] = [];
    const names = envNames(context);
    for (const c of view.containers) {
      const at = child(c.path, 'env');
      eachMap(c.container.env, (ev, i) => checkEnvVar(ev, index(at, i), context, names, out, view.note));
      checkEnvFrom(c.container.envFrom, child(c.path, 'envFrom'), names, out, view.note);
    }
    return out;
  },
};
