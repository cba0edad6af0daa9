/**
 * Journal storage on NFS: a journal folder at an {@code nfs://host/export/dir} URI, spoken to
 * through a Java NFSv3 client ({@link io.quire.storage.nfs.NfsJournalStorage}), or a folder of an
 * NFS mount the operator made ({@link io.quire.storage.nfs.MountedNfsJournalStorage}). Either way
 * nothing is acknowledged before the server has committed it to stable storage.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.storage.nfs;
