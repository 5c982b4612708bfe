// @11ty/eleventy-dev-server ships no types; this is the part `serve` uses.
declare module '@11ty/eleventy-dev-server' {
  interface DevServerOptions {
    port?: number;
    pathPrefix?: string;
    liveReload?: boolean;
    domDiff?: boolean;
    showVersion?: boolean;
    logger?: { info: (m: string) => void; log: (m: string) => void; error: (m: string) => void };
  }
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): Promise<void>;
    reload(event?: { files?: string[]; subtype?: string }): void;
    close(): Promise<void>;
  }
}
