/**
 * A till, in Erlang's and PARLEY's habits: a basket's items arrive out of order and are put
 * back in order with a selective receive; each price is a call to a price server; the till is
 * a component made of tagged handlers, keeping the total between messages.
 */
import {
  box,
  call,
  callBox,
  defineComponent,
  defineHandlers,
  type Graph,
  graph,
  type Placement,
  replyBox,
  serve,
  tagged,
  z,
} from '@plexus/core';

const Line = z.object({ seq: z.number().int(), item: z.string() });
const tillTags = { add: { item: z.string(), cents: z.number() }, total: { label: z.string() } };

/** Sends a basket's lines, numbered, but not in order (as if they came by different roads). */
export const Basket = defineComponent({
  name: 'Basket',
  description: 'Sends the lines of a basket, numbered, out of order.',
  outboxes: { out: box(Line, 'Numbered lines, out of order.') },
  async body({ outbox }) {
    const items = ['tea', 'cake', 'jam', 'bread', 'milk'];
    for (const seq of [2, 0, 4, 1, 3]) await outbox.out.send({ seq, item: items[seq]! });
  },
});

/** Puts numbered lines back in order: a selective receive for the next number, each time. */
export const InOrder = defineComponent({
  name: 'InOrder',
  description: 'Passes numbered lines on in order; gives up on a missing one after `ms`.',
  inboxes: { in: box(Line, 'Numbered lines, in any order.') },
  outboxes: { out: box(z.string(), 'The items, in order.') },
  params: z.object({ ms: z.number().default(1000) }),
  async body({ inbox, outbox, params }) {
    for (let next = 0; ; next++) {
      const line = await inbox.in.receive((l) => l.seq === next, { timeout: params.ms });
      if (line === undefined || line === 'timeout') break;
      await outbox.out.send(line.item);
    }
  },
});

/** Answers price look-ups, as a gen_server would. */
export const Prices = defineComponent({
  name: 'Prices',
  description: 'Answers the price of an item, in cents.',
  inboxes: { in: callBox(z.object({ item: z.string() }), 'Price look-ups.') },
  outboxes: { out: replyBox(z.number(), 'Prices, in cents.') },
  async body({ inbox, outbox }) {
    const list: Record<string, number> = { tea: 250, cake: 320, jam: 410, bread: 180 };
    await serve(inbox.in, outbox.out, ({ item }) => {
      const cents = list[item];
      if (cents === undefined) throw new RangeError(`no price for ${item}`);
      return cents;
    });
  },
});

/** Prices each item with a call, and tells the till; an item without a price is left out. */
export const Checkout = defineComponent({
  name: 'Checkout',
  description: 'Calls the price server for each item and sends the till what to add.',
  inboxes: {
    in: box(z.string(), 'Items, in order.'),
    prices: replyBox(z.number(), 'Replies from the price server.'),
  },
  outboxes: {
    ask: callBox(z.object({ item: z.string() }), 'Price look-ups.'),
    till: box(tagged(tillTags), 'Messages for the till.'),
  },
  async body({ inbox, outbox }) {
    for await (const item of inbox.in) {
      try {
        const cents = await call(outbox.ask, { item }, { reply: inbox.prices, timeout: 5000 });
        await outbox.till.send({ tag: 'add', item, cents });
      } catch (error) {
        console.log(`${item}: ${(error as Error).cause ?? error}`);
      }
    }
    await outbox.till.send({ tag: 'total', label: 'basket' });
  },
});

/** The till: one handler per tag, the running total kept between messages. */
export const Till = defineHandlers({
  name: 'Till',
  description: 'Rings items up and prints the total when asked.',
  tags: tillTags,
  init: () => ({ cents: 0, items: [] as string[] }),
  handlers: {
    add: (state, { item, cents }) => ({
      cents: state.cents + cents,
      items: [...state.items, item],
    }),
    total: (state, { label }) => {
      console.log(`${label}: ${state.items.join(', ')} = ${(state.cents / 100).toFixed(2)}`);
    },
  },
});

/** The whole till; `placement` puts every component on one backend. */
export function till(placement: Placement = {}): Graph {
  const g = graph('till');
  const basket = g.add('basket', Basket, placement);
  const inOrder = g.add('inOrder', InOrder, placement);
  const checkout = g.add('checkout', Checkout, placement);
  // Supervised: a look-up it cannot answer fails that call, and the server goes on.
  const prices = g.add('prices', Prices, { ...placement, supervise: { onCrash: 'drop' } });
  const register = g.add('till', Till, placement);
  g.pipeline(basket, inOrder, checkout);
  g.link(checkout.outbox('ask'), prices.inbox('in'));
  g.link(prices.outbox('out'), checkout.inbox('prices'));
  g.link(checkout.outbox('till'), register.inbox('in'));
  return g;
}
