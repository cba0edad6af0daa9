/**
 * The {@code swap} scenario: the journal's storage bundle replaced over JMX, again and again,
 * under a master that {@code fs -} clients keep writing to; the stall each replacement causes,
 * and that no acknowledged write is lost or failed.
 */
package io.quire.harness.swap;
