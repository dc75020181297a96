/**
 * The scalar grammars kube-apiserver's decoder enforces on its own (before any validation.go
 * check): resource quantities, base64 bytes and RFC 3339 timestamps. A value that fails one of
 * them makes the whole request fail to decode, exactly like a wrong JSON type.
 */

/** Suffixes resource.ParseQuantity accepts (suffix.go): decimal SI, binary SI; `e<int>` exponents are matched separately. */
const QUANTITY_SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
// Mirrors parseQuantityString: sign, digits, optional fraction (even "1." and ".5"), then a suffix made
// of [eEinumkKMGTP] letters, an optional sign and digits. The suffix is then looked up in the table.
const QUANTITY_SHAPE = /^[+-]?[0-9]*(?:\.[0-9]*)?([eEinumkKMGTP]*[+-]?[0-9]*)$/;
const EXPONENT_SUFFIX = /^[eE][+-]?[0-9]+$/;

/** Answers by string: manifests repeat the same few quantities (250m, 512Mi) thousands of times. */
const quantityStrings = new Map<string, boolean>();

/**
 * True when resource.Quantity's UnmarshalJSON accepts this string (quantity.go, ParseQuantity after
 * TrimSpace). Numbers are always accepted and are not passed here.
 */
export function isQuantityString(value: string): boolean {
  let known = quantityStrings.get(value);
  if (known === undefined) {
    known = parseableQuantity(value);
    if (quantityStrings.size >= 1000) quantityStrings.clear();
    quantityStrings.set(value, known);
  }
  return known;
}

function parseableQuantity(value: string): boolean {
  const s = value.trim();
  if (s === '') return false;
  const m = QUANTITY_SHAPE.exec(s);
  if (!m) return false;
  const suffix = m[1];
  return QUANTITY_SUFFIXES.has(suffix) || EXPONENT_SUFFIX.test(suffix);
}

/** A Map: the unit is the user's (`512constructor` must not find Object's constructor). */
const UNIT_HINTS: ReadonlyMap<string, string> = new Map(Object.entries({
  k: 'k (1000) or Ki (1024)', kb: 'k (1000) or Ki (1024)', ki: 'Ki', kib: 'Ki',
  mb: 'M (10^6) or Mi (2^20)', mib: 'Mi',
  g: 'G', gb: 'G (10^9) or Gi (2^30)', gi: 'Gi', gib: 'Gi',
  t: 'T', tb: 'T (10^12) or Ti (2^40)', ti: 'Ti', tib: 'Ti',
  p: 'P', pb: 'P or Pi', pi: 'Pi', pib: 'Pi',
  eb: 'E or Ei', ei: 'Ei', eib: 'Ei',
}));

/** A fix for a quantity string the decoder rejects, naming the likely intended unit (`512MB` → `512M or 512Mi`). */
export function quantityFix(value: string): string {
  const general = 'write a Kubernetes quantity: a number with an optional suffix, e.g. 250m, 0.5, 128Mi, 1Gi '
    + '(suffixes n u m k M G T P E, Ki Mi Gi Ti Pi Ei; no spaces, no "B")';
  const m = /^\s*([+-]?[0-9]*\.?[0-9]+)\s*([a-zA-Z]+)\s*$/.exec(value);
  if (!m) return general;
  const [, number, unit] = m;
  if (isQuantityString(number + unit)) return `remove the space: "${number}${unit}"`;
  const hint = UNIT_HINTS.get(unit.toLowerCase());
  if (!hint) return general;
  const options = hint.split(' or ').map(h => `${number}${h}`);
  return `did you mean ${options.join(' or ')}? Quantity suffixes are case-sensitive and have no "B"`;
}

// encoding/json decodes []byte with base64.StdEncoding: padded, standard alphabet, CR and LF ignored,
// non-zero trailing bits tolerated.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True when Go's encoding/json accepts the string for a []byte field (Secret data, caBundle). */
export function isBase64(value: string): boolean {
  return BASE64.test(value.replace(/[\r\n]/g, ''));
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
// metav1.MicroTime parses with RFC3339Micro ("2006-01-02T15:04:05.000000Z07:00"): exactly six fraction digits.
const RFC3339_MICRO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})[.,]\d{6}(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * True when metav1.Time's UnmarshalJSON (time.Parse with time.RFC3339) accepts the string, or with
 * `micro`, metav1.MicroTime's (time.Parse with RFC3339Micro).
 */
export function isRfc3339(value: string, micro = false): boolean {
  const m = (micro ? RFC3339_MICRO : RFC3339).exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const zoneHour = m[7] === undefined ? 0 : Number(m[7]);
  const zoneMinute = m[8] === undefined ? 0 : Number(m[8]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
    && hour <= 23 && minute <= 59 && second <= 59 && zoneHour <= 23 && zoneMinute <= 59;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
