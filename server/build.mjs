// Compiles the server to plain JavaScript so that `npm start` runs it with `node` alone:
// one ESM bundle per entry point in server/dist/, with the workspace packages (@guichet/db,
// @guichet/drivers) compiled in. npm packages stay in node_modules (native modules such as
// better-sqlite3 and serialport cannot be bundled; others read files beside their own code),
// but for the packages in BUNDLED: node loads a package file by file, hundreds of files for
// these, at every start. What they require stays external, through `require` made for
// the bundle (the banner); a dependency a package keeps a copy of in its own node_modules is
// required by its path.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SERVER = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(SERVER, '..');
const OUT = resolve(SERVER, 'dist');

/**
 * Packages without native code or files of their own to read (no `__dirname`, which an ES
 * module bundle lacks: socket.io and @fastify/swagger-ui read theirs): compiled in.
 */
const BUNDLED = [
  'typebox',
  'drizzle-orm',
  'fastify',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  '@fastify/cookie',
  '@fastify/helmet',
  '@fastify/rate-limit',
  '@fastify/static',
];
const bundled = (path) => BUNDLED.some((name) => path === name || path.startsWith(`${name}/`));

/**
 * Bare imports stay external, except our own workspace packages, which are TypeScript sources,
 * and the BUNDLED packages.
 */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@guichet/') || bundled(args.path)) return undefined;
      return { path: nestedPath(args) ?? args.path, external: true };
    });
  },
};

/**
 * A bundled package's own copy of a dependency (node_modules/<package>/node_modules/…) is not
 * found from server/dist/ by its name: it is required by its path from there instead.
 */
function nestedPath({ path, importer }) {
  if (!importer.includes(`${sep}node_modules${sep}`)) return null;
  let file;
  try {
    file = createRequire(importer).resolve(path);
  } catch {
    return null;
  }
  const top = resolve(ROOT, 'node_modules', ...path.split('/').slice(0, path.startsWith('@') ? 2 : 1));
  if (!isAbsolute(file) || file.startsWith(top + sep)) return null;
  return relative(OUT, file).split(sep).join('/');
}

/**
 * Source files find their neighbours from `import.meta.url` (db/migrations from db/src/open.ts,
 * the built screens from server/src/transport/http). In a bundle that URL would be the bundle's,
 * so each use is rewritten to the URL the source file had, computed from the bundle's own
 * location: the build keeps working wherever the checkout is moved, as long as it moves whole.
 */
const sourceUrls = {
  name: 'source-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      let code = await readFile(args.path, 'utf8');
      if (/import\.meta\.(dirname|filename)/.test(code)) {
        throw new Error(`${relative(ROOT, args.path)}: use import.meta.url (the build rewrites only that)`);
      }
      if (code.includes('import.meta.url')) {
        const rel = relative(OUT, args.path).split(sep).join('/');
        code = code.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      }
      return { contents: code, loader: 'ts' };
    });
  },
};

const started = performance.now();
await build({
  entryPoints: {
    main: resolve(SERVER, 'src/main.ts'),
    backup: resolve(SERVER, 'src/ops/backup-cli.ts'),
    restore: resolve(SERVER, 'src/ops/restore-cli.ts'),
  },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  // The bundled CommonJS packages require their dependencies: an ES module has no `require`.
  banner: {
    js: "import { createRequire as __guichetRequire } from 'node:module'; const require = __guichetRequire(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [externalPackages, sourceUrls],
});
process.stdout.write(
  `server built to ${relative(ROOT, OUT)}/ in ${Math.round(performance.now() - started)} ms\n`,
);
