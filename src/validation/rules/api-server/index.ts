/**
 * API-server rules: what kube-apiserver 1.28 (default feature gates) rejects in Pods and pod
 * templates, checked after the defaulting the server applies first. Each is an error.
 */
import type { Rule } from '../../rule';
import { containerRule } from './containers';
import { envRule } from './env';
import { hostPortRule } from './host-ports';
import { initContainerRule } from './init-containers';
import { lifecycleHandlerRule } from './lifecycle-handlers';
import { containerPortRule } from './ports';
import { probeRule } from './probes';
import { restartPolicyRule } from './restart-policy';
import { rolloutStrategyRule } from './rollout-strategy';
import { workloadSelectorRule } from './selector';

export const API_SERVER_RULES: readonly Rule[] = [
  containerRule,
  initContainerRule,
  probeRule,
  lifecycleHandlerRule,
  containerPortRule,
  hostPortRule,
  envRule,
  restartPolicyRule,
  workloadSelectorRule,
  rolloutStrategyRule,
];
