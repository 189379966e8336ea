import { createCallerFactory, router } from './trpc';
import { catalogRouter } from './routers/catalog';
import { connectionsRouter, customersRouter } from './routers/customers';
import { tenantsRouter } from './routers/tenants';
import { usersRouter } from './routers/users';

export const appRouter = router({
  tenants: tenantsRouter,
  users: usersRouter,
  customers: customersRouter,
  connections: connectionsRouter,
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
