package io.quire.restore.internal;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.journal.StateImporter;
import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.FolderStorages;
import io.quire.restore.RestoreMXBean;
import java.io.IOException;
import java.time.Clock;
import java.util.Hashtable;
import java.util.Map;
import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Offers the {@link StateImporter} that {@code start -i} needs, {@code quire:type=Restore} and
 * the restore meters ({@link RestoreMetrics}).
 * Backups are read through the storage bundle that serves their URI scheme.
 */
@Component(immediate = true, service = {})
public final class RestoreComponent {
  private final FolderStorages folders = new FolderStorages();
  private ServiceRegistration<StateImporter> service;
  private ServiceRegistration<DynamicMBean> mbean;
  private ServiceRegistration<MeterBinder> metrics;

  /**
   * Registers the importer once SCR has bound the folder factories present (it binds dynamic
   * references after construction, before this), so that a restore at start-up finds them.
   */
  @Activate
  void activate(BundleContext context) throws NotCompliantMBeanException {
    Restorer restorer = new Restorer(folders, Clock.systemUTC());
    service = context.registerService(StateImporter.class, restorer, null);
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", "quire:type=Restore");
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(new View(restorer), RestoreMXBean.class, true), properties);
    metrics = context.registerService(MeterBinder.class,
        new RestoreMetrics(restorer.counts()), null);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    folders.add(factory, properties);
  }

  void removeFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    folders.remove(factory, properties);
  }


  @Deactivate
  void deactivate() {
    mbean.unregister();
    metrics.unregister();
    service.unregister();
  }

  /** {@code quire:type=Restore} over the restorer. */
  static final class View implements RestoreMXBean {
    private final Restorer restorer;

    View(Restorer restorer) {
      this.restorer = restorer;
    }

    @Override
    public String getImportedFrom() {
      Restorer.Outcome o = restorer.outcome();
      return o == null ? "" : o.uri();
    }

    @Override
    public long getEntriesRestored() {
      Restorer.Outcome o = restorer.outcome();
      return o == null ? 0 : o.entries();
    }

    @Override
    public long getRestoredSequenceNumber() {
      Restorer.Outcome o = restorer.outcome();
      return o == null ? 0 : o.sequence();
    }

    @Override
    public String getRestoreTime() {
      Restorer.Outcome o = restorer.outcome();
      return o == null || o.time() == null ? "" : o.time().toString();
    }

    @Override
    public String getLastOutcome() {
      Restorer.Outcome o = restorer.outcome();
      return o == null ? "no restore was asked for at this start" : o.line();
    }

    @Override
    public String validate(String backupUri) throws IOException {
      try {
        return restorer.validate(backupUri);
      } catch (IOException | RuntimeException e) {
        // JConsole has only the JDK's classes: the reason crosses JMX as a plain message
        throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
  }
}
