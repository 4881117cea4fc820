import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { libraryAliases } from '@jiebang/temporal/library-aliases';

const ROOT = resolve(__dirname, '../..');

/**
 * The name of the workflow code's version: the version a recording of histories belongs to
 * (`workflowCodeVersion` in each test/histories manifest). It is a digest of what `workflows/`
 * does, not of how it is written: each file is compiled to JavaScript without types or comments
 * and read as a stream of tokens, so comments, types, blank lines, line breaks, quote style and
 * trailing commas leave it unchanged, and a library imported by name (`@jiebang/contracts`) or by
 * a relative path to the same folder is the same import. Any other change of the code names a
 * new version. `root` is a checkout (or a copy of `workflows/` and `tsconfig.paths.json`).
 *
 * The libraries the workflows import (libs/domain, libs/contracts) are not part of the name:
 * their rules change far more often, and the replay guard replays every recorded history under
 * them either way.
 */
export function workflowCodeVersion(root = ROOT): string {
  const aliases = libraryAliases(root);
  const hash = createHash('sha256');
  for (const file of listFiles(join(root, 'workflows')).filter(isWorkflowSource)) {
    const path = relative(root, file).split(sep).join('/');
    hash.update(`${path}\n`);
    for (const token of codeTokens(readFileSync(file, 'utf8'), file, root, aliases)) hash.update(`${token}\n`);
  }
  return hash.digest('hex');
}

/** The text digest the versions were named by before `workflowCodeVersion` (kept in the older manifests). */
export function workflowCodeDigest(root = ROOT): string {
  const hash = createHash('sha256');
  for (const file of listFiles(join(root, 'workflows')).filter((name) => name.endsWith('.ts')))
    hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex');
}

function isWorkflowSource(file: string): boolean {
  return file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.spec.ts');
}

/**
 * A file's JavaScript (comments and types gone) as a walk of its syntax tree: each node's kind,
 * the value (not the spelling) of names and literals, a module specifier as the folder it
 * resolves to. Brackets, commas and semicolons are left out, the tree's shape says what they
 * did; so are parentheses that only group (a line break may add them).
 */
function codeTokens(source: string, file: string, root: string, aliases: Record<string, string>): string[] {
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      useDefineForClassFields: false,
      removeComments: true,
    },
  });
  const program = ts.createSourceFile(file.replace(/\.ts$/, '.js'), outputText, ts.ScriptTarget.ES2022, true);
  const tokens: string[] = [];
  const visit = (node: ts.Node): void => {
    // `(a?.b).c` is not `a?.b.c`: those parentheses stay.
    if (ts.isParenthesizedExpression(node) && !ts.isOptionalChain(node.expression)) return visit(node.expression);
    const children = node.getChildren(program);
    if (children.length > 0 || node.kind === ts.SyntaxKind.SyntaxList) {
      tokens.push(`${ts.SyntaxKind[node.kind]} {`);
      for (const child of children) {
        if (!isPunctuation(child, node)) visit(child);
      }
      tokens.push('}');
    } else tokens.push(tokenOf(node, file, root, aliases));
  };
  visit(program);
  return tokens;
}

const GROUPING = new Set([
  ts.SyntaxKind.OpenParenToken,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.OpenBracketToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.SemicolonToken,
  ts.SyntaxKind.EndOfFileToken,
]);

/** Punctuation the tree's shape already says: a comma between list items (not the comma operator), brackets, `;`. */
function isPunctuation(node: ts.Node, container: ts.Node): boolean {
  if (node.kind === ts.SyntaxKind.CommaToken) return container.kind === ts.SyntaxKind.SyntaxList;
  return GROUPING.has(node.kind);
}

function tokenOf(node: ts.Node, file: string, root: string, aliases: Record<string, string>): string {
  const kind = ts.SyntaxKind[node.kind];
  if (ts.isStringLiteral(node) && isModuleSpecifier(node))
    return `${kind} ${moduleFolder(node.text, file, root, aliases)}`;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return `${kind} ${node.text}`;
  if (ts.isLiteralExpression(node) || ts.isTemplateLiteralToken(node)) return `${kind} ${JSON.stringify(node.text)}`;
  return kind;
}

function isModuleSpecifier(node: ts.StringLiteral): boolean {
  const { parent } = node;
  return (
    ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node) ||
    (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword)
  );
}

/** `../libs/contracts/src` from workflows/ and `@jiebang/contracts` alike: `libs/contracts/src`. Packages stay as named. */
function moduleFolder(specifier: string, file: string, root: string, aliases: Record<string, string>): string {
  const inRepository = (path: string) => relative(root, path).split(sep).join('/');
  if (specifier.startsWith('.')) return inRepository(resolve(dirname(file), specifier));
  for (const [name, folder] of Object.entries(aliases)) {
    if (specifier === name) return inRepository(folder);
    if (specifier.startsWith(`${name}/`)) return inRepository(join(folder, specifier.slice(name.length + 1)));
  }
  return specifier;
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]))
    .sort();
}
