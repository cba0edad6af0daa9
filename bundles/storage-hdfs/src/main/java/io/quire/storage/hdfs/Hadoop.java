package io.quire.storage.hdfs;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

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
