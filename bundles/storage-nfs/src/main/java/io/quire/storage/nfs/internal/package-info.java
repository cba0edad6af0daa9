/** The NFS storage's OSGi components: the journal's storage and {@code nfs:} backup folders. */
package io.quire.storage.nfs.internal;
