package io.quire.storage.local.internal;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** Local folders ({@code file:} URIs) for backups, always available. */
@Component(property = FolderStorageFactory.SCHEME_PROPERTY + "=file")
public class LocalFolderFactory implements FolderStorageFactory {

  @Override
  public JournalStorage open(URI folder) throws IOException {
    if (!"file".equals(folder.getScheme())) {
      throw new IOException("not a local folder (file: URI): " + folder);
    }
    return new LocalJournalStorage(Path.of(folder));
  }
}
