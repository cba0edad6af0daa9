package io.quire.console;

/**
 * One attribute of an MBean and how the console shows it: {@code label} for people, {@code key} for
 * {@code --json}.
 */
record AttributeItem(String attribute, String label, String key) {

  /**
   * An attribute the console has no name for (one a newer server added), named after itself:
   * {@code LastRunFailed} is shown as "Last run failed" with the key {@code lastRunFailed}.
   */
  static AttributeItem named(String attribute) {
    String[] words = attribute.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    StringBuilder label = new StringBuilder();
    for (String word : words) {
      boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(java.util.Locale.ROOT));
      String shown = label.length() == 0 || acronym ? word : word.toLowerCase(java.util.Locale.ROOT);
      label.append(label.length() == 0 ? "" : " ").append(shown);
    }
    String first = words.length == 0 ? "" : words[0].toLowerCase(java.util.Locale.ROOT);
    return new AttributeItem(attribute, label.toString(), first + attribute.substring(first.length()));
  }
}
