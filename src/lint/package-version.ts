import * as path from 'path';

/** This package's version, from its package.json (two levels up from both `src/lint` and `lib/lint`). */
export function packageVersion(): string {
  try {
    // A runtime read, not an import: package.json lies outside tsc's rootDir.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require(path.join(__dirname, '..', '..', 'package.json')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
