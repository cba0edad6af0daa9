/**
 * A real HDFS in the harness's JVM (Hadoop's MiniDFSCluster) for the {@code minihdfs} command,
 * journals on it for {@code crash --storage hdfs} and the HDFS benchmark, and the
 * node restarts ({@link io.quire.harness.hdfs.NodeRestarts}) that {@code hdfs-faults} puts a
 * writing master through.
 */
package io.quire.harness.hdfs;
