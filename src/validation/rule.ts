import type { K8sVersionSetting } from '../lint/k8s-version';
import type { Severity, Violation } from './finding';

/** A parsed Kubernetes object, trusted for nothing: every field may be missing or of any type. */
export interface KubeObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: unknown;
  readonly [field: string]: unknown;
}

/** What a rule may look at besides the object itself. */
export interface RuleContext {
  /** Every object linted together (a file set, or a cdk8s app): for cross-object rules. */
  readonly objects: readonly KubeObject[];
  /** Kubernetes minor version the rules target, e.g. `1.28`: one of SUPPORTED_K8S_VERSIONS. */
  readonly k8sVersion: string;
  /**
   * Where the user chose that version, so that advice to target another one names the right
   * option (`--k8s-version`, the plugin's `k8sVersion`, `LifecycleValidation.enable`).
   * @default 'api'
   */
  readonly k8sVersionSetting?: K8sVersionSetting;
}

export type RuleCategory = 'api-server' | 'structure' | 'lifecycle';

/** Good and bad examples; the rule's tests run them (bad must be flagged by this rule, good must not). */
export interface RuleFixtures {
  readonly good: readonly KubeObject[];
  readonly bad: readonly KubeObject[];
}

/**
 * A rule of the registry. Rules are pure: they read the object and return violations with field
 * paths; the engine adds the rule id, severity and object identity.
 */
export interface Rule {
  /** Stable id, `<category>/<kebab-name>`, e.g. `lifecycle/tcp-socket-hook`. */
  readonly id: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** One line: what the rule checks. */
  readonly summary: string;
  /** One paragraph: why it matters, citing public sources a user can open (a Kubernetes source file at a tag, a kubernetes.io page). */
  readonly docs: string;
  /** The general fix; a violation may give a more specific one. */
  readonly fix: string;
  readonly fixtures: RuleFixtures;
  /**
   * Whether the rule also runs on objects that are not a built-in Kubernetes kind (custom
   * resources, or objects without a usable apiVersion/kind). Other rules never see them: a CRD
   * whose kind happens to be `Deployment` must not get pod rules.
   * @default false
   */
  readonly appliesToUnknownKinds?: boolean;
  check(object: KubeObject, context: RuleContext): Violation[];
}
