/**
 * The string formats against apimachinery's own tables (validation_test.go: TestIsQualifiedName,
 * TestIsValidLabelValue, TestIsConfigMapKey), and the fast paths against the full checks.
 */
import fc from 'fast-check';
import { isConfigMapKey, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from '../../../src/validation/rules/api-server/k8s-formats';

describe('isQualifiedName', () => {
  it.each([
    'simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num',
    '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo',
    'a'.repeat(63), `${'a'.repeat(253)}/${'b'.repeat(63)}`,
  ])('accepts %s', value => {
    expect(isQualifiedName(value)).toEqual([]);
  });

  it.each([
    'nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc',
    'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/abc`, '',
  ])('refuses %s, saying why', value => {
    expect(isQualifiedName(value).length).toBeGreaterThan(0);
  });

  it('accepts exactly the keys whose prefix and name are valid, whatever the string', () => {
    const name = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
    const reference = (v: string) => {
      const parts = v.split('/');
      if (parts.length > 2) return false;
      const [prefix, n] = parts.length === 2 ? parts : [undefined, parts[0]];
      if (prefix !== undefined && (prefix === '' || isDns1123Subdomain(prefix).length > 0)) return false;
      return n.length > 0 && n.length <= 63 && name.test(n);
    };
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'aZ09-_./%'.split('')), maxLength: 80 }), v => {
      expect(isQualifiedName(v).length === 0).toBe(reference(v));
    }), { numRuns: 5000 });
  });
});

describe('isValidLabelValue', () => {
  it.each(['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''])('accepts %s', value => {
    expect(isValidLabelValue(value)).toEqual([]);
  });

  it.each(['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64)])('refuses %s', value => {
    expect(isValidLabelValue(value).length).toBeGreaterThan(0);
  });
});

describe('isConfigMapKey', () => {
  it.each(['a', 'good', 'good-good', 'still.good', 'this.is.also.good', '.so.is.this', 'THIS_IS_GOOD', 'so_is_this_17'])('accepts %s', value => {
    expect(isConfigMapKey(value)).toEqual([]);
  });

  it.each(['.', '..', '..bad', 'b*d', 'bad!&bad', 'a'.repeat(254)])('refuses %s', value => {
    expect(isConfigMapKey(value).length).toBeGreaterThan(0);
  });
});
