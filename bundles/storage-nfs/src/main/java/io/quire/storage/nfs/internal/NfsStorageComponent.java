package io.quire.storage.nfs.internal;

import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageView;
import io.quire.storage.nfs.MountedNfsJournalStorage;
import io.quire.storage.nfs.NfsJournalStorage;
import io.quire.storage.nfs.NfsLocation;
import io.quire.storage.nfs.NfsMount;
import io.quire.storage.nfs.NfsSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import javax.management.DynamicMBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The NFS journal storage as a service ({@code quire.journal.storage=nfs}), active only while
 * configuration PID {@code io.quire.storage.nfs} exists, that is while the launcher selected NFS
 * storage. An {@code nfs://host/export/dir} folder is spoken to through the Java NFSv3 client
 * (connecting on first use, so a server that is down at start delays writes rather than failing
 * the component); a local path is an NFS mount the operator made. Registers
 * {@code quire:type=JournalStorage,name=nfs}.
 */
@Component(service = {}, configurationPid = {"io.quire", "io.quire.storage.nfs"},
    configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NfsStorageComponent {

  /** Configuration of PID {@code io.quire.storage.nfs}, and what it reads of {@code io.quire}. */
  public @interface Config {
    /** The journal folder: {@code nfs://host/export/dir}, or an absolute path in an NFS mount. */
    String folder();

    /**
     * {@code quire.nfs.call.timeout} (millis): how long one storage call retries an NFS exchange
     * that failed in transport before it fails.
     */
    long quire_nfs_call_timeout() default 15_000;
  }

  private final NfsMount mount;
  private final ServiceRegistration<JournalStorage> service;
  private final ServiceRegistration<DynamicMBean> mbean;

  @Activate
  public NfsStorageComponent(Config config, BundleContext context)
      throws IOException {
    String folder = config.folder();
    JournalStorage storage;
    if (folder.regionMatches(true, 0, "nfs:", 0, 4)) {
      mount = new NfsMount(NfsLocation.parse(URI.create(folder)),
          NfsSettings.ofThisProcess(Duration.ofMillis(config.quire_nfs_call_timeout())));
      storage = new NfsJournalStorage(mount);
    } else {
      mount = null;
      storage = new MountedNfsJournalStorage(folder.regionMatches(true, 0, "file:", 0, 5)
          ? Path.of(URI.create(folder)) : Path.of(folder));
    }
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(JournalStorage.TYPE_PROPERTY, storage.type());
    service = context.registerService(JournalStorage.class, storage, properties);
    mbean = StorageView.register(context, storage);
  }

  @Deactivate
  void deactivate() {
    mbean.unregister();
    service.unregister();
    if (mount != null) {
      mount.close();
    }
  }
}
