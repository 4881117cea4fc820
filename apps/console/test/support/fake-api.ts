/**
 * The API as a component test needs it: `fetch` answered from a table of routes, in the API's own
 * shapes (the console's types), every request recorded. The thing under test is the component, so
 * the network is stubbed here; the API itself is tested in test/integration and, end to end, in
 * test/browser. A route is `METHOD /path` (the query string ignored unless the route names one); an
 * answer is a body (status 200) or a function of the request giving `{ status, body }`.
 */
import { afterEach, vi } from 'vitest';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
}

type Route = unknown | ((request: FakeRequest) => FakeAnswer);

export interface FakeApi {
  /** Every request, in order. */
  requests: FakeRequest[];
  /** The requests to one route (`GET /cycles`). */
  to(route: string): FakeRequest[];
  /** Answers a route from now on. */
  answer(route: string, answer: Route): void;
}

/** A route's answer with its own status. */
export function answer(status: number, body?: unknown): (request: FakeRequest) => FakeAnswer {
  return () => ({ status, body });
}

/** A refusal in the API's shape (its ErrorBody). */
export function refusal(status: number, code: string, message: string, details?: unknown) {
  return answer(status, { statusCode: status, code, message, details });
}

export function fakeApi(routes: Record<string, Route>): FakeApi {
  const table = new Map(Object.entries(routes));
  const requests: FakeRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://console.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const text = typeof init.body === 'string' ? init.body : undefined;
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: text ? JSON.parse(text) : init.body,
    };
    requests.push(request);
    const route = table.get(`${method} ${url.pathname}${url.search}`) ?? table.get(`${method} ${url.pathname}`);
    const answer: FakeAnswer =
      route === undefined
        ? refusal(404, 'NOT_FOUND', `no route ${method} ${url.pathname} in this test`)(request)
        : typeof route === 'function'
          ? (route as (request: FakeRequest) => FakeAnswer)(request)
          : { status: 200, body: route };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    requests,
    to: (route) => {
      const [method, path] = route.split(' ');
      return requests.filter((request) => request.method === method && request.path === path);
    },
    answer: (route, answer) => table.set(route, answer),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});
