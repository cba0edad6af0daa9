package io.quire.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The one-line file through which a server tells {@code bin/quire start} how its start ended:
 * {@code SERVING <where>} or {@code FAILED <reason>}. Written whole (temporary name, then rename)
 * so that a reader never sees half a line.
 */
public final class StatusFile {

  /** How a start ended. */
  public enum State { SERVING, FAILED }

  /** A status line: the state and a one-line detail (where it serves, or why it failed). */
  public record Status(State state, String detail) {}

  private final Path file;

  public StatusFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  public void write(State state, String detail) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    String line = state + " " + detail.replace('\n', ' ').replace('\r', ' ') + "\n";
    Files.writeString(temporary, line, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The status, or empty while the server has written none. */
  public Optional<Status> read() throws IOException {
    String line;
    try {
      line = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    int space = line.indexOf(' ');
    String state = space < 0 ? line : line.substring(0, space);
    String detail = space < 0 ? "" : line.substring(space + 1);
    try {
      return Optional.of(new Status(State.valueOf(state), detail));
    } catch (IllegalArgumentException unknown) {
      throw new IOException("unreadable status file " + file + ": '" + line + "'", unknown);
    }
  }

  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
