/**
 * api-server/rollout-strategy: a Deployment's (and DaemonSet's) rolling update can make progress,
 * and a Deployment's progress deadline outlasts minReadySeconds.
 */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import { isMap, kindOf, type JsonMap } from '../../pod-template';
import type { KubeObject, Rule } from '../../rule';
import { container, deployment, workload } from './fixtures';
import { forbidden, IS_NEGATIVE, invalid, notSupported, required } from './field-error';
import { isValidPercent } from './k8s-formats';

type IntOrString = number | string;

/** ValidatePositiveIntOrPercent: a non-negative int or "<digits>%". */
function checkIntOrPercent(v: IntOrString, path: string, out: Violation[]): void {
  if (typeof v === 'string') for (const msg of isValidPercent(v)) out.push(invalid(path, v, msg, 'use a whole number or a percentage such as "25%"'));
  else if (v < 0) out.push(invalid(path, v, IS_NEGATIVE));
}

/** getIntOrPercentValue: the percentage or the int; other strings read as Atoi would (0 when not a number). */
function amount(v: IntOrString): number {
  if (typeof v === 'number') return v;
  if (isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

function percentOver100(v: IntOrString, path: string, out: Violation[]): void {
  if (typeof v === 'string' && isValidPercent(v).length === 0 && Number(v.slice(0, -1)) > 100) {
    out.push(invalid(path, v, 'must not be greater than 100%'));
  }
}

function intOrString(v: unknown, fallback: IntOrString): IntOrString | undefined {
  if (v === undefined || v === null) return fallback;
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

function nonNegative(spec: JsonMap, field: string, out: Violation[]): void {
  const v = spec[field];
  if (typeof v === 'number' && v < 0) out.push(invalid(child('spec', field), v, IS_NEGATIVE));
}

function checkDeployment(spec: JsonMap, out: Violation[]): void {
  nonNegative(spec, 'replicas', out);
  nonNegative(spec, 'minReadySeconds', out);
  nonNegative(spec, 'revisionHistoryLimit', out);

  // SetDefaults_Deployment: type RollingUpdate, maxUnavailable and maxSurge 25%, progressDeadlineSeconds 600.
  const strategy = isMap(spec.strategy) ? spec.strategy : {};
  const type = typeof strategy.type === 'string' && strategy.type !== '' ? strategy.type : 'RollingUpdate';
  const ru = strategy.rollingUpdate;
  if (type === 'Recreate') {
    if (ru !== undefined && ru !== null) out.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'", 'remove rollingUpdate or use type: RollingUpdate'));
  } else if (type === 'RollingUpdate') {
    const rolling = isMap(ru) ? ru : {};
    const at = 'spec.strategy.rollingUpdate';
    const maxUnavailable = intOrString(rolling.maxUnavailable, '25%');
    const maxSurge = intOrString(rolling.maxSurge, '25%');
    if (maxUnavailable !== undefined) checkIntOrPercent(maxUnavailable, child(at, 'maxUnavailable'), out);
    if (maxSurge !== undefined) checkIntOrPercent(maxSurge, child(at, 'maxSurge'), out);
    if (maxUnavailable !== undefined && maxSurge !== undefined && amount(maxUnavailable) === 0 && amount(maxSurge) === 0) {
      out.push(invalid(child(at, 'maxUnavailable'), maxUnavailable, 'may not be 0 when `maxSurge` is 0',
        'a rollout that may neither add a pod nor take one away cannot progress: keep maxUnavailable: 0 and set maxSurge to 1 or "25%"'));
    }
    if (maxUnavailable !== undefined) percentOver100(maxUnavailable, child(at, 'maxUnavailable'), out);
  } else {
    out.push(notSupported('spec.strategy', type, ['Recreate', 'RollingUpdate']));
  }

  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  const given = spec.progressDeadlineSeconds;
  if (given === undefined || given === null || typeof given === 'number') {
    const deadline = typeof given === 'number' ? given : 600;
    if (deadline < 0) out.push(invalid('spec.progressDeadlineSeconds', deadline, IS_NEGATIVE));
    if (deadline <= minReady) {
      out.push(invalid('spec.progressDeadlineSeconds', deadline, `must be greater than minReadySeconds${typeof given === 'number' ? '' : ' (600 is the default)'}`,
        `set progressDeadlineSeconds above minReadySeconds (${minReady}), e.g. ${minReady + 600}`));
    }
  }
}

function checkDaemonSet(spec: JsonMap, out: Violation[]): void {
  nonNegative(spec, 'minReadySeconds', out);
  nonNegative(spec, 'revisionHistoryLimit', out);
  // SetDefaults_DaemonSet: type RollingUpdate, maxUnavailable 1, maxSurge 0.
  const strategy = isMap(spec.updateStrategy) ? spec.updateStrategy : {};
  const type = typeof strategy.type === 'string' && strategy.type !== '' ? strategy.type : 'RollingUpdate';
  if (type === 'OnDelete') return;
  if (type !== 'RollingUpdate') {
    out.push(notSupported('spec.updateStrategy', type, ['RollingUpdate', 'OnDelete']));
    return;
  }
  const rolling = isMap(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const at = 'spec.updateStrategy.rollingUpdate';
  const maxUnavailable = intOrString(rolling.maxUnavailable, 1);
  const maxSurge = intOrString(rolling.maxSurge, 0);
  if (maxUnavailable === undefined || maxSurge === undefined) return;
  checkIntOrPercent(maxUnavailable, child(at, 'maxUnavailable'), out);
  checkIntOrPercent(maxSurge, child(at, 'maxSurge'), out);
  percentOver100(maxUnavailable, child(at, 'maxUnavailable'), out);
  percentOver100(maxSurge, child(at, 'maxSurge'), out);
  const hasUnavailable = amount(maxUnavailable) !== 0;
  const hasSurge = amount(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    out.push(invalid(child(at, 'maxSurge'), maxSurge, 'may not be set when maxUnavailable is non-zero', 'set maxUnavailable: 0 to surge, or maxSurge: 0'));
  } else if (!hasUnavailable && !hasSurge) {
    out.push(required(child(at, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0', 'set maxUnavailable: 1 (the default) or maxSurge: 1 with maxUnavailable: 0'));
  }
}

export const rolloutStrategyRule: Rule = {
  id: 'api-server/rollout-strategy',
  category: 'api-server',
  severity: 'error',
  summary: 'A Deployment\'s maxSurge and maxUnavailable are not both 0 and progressDeadlineSeconds exceeds minReadySeconds; a DaemonSet surges or drains, not both.',
  docs: 'apps/v1 defaulting gives a Deployment strategy RollingUpdate with maxUnavailable and maxSurge 25% and progressDeadlineSeconds 600; ValidateDeploymentSpec and ValidateRollingUpdateDeployment (apps validation.go) then require both to be non-negative ints or percentages ("a valid percent string must be..."), not both 0 whether written 0 or "0%" ("may not be 0 when `maxSurge` is 0": such a rollout can neither add nor remove a pod), maxUnavailable at most 100%, no rollingUpdate with type Recreate, and progressDeadlineSeconds greater than minReadySeconds ("must be greater than minReadySeconds"), which also fails when minReadySeconds >= 600 and the deadline is left at its default. For a DaemonSet (defaults maxUnavailable 1, maxSurge 0) ValidateRollingUpdateDaemonSet requires exactly one of them to be non-zero.',
  fix: 'For a zero-downtime Deployment use maxUnavailable: 0 with maxSurge: 1 (or "25%"); keep progressDeadlineSeconds above minReadySeconds.',
  fixtures: {
    good: [
      deployment({ containers: [container()] }, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } }, minReadySeconds: 10, progressDeadlineSeconds: 120 }),
      workload('DaemonSet', { containers: [container()] }, { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }),
    ],
    bad: [
      deployment({ containers: [container()] }, { strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } } }),
      deployment({ containers: [container()] }, { minReadySeconds: 30, progressDeadlineSeconds: 30 }),
      deployment({ containers: [container()] }, { minReadySeconds: 900 }),
      deployment({ containers: [container()] }, { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      deployment({ containers: [container()] }, { strategy: { rollingUpdate: { maxUnavailable: '150%' } } }),
      workload('DaemonSet', { containers: [container()] }, { updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }),
    ],
  },
  check(object: KubeObject) {
    const kind = kindOf(object);
    if ((kind !== 'Deployment' && kind !== 'DaemonSet') || !isMap(object.spec)) return [];
    const out: Violation[] = [];
    if (kind === 'Deployment') checkDeployment(object.spec, out);
    else checkDaemonSet(object.spec, out);
    return out;
  },
};
