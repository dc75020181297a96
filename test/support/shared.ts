/**
 * The project's reference folder `../shared` (beside the repository; also in CI), which some
 * tests compare the package against. Where it is absent (a clone on its own, an unpacked
 * tarball) those tests are skipped, and the run says which and why instead of skipping silently.
 */
import * as fs from 'fs';
import * as path from 'path';

/** `../shared` of the repository. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');

/** Absolute path of `relative` inside ../shared. */
export function sharedPath(relative: string): string {
  return path.join(SHARED_DIR, relative);
}

/**
 * `describe(name, fn)` when ../shared/`relative` exists; otherwise the block is skipped and a
 * warning names the missing file.
 */
export function describeWithShared(relative: string, name: string, fn: () => void): void {
  const file = sharedPath(relative);
  if (fs.existsSync(file)) {
    describe(name, fn);
    return;
  }
  const why = `needs ${file}, the project's shared reference folder beside the repository, which is absent`;
  console.warn(`skipping "${name}": it ${why}`);
  describe.skip(`${name} (skipped: ${why})`, fn);
}
