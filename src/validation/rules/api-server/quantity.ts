/**
 * The canonical string of a resource.Quantity, as `Quantity.String()` prints it after the API
 * server has parsed a manifest (`k8s.io/apimachinery/pkg/api/resource/quantity.go`,
 * CanonicalizeBytes). validation.go compares a resourceFieldRef divisor's canonical string with
 * fixed sets ("1m", "1", "1Ki", ...), so "1000m" is the divisor "1" and "1024" is not "1Ki".
 */

/** The quantity grammar ParseQuantity accepts, split into sign, digits, fraction and suffix. */
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const DECIMAL_EXPONENT: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWER: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIX: Readonly<Record<number, string>> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export const QUANTITY_SYNTAX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const TEN = BigInt(10);
const ZERO = BigInt(0);
const K1024 = BigInt(1024);

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

/** Answers by input: manifests repeat the same few divisors (1Mi, 1m) thousands of times. */
const canonicals = new Map<string | number, string | null>();

/** Canonical string of a quantity written as a JSON string or number; undefined when it does not parse. */
export function canonicalQuantity(input: string | number): string | undefined {
  let known = canonicals.get(input);
  if (known === undefined) {
    known = canonicalize(input) ?? null;
    if (canonicals.size >= 1000) canonicals.clear();
    canonicals.set(input, known);
  }
  return known ?? undefined;
}

function canonicalize(input: string | number): string | undefined {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, whole, fraction = '', suffix = ''] = m;
  if (whole.length === 0 && fraction.length === 0) return undefined;

  // value = n × 10^exp (× 1024^binaryPower)
  let n = BigInt(`${whole}${fraction}` || '0');
  if (sign === '-') n = -n;
  let exp = -fraction.length;
  let format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent' = 'DecimalSI';
  if (suffix in BINARY_POWER) {
    format = 'BinarySI';
    n *= K1024 ** BigInt(BINARY_POWER[suffix]);
  } else if (suffix in DECIMAL_EXPONENT) {
    exp += DECIMAL_EXPONENT[suffix];
  } else {
    format = 'DecimalExponent';
    exp += Number(suffix.slice(1));
  }
  if (n === ZERO) return '0';

  // Quantities keep at most nano precision; ParseQuantity rounds up (away from zero).
  if (exp < -9) {
    const shift = -9 - exp;
    if (shift > (n < ZERO ? -n : n).toString().length) {
      // 10^shift exceeds |n|: the quotient is 0 and the remainder rounds it up. Computing 10^shift
      // would not even fit in a BigInt for an exponent such as `1e-9999999999`.
      n = n > ZERO ? BigInt(1) : BigInt(-1);
    } else {
      const d = pow10(shift);
      const q = n / d;
      n = n % d === ZERO ? q : q + (n > ZERO ? BigInt(1) : BigInt(-1));
    }
    exp = -9;
  }

  if (format === 'BinarySI') {
    const abs = n < ZERO ? -n : n;
    const limit = exp >= 0 ? K1024 : K1024 * pow10(-exp);
    const scaled = exp >= 0 ? abs * pow10(exp) : abs;
    const integral = exp >= 0 || abs % pow10(-exp) === ZERO;
    if (scaled >= limit && integral) {
      let value = exp >= 0 ? n * pow10(exp) : n / pow10(-exp);
      let power = 0;
      while (power < 6 && value % K1024 === ZERO) {
        value /= K1024;
        power++;
      }
      return `${value}${BINARY_SUFFIX[power]}`;
    }
    format = 'DecimalSI';
  }

  // Strip trailing zeros, then lower the exponent to a multiple of 3 (AsCanonicalBytes).
  while (n % TEN === ZERO) {
    n /= TEN;
    exp++;
  }
  const r = ((exp % 3) + 3) % 3;
  n *= pow10(r);
  exp -= r;
  if (format === 'DecimalExponent') return exp === 0 ? `${n}` : `${n}e${exp}`;
  const s = DECIMAL_SUFFIX[exp];
  return s === undefined ? `${n}e${exp}` : `${n}${s}`;
}
