/**
 * Duplicate keys in JSON text. `JSON.parse` keeps the last of two equal keys without a word, so a book with
 * `"quantity": -40, …, "quantity": 4000000` would be margined at 4,000,000; the CLI refuses such a file instead.
 * One linear pass over text that `JSON.parse` has already accepted (so it is well-formed).
 */

/** The first duplicate key of an object in `text`, as a JSON-style path (`accounts[2].positions[0].quantity`). */
export function findDuplicateKey(text: string): string | undefined {
  // one frame per open object/array: the keys seen (objects) or the element index (arrays)
  const frames: Array<{ keys?: Set<string>; index: number; key?: string }> = [];
  const path = (duplicate: string) => {
    let p = '';
    for (let k = 0; k < frames.length - 1; k++) {
      const f = frames[k];
      p += f.keys !== undefined ? (p === '' ? (f.key as string) : `.${f.key}`) : `[${f.index}]`;
    }
    return p === '' ? duplicate : `${p}.${duplicate}`;
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      frames.push({ keys: new Set(), index: 0 });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      frames.push({ index: 0 });
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top.keys !== undefined) expectKey = true;
      else top.index++;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j += 2;
          continue;
        }
        if (d === 0x22) break;
        j++;
      }
      if (expectKey) {
        const raw = text.slice(i + 1, j);
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        const top = frames[frames.length - 1];
        if (top.keys!.has(key)) return path(key);
        top.keys!.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    }
  }
  return undefined;
}
