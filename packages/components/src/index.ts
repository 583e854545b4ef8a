/**
 * @plexus/components — the standard component library: the everyday parts people reach for.
 *
 * @packageDocumentation
 */

// --- core library (sources, sinks, transforms, routing, Backplane, batching and time) ---

// --- networking and processes (TCP, HTTP, external commands) ---
