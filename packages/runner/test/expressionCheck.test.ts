/**
 * Components configured by params, checked before a run: a JSONata expression that does not
 * compile is reported at the file, line and column of the character where it goes wrong
 * (through quotes, escapes and block indentation), and boxes the params configure (a
 * Switch's outbox per rule, a Map's type) are checked like declared ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadGraph } from '@plexus/runner';

// Inside the workspace, where '@plexus/components' resolves as it does in a user's project.
const dir = mkdtempSync(join(__dirname, 'fixtures', 'expressions-scratch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Load `text` as a graph file; its diagnostics as `line:column: message`. */
async function check(text: string): Promise<string[]> {
  const path = join(dir, `g${++files}.graph.yaml`);
  writeFileSync(path, text);
  const { diagnostics } = await loadGraph(path);
  return diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
}

const head = `description: Expressions checked.
components:
  feed: { use: "@plexus/components#FromItems", params: { items: [1] } }
`;

describe('plexus check of expressions', () => {
  it('points at the character of a plain expression where it goes wrong', async () => {
    const problems =
      await check(`${head}  keep: { use: "@plexus/components#Filter", params: { expression: payload > > 3 } }
links: [feed.out -> keep.in]
`);
    expect(problems).toEqual([
      `4:77: params of component 'keep' (Filter): 'expression' is not a valid JSONata expression: The symbol ">" cannot be used as a unary operator (at character 11 of "payload > > 3"); fix the expression (see https://docs.jsonata.org)`,
    ]);
  });

  it('counts escapes in a double-quoted expression', async () => {
    const [problem] = await check(`${head}  keep:
    use: "@plexus/components#Filter"
    params: { expression: "topic = \\"a\\" and (" }
links: [feed.out -> keep.in]
`);
    // The 18th character of the value is the end: after 2 escapes, column 27 + 1 + 17 + 2.
    expect(problem).toMatch(
      /^6:47: params of component 'keep' \(Filter\): 'expression' is not a valid JSONata expression: Expected "\)" before end of expression/,
    );
  });

  it('finds the line and column inside a block, and in the rules of a Switch', async () => {
    const problems = await check(`${head}  route:
    use: "@plexus/components#Switch"
    params:
      rules:
        - when: topic = "t"
          to: temperature
        - when: |
            topic = "h"
              and payload.value >
          to: humidity
links: [feed.out -> route.in]
`);
    expect(problems).toEqual([
      expect.stringMatching(
        /^12:34: params of component 'route' \(Switch\): 'rules\.1\.when' is not a valid JSONata expression: Unexpected end of expression/,
      ),
    ]);
  });

  it('points into a template at the expression', async () => {
    const [problem] =
      await check(`${head}  say: { use: "@plexus/components#Template", params: { template: 'Hi {{ name + }}!' } }
links: [feed.out -> say.in]
`);
    expect(problem).toMatch(
      /^4:79: params of component 'say' \(Template\): 'template' has an expression that is not valid JSONata/,
    );
  });

  it("checks links to a Switch's rule outboxes, and the type a Map's expression makes", async () => {
    const good = await check(`${head}  route:
    use: "@plexus/components#Switch"
    params: { rules: [{ when: "$ > 0", to: positive }] }
  print: { use: "@plexus/components#ConsoleEcho" }
links:
  - feed.out -> route.in
  - route.positive -> print.in
`);
    expect(good).toEqual([]);
    const missing = await check(`${head}  route:
    use: "@plexus/components#Switch"
    params: { rules: [{ when: "$ > 0", to: positive }] }
  print: { use: "@plexus/components#ConsoleEcho" }
links:
  - feed.out -> route.in
  - route.negative -> print.in
`);
    expect(missing).toEqual([
      "10:11: component 'route' has no outbox 'negative'; its outboxes are: 'otherwise', 'errors', 'positive'",
    ]);
    const text =
      await check(`${head}  label: { use: "@plexus/components#Map", params: { expression: '"n=" & $' } }
  write: { use: "@plexus/components#WriteBytes", params: { path: "-" } }
links: [feed.out -> label.in, label.out -> write.in]
`);
    expect(text).toEqual([]);
    const number =
      await check(`${head}  double: { use: "@plexus/components#Map", params: { expression: "$ * 2" } }
  http: { use: "@plexus/components#HttpServer" }
links: [feed.out -> double.in, double.out -> http.responses]
`);
    expect(number).toEqual([
      '6:32: link double.out -> http.responses joins an outbox of numbers to an inbox of objects, so no message could ever fit both; link boxes whose schemas agree',
    ]);
  });
});
