import { inspect } from 'node:util';

/**
 * A configuration secret (HUB_ADMIN_KEY, …). It prints as `[secret]` in logs, JSON and
 * `console.log`, so dumping the config never leaks it; `reveal()` is the one way to read it.
 */
export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return '[secret]';
  }
}
