import type { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { NativeConnection } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '@jiebang/contracts/search-attributes';

/** A search attribute as the dev server and `temporal operator` name it, e.g. `{ name: 'Month', type: 'Int' }`. */
export type SearchAttributeSpec = (typeof SEARCH_ATTRIBUTES)[number];

/** The API's names for the types the CLI spells `Keyword`, `KeywordList`, ... */
const API_TYPES = {
  Text: 'TEXT',
  Keyword: 'KEYWORD',
  Int: 'INT',
  Double: 'DOUBLE',
  Bool: 'BOOL',
  Datetime: 'DATETIME',
  KeywordList: 'KEYWORD_LIST',
} as const;

/** How long a server that accepted the registration may take before it lists the attributes. */
const VISIBLE_WITHIN_MS = 30_000;

/** Raised when the namespace lacks search attributes and they cannot be registered; its message is one line. */
export class MissingSearchAttributesError extends Error {
  constructor(
    readonly namespace: string,
    readonly missing: readonly SearchAttributeSpec[],
    reason: string,
  ) {
    const names = missing.map(({ name, type }) => `${name} (${type})`).join(', ');
    const commands = missing
      .map(
        ({ name, type }) =>
          `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type ${type}`,
      )
      .join(' && ');
    super(
      `Temporal namespace "${namespace}" lacks the search attributes ${names} and they could not be registered (${reason}); register them with: ${commands}`,
    );
    this.name = 'MissingSearchAttributesError';
  }
}

/**
 * Registers, through the operator service, the search attributes Jiebang's workflows set that
 * the namespace lacks. Any Temporal server works: a dev server started without
 * `--search-attribute`, or a production cluster. When the server refuses (no permission, a
 * managed service), the error names the missing ones and the commands that add them.
 * Returns the names it registered.
 */
export async function ensureSearchAttributes(
  connection: Pick<Connection | NativeConnection, 'operatorService'>,
  namespace: string,
  attributes: readonly SearchAttributeSpec[] = SEARCH_ATTRIBUTES,
): Promise<string[]> {
  const missing = await missingSearchAttributes(connection, namespace, attributes);
  if (missing.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(({ name, type }) => [name, indexedValueType(type)])),
    });
  } catch (error) {
    // Another process (the API and the worker start together) may have registered them meanwhile.
    const stillMissing = await missingSearchAttributes(connection, namespace, attributes);
    if (stillMissing.length > 0) throw new MissingSearchAttributesError(namespace, stillMissing, reasonOf(error));
  }
  await waitUntilListed(connection, namespace, attributes);
  return missing.map(({ name }) => name);
}

async function missingSearchAttributes(
  connection: Pick<Connection | NativeConnection, 'operatorService'>,
  namespace: string,
  attributes: readonly SearchAttributeSpec[],
): Promise<SearchAttributeSpec[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const custom = existing.customAttributes ?? {};
  return attributes.filter(({ name }) => !(name in custom));
}

async function waitUntilListed(
  connection: Pick<Connection | NativeConnection, 'operatorService'>,
  namespace: string,
  attributes: readonly SearchAttributeSpec[],
): Promise<void> {
  const deadline = Date.now() + VISIBLE_WITHIN_MS;
  for (;;) {
    const missing = await missingSearchAttributes(connection, namespace, attributes);
    if (missing.length === 0) return;
    if (Date.now() > deadline)
      throw new MissingSearchAttributesError(
        namespace,
        missing,
        `still not listed ${VISIBLE_WITHIN_MS / 1000} s after registering`,
      );
    await new Promise((done) => setTimeout(done, 500));
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!;
}

function indexedValueType(type: SearchAttributeSpec['type']) {
  const encoded = encodeSearchAttributeIndexedValueType(API_TYPES[type]);
  if (encoded === undefined) throw new Error(`unknown search attribute type ${type}`);
  return encoded;
}

/** What an entry point logs when start-up fails: the one line of a known refusal, else the stack. */
export function startFailure(error: unknown): string {
  if (error instanceof MissingSearchAttributesError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
