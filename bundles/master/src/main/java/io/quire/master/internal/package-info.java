/**
 * The master's inside: the namespace (a persistent tree of {@link io.quire.master.internal.Inode}s
 * published through one volatile {@link io.quire.master.internal.NamespaceSnapshot}), the binary
 * journal entry codec ({@link io.quire.master.internal.EntryFormat}), replay, the DS components
 * and the HTTP/JSON client API servlet.
 *
 * <p>Invariant: every change of the namespace is one journal entry, applied by
 * {@link io.quire.master.internal.MutationApplier} both live and on replay, so replaying the
 * journal rebuilds the same tree with the same inode ids and times.
 */
package io.quire.master.internal;
