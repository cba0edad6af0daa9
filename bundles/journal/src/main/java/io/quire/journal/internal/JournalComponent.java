package io.quire.journal.internal;

import io.quire.journal.CheckpointInfo;
import io.quire.journal.FollowProgress;
import io.quire.journal.FormatMarker;
import io.quire.journal.Journal;
import io.quire.journal.JournalMXBean;
import io.quire.journal.JournalStatus;
import io.quire.journal.RecoveryResult;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.StateSnapshot;
import io.quire.journal.storage.JournalStorage;
import java.io.IOException;
import java.time.Clock;
import java.util.Hashtable;
import java.util.Optional;
import javax.management.DynamicMBean;
import javax.management.StandardMBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers the journal on the configured storage as an OSGi service, with its MXBean
 * ({@code quire:type=Journal}).
 *
 * <p>Activation does no I/O: the master calls {@link #recover} and reports any failure itself, so
 * a refused or corrupt journal surfaces as a clear start-up error rather than as a component
 * that silently never activates.
 */
@Component(service = Journal.class, configurationPid = "io.quire",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
public class JournalComponent implements Journal {

  /** The keys of PID {@code io.quire} that the journal reads. */
  public @interface Config {
    long alluxio_master_journal_log_size_bytes_max() default 10L << 20;

    long quire_journal_lease_millis() default 10_000;

    /** How long a write waits for a failing storage (quire.journal.storage.timeout, millis). */
    long quire_journal_storage_timeout() default SegmentedJournal.Options.STORAGE_TIMEOUT_MILLIS;

    /** SECONDARY: follow the folder another master writes, never taking its lease. */
    String quire_master_role() default "PRIMARY";
  }

  private static final Logger LOG = LoggerFactory.getLogger(JournalComponent.class);

  /**
   * The storage service, which may come and go while the journal runs (a storage bundle
   * updated): writes are held while none is bound, see {@link SwappableStorage}.
   */
  private final SwappableStorage storage =
      new SwappableStorage(SegmentedJournal.Options.STORAGE_TIMEOUT_MILLIS, this::storageBound);

  /** How long a stopping journal waits for a storage that is not bound. */
  private static final long CLOSE_BIND_WAIT_MILLIS = 5_000;

  private volatile Journal journal;
  private long storageTimeoutMillis;
  private volatile boolean active;
  private ServiceRegistration<DynamicMBean> mbean;

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindStorage(JournalStorage service) {
    if (storage.bind(service)) {
      LOG.info("Journal storage bound: {} at {}", service.type(), service.uri());
    } else {
      LOG.error("Journal storage {} at {} not used: the journal is at {}; moving a running "
          + "journal to another folder is not supported", service.type(), service.uri(),
          storage.uri());
    }
  }

  void unbindStorage(JournalStorage service) {
    storage.unbind(service);
    if (!storage.isBound() && active) {
      LOG.info("Journal storage unbound: {} at {}; writes are held until a storage is bound",
          service.type(), service.uri());
    }
  }

  private void storageBound() {
    Journal current = journal;
    if (current instanceof SegmentedJournal writer) {
      writer.storageBound();
    }
  }

  @Activate
  void activate(Config config, BundleContext context) throws Exception {
    storageTimeoutMillis = config.quire_journal_storage_timeout();
    storage.bindWait(storageTimeoutMillis);
    journal = "SECONDARY".equalsIgnoreCase(config.quire_master_role().trim())
        ? new FollowingJournal(storage, Clock.systemUTC())
        : new SegmentedJournal(storage, new SegmentedJournal.Options(
            config.alluxio_master_journal_log_size_bytes_max(),
            config.quire_journal_lease_millis(), 8L << 20, storageTimeoutMillis),
            Clock.systemUTC());
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("jmx.objectname", "quire:type=Journal");
    mbean = context.registerService(DynamicMBean.class,
        new StandardMBean(new JournalView(journal), JournalMXBean.class, true), properties);
    active = true;
  }

  @Deactivate
  void deactivate() throws Exception {
    // Closing syncs and releases the folder through the storage; should it be gone already
    // (its bundle stopped by hand), do not hold the stop for the whole storage timeout.
    storage.bindWait(Math.min(CLOSE_BIND_WAIT_MILLIS, storageTimeoutMillis));
    active = false; // SCR unbinds the storage after this returns: not a swap to report
    mbean.unregister();
    journal.close();
  }

  @Override
  public RecoveryResult recover(RecoveryTarget target) throws IOException {
    return journal.recover(target);
  }

  @Override
  public FollowProgress follow(RecoveryTarget target) throws IOException {
    return journal.follow(target);
  }

  @Override
  public Optional<String> importState(StateSnapshot state) throws IOException {
    return journal.importState(state);
  }

  @Override
  public CheckpointInfo checkpoint(StateSnapshot snapshot)
      throws IOException, InterruptedException {
    return journal.checkpoint(snapshot);
  }

  @Override
  public void cleanUp() throws IOException {
    journal.cleanUp();
  }

  @Override
  public long append(byte[] entry) throws IOException {
    return journal.append(entry);
  }

  @Override
  public void awaitDurable(long sequence) throws IOException, InterruptedException {
    journal.awaitDurable(sequence);
  }

  @Override
  public FormatMarker format() {
    return journal.format();
  }

  @Override
  public JournalStatus status() {
    return journal.status();
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }

  /** The MXBean: reads the journal's status on every attribute access. */
  static final class JournalView implements JournalMXBean {
    private final Journal journal;

    JournalView(Journal journal) {
      this.journal = journal;
    }

    @Override
    public String getFolder() {
      return journal.status().folder();
    }

    @Override
    public String getStorageType() {
      return journal.status().storageType();
    }

    @Override
    public String getClusterId() {
      FormatMarker marker = journal.format();
      return marker == null ? "" : marker.clusterId();
    }

    @Override
    public long getLastSequenceNumber() {
      return journal.status().lastSequence();
    }

    @Override
    public long getDurableSequenceNumber() {
      return journal.status().durableSequence();
    }

    @Override
    public long getEntriesSinceCheckpoint() {
      return journal.status().entriesSinceCheckpoint();
    }

    @Override
    public int getLogFileCount() {
      return journal.status().logFileCount();
    }

    @Override
    public long getLogBytes() {
      return journal.status().logBytes();
    }

    @Override
    public String getFailure() {
      String failure = journal.status().failure();
      return failure == null ? "" : failure;
    }
  }
}
