/**
 * The import graph of a source tree, folder by folder: which folder's modules import which other
 * folder's (static imports, `export … from`, and `import()` of a relative path), and the cycles
 * in it. A folder is a directory, so `engine/dredd` is a folder of its own, apart from `engine`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

/** folder → the folders it imports, with one importing file and its specifier for each. */
export type FolderGraph = Map<string, Map<string, string>>;

const SOURCE = /\.(c|m)?ts$/;
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The folder of a path relative to the root, `.` for the root itself, with `/` separators. */
function folderOf(root: string, file: string): string {
  return relative(root, dirname(file)).split(sep).join('/') || '.';
}

export function folderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (specifier === undefined || !specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(from, posix.dirname(specifier)));
      if (target.startsWith('..')) continue; // outside the tree (a package's own file)
      if (target !== from && !edges.has(target)) {
        edges.set(target, `${relative(root, file)} imports ${specifier}`);
      }
    }
  }
  return graph;
}

/**
 * Every cycle of folders, as the strongly connected components with more than one folder
 * (Tarjan's algorithm), each sorted, each with the imports that close it.
 */
export function folderCycles(graph: FolderGraph): { folders: string[]; imports: string[] }[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder) as number);
    stack.push(folder);
    onStack.add(folder);
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(folder, Math.min(low.get(folder) as number, index.get(next) as number));
      }
    }
    if (low.get(folder) === index.get(folder)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== folder);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const folder of graph.keys()) if (!index.has(folder)) visit(folder);
  return components.map((folders) => ({
    folders,
    imports: folders.flatMap((from) =>
      [...(graph.get(from) ?? new Map<string, string>())]
        .filter(([to]) => folders.includes(to))
        .map(([, how]) => how),
    ),
  }));
}
