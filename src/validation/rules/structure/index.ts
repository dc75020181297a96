import type { Rule } from '../../rule';
import { missingIdentity } from './missing-identity';
import { unknownField } from './unknown-field';
import { unknownKind } from './unknown-kind';
import { unservedKind } from './unserved-kind';
import { wrongType } from './wrong-type';

export const STRUCTURE_RULES: readonly Rule[] = [missingIdentity, unservedKind, unknownKind, unknownField, wrongType];
