import type { SampleValue } from '../samples/types';
import type { ValueType } from './types';

export type TypedConversion = { ok: true; value: unknown; empty?: boolean } | { ok: false; reason: string };

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Convert a sample value for a typed tag (`((Tag)):number` …). Empty (null or "") becomes JSON null. */
export function convertTyped(v: SampleValue, type: ValueType): TypedConversion {
  if (v === null || v === '') return { ok: true, value: null, empty: true };
  switch (type) {
    case 'number': {
      if (typeof v === 'number')
        return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, reason: 'it is not a finite number' };
      if (typeof v === 'string' && JSON_NUMBER.test(v.trim())) return { ok: true, value: Number(v.trim()) };
      return { ok: false, reason: `${describe(v)} is not a number` };
    }
    case 'boolean': {
      if (typeof v === 'boolean') return { ok: true, value: v };
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (s === 'true') return { ok: true, value: true };
        if (s === 'false') return { ok: true, value: false };
      }
      return { ok: false, reason: `${describe(v)} is not true or false` };
    }
    case 'json': {
      if (typeof v !== 'string') return { ok: true, value: v };
      try {
        return { ok: true, value: JSON.parse(v) };
      } catch {
        return { ok: false, reason: `${describe(v)} is not JSON text` };
      }
    }
  }
}

function describe(v: SampleValue): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `the value ${s.slice(0, 37)}…` : `the value ${s}`;
}
