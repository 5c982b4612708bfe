/**
 * The validators that come in vnu.jar (npm `vnu-jar`), run with the machine's Java:
 * - the Nu Html Checker (https://validator.github.io/validator/), for HTML, CSS and SVG;
 * - Jing (https://relaxng.org/jclark/jing.html), the RELAX NG validator it is built on,
 *   for the Atom feed and the sitemap against their schemas in test/quality/schemas/.
 * Each call starts one JVM; give it every file at once.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** `vnu-jar`'s main export is the path of the jar (as a String object). */
export const VNU_JAR = String(require('vnu-jar'));

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: 'warning' | 'fatal' | 'io' | 'schema' | 'internal';
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('java not found: the Nu Html Checker and Jing need Java 11 or newer. Install it with: sudo apt-get install -y default-jre-headless')
          : error,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Check every HTML, CSS and SVG file below `dir`; the checker's messages, all kinds. */
export async function vnu(dir: string): Promise<VnuMessage[]> {
  const { stderr } = await run(['-jar', VNU_JAR, '--format', 'json', '--skip-non-html', '--also-check-css', '--also-check-svg', dir]);
  // With --format json the report goes to stderr, as one JSON object.
  return (JSON.parse(stderr) as { messages: VnuMessage[] }).messages;
}

/** Validate XML files against a RELAX NG compact schema; the errors (empty when valid). */
export async function jing(schema: string, files: string[]): Promise<string[]> {
  const { code, stdout, stderr } = await run(['-cp', VNU_JAR, 'nu.validator.vendor.thaiopensource.relaxng.util.Driver', '-c', schema, ...files]);
  const errors = `${stdout}\n${stderr}`.split('\n').filter((line) => line.trim() !== '');
  if (code !== 0 && errors.length === 0) errors.push(`jing exited with ${code}`);
  return errors;
}
