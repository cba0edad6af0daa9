package io.quire.master.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Client API latency by operation: the timer {@code quire.client.requests} with tags
 * {@code operation} (mkdir, touch, rename, delete, setattr, stat, list, status; anything else
 * {@code other}) and {@code outcome} ({@code ok}, {@code client_error} for 4xx, {@code server_error}
 * for 5xx). A mutation's time runs from the request's arrival to its durable answer.
 *
 * <p>Every timer is created in {@link #bindTo}; until a registry binds, recording does nothing.
 */
final class ClientApiMetrics implements MeterBinder {
  static final List<String> OPERATIONS =
      List.of("mkdir", "touch", "rename", "delete", "setattr", "stat", "list", "status", "other");
  private static final List<String> OUTCOMES = List.of("ok", "client_error", "server_error");
  /** Histogram buckets: from a read served from memory to a mutation held by a storage outage. */
  private static final Duration[] BUCKETS = Stream.of(
      "PT0.0001S", "PT0.0005S", "PT0.001S", "PT0.0025S", "PT0.005S", "PT0.01S", "PT0.025S",
      "PT0.05S", "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT5S", "PT30S")
      .map(Duration::parse).toArray(Duration[]::new);

  /** Timers by operation and outcome; replaced whole on every bind. */
  private volatile Map<String, Timer> timers = Map.of();

  @Override
  public void bindTo(MeterRegistry registry) {
    Map<String, Timer> created = new HashMap<>();
    for (String operation : OPERATIONS) {
      for (String outcome : OUTCOMES) {
        created.put(operation + '/' + outcome, Timer.builder("quire.client.requests")
            .description("client API requests, from arrival to answer (for mutations: once durable)")
            .tag("operation", operation)
            .tag("outcome", outcome)
            .serviceLevelObjectives(BUCKETS)
            .register(registry));
      }
    }
    timers = Map.copyOf(created);
  }

  /** Records one answered request. */
  void record(String endpoint, int status, long startNanos) {
    Map<String, Timer> current = timers;
    if (current.isEmpty()) {
      return;
    }
    String operation = OPERATIONS.contains(endpoint) ? endpoint : "other";
    String outcome = status >= 500 ? "server_error" : status >= 400 ? "client_error" : "ok";
    current.get(operation + '/' + outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  /** Stops recording (the servlet goes). */
  void unbind() {
    timers = Map.of();
  }
}
