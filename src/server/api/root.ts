import { createCallerFactory, router } from './trpc';
import { registerAnswers } from './answers';
import { accountRouter } from './routers/account';
import { billingRouter } from './routers/billing';
import { catalogRouter } from './routers/catalog';
import { companiesRouter } from './routers/companies';
import { dashboardRouter } from './routers/dashboard';
import { connectionsRouter, customersRouter } from './routers/customers';
import { mapsRouter } from './routers/maps';
import { messagesRouter } from './routers/messages';
import { notifyRouter } from './routers/notify';
import { portalRouter } from './routers/portal';
import { portalTicketSettingsRouter } from './routers/portal-tickets';
import { paymentsRouter } from './routers/portal-pay';
import { positionsRouter } from './routers/positions';
import { preferencesRouter } from './routers/preferences';
import { productsRouter } from './routers/products';
import { equipmentRouter } from './routers/equipment';
import { exportsRouter } from './routers/exports';
import { promisesRouter } from './routers/promises';
import { surveyRouter } from './routers/survey';
import { visitLinkRouter } from './routers/visits';
import { pushRouter } from './routers/push';
import { tenantsRouter } from './routers/tenants';
import { ticketConfigRouter } from './routers/ticket-config';
import { techRouter } from './routers/tech';
import { ticketsRouter } from './routers/tickets';
import { usersRouter } from './routers/users';

export const appRouter = router({
  tenants: tenantsRouter,
  users: usersRouter,
  account: accountRouter,
  customers: customersRouter,
  billing: billingRouter,
  connections: connectionsRouter,
  catalog: catalogRouter,
  portal: portalRouter,
  portalTicketSettings: portalTicketSettingsRouter,
  payments: paymentsRouter,
  ticketConfig: ticketConfigRouter,
  tickets: ticketsRouter,
  products: productsRouter,
  equipment: equipmentRouter,
  companies: companiesRouter,
  dashboard: dashboardRouter,
  tech: techRouter,
  preferences: preferencesRouter,
  exports: exportsRouter,
  messages: messagesRouter,
  notify: notifyRouter,
  push: pushRouter,
  positions: positionsRouter,
  maps: mapsRouter,
  promises: promisesRouter,
  survey: surveyRouter,
  visitLink: visitLinkRouter,
});

// The ladder parses each staff answer with the schema the caller's role may receive (./answers.ts).
registerAnswers(appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>);

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
