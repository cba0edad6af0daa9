package io.quire.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pid file of one master. A pid file whose process is gone, or is no longer a Quire server
 * (the pid was reused), is stale: it is ignored and overwritten.
 */
public final class PidFile {

  private final Path file;

  public PidFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The live Quire server this file names, if any. */
  public Optional<ProcessHandle> liveProcess() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(p -> !ProcessExit.exited(p)).filter(PidFile::isQuireServer);
  }

  /** Writes the current process's pid. */
  public void writeCurrent() throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
  }

  /** Deletes the file if it still names the current process (a successor may have replaced it). */
  public void deleteIfCurrent() throws IOException {
    try {
      if (Files.readString(file, StandardCharsets.UTF_8).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
        Files.delete(file);
      }
    } catch (NoSuchFileException gone) {
      // nothing to clean up
    }
  }

  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /** When the OS does not tell the command line, assume the pid is still ours rather than start twice. */
  private static boolean isQuireServer(ProcessHandle process) {
    return process.info().commandLine().map(line -> line.contains(QuireServer.class.getName())).orElse(true);
  }
}
