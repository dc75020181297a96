import { child, index } from '../../field-path';
import { isMap } from '../../pod-template';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { podViewOf } from './pod-view';

const SCRATCH = /^\/(?:var\/)?tmp(?:\/|$)/;

/** A hostPath volume in the node's /tmp or /var/tmp: scratch data that outlives the pod. */
export const hostPathScratchVolume: Rule = {
  id: 'lifecycle/hostpath-scratch-volume',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'A hostPath volume under /tmp or /var/tmp used as scratch space.',
  docs: 'A `hostPath` volume under /tmp used as scratch space (say, a Deployment whose hooks and probes append '
    + 'timestamps to /tmp/loap on the host) lives on the node, not with the pod '
    + '(https://kubernetes.io/docs/concepts/storage/volumes/#hostpath): every pod of the workload on that node, and '
    + 'every later pod, appends to the same file, so the timeline of one pod\'s life is mixed with the others\'; data '
    + 'never goes away with the pod; and the Pod Security Standards\' baseline profile rejects hostPath volumes '
    + 'outright (https://kubernetes.io/docs/concepts/security/pod-security-standards/). For scratch data shared by '
    + 'the containers of one pod (an init container, hooks, probes and the app) an `emptyDir` is the volume whose '
    + 'life is exactly the pod\'s (https://kubernetes.io/docs/concepts/storage/volumes/#emptydir). Only paths under '
    + '/tmp and /var/tmp, which are scratch by definition, are reported. Warning.',
  fix: 'replace hostPath with emptyDir: {}',
  fixtures: {
    good: [
      deployment('loap', {
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'echo "$(date +%s): INIT" >> /loap/timing'], volumeMounts: [{ mountPath: '/loap', name: 'timing' }] }],
        containers: [{ name: 'main', image: 'busybox', volumeMounts: [{ mountPath: '/loap', name: 'timing' }] }],
        volumes: [{ name: 'timing', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }],
      }),
    ],
    bad: [
      // seeds/002's loap Deployment.
      deployment('loap', {
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'echo $(date +%s): INIT >> /loap/timing'], volumeMounts: [{ mountPath: '/loap', name: 'timing' }] }],
        containers: [{ name: 'main', image: 'busybox', volumeMounts: [{ mountPath: '/loap', name: 'timing' }] }],
        volumes: [{ name: 'timing', hostPath: { path: '/tmp/loap' } }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    const volumes = view?.pod.spec.volumes;
    if (!view || !Array.isArray(volumes)) return [];
    const out: Violation[] = [];
    volumes.forEach((v, i) => {
      if (!isMap(v) || !isMap(v.hostPath) || typeof v.hostPath.path !== 'string') return;
      const path = v.hostPath.path.replace(/\/+/g, '/');
      if (!SCRATCH.test(path)) return;
      const at = index(child(view.pod.path, 'volumes'), i);
      out.push({
        path: child(child(at, 'hostPath'), 'path'),
        message: `volume ${JSON.stringify(v.name)} is the node's ${v.hostPath.path}: its data outlives the pod and is shared with every pod on the node that mounts it`,
        fix: `replace ${child(at, 'hostPath')} with emptyDir: {} (scratch space that lives and dies with the pod)`,
      });
    });
    return out;
  },
};
