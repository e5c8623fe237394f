import type { ValueTransformer } from 'typeorm';

/** Ids are bigint in PostgreSQL (Django's BigAutoField) and exact JavaScript numbers here. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

export const bigintArrayToNumbers: ValueTransformer = {
  to: (value: number[] | null | undefined) => value,
  from: (value: string[] | null) => (value === null ? null : value.map(Number)),
};

/** `numeric` comes back as a string to keep precision; money here fits a double comfortably. */
export const numericToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
