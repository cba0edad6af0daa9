package io.quire.harness.hdfs;

import java.io.IOException;
import java.util.Random;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A fault the {@code hdfs-faults} scenario puts a {@link MiniHdfs} through: a node's restart. */
enum HdfsFault {
  /** A DataNode stops; then starts again on its port, with its data. */
  DATANODE_RESTART("DataNode restart") {
    @Override
    Outage begin(MiniHdfs hdfs, Random random) {
      MiniDFSCluster cluster = hdfs.cluster();
      int count = cluster.getDataNodes().size();
      int index = random.nextInt(count);
      MiniDFSCluster.DataNodeProperties stopped = cluster.stopDataNode(index);
      return new Outage("DataNode " + index + " of " + count, () -> {
        cluster.restartDataNode(stopped, true);
        cluster.waitActive();
      });
    }
  },
  /** The NameNode stops; then starts again on its port, from its image and edits. */
  NAMENODE_RESTART("NameNode restart") {
    @Override
    Outage begin(MiniHdfs hdfs, Random random) {
      MiniDFSCluster cluster = hdfs.cluster();
      cluster.shutdownNameNode(0);
      return new Outage("the NameNode", () -> cluster.restartNameNode(0, true));
    }
  };

  private final String description;

  HdfsFault(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** Stops the node; the outage's {@link Outage#end} starts it again. */
  abstract Outage begin(MiniHdfs hdfs, Random random) throws IOException;

  /**
   * A node that is down.
   *
   * @param node which one, for the report
   * @param restart starts it again and returns once the cluster is active
   */
  record Outage(String node, Restart restart) {
    void end() throws IOException {
      restart.run();
    }
  }

  /** Starts a stopped node again. */
  @FunctionalInterface
  interface Restart {
    void run() throws IOException;
  }
}
