package io.quire.restore.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@link Restorer} has done since it was made: imports by result, entries imported and
 * validations by result. Plain counts, read by {@link RestoreMetrics}, so that the restorer
 * itself needs no Micrometer (the benchmarks run it without).
 */
final class RestoreCounts {
  private final AtomicLong importsOk = new AtomicLong();
  private final AtomicLong importsFailed = new AtomicLong();
  private final AtomicLong importsSkipped = new AtomicLong();
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong validationsOk = new AtomicLong();
  private final AtomicLong validationsFailed = new AtomicLong();

  void imported(long entryCount) {
    entries.addAndGet(entryCount);
    importsOk.incrementAndGet();
  }

  void importFailed() {
    importsFailed.incrementAndGet();
  }

  /** {@code -i} was ignored: the journal was not empty. */
  void importSkipped() {
    importsSkipped.incrementAndGet();
  }

  void validated(boolean ok) {
    (ok ? validationsOk : validationsFailed).incrementAndGet();
  }

  long importsOk() {
    return importsOk.get();
  }

  long importsFailed() {
    return importsFailed.get();
  }

  long importsSkipped() {
    return importsSkipped.get();
  }

  long entries() {
    return entries.get();
  }

  long validationsOk() {
    return validationsOk.get();
  }

  long validationsFailed() {
    return validationsFailed.get();
  }
}
