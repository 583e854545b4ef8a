/**
 * The malformed graph corpus: every file under fixtures/malformed fails to load with exactly
 * these diagnostics — each at its line and column, naming the thing and saying the fix.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadGraph } from '@plexus/runner';

const dir = join(__dirname, 'fixtures', 'malformed');

/** File → its diagnostics as `line:column: message` (prefixed by the file when elsewhere). */
const expected: Record<string, string[]> = {
  'bad-arrow.graph.yaml': ["6:5: link 1: write a link as 'component.box -> component.box'"],
  'bad-backend.graph.yaml': [
    "5:14: 'components.words.backend' must be one of inline, worker, process, nats",
  ],
  'bad-instance-name.graph.yaml': [
    "3:3: 'components.2words': a name is a letter or _ followed by letters, digits, _ or -",
  ],
  'bad-priority.graph.yaml': [
    "3:46: 'components.words.priority' must be one of normal, idle",
    "6:48: link 1's 'priority' must be one of normal, idle",
  ],
  'duplicate-key.graph.yaml': ['4:3: the file is not valid YAML or JSON: Map keys must be unique'],
  'empty.graph.yaml': [
    "1:1: a graph file is a map of settings with at least 'description' and 'components', but this file holds nothing",
  ],
  'export-missing.graph.yaml': [
    "3:29: component 'words': ../parts.ts has no export 'Word'; did you mean 'Words'?",
  ],
  'export-unknown-box.graph.yaml': [
    "5:13: component 'shout' has no inbox 'input'; its inboxes are: 'in'",
  ],
  'graph-missing.graph.yaml': [
    "3:17: component 'inner': there is no file ./nowhere.graph.yaml (next to graph-missing.graph.yaml); did you mean './no-use.graph.yaml'?",
  ],
  'incompatible-schemas.graph.yaml': [
    '8:5: link measure.out -> print.in joins an outbox of integers to an inbox of strings, so no message could ever fit both; link boxes whose schemas agree',
  ],
  'initial-bad-message.graph.yaml': [
    "5:21: initial message 2 for 'print.in' does not fit the inbox: it must be a string, not a number",
  ],
  'initial-unknown-inbox.graph.yaml': [
    "5:16: component 'print' has no inbox 'input'; its inboxes are: 'in'",
  ],
  'inner-broken.graph.yaml': [
    "export-unknown-box.graph.yaml:5:13: component 'shout' has no inbox 'input'; its inboxes are: 'in'",
  ],
  'json-syntax.graph.json': [
    '5:5: the file is not valid YAML or JSON: Missing , between flow map items',
  ],
  'link-not-a-box.graph.yaml': ["6:5: there is no component 'word'; did you mean 'words'?"],
  'link-object-no-to.graph.yaml': ["6:5: link 1 needs 'to'"],
  'many-problems.graph.yaml': [
    "5:5: 'components.words' has no setting 'parms'; did you mean 'params'?",
    "6:5: 'components.words' has no setting 'backnd'; did you mean 'backend'?",
    "7:29: component 'shout': ../parts.ts has no export 'Shuot'; did you mean 'Shout'?",
    "8:46: params of component 'print' (Print): it has no param 'prefx'; did you mean 'prefix'?",
    "12:11: component 'print' has no outbox 'out'; its outboxes are: (none)",
    "12:18: there is no component 'nowhere'; the components are: 'words', 'shout', 'print'",
  ],
  'module-missing.graph.yaml': [
    "3:17: component 'words': there is no file ../prts.ts (next to module-missing.graph.yaml); did you mean '../parts.ts'?",
  ],
  'negative-capacity.graph.yaml': ["6:48: link 1's 'capacity' must be at least 1"],
  'no-components.graph.yaml': ["1:1: the graph needs 'components'"],
  'no-description.graph.yaml': ["1:1: the graph needs 'description'"],
  'no-export-name.graph.yaml': [
    "3:17: component 'words': '../parts.ts' does not say which export to use; write it as 'module#Export' (e.g. '../parts.ts#MyComponent'), or name a graph file (.yaml, .json)",
  ],
  'no-use.graph.yaml': ["3:3: 'components.words' needs 'use'"],
  'not-a-component.graph.yaml': [
    "3:29: component 'words': 'notAComponent' of ../parts.ts is not a component: export a definition made by defineComponent() or defineGraph()",
  ],
  'not-a-map.graph.yaml': [
    "1:1: a graph file is a map of settings with at least 'description' and 'components', but this file holds a list",
  ],
  'option-wrong-backend.graph.yaml': [
    "6:16: component 'words' (Words) runs on the worker backend, but its option 'memoryMb' is for the process backend; set 'backend: process' or remove the option",
  ],
  'ordered-no-replicas.graph.yaml': [
    "4:62: component 'shout' (Shout) is 'ordered', which only matters with replicas; add replicas or remove it",
  ],
  'package-missing.graph.yaml': [
    "3:18: component 'words': cannot find the package '@plexus/nowhere' from package-missing.graph.yaml; install it in this project, or use a path starting with './'",
  ],
  'param-type.graph.yaml': [
    "5:22: params of component 'words' (Words): 'words' must be an array, not a number",
  ],
  'params-for-none.graph.yaml': [
    "4:46: params of component 'shout' (Shout): it takes no params, but was given 'loud'",
  ],
  'replicas-inline.graph.yaml': [
    "4:46: component 'shout' (Shout) asks for 2 replicas, which run off the main thread; set its backend to worker, process or nats",
  ],
  'reversed-link.graph.yaml': [
    '6:5: link print.in -> words.out goes from an inbox to an outbox; links go from an outbox to an inbox: write it as words.out -> print.in',
  ],
  'unknown-backend-option.graph.yaml': [
    "6:16: 'components.words.options' has no setting 'memoryMB'; did you mean 'memoryMb'?",
  ],
  'unknown-component.graph.yaml': ["6:18: there is no component 'prnt'; did you mean 'print'?"],
  'unknown-entry-key.graph.yaml': [
    "5:5: 'components.words' has no setting 'parms'; did you mean 'params'?",
  ],
  'unknown-inbox.graph.yaml': [
    "6:24: component 'print' has no inbox 'input'; its inboxes are: 'in'",
  ],
  'unknown-outbox.graph.yaml': [
    "6:11: component 'words' has no outbox 'output'; its outboxes are: 'out'",
  ],
  'unknown-param.graph.yaml': [
    "5:15: params of component 'print' (Print): it has no param 'prefx'; did you mean 'prefix'?",
  ],
  'unknown-top-key.graph.yaml': ["5:1: a graph has no setting 'link'; did you mean 'links'?"],
  'unlinked-inbox.graph.yaml': [
    "4:3: component 'shout' (Shout) has nothing linked into its inbox 'in'; link it (e.g. 'x.out -> shout.in'), give it initial messages, or export it",
    "4:3: component 'shout' (Shout) has its outbox 'out' linked to nothing, and would fail the run when it sends there; link it (e.g. 'shout.out -> y.in') or export it",
  ],
  'unlinked-outbox.graph.yaml': [
    "4:3: component 'shout' (Shout) has its outbox 'out' linked to nothing, and would fail the run when it sends there; link it (e.g. 'shout.out -> y.in') or export it",
  ],
  'uses-itself.graph.yaml': [
    '3:17: uses-itself.graph.yaml uses itself; a graph cannot contain itself',
  ],
  'yaml-syntax.graph.yaml': [
    '4:3: the file is not valid YAML or JSON: Flow map in block collection must be sufficiently indented and end with a }',
  ],
  'wrong-type.graph.yaml': ["4:8: 'links' must be an array"],
  'zero-replicas.graph.yaml': ["7:15: 'components.shout.replicas' must be at least 1"],
};

describe('a malformed graph file', () => {
  it('has an expectation for every file in the corpus, and the corpus has at least 30', () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(expected))('%s is reported exactly, at its place', async (file, lines) => {
    const { graph, diagnostics } = await loadGraph(join(dir, file));
    expect(graph).toBeUndefined();
    expect(
      diagnostics.map(
        (d) =>
          `${basename(d.file) === file ? '' : `${basename(d.file)}:`}${d.line}:${d.column}: ${d.message}`,
      ),
    ).toEqual(lines);
  });
});
