import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FaultId } from '../faults';
import type { AuthService } from './auth.service';
import { problems } from './errors';
import { parseId } from './ids';
import type { Product } from './products.repository';
import type { ProductsService } from './products.service';
import { parseCatalogueQuery, parseCreateProduct, parseUpdateProduct } from './validation';

export interface ProductRoutesOptions {
  auth: AuthService;
  products: ProductsService;
  fault?: FaultId | undefined;
}

interface IdParams {
  id: string;
}

export const productRoutes: FastifyPluginAsync<ProductRoutesOptions> = async (
  app,
  { auth, products, fault },
) => {
  /** Only admins manage the catalogue: 401 without a token, 403 for a customer. */
  async function requireAdmin(request: FastifyRequest): Promise<void> {
    if (fault === 'products-open-to-customers') await auth.authenticate(request.headers.authorization);
    else await auth.authenticateAdmin(request.headers.authorization);
  }

  app.get('/products', async (request) => {
    const page = await products.listProducts(parseCatalogueQuery(request.query));
    return { items: page.items.map(toProductResponse), nextCursor: page.nextCursor };
  });

  app.get<{ Params: IdParams }>('/products/:id', async (request) => {
    const id = parseId(request.params.id, problems.productNotFound);
    return toProductResponse(await products.getProduct(id));
  });

  app.post('/products', async (request, reply) => {
    await requireAdmin(request);
    const product = await products.createProduct(parseCreateProduct(request.body, fault));
    reply.code(201).header('location', `/products/${product.id}`);
    return toProductResponse(product);
  });

  app.patch<{ Params: IdParams }>('/products/:id', async (request) => {
    await requireAdmin(request);
    const id = parseId(request.params.id, problems.productNotFound);
    return toProductResponse(await products.updateProduct(id, parseUpdateProduct(request.body, fault)));
  });
};

/** The product as the contract spells it, field by field: a new column never leaks by accident. */
function toProductResponse(product: Product): Product {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    price: product.price,
    category: product.category,
    stock: product.stock,
  };
}
