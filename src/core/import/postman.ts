import { ENVIRONMENTS_FILE } from '../macro/fileName';
/**
 * A Postman collection (format v2.1, and v2.0, whose auth blocks are objects instead of lists) as macros: one per
 * request, folders as folders, `{{var}}` as `${var:NAME}` with the values in `.ccmacro/environments.json` (issue 18's
 * shape: `{ "$shared": {…}, "<env>": {…} }`), credentials as `${secret:NAME}`. What a macro cannot do (scripts,
 * multipart and file bodies, GraphQL, other auth schemes, methods Centercode does not send) is listed, never dropped
 * silently. Pure: the caller reads the files and writes the result.
 */
import { pushAll } from '../common/arrays';
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { writeEnvironmentValues } from '../environments/write';
import { isCredentialParam, findLiteralSecrets } from '../check/secrets';
import { tooDeepMessage, tooDeepOffset } from '../common/jsonDepth';
import { problem, type Problem } from '../common/problem';
import { fail, ok, type Result } from '../common/result';
import { slugify } from '../common/slug';
import { MACRO_FILE_SUFFIX } from '../macro/fileName';
import type { TargetId } from '../targets';
import { isSensitiveHeader } from '../secrets/sensitiveHeader';
import { formComponent } from '../render/encode';
import { importBody, type ImportedBody } from './body';
import { moveCredentials, SecretNames, serviceWord, type ImportedSecret } from './credentials';
import { usedSecrets } from './fromCurl';
import { macroText, recogniseTarget, secretComment } from './macroText';

/** Where the environments file goes, relative to the output folder. */

export interface PostmanInput {
  collection: { text: string; name: string };
  environment?: { text: string; name: string };
  /** The text of the environments file already in the output folder, if any (merged into, never replaced). */
  existingEnvironments?: { text: string; name: string };
  /** Write over values the existing environments file holds differently (--force). */
  force?: boolean;
}

export interface PlannedFile {
  /** Relative to the output folder, `/`-separated, every part slugged. */
  rel: string;
  text: string;
  /** A merge of an existing file (written over it without --force). */
  replaces?: boolean;
}

export interface PostmanImport {
  files: PlannedFile[];
  secrets: ImportedSecret[];
  /** What could not be imported, one sentence each. */
  unmapped: string[];
  notes: string[];
  /** The environment name used in the environments file, when --environment was given. */
  environmentName?: string;
  macroCount: number;
}

/** Why nothing can be imported, located in one of the input files. */
export interface PostmanError {
  /** The input file's name as the user gave it. */
  file: string;
  text: string;
  problem: Problem;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Postman's `{{name}}` (a dynamic one starts with $, a vault one with vault:). */
const VARIABLE = /\{\{([^{}]+?)\}\}/g;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function located(
  file: { text: string; name: string },
  code: string,
  message: string,
  node?: Node,
): Result<never, PostmanError> {
  const range = node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 0 };
  return fail({ file: file.name, text: file.text, problem: problem(code, 'error', message, range) });
}

/** Strict JSON (Postman writes no comments), checked for depth first: the tree, or the located error. */
function readJson(
  file: { text: string; name: string },
  code: string,
  what: string,
): Result<{ root: Node; value: unknown }, PostmanError> {
  const deep = tooDeepOffset(file.text);
  if (deep >= 0)
    return fail({
      file: file.name,
      text: file.text,
      problem: problem(code, 'error', tooDeepMessage(what), { start: deep, end: deep + 1 }),
    });
  const errors: ParseError[] = [];
  const root = parseTree(file.text.replace(/^\uFEFF/, ' '), errors, {
    disallowComments: false,
    allowTrailingComma: true,
  });
  if (!root || errors.length)
    return fail({
      file: file.name,
      text: file.text,
      problem: problem(
        code,
        'error',
        `${what} is not valid JSON`,
        errors[0]
          ? { start: errors[0].offset, end: errors[0].offset + Math.max(1, errors[0].length) }
          : { start: 0, end: 0 },
      ),
    });
  return ok({ root, value: JSON.parse(file.text.replace(/^\uFEFF/, '')) as unknown });
}

/** Which collection format this is, from `info.schema`: "2.1", "2.0", or the located refusal naming what is read. */
function collectionVersion(
  file: { text: string; name: string },
  root: Node,
  value: unknown,
): Result<'2.1' | '2.0', PostmanError> {
  const READ = 'ccmacro reads Postman Collection v2.1 and v2.0: in Postman, export the collection as "Collection v2.1"';
  if (!isObject(value))
    return located(file, 'import/postman-version', `This is not a Postman collection. ${READ}`, root);
  const schemaNode = findNodeAtLocation(root, ['info', 'schema']);
  const schema = str(isObject(value.info) ? value.info.schema : undefined);
  if (!schema) {
    const v1 = Array.isArray(value.requests) || Array.isArray(value.order);
    return located(
      file,
      'import/postman-version',
      v1
        ? `This is a Postman Collection v1 (it has "requests", not "info" and "item"). ${READ}`
        : `This has no "info.schema", so it is not a Postman collection ccmacro can read. ${READ}`,
      schemaNode ?? root,
    );
  }
  if (/\/v2\.1\.\d+\//.test(schema)) return ok('2.1');
  if (/\/v2\.0\.\d+\//.test(schema)) return ok('2.0');
  const named = /\/v(\d+(?:\.\d+)*)/.exec(schema)?.[1];
  return located(
    file,
    'import/postman-version',
    `This collection is format ${named ? `v${named}` : JSON.stringify(schema)}. ${READ}`,
    schemaNode,
  );
}

/** Postman's variable name as a ccmacro NAME: letters, digits and _, not starting with a digit. */
function variableName(key: string): string {
  const n =
    key
      .trim()
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^_+(?=.)|_+$/g, '') || 'VAR';
  return /^[0-9]/.test(n) ? `_${n}` : n;
}

/** A Postman variable list (collection `variable`, environment `values`): enabled entries with a key. */
function variableList(
  list: unknown,
  notes: string[],
  where: string,
): Array<{ key: string; value: string; secret: boolean }> {
  const out: Array<{ key: string; value: string; secret: boolean }> = [];
  if (!Array.isArray(list)) return out;
  for (const v of list) {
    if (!isObject(v)) continue;
    const key = str(v.key) ?? str(v.id);
    if (!key) continue;
    if (v.enabled === false || v.disabled === true) {
      notes.push(`The ${where} variable ${JSON.stringify(key)} is disabled in Postman: not imported.`);
      continue;
    }
    const raw = v.value;
    const value = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
    out.push({ key, value, secret: v.type === 'secret' });
  }
  return out;
}

interface Frame {
  items: unknown[];
  index: number;
  folders: string[];
  folderNames: string[];
  auth: unknown;
  /** Whose auth block `auth` is, for messages: "the collection", "the folder "Jira"". */
  authOwner: string;
}

export function importPostmanCollection(input: PostmanInput): Result<PostmanImport, PostmanError> {
  const { collection } = input;
  const parsed = readJson(collection, 'import/postman-json', 'The collection');
  if (!parsed.ok) return parsed;
  const version = collectionVersion(collection, parsed.value.root, parsed.value.value);
  if (!version.ok) return version;
  const c = parsed.value.value as Json;
  if (!Array.isArray(c.item))
    return located(
      collection,
      'import/postman-version',
      'The collection has no "item" list, so it holds no request',
      parsed.value.root,
    );
  const collectionName = str(isObject(c.info) ? c.info.name : undefined) ?? 'Postman collection';

  const notes: string[] = [];
  const unmapped: string[] = [];

  // The variables: the collection's own ($shared), the environment's (its own section), and which are secrets.
  const shared = variableList(c.variable, notes, 'collection');
  let env: { name: string; values: Array<{ key: string; value: string; secret: boolean }> } | undefined;
  if (input.environment) {
    const e = readJson(input.environment, 'import/postman-environment', 'The environment file');
    if (!e.ok) return e;
    const ev = e.value.value;
    if (!isObject(ev) || !Array.isArray(ev.values))
      return located(
        input.environment,
        'import/postman-environment',
        'This is not a Postman environment export (it has no "values" list): in Postman, export the environment from its "…" menu',
        e.value.root,
      );
    const envName = slugify(str(ev.name) ?? 'environment', 'environment').replace(/-/g, '_');
    env = { name: envName, values: variableList(ev.values, notes, 'environment') };
  }
  // Postman's order: an environment's value wins over the collection's.
  const known = new Map<string, { value: string; secret: boolean }>();
  for (const v of [...shared, ...(env?.values ?? [])])
    known.set(v.key, { value: v.value, secret: v.secret || !!known.get(v.key)?.secret });
  // A variable is a secret when Postman says so, when its name says so, or when its value looks like a credential.
  const secretVars = new Set<string>();
  for (const [key, v] of known)
    if (
      v.secret ||
      isSensitiveHeader(key) ||
      isCredentialParam(key) ||
      (v.value && findLiteralSecrets(v.value).length > 0)
    )
      secretVars.add(key);

  const names = new SecretNames();
  const varNames = new Map<string, string>();
  const usedNames = new Map<string, string>();
  const nextNumber = new Map<string, number>();
  const nameOf = (key: string): string => {
    let n = varNames.get(key);
    if (n) return n;
    const base = variableName(key);
    n = base;
    for (let k = nextNumber.get(base) ?? 2; usedNames.has(n); k++) {
      n = `${base}_${k}`;
      nextNumber.set(base, k + 1);
    }
    usedNames.set(n, key);
    varNames.set(key, n);
    if (n !== key) notes.push(`{{${key}}} is named ${n} in the macros (ccmacro's names hold letters, digits and _).`);
    return n;
  };
  const usedVars = new Set<string>();
  const dynamic = new Set<string>();

  /** `{{var}}` in a URL or header value as a placeholder: a secret one as ${secret:}, others as ${var:}. */
  const mapVars = (text: string, forceSecret: boolean, what: string): string =>
    text.replace(VARIABLE, (whole, inner: string) => {
      const key = inner.trim();
      if (key.startsWith('$')) {
        dynamic.add(whole);
        return whole;
      }
      const vault = /^vault:(.+)$/.exec(key);
      if (vault || forceSecret || secretVars.has(key)) {
        const k = vault ? vault[1] : key;
        if (!vault) secretVars.add(key);
        const n = nameOf(k);
        names.variable(n, known.get(k)?.value ?? '', `${what} (Postman's {{${k}}})`);
        return `\${secret:${n}}`;
      }
      usedVars.add(key);
      return `\${var:${nameOf(key)}}`;
    });

  const files: PlannedFile[] = [];
  const taken = new Set<string>();
  const stack: Frame[] = [
    { items: c.item, index: 0, folders: [], folderNames: [], auth: c.auth, authOwner: 'the collection' },
  ];
  scriptsOf(c, 'the collection', unmapped);
  let responses = 0;
  let skipped = 0;
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.index >= f.items.length) {
      stack.pop();
      continue;
    }
    const item = f.items[f.index++];
    if (!isObject(item)) continue;
    const itemName = (str(item.name) ?? '').trim();
    if (Array.isArray(item.item)) {
      const label = [...f.folderNames, itemName || 'folder'].join(' / ');
      scriptsOf(item, `the folder "${label}"`, unmapped);
      stack.push({
        items: item.item,
        index: 0,
        folders: [...f.folders, slugify(itemName, 'folder')],
        folderNames: [...f.folderNames, itemName || 'folder'],
        auth: item.auth ?? f.auth,
        authOwner: item.auth !== undefined ? `the folder "${label}"` : f.authOwner,
      });
      continue;
    }
    if (item.request === undefined) continue;
    const label = [...f.folderNames, itemName || 'request'].join(' / ');
    const where = `"${label}"`;
    scriptsOf(item, `the request ${where}`, unmapped);
    if (Array.isArray(item.response)) responses += item.response.length;
    const request: Json =
      typeof item.request === 'string'
        ? { url: item.request, method: 'GET' }
        : isObject(item.request)
          ? item.request
          : {};
    const method = (str(request.method) ?? 'GET').toUpperCase();
    if (!METHODS.includes(method)) {
      unmapped.push(
        `The request ${where} uses ${method}, which a macro cannot send (GET, POST, PUT, PATCH, DELETE): not imported.`,
      );
      skipped++;
      continue;
    }

    // URL.
    const rawUrl = urlText(request.url, notes, where);
    if (!rawUrl) {
      unmapped.push(`The request ${where} has no URL: not imported.`);
      skipped++;
      continue;
    }
    let url = mapVars(rawUrl, false, `the URL of ${where}`);
    if (!/^(https?:\/\/|\$\{)/i.test(url)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
        unmapped.push(`The request ${where} is not sent over HTTP (${url.split(':')[0]}): not imported.`);
        skipped++;
        continue;
      }
      url = 'https://' + url;
      notes.push(
        `The URL of ${where} has no scheme; Postman uses http://, the macro https:// — check which the server wants.`,
      );
    }

    // Headers (enabled ones), then the auth block.
    const headers: Array<{ name: string; value: string }> = [];
    const byName = new Map<string, { name: string; value: string }>();
    for (const h of headerList(request.header)) {
      if (h.disabled) {
        notes.push(`The header ${h.key} of ${where} is disabled in Postman: not imported.`);
        continue;
      }
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h.key)) {
        unmapped.push(`The header ${JSON.stringify(h.key)} of ${where} is not a valid header name: not imported.`);
        continue;
      }
      const credential =
        /^(authorization|proxy-authorization|cookie)$/i.test(h.key) ||
        (isSensitiveHeader(h.key) && !/^(content-|accept)/i.test(h.key));
      const value = mapVars(h.value, credential, `the ${h.key} header of ${where}`);
      const same = byName.get(h.key.toLowerCase());
      if (same) same.value += `, ${value}`;
      else {
        const entry = { name: h.key, value };
        byName.set(h.key.toLowerCase(), entry);
        headers.push(entry);
      }
    }
    const auth = request.auth !== undefined ? request.auth : f.auth;
    const authOwner = request.auth !== undefined ? where : f.authOwner;
    const authHeader = applyAuth(
      auth,
      version.value,
      authOwner,
      (s, what) => mapVars(s, true, what),
      names,
      url,
      unmapped,
    );
    if (authHeader?.header && !byName.has(authHeader.header.name.toLowerCase())) headers.push(authHeader.header);
    if (authHeader?.query) url += (url.includes('?') ? '&' : '?') + authHeader.query;

    // Body.
    let body: ImportedBody | undefined;
    const b = request.body;
    if (isObject(b) && b.disabled !== true && b.mode !== undefined) {
      const mapped = mapBody(b, headers, where, mapVars, secretVars, unmapped);
      if (mapped) {
        body = mapped;
        pushAll(
          notes,
          mapped.notes.map(n => `${where}: ${n}`),
        );
      }
    } else if (isObject(b) && b.disabled === true)
      notes.push(`The body of ${where} is disabled in Postman: not imported.`);

    const literalUrl = /^\$\{/.test(url) ? '' : url;
    let target: TargetId = recogniseTarget(literalUrl, body?.format === 'json' ? safeParse(body.json) : undefined);
    const moved = moveCredentials({ url, headers, target }, names);
    if (target !== 'generic' && /^\$\{/.test(moved.url) && !/^\$\{secret:(SLACK_WEBHOOK_URL|TEAMS_\w+)/.test(moved.url))
      target = 'generic';
    const secrets = usedSecrets(names, [moved.url, ...moved.headers.map(h => h.value)]);

    // The file: folders and name slugged, so no name leads out of the folder; the next free name on a clash.
    const base = slugify(itemName, 'request');
    const dir = f.folders.join('/');
    const fileName = firstFreeNameSync(base, MACRO_FILE_SUFFIX, n => taken.has(`${dir}/${n}`.toLowerCase()));
    taken.add(`${dir}/${fileName}`.toLowerCase());
    const text = macroText({
      name: itemName || 'Request',
      description: `Imported from the Postman collection ${JSON.stringify(collectionName)}${f.folderNames.length ? ` (${f.folderNames.join(' / ')})` : ''}.`,
      comment: [
        `Imported from the Postman collection ${JSON.stringify(collectionName)} by ccmacro.`,
        ...secretComment(secrets),
      ],
      target,
      method,
      url: moved.url,
      headers: moved.headers,
      body,
    });
    files.push({ rel: dir ? `${dir}/${fileName}` : fileName, text });
  }
  if (responses)
    notes.push(
      `${responses} saved example response${responses === 1 ? ' is' : 's are'} not imported (they are not part of a request).`,
    );
  for (const d of [...dynamic].sort())
    unmapped.push(
      `Postman's dynamic variable ${d} has no ccmacro equivalent: it is left as written, so it is sent literally. Replace it (a Centercode tag can fill in Centercode's values).`,
    );
  if (files.length === 0 && skipped === 0) notes.push('The collection holds no request.');

  // The environments file: the variables the macros use, never a secret.
  const envFile = environmentsFile(input, shared, env, usedVars, secretVars, nameOf, notes);
  if (!envFile.ok) return envFile;
  if (envFile.value) files.push(envFile.value);
  return ok({
    files,
    secrets: names.list(),
    unmapped,
    notes,
    environmentName: env?.name,
    macroCount: files.length - (envFile.value ? 1 : 0),
  });
}

/** The first of base, base-2, base-3, … (as firstFreeName numbers new files) that the planned names do not take. */
function firstFreeNameSync(base: string, ext: string, taken: (n: string) => boolean): string {
  for (let n = 1; ; n++) {
    const name = `${base}${n === 1 ? '' : `-${n}`}${ext}`;
    if (!taken(name)) return name;
  }
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** The scripts an item, folder or collection runs: listed as not imported. */
function scriptsOf(o: Json, what: string, unmapped: string[]): void {
  if (!Array.isArray(o.event)) return;
  for (const e of o.event) {
    if (!isObject(e) || e.disabled === true) continue;
    const exec = isObject(e.script) ? e.script.exec : undefined;
    const code = Array.isArray(exec) ? exec.join('\n') : (str(exec) ?? '');
    if (!code.trim()) continue;
    const kind =
      e.listen === 'prerequest'
        ? 'pre-request script'
        : e.listen === 'test'
          ? 'test script'
          : `${String(e.listen)} script`;
    unmapped.push(`The ${kind} of ${what}: ccmacro does not run scripts (a Centercode webhook cannot either).`);
  }
}

/** The URL text: `raw` when present, else put together from its parts; path variables (`:id`) filled in. */
function urlText(u: unknown, notes: string[], where: string): string {
  if (typeof u === 'string') return u.trim();
  if (!isObject(u)) return '';
  let raw = str(u.raw)?.trim() ?? '';
  if (!raw) {
    const host = Array.isArray(u.host) ? u.host.join('.') : (str(u.host) ?? '');
    const path = Array.isArray(u.path)
      ? u.path.map(p => (isObject(p) ? (str(p.value) ?? '') : String(p))).join('/')
      : (str(u.path) ?? '');
    const query = Array.isArray(u.query)
      ? u.query
          .filter(q => isObject(q) && q.disabled !== true)
          .map(q => `${str((q as Json).key) ?? ''}=${str((q as Json).value) ?? ''}`)
      : [];
    raw = `${str(u.protocol) ? `${str(u.protocol)}://` : ''}${host}${u.port ? `:${String(u.port)}` : ''}${path ? `/${path}` : ''}${query.length ? `?${query.join('&')}` : ''}`;
  }
  if (Array.isArray(u.variable)) {
    for (const v of u.variable) {
      if (!isObject(v)) continue;
      const key = str(v.key);
      const value = str(v.value);
      if (!key) continue;
      const re = new RegExp(`/:${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[/?#]|$)`);
      if (value !== undefined && value !== '' && re.test(raw)) raw = raw.replace(re, () => `/${value}`);
      else if (re.test(raw))
        notes.push(`The path variable :${key} of ${where} has no value in Postman: it stays ":${key}" in the URL.`);
    }
  }
  return raw;
}

function headerList(h: unknown): Array<{ key: string; value: string; disabled: boolean }> {
  if (typeof h === 'string')
    return h
      .split(/\r?\n/)
      .map(line => line.trim())
      .filter(line => line.includes(':'))
      .map(line => ({
        key: line.slice(0, line.indexOf(':')).trim(),
        value: line.slice(line.indexOf(':') + 1).trim(),
        disabled: false,
      }));
  if (!Array.isArray(h)) return [];
  return h
    .filter(isObject)
    .filter(x => typeof x.key === 'string')
    .map(x => ({
      key: String(x.key).trim(),
      value: x.value === undefined || x.value === null ? '' : String(x.value),
      disabled: x.disabled === true,
    }));
}

/** One attribute of an auth block: v2.1 lists `{ key, value }`, v2.0 has an object. */
function authAttr(block: unknown, key: string): string | undefined {
  if (Array.isArray(block)) {
    const a = block.find(x => isObject(x) && x.key === key) as Json | undefined;
    return a === undefined ? undefined : a.value === undefined || a.value === null ? '' : String(a.value);
  }
  if (isObject(block)) {
    const v = block[key];
    return v === undefined || v === null ? undefined : String(v);
  }
  return undefined;
}

/** The auth block as a header (or query parameter) with its credential as a secret; other schemes are listed. */
function applyAuth(
  auth: unknown,
  _version: '2.1' | '2.0',
  where: string,
  mapSecret: (s: string, what: string) => string,
  names: SecretNames,
  url: string,
  unmapped: string[],
): { header?: { name: string; value: string }; query?: string } | undefined {
  if (!isObject(auth)) return undefined;
  const type = str(auth.type) ?? 'noauth';
  if (type === 'noauth') return undefined;
  const block = auth[type];
  const prefix = serviceWord(url);
  const secret = (value: string, base: string, what: string): string => {
    if (/\{\{[^{}]+\}\}/.test(value)) return mapSecret(value, what);
    const name = names.name(prefix && !base.startsWith(prefix + '_') ? `${prefix}_${base}` : base, value, what);
    return `\${secret:${name}}`;
  };
  if (type === 'bearer') {
    const token = authAttr(block, 'token') ?? '';
    return {
      header: { name: 'Authorization', value: `Bearer ${secret(token, 'API_TOKEN', `the bearer token of ${where}`)}` },
    };
  }
  if (type === 'basic') {
    const user = authAttr(block, 'username') ?? '';
    const password = authAttr(block, 'password') ?? '';
    const what = `the user:password of ${where}, base64`;
    if (/\{\{[^{}]+\}\}/.test(user + password)) {
      // base64 of variables cannot be worked out here: one secret holding it, named after the auth, for the user to set.
      const name = names.variable(prefix ? `${prefix}_BASIC_AUTH` : 'BASIC_AUTH', '', `${what} of ${user}:${password}`);
      return { header: { name: 'Authorization', value: `Basic \${secret:${name}}` } };
    }
    return {
      header: {
        name: 'Authorization',
        value: `Basic ${secret(Buffer.from(`${user}:${password}`, 'utf8').toString('base64'), 'BASIC_AUTH', what)}`,
      },
    };
  }
  if (type === 'apikey') {
    const key = authAttr(block, 'key') || 'X-API-Key';
    const value = authAttr(block, 'value') ?? '';
    const placeholder = secret(value, 'API_KEY', `the API key (${key}) of ${where}`);
    if ((authAttr(block, 'in') ?? 'header') === 'query') return { query: `${encodeURIComponent(key)}=${placeholder}` };
    return { header: { name: key, value: placeholder } };
  }
  unmapped.push(
    `The ${type} sign-in of ${where}: a macro sends fixed headers, so only basic, bearer and API-key auth are imported. Set the header it needs yourself.`,
  );
  return undefined;
}

const LANGUAGE_TYPE: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  javascript: 'application/javascript',
  text: 'text/plain',
};

function mapBody(
  b: Json,
  headers: Array<{ name: string; value: string }>,
  where: string,
  mapVars: (s: string, forceSecret: boolean, what: string) => string,
  secretVars: Set<string>,
  unmapped: string[],
): ImportedBody | undefined {
  const mode = str(b.mode);
  const ctIndex = headers.findIndex(h => h.name.toLowerCase() === 'content-type');
  const setType = (type: string) => {
    if (ctIndex < 0) headers.push({ name: 'Content-Type', value: type });
  };
  /** `{{var}}` in a body: ${var:NAME}; a secret one cannot be (secrets go in the URL and headers), so it stays. */
  const bodyVars = (text: string): string =>
    text.replace(VARIABLE, (whole, inner: string) => {
      const key = inner.trim();
      if (secretVars.has(key) || key.startsWith('vault:')) {
        unmapped.push(
          `The body of ${where} uses ${whole}, a secret: a macro fills secrets in only in the URL and headers, so it stays ${whole} and is sent as written. Move it to a header.`,
        );
        return whole;
      }
      return mapVars(whole, false, `the body of ${where}`);
    });
  if (mode === 'raw') {
    const raw = str(b.raw) ?? '';
    if (!raw) return undefined;
    const options = isObject(b.options) && isObject(b.options.raw) ? b.options.raw : {};
    const language = str(options.language);
    if (language && LANGUAGE_TYPE[language]) setType(LANGUAGE_TYPE[language]);
    const contentType = headers.find(h => h.name.toLowerCase() === 'content-type')?.value;
    return importBody(bodyVars(raw), contentType);
  }
  if (mode === 'urlencoded') {
    const fields = Array.isArray(b.urlencoded) ? b.urlencoded.filter(isObject) : [];
    const out: string[] = [];
    for (const fld of fields) {
      if (fld.disabled === true) continue;
      const enc = (s: string) => formComponent(s).replace(/%24%7Bvar%3A([A-Za-z0-9_]+)%7D/g, '${var:$1}');
      out.push(`${enc(bodyVars(String(fld.key ?? '')))}=${enc(bodyVars(String(fld.value ?? '')))}`);
    }
    setType('application/x-www-form-urlencoded');
    return out.length ? importBody(out.join('&'), 'application/x-www-form-urlencoded') : undefined;
  }
  const why: Record<string, string> = {
    formdata: 'a multipart form (form-data); a macro sends one body: JSON, a form, text or XML',
    file: 'a file, and a macro does not read files',
    graphql: 'a GraphQL query; write it as a JSON body {"query": …, "variables": …} if the server takes that',
  };
  unmapped.push(
    `The body of ${where} is ${why[mode ?? ''] ?? `of the kind ${JSON.stringify(mode)}`}: not imported (the macro is written without it).`,
  );
  return undefined;
}

/**
 * The environments file to write: the existing one (kept as written, comments and all) with the variables the macros
 * use added, `$shared` from the collection's variables and a section for the environment. Never a secret; a value the
 * file already holds differently is a conflict unless `force`.
 */
function environmentsFile(
  input: PostmanInput,
  shared: Array<{ key: string; value: string }>,
  env: { name: string; values: Array<{ key: string; value: string }> } | undefined,
  used: Set<string>,
  secretVars: Set<string>,
  nameOf: (key: string) => string,
  notes: string[],
): Result<PlannedFile | undefined, PostmanError> {
  const sections: Array<[string, Array<{ key: string; value: string }>]> = [];
  const keep = (list: Array<{ key: string; value: string }>) =>
    list.filter(v => !secretVars.has(v.key) && used.has(v.key));
  if (keep(shared).length) sections.push(['$shared', keep(shared)]);
  if (env) sections.push([env.name, keep(env.values)]);
  const valued = new Set([...shared, ...(env?.values ?? [])].map(v => v.key));
  for (const key of used) {
    if (!valued.has(key))
      notes.push(
        `{{${key}}} has no value in the collection${env ? ' or the environment' : ''}: give \${var:${nameOf(key)}} one in ${ENVIRONMENTS_FILE}.`,
      );
  }
  // The one writer of the environments file (src/core/environments/write.ts).
  const existing = input.existingEnvironments;
  const written = writeEnvironmentValues(
    existing?.text,
    sections.map(([section, values]) => [section, values.map(v => ({ name: nameOf(v.key), value: v.value }))]),
    !!input.force,
  );
  if (!written.ok) return fail({ file: existing!.name, text: existing!.text, problem: written.error });
  if (!written.value) return ok(undefined);
  return ok({ rel: ENVIRONMENTS_FILE, text: written.value.text, ...(existing ? { replaces: true } : {}) });
}
