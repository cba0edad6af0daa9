package io.quire.harness.bench;

import java.util.Locale;

/**
 * One measured point.
 *
 * @param what what was measured, e.g. "journal in-process, 64 writers"
 * @param operations operations completed
 * @param seconds wall time
 * @param p50Millis median acknowledgement latency, NaN where not measured
 * @param p99Millis 99th percentile, NaN where not measured
 */
record Throughput(String what, long operations, double seconds, double p50Millis,
    double p99Millis) {

  Throughput named(String name) {
    return new Throughput(name, operations, seconds, p50Millis, p99Millis);
  }

  double perSecond() {
    return operations / seconds;
  }

  String row() {
    return String.format(Locale.ROOT, "| %s | %,.0f | %s | %s |", what, perSecond(),
        Double.isNaN(p50Millis) ? "-" : String.format(Locale.ROOT, "%.2f", p50Millis),
        Double.isNaN(p99Millis) ? "-" : String.format(Locale.ROOT, "%.2f", p99Millis));
  }
}
