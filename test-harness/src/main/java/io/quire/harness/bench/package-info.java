/**
 * {@code bench}: durable mutations/s and acknowledgement latency of the journal in-process and
 * through the client API, replay rate, and the disk's own fsync and group-commit rates measured
 * in the same run as the peer figures. {@code bench --checkpoints}: checkpoint time and size, a
 * master's restart from a checkpoint, and writers' latency while checkpoints run.
 */
package io.quire.harness.bench;
