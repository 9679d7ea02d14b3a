/**
 * A pasted shell command split into its words the way the shell that runs it would, without running anything:
 * POSIX shells (bash, zsh: what "Copy as cURL (bash)" and API docs write) and Windows cmd.exe (what "Copy as cURL
 * (cmd)" writes: `^` escapes and continuations, `^"` quoting, then the Microsoft C runtime's argument rules). One pass
 * over the text per layer, no recursion: work grows linearly with the command.
 *
 * Shell variables (`$NAME`, `${NAME}`) are kept as references, never looked up; command substitution, process
 * substitution and expansions that compute something are refused at their position, since only running the command
 * could say what they give.
 */
import { fail, ok, type Result } from '../common/result';

type ShellDialect = 'bash' | 'cmd';

/** A shell variable referenced in a word: `$TOKEN` at [start, end) of the word's value (written `${env:TOKEN}`). */
export interface WordVariable {
  name: string;
  start: number;
  end: number;
}

export interface ShellWord {
  /** The word as the program receives it; each variable reference is written `${env:NAME}` (see `variables`). */
  value: string;
  /** Where the word is in the source text, [start, end). */
  start: number;
  end: number;
  variables: WordVariable[];
}

interface ShellCommand {
  dialect: ShellDialect;
  words: ShellWord[];
  /** Plain sentences about what was left out (a pipe into another program, a redirection of curl's output). */
  notes: string[];
}

/** Why the text cannot be read as one command, at [start, end) of the source. */
export interface ShellError {
  code: string;
  message: string;
  start: number;
  end: number;
}

const SPACE = new Set([' ', '\t']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Which shell wrote the command: cmd when it uses cmd's `^` line continuations or `^"` quoting, or starts `curl.exe` without single quotes. */
function detectDialect(text: string): ShellDialect {
  if (/\^\r?\n/.test(text) || text.includes('^"')) return 'cmd';
  if (/^\s*curl\.exe\b/i.test(text) && !text.includes("'")) return 'cmd';
  return 'bash';
}

export function splitShellCommand(
  text: string,
  dialect: ShellDialect = detectDialect(text),
): Result<ShellCommand, ShellError> {
  return dialect === 'cmd' ? splitCmd(text) : splitBash(text);
}

const err = (code: string, message: string, start: number, end = start + 1): Result<never, ShellError> =>
  fail({ code, message, start, end });

/** A short, visible quote of source text for a message. */
export function excerpt(text: string, start: number, max = 30): string {
  const s = text.slice(start, start + max + 1).split(/\r?\n/)[0];
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/** Builds one word: its value, where it starts and ends, and its variable references. */
class WordBuilder {
  value = '';
  start = -1;
  end = -1;
  variables: WordVariable[] = [];
  started = false;
  touch(at: number, end = at + 1): void {
    if (!this.started) {
      this.started = true;
      this.start = at;
    }
    this.end = Math.max(this.end, end);
  }
  add(s: string, at: number, end = at + 1): void {
    this.touch(at, end);
    this.value += s;
  }
  variable(name: string, at: number, end: number): void {
    this.touch(at, end);
    const text = `\${env:${name}}`;
    this.variables.push({ name, start: this.value.length, end: this.value.length + text.length });
    this.value += text;
  }
  take(): ShellWord | undefined {
    if (!this.started) return undefined;
    const w: ShellWord = { value: this.value, start: this.start, end: this.end, variables: this.variables };
    this.value = '';
    this.start = this.end = -1;
    this.variables = [];
    this.started = false;
    return w;
  }
}

/**
 * What ends the command at an operator outside quotes (`|`, `;`, `&`, `<`, `>`, a line break): undefined to go on
 * reading (a redirection of curl's output, whose target is skipped), or the error. `words` are the words so far.
 */
interface Ending {
  /** Index in the text where reading goes on, or -1 to stop reading (a pipe: what follows is another program). */
  next: number;
}

/**
 * The shared handling of shell operators in both dialects, at text[i] outside quotes. Returns where to go on, or
 * an error; `stop` is set when the rest of the text is another program's (after a pipe).
 */
function operator(text: string, i: number, notes: string[], pendingDigits: boolean): Result<Ending, ShellError> {
  const c = text[i];
  if (c === '|') {
    if (text[i + 1] === '|')
      return err(
        'import/two-commands',
        `"||" at this position starts another command: import one cURL command at a time`,
        i,
        i + 2,
      );
    notes.push(
      `The part after "|" (${excerpt(text, i + 1).trim() || 'nothing'}) is another program's, not part of the request: left out.`,
    );
    return ok({ next: -1 });
  }
  if (c === ';' || c === '&') {
    const op = c === '&' && text[i + 1] === '&' ? '&&' : c;
    // Nothing but spaces and line breaks after it: a trailing separator, harmless.
    if (/^[\s;&]*$/.test(text.slice(i))) return ok({ next: text.length });
    return err(
      'import/two-commands',
      `"${op}" at this position starts another command: import one cURL command at a time`,
      i,
      i + op.length,
    );
  }
  if (c === '<') {
    const close = text.indexOf('>', i + 1);
    const line = text.indexOf('\n', i);
    if (close > i + 1 && (line < 0 || close < line)) {
      const placeholder = text.slice(i, close + 1);
      return err(
        'import/placeholder',
        `${placeholder} is a placeholder from documentation, not a value (a shell reads < as "read a file"): put the real value there, in quotes`,
        i,
        close + 1,
      );
    }
    return err(
      'import/redirection',
      `"<" at this position feeds a file to curl, which ccmacro never reads: remove it`,
      i,
    );
  }
  if (c === '>') {
    // `> out.json`, `2>/dev/null`, `>> log`, `2>&1`: where curl's output goes, not part of the request.
    let j = i + 1;
    if (text[j] === '>') j++;
    if (text[j] === '&') j++;
    while (j < text.length && SPACE.has(text[j])) j++;
    let k = j;
    while (k < text.length && !/[\s|;&<>]/.test(text[k])) k++;
    notes.push(
      `The redirection "${text.slice(pendingDigits ? i - 1 : i, k).trim()}" says where curl's output goes, not what it sends: left out.`,
    );
    return ok({ next: k });
  }
  return ok({ next: i + 1 });
}

// ---------------------------------------------------------------------------------------------------------------
// POSIX shells

function splitBash(text: string): Result<ShellCommand, ShellError> {
  const words: ShellWord[] = [];
  const notes: string[] = [];
  const w = new WordBuilder();
  /** A line break outside quotes ended the command here: any word after it is a second command. */
  let endedAt = -1;
  const flush = () => {
    const word = w.take();
    if (word) words.push(word);
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (endedAt >= 0 && !/\s/.test(c) && c !== '#') {
      return err(
        'import/two-commands',
        `The line break before this position ends the cURL command, and more follows: join the lines with " \\" at the end of each (or import one command at a time)`,
        i,
        i + 1,
      );
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (i + 1 >= n) {
        i++;
        continue;
      }
      w.add(text[i + 1], i, i + 2);
      i += 2;
      continue;
    }
    if (SPACE.has(c) || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (c === '\n') {
      flush();
      if (words.length > 0) endedAt = i;
      i++;
      continue;
    }
    if (c === '#' && !w.started) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0)
        return err(
          'import/unclosed-quote',
          `Unclosed ' quote (${excerpt(text, i)}): it opens here and never closes`,
          i,
        );
      w.add(text.slice(i + 1, close), i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === "'") {
      const r = ansiC(text, i + 2, w, i);
      if (!r.ok) return r;
      i = r.value;
      continue;
    }
    if (c === '"' || (c === '$' && text[i + 1] === '"')) {
      const open = c === '"' ? i : i + 1;
      const r = doubleQuoted(text, open + 1, w, open);
      if (!r.ok) return r;
      i = r.value;
      continue;
    }
    if (c === '$') {
      const r = dollar(text, i, w);
      if (!r.ok) return r;
      i = r.value;
      continue;
    }
    if (c === '`') return commandSubstitution(text, i);
    if (c === '(' || c === ')') {
      if (c === '(' && text[i - 1] === '<')
        return err(
          'import/command-substitution',
          'Process substitution <(…) runs a command, and ccmacro never runs commands: write the value itself',
          i - 1,
        );
      return err(
        'import/shell-syntax',
        `"${c}" outside quotes is shell syntax a cURL command does not use: quote the value that holds it`,
        i,
      );
    }
    if (c === '|' || c === ';' || c === '&' || c === '<' || c === '>') {
      const digits = c === '>' && w.started && /^\d+$/.test(w.value) && w.end === i;
      if (digits) w.take();
      else flush();
      const r = operator(text, i, notes, digits);
      if (!r.ok) return r;
      if (r.value.next < 0) break;
      i = r.value.next;
      continue;
    }
    w.add(c, i);
    i++;
  }
  flush();
  return ok({ dialect: 'bash', words, notes });
}

function commandSubstitution(text: string, at: number): Result<never, ShellError> {
  return err(
    'import/command-substitution',
    `${text[at] === '`' ? '`…`' : '$(…)'} runs a command to make a value (${excerpt(text, at, 24)}), and ccmacro never runs commands: write the value itself, or a $VARIABLE`,
    at,
    at + (text[at] === '`' ? 1 : 2),
  );
}

/** `$NAME`, `${NAME}`, `$(…)`, `$((…))`, or a literal `$`, at text[i] === '$'. Returns where reading goes on. */
function dollar(text: string, i: number, w: WordBuilder): Result<number, ShellError> {
  const next = text[i + 1];
  if (next === '(') return commandSubstitution(text, i);
  if (next === '{') {
    const close = text.indexOf('}', i + 2);
    const name = close > 0 ? text.slice(i + 2, close) : '';
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      w.variable(name, i, close + 1);
      return ok(close + 1);
    }
    return err(
      'import/shell-expansion',
      `\${${excerpt(name, 0, 20)}} computes a value in the shell (a default, a length, a substitution), which ccmacro cannot know: write the value itself, or a plain $VARIABLE`,
      i,
      close > 0 ? close + 1 : i + 2,
    );
  }
  if (next !== undefined && NAME_START.test(next)) {
    let j = i + 2;
    while (j < text.length && NAME_CHAR.test(text[j])) j++;
    w.variable(text.slice(i + 1, j), i, j);
    return ok(j);
  }
  if (next !== undefined && /[0-9@*#?!$-]/.test(next))
    return err(
      'import/shell-expansion',
      `$${next} is a value only the running shell knows: write the value itself`,
      i,
      i + 2,
    );
  w.add('$', i);
  return ok(i + 1);
}

/** The inside of "…" from `from` (just after the quote at `open`). Returns the index after the closing quote. */
function doubleQuoted(text: string, from: number, w: WordBuilder, open: number): Result<number, ShellError> {
  w.touch(open);
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      w.touch(i);
      return ok(i + 1);
    }
    if (c === '\\') {
      const n = text[i + 1];
      if (n === '\n') {
        i += 2;
        continue;
      }
      if (n === '\r' && text[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (n === '$' || n === '`' || n === '"' || n === '\\') {
        w.add(n, i, i + 2);
        i += 2;
        continue;
      }
      w.add('\\', i);
      i++;
      continue;
    }
    if (c === '$') {
      const r = dollar(text, i, w);
      if (!r.ok) return r;
      i = r.value;
      continue;
    }
    if (c === '`') return commandSubstitution(text, i);
    w.add(c, i);
    i++;
  }
  return err(
    'import/unclosed-quote',
    `Unclosed " quote (${excerpt(text, open)}): it opens here and never closes`,
    open,
  );
}

const ANSI_SIMPLE: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  e: 27,
  E: 27,
  f: 12,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
  '?': 63,
};

/**
 * The inside of $'…' (bash's ANSI-C quoting) from `from`; `open` is the `$`. Escapes give bytes (`\xe2\x80\x8b` is one
 * character in UTF-8), so the value is decoded from bytes at the closing quote. Returns the index after it.
 */
function ansiC(text: string, from: number, w: WordBuilder, open: number): Result<number, ShellError> {
  const bytes: number[] = [];
  const pushChar = (ch: string) => {
    for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
  };
  const hexRun = (at: number, max: number): [number, number] => {
    let j = at;
    while (j < text.length && j - at < max && /[0-9A-Fa-f]/.test(text[j])) j++;
    return [j, j > at ? parseInt(text.slice(at, j), 16) : -1];
  };
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      const nul = bytes.indexOf(0);
      if (nul >= 0)
        return err(
          'import/nul',
          `$'…' holds a NUL character here, which no command-line argument can carry (the shell cuts the value there): remove it`,
          open,
          i + 1,
        );
      w.add(Buffer.from(bytes).toString('utf8'), open, i + 1);
      return ok(i + 1);
    }
    if (c !== '\\') {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushChar(ch);
      i += ch.length;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    if (ANSI_SIMPLE[e] !== undefined) {
      bytes.push(ANSI_SIMPLE[e]);
      i += 2;
    } else if (e === 'x') {
      const [j, v] = hexRun(i + 2, 2);
      if (v < 0) {
        pushChar('\\x');
        i += 2;
      } else {
        bytes.push(v);
        i = j;
      }
    } else if (e === 'u' || e === 'U') {
      const [j, v] = hexRun(i + 2, e === 'u' ? 4 : 8);
      if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
        pushChar('\\' + e);
        i += 2;
      } else {
        pushChar(String.fromCodePoint(v));
        i = j;
      }
    } else if (e >= '0' && e <= '7') {
      let j = i + 1;
      while (j < text.length && j - (i + 1) < 3 && text[j] >= '0' && text[j] <= '7') j++;
      bytes.push(parseInt(text.slice(i + 1, j), 8) & 0xff);
      i = j;
    } else if (e === 'c' && i + 2 < text.length) {
      bytes.push(text.charCodeAt(i + 2) & 0x1f);
      i += 3;
    } else {
      pushChar('\\' + e);
      i += 2;
    }
  }
  return err(
    'import/unclosed-quote',
    `Unclosed $' quote (${excerpt(text, open)}): it opens here and never closes`,
    open,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Windows cmd.exe, then the C runtime's argument splitting

function splitCmd(text: string): Result<ShellCommand, ShellError> {
  const notes: string[] = [];
  // Layer 1, cmd.exe: `^x` is x, `^` before a line break continues the line, "…" is quoted for cmd (where ^ is
  // literal), operators outside quotes end the command. What remains is the command line curl.exe receives, with the
  // source offset of each character.
  let line = '';
  const from: number[] = [];
  let inQuote = false;
  let quoteAt = -1;
  let endedAt = -1;
  let sawWord = false;
  const n = text.length;
  let i = 0;
  // Whether the C runtime will read this spot as inside "…": `&` there is meant as text. cmd.exe itself would still
  // end the command at an unescaped `&` after `^"`, but Chrome's copies (and people) write it so, meaning the text.
  let crtQuoted = false;
  const emit = (ch: string, at: number) => {
    if (ch === '"') {
      let k = line.length - 1;
      while (k >= 0 && line[k] === '\\') k--;
      if ((line.length - 1 - k) % 2 === 0) crtQuoted = !crtQuoted;
    }
    line += ch;
    from.push(at);
  };
  while (i < n) {
    const c = text[i];
    if (endedAt >= 0 && !/\s/.test(c)) {
      return err(
        'import/two-commands',
        'The line break before this position ends the command, and more follows: end each line but the last with " ^" (or import one command at a time)',
        i,
      );
    }
    if (inQuote) {
      if (c === '"') inQuote = false;
      if (c === '\n' || c === '\r') break;
      emit(c, i);
      i++;
      continue;
    }
    if (c === '^') {
      if (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n')) {
        i += text[i + 1] === '\n' ? 2 : 3;
        // The character after an escaped line break is itself escaped: a second line break there is kept.
        if (text[i] === '\n') {
          emit('\n', i);
          i++;
        } else if (text[i] === '\r' && text[i + 1] === '\n') {
          emit('\n', i);
          i += 2;
        }
        continue;
      }
      if (i + 1 < n) {
        emit(text[i + 1], i + 1);
        i += 2;
      } else i++;
      continue;
    }
    if (c === '"') {
      inQuote = true;
      quoteAt = i;
      emit(c, i);
      i++;
      continue;
    }
    if (c === '\n') {
      if (sawWord) endedAt = i;
      emit(' ', i);
      i++;
      continue;
    }
    if (c === '\r') {
      emit(' ', i);
      i++;
      continue;
    }
    if ((c === '|' || c === '&' || c === '<' || c === '>') && !crtQuoted) {
      const digits = c === '>' && /\d$/.test(line) && (line.length < 2 || /\s/.test(line[line.length - 2]));
      if (digits) {
        line = line.slice(0, -1);
        from.pop();
      }
      const r = operator(text, i, notes, digits);
      if (!r.ok) return r;
      if (r.value.next < 0) break;
      emit(' ', i);
      i = r.value.next;
      continue;
    }
    if (!SPACE.has(c)) sawWord = true;
    emit(c, i);
    i++;
  }
  if (inQuote)
    return err(
      'import/unclosed-quote',
      `Unclosed " quote (${excerpt(text, quoteAt)}): it opens here and never closes`,
      quoteAt,
    );

  // Layer 2, the C runtime: words split at spaces outside "…"; 2n backslashes before " are n backslashes and the quote
  // opens or closes; 2n+1 are n backslashes and a literal "; "" inside quotes is a literal ".
  const words: ShellWord[] = [];
  const w = new WordBuilder();
  let quoted = false;
  let openAt = -1;
  let j = 0;
  while (j < line.length) {
    const c = line[j];
    if (!quoted && (c === ' ' || c === '\t')) {
      const word = w.take();
      if (word) words.push(word);
      j++;
      continue;
    }
    if (c === '\\') {
      let k = j;
      while (k < line.length && line[k] === '\\') k++;
      const count = k - j;
      if (line[k] === '"') {
        w.add('\\'.repeat(count >> 1), from[j], from[k - 1] + 1);
        if (count % 2 === 1) {
          w.add('"', from[k]);
          j = k + 1;
        } else j = k;
        continue;
      }
      w.add('\\'.repeat(count), from[j], from[k - 1] + 1);
      j = k;
      continue;
    }
    if (c === '"') {
      if (quoted && line[j + 1] === '"') {
        w.add('"', from[j], from[j + 1] + 1);
        j += 2;
        continue;
      }
      w.touch(from[j]);
      quoted = !quoted;
      if (quoted) openAt = from[j];
      j++;
      continue;
    }
    w.add(c, from[j]);
    j++;
  }
  if (quoted)
    return err(
      'import/unclosed-quote',
      `Unclosed " quote (${excerpt(text, openAt)}): it opens here and never closes`,
      openAt,
    );
  const last = w.take();
  if (last) words.push(last);
  return ok({ dialect: 'cmd', words, notes });
}
