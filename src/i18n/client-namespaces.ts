// Which message namespaces each part of the app hands to the browser. A page's HTML carries the
// messages its client components may read; the whole catalog is 51 KB of JSON, so the technician
// app — a phone on a weak signal, parsing it before it can answer a tap — gets only its own.
// The customer portal likewise (its pages load on a phone too). tests/unit/client-namespaces.test.ts
// walks the imports of src/app/tech and src/app/portal and fails when one of their components reads a
// namespace missing here.

/** What any page may read before an area hands its own (the root layout's provider). */
export const ROOT_NAMESPACES = ['common'] as const;

/** The technician app (/tech): its views, the install button, push, live location, map and route. */
export const TECH_NAMESPACES = ['account', 'auth', 'common', 'connectionsMap', 'enums', 'language', 'positions', 'push', 'route', 'tech', 'ticketView', 'documents', 'equipment', 'workStatus'] as const;

/** The customer portal (/portal): its pages, sign-in and password, the survey, push, the profile's account security. */
export const PORTAL_NAMESPACES = ['account', 'auth', 'billing', 'common', 'enums', 'language', 'portal', 'portalHome', 'portalInvoices', 'portalOffline', 'portalPromise', 'portalTickets', 'push', 'scheduling', 'survey', 'equipment'] as const;
