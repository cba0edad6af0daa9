package io.quire.journal.storage;

import java.io.IOException;
import java.net.URI;

/**
 * Opens any folder of one backend as a {@link JournalStorage}, for files that live outside the
 * journal folder: backups, their retention and their import. Each storage bundle registers one,
 * with the property {@value #SCHEME_PROPERTY} naming the URI scheme it serves ({@code file},
 * {@code hdfs}), whether or not the journal itself lives on that backend.
 */
public interface FolderStorageFactory {
  /** Service property: the URI scheme served. */
  String SCHEME_PROPERTY = "quire.storage.scheme";

  /**
   * The folder at {@code folder} (an absolute URI of this factory's scheme). Nothing is created:
   * see {@link JournalStorage#createFolder}.
   */
  JournalStorage open(URI folder) throws IOException;
}
