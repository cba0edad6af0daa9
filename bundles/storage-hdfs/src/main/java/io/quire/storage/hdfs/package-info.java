/**
 * Journal storage on HDFS: a journal folder at an {@code hdfs://host:port/dir} URI, written with
 * {@code hsync} before anything is acknowledged.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.quire.storage.hdfs;
