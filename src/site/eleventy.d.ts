// @11ty/eleventy 3 ships no type declarations; this is the part src/site uses.
// Docs: https://www.11ty.dev/docs/programmatic/ and https://www.11ty.dev/docs/config/
declare module '@11ty/eleventy' {
  /** Nunjucks' Environment, as far as config.ts touches it. */
  export interface NunjucksEnvironment {
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    getFilter(name: string): (value: unknown) => unknown;
    opts: { autoescape?: boolean };
  }

  export interface UserConfig {
    addGlobalData(name: string, value: unknown): UserConfig;
    /** `copyOptions` are recursive-copy's; `transform(src)` may return a stream the file is piped through. */
    addPassthroughCopy(
      paths: string | Record<string, string>,
      copyOptions?: { transform?: (src: string, dest: string) => NodeJS.ReadWriteStream | null },
    ): UserConfig;
    addFilter(name: string, fn: (...args: never[]) => unknown): UserConfig;
    addPlugin(plugin: unknown, options?: object): unknown;
    setTemplateFormats(formats: string | string[]): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    amendLibrary(engine: 'njk', callback: (env: NunjucksEnvironment) => void): void;
    setUseGitIgnore(enabled: boolean): void;
    setIncludesDirectory(dir: string): void;
    setQuietMode(quiet: boolean): void;
    /** Eleventy's timings of filters and the like (internal; see config.ts). */
    readonly benchmarkManager?: { get(name: string): { setIsVerbose(verbose: boolean): void } | undefined };
    /** Glob patterns of input files Eleventy does not read. https://www.11ty.dev/docs/ignores/#configuration-api */
    readonly ignores: Set<string>;
    readonly pathPrefix: string;
  }

  export interface EleventyOptions {
    quietMode?: boolean;
    /** `false` skips the project config file lookup (eleventy.config.js in the cwd). */
    configPath?: string | false;
    pathPrefix?: string;
    config?: (config: UserConfig) => void | Promise<void>;
  }

  export interface WriteResult {
    inputPath: string;
    outputPath: string | false;
    url: string | false;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    /** [passthrough copy results, template results]. */
    write(): Promise<[unknown[], WriteResult[]]>;
    /** The pages rendered and not written (no passthrough copy either). */
    toJSON(): Promise<Array<WriteResult & { content: string }>>;
    /** Silence Eleventy's console output (its summary line is printed even in quiet mode). */
    disableLogger(): void;
  }

  export const HtmlBasePlugin: unknown;
}
