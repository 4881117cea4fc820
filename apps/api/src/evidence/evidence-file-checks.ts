import { EVIDENCE_TYPES, textHygieneProblem, type EvidenceContentType } from '@jiebang/contracts';
import { ApiException } from '../common/api-exception';

const MAX_NAME_CHARS = 200;

/** No folders (slashes), and nothing the one text hygiene refuses (control or bidi characters, only zero-width ones). */
function isPlainName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= MAX_NAME_CHARS &&
    ![...name].some((char) => char === '/' || char === '\\' || char.charCodeAt(0) < 0x20) &&
    textHygieneProblem(name) === undefined
  );
}

/** A file name as given, without folders or control characters: 400 otherwise. */
export function checkedFileName(name: unknown): string {
  if (typeof name !== 'string' || !isPlainName(name.trim()) || name.trim() === '.' || name.trim() === '..')
    throw new ApiException(
      'EVIDENCE_MISSING',
      'Name the file: ?name=<file name>, 1 to 200 characters, no folders, control or bidi characters, something visible',
    );
  return name.trim();
}

/**
 * The file's type, when it is one of EVIDENCE_TYPES, its name ends with one of the type's
 * extensions and its bytes start as that type's do; 415 naming the accepted types otherwise.
 */
export function checkedContentType(
  declared: string | undefined,
  fileName: string,
  content: Buffer,
): EvidenceContentType {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  const accepted = Object.entries(EVIDENCE_TYPES)
    .map(([name, rule]) => `${name} (.${rule.extensions.join(', .')})`)
    .join('; ');
  if (!isEvidenceType(type))
    throw new ApiException(
      'EVIDENCE_TYPE_REFUSED',
      `Files of type "${type || 'none'}" are refused; accepted: ${accepted}`,
    );
  const rule = EVIDENCE_TYPES[type];
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (!(rule.extensions as readonly string[]).includes(extension))
    throw new ApiException(
      'EVIDENCE_TYPE_REFUSED',
      `A ${type} file is named .${rule.extensions.join(' or .')}, not "${fileName}"`,
    );
  if (!rule.magic.some((magic) => magic.every((byte, index) => content[index] === byte)))
    throw new ApiException('EVIDENCE_TYPE_REFUSED', `The content of "${fileName}" is not a ${type} file`);
  return type;
}

function isEvidenceType(type: string): type is EvidenceContentType {
  return Object.prototype.hasOwnProperty.call(EVIDENCE_TYPES, type);
}
