package io.quire.launcher;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import io.quire.launcher.config.Locations;
import io.quire.storage.local.LocalJournalStorage;
import io.quire.storage.nfs.NfsFolders;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Journal folders for the command line ({@code bin/quire format}, {@code journal verify|dump}),
 * which runs outside the OSGi framework: local folders directly, {@code nfs://} folders through
 * the NFS storage on the class path, {@code hdfs://} folders through
 * the distribution's own HDFS storage, loaded in a class loader of its own from the exploded
 * {@code quire-hadoop} bundle's jars and the {@code quire-storage-hdfs} bundle (Hadoop is not
 * on the command line's class path, so commands that never touch HDFS never load it).
 */
public final class CliStorage implements Closeable {
  static final String HDFS_FOLDERS = "io.quire.storage.hdfs.HdfsFolders";

  private final Path bundlesDir;
  private final Optional<String> hadoopConfDir;
  private FolderStorageFactory hdfs;
  private NfsFolders nfs;

  /**
   * @param bundlesDir the distribution's {@code lib/bundles}
   * @param hadoopConfDir {@code quire.hadoop.conf.dir}, if set
   */
  public CliStorage(Path bundlesDir, Optional<String> hadoopConfDir) {
    this.bundlesDir = bundlesDir;
    this.hadoopConfDir = hadoopConfDir;
  }

  /** The folder {@code folder} names: a local path, or an {@code hdfs://host:port/dir} URI. */
  public JournalStorage open(String folder) throws IOException {
    return switch (Locations.scheme(folder)) {
      case "file" -> new LocalJournalStorage(folder.regionMatches(true, 0, "file:", 0, 5)
          ? Path.of(URI.create(folder)) : Path.of(folder));
      case "hdfs" -> hdfs().open(URI.create(folder));
      case "nfs" -> nfs().open(URI.create(folder));
      default -> throw new IOException("unsupported journal folder '" + folder
          + "': give a local path, nfs://host/export/dir or hdfs://host:port/dir");
    };
  }

  private NfsFolders nfs() {
    if (nfs == null) {
      nfs = NfsFolders.open();
    }
    return nfs;
  }

  private FolderStorageFactory hdfs() throws IOException {
    if (hdfs == null) {
      URLClassLoader hadoopLoader = new URLClassLoader("quire-hadoop", hdfsClassPath(), CliStorage.class.getClassLoader());
      try {
        hdfs = (FolderStorageFactory) hadoopLoader.loadClass(HDFS_FOLDERS).getMethod("open", String.class)
            .invoke(null, hadoopConfDir.orElse(null));
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException("the HDFS storage failed to start: " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new IOException("the HDFS storage in " + bundlesDir + " does not fit this command line: " + e, e);
      }
    }
    return hdfs;
  }

  /** Hadoop's jars from the exploded quire-hadoop bundle, then the HDFS storage bundle. */
  private URL[] hdfsClassPath() throws IOException {
    List<URL> urls = new ArrayList<>();
    Path hadoopJars = bundlesDir.resolve("quire-hadoop").resolve("lib");
    List<Path> storage;
    try (Stream<Path> jars = Files.list(bundlesDir)) {
      storage = jars.filter(p -> p.getFileName().toString().startsWith("quire-storage-hdfs-")
          && p.getFileName().toString().endsWith(".jar")).toList();
    }
    if (!Files.isDirectory(hadoopJars) || storage.size() != 1) {
      throw new IOException("storage 'hdfs' is not available in this build (" + bundlesDir
          + " has no quire-hadoop/lib folder or not exactly one quire-storage-hdfs jar)");
    }
    try (Stream<Path> jars = Files.list(hadoopJars)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    urls.add(storage.get(0).toUri().toURL());
    return urls.toArray(URL[]::new);
  }

  /**
   * Closes the HDFS clients. The class loader stays open: Hadoop registers a JVM shutdown hook
   * that still loads classes when the command exits.
   */
  @Override
  public void close() throws IOException {
    if (nfs != null) {
      nfs.close();
    }
    if (hdfs instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
