/**
 * A real HDFS in the harness's JVM (Hadoop's MiniDFSCluster) for the {@code minihdfs} command,
 * journals on it for {@code crash --storage hdfs} and the HDFS benchmark, and the
 * {@code hdfs-faults} scenario, which restarts its DataNode and NameNode under a writing master.
 */
package io.quire.harness.hdfs;
