import { isBase64, isQuantityString, isRfc3339, quantityFix } from '../../../src/validation/rules/structure/scalar-formats';

describe('isQuantityString (resource.Quantity UnmarshalJSON at 1.28)', () => {
  // From apimachinery's quantity_test.go TestQuantityParse table, "things written by trolls" included.
  test.each([
    '0', '0n', '0Ki', '1', '1Ki', '7Mi', '6Gi', '5Ti', '4Pi', '3Ei', '5n', '4u', '3m', '8k', '7M', '6G', '5T', '2P', '1E',
    '1E-3', '1e3', '1E18', '100.035k', '0.001', '0.5e-2', '1.3E+6', '1.01E', '12E', '100.035Ki', '0.025Ti',
    '.001', '.0001k', '1.', '1.G', '-1.025Ti', '+1', '.', '9223372036854775807Ki',
    '250m', '128Mi', ' 1Gi ', // UnmarshalJSON trims spaces before parsing
  ])('accepts %j', q => expect(isQuantityString(q)).toBe(true));

  test.each([
    // quantity_test.go's invalid list (the 1.28 subset)
    '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-',
    // what people write
    '', '   ', '512MB', '1GB', '1gi', '1ki', '1K', '100 m', '1e', '1Mi5', 'one', '10%',
  ])('rejects %j', q => expect(isQuantityString(q)).toBe(false));
});

describe('quantityFix', () => {
  test('names the intended unit', () => {
    expect(quantityFix('512MB')).toContain('512M (10^6) or 512Mi (2^20)');
    expect(quantityFix('2gi')).toContain('2Gi');
    expect(quantityFix('1K')).toContain('1k (1000) or 1Ki (1024)');
  });
  test('a space inside a valid quantity', () => {
    expect(quantityFix('100 m')).toBe('remove the space: "100m"');
  });
  test('falls back to the grammar', () => {
    expect(quantityFix('lots')).toMatch(/^write a Kubernetes quantity/);
  });
});

describe('isBase64 (encoding/json []byte: base64.StdEncoding)', () => {
  test.each(['', 'aGVsbG8=', 'aGVsbG8gd29ybGQ=', 'YQ==', 'YWJj', 'aGVs\nbG8=', 'aGVsbG8=\r\n'])('accepts %j', s => expect(isBase64(s)).toBe(true));
  test.each(['hello', 'aGVsbG8', 'YQ=', 'Y===', 'aGVs bG8=', 'aGVsbG8-', 'aGVsbG8_', 'YQ==YQ=='])('rejects %j', s => expect(isBase64(s)).toBe(false));
});

describe('isRfc3339 (metav1.Time: time.Parse(time.RFC3339))', () => {
  test.each(['2024-01-02T15:04:05Z', '2024-02-29T00:00:00Z', '2023-12-31T23:59:59.123456789+05:30', '2024-01-02T15:04:05-08:00'])(
    'accepts %j', s => expect(isRfc3339(s)).toBe(true));
  test.each(['', '2024-01-02', '2024-01-02 15:04:05Z', '2024-01-02t15:04:05z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z',
    '2024-01-02T24:00:00Z', '2024-01-02T15:04:60Z', '2024-01-02T15:04:05+24:00', '2024-01-02T15:04:05'])(
    'rejects %j', s => expect(isRfc3339(s)).toBe(false));
});

describe('isRfc3339 with micro (metav1.MicroTime: time.Parse(RFC3339Micro))', () => {
  test.each(['2024-01-02T15:04:05.000000Z', '2024-01-02T15:04:05.123456+01:00'])('accepts %j', s => expect(isRfc3339(s, true)).toBe(true));
  test.each(['2024-01-02T15:04:05Z', '2024-01-02T15:04:05.123Z', '2024-01-02T15:04:05.123456789Z'])('rejects %j', s => expect(isRfc3339(s, true)).toBe(false));
});
