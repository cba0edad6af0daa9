package io.quire.journal.storage;

import java.util.Hashtable;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code quire:type=JournalStorage,name=<type>} over any backend: what each storage bundle
 * registers for the storage it offers.
 */
public final class StorageView implements JournalStorageMXBean {
  private final JournalStorage storage;

  public StorageView(JournalStorage storage) {
    this.storage = storage;
  }

  /**
   * Registers {@code quire:type=JournalStorage,name=<type>} for {@code storage} with the MBean
   * whiteboard (Aries JMX); unregister it when the storage goes.
   */
  public static ServiceRegistration<DynamicMBean> register(BundleContext context,
      JournalStorage storage) {
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", objectName(storage));
    return context.registerService(DynamicMBean.class,
        new StandardMBean(new StorageView(storage), JournalStorageMXBean.class, true), properties);
  }

  /** The MBean's name for {@code storage}. */
  public static String objectName(JournalStorage storage) {
    return "quire:type=JournalStorage,name=" + storage.type();
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
