package io.quire.harness.fault;

import java.io.IOException;
import java.time.Duration;

/**
 * A part of the storage that is down, and when the scenario brings it back: once the master has
 * noticed ({@link #untilNoticed}: it logged its storage failing, or wrote on without the part), or
 * after a drawn {@link #lasting length}.
 *
 * @param part which part, for the report
 * @param length how long it stays down, from when the fault began; for an outage until noticed,
 *     the most the scenario waits for the master to notice
 * @param endsWhenNoticed whether it ends as soon as the master noticed
 * @param restart brings the part back and returns once it serves
 */
public record Outage(String part, Duration length, boolean endsWhenNoticed, Restart restart) {

  /** Down until the master notices, at most {@code patience}. */
  public static Outage untilNoticed(String part, Duration patience, Restart restart) {
    return new Outage(part, patience, true, restart);
  }

  /** Down for {@code length}, whatever the master does meanwhile. */
  public static Outage lasting(String part, Duration length, Restart restart) {
    return new Outage(part, length, false, restart);
  }

  void end() throws IOException, InterruptedException {
    restart.run();
  }

  /** Brings a part back. */
  @FunctionalInterface
  public interface Restart {
    void run() throws IOException, InterruptedException;
  }
}
