/**
 * The journal's implementation: record framing ({@link io.quire.journal.internal.RecordEncoder},
 * {@link io.quire.journal.internal.SegmentReader}), crash repair
 * ({@link io.quire.journal.internal.Recovery}), group commit
 * ({@link io.quire.journal.internal.GroupCommitLog}), the folder's holder lease
 * ({@link io.quire.journal.internal.HolderLease}) and the DS component that offers the journal
 * as a service.
 */
package io.quire.journal.internal;
