package io.quire.storage.local.internal;

import io.quire.journal.storage.AppendableFile;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.JournalStorageMXBean;
import io.quire.journal.storage.StorageStats;
import io.quire.storage.local.LocalJournalStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The local journal storage as a service ({@code quire.journal.storage=local}), active only while
 * configuration PID {@code io.quire.storage.local} exists, that is while the launcher selected
 * local storage. Registers {@code quire:type=JournalStorage,name=local}.
 */
@Component(service = JournalStorage.class, configurationPid = "io.quire.storage.local",
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = JournalStorage.TYPE_PROPERTY + "=local")
public class LocalStorageComponent implements JournalStorage {

  /** Configuration of PID {@code io.quire.storage.local}. */
  public @interface Config {
    /** The journal folder, an absolute local path. */
    String folder();
  }

  private LocalJournalStorage storage;
  private ServiceRegistration<DynamicMBean> mbean;

  @Activate
  void activate(Config config, BundleContext context) throws Exception {
    storage = new LocalJournalStorage(Path.of(config.folder()));
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", "quire:type=JournalStorage,name=local");
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(new View(storage), JournalStorageMXBean.class, true), properties);
  }

  @Deactivate
  void deactivate() {
    mbean.unregister();
  }


  @Override
  public String type() {
    return storage.type();
  }

  @Override
  public URI uri() {
    return storage.uri();
  }

  @Override
  public List<String> list() throws IOException {
    return storage.list();
  }

  @Override
  public boolean folderExists() throws IOException {
    return storage.folderExists();
  }

  @Override
  public void createFolder() throws IOException {
    storage.createFolder();
  }

  @Override
  public long size(String name) throws IOException {
    return storage.size(name);
  }

  @Override
  public boolean exists(String name) throws IOException {
    return storage.exists(name);
  }

  @Override
  public AppendableFile create(String name) throws IOException {
    return storage.create(name);
  }

  @Override
  public AppendableFile openForAppend(String name) throws IOException {
    return storage.openForAppend(name);
  }

  @Override
  public InputStream openRead(String name, long offset) throws IOException {
    return storage.openRead(name, offset);
  }

  @Override
  public void rename(String source, String target) throws IOException {
    storage.rename(source, target);
  }

  @Override
  public void delete(String name) throws IOException {
    storage.delete(name);
  }

  @Override
  public void truncate(String name, long length) throws IOException {
    storage.truncate(name, length);
  }

  @Override
  public Optional<AutoCloseable> tryLock(String name) throws IOException {
    return storage.tryLock(name);
  }

  @Override
  public StorageStats stats() {
    return storage.stats();
  }

  /** The MXBean over the storage's counters. */
  static final class View implements JournalStorageMXBean {
    private final JournalStorage storage;

    View(JournalStorage storage) {
      this.storage = storage;
    }

    @Override
    public String getUri() {
      return storage.uri().toString();
    }

    @Override
    public String getType() {
      return storage.type();
    }

    @Override
    public boolean isHealthy() {
      return storage.stats().healthy();
    }

    @Override
    public long getBytesWritten() {
      return storage.stats().bytesWritten();
    }

    @Override
    public long getSyncs() {
      return storage.stats().syncs();
    }
  }
}
