/**
 * The rule registry: every rule, in a fixed order. Each category's rules live in their own folder
 * (`rules/<category>/`), one rule per file, each with its docs, fix and fixtures.
 */
import type { Rule } from './rule';
import { API_SERVER_RULES } from './rules/api-server';
import { LIFECYCLE_RULES } from './rules/lifecycle';
import { STRUCTURE_RULES } from './rules/structure';

export const RULES: readonly Rule[] = [...STRUCTURE_RULES, ...API_SERVER_RULES, ...LIFECYCLE_RULES];
