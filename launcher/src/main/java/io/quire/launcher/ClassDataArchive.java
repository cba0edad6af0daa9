package io.quire.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing for the server JVM: a dynamic CDS archive of the classes a serving master
 * had loaded (the JDK's beyond its default archive, the launcher's and the bundles'), which later
 * starts map instead of loading, parsing and verifying them again. On two cores it took a start
 * on an empty journal from 2.3 to 1.8 s.
 *
 * <p>An archive is only good for the Java runtime, class path and JVM options it was made with
 * (and a truncated one crashes the JVM at start with SIGBUS), so:
 * <ul>
 *   <li>it is named {@code data/cds/server-<key>.jsa}, the key a checksum of the Java runtime, the
 *       JVM options and every class path jar's name, size and modification time: an upgrade or a
 *       new option means a new archive, never a mismatched one;
 *   <li>{@code bin/quire start} passes {@code -XX:SharedArchiveFile} when that archive exists;
 *       otherwise {@code -XX:+RecordDynamicDumpInfo} and {@value #ARCHIVE_PROPERTY}, and the
 *       server writes the archive at its first clean stop after serving (the dump pauses the JVM
 *       for a moment, which a stopping master can afford and a serving one should not);
 *   <li>the server writes it under a temporary name, forces it, renames it and forces the folder,
 *       then deletes the archives of other keys;
 *   <li>JVM options that already say anything about class-data sharing ({@code -Xshare},
 *       {@code SharedArchiveFile}, {@code ArchiveClassesAtExit}, {@code RecordDynamicDumpInfo})
 *       leave it to the operator; {@code -Xshare:off} turns it off.
 * </ul>
 */
public final class ClassDataArchive {
  /** Set by {@code bin/quire start} on a server that should write the archive when it stops. */
  public static final String ARCHIVE_PROPERTY = "quire.cds.archive";

  private static final String PREFIX = "server-";
  private static final String SUFFIX = ".jsa";

  private ClassDataArchive() {}

  /** {@code data/cds} under {@code home}. */
  public static Path folder(Path home) {
    return home.resolve("data").resolve("cds");
  }

  /**
   * The options that give a server JVM its archive, or none when {@code javaOptions} already
   * decide about class-data sharing or the class path has anything but jars (the JVM refuses
   * to record an archive for a class path with a non-empty folder in it).
   *
   * @param javaOptions the server's other JVM options, part of the archive's key
   */
  public static List<String> serverOptions(Path home, String javaExecutable, String classPath,
      List<String> javaOptions) throws IOException {
    if (javaOptions.stream().anyMatch(o -> o.startsWith("-Xshare") || o.contains("SharedArchive")
        || o.contains("ArchiveClassesAtExit") || o.contains("RecordDynamicDumpInfo"))) {
      return List.of();
    }
    Optional<String> key = key(javaExecutable, classPath, javaOptions);
    if (key.isEmpty()) {
      return List.of();
    }
    Path archive = folder(home).resolve(PREFIX + key.get() + SUFFIX);
    // The JVM's own CDS warnings (dozens of "Skipping ... Not linked" while dumping) would land
    // in the server's log, which is its standard output; errors still do.
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=error");
    }
    return List.of("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=error",
        "-D" + ARCHIVE_PROPERTY + "=" + archive);
  }

  /** Empty when a class path entry is not a jar file. */
  static Optional<String> key(String javaExecutable, String classPath, List<String> javaOptions)
      throws IOException {
    // Not a cryptographic digest: initialising the security providers cost the start 0.18 s.
    CRC32C forward = new CRC32C();
    CRC32C backward = new CRC32C();
    List<String> parts = new ArrayList<>();
    parts.add(javaExecutable);
    parts.add(System.getProperty("java.vm.version"));
    parts.addAll(javaOptions);
    for (String entry : classPath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
        return Optional.empty();
      }
      parts.add(entry + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis());
    }
    for (int i = 0; i < parts.size(); i++) {
      forward.update(parts.get(i).getBytes(StandardCharsets.UTF_8));
      forward.update(0);
      backward.update(parts.get(parts.size() - 1 - i).getBytes(StandardCharsets.UTF_8));
      backward.update(0);
    }
    return Optional.of(String.format("%08x%08x", forward.getValue(), backward.getValue()));
  }

  /**
   * In the server, at a clean stop after serving: writes the archive {@code bin/quire start}
   * asked for, if it did. A failure costs later starts their speed, nothing else: logged, never
   * thrown.
   */
  public static void writeIfRequested() {
    String requested = System.getProperty(ARCHIVE_PROPERTY);
    if (requested == null || requested.isBlank()) {
      return;
    }
    // Not a static field: bin/quire start calls serverOptions, and a static logger would
    // configure logging in the CLI's JVM just before it spawns the server (0.2 s of a start).
    Logger log = LoggerFactory.getLogger(ClassDataArchive.class);
    Path archive = Path.of(requested);
    Path temporary = archive.resolveSibling(archive.getFileName() + "."
        + ProcessHandle.current().pid() + ".tmp");
    long start = System.nanoTime();
    try {
      Files.createDirectories(archive.getParent());
      Files.deleteIfExists(temporary);
      Object output = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
          new Object[] {new String[] {"dynamic_dump", temporary.toString()}},
          new String[] {String[].class.getName()});
      if (!Files.isRegularFile(temporary)) {
        log.warn("No class-data archive written to {}: {}", temporary,
            String.valueOf(output).strip());
        return;
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.READ)) {
        channel.force(true);
      }
      Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel folder = FileChannel.open(archive.getParent(), StandardOpenOption.READ)) {
        folder.force(true);
      }
      deleteOthers(archive);
      log.info("Wrote the class-data archive {} ({} MB) in {} ms; later starts map its classes",
          archive, Files.size(archive) >> 20, (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | JMException | RuntimeException e) {
      log.warn("Could not write the class-data archive {}: {}", archive, e.toString());
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the next writer's clean-up removes it
      }
    }
  }

  /** Archives of other keys (an upgrade, other options) and temporaries of crashed writers. */
  private static void deleteOthers(Path archive) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent(),
        PREFIX + "*")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!file.equals(archive) && (name.endsWith(SUFFIX) || name.endsWith(".tmp"))) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
