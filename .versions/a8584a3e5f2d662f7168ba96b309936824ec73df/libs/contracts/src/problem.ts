/** One thing wrong with an input document: where (`indicators[3].weight`, `$` for the whole) and what. */
export interface Problem {
  path: string;
  message: string;
}
