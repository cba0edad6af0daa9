package io.quire.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeterRegistriesTest {
  private final MeterRegistries registries = new MeterRegistries();

  /** Activates, as SCR would, unless the test wants to see what comes before. */
  private void activate() {
    registries.activate();
  }
  private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void close() {
    registries.close();
  }

  /** The scrape once everything reported so far is done. */
  private String scrape(String format) throws Exception {
    registries.awaitIdle();
    return registries.scrape(format).orElseThrow();
  }

  @Test
  void aBinderRegisteredBeforeTheRegistriesExistIsBoundOnceTheyDo() throws Exception {
    assertTrue(registries.scrape(PrometheusEndpoint.TEXT_004).isEmpty(), "no scrape before activation");
    registries.addBinder(registry -> Counter.builder("quire.test.early").register(registry).increment(3));
    registries.activate();
    assertTrue(scrape(PrometheusEndpoint.TEXT_004).contains("quire_test_early_total 3.0"));
  }

  @Test
  void aBindersMetersAreScrapedAndInJmxUntilItGoes() throws Exception {
    activate();
    Counter[] counter = new Counter[1];
    MeterBinder binder = registry -> {
      counter[0] = Counter.builder("quire.test.things").description("things").register(registry);
      Timer.builder("quire.test.wait").publishPercentileHistogram().register(registry)
          .record(Duration.ofMillis(3));
    };
    registries.addBinder(binder);
    registries.awaitIdle(); // bound on the registries' own thread
    counter[0].increment(7);

    String scrape = scrape(PrometheusEndpoint.TEXT_004);
    assertTrue(scrape.contains("quire_test_things_total 7.0"), scrape);
    assertTrue(scrape.contains("quire_test_wait_seconds_bucket{le="), scrape);
    assertTrue(scrape.contains("quire_test_wait_seconds_count 1"), scrape);
    Set<ObjectName> inJmx = platform.queryNames(new ObjectName(MeterRegistries.JMX_DOMAIN + ":name=quireTestThings,*"), null);
    assertEquals(1, inJmx.size(), "JMX: " + platform.queryNames(new ObjectName(MeterRegistries.JMX_DOMAIN + ":*"), null));
    assertEquals(7L, ((Number) platform.getAttribute(inJmx.iterator().next(), "Count")).longValue());

    registries.removeBinder(binder);

    String after = scrape(PrometheusEndpoint.TEXT_004);
    assertFalse(after.contains("quire_test_things"), after);
    assertFalse(after.contains("quire_test_wait"), after);
    assertTrue(platform.queryNames(new ObjectName(MeterRegistries.JMX_DOMAIN + ":name=quireTestThings,*"), null).isEmpty());
  }

  @Test
  void aBinderThatFailsKeepsTheOthersAndItsPartialMetersAreRemovedWithIt() throws Exception {
    activate();
    MeterBinder failing = registry -> {
      Counter.builder("quire.test.partial").register(registry);
      throw new IllegalStateException("broken binder");
    };
    MeterBinder good = registry -> Counter.builder("quire.test.good").register(registry).increment();
    registries.addBinder(failing);
    registries.addBinder(good);
    assertTrue(scrape(PrometheusEndpoint.TEXT_004).contains("quire_test_good_total 1.0"));

    registries.removeBinder(failing);

    String scrape = scrape(PrometheusEndpoint.TEXT_004);
    assertFalse(scrape.contains("quire_test_partial"), scrape);
    assertTrue(scrape.contains("quire_test_good_total 1.0"), scrape);
  }

  @Test
  void bindersLeavingAfterTheRegistriesClosedAreIgnored() throws Exception {
    activate();
    MeterBinder binder = registry -> Counter.builder("quire.test.late").register(registry);
    registries.addBinder(binder);
    registries.awaitIdle();
    registries.close();
    // as SCR does after deactivation: unbinds every dynamic reference
    registries.removeBinder(binder);
    registries.addBinder(registry -> Counter.builder("quire.test.later").register(registry));
    assertTrue(registries.scrape(PrometheusEndpoint.TEXT_004).isEmpty(), "closed: nothing to scrape");
  }

  @Test
  void theJvmIsMeteredWithoutAnyBinder() throws Exception {
    activate();
    String scrape = scrape(PrometheusEndpoint.TEXT_004);
    assertTrue(scrape.contains("jvm_memory_used_bytes"), scrape);
    assertTrue(scrape.contains("process_uptime_seconds"), scrape);
  }

  @Test
  void openMetricsIsServedWhenAsked() throws Exception {
    activate();
    registries.addBinder(registry -> Counter.builder("quire.test.things").register(registry));
    String scrape = scrape(PrometheusEndpoint.OPENMETRICS);
    assertTrue(scrape.endsWith("# EOF\n"), scrape);
  }
}
