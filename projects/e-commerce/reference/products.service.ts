import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultId } from '../faults';
import { problems } from './errors';
import type { CatalogueFilter, Product, ProductsRepository } from './products.repository';
import type { CatalogueQuery, CreateProductBody, UpdateProductBody } from './schemas';

export interface ProductPage {
  items: Product[];
  /** Where the next page starts; null on the last. */
  nextCursor: string | null;
}

/** Where a page starts: after a product id (or, with a fault, after skipping rows). */
interface CataloguePosition {
  afterId?: number;
  offset?: number;
}

// PGlite runs no autovacuum, so nothing refreshes the planner's statistics as the catalogue grows, and
// without them a 5,000-product category looks like a few rows: every search would filter all of them
// instead of walking the index in id order and stopping at a page. This does autovacuum's job.
const ANALYZE_EVERY_INSERTS = 500;
// catalogue-scan-per-request: what reading one product of a table scan costs on a networked database
const SCAN_MS_PER_PRODUCT = 0.1;

export type ProductsService = ReturnType<typeof createProductsService>;

export function createProductsService(products: ProductsRepository, fault?: FaultId) {
  let insertsSinceAnalyze = 0;

  return {
    async createProduct(input: CreateProductBody): Promise<Product> {
      const product = await products.insertProduct(input);
      insertsSinceAnalyze += 1;
      if (insertsSinceAnalyze >= ANALYZE_EVERY_INSERTS) {
        insertsSinceAnalyze = 0;
        await products.analyze();
      }
      return product;
    },

    async updateProduct(id: number, change: UpdateProductBody): Promise<Product> {
      const product = await products.updateProduct(id, change);
      if (product === undefined) throw problems.productNotFound();
      return product;
    },

    async getProduct(id: number): Promise<Product> {
      if (fault === 'catalogue-scan-per-request') await scanWholeCatalogue();
      const product = await products.findProduct(id);
      // product-missing-500 hands the route a row that may not exist, and the route reads its fields
      if (product === undefined && fault !== 'product-missing-500') throw problems.productNotFound();
      return product as Product;
    },

    async listProducts(query: CatalogueQuery): Promise<ProductPage> {
      const position = query.cursor === undefined ? {} : decodeCursor(query.cursor);
      const filter: CatalogueFilter = {
        ...query,
        ...(fault === 'cursor-offset-skips' ? { offset: position.offset } : { afterId: position.afterId }),
        // one extra row tells whether another page follows
        limit: query.limit + 1,
      };
      if (fault === 'catalogue-scan-per-request') await scanWholeCatalogue();
      const rows = await products.listProducts(filter);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      if (rows.length <= query.limit || last === undefined) return { items, nextCursor: null };
      const next: CataloguePosition =
        fault === 'cursor-offset-skips'
          ? { offset: (position.offset ?? 0) + items.length + 1 }
          : { afterId: last.id };
      return { items, nextCursor: encodeCursor(next) };
    },
  };

  /**
   * The catalogue-scan-per-request fault: every request pays for reading every product. The time is
   * spent waiting, not scanning: 5,000 real rows a request would hold PGlite's one connection so long
   * that even /health stopped answering, and the grader would see a crash instead of a slow catalogue.
   */
  async function scanWholeCatalogue(): Promise<void> {
    await sleep((await products.countProducts()) * SCAN_MS_PER_PRODUCT);
  }
}

/** Opaque to clients, so its format can change without breaking them. */
function encodeCursor(position: CataloguePosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): CataloguePosition {
  try {
    const { afterId, offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as CataloguePosition;
    if (Number.isSafeInteger(afterId)) return { afterId: afterId as number };
    if (Number.isSafeInteger(offset)) return { offset: offset as number };
  } catch {
    // refused below
  }
  throw problems.invalidField('cursor', 'cursor must be the nextCursor of a previous page.');
}
