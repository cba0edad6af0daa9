/**
 * The journal: numbered, checksummed entries in segment files on a {@code JournalStorage},
 * with group commit and crash recovery. The master decides what an entry means; the journal
 * only frames, numbers, checks and stores it. The on-disk grammar is in
 * {@link io.quire.journal.JournalFormat} and {@code docs/journal-format.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package io.quire.journal;
