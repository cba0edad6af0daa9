package io.quire.storage.nfs;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real NFSv3 server (nfs-ganesha on 127.0.0.1) for one test class, started and stopped by
 * {@code test-harness/scripts/nfs-server.sh}: register it as a static
 * {@code @RegisterExtension} field. The server exports a fresh folder of its own under
 * {@code target/}; tests reach it through the Java NFSv3 client, since the machines that run
 * them have no NFS client in their kernel.
 *
 * <p>There is one NFS server per machine (port 2049), so the server is stopped before it is
 * started and after the class, whatever happened. A server that cannot start fails the class
 * with the script's output: these tests never skip.
 */
public final class NfsServer implements BeforeAllCallback, AfterAllCallback {

  private static final Path SCRIPT = findScript();
  /** Installing the packages on a fresh machine takes most of this. */
  private static final long SCRIPT_MINUTES = 10;

  private Path workdir;
  private URI exportUri;
  private Path backing;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String name = context.getRequiredTestClass().getSimpleName();
    open(Path.of("target", "nfs-" + name + "-" + ProcessHandle.current().pid()));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  /** Starts a server exporting a folder under {@code workdir} (outside JUnit: the benchmark). */
  public void open(Path workdir) throws IOException, InterruptedException {
    this.workdir = workdir.toAbsolutePath().normalize();
    Files.createDirectories(this.workdir);
    List<String> lines = start();
    for (String line : lines) {
      if (line.startsWith("NFS_URI=")) {
        exportUri = URI.create(line.substring("NFS_URI=".length()));
      } else if (line.startsWith("NFS_BACKING=")) {
        backing = Path.of(line.substring("NFS_BACKING=".length()));
      }
    }
    if (exportUri == null || backing == null) {
      throw new IllegalStateException("nfs-server.sh up printed no NFS_URI= and NFS_BACKING= "
          + "lines: " + lines);
    }
  }

  /** Stops the server, if it was started. */
  public void close() throws IOException, InterruptedException {
    if (workdir != null) {
      run("down");
    }
  }

  /** The exported folder, {@code nfs://127.0.0.1/<real path>}. */
  public URI export() {
    return exportUri;
  }

  /** A folder {@code name} inside the export (not created). */
  public URI folder(String name) {
    return URI.create(exportUri + "/" + name);
  }

  /** The export's folder on the server's own disk, to check what the server holds. */
  public Path backing() {
    return backing;
  }

  /** Stops the server: clients get refused connections until {@link #start()}. */
  public void stop() throws IOException, InterruptedException {
    run("down");
  }

  /** Starts the server again on the same export (after {@link #stop()}). */
  public List<String> start() throws IOException, InterruptedException {
    return run("up");
  }

  /**
   * {@code test-harness/scripts/nfs-server.sh} of this source tree, looked for from the working
   * directory up (tests run in their module's folder, which sits at different depths).
   */
  private static Path findScript() {
    Path relative = Path.of("test-harness", "scripts", "nfs-server.sh");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    return relative.toAbsolutePath();
  }

  private List<String> run(String command) throws IOException, InterruptedException {
    if (!Files.isRegularFile(SCRIPT)) {
      throw new IllegalStateException("no NFS server script at " + SCRIPT);
    }
    Process process = new ProcessBuilder("bash", SCRIPT.toString(), command, workdir.toString())
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (var out = process.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    }
    if (!process.waitFor(SCRIPT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("nfs-server.sh " + command + " did not finish within "
          + SCRIPT_MINUTES + " minutes: " + lines);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("the NFS server could not be " + (command.equals("up")
          ? "started" : "stopped") + " (nfs-server.sh " + command + " " + workdir + " exited "
          + process.exitValue() + "; it needs root and Debian's nfs-ganesha packages): "
          + String.join("\n", lines));
    }
    return lines;
  }
}
