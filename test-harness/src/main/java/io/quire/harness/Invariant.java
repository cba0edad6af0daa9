package io.quire.harness;

/**
 * One named check a scenario makes, and its result.
 *
 * @param name what must hold, e.g. {@code AckedMutationsSurviveCrash}
 * @param held whether it held
 * @param detail what was seen
 */
public record Invariant(String name, boolean held, String detail) {
  public String line() {
    return (held ? "HELD    " : "VIOLATED") + "  " + name + ": " + detail;
  }
}
