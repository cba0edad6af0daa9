package io.quire.harness.fault;

import java.io.IOException;
import java.util.Random;

/**
 * A fault a {@link FaultScenario} puts the journal's storage through while a master writes to it:
 * a part of it taken down ({@link #begin}) and, once the {@link Outage} ends, brought back.
 *
 * @param description for the report, e.g. {@code "NameNode restart"}
 * @param injection takes the part down
 */
public record StorageFault(String description, Injection injection) {

  /** Takes the part down, drawing any choice (which node, for how long) from {@code random}. */
  Outage begin(Random random) throws IOException, InterruptedException {
    return injection.begin(random);
  }

  /** How a fault takes its part of the storage down. */
  @FunctionalInterface
  public interface Injection {
    Outage begin(Random random) throws IOException, InterruptedException;
  }
}
