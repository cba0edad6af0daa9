/**
 * The {@code crash} scenario: kill -9 a master under concurrent load, restart, check. With
 * {@code --checkpoints}, the master checkpoints every few hundred entries and the kills follow
 * the journal folder's file events into checkpoint writes and clean-ups.
 */
package io.quire.harness.crash;
