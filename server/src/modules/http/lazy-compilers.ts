import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify's own validator and serializer compilers (ajv, fast-json-stringify), each route's
 * schema compiled on its first use instead of at start. Compiling the ~150 route schemas took
 * 1–2.7 s of CPU before the server could answer its health check; a request pays its route's
 * few milliseconds once. What is validated and serialized is unchanged.
 */
type Compiled = ((data: unknown) => unknown) & { errors?: unknown };
type Compiler = (route: unknown) => Compiled;
type Factory = (...args: unknown[]) => Compiler;

function lazy(factory: Factory): Factory {
  return (...args) => {
    const compiler = factory(...args);
    return (route) => {
      let compiled: Compiled | null = null;
      const run: Compiled = (data) => {
        compiled ??= compiler(route);
        const out = compiled(data);
        // Fastify reads a failed validation's errors from the function itself.
        run.errors = compiled.errors;
        return out;
      };
      return run;
    };
  };
}

export const lazyCompilers = {
  buildValidator: lazy((AjvCompiler as unknown as () => Factory)()),
  buildSerializer: lazy((SerializerSelector as unknown as () => Factory)()),
};
