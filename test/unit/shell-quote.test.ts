/** shellQuote/shellCommand: any argv survives a round trip through dash and busybox sh. */
import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { shellCommand, shellQuote } from '../../src/hooks/shell';

/** Runs `printf '%s\0' <quoted argv>` and reads the words back. */
function roundTrip(shell: string[], argv: string[]): string[] {
  const script = `printf '%s\\0' ${shellCommand(argv)}`;
  const result = spawnSync(shell[0], [...shell.slice(1), script], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

test('safe words stay bare, everything else is single-quoted', () => {
  expect(shellQuote('nginx')).toBe('nginx');
  expect(shellQuote('/usr/sbin/nginx')).toBe('/usr/sbin/nginx');
  expect(shellQuote('')).toBe("''");
  expect(shellQuote('a b')).toBe("'a b'");
  expect(shellQuote("it's")).toBe("'it'\\''s'");
  expect(shellQuote('$(reboot)')).toBe("'$(reboot)'");
});

test.each([
  ['dash', ['/usr/bin/dash', '-c']],
  ['busybox sh', ['/usr/bin/busybox', 'sh', '-c']],
])('random argv survives %s', (_name, shell) => {
  const word = fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '$', '`', '\\', '*', ';', '&', '|', '\n', '\t', '(', ')', '~', '#', '!', '%', '=', '-', '/'), maxLength: 8 });
  fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), argv => {
    expect(roundTrip(shell, argv)).toEqual(argv);
  }), { numRuns: 40 });
});
