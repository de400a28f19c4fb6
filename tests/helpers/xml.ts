// A strict XML 1.0 parser's verdict on a document: saxes reports every well-formedness error,
// characters XML forbids included (fast-xml-parser's validator lets control characters and
// lone surrogates through, which is exactly what breaks strict feed readers).
import { SaxesParser } from "saxes";

/** The errors a conforming XML 1.0 parser with namespaces finds in `xml`; empty when well-formed. */
export function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (e) => errors.push(e.message));
  parser.write(xml).close();
  return errors;
}
