/**
 * `structure/missing-identity`: an object without a usable apiVersion and kind, which no client
 * can even send (kubectl: `error validating data: [apiVersion not set, kind not set]`).
 */
import { apiVersionsServingKind, parseApiVersion } from '../../k8s-schema';
import type { KubeObject, Rule } from '../../rule';
import type { Violation } from '../../finding';
import { deployment } from './fixtures';

function withoutField(field: 'apiVersion' | 'kind'): KubeObject {
  const d = deployment();
  delete d[field];
  return d;
}

/** The stable apiVersion among those serving a kind (`resource.k8s.io/v1`, not `v1beta2`), else the last. */
function preferred(served: readonly string[]): string {
  return served.find(v => /(^|\/)v\d+$/.test(v)) ?? served[served.length - 1];
}

export const missingIdentity: Rule = {
  id: 'structure/missing-identity',
  category: 'structure',
  severity: 'error',
  summary: 'Every object has a string apiVersion (GROUP/VERSION, or VERSION for the core group) and a non-empty string kind.',
  docs: 'apiVersion and kind tell kubectl which endpoint to send an object to and the server which type to decode it into; '
    + 'without them `kubectl apply` stops with `error validating data: [apiVersion not set, kind not set]` before anything '
    + 'reaches the cluster. This usually means a YAML document lost its header (a stray `---`, a template that rendered '
    + 'empty, a fragment meant to be merged). Such objects are not checked by any other rule, since what they are is unknown.',
  fix: 'add apiVersion and kind at the top of the object, e.g. apiVersion: apps/v1 and kind: Deployment',
  appliesToUnknownKinds: true,
  fixtures: {
    good: [deployment(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }],
    bad: [
      withoutField('apiVersion'),
      withoutField('kind'),
      { ...deployment(), apiVersion: 'apps/v1/extra' },
      { ...deployment(), kind: 7 },
    ],
  },
  check(object, context) {
    const out: Violation[] = [];
    const { apiVersion, kind } = object;
    const kindOk = typeof kind === 'string' && kind !== '';
    if (apiVersion === undefined || apiVersion === null || apiVersion === '') {
      const served = kindOk ? apiVersionsServingKind(kind, context.k8sVersion) : [];
      out.push({
        path: 'apiVersion',
        message: 'apiVersion not set',
        fix: served.length > 0 ? `set apiVersion: ${preferred(served)} (${kind} in Kubernetes ${context.k8sVersion})` : undefined,
      });
    } else if (typeof apiVersion !== 'string') {
      out.push({ path: 'apiVersion', message: `apiVersion must be a string such as "apps/v1", got ${typeof apiVersion}` });
    } else if (!parseApiVersion(apiVersion)) {
      out.push({
        path: 'apiVersion',
        message: `apiVersion "${apiVersion}" is malformed: it must be GROUP/VERSION (apps/v1) or, for the core group, VERSION (v1)`,
      });
    }
    if (kind === undefined || kind === null || kind === '') {
      out.push({ path: 'kind', message: 'kind not set' });
    } else if (typeof kind !== 'string') {
      out.push({ path: 'kind', message: `kind must be a string such as "Deployment", got ${typeof kind}` });
    }
    return out;
  },
};
