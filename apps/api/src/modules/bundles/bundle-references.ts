import { type BundleLineError, RECORD_REFERENCES, RECORD_TYPES, type RecordType } from '@hub/contracts';

/** Only these types are ever referred to, so only their keys are remembered. */
const REFERENCES = RECORD_REFERENCES; // a local: imports compile to getters
const REFERENCED = new Set(RECORD_TYPES.flatMap((type) => RECORD_REFERENCES[type].map((reference) => reference.target)));

/** A growable column of numbers in a typed array: a million references cost megabytes, not hundreds. */
class NumberColumn {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  get(index: number): number {
    return this.data[index]!;
  }
}

interface PendingReferences {
  ids: NumberColumn;
  lines: NumberColumn;
  fields: string[];
  fieldIndexes: NumberColumn;
}

/**
 * Tracks which keys a bundle upserts and which references it makes. A reference is settled at
 * once when its target came earlier in the bundle; the rest wait for the end of the bundle (the
 * target may come later) and then for one batched look-up in the store. A target the bundle
 * upserts and later deletes is caught by the orphan check on the delete's line.
 */
export class BundleReferences {
  private readonly keys = new Map<RecordType, Set<number | string>>();
  private readonly pending = new Map<RecordType, PendingReferences>();

  /**
   * Notes one upserted record: its key and its references, as the line encoder lists them
   * (`fields` index RECORD_REFERENCES[type], entries `start` to `end`).
   */
  noteRecord(type: RecordType, line: number, key: number | string, fields: Uint8Array, ids: Float64Array, start: number, end: number): void {
    if (REFERENCED.has(type)) {
      let keys = this.keys.get(type);
      if (!keys) this.keys.set(type, (keys = new Set()));
      keys.add(key);
    }
    const references = REFERENCES[type];
    for (let index = start; index < end; index++) {
      const reference = references[fields[index]!]!;
      this.check(reference.target, ids[index]!, line, reference.field);
    }
  }

  private check(target: RecordType, id: number, line: number, field: string): void {
    if (!this.keys.get(target)?.has(id)) this.defer(target, id, line, field);
  }

  /** Whether the bundle upserts this key anywhere. */
  has(type: RecordType, key: number | string): boolean {
    return this.keys.get(type)?.has(key) ?? false;
  }

  /**
   * References whose target is not in the bundle, grouped by target type, for a look-up in the
   * store. `report` turns the keys the store lacks into line errors.
   */
  unresolved(): { type: RecordType; ids: number[]; report: (missing: Set<number>) => BundleLineError[] }[] {
    const result = [];
    for (const [type, pending] of this.pending) {
      const outside = new Set<number>();
      for (let index = 0; index < pending.ids.length; index++) {
        const id = pending.ids.get(index);
        if (!this.has(type, id)) outside.add(id);
      }
      if (outside.size === 0) continue;
      result.push({
        type,
        ids: [...outside],
        report: (missing: Set<number>) => {
          const errors: BundleLineError[] = [];
          for (let index = 0; index < pending.ids.length; index++) {
            const id = pending.ids.get(index);
            if (!missing.has(id)) continue;
            errors.push({
              line: pending.lines.get(index),
              field: `data.${pending.fields[pending.fieldIndexes.get(index)]}`,
              reason: `refers to ${type} ${id}, which is neither in this bundle nor in the hub`,
            });
          }
          return errors;
        },
      });
    }
    return result;
  }

  private defer(target: RecordType, id: number, line: number, field: string): void {
    let pending = this.pending.get(target);
    if (!pending) {
      pending = { ids: new NumberColumn(), lines: new NumberColumn(), fields: [], fieldIndexes: new NumberColumn() };
      this.pending.set(target, pending);
    }
    let fieldIndex = pending.fields.indexOf(field);
    if (fieldIndex === -1) fieldIndex = pending.fields.push(field) - 1;
    pending.ids.push(id);
    pending.lines.push(line);
    pending.fieldIndexes.push(fieldIndex);
  }
}
