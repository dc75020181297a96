import type { Rule } from '../../rule';

export const API_SERVER_RULES: readonly Rule[] = [];
