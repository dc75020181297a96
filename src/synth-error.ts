/**
 * How a failed synth is reported: the message alone for the errors a user fixes in props or code,
 * the stack for anything else. Shared by `synthOrExit` and the preload of `cdk8s-lifecycle synth`;
 * this module loads nothing else (the preload runs in every node process of the app).
 */
import { inspect } from 'util';

/** Errors whose message is the whole report (construct path, prop or field path, fix). */
const REPORTED_BY_MESSAGE = new Set(['LifecycleConfigError', 'LifecycleUsageError']);

/** The prefix cdk8s puts on the errors of `node.addValidation` validations (ours and others'). */
const CDK8S_VALIDATION_FAILED = 'Validation failed with the following errors:';

/**
 * What to print for an error that ended a synth. Our errors are recognized by name, so that any
 * copy of the package is; cdk8s's validation errors by their prefix. Anything else is a bug in
 * the app or a library, and its stack says where.
 */
export function describeSynthError(err: unknown): string {
  if (err instanceof Error && (REPORTED_BY_MESSAGE.has(err.name) || err.message.startsWith(CDK8S_VALIDATION_FAILED))) {
    return `cdk8s-lifecycle: synth failed\n${err.message}`;
  }
  return `cdk8s-lifecycle: synth failed with an unexpected error (a bug in the app or a library; the stack says where):\n${inspect(err)}`;
}
