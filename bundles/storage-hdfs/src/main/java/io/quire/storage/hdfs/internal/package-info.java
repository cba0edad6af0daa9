/** The HDFS storage's OSGi components: the journal's storage and {@code hdfs:} backup folders. */
package io.quire.storage.hdfs.internal;
