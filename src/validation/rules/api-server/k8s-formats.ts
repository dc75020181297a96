/**
 * The string formats kube-apiserver checks, with apimachinery's own messages
 * (`k8s.io/apimachinery/pkg/util/validation/validation.go`). Each returns the list of problems,
 * empty when the value is valid. Regexes are compiled once, here.
 */
import { memoizeByText } from '../../../analysis/memo';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
/** A whole valid `prefix/name` label key: the fast path of isQualifiedName, which only valid keys take. */
const PREFIXED_QUALIFIED_NAME = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}/${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME = new RegExp(`^${ENV_VAR_NAME_FMT}$`);
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);
const HTTP_HEADER_NAME_FMT = '[-A-Za-z0-9]+';
const HTTP_HEADER_NAME = new RegExp(`^${HTTP_HEADER_NAME_FMT}$`);
const PERCENT_FMT = '[0-9]+%';
const PERCENT = new RegExp(`^${PERCENT_FMT}$`);
const PORT_NAME_CHARSET = /^[-a-z0-9]+$/;
const PORT_NAME_ONE_LETTER = /[a-z]/;

/** apimachinery's RegexError: the message, examples and the regex itself. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += `'${e}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

const DNS1123_LABEL_MSG = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  DNS1123_LABEL_FMT, 'my-name', '123-abc');
const DNS1123_SUBDOMAIN_MSG = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  DNS1123_SUBDOMAIN_FMT, 'example.com');
const QUALIFIED_NAME_MSG = regexError(
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc');
const LABEL_VALUE_MSG = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345');
const ENV_VAR_NAME_MSG = regexError(
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
  ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1');
const CONFIG_MAP_KEY_MSG = regexError(
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
  CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key_name');
const HTTP_HEADER_NAME_MSG = regexError(
  "a valid HTTP header must consist of alphanumeric characters or '-'",
  HTTP_HEADER_NAME_FMT, 'X-Header-Name');
const PERCENT_MSG = regexError(
  "a valid percent string must be a numeric string followed by an ending '%'",
  PERCENT_FMT, '1%', '93%');

const NONE: readonly string[] = [];

/** IsDNS1123Label: container names, port names' cousins. */
export function isDns1123Label(value: string): readonly string[] {
  const long = value.length > 63;
  const bad = !DNS1123_LABEL.test(value);
  if (!long && !bad) return NONE;
  const errs: string[] = [];
  if (long) errs.push(maxLenError(63));
  if (bad) errs.push(DNS1123_LABEL_MSG);
  return errs;
}

/** IsDNS1123Subdomain: names of ConfigMaps and Secrets. */
export function isDns1123Subdomain(value: string): readonly string[] {
  const long = value.length > 253;
  const bad = !DNS1123_SUBDOMAIN.test(value);
  if (!long && !bad) return NONE;
  const errs: string[] = [];
  if (long) errs.push(maxLenError(253));
  if (bad) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

/**
 * NameIsDNSSubdomain(name, prefix): with `prefix` the name may end in '-' (a generateName-style
 * prefix, as envFrom's configMapRef/secretRef allow).
 */
export function nameIsDnsSubdomain(value: string, prefix: boolean): readonly string[] {
  const masked = prefix && value.length > 1 && value.endsWith('-') ? `${value.slice(0, -1)}a` : value;
  return isDns1123Subdomain(masked);
}

/**
 * IsQualifiedName: label keys, annotation keys, `prefix/name`. The same few keys recur on every
 * object (`app.kubernetes.io/name`): each distinct one is checked once.
 */
export const isQualifiedName: (value: string) => readonly string[] = memoizeByText(qualifiedNameErrors);

function qualifiedNameErrors(value: string): readonly string[] {
  // Nearly all keys are valid: answer those without splitting (an allocation per key).
  const slash = value.indexOf('/');
  const valid = slash === -1
    ? value.length <= 63 && QUALIFIED_NAME.test(value)
    : slash <= 253 && value.length - slash - 1 <= 63 && PREFIXED_QUALIFIED_NAME.test(value);
  if (valid) return NONE;
  const parts = value.split('/');
  const errs: string[] = [];
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDns1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [`a qualified name ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${QUALIFIED_NAME_MSG}`);
  return errs;
}

/** IsValidLabelValue. */
export function isValidLabelValue(value: string): readonly string[] {
  if (value.length <= 63 && LABEL_VALUE.test(value)) return NONE;
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE.test(value)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

/** `.`, `..` and `..x` are refused where a name could become a path. */
function chDirPrefix(value: string): string | undefined {
  if (value === '.') return "must not be '.'";
  if (value === '..') return "must not be '..'";
  if (value.startsWith('..')) return "must not start with '..'";
  return undefined;
}

/** IsEnvVarName: the strict form, up to 1.31 (RelaxedEnvironmentVariableValidation is on by default from 1.32). */
export function isEnvVarName(value: string): readonly string[] {
  const bad = !ENV_VAR_NAME.test(value);
  const dir = chDirPrefix(value);
  if (!bad && dir === undefined) return NONE;
  const errs: string[] = [];
  if (bad) errs.push(ENV_VAR_NAME_MSG);
  if (dir !== undefined) errs.push(dir);
  return errs;
}

const RELAXED_ENV_VAR_NAME_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";

/**
 * IsRelaxedEnvVarName (apimachinery validation.go, used from 1.32 where
 * RelaxedEnvironmentVariableValidation is on by default): any printable ASCII but "=".
 */
export function isRelaxedEnvVarName(value: string): readonly string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // unicode.IsPrint on ASCII: 0x20 (space) to 0x7e.
    if (c < 0x20 || c > 0x7e || c === 0x3d) {
      errs.push(RELAXED_ENV_VAR_NAME_MSG);
      break;
    }
  }
  return errs.length === 0 ? NONE : errs;
}

/** IsConfigMapKey: keys of configMapKeyRef and secretKeyRef. */
export function isConfigMapKey(value: string): readonly string[] {
  if (value.length <= 253 && CONFIG_MAP_KEY.test(value) && chDirPrefix(value) === undefined) return NONE;
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_MAP_KEY.test(value)) errs.push(CONFIG_MAP_KEY_MSG);
  const dir = chDirPrefix(value);
  if (dir !== undefined) errs.push(dir);
  return errs;
}

/** IsHTTPHeaderName: httpGet.httpHeaders[].name. */
export function isHttpHeaderName(value: string): readonly string[] {
  return HTTP_HEADER_NAME.test(value) ? NONE : [HTTP_HEADER_NAME_MSG];
}

/** IsValidPercent: `25%`. */
export function isValidPercent(value: string): readonly string[] {
  return PERCENT.test(value) ? NONE : [PERCENT_MSG];
}

/** IsValidPortNum: 1–65535. */
export function isValidPortNum(port: number): readonly string[] {
  return port >= 1 && port <= 65535 && Number.isInteger(port) ? NONE : [inclusiveRangeError(1, 65535)];
}

/** IsValidPortName: an IANA_SVC_NAME (RFC 6335). */
export function isValidPortName(port: string): readonly string[] {
  const long = port.length > 15;
  const charset = PORT_NAME_CHARSET.test(port);
  const letter = PORT_NAME_ONE_LETTER.test(port);
  const double = port.includes('--');
  const edge = port.length > 0 && (port[0] === '-' || port[port.length - 1] === '-');
  if (!long && charset && letter && !double && !edge) return NONE;
  const errs: string[] = [];
  if (long) errs.push(maxLenError(15));
  if (!charset) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!letter) errs.push('must contain at least one letter (a-z)');
  if (double) errs.push('must not contain consecutive hyphens');
  if (edge) errs.push('must not begin or end with a hyphen');
  return errs;
}
