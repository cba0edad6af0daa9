package io.quire.harness.hdfs;

import io.quire.harness.fault.Outage;
import io.quire.harness.fault.StorageFault;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** The faults {@code hdfs-faults} puts a {@link MiniHdfs} through: a node's restart. */
public final class NodeRestarts {
  /** Well below the storage timeout: the node comes back long before writers give up. */
  private static final Duration NOTICE = Duration.ofSeconds(10);

  private NodeRestarts() {}

  /** A DataNode's restart, then the NameNode's. */
  public static List<StorageFault> of(MiniHdfs hdfs) {
    return List.of(new StorageFault("DataNode restart", random -> dataNode(hdfs, random)),
        new StorageFault("NameNode restart", random -> nameNode(hdfs)));
  }

  /** A drawn DataNode stops; then starts again on its port, with its data. */
  private static Outage dataNode(MiniHdfs hdfs, Random random) {
    MiniDFSCluster cluster = hdfs.cluster();
    int count = cluster.getDataNodes().size();
    int index = random.nextInt(count);
    MiniDFSCluster.DataNodeProperties stopped = cluster.stopDataNode(index);
    return Outage.untilNoticed("DataNode " + index + " of " + count, NOTICE, () -> {
      cluster.restartDataNode(stopped, true);
      cluster.waitActive();
    });
  }

  /** The NameNode stops; then starts again on its port, from its image and edits. */
  private static Outage nameNode(MiniHdfs hdfs) {
    MiniDFSCluster cluster = hdfs.cluster();
    cluster.shutdownNameNode(0);
    return Outage.untilNoticed("the NameNode", NOTICE, () -> cluster.restartNameNode(0, true));
  }
}
