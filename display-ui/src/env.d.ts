/** What Vite puts in import.meta.env that the board reads (its base path, `/display/`). */
interface ImportMetaEnv {
  readonly BASE_URL: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
