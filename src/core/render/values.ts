import { fail, ok, type Result } from '../common/result';
import type { SampleValue } from '../samples/types';
import type { ValueType } from './types';

/** A typed value: the JSON value to write, and whether it came from an empty field (null or ""). */
export type TypedConversion = Result<{ value: unknown; empty?: boolean }>;

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Convert a sample value for a typed tag (`((Tag)):number` …). Empty (null or "") becomes JSON null. */
export function convertTyped(v: SampleValue, type: ValueType): TypedConversion {
  if (v === null || v === '') return ok({ value: null, empty: true });
  switch (type) {
    case 'number': {
      if (typeof v === 'number') return Number.isFinite(v) ? ok({ value: v }) : fail('it is not a finite number');
      if (typeof v === 'string' && JSON_NUMBER.test(v.trim())) return ok({ value: Number(v.trim()) });
      return fail(`${describe(v)} is not a number`);
    }
    case 'boolean': {
      if (typeof v === 'boolean') return ok({ value: v });
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (s === 'true') return ok({ value: true });
        if (s === 'false') return ok({ value: false });
      }
      return fail(`${describe(v)} is not true or false`);
    }
    case 'json': {
      if (typeof v !== 'string') return ok({ value: v });
      try {
        return ok({ value: JSON.parse(v) });
      } catch {
        return fail(`${describe(v)} is not JSON text`);
      }
    }
  }
}

function describe(v: SampleValue): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `the value ${s.slice(0, 37)}…` : `the value ${s}`;
}
