/** Reads the run's JUnit report back into one row per check. */
export interface Row {
  title: string;
  status: 'pass' | 'fail' | 'warn' | 'info' | 'skip';
  /** The failure, skip or warning text. */
  text: string;
}

const xmlText = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

export function parseJunit(xml: string): Row[] {
  const rows: Row[] = [];
  const testcase = /<testcase classname="[^"]*" name="([^"]*)"(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const title = xmlText(match[1] as string);
    const inner = match[3] ?? '';
    const failure = /<failure message="([^"]*)"/.exec(inner);
    const skipped = /<skipped message="([^"]*)"/.exec(inner);
    const warning = /<system-out>([\s\S]*?)<\/system-out>/.exec(inner);
    if (failure) rows.push({ title, status: 'fail', text: xmlText(failure[1] as string) });
    else if (skipped) rows.push({ title, status: 'skip', text: xmlText(skipped[1] as string) });
    else if (warning) {
      const text = xmlText(warning[1] as string);
      rows.push({ title, status: text.startsWith('INFO') ? 'info' : 'warn', text });
    } else rows.push({ title, status: 'pass', text: '' });
  }
  return rows;
}

/** The first row whose title contains (or matches) `titlePart`; throws, listing rows, if none. */
export function findRow(rows: Row[], titlePart: string | RegExp): Row {
  const found = rows.find((r) =>
    typeof titlePart === 'string' ? r.title.includes(titlePart) : titlePart.test(r.title),
  );
  if (!found) {
    throw new Error(
      `no report row matches ${titlePart}; rows:\n${rows.map((r) => r.title).join('\n')}`,
    );
  }
  return found;
}
