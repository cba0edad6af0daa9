package io.quire.journal.internal;

import io.quire.journal.RecoveryTarget;
import io.quire.journal.StateSnapshot;
import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The simplest journaled state for the journal's own tests: the list of every entry's text. Its
 * checkpoint records are the texts, each as a UTF string.
 */
final class ListState implements RecoveryTarget {
  final List<String> entries = new ArrayList<>();
  long lastSequence;
  int checkpointsLoaded;

  @Override
  public long loadCheckpoint(String source, StateFileHeader header, InputStream body)
      throws IOException {
    entries.clear();
    DataInputStream in = new DataInputStream(body);
    long count = 0;
    while (true) {
      String text;
      try {
        text = in.readUTF();
      } catch (EOFException end) {
        break;
      }
      entries.add(text);
      count++;
    }
    if (count != header.sequence()) {
      throw new CorruptStateFileException(source, -1, count + " records for sequence "
          + header.sequence());
    }
    lastSequence = header.sequence();
    checkpointsLoaded++;
    return count;
  }

  @Override
  public void reset() {
    entries.clear();
    lastSequence = 0;
  }

  @Override
  public void accept(long sequence, ByteBuffer entry) {
    if (sequence != lastSequence + 1) {
      throw new AssertionError("entry " + sequence + " after " + lastSequence);
    }
    entries.add(JournalFixture.text(entry));
    lastSequence = sequence;
  }

  /** A snapshot of the first {@code count} entries of {@code all}, at sequence {@code count}. */
  static StateSnapshot snapshot(List<String> all, int count) {
    List<String> copy = List.copyOf(all.subList(0, count));
    return new StateSnapshot() {
      @Override
      public long sequence() {
        return count;
      }

      @Override
      public long writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        for (String s : copy) {
          data.writeUTF(s);
        }
        data.flush();
        return copy.size();
      }
    };
  }
}
