// Hardware and link formats as the plugins' Go code reads them: net.ParseMAC, PCI addresses and
// Linux interface names. IP addresses and CIDRs: ../net/ip.ts.

// ---------------------------------------------------------------------------------------------
// MAC and PCI addresses, interface names.

/** Go's net.ParseMAC: the number of octets (6, 8 or 20), or undefined when it does not parse. */
export function parseMac(s: string): number[] | undefined {
  let groups: string[];
  if (s.length < 14) return undefined;
  if (s[2] === ':' || s[2] === '-') {
    groups = s.split(s[2]);
    if (!groups.every((g) => /^[0-9a-fA-F]{2}$/.test(g))) return undefined;
  } else if (s[4] === '.') {
    const quads = s.split('.');
    if (!quads.every((g) => /^[0-9a-fA-F]{4}$/.test(g))) return undefined;
    groups = quads.flatMap((q) => [q.slice(0, 2), q.slice(2)]);
  } else return undefined;
  if (![6, 8, 20].includes(groups.length)) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * PCI address as sysfs names it (`%04x:%02x:%02x.%d`): domain:bus:device.function in lowercase hex.
 * The domain has at least 4 digits, more without a leading zero (Intel VMD domains are 10000+).
 */
export const PCI_ADDRESS = /^(?:[0-9a-f]{4}|[1-9a-f][0-9a-f]{4,7}):[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]$/;

/** Why `name` cannot be a Linux network interface name (dev_valid_name), or undefined. */
export function ifNameProblem(name: string): string | undefined {
  if (name.length > 15) return `it is ${name.length} characters long; Linux interface names have at most 15`;
  if (name === '.' || name === '..') return `"${name}" is not allowed as an interface name`;
  if (/[/:\s]/.test(name)) return 'interface names cannot contain a slash (/), a colon (:) or whitespace';
  return undefined;
}
