package io.quire.storage.nfs.internal;

import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import io.quire.storage.nfs.NfsFolders;
import io.quire.storage.nfs.NfsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * NFS folders ({@code nfs:} URIs) for backups and restores, spoken to through the Java NFSv3
 * client with the call timeout {@code quire.nfs.call.timeout} of PID {@code io.quire}.
 */
@Component(property = FolderStorageFactory.SCHEME_PROPERTY + "=nfs", configurationPid = "io.quire",
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class NfsFolderFactory implements FolderStorageFactory {

  /** What this component reads of PID {@code io.quire}. */
  public @interface Config {
    /** {@code quire.nfs.call.timeout} (millis), see {@link NfsStorageComponent.Config}. */
    long quire_nfs_call_timeout() default 15_000;
  }

  private final NfsFolders folders;

  @Activate
  public NfsFolderFactory(Config config) {
    folders = new NfsFolders(
        NfsSettings.ofThisProcess(Duration.ofMillis(config.quire_nfs_call_timeout())));
  }

  @Override
  public JournalStorage open(URI folder) throws IOException {
    return folders.open(folder);
  }

  @Deactivate
  void deactivate() {
    folders.close();
  }
}
