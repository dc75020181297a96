/**
 * The output folder of a synth, replaced only by a complete new one: the app writes into a staging
 * folder beside it (same file system, so the swap is two renames, not a copy), which replaces the
 * output folder when the synth succeeds and is removed when it fails. The committed `dist/` is
 * never emptied or half-written.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** A staging folder for `output` and what to swap. */
export interface StagedOutput {
  /** Absolute path of the output folder. */
  readonly output: string;
  /** Absolute path of the staging folder (not created: cdk8s-cli removes it first and the app creates it). */
  readonly staging: string;
  /** The staging folder's name, unique: every mention of it in messages is the output's. */
  readonly stagingName: string;
}

/** Picks a staging folder beside `output`: a hidden folder with a random suffix (`.dist.synth-1a2b3c4d5e6f`). */
export function stageOutput(output: string): StagedOutput {
  const abs = path.resolve(output);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const stagingName = `.${path.basename(abs)}.synth-${randomBytes(6).toString('hex')}`;
  return { output: abs, staging: path.join(path.dirname(abs), stagingName), stagingName };
}

/**
 * Replaces the output folder with the staging folder. The old output is moved aside first and
 * moved back if the second rename fails, so a failure leaves the old output in place.
 */
export function replaceOutput(staged: StagedOutput): void {
  if (!fs.existsSync(staged.output)) {
    fs.renameSync(staged.staging, staged.output);
    return;
  }
  const aside = `${staged.staging}.old`;
  fs.renameSync(staged.output, aside);
  try {
    fs.renameSync(staged.staging, staged.output);
  } catch (err) {
    fs.renameSync(aside, staged.output);
    throw err;
  }
  fs.rmSync(aside, { recursive: true, force: true });
}

/** Removes the staging folder (after a failed or interrupted synth). */
export function discardStaging(staged: StagedOutput): void {
  fs.rmSync(staged.staging, { recursive: true, force: true });
}
