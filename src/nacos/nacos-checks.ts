/**
 * Checks of the Nacos props. The values end up in env vars read by a shell script and in URL
 * query strings, so they are held to what both carry unescaped: the Nacos server's own
 * `ParamCheckRules` where that is stricter, and safe words where Nacos is more lenient.
 */
import type { ProblemList } from '../errors';

/** Nacos `ParamCheckRules`: namespace id `^[\w-]+` up to 64. */
const NAMESPACE = /^[A-Za-z0-9_-]{1,64}$/;
/** Nacos `ParamCheckRules`: group `^[a-zA-Z0-9-_:.]*$` up to 128. */
const GROUP = /^[A-Za-z0-9_.:-]{1,128}$/;
/** Nacos `ParamCheckRules`: cluster `^[0-9a-zA-Z-_]+$` up to 64. */
const CLUSTER = /^[A-Za-z0-9_-]{1,64}$/;
/** Stricter than Nacos (anything but `@@` and CJK, up to 512): a URL and a shell carry it as is. */
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,511}$/;
/** A Secret key (Kubernetes `IsConfigMapKey`). */
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

function checkPattern(problems: ProblemList, prop: string, value: string | undefined, pattern: RegExp, what: string, example: string): void {
  if (value === undefined) return;
  if (!pattern.test(value)) {
    problems.add(prop, `${JSON.stringify(value)} has characters Nacos or a URL cannot carry unescaped, or is too long`, `use ${what}, e.g. ${JSON.stringify(example)}`);
  }
}

export function checkNamespace(problems: ProblemList, prop: string, value: string | undefined): void {
  checkPattern(problems, prop, value, NAMESPACE, 'the namespace id (up to 64 letters, digits, "_" and "-"), not its display name', 'a9076f8c-a1c7-474c-9ea4-1112677d9af7');
}

export function checkGroup(problems: ProblemList, prop: string, value: string | undefined): void {
  checkPattern(problems, prop, value, GROUP, 'up to 128 letters, digits, "_", "-", "." and ":"', 'DEFAULT_GROUP');
}

export function checkCluster(problems: ProblemList, prop: string, value: string | undefined): void {
  checkPattern(problems, prop, value, CLUSTER, 'up to 64 letters, digits, "_" and "-"', 'DEFAULT');
}

export function checkServiceName(problems: ProblemList, prop: string, value: string, derivedFrom?: string): void {
  if (SERVICE.test(value)) return;
  const fix = derivedFrom
    ? `set nacos.serviceName to the app's spring.application.name (it defaults to ${derivedFrom}, ${JSON.stringify(value)} here)`
    : 'use letters, digits, "_", "-", "." and ":", starting with a letter or digit, e.g. "jdd-parking-cloud-admin"';
  problems.add(prop, `${JSON.stringify(value)} is not a service name Nacos and a URL carry unescaped`, fix);
}

export function checkSecretKey(problems: ProblemList, prop: string, value: string): void {
  if (!SECRET_KEY.test(value)) {
    problems.add(prop, `${JSON.stringify(value)} is not a Secret key`, 'use the key\'s name in the Secret: letters, digits, "-", "_" and "."');
  }
}

export function checkWeight(problems: ProblemList, prop: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0 || value > 10000 || !/^\d+(\.\d+)?$/.test(String(value))) {
    problems.add(prop, `${value} is not a Nacos weight`, 'use a number above 0 and at most 10000, e.g. 1');
  }
}

export function checkImage(problems: ProblemList, prop: string, value: string): void {
  if (value === '' || /\s/.test(value)) {
    problems.add(prop, `${JSON.stringify(value)} is not an image reference`, 'give an image with /bin/sh, an HTTP client and a static /bin/busybox, e.g. "busybox:1.36.1-musl"');
  }
}

/** `min <= seconds <= max`, else a problem naming why the bound exists. */
export function checkRange(problems: ProblemList, prop: string, seconds: number, min: number, max: number, why: string): void {
  if (seconds < min || seconds > max) {
    problems.add(prop, `${seconds} s is outside ${min}-${max} s: ${why}`, `use a duration between Duration.seconds(${min}) and Duration.seconds(${max})`);
  }
}
