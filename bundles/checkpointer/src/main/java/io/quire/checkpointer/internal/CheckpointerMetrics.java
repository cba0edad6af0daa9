package io.quire.checkpointer.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.checkpointer.CheckpointerMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The checkpointer's meters, registered as a {@link MeterBinder} service for the metrics bundle:
 * <ul>
 *   <li>{@code quire.checkpoint}: how long each checkpoint this master wrote took (periodic or
 *       requested), a timer tagged {@code result} = {@code ok} or {@code failed}; a request the
 *       newest checkpoint already covered writes nothing and is not counted;</li>
 *   <li>gauges {@code quire.checkpoint.overdue} (1 while checkpoints are overdue),
 *       {@code quire.checkpoint.last.sequence} (the newest checkpoint's sequence number, 0 while
 *       none) and {@code quire.checkpoint.age} (seconds since the newest checkpoint was written,
 *       by whichever master; no value while there is none).</li>
 * </ul>
 * The component has the {@link Checkpointer} tell this of each attempt (so that the checkpointer
 * itself needs no Micrometer). The timers are created in {@link #bindTo} and replaced whole when
 * bound again; until a registry binds, recording does nothing.
 */
final class CheckpointerMetrics implements MeterBinder, Checkpointer.Listener {
  private final CheckpointerMXBean checkpointer;
  /** Null until bound. */
  private volatile Timers timers;

  private record Timers(Timer ok, Timer failed) {}

  CheckpointerMetrics(CheckpointerMXBean checkpointer) {
    this.checkpointer = checkpointer;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "quire.checkpoint.overdue", "1 while a checkpoint has been due for longer "
        + "than quire.checkpoint.overdue.after without one being written, else 0", null,
        c -> c.isOverdue() ? 1 : 0);
    gauge(registry, "quire.checkpoint.last.sequence",
        "sequence number of the newest good checkpoint in the journal folder, 0 while none", null,
        CheckpointerMXBean::getLastCheckpointSequenceNumber);
    gauge(registry, "quire.checkpoint.age", "seconds since the newest checkpoint was written",
        "seconds", c -> {
          long age = c.getLastCheckpointAgeSeconds();
          return age < 0 ? Double.NaN : age;
        });
    timers = new Timers(timer(registry, "ok"), timer(registry, "failed"));
  }

  @Override
  public void checkpointWritten(long nanos) {
    Timers current = timers;
    if (current != null) {
      current.ok().record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void checkpointFailed(long nanos) {
    Timers current = timers;
    if (current != null) {
      current.failed().record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private static Timer timer(MeterRegistry registry, String result) {
    return Timer.builder("quire.checkpoint")
        .description("checkpoints this master wrote (periodic or requested): time to write and "
            + "check each, by result")
        .tag("result", result)
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, String unit,
      ToDoubleFunction<CheckpointerMXBean> value) {
    Gauge.builder(name, checkpointer, value)
        .description(description).baseUnit(unit).strongReference(true).register(registry);
  }
}
