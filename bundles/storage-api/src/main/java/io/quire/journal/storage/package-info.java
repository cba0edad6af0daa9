/**
 * The journal storage SPI: backends that move bytes durably (local disk, NFS, HDFS).
 *
 * <p>A backend knows nothing of records, sequence numbers or checksums; the journal core
 * frames those. A backend guarantees only what {@link io.quire.journal.storage.JournalStorage}
 * and {@link io.quire.journal.storage.AppendableFile} promise: appends in order, {@code flush}
 * hands bytes to the OS or the pipeline, {@code sync} makes them durable, renames are atomic.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package io.quire.journal.storage;
