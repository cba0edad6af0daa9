package io.quire.journal.internal;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.journal.CheckpointInfo;
import io.quire.journal.FollowProgress;
import io.quire.journal.FormatMarker;
import io.quire.journal.Journal;
import io.quire.journal.JournalMXBean;
import io.quire.journal.JournalStatus;
import io.quire.journal.RecoveryResult;
import io.quire.journal.RecoveryTarget;
import io.quire.journal.JournalMoved;
import io.quire.journal.StateSnapshot;
import io.quire.journal.StateSource;
import io.quire.journal.storage.FolderStorageFactory;
import io.quire.journal.storage.JournalStorage;
import io.quire.journal.storage.StorageView;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private JournalMetrics metrics;
  private ServiceRegistration<MeterBinder> metricsRegistration;
  private BundleContext context;

  /** The owner of the journaled state, whose snapshot a move starts the new folder from. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  private volatile StateSource state;

  /** Folder factories by scheme: they open the folders the journal moves to. */
  private final Map<String, FolderStorageFactory> factories = new ConcurrentHashMap<>();
  /** Folders the journal moved to while it runs, by URI. */
  private final Map<URI, MovedFolder> moved = new ConcurrentHashMap<>();
  private volatile String movedFrom = "";
  private ServiceRegistration<DynamicMBean> movedStorageMBean; // guarded by this

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindStorage(JournalStorage service) {
    MovedFolder there = moved.get(service.uri());
    if (there != null && there.storage.bind(service)) {
      LOG.info("Journal storage bound: {} at {}", service.type(), service.uri());
    } else if (storage.bind(service)) {
      LOG.info("Journal storage bound: {} at {}{}", service.type(), service.uri(),
          movedFrom.isEmpty() ? "" : " (the journal has moved from there: not used)");
    } else {
      LOG.error("Journal storage {} at {} not used: the journal is at {}; to move a running "
          + "journal to another folder, invoke moveTo on quire:type=Journal (or run bin/quire "
          + "fsadmin move-journal)", service.type(), service.uri(), storage.uri());
    }
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void bindFolderFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    String scheme = String.valueOf(properties.get(FolderStorageFactory.SCHEME_PROPERTY));
    factories.put(scheme, factory);
    for (MovedFolder there : moved.values()) {
      if (there.scheme().equals(scheme)) {
        try {
          there.open(factory);
        } catch (IOException | RuntimeException e) {
          LOG.error("Could not open the journal folder {} through the new {} storage bundle; "
              + "writes are held until it can: {}", there.uri, scheme, e.toString());
        }
      }
    }
  }

  void unbindFolderFactory(FolderStorageFactory factory, Map<String, Object> properties) {
    factories.remove(String.valueOf(properties.get(FolderStorageFactory.SCHEME_PROPERTY)), factory);
    for (MovedFolder there : moved.values()) {
      there.closeIfFrom(factory);
    }
  }

  void unbindStorage(JournalStorage service) {
    storage.unbind(service);
    MovedFolder there = moved.get(service.uri());
    if (there != null) {
      there.storage.unbind(service);
    }
    if (!storage.isBound() && active && movedFrom.isEmpty()) {
      LOG.info("Journal storage unbound: {} at {}; writes are held until a storage is bound",
          service.type(), service.uri());
    }
  }

  /**
   * A folder the journal moved to: its storage, opened through the folder factory of its scheme
   * and opened again whenever that factory is replaced (its bundle updated), like the journal's
   * configured storage is rebound; a storage service of that folder binds there too.
   */
  private final class MovedFolder {
    final URI uri;
    final SwappableStorage storage =
        new SwappableStorage(storageTimeoutMillis, JournalComponent.this::storageBound);
    private FolderStorageFactory factory; // guarded by this
    private JournalStorage opened; // guarded by this

    MovedFolder(URI uri) {
      this.uri = uri;
    }

    String scheme() {
      return uri.getScheme();
    }

    synchronized void open(FolderStorageFactory from) throws IOException {
      JournalStorage fresh = from.open(uri);
      closeIfFrom(factory);
      factory = from;
      opened = fresh;
      storage.bind(fresh);
      LOG.info("Journal storage bound: {} at {}", fresh.type(), uri);
    }

    synchronized void closeIfFrom(FolderStorageFactory gone) {
      if (gone != null && gone == factory) {
        storage.unbind(opened);
        factory = null;
        opened = null;
      }
    }
  }

  /** {@link JournalMXBean#moveTo}: to another folder, on any backend a storage bundle serves. */
  String moveTo(String folder) {
    if (!(journal instanceof SegmentedJournal writer)) {
      throw new IllegalStateException("only a primary master's journal moves; this master "
          + "follows " + storage.uri());
    }
    URI uri = folderUri(folder);
    StateSource source = state;
    if (source == null) {
      throw new IllegalStateException("the master does not serve yet: nothing to move");
    }
    FolderStorageFactory factory = factories.get(uri.getScheme());
    if (factory == null) {
      throw new IllegalArgumentException("no storage bundle serves " + uri.getScheme()
          + ": URIs (" + folder + "); running: " + new java.util.TreeSet<>(factories.keySet()));
    }
    String from = writer.status().folder();
    MovedFolder there = new MovedFolder(uri);
    try {
      there.open(factory);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("could not open " + uri + ": " + e.getMessage()
          + "; the journal stays in " + from);
    }
    moved.put(uri, there);
    JournalMoved done;
    try {
      done = writer.moveTo(there.storage, source.snapshot());
    } catch (IOException | RuntimeException e) {
      moved.remove(uri);
      there.closeIfFrom(factory);
      throw new IllegalStateException("the journal stays in " + from + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted; the journal is in " + writer.status().folder());
    }
    if (movedFrom.isEmpty()) {
      movedFrom = from;
    }
    registerStorageView(there.storage);
    return "the journal moved from " + from + " to " + done.to() + " after sequence "
        + done.lastSequence() + "; set alluxio.master.journal.folder=" + done.to()
        + " in the site file before the next start";
  }

  /** A local path (absolute) or a URI with a scheme, as a folder URI. */
  static URI folderUri(String folder) {
    String text = folder == null ? "" : folder.trim();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("give the folder to move the journal to");
    }
    if (text.startsWith("/")) {
      return java.nio.file.Path.of(text).normalize().toUri();
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a folder URI: '" + text + "': " + e.getMessage());
    }
    if (uri.getScheme() == null || uri.getPath() == null || !uri.getPath().startsWith("/")) {
      throw new IllegalArgumentException("not an absolute path or folder URI: '" + text
          + "'; give /path, hdfs://host:port/dir or nfs://host/export/dir");
    }
    return uri.getScheme().equals("file") ? java.nio.file.Path.of(uri).toUri() : uri;
  }

  /**
   * {@code quire:type=JournalStorage,name=<type>} for the folder moved to, unless a storage
   * bundle already offers an MBean of that name (a move between two local folders).
   */
  private synchronized void registerStorageView(SwappableStorage there) {
    String name = StorageView.objectName(there);
    if (movedStorageMBean != null) {
      movedStorageMBean.unregister(); // this journal's own, for the folder it moved to before
      movedStorageMBean = null;
    }
    try {
      if (!context.getServiceReferences(DynamicMBean.class, "(jmx.objectname=" + name + ")")
          .isEmpty()) {
        LOG.info("{} stays the storage bundle's: it describes {}", name, storage.uri());
        return;
      }
      movedStorageMBean = StorageView.register(context, there);
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      LOG.warn("Could not register {}: {}", name, e.toString());
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
    this.context = context;
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
        new StandardMBean(new JournalView(journal, this), JournalMXBean.class, true), properties);
    metrics = new JournalMetrics(this, journal instanceof SegmentedJournal writer ? writer : null);
    metricsRegistration = context.registerService(MeterBinder.class, metrics, null);
    active = true;
  }

  @Deactivate
  void deactivate() throws Exception {
    // Closing syncs and releases the folder through the storage; should it be gone already
    // (its bundle stopped by hand), do not hold the stop for the whole storage timeout.
    storage.bindWait(Math.min(CLOSE_BIND_WAIT_MILLIS, storageTimeoutMillis));
    active = false; // SCR unbinds the storage after this returns: not a swap to report
    mbean.unregister();
    metricsRegistration.unregister();
    metrics.unbind();
    synchronized (this) {
      if (movedStorageMBean != null) {
        movedStorageMBean.unregister();
        movedStorageMBean = null;
      }
    }
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
    private final JournalComponent component;

    JournalView(Journal journal, JournalComponent component) {
      this.journal = journal;
      this.component = component;
    }

    @Override
    public String getMovedFrom() {
      return component.movedFrom;
    }

    @Override
    public String moveTo(String folder) {
      return component.moveTo(folder);
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

    @Override
    public String getStorageProblem() {
      if (!(journal instanceof SegmentedJournal writer)) {
        return "";
      }
      return writer.storageProblem().map(e -> "writes held: " + e).orElse("");
    }
  }
}
