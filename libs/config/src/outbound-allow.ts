import { isIP } from 'node:net';

/** A CIDR range as the operator writes it in OUTBOUND_ALLOW: `127.0.0.1/32`, `10.0.0.0/8`, `::1/128`. */
export interface AddressRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/**
 * Parses one range of OUTBOUND_ALLOW; a bare address is a single host. Throws with the reason when
 * the text is not a range (the configuration reports it under the variable's name).
 */
export function parseAddressRange(text: string): AddressRange {
  const [address, prefixText, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (rest.length > 0 || version === 0) throw new Error(`"${text}" is not an address range such as 10.0.0.0/8`);
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits))
    throw new Error(`"${text}" has a prefix outside 0..${bits}`);
  return {
    address,
    prefix: prefixText === undefined ? bits : Number(prefixText),
    family: version === 4 ? 'ipv4' : 'ipv6',
  };
}

/** OUTBOUND_ALLOW as ranges: comma-separated, blanks ignored. */
export function parseOutboundAllow(text: string): AddressRange[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseAddressRange);
}
