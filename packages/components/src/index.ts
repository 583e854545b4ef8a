/**
 * @plexus/components — the standard component library: the everyday parts people reach for.
 *
 * @packageDocumentation
 */

// biome-ignore-all assist/source/organizeImports: two sections, one export per line, kept by hand so two people can add exports without conflicts.

// --- core library (sources, sinks, transforms, routing, Backplane, batching and time) ---
export type { ComponentErrorCode } from './errors.ts';
export { ComponentError } from './errors.ts';
export type { FactoryOptions } from './internal/factory.ts';
export type { FunctionOptions } from './internal/factory.ts';
export { FromItems } from './sources/fromItems.ts';
export type { IterableSource } from './sources/fromIterable.ts';
export { fromIterable } from './sources/fromIterable.ts';
export { ReadChunks } from './sources/readChunks.ts';
export { ReadLines } from './sources/readLines.ts';
export { Stdin } from './sources/stdin.ts';
export { Ticker } from './sources/ticker.ts';
export { Collect } from './sinks/collect.ts';
export { collectInto } from './sinks/collectInto.ts';
export { ConsoleEcho } from './sinks/consoleEcho.ts';
export { WriteBytes } from './sinks/writeBytes.ts';
export { WriteLines } from './sinks/writeLines.ts';
export { filter } from './transforms/filter.ts';
export type { FlatResult } from './transforms/flatMap.ts';
export { flatMap } from './transforms/flatMap.ts';
export { JsonDecode } from './transforms/jsonDecode.ts';
export { JsonEncode } from './transforms/jsonEncode.ts';
export { map } from './transforms/map.ts';
export { NdjsonDecode } from './transforms/ndjsonDecode.ts';
export { NdjsonEncode } from './transforms/ndjsonEncode.ts';
export { SplitLines } from './transforms/splitLines.ts';
export { Backplane } from './routing/backplane.ts';
export type { ChooserOptions } from './routing/chooser.ts';
export type { Predicate } from './routing/chooser.ts';
export { chooser } from './routing/chooser.ts';
export type { FanOutOptions } from './routing/fanOut.ts';
export { fanOut } from './routing/fanOut.ts';
export type { MergeOptions } from './routing/merge.ts';
export type { Tagged } from './routing/merge.ts';
export { merge } from './routing/merge.ts';
export { PublishTo } from './routing/publishTo.ts';
export type { RoundRobinOptions } from './routing/roundRobin.ts';
export { roundRobin } from './routing/roundRobin.ts';
export { SubscribeTo } from './routing/subscribeTo.ts';
export { Batch } from './time/batch.ts';
export { Delay } from './time/delay.ts';
export { Throttle } from './time/throttle.ts';
export { Window } from './time/window.ts';
export type { GraphChange } from './introspect/graphChanges.ts';
export { Introspector } from './introspect/introspector.ts';

// --- expressions (JSONata: routing and transforming from graph files) ---
export { Change } from './expressions/change.ts';
export { Dedupe } from './expressions/dedupe.ts';
export { Filter } from './expressions/filter.ts';
export { Join } from './expressions/join.ts';
export { Map } from './expressions/map.ts';
export { Sort } from './expressions/sort.ts';
export { Split } from './expressions/split.ts';
export { Switch } from './expressions/switch.ts';
export { Template } from './expressions/template.ts';
export type { ExpressionFailure } from './internal/expression.ts';

// --- flow, time and events (Take/Skip, Seq, Carousel, Trigger, Cron, Inject, Catch, Status) ---
export { Carousel } from './flow/carousel.ts';
export { Seq } from './flow/seq.ts';
export { Skip } from './flow/skip.ts';
export { Take } from './flow/take.ts';
export { Cron } from './time/cron.ts';
export { Inject } from './time/inject.ts';
export { Trigger } from './time/trigger.ts';
export type { Caught } from './events/catch.ts';
export { Catch } from './events/catch.ts';
export type { StatusChange } from './events/status.ts';
export { Status } from './events/status.ts';

// --- protocols (MQTT, WebSocket, UDP) ---
export type { MqttMessage } from './mqtt/mqttIn.ts';
export { MqttIn } from './mqtt/mqttIn.ts';
export { MqttOut } from './mqtt/mqttOut.ts';
export { WebSocketClient } from './websocket/webSocketClient.ts';
export { WebSocketServer } from './websocket/webSocketServer.ts';
export { UdpIn } from './udp/udpIn.ts';
export { UdpOut } from './udp/udpOut.ts';
export { WatchFile } from './sources/watchFile.ts';

// --- formats (CSV, XML, YAML) ---
export { CsvParse } from './formats/csvParse.ts';
export { CsvStringify } from './formats/csvStringify.ts';
export { XmlParse } from './formats/xmlParse.ts';
export { XmlStringify } from './formats/xmlStringify.ts';
export { YamlParse } from './formats/yamlParse.ts';
export { YamlStringify } from './formats/yamlStringify.ts';

// --- networking and processes (TCP, HTTP, external commands) ---
export type { HttpClientError } from './net/httpClient.ts';
export type { HttpClientRequest } from './net/httpClient.ts';
export type { HttpClientResponse } from './net/httpClient.ts';
export { HttpClient } from './net/httpClient.ts';
export type { HttpRequest } from './net/httpServer.ts';
export type { HttpResponse } from './net/httpServer.ts';
export { HttpServer } from './net/httpServer.ts';
export { TcpClient } from './net/tcpClient.ts';
export type { TcpConnectionEvent } from './net/tcpServer.ts';
export type { TcpConnectionInfo } from './net/tcpServer.ts';
export type { TcpServerOptions } from './net/tcpServer.ts';
export { TcpServer } from './net/tcpServer.ts';
export { tcpServer } from './net/tcpServer.ts';
export type { CommandExit } from './process/command.ts';
export { Command } from './process/command.ts';
