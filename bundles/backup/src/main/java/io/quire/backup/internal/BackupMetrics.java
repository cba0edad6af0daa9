package io.quire.backup.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.backup.BackupResult;
import java.util.concurrent.TimeUnit;

/**
 * The backup writer's meters, registered as a {@link MeterBinder} service for the metrics bundle:
 * <ul>
 *   <li>{@code quire.backup}: how long each backup took, from its start to its checked file, a
 *       timer tagged {@code result} = {@code ok} or {@code failed}; a request refused at once
 *       (on a secondary, or while another backup runs) writes nothing and is not counted;</li>
 *   <li>{@code quire.backup.entries} and {@code quire.backup.bytes}: state records and file
 *       size (compressed) of each backup written.</li>
 * </ul>
 * Backups run manually ({@code quire:type=Backup}) or from the daily backup; both count. The
 * component has the {@link BackupWriter} tell this of each backup (so that the writer itself
 * needs no Micrometer: the benchmarks run it without). The meters are created in
 * {@link #bindTo} and replaced whole when bound again; until a registry binds, recording does
 * nothing.
 */
final class BackupMetrics implements MeterBinder, BackupWriter.Listener {
  /** Null until bound. */
  private volatile Meters meters;

  private record Meters(Timer ok, Timer failed, DistributionSummary entries,
      DistributionSummary bytes) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    meters = new Meters(timer(registry, "ok"), timer(registry, "failed"),
        DistributionSummary.builder("quire.backup.entries")
            .description("records of state in each backup written")
            .baseUnit("entries")
            .register(registry),
        DistributionSummary.builder("quire.backup.bytes")
            .description("size of each backup file written (gzip-compressed)")
            .baseUnit("bytes")
            .register(registry));
  }

  @Override
  public void backupWritten(BackupResult backup, long nanos) {
    Meters current = meters;
    if (current != null) {
      current.ok().record(nanos, TimeUnit.NANOSECONDS);
      current.entries().record(backup.entries());
      current.bytes().record(backup.bytes());
    }
  }

  @Override
  public void backupFailed(long nanos) {
    Meters current = meters;
    if (current != null) {
      current.failed().record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private static Timer timer(MeterRegistry registry, String result) {
    return Timer.builder("quire.backup")
        .description("backups, from start to the checked file, by result")
        .tag("result", result)
        .register(registry);
  }
}
