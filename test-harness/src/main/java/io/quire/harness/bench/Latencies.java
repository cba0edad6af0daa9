package io.quire.harness.bench;

import java.util.Arrays;

/** Per-thread latency samples (nanoseconds), merged for percentiles. Not thread-safe. */
final class Latencies {
  private long[] samples = new long[1 << 16];
  private int count;

  void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, samples.length * 2);
    }
    samples[count++] = nanos;
  }

  int count() {
    return count;
  }

  static Latencies merge(Iterable<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies part : parts) {
      for (int i = 0; i < part.count; i++) {
        all.record(part.samples[i]);
      }
    }
    Arrays.sort(all.samples, 0, all.count);
    return all;
  }

  /** The {@code q}-quantile in milliseconds of merged, sorted samples. */
  double quantileMillis(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    return samples[(int) Math.min(count - 1, Math.floor(q * count))] / 1e6;
  }
}
