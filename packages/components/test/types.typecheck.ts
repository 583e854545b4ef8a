/**
 * Compile-time tests for the factories: the message types flow from the functions and names
 * given, so linking a factory-made component to a box of another type, or naming a box it
 * does not have, is a type error. `pnpm typecheck` fails if a line marked `@ts-expect-error`
 * compiles. Not run by jest.
 */
import { box, defineComponent, graph, z } from '@plexus/core';
import {
  chooser,
  fanOut,
  filter,
  flatMap,
  fromIterable,
  map,
  merge,
  ReadLines,
  roundRobin,
} from '../src/index.ts';

const NumberSink = defineComponent({
  name: 'NumberSink',
  description: 'Takes numbers.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  async body({ inbox }) {
    for await (const _ of inbox.in);
  },
});

const g = graph();
const lines = g.add('lines', ReadLines, { params: { path: 'x.txt' } });
const numbers = g.add('numbers', NumberSink);

const length = g.add(
  'length',
  map((line: string) => line.length),
);
g.link(lines.outbox('out'), length.inbox('in'));
g.link(length.outbox('out'), numbers.inbox('in'));
const upper = g.add(
  'upper',
  map(async (line: string) => line.toUpperCase()),
);
// @ts-expect-error map's output type is its function's (awaited) result: string, not number
g.link(upper.outbox('out'), numbers.inbox('in'));
// @ts-expect-error map's input type is its function's parameter: number, not string
g.link(
  lines.outbox('out'),
  g
    .add(
      'half',
      map((n: number) => n / 2),
    )
    .inbox('in'),
);

const isNumber = (x: string | number): x is number => typeof x === 'number';
const onlyNumbers = g.add('onlyNumbers', filter(isNumber));
g.link(onlyNumbers.outbox('out'), numbers.inbox('in'));
// @ts-expect-error rejected keeps the input type (string | number)
g.link(onlyNumbers.outbox('rejected'), numbers.inbox('in'));

const chars = g.add(
  'chars',
  flatMap((line: string) => [...line]),
);
// @ts-expect-error flatMap sends the values' type: string
g.link(chars.outbox('out'), numbers.inbox('in'));

const routes = g.add('routes', chooser({ small: (n: number) => n < 10 }, { otherwise: 'big' }));
g.link(routes.outbox('small'), numbers.inbox('in'));
g.link(routes.outbox('big'), numbers.inbox('in'));
// @ts-expect-error the default-route outbox was renamed to 'big'
routes.outbox('otherwise');

const copies = g.add('copies', fanOut(['a', 'b'], { schema: z.number() }));
g.link(copies.outbox('a'), numbers.inbox('in'));
// @ts-expect-error fanOut has only the outboxes it was given
copies.outbox('c');

const dealt = g.add('dealt', roundRobin(['x', 'y'] as const));
dealt.outbox('x');
// @ts-expect-error roundRobin has only the outboxes it was given
dealt.outbox('z');

const tagged = g.add('tagged', merge(['left', 'right'], { tagged: true, schema: z.number() }));
tagged.inbox('left');
// @ts-expect-error a tagged merge sends { from, message }, not numbers
g.link(tagged.outbox('out'), numbers.inbox('in'));

const source = g.add('source', fromIterable([1, 2, 3]));
g.link(source.outbox('out'), numbers.inbox('in'));
// @ts-expect-error fromIterable sends its values' type
g.link(g.add('words', fromIterable(['a'])).outbox('out'), numbers.inbox('in'));
