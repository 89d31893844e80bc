/**
 * Static egress scan: every URL literal in the built bundles must be on this allowlist, each
 * entry with the reason it can never be contacted. A new URL fails the test until someone looks
 * at it — an analytics snippet, a CDN font or an update feed cannot slip into a build unseen.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type AllowedUrl = { pattern: RegExp; why: string };

export const URL_ALLOWLIST: readonly AllowedUrl[] = [
  { pattern: /^http:\/\/schemas\.openxmlformats\.org\//, why: 'Office Open XML namespace and relationship-type identifiers (XLSX read/write); never fetched' },
  { pattern: /^http:\/\/schemas\.microsoft\.com\/office\//, why: 'Office XML namespace identifiers (XLSX); never fetched' },
  { pattern: /^http:\/\/www\.w3\.org\/(1998\/Math\/MathML|1999\/xhtml|1999\/xlink|2000\/svg|2000\/xmlns\/|2001\/XMLSchema-instance|XML\/1998\/namespace)$/, why: 'W3C XML/SVG/MathML namespace identifiers' },
  { pattern: /^http:\/\/purl\.org\/dc\/(elements\/1\.1|terms|dcmitype)\/$/, why: 'Dublin Core namespaces in XLSX document properties' },
  { pattern: /^http:\/\/ns\.adobe\.com\/|^http:\/\/www\.aiim\.org\/pdfa\/ns\/|^adobe:ns:meta\//, why: 'XMP metadata namespaces in PDF reports' },
  { pattern: /^https?:\/\/json-schema\.org\/(draft-0[47]\/schema#|draft\/2020-12\/schema)$/, why: 'JSON Schema dialect identifiers ($schema values); validation never fetches them' },
  { pattern: /^http:\/\/127\.0\.0\.1:(\$\{[^}]+\}|5173\/,?)$/, why: 'the preview bridge’s own loopback origin (and the dev server’s), built from the bound port' },
  { pattern: /^https:\/\/localhost\.invalid\/$/, why: 'a base for parsing relative URLs; .invalid can never resolve (RFC 6761)' },
  { pattern: /^http:\/\/\[\$\{[a-z]+\}\]$/, why: 'zod’s IPv6 validator parses `http://[addr]` with new URL(); nothing is requested' },
  { pattern: /^https:\/\/(react\.dev\/errors\/|redux\.js\.org\/Errors\?code=|redux-toolkit\.js\.org\/Errors\?code=|bit\.ly\/3cXEKWf$)/, why: 'links printed inside minified library error messages (React, Redux, Immer); text only' },
  { pattern: /^http:\/\/goo\.gl\/(MqrFmX|rRqMUw)$/, why: 'links inside bluebird/exceljs warning texts; text only' },
  { pattern: /^https:\/\/github\.com\/(exceljs\/exceljs(#es5-imports|\/blob\/master\/UPGRADE-4\.0\.md)|isaacs\/node-glob\/issues\/(167|205)|Hopding\/pdf-lib|archiverjs\/node-(archiver|zip-stream)\/blob\/master\/LICENSE\}?|jonschlinkert\/normalize-path|mholt\/PapaParse)$/, why: 'project, licence and issue links in library comments and error texts; text only' },
  { pattern: /^https:\/\/stuk\.github\.io\/jszip\/documentation\/howto\/read_zip\.html$/, why: 'link inside a JSZip error message; text only' },
  { pattern: /^https:\/\/stackoverflow\.com\/questions\/35485179\//, why: 'link inside a pdf-lib code comment; text only' },
  { pattern: /^http:\/\/sheetjs\.com$/, why: 'SheetJS banner comment (benchmark tooling only); text only' },
];

const URL_LITERAL = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>\\)]*/g;
const SCANNED = /\.(c?js|mjs|html|css|json|svg)$/;

export type UrlFinding = { url: string; file: string; context: string };

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (SCANNED.test(entry)) yield path;
  }
}

/** Every URL literal under `root` that no allowlist entry explains. */
export function unexplainedUrls(root: string, allowlist: readonly AllowedUrl[] = URL_ALLOWLIST): UrlFinding[] {
  const findings: UrlFinding[] = [];
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(URL_LITERAL)) {
      const url = match[0].replace(/[.,;:]+$/, '');
      if (allowlist.some((entry) => entry.pattern.test(url))) continue;
      const at = match.index;
      findings.push({ url, file: relative(root, file), context: text.slice(Math.max(0, at - 60), at + url.length + 20).replace(/\s+/g, ' ') });
    }
  }
  return findings;
}
