package io.quire.client.internal;

/**
 * One HTTP response: status code and the whole body, chunked encoding removed.
 *
 * @param keepAlive whether the connection may carry another request
 */
public record HttpAnswer(int status, byte[] body, boolean keepAlive) {}
