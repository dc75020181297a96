import type { Rule } from '../../rule';

export const LIFECYCLE_RULES: readonly Rule[] = [];
