/**
 * Configuration errors raised while a construct is being defined.
 *
 * Like Kubernetes' `field.ErrorList`, problems are collected and reported together, each
 * naming the construct, the prop and the fix, so a user fixes everything in one pass instead
 * of meeting the errors one synth at a time.
 */

/** One problem with one prop of a construct. */
export interface ConfigProblem {
  /** The prop, in dotted notation from the construct's props root (e.g. `nacos.serverAddr`). */
  readonly prop: string;
  /** What is wrong, with the offending value. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** Thrown when a construct's props cannot produce a manifest that works. */
export class LifecycleConfigError extends Error {
  constructor(public readonly constructPath: string, public readonly problems: readonly ConfigProblem[]) {
    super(formatProblems(constructPath, problems));
    this.name = 'LifecycleConfigError';
  }
}

function formatProblems(constructPath: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map(p => `  - ${p.prop}: ${p.message}\n    fix: ${p.fix}`);
  return `invalid props for ${constructPath}:\n${lines.join('\n')}`;
}

/**
 * Collects problems for one construct and throws them all at once; also collects warnings: props
 * that synthesize but will likely fail at run time, which the construct reports at synth.
 */
export class ProblemList {
  private readonly problems: ConfigProblem[] = [];
  private readonly warned: ConfigProblem[] = [];

  public add(prop: string, message: string, fix: string): void {
    this.problems.push({ prop, message, fix });
  }

  public warn(prop: string, message: string, fix: string): void {
    this.warned.push({ prop, message, fix });
  }

  /** The warnings, in the order they were added. */
  public get warnings(): readonly ConfigProblem[] {
    return [...this.warned];
  }

  public get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  public throwIfAny(constructPath: string): void {
    if (this.problems.length > 0) {
      throw new LifecycleConfigError(constructPath, this.problems);
    }
  }
}

/**
 * Thrown when the library is called in a way that cannot take effect (e.g. validation options
 * passed after validation was already enabled). The message says what to do instead; like
 * `LifecycleConfigError`, `synthOrExit` and `cdk8s-lifecycle synth` print it without a stack.
 */
export class LifecycleUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LifecycleUsageError';
  }
}
