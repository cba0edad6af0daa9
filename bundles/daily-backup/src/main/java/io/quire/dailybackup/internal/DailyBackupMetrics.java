package io.quire.dailybackup.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The daily backup's meters, registered as a {@link MeterBinder} service for the metrics bundle:
 * <ul>
 *   <li>{@code quire.backup.daily.runs}: daily backup runs (scheduled or {@code runNow}), tagged
 *       {@code result} = {@code ok} or {@code failed}; a run whose backup was written but whose
 *       retention failed is {@code failed}, as {@code LastRunFailed} says;</li>
 *   <li>{@code quire.backup.daily.until.next.run}: seconds until the next scheduled run; no
 *       value while daily backups are off (or before the schedule's first look at the
 *       clock).</li>
 * </ul>
 * The counts live in the {@link DailyBackup} and the meters only read them, so binding again
 * makes new meters over the same counts.
 */
final class DailyBackupMetrics implements MeterBinder {
  private final DailyBackup daily;
  private final Clock clock;

  DailyBackupMetrics(DailyBackup daily, Clock clock) {
    this.daily = daily;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    runs(registry, "ok", false);
    runs(registry, "failed", true);
    Gauge.builder("quire.backup.daily.until.next.run", this, DailyBackupMetrics::untilNextRun)
        .description("seconds until the next scheduled daily backup")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private double untilNextRun() {
    Instant next = daily.nextRun();
    if (next == null) {
      return Double.NaN;
    }
    return Math.max(0, Duration.between(clock.instant(), next).toMillis() / 1000.0);
  }

  private void runs(MeterRegistry registry, String result, boolean failed) {
    FunctionCounter.builder("quire.backup.daily.runs", daily, d -> d.runs(failed))
        .description("daily backup runs (backup, then retention), by result")
        .baseUnit("runs")
        .tag("result", result)
        .register(registry);
  }
}
