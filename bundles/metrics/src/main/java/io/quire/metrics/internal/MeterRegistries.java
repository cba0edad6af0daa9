package io.quire.metrics.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * registry before and after its {@code bindTo}, under this object's lock: binders create their
 * meters there and nowhere else.
 */
@Component(service = MeterRegistries.class, immediate = true)
public final class MeterRegistries {
  static final String JMX_DOMAIN = "quire.metrics";
  private static final Logger LOG = LoggerFactory.getLogger(MeterRegistries.class);

  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JmxMeterRegistry jmx = new JmxMeterRegistry(new JmxConfig() {
    @Override
    public String domain() {
      return JMX_DOMAIN;
    }

    @Override
    public String get(String key) {
      return null;
    }
  }, Clock.SYSTEM);

  /** The meters each bound binder created; guarded by {@code this}. */
  private final Map<MeterBinder, Set<Meter.Id>> bound = new IdentityHashMap<>();

  public MeterRegistries() {
    registry.add(prometheus);
    registry.add(jmx);
    for (MeterBinder jvm : List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(),
        new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics())) {
      jvm.bindTo(registry);
    }
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  synchronized void addBinder(MeterBinder binder) {
    Set<Meter.Id> before = ids();
    try {
      binder.bindTo(registry);
    } catch (RuntimeException e) {
      LOG.warn("Metrics of {} could not be registered: {}", binder.getClass().getName(), e.toString());
    }
    Set<Meter.Id> created = ids();
    created.removeAll(before);
    bound.put(binder, created);
  }

  synchronized void removeBinder(MeterBinder binder) {
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

  /** The registry binders bind to (the composite of the JMX and Prometheus registries). */
  MeterRegistry registry() {
    return registry;
  }

  /** The scrape in the format {@code accept} asks for (Prometheus text 0.0.4 unless OpenMetrics). */
  String scrape(String accept) {
    return prometheus.scrape(accept);
  }

  @Deactivate
  synchronized void close() {
    registry.close();
    prometheus.close();
    jmx.close();
  }
}
