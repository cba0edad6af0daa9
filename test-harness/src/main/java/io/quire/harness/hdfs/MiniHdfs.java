package io.quire.harness.hdfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS in this JVM (Hadoop's MiniDFSCluster: one NameNode, a few DataNodes), with its
 * data in a folder of its own and a Hadoop client configuration folder beside it that clients of
 * a cluster this small need ({@code dfs.replication} no higher than its DataNodes).
 */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final Path clientConfDir;
  private final int replication;
  /** Taken at start: the NameNode keeps its port across restarts, and is null while stopped. */
  private final String uri;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MiniHdfs(MiniDFSCluster cluster, Path clientConfDir, int replication) {
    this.cluster = cluster;
    this.clientConfDir = clientConfDir;
    this.replication = replication;
    this.uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /**
   * Starts a cluster whose NameNode listens on 127.0.0.1:{@code port} (0: any free port), with
   * its storage under {@code dir/data} and the client configuration in {@code dir/hadoop-conf}.
   */
  public static MiniHdfs start(Path dir, int port, int dataNodes) throws IOException {
    Path data = dir.resolve("data");
    Path conf = dir.resolve("hadoop-conf");
    Files.createDirectories(conf);
    Configuration settings = new Configuration();
    settings.setInt("dfs.replication", Math.min(3, dataNodes));
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(settings, data.toFile())
        .nameNodePort(port).numDataNodes(dataNodes).build();
    cluster.waitActive();
    writeClientConf(conf.resolve("hdfs-site.xml"), Math.min(3, dataNodes));
    return new MiniHdfs(cluster, conf, Math.min(3, dataNodes));
  }

  private static void writeClientConf(Path file, int replication) throws IOException {
    String xml = """
        <?xml version="1.0"?>
        <!-- written by quire-harness minihdfs: the client settings of a %d-datanode cluster -->
        <configuration>
          <property><name>dfs.replication</name><value>%d</value></property>
        </configuration>
        """.formatted(replication, replication);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(temporary)) {
      out.write(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** {@code hdfs://127.0.0.1:<port>}. */
  public String uri() {
    return uri;
  }

  /** {@code dfs.replication} of the cluster and of its clients: its DataNodes, at most 3. */
  public int replication() {
    return replication;
  }

  /** The folder with the client's hdfs-site.xml, for {@code quire.hadoop.conf.dir}. */
  public Path clientConfDir() {
    return clientConfDir;
  }

  public MiniDFSCluster cluster() {
    return cluster;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      cluster.shutdown(true);
    }
  }

  /** Runs until the JVM is asked to stop (Ctrl-C, SIGTERM), then shuts the cluster down. */
  public void runUntilStopped() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      close();
      stopped.countDown();
    }, "minihdfs-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
  }
}
