package io.quire.harness.hdfs;

import io.quire.harness.JournalBackend;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.protocol.OpenFileEntry;
import org.apache.hadoop.hdfs.protocol.OpenFilesIterator.OpenFilesType;

/**
 * Journals in a {@link MiniHdfs} this JVM runs: each master's folder is
 * {@code hdfs://127.0.0.1:<port>/quire/<its work folder's name>}, and its Hadoop client gets the
 * cluster's client configuration ({@code quire.hadoop.conf.dir}).
 */
public final class HdfsJournals implements JournalBackend {
  private final MiniHdfs hdfs;
  private final int dataNodes;

  private HdfsJournals(MiniHdfs hdfs, int dataNodes) {
    this.hdfs = hdfs;
    this.dataNodes = dataNodes;
  }

  /** Starts one NameNode and {@code dataNodes} DataNodes, with their data in {@code dir}. */
  public static HdfsJournals start(Path dir, int dataNodes) throws IOException {
    return new HdfsJournals(MiniHdfs.start(dir, 0, dataNodes), dataNodes);
  }

  public MiniHdfs hdfs() {
    return hdfs;
  }

  @Override
  public Kind kind() {
    return Kind.HDFS;
  }

  @Override
  public String describe() {
    return "HDFS (MiniDFSCluster in this JVM: 1 NameNode, " + dataNodes + " DataNode(s), "
        + "dfs.replication=" + hdfs.replication() + ") at " + hdfs.uri();
  }

  @Override
  public String journalFolder(Path dir) {
    return hdfs.uri() + "/quire/" + dir.getFileName();
  }

  @Override
  public String siteProperties() {
    return "quire.hadoop.conf.dir=" + hdfs.clientConfDir() + "\n";
  }

  @Override
  public boolean leasesFiles() {
    return true;
  }

  /** From the NameNode's list of open files (this JVM started it, so it is the superuser). */
  @Override
  public Map<String, String> leaseHolders(String folder) throws IOException {
    String path = URI.create(folder).getPath();
    Map<String, String> holders = new TreeMap<>();
    RemoteIterator<OpenFileEntry> open = hdfs.cluster().getFileSystem()
        .listOpenFiles(EnumSet.of(OpenFilesType.ALL_OPEN_FILES), path);
    while (open.hasNext()) {
      OpenFileEntry entry = open.next();
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(entry.getFilePath());
      if (file.getParent() != null && file.getParent().toUri().getPath().equals(path)) {
        holders.put(file.getName(), entry.getClientName());
      }
    }
    return holders;
  }

  @Override
  public void close() {
    hdfs.close();
  }
}
