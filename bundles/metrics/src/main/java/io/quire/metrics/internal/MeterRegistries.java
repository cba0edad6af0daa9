package io.quire.metrics.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quire's meters: every {@link MeterBinder} service that a Quire bundle registers is bound to one
 * registry that feeds Micrometer's JMX registry (MBeans in the domain {@value #JMX_DOMAIN}) and its
 * Prometheus registry (scraped at {@code /metrics}, see {@link PrometheusEndpoint}).
 *
 * <p>A binder's meters leave with it: when a bundle stops or is swapped, its binder service goes,
 * and the meters it created are removed, so that no scrape reads a stopped component and no meter
 * keeps an old bundle's classes alive. Which meters a binder created is learned by comparing the
 * registry before and after its {@code bindTo}: binders create their meters there and nowhere else.
 *
 * <p>All of this runs on one thread of its own, in the order the framework reported it: making the
 * registries costs about 0.3 s of a cold JVM (class loading, an MBean per JVM meter), and binding
 * a binder registers its MBeans. Neither may hold up the framework's start or the bundle that
 * registers a binder: a master starts to serve without waiting for its metrics.
 */
@Component(service = MeterRegistries.class, immediate = true)
public final class MeterRegistries {
  static final String JMX_DOMAIN = "quire.metrics";
  private static final Logger LOG = LoggerFactory.getLogger(MeterRegistries.class);
  private static final long STOP_WAIT_SECONDS = 10;

  private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "quire-metrics");
    thread.setDaemon(true);
    return thread;
  });

  // confined to the worker thread
  private CompositeMeterRegistry registry;
  private JmxMeterRegistry jmx;
  private final List<MeterBinder> waiting = new ArrayList<>();
  private final Map<MeterBinder, Set<Meter.Id>> bound = new IdentityHashMap<>();

  /** Set by the worker once the registries exist; read by scrapes. */
  private volatile PrometheusMeterRegistry prometheus;

  @Activate
  void activate() {
    run(this::createRegistries);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addBinder(MeterBinder binder) {
    run(() -> bind(binder));
  }

  void removeBinder(MeterBinder binder) {
    run(() -> unbind(binder));
  }

  /**
   * Hands work to the worker, unless this component has closed: SCR unbinds the binders after
   * {@link #close}, when the registries and their meters are gone already.
   */
  private void run(Runnable work) {
    try {
      worker.execute(work);
    } catch (RejectedExecutionException closed) {
      // closed: nothing left to bind to or to remove from
    }
  }

  private void createRegistries() {
    PrometheusMeterRegistry scraped = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    jmx = new JmxMeterRegistry(new JmxConfig() {
      @Override
      public String domain() {
        return JMX_DOMAIN;
      }

      @Override
      public String get(String key) {
        return null;
      }
    }, Clock.SYSTEM);
    registry = new CompositeMeterRegistry();
    registry.add(scraped);
    registry.add(jmx);
    for (MeterBinder jvm : List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(),
        new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics())) {
      jvm.bindTo(registry);
    }
    prometheus = scraped;
    List<MeterBinder> early = new ArrayList<>(waiting);
    waiting.clear();
    early.forEach(this::bind);
  }

  private void bind(MeterBinder binder) {
    if (registry == null) {
      waiting.add(binder); // registered before the registries exist: bound once they do
      return;
    }
    Set<Meter.Id> before = ids();
    try {
      binder.bindTo(registry);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Metrics of {} could not be registered: {}", binder.getClass().getName(), e.toString());
    }
    Set<Meter.Id> created = ids();
    created.removeAll(before);
    bound.put(binder, created);
  }

  private void unbind(MeterBinder binder) {
    waiting.remove(binder);
    Set<Meter.Id> created = bound.remove(binder);
    if (created != null) {
      created.forEach(registry::remove);
    }
  }

  private Set<Meter.Id> ids() {
    Set<Meter.Id> ids = new HashSet<>();
    registry.forEachMeter(meter -> ids.add(meter.getId()));
    return ids;
  }

  /**
   * The scrape in the format {@code accept} asks for (Prometheus text 0.0.4 unless OpenMetrics),
   * or empty while the registries are still being made.
   */
  Optional<String> scrape(String accept) {
    PrometheusMeterRegistry scraped = prometheus;
    return scraped == null ? Optional.empty() : Optional.of(scraped.scrape(accept));
  }

  /** Waits until everything reported so far is done (tests: a point at which to look). */
  void awaitIdle() throws InterruptedException, ExecutionException, TimeoutException {
    worker.submit(() -> { }).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Deactivate
  void close() {
    run(() -> {
      prometheus = null;
      if (registry != null) {
        registry.close();
        registry.getRegistries().forEach(io.micrometer.core.instrument.MeterRegistry::close);
      }
    });
    worker.shutdown();
    try {
      if (!worker.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("Metrics registries were still busy after {} s; stopping without them", STOP_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
