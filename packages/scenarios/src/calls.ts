/**
 * Components for the call scenarios: clients that `call` a server and report each outcome, and
 * servers that answer (with `serve`, or by hand in a generator), stay silent, or crash.
 */
import {
  answer,
  box,
  call,
  callBox,
  defineComponent,
  isPlexusError,
  replyBox,
  type Steps,
  serve,
  z,
} from '@plexus/core';

const Request = z.object({ n: z.number() });
const asks = callBox(Request, 'Requests { n }.');
const replies = replyBox(z.number(), 'Ten times n.');
const outcomes = box(z.unknown(), 'Each reply, or the code and message of the failed call.');
const clientParams = z.object({ requests: z.array(z.number()), timeout: z.number().optional() });

function outcome(error: unknown): string {
  if (isPlexusError(error)) return `${error.code}: ${error.message}`;
  throw error;
}

/** Calls the server once per request, in turn, and reports each outcome. */
export const Client = defineComponent({
  name: 'Client',
  description: 'Calls `ask` with each of `requests` and sends what came back.',
  inboxes: { answers: replies },
  outboxes: { ask: asks, out: outcomes },
  params: clientParams,
  async body({ inbox, outbox, params }) {
    for (const n of params.requests) {
      const options = { reply: inbox.answers, timeout: params.timeout };
      const result = await call(outbox.ask, { n }, options).catch(outcome);
      await outbox.out.send(result);
    }
  },
});

/** Client as a generator body: `yield call(…)`. */
export const StepClient = defineComponent({
  name: 'StepClient',
  description: 'Calls `ask` with each of `requests` and sends what came back (a generator).',
  inboxes: { answers: replies },
  outboxes: { ask: asks, out: outcomes },
  params: clientParams,
  *body({ inbox, outbox, params }): Steps {
    for (const n of params.requests) {
      const options = { reply: inbox.answers, timeout: params.timeout };
      yield outbox.out.send(yield call(outbox.ask, { n }, options).catch(outcome));
    }
  },
});

/** Answers n with 10 n; throws on `crashOn`. */
export const Server = defineComponent({
  name: 'Server',
  description: 'Answers each request n with 10 n, with serve(); crashes on `crashOn`.',
  inboxes: { in: asks },
  outboxes: { out: replies },
  params: z.object({ crashOn: z.number().optional() }),
  async body({ inbox, outbox, params }) {
    await serve(inbox.in, outbox.out, ({ n }) => {
      if (n === params.crashOn) throw new RangeError(`server refuses ${n}`);
      return n * 10;
    });
  },
});

/** Server as a generator body, answering by hand. */
export const StepServer = defineComponent({
  name: 'StepServer',
  description: 'Answers each request n with 10 n, with answer() (a generator).',
  inboxes: { in: asks },
  outboxes: { out: replies },
  *body({ inbox, outbox }): Steps {
    while (yield inbox.in) {
      const request = inbox.in.recv();
      yield answer(outbox.out, request, request.request.n * 10);
    }
  },
});

/** Takes requests and never answers, until its input ends. */
export const Mute = defineComponent({
  name: 'Mute',
  description: 'Reads every request and answers none.',
  inboxes: { in: asks },
  outboxes: { out: replies },
  async body({ inbox }) {
    for await (const _ of inbox.in);
  },
});
