/**
 * Sorts an object by its apiVersion/kind into the cases the identity rules report on: no
 * usable identity, a built-in kind, a list of objects, a kind in a built-in API group that the
 * target Kubernetes version does not serve (removed or later versions, typos), or something else
 * (a custom resource or an aggregated API).
 */
import { isBuiltinGroup, isBuiltinKind, parseApiVersion } from '../../k8s-schema';
import type { KubeObject } from '../../rule';

export type Identity =
  | { readonly state: 'malformed' }
  | { readonly state: 'builtin' }
  /** `v1 List` (or `FooList`): a client-side container kubectl unpacks; the CLI loader lints its items instead. */
  | { readonly state: 'list'; readonly apiVersion: string; readonly kind: string }
  | { readonly state: 'unserved'; readonly apiVersion: string; readonly group: string; readonly kind: string }
  | { readonly state: 'custom'; readonly apiVersion: string; readonly kind: string };

export function identityOf(object: KubeObject, version: string): Identity {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') return { state: 'malformed' };
  const gv = parseApiVersion(apiVersion);
  if (!gv) return { state: 'malformed' };
  if (isBuiltinKind(apiVersion, kind, version)) return { state: 'builtin' };
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(object.items))) return { state: 'list', apiVersion, kind };
  // Kubernetes' own groups are served by kube-apiserver itself: the core group cannot be extended,
  // and CRDs in *.k8s.io groups need API-review approval, so in practice an unknown kind there is
  // a removed (or later) version or a typo, and the server refuses the object.
  if (isBuiltinGroup(gv.group)) return { state: 'unserved', apiVersion, group: gv.group, kind };
  return { state: 'custom', apiVersion, kind };
}
