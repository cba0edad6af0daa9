/**
 * The {@code swap} scenario: the journal's storage replaced over JMX, again and again, under a
 * master that {@code fs -} clients keep writing to: its storage bundle updated in place, or the
 * running journal moved to another folder ({@code --moves}: local disk and HDFS in turn); the
 * stall each replacement causes, and that no acknowledged write is lost or failed.
 */
package io.quire.harness.swap;
