package io.quire.storage.local.internal;

import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageView;
import io.quire.storage.local.LocalJournalStorage;
import java.nio.file.Path;
import javax.management.DynamicMBean;
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
public class LocalStorageComponent extends LocalJournalStorage {

  /** Configuration of PID {@code io.quire.storage.local}. */
  public @interface Config {
    /** The journal folder, an absolute local path. */
    String folder();
  }

  private final ServiceRegistration<DynamicMBean> mbean;

  @Activate
  public LocalStorageComponent(Config config, BundleContext context) {
    super(Path.of(config.folder()));
    mbean = StorageView.register(context, this);
  }

  @Deactivate
  void deactivate() {
    mbean.unregister();
  }
}
