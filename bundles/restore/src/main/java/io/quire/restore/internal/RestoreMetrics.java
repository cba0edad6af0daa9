package io.quire.restore.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The restorer's meters, registered as a {@link MeterBinder} service for the metrics bundle:
 * <ul>
 *   <li>{@code quire.restore.imports}: {@code start -i} imports, tagged {@code result} =
 *       {@code ok}, {@code failed} (the backup was missing, unreadable or damaged; the master
 *       did not start) or {@code skipped} (the journal was not empty, so the backup was
 *       ignored);</li>
 *   <li>{@code quire.restore.entries}: state records imported;</li>
 *   <li>{@code quire.restore.validations}: {@code validate} operations of
 *       {@code quire:type=Restore}, tagged {@code result} = {@code ok} or {@code failed}.</li>
 * </ul>
 * Unlike the timers of the other bundles, these count from the restorer's start, not from the
 * bind: the meters read the {@link RestoreCounts}, because the import runs while the master
 * starts, which may be before the metrics bundle has bound this binder. Binding again makes new
 * meters over the same counts.
 */
final class RestoreMetrics implements MeterBinder {
  private static final String IMPORTS =
      "backups imported at start (-i), by result; skipped: the journal was not empty";
  private static final String VALIDATIONS =
      "backups checked by the validate operation of quire:type=Restore, by result";

  private final RestoreCounts counts;

  RestoreMetrics(RestoreCounts counts) {
    this.counts = counts;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "quire.restore.imports", "ok", RestoreCounts::importsOk, IMPORTS, "imports");
    counter(registry, "quire.restore.imports", "failed", RestoreCounts::importsFailed, IMPORTS,
        "imports");
    counter(registry, "quire.restore.imports", "skipped", RestoreCounts::importsSkipped, IMPORTS,
        "imports");
    counter(registry, "quire.restore.entries", null, RestoreCounts::entries,
        "records of state imported from backups", "entries");
    counter(registry, "quire.restore.validations", "ok", RestoreCounts::validationsOk,
        VALIDATIONS, "validations");
    counter(registry, "quire.restore.validations", "failed", RestoreCounts::validationsFailed,
        VALIDATIONS, "validations");
  }

  private void counter(MeterRegistry registry, String name, String result,
      ToDoubleFunction<RestoreCounts> count, String description, String unit) {
    FunctionCounter.Builder<RestoreCounts> builder =
        FunctionCounter.builder(name, counts, count)
            .description(description).baseUnit(unit);
    if (result != null) {
      builder.tag("result", result);
    }
    builder.register(registry);
  }
}
