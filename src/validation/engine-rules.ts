/**
 * Findings the linter makes itself rather than a rule of the registry: input it cannot read, an
 * ignore annotation it cannot honour, a rule that crashed. They appear in every output (text,
 * JSON, SARIF, the cdk8s-cli plugin's report) like rule findings and are documented in
 * docs/rules.md with them.
 */
import type { Rule } from './rule';

/** What the docs and SARIF need of a rule. */
export type RuleDescriptor = Pick<Rule, 'id' | 'severity' | 'summary' | 'docs' | 'fix'>;

export interface EngineRule extends RuleDescriptor {
  /**
   * Whether `--disable` (and the plugin's `disable`) accepts the id. Unreadable input and crashed
   * rules never can: leaving them out would report a file or an object as clean that was not checked.
   */
  readonly canDisable: boolean;
  /** Manifest texts for docs/rules.md: one the linter flags with this id, one it accepts. */
  readonly examples?: { readonly flagged: string; readonly accepted?: string };
}

export const INPUT_UNREADABLE = 'input/unreadable';
export const IGNORE_ANNOTATION_RULE = 'input/ignore-annotation';
export const RULE_CRASHED = 'internal/rule-crashed';

export const ENGINE_RULES: readonly EngineRule[] = [
  {
    id: INPUT_UNREADABLE,
    severity: 'error',
    canDisable: false,
    summary: 'A file, or a document in it, could not be read as Kubernetes objects.',
    docs: [
      'A path that does not exist or cannot be read, text that is not YAML or JSON, a mapping with a duplicate key, a document that is a scalar or a list instead of an object, or standard input that holds no object at all.',
      'The other files, and the other documents of the same file, are still linted, and the run exits 2 at the end, whatever else it found.',
      'Duplicate keys are errors because `kubectl apply` rejects them under its default `--validate=strict` and keeps only the last one under `--validate=ignore` (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/); which value the cluster would get is not something a linter should guess.',
      'Findings of cross-object rules (a Service selecting a workload, a PodDisruptionBudget) do not see the objects of an unreadable document.',
    ].join(' '),
    fix: 'fix the file at the reported line (or the command that generated it), then lint again',
    examples: {
      flagged: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  selector: {app: web-v2}\n',
    },
  },
  {
    id: IGNORE_ANNOTATION_RULE,
    severity: 'warning',
    canDisable: true,
    summary: 'A lifecycle.cdk8s.io/ignore annotation names an id that is not a rule, or sits where it has no effect.',
    docs: [
      '`lifecycle.cdk8s.io/ignore: "rule-a,rule-b"` in an object\'s own `metadata.annotations` suppresses those rules\' findings on that object (the reason goes in `lifecycle.cdk8s.io/ignore-reason`).',
      'An id that is no rule (a typo, or a rule of a newer version) suppresses nothing, and the annotation on a pod template (`spec.template.metadata`) is not read: both are reported so that a suppression that does not work is not mistaken for one that does.',
    ].join(' '),
    fix: 'use the rule ids of docs/rules.md, and put the annotation in the object\'s own metadata.annotations',
    examples: {
      flagged: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  annotations:\n    lifecycle.cdk8s.io/ignore: lifecycle/liveness-equals-readiness\nspec:\n  containers: [{name: app, image: "worker:1.4"}]\n',
      accepted: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  annotations:\n    lifecycle.cdk8s.io/ignore: lifecycle/liveness-same-as-readiness\n    lifecycle.cdk8s.io/ignore-reason: "the health endpoint is the readiness check; restarts are what we want"\nspec:\n  containers: [{name: app, image: "worker:1.4"}]\n',
    },
  },
  {
    id: RULE_CRASHED,
    severity: 'error',
    canDisable: false,
    summary: 'A rule could not check an object.',
    docs: 'A rule threw while reading an object, usually because a field has a shape the rule did not expect. The object is reported instead of crashing the linter; an ignore annotation naming the rule that crashed suppresses it.',
    fix: 'This is a bug in cdk8s-lifecycle; please report it with the object.',
  },
];
