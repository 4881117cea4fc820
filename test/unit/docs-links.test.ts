import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** Folders that are not the repository's own text: installed, built, local state, test output. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', '.data', 'coverage', 'screenshots']);

/** A path outside the repository that an earlier README linked to; written in pieces so this file does not mention it. */
const OUTSIDE_FOLDER = ['..', 'shared', ''].join('/');

/** Every file of the repository (symbolic links such as node_modules are not followed). */
function repositoryFiles(folder = ROOT): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : repositoryFiles(path);
    return entry.isFile() ? [path] : [];
  });
}

/** The markdown a person reads first: the front page and the docs folder. */
function markdownDocuments(): string[] {
  const docs = join(ROOT, 'docs');
  const inDocs = existsSync(docs) ? repositoryFiles(docs).filter((file) => file.endsWith('.md')) : [];
  return [join(ROOT, 'README.md'), ...inDocs];
}

/** The text of a markdown file without fenced code blocks and inline code, where brackets are not links. */
function proseOf(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of inline links and images (`[text](target "title")`) and of reference definitions. */
function linkTargets(markdown: string): string[] {
  const prose = proseOf(markdown);
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1],
  );
  const references = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)].map((match) => match[1]);
  return [...inline, ...references].map((target) => target.replace(/^<|>$/g, ''));
}

/** Links to other sites and anchors within the page are not files. */
function isFileLink(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');
}

interface BrokenLink {
  document: string;
  target: string;
  problem: string;
}

function brokenLinks(): BrokenLink[] {
  return markdownDocuments().flatMap((document) => {
    const name = relative(ROOT, document);
    return linkTargets(readFileSync(document, 'utf8'))
      .filter(isFileLink)
      .flatMap((target): BrokenLink[] => {
        const path = decodeURIComponent(target.split('#')[0].split('?')[0]);
        if (path === '') return [];
        if (target.includes(OUTSIDE_FOLDER))
          return [{ document: name, target, problem: 'points at a folder beside the repository' }];
        const resolved = isAbsolute(path) ? join(ROOT, path) : resolve(dirname(document), path);
        const inside = relative(ROOT, resolved);
        if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
          return [{ document: name, target, problem: 'leaves the repository' }];
        if (!existsSync(resolved)) return [{ document: name, target, problem: 'names no file of the repository' }];
        return [];
      });
  });
}

describe('the documentation stands alone', () => {
  it('links only to files that exist inside the repository', () => {
    expect(brokenLinks()).toEqual([]);
  });

  it(`mentions no folder beside the repository (${OUTSIDE_FOLDER})`, () => {
    const mentioning = repositoryFiles()
      .filter((file) => {
        const content = readFileSync(file);
        return !content.includes(0) && content.toString('utf8').includes(OUTSIDE_FOLDER);
      })
      .map((file) => relative(ROOT, file));
    expect(mentioning).toEqual([]);
  });

  it('finds the links it checks', () => {
    const sample =
      '[a](docs/rules.md) ![b](<docs/x y.png> "t") `[c](not-a-link.md)` [d](https://example.com) [e](#top)\n[f]: ./g.md';
    expect(linkTargets(sample)).toEqual(['docs/rules.md', 'docs/x y.png', 'https://example.com', '#top', './g.md']);
    expect(linkTargets(sample).filter(isFileLink)).toEqual(['docs/rules.md', 'docs/x y.png', './g.md']);
  });
});
