/**
 * State files: a whole state at one sequence number, written as a stream of checksummed chunks
 * between a header and a trailer. Checkpoints in the journal folder and backups (gzip around
 * the same container) share this format, so either can be checked without being loaded. The
 * grammar is in {@link io.quire.journal.state.StateFileFormat} and
 * {@code docs/journal-format.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.quire.journal.state;
