/** Access tokens are short-lived: a revoked session also stops them at once (the guard checks it). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Each refresh token is used once and lives this long unless used. */
export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;
/** A session ends this long after sign-in, however often it is refreshed. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** Sign-in attempts per minute for one user name from one address, and for one address overall. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT = 10;
export const LOGIN_ATTEMPTS_PER_ADDRESS = 100;
export const LOGIN_WINDOW_MS = 60_000;

export const JWT_ISSUER = 'jiebang';
export const JWT_AUDIENCE = 'jiebang-api';
