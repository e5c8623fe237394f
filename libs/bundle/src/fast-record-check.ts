import type { z } from 'zod';

/**
 * A quick yes for the common case: true only if zod would accept the value unchanged. False means
 * "not sure" (an error, or a value zod transforms): then zod parses the value as before and words
 * the errors. It trims the validation cost of a line several-fold, and by construction cannot let
 * through anything zod refuses.
 */
export type FastCheck = (value: unknown) => boolean;

type Def = { type: string; [key: string]: unknown };
type CheckDef = { check: string; [key: string]: unknown };

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** The checks zod attaches to numbers, strings and arrays, as predicates; undefined for any other kind. */
function compileChecks(checks: readonly unknown[] | undefined, size: (value: never) => number): ((value: never) => boolean)[] | undefined {
  const predicates: ((value: never) => boolean)[] = [];
  for (const check of checks ?? []) {
    const def = defOf(check) as unknown as CheckDef;
    // Length checks carry a `when` (skip nullish values) that always holds once the type is known.
    if (def['when'] !== undefined && def.check !== 'max_length' && def.check !== 'min_length') return undefined;
    switch (def.check) {
      case 'max_length': {
        const maximum = def['maximum'] as number;
        predicates.push((value) => size(value) <= maximum);
        break;
      }
      case 'min_length': {
        const minimum = def['minimum'] as number;
        predicates.push((value) => size(value) >= minimum);
        break;
      }
      case 'greater_than': {
        const bound = def['value'] as number;
        predicates.push(def['inclusive'] ? (value: number) => value >= bound : (value: number) => value > bound);
        break;
      }
      case 'less_than': {
        const bound = def['value'] as number;
        predicates.push(def['inclusive'] ? (value: number) => value <= bound : (value: number) => value < bound);
        break;
      }
      case 'number_format':
        if (def['format'] !== 'safeint') return undefined;
        predicates.push((value: number) => Number.isSafeInteger(value));
        break;
      case 'string_format': {
        const pattern = def['pattern'];
        if (def['format'] !== 'regex' || !(pattern instanceof RegExp) || pattern.global || pattern.sticky) return undefined;
        predicates.push((value: string) => pattern.test(value));
        break;
      }
      default:
        return undefined;
    }
  }
  return predicates;
}

const all = (predicates: ((value: never) => boolean)[], value: unknown) => {
  for (const predicate of predicates) if (!predicate(value as never)) return false;
  return true;
};

/** Compiles one schema; undefined if it uses anything this does not know (then zod always decides). */
function compile(schema: unknown): FastCheck | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (defOf(def['catchall'] ?? { _zod: { def: { type: 'none' } } }).type !== 'never') return undefined;
      const shape = def['shape'] as Record<string, unknown>;
      const fields: [string, FastCheck][] = [];
      for (const [name, field] of Object.entries(shape)) {
        const check = compile(field);
        if (!check) return undefined;
        fields.push([name, check]);
      }
      const known = new Set(Object.keys(shape));
      return (value) => {
        if (!isPlainObject(value)) return false;
        for (const key in value) if (!known.has(key)) return false;
        for (const [name, check] of fields) if (!check(value[name])) return false;
        return true;
      };
    }
    case 'optional': {
      const inner = compile(def['innerType']);
      return inner && ((value) => value === undefined || inner(value));
    }
    case 'nullable': {
      const inner = compile(def['innerType']);
      return inner && ((value) => value === null || inner(value));
    }
    case 'number': {
      const checks = compileChecks(def['checks'] as unknown[], () => 0);
      return checks && ((value) => typeof value === 'number' && Number.isFinite(value) && all(checks, value));
    }
    case 'string': {
      const checks = compileChecks(def['checks'] as unknown[], (value: string) => value.length);
      if (!checks) return undefined;
      // A format of its own (z.iso.datetime(), z.iso.date()): zod tests its pattern.
      const pattern = def['pattern'];
      if (def['format'] !== undefined || pattern !== undefined) {
        if (!(pattern instanceof RegExp) || pattern.global || pattern.sticky || (def['checks'] as unknown[] | undefined)?.length) return undefined;
        return (value) => typeof value === 'string' && pattern.test(value);
      }
      return (value) => typeof value === 'string' && all(checks, value);
    }
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'null':
      return (value) => value === null;
    case 'unknown':
      return () => true;
    case 'never':
      return () => false;
    case 'enum': {
      const values = new Set(Object.values(def['entries'] as Record<string, unknown>));
      return (value) => values.has(value);
    }
    case 'union': {
      const options = (def['options'] as unknown[]).map(compile);
      if (options.some((option) => !option)) return undefined;
      return (value) => options.some((option) => option!(value));
    }
    case 'array': {
      const element = compile(def['element']);
      const checks = compileChecks(def['checks'] as unknown[], (value: unknown[]) => value.length);
      if (!element || !checks) return undefined;
      return (value) => Array.isArray(value) && all(checks, value) && value.every((item) => element(item));
    }
    case 'record': {
      const key = compile(def['keyType']);
      const item = compile(def['valueType']);
      if (!key || !item || defOf(def['keyType']).type !== 'string') return undefined;
      return (value) => {
        if (!isPlainObject(value)) return false;
        // zod would set a "__proto__" key as the prototype, not keep it: let zod have it.
        for (const name in value) if (name === '__proto__' || !key(name) || !item(value[name])) return false;
        return true;
      };
    }
    case 'pipe':
      // A transform (z.iso.date() or a time, cut to its date): its output differs from its input, so zod must run.
      return () => false;
    default:
      return undefined;
  }
}

/** The quick check of a record schema, or one that always defers to zod when it cannot be compiled. */
export function fastCheckOf(schema: z.ZodType): FastCheck {
  return compile(schema) ?? (() => false);
}
