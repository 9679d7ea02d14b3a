import { SaxesParser } from 'saxes';

/** An element as a strict XML reader sees it: attribute values and text after entity and line-end processing. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: Array<XmlElement | string>;
  /** All text directly inside the element (text and CDATA), decoded. */
  text: string;
}

/**
 * Parse XML with saxes (strict, conformant: it rejects every well-formedness error, including characters XML cannot
 * hold, and applies attribute-value and end-of-line normalisation). Throws on the first error.
 */
export function parseXmlStrict(xml: string): XmlElement {
  const p = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [{ name: '#document', attrs: {}, children: [], text: '' }];
  p.on('error', e => {
    throw e;
  });
  p.on('opentag', t => {
    const el: XmlElement = {
      name: t.name,
      attrs: { ...(t.attributes as Record<string, string>) },
      children: [],
      text: '',
    };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  p.on('closetag', () => {
    stack.pop();
  });
  const add = (s: string) => {
    const top = stack[stack.length - 1];
    top.text += s;
    top.children.push(s);
  };
  p.on('text', add);
  p.on('cdata', add);
  p.write(xml).close();
  const root = stack[0].children.find((c): c is XmlElement => typeof c === 'object');
  if (!root) throw new Error('no root element');
  return root;
}
