/**
 * localStorage that never throws: private windows, full quotas and blocked storage all
 * degrade to memory for this page, so capture goes on.
 */
export class SafeStorage {
  readonly #memory = new Map<string, string>();
  readonly #persist: boolean;

  constructor(persist: boolean) {
    this.#persist = persist;
  }

  get(key: string): string | null {
    if (this.#persist) {
      try {
        return localStorage.getItem(key);
      } catch {
        // fall through to memory
      }
    }
    return this.#memory.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.#memory.set(key, value);
    if (!this.#persist) return;
    try {
      localStorage.setItem(key, value);
    } catch {
      // memory keeps it for this page
    }
  }

  remove(key: string): void {
    this.#memory.delete(key);
    try {
      localStorage.removeItem(key);
    } catch {
      // nothing stored there
    }
  }

  getJson<T>(key: string): T | null {
    const text = this.get(key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      return null;
    }
  }
}

export const uuid = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
        const r = (Math.random() * 16) | 0;
        return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
      });
