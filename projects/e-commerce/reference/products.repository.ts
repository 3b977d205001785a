import type { FaultId } from '../faults';
import type { SqlClient } from './database';
import type { CreateProductBody, UpdateProductBody } from './schemas';

/** A product as clients see it; prices in cents. */
export interface Product {
  id: number;
  name: string;
  description: string;
  price: number;
  category: string;
  stock: number;
}

export interface CatalogueFilter {
  q?: string | undefined;
  category?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  /** Start after this id (the keyset cursor). */
  afterId?: number | undefined;
  /** Only with the cursor-offset-skips fault. */
  offset?: number | undefined;
  limit: number;
}

/** What a cart line or an order line needs from the product it names. */
export interface PricedProduct {
  name: string;
  price: number;
}

const PRODUCT_COLUMNS = 'id::integer AS id, name, description, price, category, stock';

export type ProductsRepository = ReturnType<typeof createProductsRepository>;

export function createProductsRepository(db: SqlClient, fault?: FaultId) {
  // the catalogue's reads; price-as-float sends prices through euros in a double and back without rounding
  const cataloguePrice =
    fault === 'price-as-float' ? '(price::double precision / 100) * 100 AS price' : 'price';
  const CATALOGUE_COLUMNS = `id::integer AS id, name, description, ${cataloguePrice}, category, stock`;

  return {
    async insertProduct(product: CreateProductBody): Promise<Product> {
      const { rows } = await db.query<Product>(
        `INSERT INTO products (name, description, price, category, stock) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${PRODUCT_COLUMNS}`,
        [product.name, product.description, product.price, product.category, product.stock],
      );
      return rows[0] as Product;
    },

    /** Applies the fields the change names; undefined when no product has the id. */
    async updateProduct(id: number, change: UpdateProductBody): Promise<Product | undefined> {
      const { rows } = await db.query<Product>(
        `UPDATE products SET name = coalesce($2, name), description = coalesce($3, description),
           price = coalesce($4, price), category = coalesce($5, category), stock = coalesce($6, stock),
           updated_at = now()
         WHERE id = $1 RETURNING ${PRODUCT_COLUMNS}`,
        [
          id,
          change.name ?? null,
          change.description ?? null,
          change.price ?? null,
          change.category ?? null,
          change.stock ?? null,
        ],
      );
      return rows[0];
    },

    async findProduct(id: number): Promise<Product | undefined> {
      const { rows } = await db.query<Product>(`SELECT ${CATALOGUE_COLUMNS} FROM products WHERE id = $1`, [
        id,
      ]);
      return rows[0];
    },

    /** One page of the catalogue in id order: up to `filter.limit` products after `filter.afterId`. */
    async listProducts(filter: CatalogueFilter): Promise<Product[]> {
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      const where: string[] = [];
      if (filter.q !== undefined && filter.q !== '') where.push(searchCondition(filter.q, param, fault));
      if (filter.category !== undefined) where.push(`category = ${param(filter.category)}`);
      const [above, below] = fault === 'price-filter-exclusive' ? ['>', '<'] : ['>=', '<='];
      if (filter.minPrice !== undefined) where.push(`price ${above} ${param(filter.minPrice)}`);
      if (filter.maxPrice !== undefined) where.push(`price ${below} ${param(filter.maxPrice)}`);
      if (filter.afterId !== undefined) where.push(`id > ${param(filter.afterId)}`);
      // products.id, not id: ORDER BY id would mean the output column id::integer, which no index orders
      const { rows } = await db.query<Product>(
        `SELECT ${CATALOGUE_COLUMNS} FROM products
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY products.id LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset ?? 0)}`,
        params,
      );
      return rows;
    },

    /** Refreshes the planner's statistics of the catalogue (row counts, common values). */
    async analyze(): Promise<void> {
      await db.query('ANALYZE products');
    },

    /** How many products the shop has. */
    async countProducts(): Promise<number> {
      const { rows } = await db.query<{ count: number }>('SELECT count(*)::integer AS count FROM products');
      return rows[0]?.count ?? 0;
    },

    /**
     * Takes `quantity` out of stock if there is that much, in one statement: the row is locked while it is
     * checked and written, so two checkouts can never both take the last one. Undefined when there is not
     * enough (or no such product).
     */
    async takeStock(id: number, quantity: number): Promise<PricedProduct | undefined> {
      const { rows } = await db.query<PricedProduct>(
        `UPDATE products SET stock = stock - $2, updated_at = now()
         WHERE id = $1 AND stock >= $2 RETURNING name, price`,
        [id, quantity],
      );
      return rows[0];
    },

    /** The stock as it is now, with nothing locked: only faults read it apart from the write. */
    async readStock(id: number): Promise<(PricedProduct & { stock: number }) | undefined> {
      const { rows } = await db.query<PricedProduct & { stock: number }>(
        'SELECT name, price, stock FROM products WHERE id = $1',
        [id],
      );
      return rows[0];
    },

    /** Overwrites the stock with a number computed elsewhere: the read-then-write-stock fault's write. */
    async writeStock(id: number, stock: number): Promise<void> {
      await db.query('UPDATE products SET stock = $2, updated_at = now() WHERE id = $1', [id, stock]);
    },

    /** Puts an order's items back in stock (a cancelled order). */
    async returnStock(orderId: number): Promise<void> {
      await db.query(
        `UPDATE products p SET stock = p.stock + i.quantity, updated_at = now()
         FROM order_items i WHERE i.order_id = $1 AND p.id = i.product_id`,
        [orderId],
      );
    },
  };
}

/**
 * `q` as a case-insensitive substring of the name or the description, sent as a parameter. strpos rather
 * than ILIKE: q is plain text (no % or _ wildcards to escape), and the planner does not guess from its
 * statistics how rare the text is, a guess that can come out as "one row" and make it filter a whole
 * category instead of walking the index in id order and stopping at the end of the page.
 */
function searchCondition(q: string, param: (value: unknown) => string, fault?: FaultId): string {
  if (fault === 'search-concatenated-sql') return `(name ILIKE '%${q}%' OR description ILIKE '%${q}%')`;
  const text = param(q);
  const inName = `strpos(lower(name), lower(${text})) > 0`;
  if (fault === 'search-name-only') return inName;
  return `(${inName} OR strpos(lower(description), lower(${text})) > 0)`;
}
