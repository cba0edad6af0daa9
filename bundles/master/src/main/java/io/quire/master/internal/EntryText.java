package io.quire.master.internal;

import java.nio.ByteBuffer;

/**
 * One journal entry as a line of text, for {@code bin/quire journal dump}. Public for the CLI's
 * class path only; the package stays private to the bundle inside the framework.
 */
public final class EntryText {

  private EntryText() {}

  /** The decoded mutation, or {@code <malformed: reason>} for bytes that do not decode. */
  public static String describe(ByteBuffer entry) {
    try {
      return new EntryDecoder(new SharedStrings()).decode(entry).toString();
    } catch (MalformedEntryException e) {
      return "<malformed: " + e.getMessage() + ">";
    }
  }
}
