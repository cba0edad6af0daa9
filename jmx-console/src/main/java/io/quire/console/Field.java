package io.quire.console;

/**
 * One line of command output: {@code label} for people, {@code key} for {@code --json}. A
 * {@code null} value means "not available" (the MBean or attribute is absent).
 */
record Field(String label, String key, Object value) {}
