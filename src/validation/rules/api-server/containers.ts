/** api-server/container: names, images and per-container enums as validation.go checks them. */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import type { Rule } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { duplicate, forbidden, invalid, notSupported, required } from './field-error';
import { isDns1123Label } from './k8s-formats';
import { CONTAINER_RESTART_RULES, gateStage } from '../../feature-gates';
import { CONTAINER_RESTART_POLICIES } from './init-containers';
import { gateOn, k8sMinor, podView } from './pod-view';

const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export const containerRule: Rule = {
  id: 'api-server/container',
  category: 'api-server',
  severity: 'error',
  summary: 'Containers have a DNS-1123 label name unique across init and app containers, an image, and restartPolicy only on init containers (before 1.34).',
  docs: 'validateContainerCommon, validateContainers and validateInitContainers (validation.go) require at least one app container, a name that is a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters), a non-empty image (in a Pod also without leading or trailing whitespace; pod templates accept " " for compatibility), names unique across init and app containers ("Duplicate value"), a terminationMessagePolicy of File or FallbackToLogsOnError and an imagePullPolicy of Always, IfNotPresent or Never when set (both are defaulted when missing), and, up to 1.33, they forbid restartPolicy on app containers ("may not be set for non-init containers"). That last check follows the target version: 1.34 adds the ContainerRestartRules gate as alpha, off by default, and dropContainerRestartRules (pkg/api/pod/util.go) drops an app container\'s restartPolicy instead (api-server/gated-field reports it; https://github.com/kubernetes/kubernetes/blob/v1.34.0/pkg/api/pod/util.go); 1.35 turns the gate on (beta), and an app container may then override the pod\'s restartPolicy with Always, OnFailure or Never (https://github.com/kubernetes/kubernetes/blob/v1.35.0/pkg/apis/core/validation/validation.go).',
  fix: 'Name every container with a unique DNS-1123 label, give it an image, and set restartPolicy only on init containers.',
  fixtures: {
    good: [
      deployment({ initContainers: [{ name: 'init-db', image: 'busybox:1.36' }], containers: [container(), { name: 'sidecar', image: 'envoyproxy/envoy:v1.28.0' }] }),
    ],
    bad: [
      deployment({ containers: [container({ name: 'Web_1' })] }),
      deployment({ initContainers: [{ name: 'web', image: 'busybox:1.36' }], containers: [container()] }),
      pod({ containers: [container({ image: '' })] }),
      pod({ containers: [container({ restartPolicy: 'Always' })] }),
      pod({ containers: [] }),
    ],
  },
  check(object, context) {
    const view = podView(object);
    if (!view) return [];
    const note = view.note;
    // Before 1.34 an app container's restartPolicy is forbidden; 1.34 drops it (ContainerRestartRules
    // alpha: api-server/gated-field's finding); from 1.35 it overrides the pod's restartPolicy.
    const restartRulesOn = gateOn(CONTAINER_RESTART_RULES, context);
    const restartRulesAlpha = gateStage(CONTAINER_RESTART_RULES, k8sMinor(context)) === 'alpha';
    const out: Violation[] = [];
    const spec = view.pod.spec;
    const apps = spec.containers;
    if (!Array.isArray(apps) || apps.length === 0) {
      out.push(required(child(view.pod.path, 'containers'), undefined, 'a pod needs at least one container', note));
    }
    // validation.go: app names are collected first (even empty ones); an init name that clashes is
    // the duplicate, and a non-empty init name joins the set.
    const appNames = new Set<string>();
    const initNames = new Set<string>();
    for (const c of view.containers) {
      const isInit = c.list === 'initContainers';
      const name = typeof c.container.name === 'string' ? c.container.name : '';
      const namePath = child(c.path, 'name');
      if (name === '') out.push(required(namePath, undefined, 'give the container a name', note));
      else for (const msg of isDns1123Label(name)) out.push(invalid(namePath, name, msg, 'use lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters', note));

      const image = c.container.image;
      if (image === undefined || image === null || image === '') {
        out.push(required(child(c.path, 'image'), undefined, 'give the container an image', note));
      } else if (typeof image === 'string' && view.kind === 'Pod' && image.trim().length !== image.length) {
        out.push(invalid(child(c.path, 'image'), image, 'must not have leading or trailing whitespace', 'trim the image reference', note));
      }

      const tmp = c.container.terminationMessagePolicy;
      if (typeof tmp === 'string' && tmp !== '' && !MESSAGE_POLICIES.includes(tmp)) {
        out.push(notSupported(child(c.path, 'terminationMessagePolicy'), tmp, MESSAGE_POLICIES, undefined, note));
      }
      const pull = c.container.imagePullPolicy;
      if (typeof pull === 'string' && pull !== '' && !PULL_POLICIES.includes(pull)) {
        out.push(notSupported(child(c.path, 'imagePullPolicy'), pull, PULL_POLICIES, undefined, note));
      }
      if (!isInit) {
        if (appNames.has(name)) out.push(duplicate(namePath, name, 'container names must be unique within the pod', note));
        else appNames.add(name);
        const policy = c.container.restartPolicy;
        if (policy !== undefined && policy !== null && !restartRulesAlpha) {
          if (!restartRulesOn) {
            out.push(forbidden(child(c.path, 'restartPolicy'), 'may not be set for non-init containers', 'remove restartPolicy: app containers follow spec.restartPolicy (a container-level restartPolicy needs Kubernetes 1.35+)', note));
          } else if (!(typeof policy === 'string' && CONTAINER_RESTART_POLICIES.includes(policy))) {
            out.push(notSupported(child(c.path, 'restartPolicy'), policy, CONTAINER_RESTART_POLICIES, 'use Always, OnFailure or Never, or remove it to follow spec.restartPolicy', note));
          }
        }
      }
    }
    // Init containers come first in view.containers; check them against every app name.
    for (const c of view.containers) {
      if (c.list !== 'initContainers') continue;
      const name = typeof c.container.name === 'string' ? c.container.name : '';
      if (appNames.has(name) || initNames.has(name)) {
        out.push(duplicate(child(c.path, 'name'), name, 'container names must be unique across init and app containers', note));
      } else if (name.length > 0) {
        initNames.add(name);
      }
    }
    return out;
  },
};
