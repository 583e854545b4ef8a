/**
 * @plexus/inspector/client — attach to a running inspector from Node, read-only. Small and
 * free of the server, so a component can use it wherever it runs.
 *
 * @packageDocumentation
 */
export type { InspectorEvent } from './watchInspector.ts';
export { eventsUrl, watchInspector } from './watchInspector.ts';
