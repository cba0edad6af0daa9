package io.quire.harness.swap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** p50 and maximum of a list of durations (nanoseconds; negative: unknown), for reports. */
final class Stalls {

  private Stalls() {}

  /** {@code "<what>: p50 45 ms, max 80 ms over 20"}; unknown values are counted apart. */
  static String summary(String what, List<Long> nanos) {
    List<Long> known = new ArrayList<>(nanos.stream().filter(n -> n >= 0).sorted().toList());
    if (known.isEmpty()) {
      return what + ": none";
    }
    long p50 = known.get(known.size() / 2);
    long max = known.get(known.size() - 1);
    int unknown = nanos.size() - known.size();
    return what + ": p50 " + millis(p50) + " ms, max " + millis(max) + " ms over "
        + known.size() + (unknown == 0 ? "" : " (" + unknown + " unknown)");
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.0f", nanos / 1e6);
  }
}
