package io.quire.storage.local.internal;

import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.JournalStorageMXBean;
import io.quire.journal.storage.StorageView;
import io.quire.storage.local.LocalJournalStorage;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
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
public class LocalStorageComponent extends LocalJournalStorage {

  /** Configuration of PID {@code io.quire.storage.local}. */
  public @interface Config {
    /** The journal folder, an absolute local path. */
    String folder();
  }

  private final ServiceRegistration<DynamicMBean> mbean;

  @Activate
  public LocalStorageComponent(Config config, BundleContext context)
      throws NotCompliantMBeanException {
    super(Path.of(config.folder()));
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", StorageView.objectName(this));
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(new StorageView(this), JournalStorageMXBean.class, true), properties);
  }

  @Deactivate
  void deactivate() {
    mbean.unregister();
  }
}
