/** The console's address for links on the QR sheet (PUBLIC_URL); null: the request's own host. */
export const RATING_LINK_BASE = Symbol('RATING_LINK_BASE');
