package io.quire.journal.storage;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link FolderStorageFactory} services a component is bound to, by scheme: what a
 * component that reads or writes folders by URI (backups, restore) keeps of its dynamic
 * references. Thread-safe.
 */
public final class FolderStorages implements FolderStorageFactory {
  private final Map<String, FolderStorageFactory> factories = new ConcurrentHashMap<>();

  /** A factory bound, with its service properties. */
  public void add(FolderStorageFactory factory, Map<String, Object> properties) {
    factories.put(scheme(properties), factory);
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
    FolderStorageFactory factory = factories.get(scheme);
    if (factory == null) {
      throw new IOException("no storage bundle serves " + scheme + ": URIs (" + folder
          + "); running: " + factories.keySet());
    }
    return factory.open(folder);
  }

  private static String scheme(Map<String, Object> properties) {
    return String.valueOf(properties.get(FolderStorageFactory.SCHEME_PROPERTY));
  }
}
