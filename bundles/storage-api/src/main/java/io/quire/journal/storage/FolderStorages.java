package io.quire.journal.storage;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link FolderStorageFactory} services a component is bound to, by scheme: what a
 * component that reads or writes folders by URI (backups, restore) keeps of its dynamic
 * references. Thread-safe.
 *
 * <p>A folder whose scheme has no factory bound yet waits a little for one: the storage bundle
 * that serves it may be being replaced, or not yet started.
 */
public final class FolderStorages implements FolderStorageFactory {
  /** How long {@link #open} waits for a factory of the folder's scheme. */
  static final long BIND_WAIT_MILLIS = 10_000;

  private final Map<String, FolderStorageFactory> factories = new ConcurrentHashMap<>();

  /** A factory bound, with its service properties. */
  public void add(FolderStorageFactory factory, Map<String, Object> properties) {
    factories.put(scheme(properties), factory);
    synchronized (this) {
      notifyAll();
    }
  }

  /** A factory unbound. */
  public void remove(FolderStorageFactory factory, Map<String, Object> properties) {
    factories.remove(scheme(properties), factory);
  }

  /**
   * The folder at {@code folder}, opened by the factory of its scheme.
   *
   * @throws IOException no bound factory serves that scheme (the message names the running ones)
   */
  @Override
  public JournalStorage open(URI folder) throws IOException {
    String scheme = folder.getScheme() == null ? "file" : folder.getScheme();
    FolderStorageFactory factory = awaitFactory(scheme);
    if (factory == null) {
      throw new IOException("no storage bundle serves " + scheme + ": URIs (" + folder
          + "); running: " + factories.keySet());
    }
    return factory.open(folder);
  }

  private FolderStorageFactory awaitFactory(String scheme) throws IOException {
    long deadline = System.nanoTime() + BIND_WAIT_MILLIS * 1_000_000;
    synchronized (this) {
      FolderStorageFactory factory;
      while ((factory = factories.get(scheme)) == null) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return null;
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for a storage "
              + "bundle that serves " + scheme + ": URIs");
        }
      }
      return factory;
    }
  }

  private static String scheme(Map<String, Object> properties) {
    return String.valueOf(properties.get(FolderStorageFactory.SCHEME_PROPERTY));
  }
}
