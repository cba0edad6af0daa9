/**
 * {@code bin/quire fs}: the picocli command the launcher delegates to, one metadata operation per
 * invocation or, with {@code fs -}, one per line of standard input.
 */
package io.quire.client.cli;
