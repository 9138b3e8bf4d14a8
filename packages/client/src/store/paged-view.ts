import type { SwitchboardError } from '../errors.js';
import { LiveView, type ViewState } from './live-view.js';

/** Items asked for per page. */
export const pageSize = 50;

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A live view of a paged list: `load()` (re)loads the first page, `more()` adds the next one. */
export abstract class PagedView<S extends ViewState, T> extends LiveView<S> {
  #cursor: string | null = null;
  #loading: Promise<void> | null = null;

  load(): void {
    this.#loading = this.#fetch(null);
  }

  /** Loads the next page (a no-op while one is loading or when there is none). */
  protected async more(): Promise<void> {
    await this.#loading;
    if (this.#cursor !== null) await (this.#loading = this.#fetch(this.#cursor));
  }

  #fetch(cursor: string | null): Promise<void> {
    return this.host.get<Page<T>>(this.pagePath(cursor)).then(
      (page) => {
        this.#cursor = page.nextCursor;
        this.show(page.data, cursor === null, page.nextCursor !== null);
      },
      (error: SwitchboardError) => this.failed(error, cursor === null),
    );
  }

  /** The path of the page after `cursor` (null: the first page). */
  protected abstract pagePath(cursor: string | null): string;

  /** Shows a page: the first replaces what was shown, a later one adds to it. */
  protected abstract show(items: T[], first: boolean, hasMore: boolean): void;
}
