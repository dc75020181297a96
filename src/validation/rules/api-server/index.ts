/**
 * API-server rules: what kube-apiserver of the target version (1.28 to 1.35, default feature gates
 * of that release) rejects in Pods and pod templates, checked after the defaulting the server
 * applies first, and what it silently drops because a feature gate is off. Each is an error.
 */
import type { Rule } from '../../rule';
import { containerRule } from './containers';
import { envRule } from './env';
import { gatedFieldRule } from './gated-field';
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
  gatedFieldRule,
  probeRule,
  lifecycleHandlerRule,
  containerPortRule,
  hostPortRule,
  envRule,
  restartPolicyRule,
  workloadSelectorRule,
  rolloutStrategyRule,
];
