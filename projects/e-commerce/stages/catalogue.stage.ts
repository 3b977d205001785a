import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  type Failure,
  type HttpResponse,
  pass,
} from '@groundwork/grader';
import { describeJson, expectJsonError, isObject } from '../../kit/checks/problem-body';
import {
  adminFor,
  type CreatedProduct,
  createProduct,
  createProducts,
  describeRequest,
  failWith,
  idIn,
  isFailure,
  missingIdLike,
  productBody,
  productPath,
  readProduct,
  setUpProduct,
  uniqueWord,
} from './shop-requests';
import { TOPIC } from './topics';

const PAGED_PRODUCTS = 25;
const PAGE_LIMIT = 10;
// 10 + 10 + 5, and one empty page for a server that learns it is done only by looking
const MAX_PAGES = 5;

interface ProductPage {
  items: Record<string, unknown>[];
  ids: string[];
  nextCursor: unknown;
  res: HttpResponse;
}

/** GET /products with a query: 200 with `{ items: [...] }`, or a failure saying what came instead. */
export async function listProducts(
  ctx: CheckContext,
  query: Readonly<Record<string, string>>,
): Promise<ProductPage | Failure> {
  const res = await ctx.http.get(`/products?${new URLSearchParams(query)}`);
  const body = res.json();
  if (res.status === 200 && isObject(body) && Array.isArray(body.items)) {
    const items = body.items.filter(isObject);
    return { items, ids: items.map((item) => String(idIn(item))), nextCursor: body.nextCursor, res };
  }
  return failWith(
    res,
    'status 200 with {"items": [...], "nextCursor": ...}',
    res.status === 200 ? `the body ${describeJson(body)}` : `status ${describeStatus(res.status)}`,
    `${describeRequest(res)} should answer 200 with {"items": [...], "nextCursor": ...}, but it answered ${res.status === 200 ? describeJson(body) : describeStatus(res.status)}.`,
  );
}

/** The listing holds exactly `expected` (in any order), or a failure naming what is missing or extra. */
function expectExactly(
  page: ProductPage,
  expected: readonly CreatedProduct[],
  what: string,
): Failure | undefined {
  const wanted = new Set(expected.map((product) => String(product.id)));
  const missing = expected.filter((product) => !page.ids.includes(String(product.id)));
  const extra = page.items.filter((item) => !wanted.has(String(idIn(item))));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const describe = (bodies: readonly unknown[]) => bodies.map((body) => describeJson(body)).join(', ');
  return failWith(
    page.res,
    `exactly ${expected.length} product(s): ${what}`,
    `${page.ids.length} listed${missing.length > 0 ? `, ${missing.length} missing` : ''}${extra.length > 0 ? `, ${extra.length} not expected` : ''}`,
    `${describeRequest(page.res)} should list exactly ${what}, but ${missing.length > 0 ? `it left out ${describe(missing.map((product) => product.body))}` : `it also listed ${describe(extra)}`}.`,
  );
}

const productsCursorPages = defineCheck({
  id: 'products-cursor-pages',
  title: `Following nextCursor with limit=${PAGE_LIMIT} lists ${PAGED_PRODUCTS} products as pages of 10, 10 and 5, each once, then nextCursor null`,
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const category = uniqueWord(ctx, 'category-');
    const bodies = Array.from({ length: PAGED_PRODUCTS }, (_, i) =>
      productBody(ctx, { name: `Paged item ${i + 1}`, category, price: 100 + i }),
    );
    const created = await createProducts(ctx, admin, bodies, 5);
    if (isFailure(created)) return created;
    const wanted = new Set(created.map((product) => String(product.id)));
    const seen = new Map<string, number>();
    const sizes: number[] = [];
    let cursor: string | undefined;
    let last: HttpResponse | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const listed = await listProducts(ctx, {
        category,
        limit: String(PAGE_LIMIT),
        ...(cursor ? { cursor } : {}),
      });
      if (isFailure(listed)) return listed;
      last = listed.res;
      sizes.push(listed.ids.length);
      const where = `page ${page} of category=${category} (limit=${PAGE_LIMIT}${page > 1 ? ', the cursor the page before gave' : ''})`;
      const repeated = listed.ids.find((id) => seen.has(id));
      if (repeated !== undefined) {
        return failWith(
          listed.res,
          'each product on exactly one page',
          `product ${repeated} on pages ${seen.get(repeated)} and ${page}`,
          `Following nextCursor, ${where} listed product ${repeated} again (page ${seen.get(repeated)} had it): the cursor should say exactly where the last page ended, e.g. the last id, and the next page start after it.`,
        );
      }
      const foreign = listed.ids.find((id) => !wanted.has(id));
      if (foreign !== undefined) {
        return failWith(
          listed.res,
          `only the ${PAGED_PRODUCTS} products of category ${category}`,
          `product ${foreign}`,
          `${where} listed product ${foreign}, which is not one of the ${PAGED_PRODUCTS} products in that category: keep the filters on every page.`,
        );
      }
      for (const id of listed.ids) seen.set(id, page);
      const next = listed.nextCursor;
      if (next === null) break;
      if (typeof next !== 'string' || next === '' || listed.ids.length === 0) {
        return failWith(
          listed.res,
          '"nextCursor": a non-empty string, or null on the last page',
          `"nextCursor": ${describeJson(next)} after ${listed.ids.length} products`,
          `${where} answered "nextCursor": ${describeJson(next)} with ${listed.ids.length} products, but it should be a string naming where the next page starts, or null when there is no next page.`,
        );
      }
      cursor = next;
      if (page === MAX_PAGES) {
        return failWith(
          listed.res,
          '"nextCursor": null by the last page',
          `"nextCursor": ${describeJson(next)} on page ${page}`,
          `${PAGED_PRODUCTS} products at ${PAGE_LIMIT} a page should take 3 pages, but page ${page} still gave a nextCursor: answer null when nothing is left.`,
        );
      }
    }
    const missing = created.filter((product) => !seen.has(String(product.id)));
    const isPaged =
      sizes[0] === 10 && sizes[1] === 10 && sizes[2] === 5 && sizes.slice(3).every((n) => n === 0);
    if (missing.length === 0 && isPaged) return pass();
    return failWith(
      last,
      `pages of 10, 10 and 5 products holding all ${PAGED_PRODUCTS}`,
      `pages of ${sizes.join(', ')}${missing.length > 0 ? `, ${missing.length} never listed` : ''}`,
      missing.length > 0
        ? `Following nextCursor through category=${category} with limit=${PAGE_LIMIT} never listed ${missing.length} of its ${PAGED_PRODUCTS} products (e.g. ${describeJson(missing[0]?.body)}): the next page should start right after the last product of the page before, skipping none.`
        : `Following nextCursor through category=${category} with limit=${PAGE_LIMIT} gave pages of ${sizes.join(', ')} products, but it should give 10, 10 and 5: a page holds at most limit products.`,
    );
  },
});

const productsSearch = defineCheck({
  id: 'products-search',
  title: 'GET /products?q= finds a word in a name or a description, whatever its case, and nothing else',
  topic: TOPIC.sqlBasics,
  async run(ctx) {
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const category = uniqueWord(ctx, 'category-');
    const nameWord = uniqueWord(ctx);
    const descriptionWord = uniqueWord(ctx);
    const capitalised = `${descriptionWord.charAt(0).toUpperCase()}${descriptionWord.slice(1)}`;
    const make = (fields: Record<string, unknown>) =>
      createProduct(ctx, admin, productBody(ctx, { ...fields, category }));
    const byName = await make({
      name: `Desk lamp ${nameWord.toUpperCase()}`,
      description: 'Bright and adjustable.',
    });
    if (isFailure(byName)) return byName;
    const byDescription = await make({
      name: 'Reading chair',
      description: `Upholstered in the ${capitalised} style.`,
    });
    if (isFailure(byDescription)) return byDescription;
    // a near miss: each word with a letter cut off, so only a real substring match leaves it out
    const nearMiss = await make({
      name: `Desk lamp ${nameWord.slice(0, -1)}`,
      description: `In the ${descriptionWord.slice(1)} style.`,
    });
    if (isFailure(nearMiss)) return nearMiss;
    const searches = [
      { q: nameWord, expected: byName, what: `the product whose name holds "${nameWord.toUpperCase()}"` },
      {
        q: descriptionWord.toUpperCase(),
        expected: byDescription,
        what: `the product whose description holds "${capitalised}"`,
      },
    ];
    for (const { q, expected, what } of searches) {
      const listed = await listProducts(ctx, { q });
      if (isFailure(listed)) return listed;
      const failure = expectExactly(
        listed,
        [expected],
        `${what} (q matches names and descriptions, ignoring case)`,
      );
      if (failure) return failure;
    }
    return pass();
  },
});

const productsFilters = defineCheck({
  id: 'products-filters',
  title: 'category picks one category exactly, and minPrice and maxPrice include their bounds',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const category = uniqueWord(ctx, 'category-');
    const otherCategory = `${category}x`;
    const prices = [999, 1000, 1500, 2000, 2001];
    const created = await createProducts(
      ctx,
      admin,
      [
        ...prices.map((price) => productBody(ctx, { category, price })),
        productBody(ctx, { category: otherCategory, price: 1500 }),
      ],
      1,
    );
    if (isFailure(created)) return created;
    const priced = (...wanted: number[]) =>
      created.slice(0, prices.length).filter((p) => wanted.includes(p.body.price as number));
    const queries = [
      {
        query: { category, minPrice: '1000', maxPrice: '2000' },
        expected: priced(1000, 1500, 2000),
        what: `the products of category ${category} priced 1000, 1500 and 2000 (both bounds included)`,
      },
      {
        query: { category, minPrice: '2000' },
        expected: priced(2000, 2001),
        what: `the products of category ${category} priced 2000 and 2001`,
      },
      {
        query: { category: otherCategory },
        expected: created.slice(prices.length),
        what: `the one product of category ${otherCategory} (categories match exactly)`,
      },
    ];
    for (const { query, expected, what } of queries) {
      const listed = await listProducts(ctx, query);
      if (isFailure(listed)) return listed;
      const failure = expectExactly(listed, expected, what);
      if (failure) return failure;
    }
    return pass();
  },
});

const pricesExact = defineCheck({
  id: 'prices-exact',
  title:
    'Prices in cents (1999, 110, 10, 20) read back as exactly those integers, in the list and on the product',
  topic: TOPIC.variablesAndDataTypes,
  async run(ctx) {
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const category = uniqueWord(ctx, 'category-');
    const prices = [1999, 110, 10, 20];
    const created = await createProducts(
      ctx,
      admin,
      prices.map((price) => productBody(ctx, { category, price })),
      1,
    );
    if (isFailure(created)) return created;
    const listed = await listProducts(ctx, { category });
    if (isFailure(listed)) return listed;
    for (const product of created) {
      const price = product.body.price;
      const inList = listed.items.find((item) => String(idIn(item)) === String(product.id));
      const read = await readProduct(ctx, product.id);
      if (isFailure(read)) return read;
      for (const [where, body, res] of [
        [`GET /products?category=${category}`, inList, listed.res],
        [`GET ${productPath(product.id)}`, read.body, read.res],
      ] as const) {
        const actual = isObject(body) ? body.price : undefined;
        if (actual === price) continue;
        return failWith(
          res,
          `"price": ${String(price)}`,
          body === undefined ? 'the product not listed' : `"price": ${describeJson(actual)}`,
          body === undefined
            ? `${where} should list the product created with "price": ${String(price)}, but it is not there.`
            : `${where} should give the price the product was created with, exactly ${String(price)} cents, but it gave ${describeJson(actual)}: keep money as an integer number of cents (an integer column), never a float.`,
        );
      }
    }
    return pass();
  },
});

const productValidation = defineCheck({
  id: 'product-validation',
  title:
    'A price that is not a whole number of cents, a negative price or stock, or no name answers 4xx naming the field',
  topic: TOPIC.inputValidation,
  async run(ctx) {
    const admin = await adminFor(ctx);
    if (isFailure(admin)) return admin;
    const valid = productBody(ctx);
    const { name: _name, ...nameless } = valid;
    const cases = [
      { body: { ...valid, price: 19.99 }, field: 'price', rule: 'prices are whole cents' },
      { body: { ...valid, price: -1 }, field: 'price', rule: 'prices are not negative' },
      { body: nameless, field: 'name', rule: 'a product needs a name' },
      { body: { ...valid, stock: -1 }, field: 'stock', rule: 'stock is not negative' },
    ];
    for (const { body, field, rule } of cases) {
      const res = await ctx.http.post('/products', { json: body, headers: admin.headers });
      const failure = expectJsonError(res, {
        status: [400, 422],
        field,
        request: `POST /products with ${describeJson(body)}`,
        rule,
        ...(res.status < 300 ? { why: 'validate every field before inserting' } : {}),
      });
      if (failure) return failure;
    }
    // every refused body named the same new category, so anything listed in it was created anyway
    const listed = await listProducts(ctx, { category: String(valid.category) });
    if (isFailure(listed)) return listed;
    if (listed.items.length === 0) return pass();
    return failWith(
      listed.res,
      'no products in the category the refused bodies named',
      `${listed.items.length} product(s): ${describeJson(listed.items)}`,
      `Every POST /products into category ${String(valid.category)} was refused, yet ${describeRequest(listed.res)} lists ${describeJson(listed.items)}: validate before inserting, or roll the insert back.`,
    );
  },
});

const productNotFound = defineCheck({
  id: 'product-not-found',
  title: 'GET /products/:id for an id that names no product answers 404',
  topic: TOPIC.httpStatusCodes,
  async run(ctx) {
    const product = await setUpProduct(ctx);
    if (isFailure(product)) return product;
    const read = await readProduct(ctx, product.id);
    if (isFailure(read)) return read;
    const missing = missingIdLike(ctx, product.id);
    const res = await ctx.http.get(productPath(missing));
    return (
      expectJsonError(res, {
        status: 404,
        request: `GET ${productPath(missing)}, an id no product has,`,
        ...(res.status >= 500 ? { why: 'answer 404 when the query finds no row' } : {}),
      }) ?? pass()
    );
  },
});

export const catalogueStage = defineStage({
  id: 'catalogue',
  title: 'Catalogue',
  difficulty: 'beginner',
  needs: ['accounts'],
  topics: [
    TOPIC.apiDesign,
    TOPIC.sqlBasics,
    TOPIC.variablesAndDataTypes,
    TOPIC.inputValidation,
    TOPIC.httpStatusCodes,
    TOPIC.restApis,
  ],
  checks: [
    productsCursorPages,
    productsSearch,
    productsFilters,
    pricesExact,
    productValidation,
    productNotFound,
  ],
});
