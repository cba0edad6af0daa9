/**
 * The Java client of a Quire master's HTTP/JSON client API ({@code docs/client-api.md}):
 * {@link io.quire.client.QuireClient}, its entries and its errors. Thread-safe and meant to be
 * shared: one client keeps a pool of keep-alive connections.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.client;
