import type { HoleContext } from './flat';

type State = 'text' | 'tag' | 'attr"' | "attr'" | 'comment' | 'cdata' | 'pi' | 'decl';

/**
 * Where each tag of an XML body lands, read from the authored text around it (values never change the structure:
 * they are escaped for the place they land). One pass over the literal text, tolerant of XML that is not
 * well-formed: whatever is not clearly element text, an attribute value or CDATA counts as markup.
 * `literals` are the authored pieces between the tags (literals.length === tags + 1).
 */
export function xmlHoleContexts(literals: readonly string[]): HoleContext[] {
  const out: HoleContext[] = [];
  let state: State = 'text';
  let declDepth = 0;
  for (let k = 0; k < literals.length; k++) {
    const s = literals[k];
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      switch (state) {
        case 'text':
          if (c === '<') {
            if (s.startsWith('<!--', i)) {
              state = 'comment';
              i += 3;
            } else if (s.startsWith('<![CDATA[', i)) {
              state = 'cdata';
              i += 8;
            } else if (s.startsWith('<?', i)) {
              state = 'pi';
              i += 1;
            } else if (s.startsWith('<!', i)) {
              state = 'decl';
              declDepth = 0;
              i += 1;
            } else state = 'tag';
          }
          break;
        case 'tag':
          if (c === '"') state = 'attr"';
          else if (c === "'") state = "attr'";
          else if (c === '>') state = 'text';
          break;
        case 'attr"':
        case "attr'":
          if (c === state[4]) state = 'tag';
          break;
        case 'comment':
          if (s.startsWith('-->', i)) {
            state = 'text';
            i += 2;
          }
          break;
        case 'cdata':
          if (s.startsWith(']]>', i)) {
            state = 'text';
            i += 2;
          }
          break;
        case 'pi':
          if (s.startsWith('?>', i)) {
            state = 'text';
            i += 1;
          }
          break;
        case 'decl':
          if (c === '[') declDepth++;
          else if (c === ']') declDepth = Math.max(0, declDepth - 1);
          else if (c === '>' && declDepth === 0) state = 'text';
          break;
      }
    }
    if (k < literals.length - 1) {
      out.push(
        state === 'text'
          ? 'xml-text'
          : state === 'attr"' || state === "attr'"
            ? 'xml-attr'
            : state === 'cdata'
              ? 'xml-cdata'
              : 'xml-markup',
      );
    }
  }
  return out;
}
