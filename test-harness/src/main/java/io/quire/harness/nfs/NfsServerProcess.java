package io.quire.harness.nfs;

import io.quire.harness.Commands;
import io.quire.harness.QuireHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real NFSv3 server on 127.0.0.1 (nfs-ganesha), run by {@code test-harness/scripts/nfs-server.sh}
 * of the Quire source tree the harness drives: {@code up WORKDIR} starts it exporting
 * {@code WORKDIR/export} (installing Debian's packages first if they are missing), {@code down
 * WORKDIR} stops it, and {@code up} again starts it on the same export. The harness's equivalent of
 * the storage bundle's test fixture {@code NfsServer}, which it cannot depend on.
 *
 * <p>The server takes port 2049, so one runs per machine: {@link #close} stops it whatever
 * happened, and a shutdown hook does so if the harness is stopped (Ctrl-C) before that.
 */
public final class NfsServerProcess implements AutoCloseable {
  private static final Path SCRIPT = Path.of("test-harness", "scripts", "nfs-server.sh");
  /** Installing the packages on a fresh machine takes most of this. */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);

  private final Path script;
  private final Path workdir;
  private final Thread shutdownHook;
  private String export;
  private Path backing;
  private boolean closed;

  private NfsServerProcess(Path script, Path workdir) {
    this.script = script;
    this.workdir = workdir;
    this.shutdownHook = new Thread(this::stopQuietly, "nfs-server-shutdown");
  }

  /**
   * Starts a server exporting {@code workdir/export}.
   *
   * @param home the source tree whose {@code test-harness/scripts/nfs-server.sh} runs it
   */
  public static NfsServerProcess start(QuireHome home, Path workdir)
      throws IOException, InterruptedException {
    Path script = home.home().resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new IOException("no " + SCRIPT + " under " + home.home() + ": the NFS scenarios run "
          + "from a Quire source tree (QUIRE_HOME or --home)");
    }
    Path dir = workdir.toAbsolutePath().normalize();
    Files.createDirectories(dir);
    NfsServerProcess server = new NfsServerProcess(script, dir);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** {@code nfs://127.0.0.1/<the export's real path>}: NFSv3 servers export real paths. */
  public String export() {
    return export;
  }

  /** The folder {@code name} inside the export, as an {@code nfs://} URI (not created). */
  public String folder(String name) {
    return export + "/" + name;
  }

  /** The export on the server's own disk. */
  public Path backing() {
    return backing;
  }

  /** {@code nfs-server.sh down}: clients get refused connections until {@link #start}. */
  public void stop() throws IOException, InterruptedException {
    run("down");
  }

  /** {@code nfs-server.sh up}: (again) on the same export; returns once it serves. */
  public void start() throws IOException, InterruptedException {
    List<String> lines = run("up").lines().toList();
    for (String line : lines) {
      if (line.startsWith("NFS_URI=")) {
        export = line.substring("NFS_URI=".length());
      } else if (line.startsWith("NFS_BACKING=")) {
        backing = Path.of(line.substring("NFS_BACKING=".length()));
      }
    }
    if (export == null || backing == null) {
      throw new IOException("nfs-server.sh up printed no NFS_URI= and NFS_BACKING= lines: "
          + lines);
    }
  }

  private String run(String command) throws IOException, InterruptedException {
    Commands.Result result = Commands.run(List.of("bash", script.toString(), command,
        workdir.toString()), SCRIPT_TIMEOUT);
    if (result.exitCode() != 0) {
      throw new IOException("nfs-server.sh " + command + " " + workdir + " exited "
          + result.exitCode() + " (it needs root and Debian's nfs-ganesha packages; "
          + "see " + workdir.resolve("ganesha.log") + "): " + result.oneLine());
    }
    return result.stdout();
  }

  private void stopQuietly() {
    try {
      run("down");
    } catch (IOException e) {
      System.err.println("nfs-server: could not stop the server of " + workdir + ": "
          + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server (whether it is up or not) once. */
  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      return; // the hook runs (or ran) instead
    }
    run("down");
  }
}
