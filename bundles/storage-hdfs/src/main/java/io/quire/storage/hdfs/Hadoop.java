package io.quire.storage.hdfs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Runs calls into Hadoop with the thread context class loader set to Hadoop's own: Hadoop finds
 * its file systems ({@code ServiceLoader}) and its default configuration files through that
 * loader, and inside OSGi a thread's loader is whatever its creator left there.
 */
public final class Hadoop {

  /** A call into Hadoop. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws IOException;
  }

  private Hadoop() {}

  /** Closes a Hadoop client or stream with the class loader set, as {@link #call} does. */
  public static void close(Closeable closeable) throws IOException {
    call(() -> {
      closeable.close();
      return null;
    });
  }

  /**
   * A client configuration: Hadoop's defaults, then {@code core-site.xml} and
   * {@code hdfs-site.xml} from {@code confDir} (an operator's Hadoop configuration folder,
   * {@code quire.hadoop.conf.dir}) where it is given.
   *
   * @param confDir the folder, or null or empty for Hadoop's defaults alone
   * @throws IOException the folder does not exist or holds neither file
   */
  public static Configuration configuration(String confDir) throws IOException {
    Configuration conf = call(Configuration::new);
    if (confDir == null || confDir.isEmpty()) {
      return conf;
    }
    java.nio.file.Path dir = java.nio.file.Path.of(confDir);
    if (!Files.isDirectory(dir)) {
      throw new IOException("Hadoop configuration folder " + dir + " does not exist");
    }
    int found = 0;
    for (String name : new String[] {"core-site.xml", "hdfs-site.xml"}) {
      java.nio.file.Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        conf.addResource(new Path(file.toUri()));
        found++;
      }
    }
    if (found == 0) {
      throw new IOException("Hadoop configuration folder " + dir
          + " holds neither core-site.xml nor hdfs-site.xml");
    }
    // read now, so that a malformed file is an error here and not in the middle of a write
    call(() -> conf.get("fs.defaultFS"));
    return conf;
  }

  public static <T> T call(Call<T> call) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Configuration.class.getClassLoader());
    try {
      return call.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
