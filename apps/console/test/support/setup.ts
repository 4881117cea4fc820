/**
 * The component layer's page: jsdom, with what a browser has and jsdom lacks (antd's responsive
 * grid asks matchMedia: answered as a 1024 px wide window, a tablet's layout), and the rendered
 * tree cleaned up after each test.
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

/** jsdom's window is 1024 px wide: a media query's min-width and max-width are answered for that width. */
const matchesWidth = (query: string) =>
  [...query.matchAll(/\((min|max)-width:\s*(\d+)px\)/g)].every(([, bound, px]) =>
    bound === 'min' ? window.innerWidth >= Number(px) : window.innerWidth <= Number(px),
  ) && /width/.test(query);

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: matchesWidth(query),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// jsdom computes no pseudo-elements (antd's scroll bar measuring asks): the element's own style.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => computedStyle(element);

// findBy… and waitFor wait this long: a page's first answers take seconds on a loaded machine.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
