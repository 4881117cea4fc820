import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { OutboundPolicy } from './outbound-policy';

/** A destination the policy refuses; the message is ours (what the address is), never the target's. */
export class OutboundRefused extends Error {
  constructor(readonly reason: string) {
    super(`destination refused: ${reason}`);
    this.name = 'OutboundRefused';
  }
}

/**
 * Resolves a host and checks every address it resolves to: a name with one inward address is
 * refused whole (a rebinding name may hand out either). Returns the addresses to connect to.
 */
export async function resolveChecked(host: string, policy: OutboundPolicy): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const verdict = policy.checkHost(bare);
  if (verdict !== 'resolve') {
    if (!verdict.allowed) throw new OutboundRefused(verdict.reason);
    return [{ address: bare, family: bare.includes(':') ? 6 : 4 }];
  }
  const addresses = await new Promise<LookupAddress[]>((done, fail) =>
    dnsLookup(bare, { all: true, verbatim: true }, (error, found) => (error ? fail(error) : done(found))),
  );
  for (const { address } of addresses) {
    const checked = policy.check(address);
    if (!checked.allowed) throw new OutboundRefused(`${bare} resolves to ${checked.reason}`);
  }
  return addresses;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request and net.connect: the socket connects to the address this function
 * resolved and checked, so what was checked is what is reached (no second resolution between the
 * check and the connection).
 */
export function checkedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveChecked(hostname, policy).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`no IPv${wanted} address for ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, '');
        } else if (options.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
