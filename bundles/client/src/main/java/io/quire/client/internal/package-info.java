/**
 * The client's HTTP/1.1 transport: blocking keep-alive connections, one request at a time each,
 * pooled per {@link io.quire.client.QuireClient}. Small on purpose: the JDK's
 * {@code java.net.http.HttpClient} hands every exchange between the caller, its selector thread and
 * an executor, which cost more than a millisecond per request on a busy two-core machine, several
 * times what the master needs to make a mutation durable.
 */
package io.quire.client.internal;
