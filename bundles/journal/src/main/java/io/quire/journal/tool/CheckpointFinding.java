package io.quire.journal.tool;

import io.quire.journal.state.CorruptStateFileException;
import io.quire.journal.state.StateFileHeader;
import java.time.Instant;

/**
 * One checkpoint file as the offline tool found it.
 *
 * @param name its file name
 * @param sequence the sequence number its header states, or its name when the header itself is
 *     unreadable
 * @param bytes its size
 * @param header what the file says about itself; null when the header failed its checks
 * @param records how many records its end counts; -1 when it is unusable
 * @param problem why a master would not load it; null when it passed every check
 */
record CheckpointFinding(String name, long sequence, long bytes, StateFileHeader header,
    long records, CorruptStateFileException problem) {

  boolean usable() {
    return problem == null;
  }

  /** {@code verify}'s line: name, sequence, records, bytes, then OK or the problem. */
  String checkLine() {
    return "checkpoint " + name + ": sequence " + sequence + ", "
        + (usable() ? records + " records, " + bytes + " bytes, OK"
            : bytes + " bytes, CORRUPT " + place() + ": " + problemText());
  }

  /**
   * {@code dump}'s line: name, sequence, cluster id, creation time (ISO-8601, UTC), records and
   * bytes, and the problem if there is one.
   */
  String headerLine() {
    StringBuilder line = new StringBuilder("checkpoint ").append(name).append(": sequence ")
        .append(sequence);
    if (header != null) {
      line.append(", cluster ").append(header.clusterId()).append(", created ")
          .append(Instant.ofEpochMilli(header.createdMillis()));
    }
    if (usable()) {
      line.append(", ").append(records).append(" records");
    }
    line.append(", ").append(bytes).append(" bytes");
    if (!usable()) {
      line.append(", CORRUPT ").append(place()).append(": ").append(problemText());
    }
    return line.toString();
  }

  /** "at offset N" in the container, or "in its records" when the master's decoder found it. */
  String place() {
    return problem.offset() >= 0 ? "at offset " + problem.offset() : "in its records";
  }

  /** The problem without the file name and offset that the exception's message starts with. */
  String problemText() {
    String prefix = "'" + problem.source() + "'"
        + (problem.offset() >= 0 ? " at offset " + problem.offset() : "") + ": ";
    String message = problem.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
