package io.quire.launcher;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which master a process is, as the start command names it and as the bundles see it in
 * {@code quire.master.role}.
 */
public enum Role {
  MASTER("master", "PRIMARY"),
  SECONDARY_MASTER("secondary_master", "SECONDARY");

  private final String commandName;
  private final String configValue;

  Role(String commandName, String configValue) {
    this.commandName = commandName;
    this.configValue = configValue;
  }

  /** As written on the command line and in file names: {@code master}, {@code secondary_master}. */
  public String commandName() {
    return commandName;
  }

  /** The value of {@code quire.master.role} in Config Admin: {@code PRIMARY} or {@code SECONDARY}. */
  public String configValue() {
    return configValue;
  }

  /** Parses {@code master}, {@code masters} (the same here: one master per configuration) or {@code secondary_master}. */
  public static Role parse(String text) {
    String word = text.toLowerCase(Locale.ROOT);
    if (word.equals("masters")) {
      return MASTER;
    }
    return Arrays.stream(values()).filter(r -> r.commandName.equals(word)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown role '" + text + "'; use masters, master or secondary_master"));
  }
}
